// Op table rows for src/ops/addmm_family.ts: addmv, addr, baddbmm, addbmm (with beta/alpha, broadcast bias,
// the deprecated positional scalars and the in-place methods), addcmul, addcdiv, vdot, inner and dist.
import * as torch from "../../../src/index.js";
import { f, f64, nz, pos, type InputSpec, type OpCase } from "../op_case.js";

/** A deprecated positional-scalar overload, which the generated declarations leave out. */
const deprecated = (f: unknown) => f as (...args: unknown[]) => torch.Tensor;
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

// float32 rows allow 4 ulps where PyTorch's kernels fuse the scaling into the accumulation (its small-matrix
// baddbmm kernel and OpenBLAS's gemv/gemm accumulate with FMAs in their own order); float64 rows are exact.
export const ADDMM_FAMILY_OPS: OpCase[] = [
  {
    name: "addmv",
    py: "torch.addmv(a, b, c)",
    inputs: [f(2), f(2, 3), f(3)],
    ts: (a, b, c) => torch.addmv(a, b, c),
  },
  {
    name: "addmv.scaled_broadcast",
    py: "torch.addmv(a, b, c, beta=0.5, alpha=2)",
    inputs: [f(1), f(4, 3), f(3)],
    ts: (a, b, c) => torch.addmv(a, b, c, { beta: 0.5, alpha: 2 }),
    ulps: 4,
  },
  {
    name: "addmv.float64_method",
    py: "a.addmv(b, c, alpha=-1.5)",
    inputs: [f64(3), f64(3, 2), f64(2)],
    ts: (a, b, c) => a.addmv(b, c, { alpha: -1.5 }),
  },
  {
    name: "addmv.int",
    py: "torch.addmv(a, b, c, beta=2)",
    inputs: [i64(2), i64(2, 3), i64(3)],
    ts: (a, b, c) => torch.addmv(a, b, c, { beta: 2 }),
  },
  {
    name: "addmv_",
    py: "(a * 1).addmv_(b, c, beta=0)",
    inputs: [f(2), f(2, 3), f(3)],
    ts: (a, b, c) => a.mul(1).addmv_(b, c, { beta: 0 }),
  },
  {
    name: "addr",
    py: "torch.addr(a, b, c)",
    inputs: [f(2, 3), f(2), f(3)],
    ts: (a, b, c) => torch.addr(a, b, c),
  },
  {
    name: "addr.scaled_broadcast",
    py: "a.addr(b, c, beta=2, alpha=0.25)",
    inputs: [f(3), f(2), f(3)],
    ts: (a, b, c) => a.addr(b, c, { beta: 2, alpha: 0.25 }),
  },
  {
    name: "addr_",
    py: "(a * 1).addr_(b, c, alpha=3)",
    inputs: [f(2, 2), f(2), f(2)],
    ts: (a, b, c) => a.mul(1).addr_(b, c, { alpha: 3 }),
  },
  {
    name: "baddbmm",
    py: "torch.baddbmm(a, b, c)",
    inputs: [f(2, 2, 4), f(2, 2, 3), f(2, 3, 4)],
    ts: (a, b, c) => torch.baddbmm(a, b, c),
    ulps: 4,
  },
  {
    name: "baddbmm.broadcast_scaled",
    py: "torch.baddbmm(a, b, c, beta=-1, alpha=0.5)",
    inputs: [f(1, 4), f(3, 2, 3), f(3, 3, 4)],
    ts: (a, b, c) => torch.baddbmm(a, b, c, { beta: -1, alpha: 0.5 }),
    ulps: 4,
  },
  {
    name: "baddbmm.deprecated",
    py: "torch.baddbmm(2, a, 0.5, b, c)",
    inputs: [f64(2, 2, 2), f64(2, 2, 3), f64(2, 3, 2)],
    ts: (a, b, c) => deprecated(torch.baddbmm)(2, a, 0.5, b, c),
  },
  {
    name: "baddbmm_",
    py: "(a * 1).baddbmm_(b, c)",
    inputs: [f(2, 3, 2), f(2, 3, 4), f(2, 4, 2)],
    ts: (a, b, c) => a.mul(1).baddbmm_(b, c),
    ulps: 4,
    atol: 1e-6,
  },
  {
    name: "addbmm",
    py: "torch.addbmm(a, b, c)",
    inputs: [f(2, 4), f(3, 2, 3), f(3, 3, 4)],
    ts: (a, b, c) => torch.addbmm(a, b, c),
    ulps: 4,
  },
  {
    name: "addbmm.scaled_method",
    py: "a.addbmm(b, c, beta=0.5, alpha=2)",
    inputs: [f(4), f(2, 3, 2), f(2, 2, 4)],
    ts: (a, b, c) => a.addbmm(b, c, { beta: 0.5, alpha: 2 }),
    ulps: 4,
  },
  {
    name: "addbmm_",
    py: "(a * 1).addbmm_(b, c)",
    inputs: [f64(2, 2), f64(2, 2, 3), f64(2, 3, 2)],
    ts: (a, b, c) => a.mul(1).addbmm_(b, c),
  },
  {
    name: "addcmul",
    py: "torch.addcmul(a, b, c, value=0.5)",
    inputs: [f(2, 3), f(3), f(2, 1)],
    ts: (a, b, c) => torch.addcmul(a, b, c, { value: 0.5 }),
  },
  {
    name: "addcmul.default_method",
    py: "a.addcmul(b, c)",
    inputs: [f(4), f(4), f64(4)],
    ts: (a, b, c) => a.addcmul(b, c),
  },
  {
    name: "addcmul.int",
    py: "torch.addcmul(a, b, c, value=3)",
    inputs: [i64(4), i64(4), i64(4)],
    ts: (a, b, c) => torch.addcmul(a, b, c, { value: 3 }),
  },
  {
    name: "addcmul_",
    py: "(a * 1).addcmul_(b, c, value=-2)",
    inputs: [f(3), f(3), f(3)],
    ts: (a, b, c) => a.mul(1).addcmul_(b, c, { value: -2 }),
  },
  {
    name: "addcdiv",
    py: "torch.addcdiv(a, b, c, value=0.1)",
    inputs: [f(2, 3), f(2, 3), nz(3)],
    ts: (a, b, c) => torch.addcdiv(a, b, c, { value: 0.1 }),
  },
  {
    name: "addcdiv.deprecated",
    py: "torch.addcdiv(a, 2, b, c)",
    inputs: [f64(4), f64(4), { ...f64(4), domain: "positive" }],
    ts: (a, b, c) => deprecated(torch.addcdiv)(a, 2, b, c),
  },
  {
    name: "addcdiv_",
    py: "(a * 1).addcdiv_(b, c)",
    inputs: [f(4), f(4), pos(4)],
    ts: (a, b, c) => a.mul(1).addcdiv_(b, c),
  },
  { name: "vdot", py: "torch.vdot(a, b)", inputs: [f(5), f(5)], ts: (a, b) => torch.vdot(a, b) },
  { name: "vdot.float64_method", py: "a.vdot(b)", inputs: [f64(4), f64(4)], ts: (a, b) => a.vdot(b) },
  { name: "inner.vectors", py: "torch.inner(a, b)", inputs: [f(4), f(4)], ts: (a, b) => torch.inner(a, b) },
  {
    name: "inner.matrices",
    py: "torch.inner(a, b)",
    inputs: [f(2, 3), f(4, 3)],
    ts: (a, b) => torch.inner(a, b),
  },
  { name: "inner.batched", py: "a.inner(b)", inputs: [f(2, 1, 3), f(3)], ts: (a, b) => a.inner(b) },
  {
    name: "inner.scalar",
    py: "torch.inner(a, b.sum())",
    inputs: [f(2, 2), f(3)],
    ts: (a, b) => torch.inner(a, b.sum()),
  },
  { name: "dist", py: "torch.dist(a, b)", inputs: [f(2, 3), f(2, 3)], ts: (a, b) => torch.dist(a, b) },
  {
    name: "dist.p1_broadcast",
    py: "torch.dist(a, b, 1)",
    inputs: [f(2, 3), f(3)],
    ts: (a, b) => torch.dist(a, b, 1),
  },
  { name: "dist.p3", py: "a.dist(b, 3)", inputs: [f64(5), f64(5)], ts: (a, b) => a.dist(b, 3) },
  {
    name: "dist.inf",
    py: "torch.dist(a, b, float('inf'))",
    inputs: [f(6), f(6)],
    ts: (a, b) => torch.dist(a, b, Infinity),
  },
];
