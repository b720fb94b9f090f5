// Op table rows: F.group_norm (src/ops/nn_group_norm.ts's kernel), F.instance_norm (batch norm over
// [1, N * C, ...]) and F.local_response_norm (its composition), with and without affine parameters. Group
// norm's forward is PyTorch's bits; its input gradient's sums differ from PyTorch's in order on some shapes, and
// where they cancel that shows beyond a few ulps (atol).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, pos, type OpCase } from "../op_case.js";

const F = torch.nn.functional;

const GROUP_NORM_OPS: OpCase[] = [
  {
    name: "group_norm",
    py: "torch.nn.functional.group_norm(a, 3, b, c)",
    inputs: [f(2, 6, 5), f(6), f(6)],
    ts: (a, b, c) => F.group_norm(a, 3, b, c),
    ulps: 4,
    atol: 1e-6,
  },
  {
    name: "group_norm.4d",
    py: "torch.nn.functional.group_norm(a, 2, b, c, eps=1e-3)",
    inputs: [f(3, 4, 3, 3), f(4), f(4)],
    ts: (a, b, c) => F.group_norm(a, 2, b, c, 1e-3),
    ulps: 4,
    atol: 1e-6,
  },
  {
    name: "group_norm.no_affine",
    py: "torch.nn.functional.group_norm(a, 4)",
    inputs: [f(2, 8, 7)],
    ts: (a) => F.group_norm(a, 4),
    ulps: 4,
    atol: 1e-6,
  },
  {
    name: "group_norm.weight_only",
    py: "torch.nn.functional.group_norm(a, 2, b)",
    inputs: [f(2, 6, 20), f(6)],
    ts: (a, b) => F.group_norm(a, 2, b),
    ulps: 4,
    atol: 1e-6,
  },
  {
    name: "group_norm.long_groups",
    py: "torch.nn.functional.group_norm(a, 4, b, c)",
    inputs: [f(1, 16, 33), f(16), f(16)],
    ts: (a, b, c) => F.group_norm(a, 4, b, c),
    ulps: 4,
    atol: 1e-6,
    gradcheck: false,
  },
  {
    name: "group_norm.2d_input",
    py: "torch.nn.functional.group_norm(a, 5, b, c)",
    inputs: [f(3, 20), f(20), f(20)],
    ts: (a, b, c) => F.group_norm(a, 5, b, c),
    ulps: 4,
    atol: 1e-6,
  },
  {
    name: "group_norm.parameters_only",
    py: "torch.nn.functional.group_norm(a, 3, b, c)",
    inputs: [noGrad(f(2, 6, 4)), f(6), f(6)],
    ts: (a, b, c) => F.group_norm(a, 3, b, c),
    ulps: 4,
    atol: 1e-6,
  },
  {
    name: "group_norm.float64",
    py: "torch.nn.functional.group_norm(a, 2, b, c)",
    inputs: [f64(2, 4, 3, 2), f64(4), f64(4)],
    ts: (a, b, c) => F.group_norm(a, 2, b, c),
  },
  // Through the gradient: the backward in tensor ops (create_graph), and its own gradient.
  {
    name: "group_norm.double_backward",
    py: "torch.autograd.grad(torch.nn.functional.group_norm(a, 2, b), a, torch.ones(2, 4, 3), create_graph=True)[0] * c",
    inputs: [f(2, 4, 3), f(4), f(2, 4, 3)],
    ts: (a, b, c) =>
      torch.autograd.grad(F.group_norm(a, 2, b), a, torch.ones(2, 4, 3), { create_graph: true })[0]!.mul(c),
    ulps: 8,
    atol: 1e-5,
  },
];

const INSTANCE_NORM_OPS: OpCase[] = [
  {
    name: "instance_norm",
    py: "torch.nn.functional.instance_norm(a)",
    inputs: [f(2, 3, 5)],
    ts: (a) => F.instance_norm(a),
  },
  {
    name: "instance_norm.affine_4d",
    py: "torch.nn.functional.instance_norm(a, weight=b, bias=c, eps=1e-3)",
    inputs: [f(2, 3, 2, 3), f(3), f(3)],
    ts: (a, b, c) => F.instance_norm(a, { weight: b, bias: c, eps: 1e-3 }),
  },
  {
    name: "instance_norm.running_stats",
    py: "torch.nn.functional.instance_norm(a, torch.tensor([0.1, -0.2, 0.3], dtype=a.dtype), torch.tensor([0.5, 1.5, 2.0], dtype=a.dtype), b, c, use_input_stats=False)",
    inputs: [f(2, 3, 4), f(3), f(3)],
    ts: (a, b, c) =>
      F.instance_norm(
        a,
        torch.tensor([0.1, -0.2, 0.3], { dtype: a.dtype }),
        torch.tensor([0.5, 1.5, 2.0], { dtype: a.dtype }),
        b,
        c,
        {
          use_input_stats: false,
        },
      ),
  },
  {
    name: "instance_norm.5d_float64",
    py: "torch.nn.functional.instance_norm(a, weight=b)",
    inputs: [f64(2, 2, 2, 2, 3), f64(2)],
    ts: (a, b) => F.instance_norm(a, { weight: b }),
  },
];

const LOCAL_RESPONSE_NORM_OPS: OpCase[] = [
  {
    name: "local_response_norm",
    py: "torch.nn.functional.local_response_norm(a, 3)",
    inputs: [f(2, 5, 4)],
    ts: (a) => F.local_response_norm(a, 3),
  },
  {
    name: "local_response_norm.4d",
    py: "torch.nn.functional.local_response_norm(a, 2, alpha=0.5, beta=0.6, k=2.0)",
    inputs: [f(2, 4, 3, 3)],
    ts: (a) => F.local_response_norm(a, 2, { alpha: 0.5, beta: 0.6, k: 2.0 }),
    ulps: 2,
  },
  {
    name: "local_response_norm.5d",
    py: "torch.nn.functional.local_response_norm(a, 4, alpha=0.1)",
    inputs: [pos(1, 5, 2, 2, 3)],
    ts: (a) => F.local_response_norm(a, 4, { alpha: 0.1 }),
    ulps: 2,
  },
];

export const NN_GROUP_NORM_OPS: OpCase[] = [
  ...GROUP_NORM_OPS,
  ...INSTANCE_NORM_OPS,
  ...LOCAL_RESPONSE_NORM_OPS,
];
