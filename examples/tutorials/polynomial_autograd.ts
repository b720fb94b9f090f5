// "PyTorch: Tensors and autograd", line for line: python/polynomial_autograd.py.
import * as torch from "tensorgrad";
import { print, str } from "./python.js";
torch.manual_seed(0);

const dtype = torch.float;
const device = torch.device("cpu");

// Create Tensors to hold input and outputs.
const x = torch.linspace(-Math.PI, Math.PI, 2000, { device, dtype });
const y = torch.sin(x);

// Create random Tensors for weights: y = a + b x + c x^2 + d x^3
const a = torch.randn([], { device, dtype, requires_grad: true });
const b = torch.randn([], { device, dtype, requires_grad: true });
const c = torch.randn([], { device, dtype, requires_grad: true });
const d = torch.randn([], { device, dtype, requires_grad: true });

const learning_rate = 1e-6;
for (let t = 0; t < 2000; t++) {
  // Forward pass: compute predicted y using operations on Tensors.
  const y_pred = a
    .add(b.mul(x))
    .add(c.mul(x.pow(2)))
    .add(d.mul(x.pow(3)));

  // Compute and print loss using operations on Tensors.
  const loss = y_pred.sub(y).pow(2).sum();
  if (t % 100 === 99) print(t, loss.item());

  // Use autograd to compute the backward pass.
  loss.backward();

  // Manually update weights using gradient descent, outside the graph.
  torch.no_grad(() => {
    a.sub_(a.grad!.mul(learning_rate));
    b.sub_(b.grad!.mul(learning_rate));
    c.sub_(c.grad!.mul(learning_rate));
    d.sub_(d.grad!.mul(learning_rate));

    // Manually zero the gradients after updating weights
    a.grad = null;
    b.grad = null;
    c.grad = null;
    d.grad = null;
  });
}

print(`Result: y = ${str(a.item())} + ${str(b.item())} x + ${str(c.item())} x^2 + ${str(d.item())} x^3`);
