// 🔥 Autograd in PyTorch (Automatic Differentiation) — seed notebook 004_00d0bb4198a57388 (Hinglish comments
// kept), ported cell for cell. Run: npx tsx examples/seeds/004_autograd_in_pytorch.ts
import * as torch from "tensorgrad";
import type { Tensor } from "tensorgrad";
import { print } from "./print.js";

function dy_dx(x: number): number {
  return 2 * x;
}

print(dy_dx(3));

// The notebook defines dz_dx twice; a `let` holding a function mirrors Python's redefinition.
let dz_dx = (x: number): number => {
  return 2 * x * Math.cos(x ** 2); // 2*x*math.cos(x**2)
};

print(dz_dx(2));

// **Same x2 ka calculation using autograd**
{
  const x = torch.tensor(3.0, { requires_grad: true });
  // tensor me ek value ahi wo scaler
  //  requires_grad=True (hmne ise true set kiya hai ye bydeafult false hota hai)
  // agar hm kabhi bhi derivates cahiye yab  requires_grad=True karna padta hai

  const y = x.pow(2); // y = x**2

  console.log(x);

  console.log(y);

  y.backward();
  //  ye hme backward jate waqt dy/dx dega jisse deifferrnion milta hai

  console.log(x.grad);
}

// # 🔥 Autograd in PyTorch (Core Idea)
dz_dx = (x: number): number => {
  return 2 * x * Math.cos(x ** 2); // 2 * x * math.cos(x**2)
};

print(dz_dx(4));

// **Abhi jo cheez hm manually calaculate kar rhe hai z=sin(y), dz/dx nikal rhe hai use ab pytorch se nikal lenhe AutoGrad se**
{
  const x = torch.tensor(4.0, { requires_grad: true });

  const y = x.pow(2);
  //x->sq--y-> z
  // jab hm forward ja rhe hai tab hme y=x2 mil rha hai so y =16 aa rha hai

  const z = torch.sin(y);

  console.log(x);

  console.log(y);

  console.log(z);

  z.backward();

  console.log(x.grad);
  //   ye hm likte hai uski valuse dekhe ke liye jiska ifferention dekhna chahte hai

  // y.grad: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. It warns (UserWarning on
  // stderr) and is None, which a notebook doesn't display.
  void y.grad;
}

// ## 🔹 Binary Cross Entropy (BCE) Loss
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
  const y_pred = torch.sigmoid(z); // Predicted probability i.e ^y

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

// **Using autgrad to do the same thing easily**
{
  const x = torch.tensor(6.7);
  const y = torch.tensor(0.0);

  const w = torch.tensor(1.0, { requires_grad: true });
  const b = torch.tensor(0.0, { requires_grad: true });

  console.log(w);

  console.log(b);

  // z = w*x + b
  const z = w.mul(x).add(b);
  console.log(z); // mathemaitical formula predefined

  const y_pred = torch.sigmoid(z);
  console.log(y_pred);

  const loss = binary_cross_entropy_loss(y_pred, y);
  console.log(loss);

  loss.backward(); // backward move kar rhe hai taki uska differention nikal jayee

  console.log(w.grad);
  console.log(b.grad);
}

{
  const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true }); // ab vecor input de rhe hai

  console.log(x);

  const y = x.pow(2).mean(); // (x**2).mean()
  console.log(y);

  y.backward();

  console.log(x.grad); // ab teen gradient mang rhe hai
}

// # 🔥 Clearing Gradients in PyTorch
{
  // clearing grad

  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  const y = x.pow(2);
  console.log(y);

  y.backward();

  console.log(x.grad);

  console.log(x.grad!.zero_());
}

// # 🔥 Disable Gradient Tracking
{
  // disable gradient tracking
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  let y = x.pow(2);
  console.log(y);

  y.backward();

  console.log(x.grad);

  // option 1 - requires_grad_(False)
  // option 2 - detach()
  // option 3 - torch.no_grad()

  console.log(x.requires_grad_(false));

  console.log(x);

  y = x.pow(2);

  console.log(y);

  try {
    y.backward(); // dekho  upper y ka gradient func wala aatribute nhi dikh rha haiso hm y ko call nhi kar sakte hai.
  } catch (e) {
    console.log(`${(e as Error).name}: ${(e as Error).message}`); // the notebook's traceback line
  }
}

// ## 🔹 detach()
{
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  // `detach()` tensor ko computation graph se alag kar deta hai taaki uska gradient track na ho.
  const z = x.detach();
  console.log(z);

  const y = x.pow(2);

  console.log(y);

  const y1 = z.pow(2);
  console.log(y1);

  y.backward();

  try {
    y1.backward();
  } catch (e) {
    console.log(`${(e as Error).name}: ${(e as Error).message}`);
  }
}

{
  const x = torch.tensor(2.0, { requires_grad: true });
  console.log(x);

  const y = x.pow(2);

  console.log(y);

  y.backward();
}
