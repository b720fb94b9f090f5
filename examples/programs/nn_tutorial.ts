// The PyTorch tutorial "What is torch.nn really?" (a logistic regression on MNIST written from scratch, then
// refactored with torch.nn.functional, nn.Module, nn.Parameter, nn.Linear, optim, Dataset, DataLoader, a CNN,
// nn.Sequential and a wrapped DataLoader) on random images, line for line: python/nn_tutorial.py. Python rebinds
// `model` from a function to a Module halfway: the Module is `model_` here.
import * as torch from "tensorgrad";
import { float, print, Size } from "../tutorials/python.js";

type Tensor = torch.Tensor;
type Loader = Iterable<[Tensor, Tensor]> & { length: number };

torch.manual_seed(0);
const [x_train, y_train] = [torch.rand(256, 784), torch.randint(0, 10, [256])];
const [x_valid, y_valid] = [torch.rand(128, 784), torch.randint(0, 10, [128])];

print(Size(x_train.shape));

const [n] = x_train.shape;
print(x_train, y_train);
print(Size(x_train.shape));
print(y_train.min(), y_train.max());

const weights = torch.randn(784, 10).div(Math.sqrt(784));
weights.requires_grad_();
const bias = torch.zeros([10], { requires_grad: true });

function log_softmax(x: Tensor): Tensor {
  return x.sub(x.exp().sum(-1).log().unsqueeze(-1));
}

let model = (xb: Tensor): Tensor => log_softmax(xb.matmul(weights).add(bias));

const bs = 64; // batch size

let xb = x_train.get(`0:${bs}`); // a mini-batch from x
const preds = model(xb); // predictions
print(preds.get(0), Size(preds.shape));

function nll(input: Tensor, target: Tensor): Tensor {
  return input
    .get([...Array(target.shape[0]).keys()], target)
    .mean()
    .neg();
}

let loss_func = nll;

let yb = y_train.get(`0:${bs}`);
print(loss_func(preds, yb));

function accuracy(out: Tensor, yb: Tensor): Tensor {
  const preds = torch.argmax(out, { dim: 1 });
  return preds.eq(yb).float().mean();
}

print(accuracy(preds, yb));

let lr = 0.5; // learning rate
const epochs = 2; // how many epochs to train for

for (let epoch = 0; epoch < epochs; epoch++) {
  for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
    //         set_trace()
    const start_i = i * bs;
    const end_i = start_i + bs;
    xb = x_train.get(`${start_i}:${end_i}`);
    yb = y_train.get(`${start_i}:${end_i}`);
    const pred = model(xb);
    const loss = loss_func(pred, yb);

    loss.backward();
    torch.no_grad(() => {
      weights.sub_(weights.grad!.mul(lr));
      bias.sub_(bias.grad!.mul(lr));
      weights.grad!.zero_();
      bias.grad!.zero_();
    });
  }
}

print(loss_func(model(xb), yb), accuracy(model(xb), yb));

const F = torch.nn.functional;

loss_func = (input, target) => F.cross_entropy(input, target);

model = (xb: Tensor): Tensor => xb.matmul(weights).add(bias);

print(loss_func(model(xb), yb), accuracy(model(xb), yb));

const nn = torch.nn;

class Mnist_Logistic_Parameters extends nn.Module {
  weights: torch.nn.Parameter;
  bias: torch.nn.Parameter;

  constructor() {
    super();
    this.weights = new nn.Parameter(torch.randn(784, 10).div(Math.sqrt(784)));
    this.bias = new nn.Parameter(torch.zeros(10));
  }

  forward(xb: Tensor): Tensor {
    return xb.matmul(this.weights).add(this.bias);
  }
}

let model_: torch.nn.Module = new Mnist_Logistic_Parameters();

print(loss_func(model_.forward(xb) as Tensor, yb));

function fit_(): void {
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
      const start_i = i * bs;
      const end_i = start_i + bs;
      const xb = x_train.get(`${start_i}:${end_i}`);
      const yb = y_train.get(`${start_i}:${end_i}`);
      const pred = model_.forward(xb) as Tensor;
      const loss = loss_func(pred, yb);

      loss.backward();
      torch.no_grad(() => {
        for (const p of model_.parameters()) p.sub_(p.grad!.mul(lr));
        model_.zero_grad();
      });
    }
  }
}

fit_();

print(loss_func(model_.forward(xb) as Tensor, yb));

class Mnist_Logistic extends nn.Module {
  lin: torch.nn.Linear;

  constructor() {
    super();
    this.lin = new nn.Linear(784, 10);
  }

  forward(xb: Tensor): Tensor {
    return this.lin.forward(xb);
  }
}

model_ = new Mnist_Logistic();
print(loss_func(model_.forward(xb) as Tensor, yb));

fit_();

print(loss_func(model_.forward(xb) as Tensor, yb));

const optim = torch.optim;

function get_model(): [torch.nn.Module, torch.optim.Optimizer] {
  const model = new Mnist_Logistic();
  return [model, new optim.SGD(model.parameters(), { lr })];
}

let opt: torch.optim.Optimizer;
[model_, opt] = get_model();
print(loss_func(model_.forward(xb) as Tensor, yb));

for (let epoch = 0; epoch < epochs; epoch++) {
  for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
    const start_i = i * bs;
    const end_i = start_i + bs;
    xb = x_train.get(`${start_i}:${end_i}`);
    yb = y_train.get(`${start_i}:${end_i}`);
    const pred = model_.forward(xb) as Tensor;
    const loss = loss_func(pred, yb);

    loss.backward();
    opt.step();
    opt.zero_grad();
  }
}

print(loss_func(model_.forward(xb) as Tensor, yb));

const { TensorDataset, DataLoader } = torch.utils.data;

let train_ds = new TensorDataset(x_train, y_train);

[model_, opt] = get_model();

for (let epoch = 0; epoch < epochs; epoch++) {
  for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
    [xb, yb] = train_ds.get(`${i * bs}:${i * bs + bs}`);
    const pred = model_.forward(xb) as Tensor;
    const loss = loss_func(pred, yb);

    loss.backward();
    opt.step();
    opt.zero_grad();
  }
}

print(loss_func(model_.forward(xb) as Tensor, yb));

train_ds = new TensorDataset(x_train, y_train);
let train_dl: Loader = new DataLoader(train_ds, { batch_size: bs }) as unknown as Loader;

[model_, opt] = get_model();

for (let epoch = 0; epoch < epochs; epoch++) {
  for ([xb, yb] of train_dl) {
    const pred = model_.forward(xb) as Tensor;
    const loss = loss_func(pred, yb);

    loss.backward();
    opt.step();
    opt.zero_grad();
  }
}

print(loss_func(model_.forward(xb) as Tensor, yb));

train_ds = new TensorDataset(x_train, y_train);
train_dl = new DataLoader(train_ds, { batch_size: bs, shuffle: true }) as unknown as Loader;

const valid_ds = new TensorDataset(x_valid, y_valid);
let valid_dl: Loader = new DataLoader(valid_ds, { batch_size: bs * 2 }) as unknown as Loader;

[model_, opt] = get_model();

for (let epoch = 0; epoch < epochs; epoch++) {
  model_.train();
  for ([xb, yb] of train_dl) {
    const pred = model_.forward(xb) as Tensor;
    const loss = loss_func(pred, yb);

    loss.backward();
    opt.step();
    opt.zero_grad();
  }

  model_.eval();
  // sum(loss_func(model(xb), yb) for xb, yb in valid_dl): 0 + the first loss, then the others.
  const valid_loss = torch.no_grad(() => {
    let total: Tensor | number = 0;
    for (const [xb, yb] of valid_dl) total = loss_func(model_.forward(xb) as Tensor, yb).add(total);
    return total as Tensor;
  });

  print(epoch, valid_loss.div(valid_dl.length));
}

function loss_batch(
  model: torch.nn.Module,
  loss_func: (input: Tensor, target: Tensor) => Tensor,
  xb: Tensor,
  yb: Tensor,
  opt: torch.optim.Optimizer | null = null,
): [number, number] {
  const loss = loss_func(model.forward(xb) as Tensor, yb);

  if (opt !== null) {
    loss.backward();
    opt.step();
    opt.zero_grad();
  }

  return [loss.item(), xb.size(0)];
}

function fit(
  epochs: number,
  model: torch.nn.Module,
  loss_func: (input: Tensor, target: Tensor) => Tensor,
  opt: torch.optim.Optimizer,
  train_dl: Loader,
  valid_dl: Loader,
): void {
  for (let epoch = 0; epoch < epochs; epoch++) {
    model.train();
    for (const [xb, yb] of train_dl) loss_batch(model, loss_func, xb, yb, opt);

    model.eval();
    const [losses, nums] = torch.no_grad(() => {
      const results = [...valid_dl].map(([xb, yb]) => loss_batch(model, loss_func, xb, yb));
      return [results.map(([l]) => l), results.map(([, m]) => m)];
    });
    // np.sum(np.multiply(losses, nums)) / np.sum(nums), in float64
    const val_loss = losses.reduce((s, l, i) => s + l * nums[i]!, 0) / nums.reduce((s, m) => s + m, 0);

    print(epoch, float(val_loss));
  }
}

function get_data(
  train_ds: InstanceType<typeof TensorDataset>,
  valid_ds: InstanceType<typeof TensorDataset>,
  bs: number,
): [Loader, Loader] {
  return [
    new DataLoader(train_ds, { batch_size: bs, shuffle: true }) as unknown as Loader,
    new DataLoader(valid_ds, { batch_size: bs * 2 }) as unknown as Loader,
  ];
}

[train_dl, valid_dl] = get_data(train_ds, valid_ds, bs);
[model_, opt] = get_model();
fit(epochs, model_, loss_func, opt, train_dl, valid_dl);

class Mnist_CNN extends nn.Module {
  conv1: torch.nn.Conv2d;
  conv2: torch.nn.Conv2d;
  conv3: torch.nn.Conv2d;

  constructor() {
    super();
    this.conv1 = new nn.Conv2d(1, 16, { kernel_size: 3, stride: 2, padding: 1 });
    this.conv2 = new nn.Conv2d(16, 16, { kernel_size: 3, stride: 2, padding: 1 });
    this.conv3 = new nn.Conv2d(16, 10, { kernel_size: 3, stride: 2, padding: 1 });
  }

  forward(xb: Tensor): Tensor {
    xb = xb.view(-1, 1, 28, 28);
    xb = F.relu(this.conv1.forward(xb));
    xb = F.relu(this.conv2.forward(xb));
    xb = F.relu(this.conv3.forward(xb));
    xb = F.avg_pool2d(xb, 4);
    return xb.view(-1, xb.size(1));
  }
}

lr = 0.1;

model_ = new Mnist_CNN();
opt = new optim.SGD(model_.parameters(), { lr, momentum: 0.9 });

fit(epochs, model_, loss_func, opt, train_dl, valid_dl);

class Lambda extends nn.Module {
  func: (x: Tensor) => Tensor;

  constructor(func: (x: Tensor) => Tensor) {
    super();
    this.func = func;
  }

  forward(x: Tensor): Tensor {
    return this.func(x);
  }
}

function preprocess(x: Tensor): Tensor {
  return x.view(-1, 1, 28, 28);
}

model_ = new nn.Sequential(
  new Lambda(preprocess),
  new nn.Conv2d(1, 16, { kernel_size: 3, stride: 2, padding: 1 }),
  new nn.ReLU(),
  new nn.Conv2d(16, 16, { kernel_size: 3, stride: 2, padding: 1 }),
  new nn.ReLU(),
  new nn.Conv2d(16, 10, { kernel_size: 3, stride: 2, padding: 1 }),
  new nn.ReLU(),
  new nn.AvgPool2d(4),
  new Lambda((x) => x.view(x.size(0), -1)),
);

opt = new optim.SGD(model_.parameters(), { lr, momentum: 0.9 });

fit(epochs, model_, loss_func, opt, train_dl, valid_dl);

let preprocess_xy = (x: Tensor, y: Tensor): [Tensor, Tensor] => [x.view(-1, 1, 28, 28), y];

class WrappedDataLoader {
  constructor(
    readonly dl: Loader,
    readonly func: (x: Tensor, y: Tensor) => [Tensor, Tensor],
  ) {}

  get length(): number {
    return this.dl.length;
  }

  *[Symbol.iterator](): Generator<[Tensor, Tensor]> {
    const batches = this.dl[Symbol.iterator]();
    for (let b = batches.next(); !b.done; b = batches.next()) yield this.func(...b.value);
  }
}

[train_dl, valid_dl] = get_data(train_ds, valid_ds, bs);
train_dl = new WrappedDataLoader(train_dl, preprocess_xy);
valid_dl = new WrappedDataLoader(valid_dl, preprocess_xy);

model_ = new nn.Sequential(
  new nn.Conv2d(1, 16, { kernel_size: 3, stride: 2, padding: 1 }),
  new nn.ReLU(),
  new nn.Conv2d(16, 16, { kernel_size: 3, stride: 2, padding: 1 }),
  new nn.ReLU(),
  new nn.Conv2d(16, 10, { kernel_size: 3, stride: 2, padding: 1 }),
  new nn.ReLU(),
  new nn.AdaptiveAvgPool2d(1),
  new Lambda((x) => x.view(x.size(0), -1)),
);

opt = new optim.SGD(model_.parameters(), { lr, momentum: 0.9 });

fit(epochs, model_, loss_func, opt, train_dl, valid_dl);

print(torch.cuda.is_available());

const dev = torch.cuda.is_available() ? torch.device("cuda") : torch.device("cpu");

preprocess_xy = (x: Tensor, y: Tensor): [Tensor, Tensor] => [x.view(-1, 1, 28, 28).to(dev), y.to(dev)];

[train_dl, valid_dl] = get_data(train_ds, valid_ds, bs);
train_dl = new WrappedDataLoader(train_dl, preprocess_xy);
valid_dl = new WrappedDataLoader(valid_dl, preprocess_xy);

model_.to(dev);
opt = new optim.SGD(model_.parameters(), { lr, momentum: 0.9 });

fit(epochs, model_, loss_func, opt, train_dl, valid_dl);
