// More ops on complex tensors (docs/complex.md): cumsum and index_select run the real kernels on both components
// of the real view (view_as_real: [..., 2] floats) at once, isnan / isinf / isfinite / eq / ne reduce the
// components' tests, and reciprocal, rsqrt, sgn, log10, log2, sinh and cosh are elementwise kernels. Each records PyTorch's grad_fn with an
// "@complex" derivative row (src/ops/derivatives/complex_math.ts).
import { complexUnary } from "../backend/js/complex.js";
import { no_grad } from "../autograd/grad_mode.js";
import { defineComplex, notImplementedFor } from "../signatures/complex_dispatch.js";
import { toRealDtype } from "../tensor/complex.js";
import { bool, resultType, type DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import {
  asComplex,
  complexDiv,
  complexSum,
  complexToDtype,
  view_as_complex,
  view_as_real,
} from "./complex.js";
import { fromData, record, scalarTensor } from "./core.js";
import { eq, ne } from "./elementwise.js";
import { index_add, index_select } from "./indexing.js";
import { flip } from "./join.js";
import { isfinite, isinf, isnan } from "./math.js";
import { all, any } from "./reduce.js";
import { cumsum } from "./reduce_stats.js";
import { contiguous } from "./shape.js";
import { zeros } from "../tensor/creation.js";

/** A complex result computed under no_grad from real views, as a fresh tensor of its own. */
function fresh(t: Tensor): Tensor {
  const c = contiguous(t);
  return fromData(c._storage.data.slice(2 * c._offset, 2 * (c._offset + c.numel())), c.shape, c.dtype);
}

/** reciprocal(z) = 1 / z in c10::complex's 1.13 division (ReciprocalBackward0: -grad * (result^2).conj()). */
export function complexReciprocal(input: Tensor): Tensor {
  const out = fromData(complexUnary("reciprocal", input._view(), input.dtype), input.shape, input.dtype);
  return record("ReciprocalBackward0@complex", [input], out, () => ({ result: out }));
}

/** log10 z = log z / ln 10 and log2 z = log z / ln 2 (libstdc++'s and c10's), Log10Backward0 / Log2Backward0. */
export function complexLogBase(input: Tensor, base: 10 | 2): Tensor {
  const logs = fromData(complexUnary("log", input._view(), input.dtype), input.shape, input.dtype);
  const out = no_grad(() => complexDiv(logs, Math.log(base)));
  return base === 10
    ? record("Log10Backward0@complex", [input], out, () => ({ self: input }))
    : record("Log2Backward0@complex", [input], out, () => ({ self: input }));
}

/** rsqrt z = 1 / sqrt z (the vectorised loop's sqrt().reciprocal()), RsqrtBackward0. */
export function complexRsqrt(input: Tensor): Tensor {
  const roots = fromData(complexUnary("sqrt", input._view(), input.dtype), input.shape, input.dtype);
  const out = fromData(complexUnary("reciprocal", roots._view(), input.dtype), input.shape, input.dtype);
  return record("RsqrtBackward0@complex", [input], out, () => ({ result: out }));
}

/** sinh z and cosh z (glibc's csinh / ccosh), SinhBackward0 / CoshBackward0. */
export function complexSinh(input: Tensor): Tensor {
  const out = fromData(complexUnary("sinh", input._view(), input.dtype), input.shape, input.dtype);
  return record("SinhBackward0@complex", [input], out, () => ({ self: input }));
}
export function complexCosh(input: Tensor): Tensor {
  const out = fromData(complexUnary("cosh", input._view(), input.dtype), input.shape, input.dtype);
  return record("CoshBackward0@complex", [input], out, () => ({ self: input }));
}

/** eq / ne with a complex operand: both components equal (eq), either differs (ne); no graph. */
function complexCompare(op: "eq" | "ne", input: Tensor, other: Tensor | number): Tensor {
  const dtype = resultType([input, other]);
  const operand = (v: Tensor | number) =>
    no_grad(() => asComplex(v instanceof Tensor ? v : scalarTensor(v, toRealDtype(dtype)), dtype));
  const a = view_as_real(operand(input));
  const b = view_as_real(operand(other));
  return no_grad(() => (op === "eq" ? all(eq(a, b), -1) : any(ne(a, b), -1)));
}

/** Tensor.repeat of a complex tensor: the real implementation's copy (values()), RepeatBackward0 summing complex. */
function complexRepeat(
  input: Tensor,
  repeats: readonly number[],
  impl: (...a: unknown[]) => unknown,
): Tensor {
  const out = no_grad(() => impl(input, repeats)) as Tensor;
  const selfShape = input.shape;
  return record("RepeatBackward0@complex", [input], out, () => ({ repeats: [...repeats], selfShape }));
}

/** repeat's backward: grad as [r0, s0, r1, s1, ...] (leading new dims whole), summed over the repeats. */
export function complexRepeatBackward(
  grad: Tensor,
  s: { repeats: readonly number[]; selfShape: readonly number[] },
): Tensor {
  const lead = s.repeats.length - s.selfShape.length;
  const shape: number[] = [];
  const dims: number[] = [];
  s.repeats.forEach((r, i) => {
    dims.push(shape.length);
    shape.push(r);
    if (i >= lead) shape.push(s.selfShape[i - lead]);
  });
  return complexSum(grad.reshape(shape), dims, false, null, false);
}

/** sgn(z) = z / |z| (0 at 0), SgnBackward0. */
export function complexSgn(input: Tensor): Tensor {
  const out = fromData(complexUnary("sgn", input._view(), input.dtype), input.shape, input.dtype);
  return record("SgnBackward0@complex", [input], out, () => ({ self: input, result: out }));
}

/** torch.cumsum of a complex tensor: both components' running sums (CumsumBackward0). */
export function complexCumsum(input: Tensor, dim: number, dtype: DType | null = null): Tensor {
  if (dtype !== null && !dtype.is_complex) return cumsum(complexToDtype(input, dtype), dim);
  const source = dtype === null ? input : complexToDtype(input, dtype);
  if (source.ndim === 0) throw notImplementedFor("cumsum", source.dtype);
  const d = normalizeDim(dim, source.ndim);
  const out = no_grad(() => fresh(view_as_complex(contiguous(cumsum(view_as_real(source), d)))));
  return record("CumsumBackward0@complex", [source], out, () => ({ dim: d }));
}

/** cumsum_backward: the running sums of grad taken from the end (flip, cumsum, flip). */
export function complexCumsumBackward(grad: Tensor, dim: number): Tensor {
  return flip(complexCumsum(flip(grad, [dim]), dim), [dim]);
}

/** torch.index_select of a complex tensor (IndexSelectBackward0). */
export function complexIndexSelect(input: Tensor, dim: number, index: Tensor): Tensor {
  if (input.ndim === 0) throw notImplementedFor("index_select", input.dtype);
  const d = normalizeDim(dim, input.ndim);
  const out = no_grad(() => fresh(view_as_complex(contiguous(index_select(view_as_real(input), d, index)))));
  const selfShape = input.shape;
  return record("IndexSelectBackward0@complex", [input], out, () => ({ dim: d, index, selfShape }));
}

/** index_select_backward: grad summed into zeros of self's shape at `index` along dim (through the real view). */
export function complexIndexSelectBackward(
  grad: Tensor,
  s: { dim: number; index: Tensor; selfShape: readonly number[] },
): Tensor {
  const z = zeros([...s.selfShape, 2], { dtype: toRealDtype(grad.dtype) });
  return view_as_complex(index_add(z, s.dim, s.index, view_as_real(grad)));
}

/** isnan / isinf: either component; isfinite: both components. */
function componentTest(input: Tensor, test: (t: Tensor) => Tensor, both: boolean): Tensor {
  const r = test(view_as_real(input));
  const out = both ? all(r, -1) : any(r, -1);
  return out.dtype === bool ? out : out.to(bool);
}

const both = (name: string) => [`torch:${name}`, `Tensor:${name}`];
defineComplex(both("reciprocal"), ([a]) => complexReciprocal(a as Tensor));
defineComplex(both("sgn"), ([a]) => complexSgn(a as Tensor));
defineComplex(["Tensor:repeat"], ([a, repeats], impl) =>
  complexRepeat(a as Tensor, repeats as number[], impl),
);
// tile is repeat with the dims padded by leading 1s (torch.tile's own definition).
defineComplex(both("tile"), ([a, dims]) => {
  const x = a as Tensor;
  const d = dims as number[];
  const reps = d.length < x.ndim ? [...new Array<number>(x.ndim - d.length).fill(1), ...d] : d;
  return (x as unknown as { repeat(r: number[]): Tensor }).repeat(reps);
});
defineComplex(both("log10"), ([a]) => complexLogBase(a as Tensor, 10));
defineComplex(both("log2"), ([a]) => complexLogBase(a as Tensor, 2));
defineComplex(both("rsqrt"), ([a]) => complexRsqrt(a as Tensor));
defineComplex(both("sinh"), ([a]) => complexSinh(a as Tensor));
defineComplex(both("cosh"), ([a]) => complexCosh(a as Tensor));
for (const op of ["eq", "ne"] as const)
  defineComplex(both(op), ([a, b]) => complexCompare(op, a as Tensor, b as Tensor | number));
defineComplex(both("cumsum"), ([a, dim, dtype]) =>
  complexCumsum(a as Tensor, dim as number, (dtype as DType | null | undefined) ?? null),
);
defineComplex(both("index_select"), ([a, dim, index]) =>
  complexIndexSelect(a as Tensor, dim as number, index as Tensor),
);
defineComplex(both("isnan"), ([a]) => componentTest(a as Tensor, isnan, false));
defineComplex(both("isinf"), ([a]) => componentTest(a as Tensor, isinf, false));
defineComplex(both("isfinite"), ([a]) => componentTest(a as Tensor, isfinite, true));
