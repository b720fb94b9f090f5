// Composite statistics and integration as PyTorch 1.13 writes them in ATen (ReduceOps.cpp's diff,
// Correlation.cpp's cov and corrcoef, Integration.cpp's trapezoid / trapz / cumulative_trapezoid): each is
// the same sequence of tensor ops, so values, grad_fn names and double backward follow from those ops.
// Also torch.use_deterministic_algorithms and its queries (every tensorgrad kernel is deterministic: the
// flag is recorded and reported, never needed).
import { RuntimeError } from "../errors.js";
import { bindNative } from "../signatures/bind.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { zeros } from "../tensor/creation.js";
import { bool, Category, int64 } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { no_grad } from "../autograd/grad_mode.js";
import { fromData, record, type Scalar } from "./core.js";
import { add, clamp, div, logical_xor, mul, sub } from "./elementwise.js";
import { copy_ } from "./inplace.js";
import { cat } from "./join.js";
import { mm } from "./linalg.js";
import { sqrt } from "./math.js";
import { sum, sumAll } from "./reduce.js";
import { cumsum } from "./reduce_stats.js";
import { narrow, slice, t, view } from "./shape.js";

// ---- diff ------------------------------------------------------------------------------------------------

function checkAttachable(input: Tensor, other: Tensor | null, dim: number): void {
  if (other === null) return;
  const d = normalizeDim(dim, input.ndim);
  if (other.ndim !== input.ndim)
    throw new RuntimeError("diff expects prepend or append to be the same dimension as input");
  for (let i = 0; i < other.ndim; i++)
    if (other.shape[i] !== input.shape[i] && i !== d)
      throw new RuntimeError(
        `diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size(${i}) = ${input.shape[i]}, but got tensor.size(${i}) = ${other.shape[i]}`,
      );
}

/** torch.diff(input, n, dim, prepend, append): the n-th forward difference (logical_xor for bools). */
export function diff(
  input: Tensor,
  n = 1,
  dim = -1,
  prepend: Tensor | null = null,
  append: Tensor | null = null,
): Tensor {
  if (input.ndim < 1) throw new RuntimeError("diff expects input to be at least one-dimensional");
  checkAttachable(input, prepend, dim);
  checkAttachable(input, append, dim);
  if (n === 0) return copy_(zeros([...input.shape], { dtype: input.dtype }), input);
  let result = input;
  if (prepend !== null || append !== null)
    result = cat([...(prepend ? [prepend] : []), input, ...(append ? [append] : [])], dim);
  const d = normalizeDim(dim, result.ndim);
  const size = result.shape[d];
  let outLen = size - 1;
  // A negative n runs no step (PyTorch returns the input itself); n beyond the size stops at the size.
  for (let i = 0; i < Math.min(n, size); i++) {
    const hi = narrow(result, d, 1, outLen);
    const lo = narrow(result, d, 0, outLen);
    result = result.dtype === bool ? logical_xor(hi, lo) : sub(hi, lo);
    outLen--;
  }
  return result;
}

// ---- cov, corrcoef -------------------------------------------------------------------------------------

function checkWeights(kind: "fweights" | "aweights", w: Tensor, observations: number): void {
  if (w.ndim > 1)
    throw new RuntimeError(
      `cov(): expected ${kind} to have one or fewer dimensions but got ${kind} with ${w.ndim} dimensions`,
    );
  const wanted = kind === "fweights" ? Category.Integral : Category.Floating;
  if (w.dtype.category !== wanted)
    throw new RuntimeError(
      `cov(): expected ${kind} to have ${kind === "fweights" ? "integral" : "floating point"} dtype but got ${kind} with ${w.dtype.scalarTypeName} dtype`,
    );
  if (w.numel() !== observations)
    throw new RuntimeError(
      `cov(): expected ${kind} to have the same numel as there are observations in the input but got ${w.numel()} != ${observations}`,
    );
  if (observations > 0 && Math.min(...Array.from(w.values(), Number)) < 0)
    throw new RuntimeError(`cov(): ${kind} cannot be negative`);
}

const DOF_WARNING =
  "cov(): degrees of freedom is <= 0 (Triggered internally at  ./aten/src/ATen/native/Correlation.cpp:100.)";

/** torch.cov(input, correction, fweights, aweights): rows are variables, columns observations. */
export function cov(
  input: Tensor,
  correction = 1,
  fweights: Tensor | null = null,
  aweights: Tensor | null = null,
): Tensor {
  if (input.ndim > 2)
    throw new RuntimeError(
      `cov(): expected input to have two or fewer dimensions but got an input with ${input.ndim} dimensions`,
    );
  if (input.dtype === bool) throw new RuntimeError("cov(): bool dtype is not supported for input");
  let x = input.ndim < 2 ? view(input, [1, -1]) : input;
  const observations = x.shape[1];
  let w: Tensor | null = null;
  if (fweights !== null) {
    checkWeights("fweights", fweights, observations);
    w = fweights;
  }
  if (aweights !== null) {
    checkWeights("aweights", aweights, observations);
    w = w !== null ? mul(w, aweights) : aweights;
  }
  const wSum = w !== null ? sumAll(w) : fromData(Float64Array.of(observations), [], int64);
  if (w !== null && Number(wSum.item()) === 0)
    throw new RuntimeError("cov(): weights sum to zero, can't be normalized");
  const avg = div(sum(w !== null ? mul(x, w) : x, [1]), wSum);
  let normFactor =
    w !== null && aweights !== null && correction !== 0
      ? sub(wSum, div(mul(sumAll(mul(w, aweights)), correction), wSum))
      : sub(wSum, correction);
  if (Number(normFactor.item()) <= 0) {
    emitWarning(DOF_WARNING);
    normFactor = mul(normFactor, 0);
  }
  x = sub(x, avg.unsqueeze(1));
  const c = mm(x, t(w !== null ? mul(x, w) : x));
  return div(c, normFactor).squeeze();
}

/** torch.corrcoef(input): cov normalized by the standard deviations, clipped to [-1, 1]. */
export function corrcoef(input: Tensor): Tensor {
  if (input.ndim > 2)
    throw new RuntimeError(
      `corrcoef(): expected input to have two or fewer dimensions but got an input with ${input.ndim} dimensions`,
    );
  let c = cov(input);
  if (c.ndim === 0) return div(c, c);
  const stddev = sqrt(c.diag());
  c = div(c, view(stddev, [-1, 1]));
  c = div(c, view(stddev, [1, -1]));
  return clamp(c, -1, 1);
}

// ---- trapezoid, trapz, cumulative_trapezoid ------------------------------------------------------------

type Integration = "trapezoid" | "cumulative_trapezoid";

/** ATen's `tensor * double` and `tensor / double` (mul.Scalar, div.Scalar): MulBackward1 / DivBackward1. */
const mulScalar = (x: Tensor, s: number): Tensor =>
  record(
    "MulBackward1",
    [x],
    no_grad(() => mul(x, s)),
    () => ({ other: s }),
  );
const divScalar = (x: Tensor, s: number): Tensor =>
  record(
    "DivBackward1",
    [x],
    no_grad(() => div(x, s)),
    () => ({ other: s }),
  );

/** y's size along dim, with x's differences viewed to broadcast against y's pairs (Integration.cpp). */
function sampleSpacing(name: Integration, y: Tensor, x: Tensor, d: number): Tensor {
  if (y.dtype === bool || x.dtype === bool)
    throw new RuntimeError(`${name}: received a bool input for \`x\` or \`y\`, but bool is not supported`);
  let xv = x;
  if (x.ndim === 1) {
    if (x.shape[0] !== y.shape[d])
      throw new RuntimeError(`${name}: There must be one \`x\` value for each sample point`);
    const sizes = new Array<number>(y.ndim).fill(1);
    sizes[d] = x.shape[0];
    xv = view(x, sizes);
  } else if (x.ndim < y.ndim) {
    xv = view(x, [...new Array<number>(y.ndim - x.ndim).fill(1), ...x.shape]);
  }
  return sub(slice(xv, d, 1, null), slice(xv, d, 0, -1));
}

function checkScalarDx(name: Integration, y: Tensor, dx: Scalar): number {
  if (y.dtype === bool)
    throw new RuntimeError(`${name}: received a bool input for \`y\`, but bool is not supported`);
  if (typeof dx === "boolean")
    throw new RuntimeError(`${name}: Currently, we only support dx as a real number.`);
  return Number(dx);
}

/** y's shape without dim, zeros: the integral of no samples. */
function zerosExcept(y: Tensor, d: number): Tensor {
  const sizes = [...y.shape];
  sizes.splice(d, 1);
  return zeros(sizes, { dtype: y.dtype });
}

/** torch.trapezoid(y, x, dim): sum of (x[i+1] - x[i]) * (y[i] + y[i+1]), halved. */
export function trapezoidX(y: Tensor, x: Tensor, dim = -1): Tensor {
  const d = normalizeDim(dim, y.ndim);
  if (y.shape[d] === 0) return zerosExcept(y, d);
  const dx = sampleSpacing("trapezoid", y, x, d);
  return divScalar(sum(mul(dx, add(slice(y, d, 0, -1), slice(y, d, 1, null))), [d]), 2);
}

/** torch.trapezoid(y, dx=1, dim): (sum(y) - (y[0] + y[-1]) / 2) * dx. */
export function trapezoidDx(y: Tensor, dx: Scalar = 1, dim = -1): Tensor {
  const d = normalizeDim(dim, y.ndim);
  if (y.shape[d] === 0) return zerosExcept(y, d);
  const step = checkScalarDx("trapezoid", y, dx);
  const ends = add(y.select(d, 0), y.select(d, -1));
  return mulScalar(sub(sum(y, [d]), mulScalar(ends, 0.5)), step);
}

/** torch.cumulative_trapezoid(y, x, dim): the running trapezoid sums. */
export function cumulativeTrapezoidX(y: Tensor, x: Tensor, dim = -1): Tensor {
  const d = normalizeDim(dim, y.ndim);
  const dx = sampleSpacing("cumulative_trapezoid", y, x, d);
  return divScalar(cumsum(mul(dx, add(slice(y, d, 0, -1), slice(y, d, 1, null))), d), 2);
}

/** torch.cumulative_trapezoid(y, dx=1, dim). */
export function cumulativeTrapezoidDx(y: Tensor, dx: Scalar = 1, dim = -1): Tensor {
  const d = normalizeDim(dim, y.ndim);
  const step = checkScalarDx("cumulative_trapezoid", y, dx);
  return cumsum(mulScalar(add(slice(y, d, 0, -1), slice(y, d, 1, null)), step / 2), d);
}

// ---- deterministic algorithms ----------------------------------------------------------------------------

const deterministic = { mode: false, warnOnly: false };

defineOps(
  "torch",
  {
    "diff(Tensor input, int64_t n=1, int64_t dim=-1, Tensor? prepend=None, Tensor? append=None, *, Tensor out=None) -> Tensor":
      diff,
    "cov(Tensor input, *, int64_t correction=1, Tensor? fweights=None, Tensor? aweights=None) -> Tensor": cov,
    "corrcoef(Tensor input) -> Tensor": corrcoef,
  },
  { methods: true },
);

defineOps("torch", {
  "trapezoid(Tensor y, Tensor x, *, int64_t dim=-1) -> Tensor": trapezoidX,
  "trapezoid(Tensor y, *, Scalar dx=1, int64_t dim=-1) -> Tensor": trapezoidDx,
  "trapz(Tensor y, *, double dx=1, int64_t dim=-1) -> Tensor": trapezoidDx,
  "trapz(Tensor y, Tensor x, *, int64_t dim=-1) -> Tensor": trapezoidX,
  "cumulative_trapezoid(Tensor y, Tensor x, *, int64_t dim=-1) -> Tensor": cumulativeTrapezoidX,
  "cumulative_trapezoid(Tensor y, *, Scalar dx=1, int64_t dim=-1) -> Tensor": cumulativeTrapezoidDx,
});

// torch/__init__.py's wrappers around _C._set_deterministic_algorithms (whose argument errors are the
// native parser's) and its queries.
const SET_DETERMINISTIC = [
  parseSignature("_set_deterministic_algorithms(bool mode, *, bool warn_only=False) -> None", "native"),
];
function use_deterministic_algorithms(mode: unknown, warnOnly: unknown): void {
  const { values } = bindNative(SET_DETERMINISTIC, [mode], { warn_only: warnOnly });
  deterministic.mode = values[0] as boolean;
  deterministic.warnOnly = values[1] as boolean;
}

definePython("torch", {
  "use_deterministic_algorithms(mode, *, warn_only=False) -> None": use_deterministic_algorithms,
  "are_deterministic_algorithms_enabled() -> bool": () => deterministic.mode,
  "is_deterministic_algorithms_warn_only_enabled() -> bool": () => deterministic.warnOnly,
});
