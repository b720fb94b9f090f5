// Understanding PyTorch Autograd: A Practical Guide to Gradient Calculations
// (seed notebook 000_9b1644e2dbb72fd2), ported cell for cell. Run: npx tsx examples/seeds/000_understanding_autograd.ts

// ## Importing PyTorch
import * as torch from "tensorgrad";
import type { Tensor } from "tensorgrad";

// ## Custom Binary Cross-Entropy Implementation
function binary_cross_entropy(prediction: Tensor, target: Tensor): Tensor {
  const epsilon = 1e-8;
  prediction = torch.clamp(prediction, epsilon, 1 - epsilon);

  // return -1*target*torch.log(prediction) - (1-target)*torch.log(1-prediction)
  return torch
    .mul(-1, target)
    .mul(torch.log(prediction))
    .sub(torch.sub(1, target).mul(torch.log(torch.sub(1, prediction))));
}

// ## Manual Gradient Computation
const x = torch.tensor(3.73);
const y = torch.tensor(1.0);

const w = torch.tensor(1.0);
const b = torch.tensor(0.0);

const z = w.mul(x).add(b); // z = w*x + b
const prediction = torch.sigmoid(z);
const loss = binary_cross_entropy(prediction, y);

console.log(`Loss: ${loss}`);
console.log(`Prediction: ${prediction}`);

// The gradients by the chain rule.
const dloss_dpred = prediction.sub(y).div(prediction.mul(torch.sub(1, prediction))); // (prediction-y) / (prediction * (1-prediction))
const dpred_dz = prediction.mul(torch.sub(1, prediction)); // prediction * (1-prediction)

const dz_dw = x;
const dz_db = 1;

const dloss_dw = dloss_dpred.mul(dpred_dz).mul(dz_dw);
const dloss_db = dloss_dpred.mul(dpred_dz).mul(dz_db);

console.log(`Gradient of loss with respect to weight: ${dloss_dw}`);
console.log(`Gradient of loss with respect to bias: ${dloss_db}`);

// ## Automatic Differentiation with `requires_grad`
const x2 = torch.tensor(3.73);
const y2 = torch.tensor(1.0);

const w2 = torch.tensor(1.0, { requires_grad: true });
const b2 = torch.tensor(0.0, { requires_grad: true });

const z2 = w2.mul(x2).add(b2);
const y_pred = torch.sigmoid(z2);
const loss2 = binary_cross_entropy(y_pred, y2);

console.log(`Loss: ${loss2}`);
console.log(`Prediction: ${y_pred}`);

loss2.backward();

console.log(`\n\nGradient of loss with respect to weight: ${w2.grad}`);
console.log(`Gradient of loss with respect to bias: ${b2.grad}`);

// ## Gradient Calculation for a Vector Tensor
const x3 = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
const y3 = x3.pow(2).mean(); // (x3**2).mean()

console.log(`Value of y: ${y3}`);

y3.backward();

console.log(`\n\nGradients of y: ${x3.grad}`); // a 1-D tensor formats as its repr

// ## Clearing Gradients
const x4 = torch.tensor(2.0, { requires_grad: true });
const y4 = x4.pow(2);

console.log(`Value of y: ${y4}`);

y4.backward();

console.log(`\n\nGradients of y: ${x4.grad}`);
console.log(x4.grad!.zero_()); // the cell's displayed value: tensor(0.)

// ## Disabling Gradient Tracking
const x5 = torch.tensor(2.0, { requires_grad: true });
const y5 = x5.pow(3);

console.log(`Value of y: ${y5}`);

y5.backward();

console.log(`Gradients of y: ${x5.grad}`);

const x6 = x5.requires_grad_(false);
const y6 = x6.pow(4);

console.log(`\nValue of y (requires_grad_): ${y6}`);

const x7 = x5.detach();
const y7 = x7.pow(5);

console.log(`Value of y (detach): ${y7}`);

// ## Using no_grad for Inference
const x8 = torch.tensor(2.0, { requires_grad: true });

const y8 = torch.no_grad(() => x8.pow(6)); // with torch.no_grad(): y8 = x8**6

console.log(`Value of y (no_grad): ${y8}`);
