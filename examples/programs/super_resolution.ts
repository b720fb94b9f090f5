// pytorch/examples super_resolution (four Conv2d layers with orthogonal init and nn.PixelShuffle, Adam on
// MSELoss, PSNR) on random images, line for line: python/super_resolution.py.
import * as torch from "tensorgrad";
import { format, print } from "../tutorials/python.js";
const { nn, optim } = torch;
const F = torch.nn.functional;
const init = torch.nn.init;
const { DataLoader, TensorDataset } = torch.utils.data;

const log10 = Math.log10;

// model.py
class Net extends nn.Module {
  relu: torch.nn.ReLU;
  conv1: torch.nn.Conv2d;
  conv2: torch.nn.Conv2d;
  conv3: torch.nn.Conv2d;
  conv4: torch.nn.Conv2d;
  pixel_shuffle: torch.nn.PixelShuffle;

  constructor(upscale_factor: number) {
    super();

    this.relu = new nn.ReLU();
    this.conv1 = new nn.Conv2d(1, 64, [5, 5], [1, 1], [2, 2]);
    this.conv2 = new nn.Conv2d(64, 64, [3, 3], [1, 1], [1, 1]);
    this.conv3 = new nn.Conv2d(64, 32, [3, 3], [1, 1], [1, 1]);
    this.conv4 = new nn.Conv2d(32, upscale_factor ** 2, [3, 3], [1, 1], [1, 1]);
    this.pixel_shuffle = new nn.PixelShuffle(upscale_factor);

    this._initialize_weights();
  }

  forward(x: torch.Tensor): torch.Tensor {
    x = this.relu.forward(this.conv1.forward(x));
    x = this.relu.forward(this.conv2.forward(x));
    x = this.relu.forward(this.conv3.forward(x));
    x = this.pixel_shuffle.forward(this.conv4.forward(x));
    return x;
  }

  _initialize_weights(): void {
    init.orthogonal_(this.conv1.weight, init.calculate_gain("relu"));
    init.orthogonal_(this.conv2.weight, init.calculate_gain("relu"));
    init.orthogonal_(this.conv3.weight, init.calculate_gain("relu"));
    init.orthogonal_(this.conv4.weight);
  }
}

// data.py
function calculate_valid_crop_size(crop_size: number, upscale_factor: number): number {
  return crop_size - (crop_size % upscale_factor);
}

function synthetic_set(n: number, crop_size: number, upscale_factor: number) {
  const target = torch.rand(n, 1, crop_size, crop_size);
  const input = F.avg_pool2d(target, upscale_factor);
  return new TensorDataset(input, target);
}

function get_training_set(upscale_factor: number) {
  const crop_size = calculate_valid_crop_size(26, upscale_factor);
  return synthetic_set(32, crop_size, upscale_factor);
}

function get_test_set(upscale_factor: number) {
  const crop_size = calculate_valid_crop_size(26, upscale_factor);
  return synthetic_set(8, crop_size, upscale_factor);
}

// main.py
// Training settings
const opt = {
  upscale_factor: 3,
  batchSize: 8,
  testBatchSize: 4,
  nEpochs: 2,
  lr: 0.01,
  accel: false,
  threads: 0,
  seed: 123,
};

print(
  `namespace(upscale_factor=${opt.upscale_factor}, batchSize=${opt.batchSize}, testBatchSize=${opt.testBatchSize}, nEpochs=${opt.nEpochs}, lr=${opt.lr}, accel=${opt.accel ? "True" : "False"}, threads=${opt.threads}, seed=${opt.seed})`,
);

torch.manual_seed(opt.seed);

const device = torch.device("cpu");

print("===> Loading datasets");
const train_set = get_training_set(opt.upscale_factor);
const test_set = get_test_set(opt.upscale_factor);
const training_data_loader = new DataLoader(train_set, {
  num_workers: opt.threads,
  batch_size: opt.batchSize,
  shuffle: true,
});
const testing_data_loader = new DataLoader(test_set, {
  num_workers: opt.threads,
  batch_size: opt.testBatchSize,
  shuffle: false,
});

print("===> Building model");
const model = new Net(opt.upscale_factor).to(device);
const criterion = new nn.MSELoss();

const optimizer = new optim.Adam(model.parameters(), { lr: opt.lr });

function train(epoch: number): void {
  let epoch_loss = 0;
  let iteration = 1; // enumerate(training_data_loader, 1)
  for (const batch of training_data_loader as Iterable<[torch.Tensor, torch.Tensor]>) {
    const [input, target] = [batch[0].to(device), batch[1].to(device)];

    optimizer.zero_grad();
    const loss = criterion.forward(model.forward(input), target);
    epoch_loss += loss.item();
    loss.backward();
    optimizer.step();

    print(
      `===> Epoch[${epoch}](${iteration}/${training_data_loader.length}): Loss: ${format(loss.item(), ".4f")}`,
    );
    iteration++;
  }

  print(
    `===> Epoch ${epoch} Complete: Avg. Loss: ${format(epoch_loss / training_data_loader.length, ".4f")}`,
  );
}

function test(): void {
  let avg_psnr = 0;
  torch.no_grad(() => {
    for (const batch of testing_data_loader as Iterable<[torch.Tensor, torch.Tensor]>) {
      const [input, target] = [batch[0].to(device), batch[1].to(device)];

      const prediction = model.forward(input);
      const mse = criterion.forward(prediction, target);
      const psnr = 10 * log10(1 / mse.item());
      avg_psnr += psnr;
    }
  });
  print(`===> Avg. PSNR: ${format(avg_psnr / testing_data_loader.length, ".4f")} dB`);
}

function checkpoint(epoch: number): void {
  const model_out_path = `model_epoch_${epoch}.pth`;
  print(`Checkpoint saved to ${model_out_path}`);
}

for (let epoch = 1; epoch < opt.nEpochs + 1; epoch++) {
  train(epoch);
  test();
  checkpoint(epoch);
}
