// Op table rows for src/ops/reduce_stats.ts: var/std, norms, logsumexp, cumsum/cumprod.
import * as torch from "../../../src/index.js";
import { f, pos, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

export const REDUCE_STATS_OPS: OpCase[] = [
  { name: "var", py: "a.var()", inputs: [f(3, 4)], ts: (a) => a.var() },
  { name: "var.dim", py: "a.var(1)", inputs: [f(3, 4)], ts: (a) => a.var(1) },
  {
    name: "var.correction0_keepdim",
    py: "torch.var(a, 0, correction=0, keepdim=True)",
    inputs: [f(3, 4)],
    ts: (a) => torch.var(a, { dim: 0, correction: 0, keepdim: true }),
  },
  {
    name: "var.unbiased_false",
    py: "a.var(unbiased=False)",
    inputs: [f(5)],
    ts: (a) => a.var(false),
  },
  { name: "std", py: "a.std()", inputs: [f(3, 4)], ts: (a) => a.std() },
  {
    name: "std.dims_unbiased",
    py: "torch.std(a, (0, 2), False, True)",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.std(a, [0, 2], false, true),
  },
  { name: "norm", py: "a.norm()", inputs: [f(3, 4)], ts: (a) => a.norm() },
  { name: "norm.p1", py: "a.norm(1)", inputs: [f(3, 4)], ts: (a) => a.norm(1) },
  {
    name: "norm.inf_dim",
    py: "a.norm(float('inf'), 1)",
    inputs: [f(3, 4)],
    ts: (a) => a.norm(Infinity, 1),
  },
  {
    name: "norm.p3_dim_keepdim",
    py: "torch.norm(a, p=3, dim=0, keepdim=True)",
    inputs: [f(3, 4)],
    ts: (a) => torch.norm(a, { p: 3, dim: 0, keepdim: true }),
  },
  {
    name: "norm.p2_dim",
    py: "a.norm(2, -1)",
    inputs: [f(3, 4)],
    ts: (a) => a.norm(2, -1),
  },
  {
    name: "norm.dtype",
    py: "torch.norm(a, 2, 1, dtype=torch.float64)",
    inputs: [f(3, 4)],
    ts: (a) => torch.norm(a, 2, 1, { dtype: torch.float64 }),
  },
  {
    name: "norm.fro_two_dims",
    py: "torch.norm(a, 'fro', (0, 1))",
    inputs: [f(3, 4)],
    ts: (a) => torch.norm(a, "fro", [0, 1]),
  },
  {
    name: "vector_norm.dtype",
    py: "torch.linalg.vector_norm(a, dim=1, dtype=torch.float64)",
    inputs: [f(3, 4)],
    ts: (a) => torch.linalg.vector_norm(a, { dim: 1, dtype: torch.float64 }),
  },
  {
    name: "vector_norm",
    py: "torch.linalg.vector_norm(a)",
    inputs: [f(3, 4)],
    ts: (a) => torch.linalg.vector_norm(a),
  },
  {
    name: "vector_norm.p1_dim",
    py: "torch.linalg.vector_norm(a, 1, 1)",
    inputs: [f(3, 4)],
    ts: (a) => torch.linalg.vector_norm(a, 1, 1),
  },
  {
    name: "vector_norm.p05",
    py: "torch.linalg.vector_norm(a, 0.5, -1, True)",
    inputs: [pos(3, 4)],
    ts: (a) => torch.linalg.vector_norm(a, { ord: 0.5, dim: -1, keepdim: true }),
  },
  // binary_kernel_reduce's one accumulator in memory order, with glibc's powf per element.
  {
    name: "vector_norm.p3_long",
    py: "torch.linalg.vector_norm(a, 3, 0)",
    inputs: [f(300, 2)],
    ts: (a) => torch.linalg.vector_norm(a, 3, 0),
    gradcheck: false,
  },
  { name: "norm.p1_long", py: "a.norm(1)", inputs: [f(2, 500)], ts: (a) => a.norm(1), gradcheck: false },
  { name: "logsumexp", py: "a.logsumexp(1)", inputs: [f(3, 4)], ts: (a) => a.logsumexp(1) },
  {
    name: "logsumexp.dims_keepdim",
    py: "torch.logsumexp(a, (0, 1), keepdim=True)",
    inputs: [f(3, 4)],
    ts: (a) => torch.logsumexp(a, [0, 1], true),
  },
  { name: "logsumexp.int", py: "a.logsumexp(0)", inputs: [i64(4)], ts: (a) => a.logsumexp(0) },
  { name: "cumsum", py: "a.cumsum(1)", inputs: [f(3, 4)], ts: (a) => a.cumsum(1) },
  {
    name: "cumsum.dim0",
    py: "torch.cumsum(a, dim=0)",
    inputs: [f(3, 4)],
    ts: (a) => torch.cumsum(a, { dim: 0 }),
  },
  { name: "cumsum.long", py: "a.cumsum(0)", inputs: [f(200)], ts: (a) => a.cumsum(0), gradcheck: false },
  { name: "cumsum.int", py: "a.cumsum(0)", inputs: [i64(5)], ts: (a) => a.cumsum(0) },
  { name: "cumprod", py: "a.cumprod(1)", inputs: [f(3, 4)], ts: (a) => a.cumprod(1) },
  {
    name: "cumprod.zeros",
    py: "(a * torch.tensor([[1., 0, 1, 1], [1, 1, 1, 0], [0, 1, 0, 1]])).cumprod(1)",
    inputs: [f(3, 4)],
    ts: (a) =>
      a
        .mul(
          torch.tensor([
            [1, 0, 1, 1],
            [1, 1, 1, 0],
            [0, 1, 0, 1],
          ]),
        )
        .cumprod(1),
  },
];
