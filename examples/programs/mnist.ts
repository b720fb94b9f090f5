// pytorch/examples mnist (Conv2d, Dropout, max_pool2d, log_softmax, nll_loss, Adadelta, StepLR) on random
// images, line for line: python/mnist.py.
import * as torch from "tensorgrad";
import { format, print } from "../tutorials/python.js";
const { nn, optim } = torch;
const F = torch.nn.functional;
const { StepLR } = torch.optim.lr_scheduler;
const { DataLoader, TensorDataset } = torch.utils.data;

type Loader = InstanceType<typeof DataLoader>;
type Device = ReturnType<typeof torch.device>;
interface Args {
  batch_size: number;
  test_batch_size: number;
  epochs: number;
  lr: number;
  gamma: number;
  no_cuda: boolean;
  no_mps: boolean;
  dry_run: boolean;
  seed: number;
  log_interval: number;
  save_model: boolean;
}

class Net extends nn.Module {
  conv1: torch.nn.Conv2d;
  conv2: torch.nn.Conv2d;
  dropout1: torch.nn.Dropout;
  dropout2: torch.nn.Dropout;
  fc1: torch.nn.Linear;
  fc2: torch.nn.Linear;

  constructor() {
    super();
    this.conv1 = new nn.Conv2d(1, 32, 3, 1);
    this.conv2 = new nn.Conv2d(32, 64, 3, 1);
    this.dropout1 = new nn.Dropout(0.25);
    this.dropout2 = new nn.Dropout(0.5);
    this.fc1 = new nn.Linear(9216, 128);
    this.fc2 = new nn.Linear(128, 10);
  }

  forward(x: torch.Tensor): torch.Tensor {
    x = this.conv1.forward(x);
    x = F.relu(x);
    x = this.conv2.forward(x);
    x = F.relu(x);
    x = F.max_pool2d(x, 2);
    x = this.dropout1.forward(x);
    x = torch.flatten(x, 1);
    x = this.fc1.forward(x);
    x = F.relu(x);
    x = this.dropout2.forward(x);
    x = this.fc2.forward(x);
    const output = F.log_softmax(x, { dim: 1 });
    return output;
  }
}

function train(
  args: Args,
  model: Net,
  device: Device,
  train_loader: Loader,
  optimizer: torch.optim.Optimizer,
  epoch: number,
): void {
  model.train();
  let batch_idx = 0; // enumerate(train_loader)
  for (let [data, target] of train_loader as Iterable<[torch.Tensor, torch.Tensor]>) {
    [data, target] = [data.to(device), target.to(device)];
    optimizer.zero_grad();
    const output = model.forward(data);
    const loss = F.nll_loss(output, target);
    loss.backward();
    optimizer.step();
    if (batch_idx % args.log_interval === 0) {
      print(
        `Train Epoch: ${epoch} [${batch_idx * data.size(0)}/${train_loader.dataset.length} (${format((100 * batch_idx) / train_loader.length, ".0f")}%)]\tLoss: ${format(loss.item(), ".6f")}`,
      );
      if (args.dry_run) break;
    }
    batch_idx++;
  }
}

function test(model: Net, device: Device, test_loader: Loader): void {
  model.eval();
  let test_loss = 0;
  let correct = 0;
  torch.no_grad(() => {
    for (let [data, target] of test_loader as Iterable<[torch.Tensor, torch.Tensor]>) {
      [data, target] = [data.to(device), target.to(device)];
      const output = model.forward(data);
      test_loss += F.nll_loss(output, target, { reduction: "sum" }).item(); // sum up batch loss
      const pred = output.argmax({ dim: 1, keepdim: true }); // get the index of the max log-probability
      correct += pred.eq(target.view_as(pred)).sum().item();
    }
  });

  test_loss /= test_loader.dataset.length;

  print(
    `\nTest set: Average loss: ${format(test_loss, ".4f")}, Accuracy: ${correct}/${test_loader.dataset.length} (${format((100 * correct) / test_loader.dataset.length, ".0f")}%)\n`,
  );
}

function main(): void {
  // Training settings
  const args: Args = {
    batch_size: 32,
    test_batch_size: 50,
    epochs: 2,
    lr: 1.0,
    gamma: 0.7,
    no_cuda: false,
    no_mps: false,
    dry_run: false,
    seed: 1,
    log_interval: 1,
    save_model: false,
  };
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- as in the original
  const use_cuda = false;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- as in the original
  const use_mps = false;

  torch.manual_seed(args.seed);

  const device = torch.device("cpu");

  const train_kwargs = { batch_size: args.batch_size };
  const test_kwargs = { batch_size: args.test_batch_size };

  const normalize = (images: torch.Tensor) => images.sub(0.1307).div(0.3081);
  const dataset1 = new TensorDataset(normalize(torch.rand(128, 1, 28, 28)), torch.randint(0, 10, [128]));
  const dataset2 = new TensorDataset(normalize(torch.rand(100, 1, 28, 28)), torch.randint(0, 10, [100]));
  const train_loader = new DataLoader(dataset1, train_kwargs);
  const test_loader = new DataLoader(dataset2, test_kwargs);

  const model = new Net().to(device);
  const optimizer = new optim.Adadelta(model.parameters(), { lr: args.lr });

  const scheduler = new StepLR(optimizer, { step_size: 1, gamma: args.gamma });
  for (let epoch = 1; epoch < args.epochs + 1; epoch++) {
    train(args, model, device, train_loader, optimizer, epoch);
    test(model, device, test_loader);
    scheduler.step();
  }
}

main();
