// Everything torch.autograd offers beyond backward(), one short example each. Run: npx tsx examples/advanced_autograd.ts
import * as torch from "tensorgrad";

// retain_graph: keep the saved tensors for a second backward through the same graph.
const x = torch.tensor(2.0, { requires_grad: true });
const y = x.pow(3);
y.backward(null, { retain_graph: true });
y.backward();
console.log(x.grad); // tensor(24.)

// Higher derivatives: create_graph records the backward pass itself (d/dx x^3 = 12, 12, 6 at x = 2).
const [d1] = torch.autograd.grad(x.pow(3), x, { create_graph: true });
const [d2] = torch.autograd.grad(d1!, x, { create_graph: true });
const [d3] = torch.autograd.grad(d2!, x);
console.log(d1, d2, d3);

// Hooks: a tensor hook sees (and may replace) the gradient flowing into the tensor.
const a = torch.tensor([1.0, 2.0], { requires_grad: true });
const h = a.register_hook((g) => g.mul(10));
a.pow(2).sum().backward();
console.log(a.grad);
h.remove();

// A custom Function with its own backward; its grad_fn is named after the class.
class Exp extends torch.autograd.Function {
  static override forward(ctx: torch.autograd.FunctionCtx, input: torch.Tensor) {
    const result = input.exp();
    ctx.save_for_backward(result);
    return result;
  }
  static override backward(ctx: torch.autograd.FunctionCtx, grad: torch.Tensor) {
    const [result] = ctx.saved_tensors;
    return grad.mul(result);
  }
}
const z = torch.tensor([0.0, 1.0], { requires_grad: true });
const out = Exp.apply(z);
console.log(out.grad_fn!.name());
out.sum().backward();
console.log(z.grad);

// In-place safety: changing a tensor that backward needs is caught, with PyTorch's message.
const p = torch.tensor([1.0, 2.0], { requires_grad: true });
const q = p.add(1);
const r = q.mul(q);
q.add_(1);
try {
  r.sum().backward();
} catch (e) {
  console.log(String(e).split(". Hint")[0]);
}

// Inference mode: tensors made inside can never join a graph.
const t = torch.inference_mode(() => torch.ones(2));
console.log(t.is_inference());

// Anomaly detection names the op whose backward produced NaN (and where it was created).
const u = torch.tensor([0.0], { requires_grad: true });
try {
  torch.autograd.detect_anomaly(() => u.div(u).sum().backward());
} catch (e) {
  console.log(String(e).split("\n")[0]);
}

// The functional API: jacobian, hessian, vjp, jvp, hvp, vhp.
const hess = torch.autograd.functional.hessian((v: torch.Tensor) => v.pow(3).sum(), torch.tensor([1.0, 2.0]));
console.log(hess);

// Checkpointing: keep only the inputs, recompute the forward pass during backward.
const w = torch.randn(4, 4, { requires_grad: true });
const deep = (v: torch.Tensor) => v.matmul(w).tanh().matmul(w).tanh();
const o = torch.utils.checkpoint.checkpoint(deep, torch.randn(2, 4, { requires_grad: true }));
o.sum().backward();
console.log(o.grad_fn!.name(), w.grad!.shape);
