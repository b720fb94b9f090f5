// "Autograd: automatic differentiation" (the 60-minute blitz before 2020), line for line: python/autograd_blitz.py.
import * as torch from "tensorgrad";
import { print } from "./python.js";
torch.manual_seed(0);

let x = torch.ones(2, 2, { requires_grad: true });
print(x);

let y = x.add(2);
print(y);

print(y.grad_fn);

const z = y.mul(y).mul(3);
const out = z.mean();

print(z, out);

let a = torch.randn(2, 2);
a = a.mul(3).div(a.sub(1));
print(a.requires_grad);
a.requires_grad_(true);
print(a.requires_grad);
const b = a.mul(a).sum();
print(b.grad_fn);

out.backward();

print(x.grad);

x = torch.randn(3, { requires_grad: true });

y = x.mul(2);
// `while y.data.norm() < 1000`: a 0-dim tensor compared with a number is a bool in Python.
while (y.data.norm().item() < 1000) y = y.mul(2);

print(y);

const gradients = torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float });
y.backward(gradients);

print(x.grad);

print(x.requires_grad);
print(x.pow(2).requires_grad);

torch.no_grad(() => {
  print(x.pow(2).requires_grad);
});
