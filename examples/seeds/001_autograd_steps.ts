// Autograd: the general steps, then BCE-loss backpropagation by hand and by autograd
// (seed notebook 001_418ac18140b33294), ported cell for cell. Run: npx tsx examples/seeds/001_autograd_steps.ts
import * as torch from "tensorgrad";
import type { Tensor } from "tensorgrad";
import { print } from "./print.js";

// * Example without using autograd:
// diff of x^2
function dy_dx(x: number): number {
  return 2 * x;
}

print(dy_dx(3));

// * Using Autograd
{
  const x = torch.tensor(3.0, { requires_grad: true });
  const y = x.pow(2);
  y.backward();
  // The notebook shows a stale `None` here; PyTorch 1.13 prints tensor(6.), and so does this port.
  print(x.grad);
}

// * Example without using autograd:
// diff of y = x^2 & z = sin(y)
function dz_dx(x: number): number {
  return 2 * x * Math.cos(x ** 2); // 2 * x * math.cos(x**2)
}
print(dz_dx(4)); // the cell's displayed value

// * Using Autograd
{
  const x = torch.tensor(4.0, { requires_grad: true });
  const y = x.pow(2);
  const z = torch.sin(y);
  z.backward(); // this is performing diff
  print(x.grad, y.grad); // y.grad also emits PyTorch's UserWarning (non-leaf .grad) on stderr

  // we can only get the gradient of the leaf which is x
  // z -> sin -> y -> sqrt -> x
}

// * Manual process `BCE` loss backpropagation
{
  let x = torch.tensor([2n, 1n, 4n, 9n, 8n, 6n, 7n]); // bigints make an int64 tensor, like Python ints
  x = torch.clamp(x, { min: 3, max: 7 });
  console.log(x);
}

let x = torch.tensor(6.7); // input feature
let y = torch.tensor(0.0); // True label

const w = torch.tensor(1.0);
const b = torch.tensor(0.0);

function binary_cross_entropy(prediction: Tensor, target: Tensor): Tensor {
  const epsilon = 1e-8;
  prediction = torch.clamp(prediction, epsilon, 1 - epsilon);
  // return -(target*torch.log(prediction) + (1-target)*torch.log(1-prediction))
  return torch.neg(
    target.mul(torch.log(prediction)).add(torch.sub(1, target).mul(torch.log(torch.sub(1, prediction)))),
  );
}

// Forward pass
let z = w.mul(x).add(b); // z = w * x + b
let y_pred = torch.sigmoid(z);
let loss = binary_cross_entropy(y_pred, y);
console.log(loss);

const dl_dypred = y_pred.sub(y).div(y_pred.mul(torch.sub(1, y_pred))); // (y_pred - y)/(y_pred *(1 - y_pred))
const dypred_dz = y_pred.mul(torch.sub(1, y_pred)); // y_pred *(1 - y_pred)
const dz_dw = x;
const dz_db = 1;
const dL_dw = dl_dypred.mul(dypred_dz).mul(dz_dw);
const dL_db = dl_dypred.mul(dypred_dz).mul(dz_db);

console.log(`Manual Gradient of loss w.r.t weight (dw): ${dL_dw}`);
console.log(`Manual Gradient of loss w.r.t bias (db): ${dL_db}`);

// * Using Autograd
x = torch.tensor(6.7);
y = torch.tensor(0.0);

const w_new = torch.tensor(1.0, { requires_grad: true });
const b_new = torch.tensor(0.0, { requires_grad: true });

// As in the notebook, the new z is built from the previous z (6.7), not from x: same values.
z = w_new.mul(z).add(b_new); // z = w_new * z + b_new
y_pred = torch.sigmoid(z);
console.log(y_pred);

loss = binary_cross_entropy(y_pred, y);
console.log(loss);

loss.backward();
print(w_new.grad, b_new.grad);

// * Using autograd
{
  const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
  const y = x.pow(2).mean(); // (x**2).mean()
  y.backward();
  console.log(x.grad); // the cell's displayed value
}

// * Clearing gradients
{
  const x = torch.tensor(2.0, { requires_grad: true });

  const y = x.pow(2);

  y.backward();

  // diff newly every time after running forwarpass again and again
  print(x.grad);

  console.log(x.grad!.zero_()); // Clearing gradient
}

// * When we don't need gradient tracking?
// In the time of macking predictions
