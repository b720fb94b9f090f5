// Sorting and selection along a dim: sort, argsort, msort, topk, kthvalue, median, nanmedian and mode
// (aten/src/ATen/native/Sorting.cpp, cpu/SortingKernel.cpp, cpu/TensorCompareKernel.cpp), and quantile and
// nanquantile, composites of sort as PyTorch's are. The kernels (src/backend/js/sort.ts, native/sort.c) move
// equal elements as PyTorch's CPU kernels do, so indices of ties and NaNs (which sort as the largest values) are
// PyTorch's. Results with indices are ValuesIndices (torch.return_types.sort, ...), like max(dim).
import {
  jsSortKernels,
  kthvalueRows,
  medianAll,
  medianRows,
  modeRows,
  type ValuesIndicesData,
} from "../backend/js/sort.js";
import { backend } from "../backend/backend.js";
import { IndexError, RuntimeError } from "../errors.js";
import { cppDoubleStr } from "../python.js";
import { defineOps } from "../signatures/registry.js";
import { full, full_like } from "../tensor/creation.js";
import { allocate, bool, float32, float64, int64, type DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, record } from "./core.js";
import { ge, le, logical_and, logical_not, lt, mul, sub, where } from "./elementwise.js";
import { gather, masked_fill } from "./indexing.js";
import { ceil, checkOutDtype, floor, isnan, lerp, round } from "./math.js";
import { defineOutCheck } from "./out.js";
import { all, any, sum } from "./reduce.js";
import { reducedShape, ValuesIndices } from "./reduce_util.js";
import { flatten, squeezeFresh, transpose, unsqueeze, view } from "./shape.js";

function notImplemented(kernel: string, dtype: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarTypeName}'`);
}

/** zero_numel_check_dims: a reduction along an empty dim has no identity. */
function checkReducedDimNonEmpty(fn: string, input: Tensor, dim: number): void {
  if (input.ndim > 0 && input.shape[dim] === 0)
    throw new IndexError(`${fn}(): Expected reduction dim ${dim} to have non-zero size.`);
}

/** The size along `dim`, 1 for a 0-dim tensor (which PyTorch treats as one element along dim 0). */
const sizeAlong = (input: Tensor, dim: number): number => (input.ndim === 0 ? 1 : input.shape[dim]);

/** A kernel's result as tensors of `shape`. */
function asTensors(data: ValuesIndicesData, shape: readonly number[], dtype: DType): [Tensor, Tensor] {
  return [fromData(data.values, shape, dtype), fromData(data.indices, shape, int64)];
}

/** The active backend's sort and topk kernels, or the TypeScript ones. */
const sortKernels = () => backend().sort ?? jsSortKernels;

/** A 0-dim input's result: itself, at index 0. */
function scalarResult(input: Tensor): [Tensor, Tensor] {
  return [fromData(input.values(), [], input.dtype), fromData(new Float64Array(1), [], int64)];
}

function sortWith(
  name: "SortBackward0" | "SortBackward1",
  input: Tensor,
  dim: number,
  descending: boolean,
  stable: boolean,
): ValuesIndices {
  const d = normalizeDim(dim, input.ndim);
  const [values, indices] =
    input.ndim === 0
      ? scalarResult(input)
      : asTensors(sortKernels().sortRows(input._view(), d, descending, stable), input.shape, input.dtype);
  const selfShape = input.shape;
  record(name, [input], values, () => ({ selfShape, dim: d, indices, keepdim: true }));
  return new ValuesIndices(values, indices, "sort");
}

/** torch.sort(input, *, stable, dim=-1, descending=False): std::stable_sort when stable, else std::sort. */
export function sortStable(
  input: Tensor,
  stable: boolean | null,
  dim = -1,
  descending = false,
): ValuesIndices {
  if (stable === null)
    throw new RuntimeError(
      'stable.has_value() INTERNAL ASSERT FAILED at "./aten/src/ATen/native/Sorting.cpp":42, please report a bug to PyTorch. sort(): c10::optional<bool> for stable has to have value.',
    );
  return sortWith("SortBackward1", input, dim, descending, stable);
}

/** torch.sort(input, dim=-1, descending=False): std::sort, which leaves ties of more than 16 unordered. */
export function sort(input: Tensor, dim = -1, descending = false): ValuesIndices {
  return sortWith("SortBackward0", input, dim, descending, false);
}

/** torch.argsort(input, *, stable, dim=-1, descending=False): sort's indices. */
export function argsortStable(input: Tensor, stable: boolean, dim = -1, descending = false): Tensor {
  return sortStable(input.detach(), stable, dim, descending).indices;
}

/** torch.argsort(input, dim=-1, descending=False). */
export function argsort(input: Tensor, dim = -1, descending = false): Tensor {
  return sort(input.detach(), dim, descending).indices;
}

/** torch.msort(input): sort's values along dim 0. */
export function msort(input: Tensor): Tensor {
  return sort(input, 0, false).values;
}

/** torch.topk(input, k, dim=-1, largest=True, sorted=True). */
export function topk(input: Tensor, k: number, dim = -1, largest = true, sorted = true): ValuesIndices {
  const d = normalizeDim(dim, input.ndim);
  if (!(k >= 0 && k <= sizeAlong(input, d))) throw new RuntimeError("selected index k out of range");
  let values: Tensor;
  let indices: Tensor;
  if (input.ndim === 0) [values, indices] = scalarResult(input);
  else {
    if (input.dtype === bool) throw notImplemented("topk_cpu", bool);
    const shape = input.shape.map((s, i) => (i === d ? k : s));
    [values, indices] = asTensors(
      sortKernels().topkRows(input._view(), d, k, largest, sorted),
      shape,
      input.dtype,
    );
  }
  const selfShape = input.shape;
  record("TopkBackward0", [input], values, () => ({ selfShape, dim: d, indices, keepdim: true }));
  return new ValuesIndices(values, indices, "topk");
}

/** A reduction to one element along `dim` (kthvalue, median, mode): reshapes the kernel's row results. */
const RETURN_TYPES = {
  KthvalueBackward0: "kthvalue",
  MedianBackward1: "median",
  NanmedianBackward1: "nanmedian",
  ModeBackward0: "mode",
} as const;

function reduceAlong(
  name: keyof typeof RETURN_TYPES,
  input: Tensor,
  d: number,
  keepdim: boolean,
  kernel: () => ValuesIndicesData,
): ValuesIndices {
  const typeName = RETURN_TYPES[name];
  const shape = input.ndim === 0 ? [] : reducedShape(input.shape, [d], keepdim);
  const [values, indices] = input.ndim === 0 ? scalarResult(input) : asTensors(kernel(), shape, input.dtype);
  const selfShape = input.shape;
  record(name, [input], values, () => ({ selfShape, dim: d, indices, keepdim }));
  return new ValuesIndices(values, indices, typeName);
}

/** torch.kthvalue(input, k, dim=-1, keepdim=False): the k-th smallest (NaN counting as the largest). */
export function kthvalue(input: Tensor, k: number, dim = -1, keepdim = false): ValuesIndices {
  const d = normalizeDim(dim, input.ndim);
  checkReducedDimNonEmpty("kthvalue", input, d);
  if (!(k >= 1 && k <= sizeAlong(input, d)))
    throw new RuntimeError(`kthvalue(): selected number k out of range for dimension ${d}`);
  if (input.ndim > 0 && input.dtype === bool) throw notImplemented("kthvalue_cpu", bool);
  return reduceAlong("KthvalueBackward0", input, d, keepdim, () => kthvalueRows(input._view(), d, k));
}

function medianOfAll(input: Tensor, ignoreNan: boolean): Tensor {
  if (input.dtype === bool) throw notImplemented("median_cpu", bool);
  const data = allocate(input.dtype, 1);
  // An empty input's NaN, cast to an integer dtype as x86 converts a NaN: the type's minimum.
  const value = medianAll(input._view(), ignoreNan);
  data[0] =
    Number.isNaN(value) && !input.dtype.is_floating_point ? -(2 ** (input.dtype.itemsize * 8 - 1)) : value;
  const out = fromData(data, [], input.dtype);
  return record(ignoreNan ? "NanmedianBackward0" : "MedianBackward0", [input], out, () => ({
    self: input,
    result: out,
  }));
}

function medianAlong(input: Tensor, dim: number, keepdim: boolean, ignoreNan: boolean): ValuesIndices {
  const d = normalizeDim(dim, input.ndim);
  checkReducedDimNonEmpty("median", input, d);
  if (input.dtype === bool) throw notImplemented("median_out", bool);
  const name = ignoreNan ? "NanmedianBackward1" : "MedianBackward1";
  return reduceAlong(name, input, d, keepdim, () => medianRows(input._view(), d, ignoreNan));
}

/** torch.median(input): the lower median of every element, NaN if any is NaN. */
export const medianAllOf = (input: Tensor): Tensor => medianOfAll(input, false);
/** torch.nanmedian(input): the lower median of the elements that are not NaN. */
export const nanmedianAllOf = (input: Tensor): Tensor => medianOfAll(input, true);
/** torch.median(input, dim, keepdim=False): values and indices (a row's first NaN if it has one). */
export const median = (input: Tensor, dim: number, keepdim = false): ValuesIndices =>
  medianAlong(input, dim, keepdim, false);
/** torch.nanmedian(input, dim, keepdim=False). */
export const nanmedian = (input: Tensor, dim: number, keepdim = false): ValuesIndices =>
  medianAlong(input, dim, keepdim, true);

/** torch.mode(input, dim=-1, keepdim=False): the most frequent value (the smallest among the most frequent). */
export function mode(input: Tensor, dim = -1, keepdim = false): ValuesIndices {
  const d = normalizeDim(dim, input.ndim);
  checkReducedDimNonEmpty("mode", input, d);
  return reduceAlong("ModeBackward0", input, d, keepdim, () => modeRows(input._view(), d));
}

/** sort/argsort's named-dim overloads: PyTorch 1.13 declares them but refuses any name. */
function dimnameUnsupported(fn: string): RuntimeError {
  return new RuntimeError(
    `${fn}: You passed a dimname (string) to this op in place of a dimension index but it does not yet support this behavior. Please pass a dimension index to work around this.`,
  );
}

defineOutCheck(["sort", "topk", "kthvalue", "median", "nanmedian", "mode"], (out, args) => {
  if (!Array.isArray(out)) return;
  const [values, indices] = out as Tensor[];
  checkOutDtype(values, (args[0] as Tensor).dtype);
  checkOutDtype(indices, int64);
});

const VI = "(Tensor values, Tensor indices)";
defineOps(
  "torch",
  {
    [`sort(Tensor input, *, bool? stable, int64_t dim=-1, bool descending=False, TensorList[2] out=None) -> ${VI}`]:
      sortStable,
    [`sort(Tensor input, int64_t dim=-1, bool descending=False, *, TensorList[2] out=None) -> ${VI}`]: sort,
    [`sort(Tensor input, *, bool? stable, Dimname dim, bool descending=False, TensorList[2] out=None) -> ${VI}`]:
      () => {
        throw dimnameUnsupported("sort");
      },
    [`sort(Tensor input, Dimname dim, bool descending=False, *, TensorList[2] out=None) -> ${VI}`]: () => {
      throw dimnameUnsupported("sort");
    },
    "argsort(Tensor input, *, bool stable, int64_t dim=-1, bool descending=False) -> Tensor": argsortStable,
    "argsort(Tensor input, int64_t dim=-1, bool descending=False) -> Tensor": argsort,
    "argsort(Tensor input, Dimname dim, bool descending=False) -> Tensor": () => {
      throw dimnameUnsupported("argsort");
    },
    "msort(Tensor input, *, Tensor out=None) -> Tensor": msort,
    [`topk(Tensor input, int64_t k, int64_t dim=-1, bool largest=True, bool sorted=True, *, TensorList[2] out=None) -> ${VI}`]:
      topk,
    [`kthvalue(Tensor input, int64_t k, int64_t dim=-1, bool keepdim=False, *, TensorList[2] out=None) -> ${VI}`]:
      kthvalue,
    [`kthvalue(Tensor input, int64_t k, Dimname dim, bool keepdim=False, *, TensorList[2] out=None) -> ${VI}`]:
      null,
    "median(Tensor input) -> Tensor": medianAllOf,
    [`median(Tensor input, int64_t dim, bool keepdim=False, *, TensorList[2] out=None) -> ${VI}`]: median,
    [`median(Tensor input, Dimname dim, bool keepdim=False, *, TensorList[2] out=None) -> ${VI}`]: null,
    "nanmedian(Tensor input) -> Tensor": nanmedianAllOf,
    [`nanmedian(Tensor input, int64_t dim, bool keepdim=False, *, TensorList[2] out=None) -> ${VI}`]:
      nanmedian,
    [`nanmedian(Tensor input, Dimname dim, bool keepdim=False, *, TensorList[2] out=None) -> ${VI}`]: null,
    [`mode(Tensor input, int64_t dim=-1, bool keepdim=False, *, TensorList[2] out=None) -> ${VI}`]: mode,
    [`mode(Tensor input, Dimname dim, bool keepdim=False, *, TensorList[2] out=None) -> ${VI}`]: null,
  },
  { methods: true },
);

// ---- quantile, nanquantile: composites of sort, gather and lerp, as Sorting.cpp's quantile_compute ----

const INTERPOLATIONS = ["linear", "lower", "higher", "midpoint", "nearest"] as const;
type Interpolation = (typeof INTERPOLATIONS)[number];

/** get_quantile_interpolation_mode (an argument PyTorch evaluates first), then quantile_checks. */
function checkQuantile(input: Tensor, q: Tensor, interpolation: string): Interpolation {
  if (!(INTERPOLATIONS as readonly string[]).includes(interpolation))
    throw new RuntimeError(
      `quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got ${interpolation}`,
    );
  if (input.numel() === 0) throw new RuntimeError("quantile() input tensor must be non-empty");
  if (q.ndim > 1) throw new RuntimeError("quantile() q must be a scalar or 1D tensor");
  if (input.dtype !== float32 && input.dtype !== float64)
    throw new RuntimeError("quantile() input tensor must be either float or double dtype");
  if (q.dtype !== input.dtype)
    throw new RuntimeError("quantile() q tensor must be same dtype as the input tensor");
  return interpolation as Interpolation;
}

/** quantile_output_shape: q's size first (when q is 1-D), then the reduced shape. */
function quantileShape(input: Tensor, q: Tensor, dim: number | null, d: number, keepdim: boolean): number[] {
  let shape: number[] = [];
  if (dim !== null && input.ndim > 0) shape = reducedShape(input.shape, [d], keepdim);
  else if (keepdim) shape = input.shape.map(() => 1);
  return q.ndim > 0 ? [q.numel(), ...shape] : shape;
}

function quantileCompute(
  input: Tensor,
  q: Tensor,
  dim: number | null,
  keepdim: boolean,
  interpolation: Interpolation,
  ignoreNan: boolean,
): Tensor {
  const d = normalizeDim(dim ?? 0, input.ndim);
  const outShape = quantileShape(input, q, dim, d, keepdim);
  if (!all(logical_and(ge(q, 0), le(q, 1))).item())
    throw new RuntimeError("quantile() q values must be in the range [0, 1]");
  // Sort along the last dim: the flattened input, or the input with `dim` moved last.
  let sorted =
    dim === null ? sort(flatten(input)).values : sort(transpose(unsqueeze(input, -1), d, -1)).values;
  const rows = q.ndim === 0 ? [1, ...outShape] : outShape;
  const size = sorted.shape[sorted.ndim - 1];
  sorted = view(sorted, [...rows.slice(1), size]);
  let ranks: Tensor;
  if (ignoreNan) {
    // The rank among the numbers; a row of NaNs gets rank 0, whose value is NaN.
    ranks = mul(q, sub(sum(logical_not(isnan(sorted)), -1, true), 1));
    ranks = masked_fill(ranks, lt(ranks, 0), 0);
  } else {
    // A row with a NaN gets the last rank, whose value is NaN.
    const lastIndex = size - 1;
    ranks = where(any(isnan(sorted), -1, true), lastIndex, mul(q, lastIndex));
  }
  if (interpolation === "lower") ranks = floor(ranks);
  else if (interpolation === "higher") ranks = ceil(ranks);
  else if (interpolation === "nearest") ranks = round(ranks);
  const ranksBelow = ranks.to(int64);
  let values = gather(sorted, -1, ranksBelow);
  if (interpolation === "linear" || interpolation === "midpoint") {
    const weights = interpolation === "midpoint" ? full_like(ranks, 0.5) : sub(ranks, ranksBelow);
    const valuesAbove = gather(sorted, -1, ceil(ranks).to(int64));
    values = lerp(values, valuesAbove, weights);
  }
  // PyTorch squeezes in place: squeeze_(-1) for a scalar q, else unsqueeze_(0).transpose_(0, -1).squeeze_(-1).
  if (q.ndim === 0) return squeezeFresh(values, values.ndim - 1);
  const moved = transpose(unsqueeze(values, 0), 0, -1);
  return squeezeFresh(moved, moved.ndim - 1);
}

/** A number q as a 0-dim tensor of input's dtype, after the double overload's range check. */
function quantileQ(input: Tensor, q: Tensor | number): Tensor {
  if (typeof q !== "number") return q;
  if (!(q >= 0 && q <= 1))
    throw new RuntimeError(`quantile() q must be in the range [0, 1] but got ${cppDoubleStr(q)}`);
  return full([], q, { dtype: input.dtype });
}

function quantileWith(
  input: Tensor,
  q: Tensor | number,
  dim: number | null,
  keepdim: boolean,
  interpolation: string,
  ignoreNan: boolean,
): Tensor {
  const qTensor = quantileQ(input, q);
  const mode = checkQuantile(input, qTensor, interpolation);
  return quantileCompute(input, qTensor, dim, keepdim, mode, ignoreNan);
}

// quantile_out_impl checks out's dtype after q, the interpolation and the input.
defineOutCheck(["quantile", "nanquantile"], (out, args) => {
  const [input, q, , , interpolation] = args as Parameters<typeof quantile>;
  checkQuantile(input, quantileQ(input, q), interpolation ?? "linear");
  if ((out as Tensor).dtype !== input.dtype)
    throw new RuntimeError("quantile() out tensor must be same dtype as the input tensor");
});

/** torch.quantile(input, q, dim=None, keepdim=False, *, interpolation="linear"). */
export function quantile(
  input: Tensor,
  q: Tensor | number,
  dim: number | null = null,
  keepdim = false,
  interpolation = "linear",
): Tensor {
  return quantileWith(input, q, dim, keepdim, interpolation, false);
}

/** torch.nanquantile: quantile of the elements that are not NaN. */
export function nanquantile(
  input: Tensor,
  q: Tensor | number,
  dim: number | null = null,
  keepdim = false,
  interpolation = "linear",
): Tensor {
  return quantileWith(input, q, dim, keepdim, interpolation, true);
}

defineOps(
  "torch",
  {
    'quantile(Tensor input, Tensor q, int64_t? dim=None, bool keepdim=False, *, c10::string_view interpolation="linear", Tensor out=None) -> Tensor':
      quantile,
    'quantile(Tensor input, double q, int64_t? dim=None, bool keepdim=False, *, c10::string_view interpolation="linear", Tensor out=None) -> Tensor':
      quantile,
    'nanquantile(Tensor input, Tensor q, int64_t? dim=None, bool keepdim=False, *, c10::string_view interpolation="linear", Tensor out=None) -> Tensor':
      nanquantile,
    'nanquantile(Tensor input, double q, int64_t? dim=None, bool keepdim=False, *, c10::string_view interpolation="linear", Tensor out=None) -> Tensor':
      nanquantile,
  },
  { methods: true },
);
