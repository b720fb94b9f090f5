// The seed's logistic neuron (001_autograd_steps): z = w·x + b, σ, clamp, binary cross-entropy.
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";

export function binaryCrossEntropy(prediction: Tensor, target: Tensor): Tensor {
  const epsilon = 1e-8;
  const p = torch.clamp(prediction, epsilon, 1 - epsilon);
  return torch.neg(target.mul(torch.log(p)).add(torch.sub(1, target).mul(torch.log(torch.sub(1, p)))));
}

export function logisticNeuron(): {
  x: Tensor;
  y: Tensor;
  w: Tensor;
  b: Tensor;
  y_pred: Tensor;
  loss: Tensor;
} {
  const x = torch.tensor(6.7);
  const y = torch.tensor(0.0);
  const w = torch.tensor(1.0, { requires_grad: true });
  const b = torch.tensor(0.0, { requires_grad: true });
  const y_pred = torch.sigmoid(w.mul(x).add(b));
  return { x, y, w, b, y_pred, loss: binaryCrossEntropy(y_pred, y) };
}
