// Op table rows for src/ops/backward_ops.ts: the backward kernels as ops of their own (what a second
// backward pass differentiates).
import { f, nz, type OpCase } from "../op_case.js";

export const BACKWARD_OPS_OPS: OpCase[] = [
  {
    name: "_sigmoid_backward",
    py: "torch.ops.aten.sigmoid_backward(a, b)",
    inputs: [f(2, 3), { shape: [2, 3], domain: "unit" }],
    ts: (a, b) => a._sigmoid_backward(b),
  },
  {
    name: "_threshold_backward",
    py: "torch.ops.aten.threshold_backward(a, b, 0)",
    inputs: [f(2, 3), nz(2, 3)],
    ts: (a, b) => a._threshold_backward(b, 0),
  },
  {
    name: "_softmax_backward_data",
    py: "torch._softmax_backward_data(a, b, 1, a.dtype)",
    inputs: [f(3, 10), f(3, 10)],
    ts: (a, b) => a._softmax_backward_data(b, 1),
  },
  {
    name: "_softmax_backward_data.dim0",
    py: "torch._softmax_backward_data(a, b, 0, a.dtype)",
    inputs: [f(4, 3), f(4, 3)],
    ts: (a, b) => a._softmax_backward_data(b, 0),
  },
  {
    name: "_log_softmax_backward_data",
    py: "torch._log_softmax_backward_data(a, b, 1, a.dtype)",
    inputs: [f(3, 10), f(3, 10)],
    ts: (a, b) => a._log_softmax_backward_data(b, 1),
    // Its double backward's grad - sum(grad * exp(out)) cancels, amplifying exp's last-bit differences.
    ulps: 16,
  },
  {
    name: "_log_softmax_backward_data.dim0",
    py: "torch._log_softmax_backward_data(a, b, 0, a.dtype)",
    inputs: [f(4, 3), f(4, 3)],
    ts: (a, b) => a._log_softmax_backward_data(b, 0),
  },
];
