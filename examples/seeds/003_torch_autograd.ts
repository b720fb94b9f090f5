// Automatic Differentiation with `torch.autograd` (seed notebook 003_cb0feba2f393b130), ported cell for cell.
// Run: npx tsx examples/seeds/003_torch_autograd.ts
import * as torch from "tensorgrad";
import type { Tensor } from "tensorgrad";
import { print } from "./print.js";

// ## Example - 01
// ### Manual Computation
function dy_dx(x: number): number {
  return 2 * x;
}

print(dy_dx(3));

// ### Using `autograd`
{
  const x = torch.tensor(3.0, { requires_grad: true });
  console.log(x);

  const y = x.pow(2); // y = x**2
  console.log(y);

  y.backward();
  console.log(y);

  console.log(x.grad);
}

// ## Example - 02
// ### Manual Computation
function dz_dx(x: number): number {
  return 2 * x * Math.cos(x ** 2); // 2 * x * math.cos(x**2)
}

print(dz_dx(4));

// ### Using `autograd`
{
  const x = torch.tensor(4.0, { requires_grad: true });
  console.log(x);

  const y = x.pow(2);
  console.log(y);

  const z = torch.sin(y);
  console.log(z);

  z.backward();
  console.log(z);

  console.log(x.grad);
}

// ## Example - 03
// ### Computational graph
// w and b are parameters we optimize, so they get requires_grad.

// ### Manual Computation

// Binary Cross-Entropy Loss for scalar
function binary_cross_entropy_loss(prediction: Tensor, target: Tensor): Tensor {
  const epsilon = 1e-8; // To prevent log(0)
  prediction = torch.clamp(prediction, epsilon, 1 - epsilon);
  // return -(target * torch.log(prediction) + (1 - target) * torch.log(1 - prediction))
  return torch.neg(
    target.mul(torch.log(prediction)).add(torch.sub(1, target).mul(torch.log(torch.sub(1, prediction)))),
  );
}

{
  // Inputs
  const x = torch.tensor(6.7); // Input feature
  const y = torch.tensor(0.0); // True label (binary)

  const w = torch.tensor(1.0); // Weight
  const b = torch.tensor(0.0); // Bias

  // Forward pass
  const z = w.mul(x).add(b); // Weighted sum (linear part)

  const y_pred = torch.sigmoid(z); // Predicted probability

  // Compute binary cross-entropy loss
  const loss = binary_cross_entropy_loss(y_pred, y);

  console.log(loss);

  // Derivatives:
  // 1. dL/d(y_pred): Loss with respect to the prediction (y_pred)
  const dloss_dy_pred = y_pred.sub(y).div(y_pred.mul(torch.sub(1, y_pred))); // (y_pred - y)/(y_pred*(1-y_pred))

  // 2. dy_pred/dz: Prediction (y_pred) with respect to z (sigmoid derivative)
  const dy_pred_dz = y_pred.mul(torch.sub(1, y_pred)); // y_pred * (1 - y_pred)

  // 3. dz/dw and dz/db: z with respect to w and b
  const dz_dw = x; // dz/dw = x
  const dz_db = 1; // dz/db = 1 (bias contributes directly to z)

  const dL_dw = dloss_dy_pred.mul(dy_pred_dz).mul(dz_dw);
  const dL_db = dloss_dy_pred.mul(dy_pred_dz).mul(dz_db);

  console.log(`Manual Gradient of loss w.r.t weight (dw): ${dL_dw}`);
  console.log(`Manual Gradient of loss w.r.t bias (db): ${dL_db}`);
}

// ### Using `autograd`
{
  const x = torch.tensor(6.7);
  const y = torch.tensor(0.0);
  console.log(x);
  console.log(y);

  const w = torch.tensor(1.0, { requires_grad: true });
  const b = torch.tensor(0.0, { requires_grad: true });
  console.log(w);
  console.log(b);

  const z = w.mul(x).add(b); // z = w*x + b
  console.log(z);

  const y_pred = torch.sigmoid(z);
  console.log(y_pred);

  const loss = binary_cross_entropy_loss(y_pred, y);
  console.log(loss);

  // ### Computing Gradients
  loss.backward();

  console.log(`By using autograd function (dw): ${w.grad}`);
  console.log(`By using autograd function (db): ${b.grad}`);
}

// ## Using Vector Input Tensor
{
  const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
  console.log(x);

  // Y = mean(x^2)
  const y = x.pow(2).mean(); // (x**2).mean()
  console.log(y);

  y.backward();

  // dY/dX_i = 2 x_i / 3
  console.log(x.grad);
}

// ## Clearing Gradients
{
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  const y = x.pow(2);
  console.log(y);

  y.backward();

  console.log(x.grad);

  console.log(x.grad!.zero_());
}

// ## Disabling Gradient Tracking
{
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  let y = x.pow(2);
  console.log(y);

  y.backward();

  console.log(x.grad);

  // ### Using option 1 - `requires_grad_(False)`
  console.log(x.requires_grad_(false));

  console.log(x);

  y = x.pow(2);

  console.log(y);

  // This will not work now:

  // y.backward();
}

// ### Using option 2 - `detach()`
{
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  const z = x.detach();
  console.log(z);

  const y = x.pow(2);

  console.log(y);

  const y1 = z.pow(2);
  console.log(y1);

  y.backward();

  // This will not work now:

  // y1.backward();
}

// ### Using option 3 - `torch.no_grad()`
{
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  const y = torch.no_grad(() => x.pow(2)); // with torch.no_grad(): y = x ** 2

  console.log(y);

  // This will not work now:

  // y.backward();
}
