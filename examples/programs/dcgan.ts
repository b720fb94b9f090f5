// pytorch/examples dcgan (a ConvTranspose2d generator against a Conv2d discriminator, BCELoss, Adam) on random
// 64x64 images, line for line: python/dcgan.py.
import * as torch from "tensorgrad";
import { format, print, random, repr } from "../tutorials/python.js";
const { nn, optim } = torch;
const { TensorDataset } = torch.utils.data;

const opt = {
  dataset: "fake",
  dataroot: null,
  workers: 0,
  batchSize: 8,
  imageSize: 64,
  nz: 16,
  ngf: 8,
  ndf: 8,
  niter: 2,
  lr: 0.0002,
  beta1: 0.5,
  cuda: false,
  dry_run: false,
  ngpu: 1,
  netG: "",
  netD: "",
  outf: ".",
  manualSeed: 999 as number | null,
  classes: "bedroom",
  mps: false,
};
// print(opt): argparse.Namespace's repr
print(
  `Namespace(${Object.entries(opt)
    .map(([k, v]) => `${k}=${repr(v)}`)
    .join(", ")})`,
);

if (opt.manualSeed === null) opt.manualSeed = random.randint(1, 10000);
print("Random Seed: ", opt.manualSeed);
random.seed(opt.manualSeed);
torch.manual_seed(opt.manualSeed);

const device = torch.device("cpu");

const dataset = new TensorDataset(
  torch.rand(16, 3, opt.imageSize, opt.imageSize).mul(2).sub(1),
  torch.zeros(16, { dtype: torch.long }),
);
const nc = 3;

const dataloader = new torch.utils.data.DataLoader(dataset, {
  batch_size: opt.batchSize,
  shuffle: true,
  num_workers: Math.trunc(opt.workers),
});

const ngpu = Math.trunc(opt.ngpu);
const nz = Math.trunc(opt.nz);
const ngf = Math.trunc(opt.ngf);
const ndf = Math.trunc(opt.ndf);

// custom weights initialization called on netG and netD
function weights_init(m: torch.nn.Module): void {
  const classname = m.constructor.name;
  if (classname.includes("Conv")) torch.nn.init.normal_((m as torch.nn.Conv2d).weight, 0.0, 0.02);
  else if (classname.includes("BatchNorm")) {
    torch.nn.init.normal_((m as torch.nn.BatchNorm2d).weight!, 1.0, 0.02);
    torch.nn.init.zeros_((m as torch.nn.BatchNorm2d).bias!);
  }
}

class Generator extends nn.Module {
  ngpu: number;
  main: torch.nn.Sequential;

  constructor(ngpu: number) {
    super();
    this.ngpu = ngpu;
    this.main = new nn.Sequential(
      // input is Z, going into a convolution
      new nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, { bias: false }),
      new nn.BatchNorm2d(ngf * 8),
      new nn.ReLU(true),
      // state size. (ngf*8) x 4 x 4
      new nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, { bias: false }),
      new nn.BatchNorm2d(ngf * 4),
      new nn.ReLU(true),
      // state size. (ngf*4) x 8 x 8
      new nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, { bias: false }),
      new nn.BatchNorm2d(ngf * 2),
      new nn.ReLU(true),
      // state size. (ngf*2) x 16 x 16
      new nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, { bias: false }),
      new nn.BatchNorm2d(ngf),
      new nn.ReLU(true),
      // state size. (ngf) x 32 x 32
      new nn.ConvTranspose2d(ngf, nc, 4, 2, 1, { bias: false }),
      new nn.Tanh(),
      // state size. (nc) x 64 x 64
    );
  }

  forward(input: torch.Tensor): torch.Tensor {
    let output: torch.Tensor;
    if (input.is_cuda && this.ngpu > 1)
      // nn.parallel.data_parallel(self.main, input, range(self.ngpu)): tensorgrad has no functional form
      output = new nn.DataParallel(this.main, [...Array(this.ngpu).keys()]).forward(input) as torch.Tensor;
    else output = this.main.forward(input) as torch.Tensor;
    return output;
  }
}

const netG = new Generator(ngpu).to(device);
netG.apply(weights_init);
if (opt.netG !== "") netG.load_state_dict(await torch.load(opt.netG));
print(netG);

class Discriminator extends nn.Module {
  ngpu: number;
  main: torch.nn.Sequential;

  constructor(ngpu: number) {
    super();
    this.ngpu = ngpu;
    this.main = new nn.Sequential(
      // input is (nc) x 64 x 64
      new nn.Conv2d(nc, ndf, 4, 2, 1, { bias: false }),
      new nn.LeakyReLU(0.2, { inplace: true }),
      // state size. (ndf) x 32 x 32
      new nn.Conv2d(ndf, ndf * 2, 4, 2, 1, { bias: false }),
      new nn.BatchNorm2d(ndf * 2),
      new nn.LeakyReLU(0.2, { inplace: true }),
      // state size. (ndf*2) x 16 x 16
      new nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, { bias: false }),
      new nn.BatchNorm2d(ndf * 4),
      new nn.LeakyReLU(0.2, { inplace: true }),
      // state size. (ndf*4) x 8 x 8
      new nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, { bias: false }),
      new nn.BatchNorm2d(ndf * 8),
      new nn.LeakyReLU(0.2, { inplace: true }),
      // state size. (ndf*8) x 4 x 4
      new nn.Conv2d(ndf * 8, 1, 4, 1, 0, { bias: false }),
      new nn.Sigmoid(),
    );
  }

  forward(input: torch.Tensor): torch.Tensor {
    let output: torch.Tensor;
    if (input.is_cuda && this.ngpu > 1)
      // nn.parallel.data_parallel(self.main, input, range(self.ngpu)): tensorgrad has no functional form
      output = new nn.DataParallel(this.main, [...Array(this.ngpu).keys()]).forward(input) as torch.Tensor;
    else output = this.main.forward(input) as torch.Tensor;

    return output.view(-1, 1).squeeze(1);
  }
}

const netD = new Discriminator(ngpu).to(device);
netD.apply(weights_init);
if (opt.netD !== "") netD.load_state_dict(await torch.load(opt.netD));
print(netD);

const criterion = new nn.BCELoss();

const fixed_noise = torch.randn(opt.batchSize, nz, 1, 1, { device: device });
const real_label = 1;
const fake_label = 0;

// setup optimizer
const optimizerD = new optim.Adam(netD.parameters(), { lr: opt.lr, betas: [opt.beta1, 0.999] });
const optimizerG = new optim.Adam(netG.parameters(), { lr: opt.lr, betas: [opt.beta1, 0.999] });

if (opt.dry_run) opt.niter = 1;

const f4 = (x: number) => format(x, ".4f");
for (let epoch = 0; epoch < opt.niter; epoch++) {
  let i = 0; // enumerate(dataloader, 0)
  for (const data of dataloader as Iterable<[torch.Tensor, torch.Tensor]>) {
    ////////////////////////////
    // (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
    ///////////////////////////
    // train with real
    netD.zero_grad();
    const real_cpu = data[0].to(device);
    const batch_size = real_cpu.size(0);
    const label = torch.full([batch_size], real_label, { dtype: real_cpu.dtype, device: device });

    let output = netD.forward(real_cpu);
    const errD_real = criterion.forward(output, label);
    errD_real.backward();
    const D_x = output.mean().item();

    // train with fake
    const noise = torch.randn(batch_size, nz, 1, 1, { device: device });
    let fake = netG.forward(noise);
    label.fill_(fake_label);
    output = netD.forward(fake.detach());
    const errD_fake = criterion.forward(output, label);
    errD_fake.backward();
    const D_G_z1 = output.mean().item();
    const errD = errD_real.add(errD_fake);
    optimizerD.step();

    ////////////////////////////
    // (2) Update G network: maximize log(D(G(z)))
    ///////////////////////////
    netG.zero_grad();
    label.fill_(real_label); // fake labels are real for generator cost
    output = netD.forward(fake);
    const errG = criterion.forward(output, label);
    errG.backward();
    const D_G_z2 = output.mean().item();
    optimizerG.step();

    print(
      `[${epoch}/${opt.niter}][${i}/${dataloader.length}] Loss_D: ${f4(errD.item())} Loss_G: ${f4(errG.item())} D(x): ${f4(D_x)} D(G(z)): ${f4(D_G_z1)} / ${f4(D_G_z2)}`,
    );
    // saved as an image in the original
    if (i % 100 === 0) fake = netG.forward(fixed_noise);

    if (opt.dry_run) break;
    i++;
  }
}
