// The pointwise math and special functions given bad input: dtypes their kernels lack, mismatched dtypes,
// tolerances and orders out of range, and numbers where a tensor is required (src/ops/math_pointwise.ts,
// src/ops/special.ts).
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const ints = () => torch.tensor([1n, -2n, 3n]);
const bools = () => torch.tensor([true, false]);
const ones = (...shape: number[]) => torch.ones(shape);

export const SPECIAL_ERRORS: ErrorTable = {
  setup: `
def ints():
    return torch.tensor([1, -2, 3])
def bools():
    return torch.tensor([True, False])
ones = torch.ones
`,
  rows: [
    {
      name: "logaddexp of ints",
      py: "torch.logaddexp(ints(), ints())",
      ts: () => torch.logaddexp(ints(), ints()),
    },
    {
      name: "logaddexp2 of bools",
      py: "torch.logaddexp2(bools(), bools())",
      ts: () => torch.logaddexp2(bools(), bools()),
    },
    { name: "hypot of ints", py: "ints().hypot(ints())", ts: () => ints().hypot(ints()) },
    { name: "hypot 2 and 3", py: "torch.hypot(ones(2), ones(3))", ts: () => torch.hypot(ones(2), ones(3)) },
    {
      name: "logaddexp with a number",
      py: "torch.logaddexp(ones(2), 2)",
      ts: () => torch.logaddexp(ones(2), bad(2)),
    },
    {
      name: "heaviside of two dtypes",
      py: "torch.heaviside(ones(2), ints()[:2])",
      ts: () => torch.heaviside(ones(2), ints().narrow(0, 0, 2)),
    },
    {
      name: "heaviside backward",
      py: "torch.heaviside(ones(2, requires_grad=True), ones(2)).sum().backward()",
      ts: () =>
        torch
          .heaviside(torch.ones([2], { requires_grad: true }), ones(2))
          .sum()
          .backward(),
    },
    {
      name: "isclose of two dtypes",
      py: "torch.isclose(ints(), ones(3))",
      ts: () => torch.isclose(ints(), ones(3)),
    },
    {
      name: "isclose negative rtol",
      py: "torch.isclose(ones(2), ones(2), rtol=-1)",
      ts: () => torch.isclose(ones(2), ones(2), { rtol: -1 }),
    },
    {
      name: "allclose negative atol",
      py: "torch.allclose(ones(2), ones(2), atol=-0.5)",
      ts: () => torch.allclose(ones(2), ones(2), { atol: -0.5 }),
    },
    { name: "clip without bounds", py: "torch.clip(ones(2))", ts: () => torch.clip(ones(2)) },
    {
      name: "polygamma negative order",
      py: "torch.polygamma(-1, ones(2))",
      ts: () => torch.polygamma(-1, ones(2)),
    },
    { name: "mvlgamma p of 0", py: "torch.mvlgamma(ones(2), 0)", ts: () => torch.mvlgamma(ones(2), 0) },
    {
      name: "multigammaln p of 0",
      py: "torch.special.multigammaln(ones(2), 0)",
      ts: () => torch.special.multigammaln(ones(2), 0),
    },
    { name: "xlogy of two numbers", py: "torch.xlogy(2, 3)", ts: () => torch.xlogy(bad(2), bad(3)) },
    {
      name: "special.expit of a number",
      py: "torch.special.expit(2)",
      ts: () => torch.special.expit(bad(2)),
    },
    {
      name: "special.xlog1py of two numbers",
      py: "torch.special.xlog1py(2, 3)",
      ts: () => torch.special.xlog1py(bad(2), bad(3)),
    },
    { name: "erfinv of a list", py: "torch.erfinv([0.5])", ts: () => torch.erfinv(bad([0.5])) },
    {
      name: "mvlgamma p past memory",
      py: "torch.tensor([1.5, 2.5]).mvlgamma(2**40)",
      ts: () => torch.tensor([1.5, 2.5]).mvlgamma(2 ** 40),
    },
    {
      name: "multigammaln float64 p past memory",
      py: "torch.special.multigammaln(ones(2).double(), 2**40)",
      ts: () => torch.special.multigammaln(ones(2).double(), 2 ** 40),
    },
  ],
};
