// pytorch/examples vae (a variational autoencoder trained with Adam on random 28x28 images), line for line:
// python/vae.py.
import * as torch from "tensorgrad";
import { format, print } from "../tutorials/python.js";
const { nn, optim } = torch;
const F = torch.nn.functional;
const { TensorDataset } = torch.utils.data;

const args = {
  batch_size: 64,
  epochs: 2,
  no_cuda: false,
  no_mps: false,
  seed: 1,
  log_interval: 2,
  cuda: false,
};
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- as in the original
const use_mps = false;

torch.manual_seed(args.seed);

const device = torch.device("cpu");

const kwargs = args.cuda ? { num_workers: 1, pin_memory: true } : {};
const train_loader = new torch.utils.data.DataLoader(
  new TensorDataset(torch.rand(512, 1, 28, 28).pow(4), torch.randint(0, 10, [512])),
  { batch_size: args.batch_size, shuffle: true, ...kwargs },
);
const test_loader = new torch.utils.data.DataLoader(
  new TensorDataset(torch.rand(128, 1, 28, 28).pow(4), torch.randint(0, 10, [128])),
  { batch_size: args.batch_size, shuffle: false, ...kwargs },
);

class VAE extends nn.Module {
  fc1: torch.nn.Linear;
  fc21: torch.nn.Linear;
  fc22: torch.nn.Linear;
  fc3: torch.nn.Linear;
  fc4: torch.nn.Linear;

  constructor() {
    super();

    this.fc1 = new nn.Linear(784, 400);
    this.fc21 = new nn.Linear(400, 20);
    this.fc22 = new nn.Linear(400, 20);
    this.fc3 = new nn.Linear(20, 400);
    this.fc4 = new nn.Linear(400, 784);
  }

  encode(x: torch.Tensor): [torch.Tensor, torch.Tensor] {
    const h1 = F.relu(this.fc1.forward(x));
    return [this.fc21.forward(h1), this.fc22.forward(h1)];
  }

  reparameterize(mu: torch.Tensor, logvar: torch.Tensor): torch.Tensor {
    const std = torch.exp(logvar.mul(0.5));
    const eps = torch.randn_like(std);
    return mu.add(eps.mul(std));
  }

  decode(z: torch.Tensor): torch.Tensor {
    const h3 = F.relu(this.fc3.forward(z));
    return torch.sigmoid(this.fc4.forward(h3));
  }

  forward(x: torch.Tensor): [torch.Tensor, torch.Tensor, torch.Tensor] {
    const [mu, logvar] = this.encode(x.view(-1, 784));
    const z = this.reparameterize(mu, logvar);
    return [this.decode(z), mu, logvar];
  }
}

const model = new VAE().to(device);
const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3 });

// Reconstruction + KL divergence losses summed over all elements and batch
function loss_function(recon_x: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) {
  const BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), { reduction: "sum" });

  // see Appendix B from VAE paper:
  // Kingma and Welling. Auto-Encoding Variational Bayes. ICLR, 2014
  // https://arxiv.org/abs/1312.6114
  // 0.5 * sum(1 + log(sigma^2) - mu^2 - sigma^2)
  const KLD = torch.sum(logvar.add(1).sub(mu.pow(2)).sub(logvar.exp())).mul(-0.5);

  return BCE.add(KLD);
}

function train(epoch: number): void {
  model.train();
  let train_loss = 0;
  let batch_idx = 0; // enumerate(train_loader)
  for (let [data] of train_loader as Iterable<[torch.Tensor, torch.Tensor]>) {
    data = data.to(device);
    optimizer.zero_grad();
    const [recon_batch, mu, logvar] = model.forward(data);
    const loss = loss_function(recon_batch, data, mu, logvar);
    loss.backward();
    train_loss += loss.item();
    optimizer.step();
    if (batch_idx % args.log_interval === 0)
      print(
        `Train Epoch: ${epoch} [${batch_idx * data.size(0)}/${train_loader.dataset.length} (${format((100 * batch_idx) / train_loader.length, ".0f")}%)]\tLoss: ${format(loss.item() / data.size(0), ".6f")}`,
      );
    batch_idx++;
  }

  print(`====> Epoch: ${epoch} Average loss: ${format(train_loss / train_loader.dataset.length, ".4f")}`);
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- unused, as in the original
function test(epoch: number): void {
  model.eval();
  let test_loss = 0;
  torch.no_grad(() => {
    let i = 0; // enumerate(test_loader)
    for (let [data] of test_loader as Iterable<[torch.Tensor, torch.Tensor]>) {
      data = data.to(device);
      const [recon_batch, mu, logvar] = model.forward(data);
      test_loss += loss_function(recon_batch, data, mu, logvar).item();
      if (i === 0) {
        const n = Math.min(data.size(0), 8);
        // eslint-disable-next-line @typescript-eslint/no-unused-vars -- saved as an image in the original
        const comparison = torch.cat([
          data.get(`:${n}`),
          recon_batch.view(args.batch_size, 1, 28, 28).get(`:${n}`),
        ]);
      }
      i++;
    }
  });

  test_loss /= test_loader.dataset.length;
  print(`====> Test set loss: ${format(test_loss, ".4f")}`);
}

for (let epoch = 1; epoch < args.epochs + 1; epoch++) {
  train(epoch);
  test(epoch);
  torch.no_grad(() => {
    let sample = torch.randn(64, 20).to(device);
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- saved as an image in the original
    sample = model.decode(sample).cpu();
  });
}
