// "Optimizing Model Parameters" on random FashionMNIST-shaped data, line for line: python/optimization.py.
import * as torch from "tensorgrad";
import { format, print } from "./python.js";
const nn = torch.nn;
const { DataLoader, TensorDataset } = torch.utils.data;
torch.manual_seed(0);

const training_data = new TensorDataset(torch.rand(640, 1, 28, 28), torch.randint(0, 10, [640]));

const test_data = new TensorDataset(torch.rand(320, 1, 28, 28), torch.randint(0, 10, [320]));

const train_dataloader = new DataLoader(training_data, { batch_size: 64 });
const test_dataloader = new DataLoader(test_data, { batch_size: 64 });

class NeuralNetwork extends nn.Module {
  flatten: torch.nn.Flatten;
  linear_relu_stack: torch.nn.Sequential;

  constructor() {
    super();
    this.flatten = new nn.Flatten();
    this.linear_relu_stack = new nn.Sequential(
      new nn.Linear(28 * 28, 512),
      new nn.ReLU(),
      new nn.Linear(512, 512),
      new nn.ReLU(),
      new nn.Linear(512, 10),
    );
  }

  forward(x: torch.Tensor): torch.Tensor {
    x = this.flatten.forward(x);
    const logits = this.linear_relu_stack.forward(x) as torch.Tensor;
    return logits;
  }
}

const model = new NeuralNetwork();

const learning_rate = 1e-3;
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- defined and unused, as in the tutorial
const batch_size = 64;
let epochs = 5;

// Initialize the loss function
let loss_fn = new nn.CrossEntropyLoss();

let optimizer = new torch.optim.SGD(model.parameters(), { lr: learning_rate });

type Loader = InstanceType<typeof DataLoader>;

function train_loop(
  dataloader: Loader,
  model: NeuralNetwork,
  loss_fn: torch.nn.CrossEntropyLoss,
  optimizer: torch.optim.SGD,
) {
  const size = (dataloader.dataset as { length: number }).length;
  let batch = 0; // enumerate(dataloader)
  for (const [X, y] of dataloader as Iterable<[torch.Tensor, torch.Tensor]>) {
    // Compute prediction and loss
    const pred = model.forward(X);
    const loss = loss_fn.forward(pred, y);

    // Backpropagation
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();

    if (batch % 5 === 0) {
      const [lossValue, current] = [loss.item(), batch * X.shape[0]!];
      print(`loss: ${format(lossValue, ">7f")}  [${format(current, ">5d")}/${format(size, ">5d")}]`);
    }
    batch++;
  }
}

function test_loop(dataloader: Loader, model: NeuralNetwork, loss_fn: torch.nn.CrossEntropyLoss) {
  const size = (dataloader.dataset as { length: number }).length;
  const num_batches = dataloader.length;
  let [test_loss, correct] = [0, 0];

  torch.no_grad(() => {
    for (const [X, y] of dataloader as Iterable<[torch.Tensor, torch.Tensor]>) {
      const pred = model.forward(X);
      test_loss += loss_fn.forward(pred, y).item();
      correct += (pred.argmax(1).eq(y).type(torch.float) as torch.Tensor).sum().item();
    }
  });

  test_loss /= num_batches;
  correct /= size;
  print(
    `Test Error: \n Accuracy: ${format(100 * correct, ">0.1f")}%, Avg loss: ${format(test_loss, ">8f")} \n`,
  );
}

loss_fn = new nn.CrossEntropyLoss();
optimizer = new torch.optim.SGD(model.parameters(), { lr: learning_rate });

epochs = 2;
for (let t = 0; t < epochs; t++) {
  print(`Epoch ${t + 1}\n-------------------------------`);
  train_loop(train_dataloader, model, loss_fn, optimizer);
  test_loop(test_dataloader, model, loss_fn);
}
print("Done!");
