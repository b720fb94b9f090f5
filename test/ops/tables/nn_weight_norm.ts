// Op table rows: torch._weight_norm and torch.norm_except_dim (src/ops/nn_weight_norm.ts), the ops under
// nn.utils.weight_norm: the fused first- and last-dim forms (WeightNormInterfaceBackward0) and a middle dim
// (composed ops). PyTorch's formula for the fused node treats the saved norms as constants, so its second
// derivative is wrong and gradgradcheck fails in PyTorch 1.13 as here (gradgradcheck: false: it must fail).
// (norm_except_dim(v, p, -1) is v.norm(p), whose C++ node NormBackward0 tensorgrad does not have: no row.)
import * as torch from "../../../src/index.js";
import { f, f64, pos, type OpCase } from "../op_case.js";

export const NN_WEIGHT_NORM_OPS: OpCase[] = [
  {
    name: "_weight_norm.dim0",
    py: "torch._weight_norm(a, b, 0)",
    inputs: [f(3, 4), pos(3, 1)],
    ts: (a, b) => torch._weight_norm(a, b, 0),
    ulps: 4,
    gradgradcheck: false,
  },
  {
    name: "_weight_norm.last_dim",
    py: "torch._weight_norm(a, b, 2)",
    inputs: [f(2, 3, 4), pos(1, 1, 4)],
    ts: (a, b) => torch._weight_norm(a, b, 2),
    ulps: 4,
    gradgradcheck: false,
  },
  {
    name: "_weight_norm.middle_dim",
    py: "torch._weight_norm(a, b, 1)",
    inputs: [f(2, 3, 4), pos(1, 3, 1)],
    ts: (a, b) => torch._weight_norm(a, b, 1),
    ulps: 4,
  },
  {
    name: "_weight_norm.float64",
    py: "torch._weight_norm(a, b)",
    inputs: [f64(4, 2, 2), { ...f64(4, 1, 1), domain: "positive" }],
    ts: (a, b) => torch._weight_norm(a, b),
    gradgradcheck: false,
  },
  {
    name: "norm_except_dim",
    py: "torch.norm_except_dim(a, 2, 1)",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.norm_except_dim(a, 2, 1),
    ulps: 4,
  },
];
