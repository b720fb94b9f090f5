// Op table rows for src/ops/math_pointwise.ts: logaddexp, logaddexp2, hypot, heaviside, deg2rad, rad2deg,
// isclose, allclose, equal and clip (clamp's alias).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, nz, pos, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

/** The float32, float64 and broadcast method rows of a binary float op. */
function binaryRows(name: "logaddexp" | "logaddexp2" | "hypot", ulps: number): OpCase[] {
  return [
    { name, py: `torch.${name}(a, b)`, inputs: [f(2, 3), f(2, 3)], ts: (a, b) => torch[name](a, b), ulps },
    // 20 contiguous elements: PyTorch's vectorised loop takes 16, its scalar loop the rest.
    {
      name: `${name}.long_row`,
      py: `torch.${name}(a, b)`,
      inputs: [f(20), f(20)],
      ts: (a, b) => torch[name](a, b),
      ulps,
    },
    {
      name: `${name}.broadcast`,
      py: `a.${name}(b)`,
      inputs: [f(3, 1), f(4)],
      ts: (a, b) => a[name](b),
      ulps,
    },
    {
      name: `${name}.float64`,
      py: `torch.${name}(a, b)`,
      inputs: [f64(20), f64(20)],
      ts: (a, b) => torch[name](a, b),
    },
    {
      name: `${name}.int_float`,
      py: `torch.${name}(a, b)`,
      inputs: [i64(4), f(4)],
      ts: (a, b) => torch[name](a, b),
      ulps,
    },
  ];
}

export const MATH_POINTWISE_OPS: OpCase[] = [
  ...binaryRows("logaddexp", 1),
  ...binaryRows("logaddexp2", 1),
  ...binaryRows("hypot", 1),
  {
    name: "heaviside",
    py: "torch.heaviside(torch.round(a), b)",
    inputs: [noGrad(f(3, 4)), noGrad(f(3, 4))],
    ts: (a, b) => torch.heaviside(torch.round(a), b),
  },
  {
    name: "heaviside.int_broadcast",
    py: "a.heaviside(b)",
    inputs: [i64(3, 4), i64(4)],
    ts: (a, b) => a.heaviside(b),
  },
  { name: "deg2rad", py: "torch.deg2rad(a * 90)", inputs: [f(2, 3)], ts: (a) => torch.deg2rad(a.mul(90)) },
  { name: "deg2rad.int", py: "a.deg2rad()", inputs: [i64(5)], ts: (a) => a.deg2rad() },
  { name: "deg2rad.float64", py: "torch.deg2rad(a)", inputs: [f64(5)], ts: (a) => torch.deg2rad(a) },
  { name: "rad2deg", py: "torch.rad2deg(a)", inputs: [f(2, 3)], ts: (a) => torch.rad2deg(a) },
  { name: "rad2deg.int", py: "a.rad2deg()", inputs: [i64(5)], ts: (a) => a.rad2deg() },
  { name: "rad2deg.float64", py: "a.rad2deg()", inputs: [f64(5)], ts: (a) => a.rad2deg() },
  {
    name: "isclose",
    py: "torch.isclose(a, a + b * 1e-5)",
    inputs: [noGrad(f(3, 4)), noGrad(f(3, 4))],
    ts: (a, b) => torch.isclose(a, a.add(b.mul(1e-5))),
  },
  {
    name: "isclose.tolerances",
    py: "a.isclose(b, rtol=0.5, atol=0.1)",
    inputs: [noGrad(f(3, 4)), noGrad(f(4))],
    ts: (a, b) => a.isclose(b, 0.5, 0.1),
  },
  {
    name: "isclose.equal_nan",
    py: "torch.isclose(a.log(), b.log(), equal_nan=True)",
    inputs: [noGrad(f(6)), noGrad(f(6))],
    ts: (a, b) => torch.isclose(a.log(), b.log(), { equal_nan: true }),
  },
  {
    name: "isclose.int",
    py: "torch.isclose(a, b, atol=2)",
    inputs: [i64(6), i64(6)],
    ts: (a, b) => torch.isclose(a, b, { atol: 2 }),
  },
  {
    name: "allclose",
    py: "torch.tensor([torch.allclose(a, a + 1e-7), torch.allclose(a, b), a.allclose(b, rtol=100.0)])",
    inputs: [noGrad(pos(3, 4)), noGrad(pos(4))],
    ts: (a, b) =>
      torch.tensor([torch.allclose(a, a.add(1e-7)), torch.allclose(a, b), a.allclose(b, { rtol: 100 })]),
  },
  {
    name: "equal",
    py: "torch.tensor([torch.equal(a, a.clone()), torch.equal(a, b), a.equal(a.double()), torch.equal(a, a[:1])])",
    inputs: [noGrad(f(3)), noGrad(f(3))],
    ts: (a, b) =>
      torch.tensor([
        torch.equal(a, a.clone()),
        torch.equal(a, b),
        a.equal(a.double()),
        torch.equal(a, a.narrow(0, 0, 1)),
      ]),
  },
  { name: "clip", py: "torch.clip(a, -0.5, 0.5)", inputs: [f(2, 3)], ts: (a) => torch.clip(a, -0.5, 0.5) },
  { name: "clip.min_only", py: "a.clip(min=0.1)", inputs: [f(2, 3)], ts: (a) => a.clip({ min: 0.1 }) },
  {
    name: "clip.tensor",
    py: "torch.clip(a, b, b + 1)",
    inputs: [f(2, 3), nz(3)],
    ts: (a, b) => torch.clip(a, b, b.add(1)),
  },
  { name: "clip.int", py: "a.clip(-1, 1)", inputs: [i64(6)], ts: (a) => a.clip(-1, 1) },
  {
    name: "clip.float64",
    py: "torch.clip(a, max=0.2)",
    inputs: [f64(5)],
    ts: (a) => torch.clip(a, { max: 0.2 }),
  },
];
