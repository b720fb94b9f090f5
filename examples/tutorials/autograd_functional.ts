// The examples of torch.autograd.functional's documentation (jacobian, hessian, vjp, jvp, vhp, hvp), line for
// line: python/autograd_functional.py. The results that Python returns as tuples are printed through tuple().
import * as torch from "tensorgrad";
import { print, tuple } from "./python.js";
const { jacobian, hessian, vjp, jvp, vhp, hvp } = torch.autograd.functional;
torch.manual_seed(0);

const exp_reducer = (x: torch.Tensor) => x.exp().sum({ dim: 1 });
let inputs: torch.Tensor | torch.Tensor[] = torch.rand(2, 2);
print(tuple(jacobian(exp_reducer, inputs)));
print(tuple(jacobian(exp_reducer, inputs, { create_graph: true })));
const exp_adder = (x: torch.Tensor, y: torch.Tensor) => x.exp().mul(2).add(y.mul(3));
inputs = [torch.rand(2), torch.rand(2)];
print(tuple(jacobian(exp_adder, inputs)));

const pow_reducer = (x: torch.Tensor) => x.pow(3).sum();
inputs = torch.rand(2, 2);
print(tuple(hessian(pow_reducer, inputs)));
print(tuple(hessian(pow_reducer, inputs, { create_graph: true })));
const pow_adder_reducer = (x: torch.Tensor, y: torch.Tensor) => x.pow(2).mul(2).add(y.pow(2).mul(3)).sum();
inputs = [torch.rand(2), torch.rand(2)];
print(tuple(hessian(pow_adder_reducer, inputs)));

inputs = torch.rand(4, 4);
let v: torch.Tensor | torch.Tensor[] = torch.ones(4);
print(tuple(vjp(exp_reducer, inputs, v)));
print(tuple(vjp(exp_reducer, inputs, v, { create_graph: true })));
const adder = (x: torch.Tensor, y: torch.Tensor) => x.mul(2).add(y.mul(3));
inputs = [torch.rand(2), torch.rand(2)];
v = torch.ones(2);
print(tuple(vjp(adder, inputs, v)));

inputs = torch.rand(4, 4);
v = torch.ones(4, 4);
print(tuple(jvp(exp_reducer, inputs, v)));
print(tuple(jvp(exp_reducer, inputs, v, { create_graph: true })));
inputs = [torch.rand(2), torch.rand(2)];
v = [torch.ones(2), torch.ones(2)];
print(tuple(jvp(adder, inputs, v)));

inputs = torch.rand(2, 2);
v = torch.ones(2, 2);
print(tuple(vhp(pow_reducer, inputs, v)));
print(tuple(vhp(pow_reducer, inputs, v, { create_graph: true })));
inputs = [torch.rand(2), torch.rand(2)];
v = [torch.zeros(2), torch.ones(2)];
print(tuple(vhp(pow_adder_reducer, inputs, v)));

inputs = torch.rand(2, 2);
v = torch.ones(2, 2);
print(tuple(hvp(pow_reducer, inputs, v)));
print(tuple(hvp(pow_reducer, inputs, v, { create_graph: true })));
inputs = [torch.rand(2), torch.rand(2)];
v = [torch.zeros(2), torch.ones(2)];
print(tuple(hvp(pow_adder_reducer, inputs, v)));
