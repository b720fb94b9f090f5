// "PyTorch: Defining New autograd Functions" (LegendrePolynomial3), line for line:
// python/polynomial_custom_function.py.
import * as torch from "tensorgrad";
import { print, str } from "./python.js";

class LegendrePolynomial3 extends torch.autograd.Function {
  // Forward: P3(x) = (5x^3 - 3x) / 2, saving the input for backward.
  static override forward(ctx: torch.autograd.FunctionCtx, input: torch.Tensor) {
    ctx.save_for_backward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }

  // Backward: P3'(x) = 1.5 (5x^2 - 1), times the incoming gradient.
  static override backward(ctx: torch.autograd.FunctionCtx, grad_output: torch.Tensor) {
    const [input] = ctx.saved_tensors;
    return grad_output.mul(1.5).mul(input!.pow(2).mul(5).sub(1));
  }
}

const dtype = torch.float;
const device = torch.device("cpu");

const x = torch.linspace(-Math.PI, Math.PI, 2000, { device, dtype });
const y = torch.sin(x);

// y = a + b * P3(c + d * x), initialised not too far from the result so that it converges.
const a = torch.full([], 0.0, { device, dtype, requires_grad: true });
const b = torch.full([], -1.0, { device, dtype, requires_grad: true });
const c = torch.full([], 0.0, { device, dtype, requires_grad: true });
const d = torch.full([], 0.3, { device, dtype, requires_grad: true });

const learning_rate = 5e-6;
for (let t = 0; t < 2000; t++) {
  // To apply our Function, we use Function.apply method. We alias this as 'P3'.
  const P3 = (input: torch.Tensor) => LegendrePolynomial3.apply(input) as torch.Tensor;

  // Forward pass: compute predicted y using operations; P3 is our custom autograd operation.
  const y_pred = a.add(b.mul(P3(c.add(d.mul(x)))));

  // Compute and print loss
  const loss = y_pred.sub(y).pow(2).sum();
  if (t % 100 === 99) print(t, loss.item());

  // Use autograd to compute the backward pass.
  loss.backward();

  // Update weights using gradient descent
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

print(`Result: y = ${str(a.item())} + ${str(b.item())} * P3(${str(c.item())} + ${str(d.item())} x)`);
