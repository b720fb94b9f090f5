// The PyTorch tutorial "Adversarial Example Generation" (the Fast Gradient Sign Attack on a LeNet: the gradient
// w.r.t. the input image, sign, clamp, accuracy for each epsilon) on striped random images, line for line:
// python/fgsm_attack.py.
import * as torch from "tensorgrad";
import { float, format, print } from "../tutorials/python.js";
const { nn, optim } = torch;
const F = torch.nn.functional;
const { DataLoader, TensorDataset } = torch.utils.data;

type Tensor = torch.Tensor;
type Loader = Iterable<[Tensor, Tensor]> & { length: number };
type Device = ReturnType<typeof torch.device>;

const epsilons = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
const use_cuda = false;

// LeNet Model definition
class Net extends nn.Module {
  conv1: torch.nn.Conv2d;
  conv2: torch.nn.Conv2d;
  conv2_drop: torch.nn.Dropout2d;
  fc1: torch.nn.Linear;
  fc2: torch.nn.Linear;

  constructor() {
    super();
    this.conv1 = new nn.Conv2d(1, 10, { kernel_size: 5 });
    this.conv2 = new nn.Conv2d(10, 20, { kernel_size: 5 });
    this.conv2_drop = new nn.Dropout2d();
    this.fc1 = new nn.Linear(320, 50);
    this.fc2 = new nn.Linear(50, 10);
  }

  forward(x: Tensor): Tensor {
    x = F.relu(F.max_pool2d(this.conv1.forward(x), 2));
    x = F.relu(F.max_pool2d(this.conv2_drop.forward(this.conv2.forward(x)), 2));
    x = x.view(-1, 320);
    x = F.relu(this.fc1.forward(x));
    x = F.dropout(x, { training: this.training });
    x = this.fc2.forward(x);
    return F.log_softmax(x, { dim: 1 });
  }
}

// The stand-in for MNIST and for the pretrained model.
function striped_images(n: number) {
  const labels = torch.randint(0, 10, [n]);
  const stripes = torch.arange(28).floor_divide(3).eq(labels.view(-1, 1)).float();
  const images = torch
    .rand(n, 1, 28, 28)
    .mul(0.3)
    .add(stripes.view(n, 1, 1, 28).mul(0.7));
  return new TensorDataset(images, labels);
}

function pretrain(): Record<string, Tensor> {
  const trained = new Net();
  const train_loader = new DataLoader(striped_images(512), { batch_size: 64, shuffle: true });
  const optimizer = new optim.SGD(trained.parameters(), { lr: 0.1, momentum: 0.5 });
  trained.train();
  let loss = torch.tensor(0);
  for (let epoch = 1; epoch < 7; epoch++) {
    for (const [data, target] of train_loader as Iterable<[Tensor, Tensor]>) {
      optimizer.zero_grad();
      loss = F.nll_loss(trained.forward(data), target);
      loss.backward();
      optimizer.step();
    }
    print(`Pretraining epoch ${epoch}: loss ${format(loss.item(), ".3f")}`);
  }
  return trained.state_dict();
}

torch.manual_seed(1);
const pretrained_model = pretrain();

// MNIST Test dataset and dataloader declaration
const test_loader = new DataLoader(striped_images(40), { batch_size: 1, shuffle: true }) as unknown as Loader;

// Define what device we are using
print("CUDA Available: ", torch.cuda.is_available());
const device = torch.device(use_cuda && torch.cuda.is_available() ? "cuda" : "cpu");

// Initialize the network
const model = new Net().to(device);

// Load the pretrained model
model.load_state_dict(pretrained_model);

// Set the model in evaluation mode. In this case this is for the Dropout layers
model.eval();

// FGSM attack code
function fgsm_attack(image: Tensor, epsilon: number, data_grad: Tensor): Tensor {
  // Collect the element-wise sign of the data gradient
  const sign_data_grad = data_grad.sign();
  // Create the perturbed image by adjusting each pixel of the input image
  let perturbed_image = image.add(sign_data_grad.mul(epsilon));
  // Adding clipping to maintain [0,1] range
  perturbed_image = torch.clamp(perturbed_image, 0, 1);
  // Return the perturbed image
  return perturbed_image;
}

type Example = [number, number, unknown];

function test(model: Net, device: Device, test_loader: Loader, epsilon: number): [number, Example[]] {
  // Accuracy counter
  let correct = 0;
  const adv_examples: Example[] = [];

  // Loop over all examples in test set
  for (let [data, target] of test_loader) {
    // Send the data and label to the device
    [data, target] = [data.to(device), target.to(device)];

    // Set requires_grad attribute of tensor. Important for Attack
    data.requires_grad = true;

    // Forward pass the data through the model
    let output = model.forward(data);
    const init_pred = output.max(1, { keepdim: true })[1]; // get the index of the max log-probability

    // If the initial prediction is wrong, dont bother attacking, just move on
    if (init_pred.item() !== target.item()) continue;

    // Calculate the loss
    const loss = F.nll_loss(output, target);

    // Zero all existing gradients
    model.zero_grad();

    // Calculate gradients of model in backward pass
    loss.backward();

    // Collect datagrad
    const data_grad = data.grad!.data;

    // Call FGSM Attack
    const perturbed_data = fgsm_attack(data, epsilon, data_grad);

    // Re-classify the perturbed image
    output = model.forward(perturbed_data);

    // Check for success
    const final_pred = output.max(1, { keepdim: true })[1]; // get the index of the max log-probability
    if (final_pred.item() === target.item()) {
      correct += 1;
      // Special case for saving 0 epsilon examples
      if (epsilon === 0 && adv_examples.length < 5) {
        const adv_ex = perturbed_data.squeeze().detach().cpu().numpy();
        adv_examples.push([init_pred.item(), final_pred.item(), adv_ex]);
      }
    } else {
      // Save some adv examples for visualization later
      if (adv_examples.length < 5) {
        const adv_ex = perturbed_data.squeeze().detach().cpu().numpy();
        adv_examples.push([init_pred.item(), final_pred.item(), adv_ex]);
      }
    }
  }

  // Calculate final accuracy for this epsilon
  const final_acc = correct / test_loader.length;
  print(
    `Epsilon: ${epsilon}\tTest Accuracy = ${correct} / ${test_loader.length} = ${String(float(final_acc))}`,
  );

  // Return the accuracy and an adversarial example
  return [final_acc, adv_examples];
}

const accuracies: number[] = [];
const examples: Example[][] = [];

// Run test for each epsilon
for (const eps of epsilons) {
  const [acc, ex] = test(model, device, test_loader, eps);
  accuracies.push(acc);
  examples.push(ex);
}

// What the plots show: each epsilon's examples, "original classification -> adversarial classification".
for (let i = 0; i < epsilons.length; i++)
  print(`Eps: ${epsilons[i]}`, examples[i]!.map(([orig, adv]) => `${orig} -> ${adv}`).join(", "));
