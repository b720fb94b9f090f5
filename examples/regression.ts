// Fits y = 3x - 2 + noise with nn.Linear, MSELoss and SGD: the PyTorch training loop, in TypeScript.
import * as torch from "tensorgrad";

const nn = torch.nn;
torch.manual_seed(0);

const x = torch.rand(200, 1).mul(4).sub(2); // x in [-2, 2)
const y = x.mul(3).sub(2).add(torch.randn(200, 1).mul(0.1));

const model = new nn.Linear(1, 1);
const lossFn = new nn.MSELoss();
const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.1 });
const loader = new torch.utils.data.DataLoader(new torch.utils.data.TensorDataset(x, y), {
  batch_size: 20,
  shuffle: true,
});

for (let epoch = 1; epoch <= 20; epoch++) {
  let total = 0;
  for (const [xb, yb] of loader) {
    const loss = lossFn.forward(model.forward(xb), yb);
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    total += loss.item() * xb.shape[0];
  }
  if (epoch % 5 === 0) console.log(`epoch ${epoch}: mean loss ${(total / 200).toFixed(5)}`);
}

const [slope, intercept] = [model.weight.item(), model.bias!.item()];
console.log(
  `learned y = ${slope.toFixed(3)}x ${intercept < 0 ? "-" : "+"} ${Math.abs(intercept).toFixed(3)} (true: y = 3x - 2)`,
);
