// Derivatives by hand and by autograd, a simple computation graph, gradient accumulation and three ways to
// disable gradient tracking (seed notebook 002_84f8aef048920a8b), ported cell for cell.
// Run: npx tsx examples/seeds/002_computation_graph.ts
import * as torch from "tensorgrad";
import type { Tensor } from "tensorgrad";
import { print } from "./print.js";

// derivative of y = x^2
function dy_dx(x: number): number {
  return 2 * x;
}

// The notebook never ran this cell (`In [None]`, no output); run, it displays 8.
print(dy_dx(4));

{
  const x = torch.tensor(3.0, { requires_grad: true });

  const y = x.pow(2); // y = x**2

  console.log(x);

  console.log(y);

  y.backward();

  console.log(x.grad);
}

/*
y = x^2
z = sin(y)

find dz/dx
*/
function dz_dx(x: number): number {
  return 2 * x * Math.cos(x ** 2); // 2 * x * math.cos(x**2)
}

print(dz_dx(3));

{
  const x = torch.tensor(3.0, { requires_grad: true });

  const y = x.pow(2);

  const z = torch.sin(y);

  console.log(x);

  console.log(y);

  console.log(z);

  // dz_dx
  z.backward();

  console.log(x.grad);

  // `y.grad` would give an error: it only warns (UserWarning on stderr) and is None, which a notebook doesn't display.
  void y.grad;
}

// # A simple computation graph
// Binary Cross-Entropy Loss for scalar (module level: the autograd section below uses it too)
function binary_cross_entropy_loss(prediction: Tensor, target: Tensor): Tensor {
  const epsilon = 1e-8; // To prevent log(0)
  prediction = torch.clamp(prediction, epsilon, 1 - epsilon);
  // return -(target * torch.log(prediction) + (1 - target) * torch.log(1 - prediction))
  return torch.neg(
    target.mul(torch.log(prediction)).add(torch.sub(1, target).mul(torch.log(torch.sub(1, prediction)))),
  );
}

{
  const x = torch.tensor(6.7);
  const y = torch.tensor(0.0);

  const w = torch.tensor(1.0);
  const b = torch.tensor(0.0);

  const z = w.mul(x).add(b); // z = w * x + b
  const y_pred = torch.sigmoid(z);

  const loss = binary_cross_entropy_loss(y_pred, y);

  console.log(loss);

  // Derivative calc.

  const dloss_dy_pred = y_pred.sub(y).div(y_pred.mul(torch.sub(1, y_pred))); // (y_pred - y)/(y_pred*(1-y_pred))

  const dy_pred_dz = y_pred.mul(torch.sub(1, y_pred)); // y_pred * (1 - y_pred)

  const dz_dw = x;
  const dz_db = 1;

  const dL_dw = dloss_dy_pred.mul(dy_pred_dz).mul(dz_dw);
  const dL_db = dloss_dy_pred.mul(dy_pred_dz).mul(dz_db);

  console.log(`Manual Gradient of loss w.r.t weight (dw): ${dL_dw}`);
  console.log(`Manual Gradient of loss w.r.t bias (db): ${dL_db}`);
}

// ### using autograd
{
  const x = torch.tensor(6.7);
  const y = torch.tensor(0.0);

  const w = torch.tensor(1.0, { requires_grad: true });
  const b = torch.tensor(0.0, { requires_grad: true });

  const z = w.mul(x).add(b);
  const y_pred = torch.sigmoid(z);

  const loss = binary_cross_entropy_loss(y_pred, y);

  console.log(z);

  console.log(y_pred);

  console.log(loss);

  loss.backward();

  console.log(w.grad);
  console.log(b.grad);
}

// ### lets now try with vector input tensor
{
  const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });

  const y = x.pow(2).mean(); // (x**2).mean()
  console.log(y);

  y.backward();

  // We get 3 gradients because we differentiate w.r.t x which is a vector. so it becomes gradient of y which means
  // dely_delx1, dely_delx2, dely_delx3
  console.log(x.grad);
}

// #### gradient clearing
// when you run the backward function multiple times the gradient starts to accumulate, hence you'll need to clear it
{
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  let y = x.pow(2);
  console.log(y);

  y.backward();

  console.log(x.grad);

  // but now if you run the forward pass and the backward pass again then the gradient syarts getting accumulated
  y = x.pow(2);

  y.backward();

  console.log(x.grad);

  // once more
  y = x.pow(2);

  y.backward();

  console.log(x.grad);

  // to stop this from happening you need to manually by doing
  x.grad!.zero_();
  // the zero_() means its an inplace operation

  y = x.pow(2);

  y.backward();

  console.log(x.grad);
}

// ### Disabling gradient tracking
{
  const x = torch.tensor(3.0, { requires_grad: true });
  console.log(x);

  // forward pass lets say
  let y = x.pow(2);
  console.log(y);

  // backward pass say
  y.backward();

  // so then the obtained gradient
  console.log(x.grad);

  console.log(x);

  // option 1 - requires_grad_(False)
  // option 2 - detach()
  // option 3 - torch.no_grad()

  // #### Option 1 - requires_grad_(False)
  console.log(x.requires_grad_(false));

  console.log(x);

  y = x.pow(2);

  console.log(y);

  // because requires_grad is switched off so this doesn't work
  try {
    y.backward();
  } catch (e) {
    console.log(`${(e as Error).name}: ${(e as Error).message}`); // the notebook's traceback line
  }
}

// #### Option 2 - detach
{
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  // this creates a new tensor itself
  const z = x.detach();
  console.log(z);

  const y = x.pow(2);
  console.log(y);

  const y1 = z.pow(2);
  console.log(y1);

  y.backward(); // works

  try {
    y1.backward(); // wont work
  } catch (e) {
    console.log(`${(e as Error).name}: ${(e as Error).message}`);
  }
}

// #### Option 3 - torch.no_grad()
// - this is the most convenient way
{
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  // make use of the with statement
  let y = torch.no_grad(() => x.pow(2)); // with torch.no_grad(): y = x ** 2

  console.log(y);

  try {
    y.backward();
  } catch (e) {
    console.log(`${(e as Error).name}: ${(e as Error).message}`);
  }

  // if you remove the with statment then
  y = x.pow(2);

  console.log(y);

  y.backward();
}
