// Statistics over dims: var/std, torch.norm / torch.linalg.vector_norm, logsumexp, and the cumsum/cumprod
// scans. Forward values come from no-graph kernels on the input's data; each op records one node. The
// declarations at the end give each its PyTorch signatures.
import { backend, type StridedArray } from "../backend/backend.js";
import { fma } from "../backend/js/fma.js";
import { keptStarts, memoryOrderDims, offsetsOf, pNorms, twoNorms } from "../backend/js/norm_reduce.js";
import { RuntimeError, ValueError } from "../errors.js";
import { cppDoubleStr } from "../python.js";
import { bindNative } from "../signatures/bind.js";
import { defineMethods, defineOps, definePython, publicFunction, type Impl } from "../signatures/registry.js";
import { parseSignature, type Signature } from "../signatures/schema.js";
import {
  allocate,
  bool,
  Category,
  defaultFloatDtype,
  int64,
  type DType,
  type TypedArray,
} from "../tensor/dtype.js";
import { normalizeDim, numel } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { no_grad } from "../autograd/grad_mode.js";
import { binaryKernel, fromData, inPlace, record, scalarTensor, unaryKernel, type Scalar } from "./core.js";
import { checkOut, defineOutCheck, writeOut } from "./out.js";
import { allDims, normalizeDims, reduceDims, reducedShape, type DimArg } from "./reduce_util.js";
import { add, exp, log, mul, sub, where } from "./elementwise.js";
import { abs, checkOutDtype, cppTypeName, sqrt } from "./math.js";
import { sum } from "./reduce.js";

/** x's values in `dtype`, without a graph (the ops here record their own node). */
export function castNoGraph(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : fromData(backend().copy(x._view(), dtype), x.shape, dtype);
}

/** `op` of x over dims into x's dtype, without a graph. */
function reduceNoGraph(op: "sum" | "max" | "min", x: Tensor, dims: number[], keepdim: boolean): Tensor {
  return fromData(
    backend().reduce(op, x._view(), dims, x.dtype),
    reducedShape(x.shape, dims, keepdim),
    x.dtype,
  );
}

// ---- var / std ----

function varStd(fn: "var" | "std", input: Tensor, dim: DimArg, correction: number, keepdim: boolean) {
  if (input.dtype.category !== Category.Floating) {
    throw new RuntimeError("std and var only support floating point and complex dtypes");
  }
  const listed = normalizeDims(dim, input.ndim);
  const full = listed === null || listed.length === 0;
  const dims = full ? allDims(input.ndim) : listed;
  const shape = reducedShape(input.shape, dims, keepdim);
  const takeSqrt = fn === "std";
  const values = allocate(input.dtype, numel(shape));
  if (input.numel() === 0) values.fill(NaN);
  else if (dims.length === 0 || input.shape.every((size, d) => size === 1 || dims.includes(d))) {
    // Every dim of size > 1 reduced: PyTorch's std_var_all_cpu, which centres on the input's mean.
    const mean = binaryKernel(
      "div",
      reduceNoGraph("sum", input, allDims(input.ndim), false),
      scalarTensor(input.numel(), input.dtype),
      input.dtype,
    )._item();
    values[0] = varianceAll(input._view(), mean, correction, takeSqrt);
  } else welfordStats(input._view(), dims, correction, takeSqrt, values);
  const out = fromData(values, shape, input.dtype);
  const saved = () => ({ self: input, result: out, dims: full ? null : dims, correction, keepdim });
  return fn === "var"
    ? record("VarBackward0", [input], out, saved)
    : record("StdBackward0", [input], out, saved);
}

/**
 * std_var_all_cpu: the squared deviations from `mean` summed in double in memory order, each 2-d block of the
 * iterator summed on its own and added to the total, divided by max(0, n - correction) in double.
 */
function varianceAll(x: StridedArray, mean: number, correction: number, takeSqrt: boolean): number {
  const walk = memoryOrderDims(x, allDims(x.shape.length));
  const block = walk.slice(0, 2);
  const blockOffsets = offsetsOf(block, 0);
  let total = 0;
  for (const start of offsetsOf(walk.slice(2), x.offset)) {
    let blockSum = 0;
    for (const o of blockOffsets) {
      const dx = x.data[start + o] - mean;
      blockSum += dx * dx;
    }
    total += blockSum;
  }
  const count = numel(x.shape);
  const variance = total / Math.max(0, count - correction);
  return takeSqrt ? Math.sqrt(variance) : variance;
}

/**
 * PyTorch's WelfordOps in double for each output element, over the reduced elements in memory order (as
 * compiled with FMA, the m2 update is one fused multiply-add).
 */
export function welfordStats(
  x: StridedArray,
  dims: readonly number[],
  correction: number,
  takeSqrt: boolean,
  out: TypedArray,
  means: TypedArray | null = null,
): void {
  const reducedOffsets = offsetsOf(memoryOrderDims(x, dims), 0);
  const starts = keptStarts(x, dims);
  const n = reducedOffsets.length;
  const divisor = n > correction ? n - correction : 0;
  starts.forEach((start, k) => {
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const value = x.data[start + reducedOffsets[i]];
      const delta = value - mean;
      mean += delta / (i + 1);
      m2 = fma(delta, value - mean, m2);
    }
    const variance = m2 / divisor;
    out[k] = takeSqrt ? Math.sqrt(variance) : variance;
    if (means) means[k] = mean;
  });
}

/** torch.var(input, dim, *, correction, keepdim): correction defaults to 1 (Bessel's). */
export function var_(
  input: Tensor,
  dim: DimArg = null,
  correction: number | null = null,
  keepdim = false,
): Tensor {
  return varStd("var", input, dim, correction ?? 1, keepdim);
}

/** torch.std(input, dim, *, correction, keepdim): the square root of var. */
export function std(
  input: Tensor,
  dim: DimArg = null,
  correction: number | null = null,
  keepdim = false,
): Tensor {
  return varStd("std", input, dim, correction ?? 1, keepdim);
}

// ---- norms ----

/**
 * The p-norm over dims of a floating tensor, computed without a graph. `emptyFails`: linalg.vector_norm
 * refuses orders without an identity on empty input, where norm gives 0.
 */
function vectorNorm(x: Tensor, ord: number, dims: number[], keepdim: boolean, emptyFails: boolean): Tensor {
  if (x.numel() === 0 && (ord === Infinity || ord < 0)) {
    if (emptyFails) {
      throw new RuntimeError(
        `linalg.vector_norm cannot compute the ${cppDoubleStr(ord)} norm on an empty tensor because the operation does not have an identity`,
      );
    }
    const shape = reducedShape(x.shape, dims, keepdim);
    return fromData(allocate(x.dtype, numel(shape)), shape, x.dtype);
  }
  if (ord === Infinity) return reduceNoGraph("max", unaryKernel("abs", x, x.dtype), dims, keepdim);
  if (ord === -Infinity) return reduceNoGraph("min", unaryKernel("abs", x, x.dtype), dims, keepdim);
  const shape = reducedShape(x.shape, dims, keepdim);
  if (ord === 2)
    return fromData((backend().twoNorms ?? twoNorms)(x._view(), dims, numel(shape)), shape, x.dtype);
  return fromData(pNorms(x._view(), dims, numel(shape), ord), shape, x.dtype);
}

/** What `norm` computes for a numeric order: the order, with PyTorch's checks of p. */
function normOrder(p: Scalar | null): number {
  if (p === null) return 2;
  if (typeof p === "boolean") {
    throw new RuntimeError("norm_kernel_tensor_iterator_impl expects norm to be integer or float");
  }
  return Number(p);
}

/** at::norm(input, p, dim, keepdim) (NormBackward1): every dim when dim is empty. */
function normDims(input: Tensor, p: Scalar | null, dim: number[], keepdim: boolean): Tensor {
  if (input.dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `norm(): input dtype should be either floating point or complex. Got ${input.dtype.scalarTypeName} instead.`,
    );
  }
  const ord = normOrder(p);
  const dims = reduceDims(dim, input.ndim);
  const out = vectorNorm(input, ord, dims, keepdim, false);
  return record("NormBackward1", [input], out, () => ({ self: input, result: out, ord, dims, keepdim }));
}

/** at::norm(input, p, dim, keepdim, dtype) (NormBackward3): computed in `dtype`. */
function normDimsDtype(
  input: Tensor,
  p: Scalar | null,
  dim: number[],
  keepdim: boolean,
  dtype: DType,
): Tensor {
  if (dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `norm(): the desired output dtype should be either floating point or complex. Got ${dtype.scalarTypeName} instead.`,
    );
  }
  const ord = normOrder(p);
  const dims = reduceDims(dim, input.ndim);
  const x = castNoGraph(input, dtype);
  const out = vectorNorm(x, ord, dims, keepdim, false);
  return record("NormBackward3", [input], out, () => ({ self: x, result: out, ord, dims, keepdim }));
}

/** at::frobenius_norm(input, dim, keepdim): at::norm for up to one dim, sqrt(sum(x * x)) over two. */
function frobeniusNorm(input: Tensor, dim: number[], keepdim: boolean): Tensor {
  if (dim.length > 2) {
    throw new RuntimeError(`Expected at most 2 dimensions, but got ${dim.length} dimensions instead.`);
  }
  if (dim.length < 2) return normDims(input, 2, dim, keepdim);
  const [a, b] = dim.map((d) => normalizeDim(d, input.ndim));
  if (a === b) throw new RuntimeError(`Expected dims to be different, got [${dim.join(", ")}] instead`);
  if (input.dtype.category !== Category.Floating) {
    // PyTorch reaches an internal assert here (the result of an integer sum is not real-valued).
    throw new RuntimeError(
      `norm(): input dtype should be either floating point or complex. Got ${input.dtype.scalarTypeName} instead.`,
    );
  }
  return sqrt(sum(mul(input, input), [a, b], keepdim));
}

/**
 * A native binding PyTorch's Python code calls (torch._VF): its signatures bind the arguments, so a bad one
 * gets the error PyTorch raises from inside that Python code. A null implementation is a named-tensor overload.
 */
class NativeBinding {
  private readonly signatures: Signature[];
  private readonly impls: (Impl | null)[];

  constructor(decls: Record<string, Impl | null>) {
    this.signatures = Object.keys(decls).map((text) => parseSignature(text, "native"));
    this.impls = Object.values(decls);
  }

  call(args: unknown[], kwargs: Record<string, unknown>): Tensor {
    const { index, values } = bindNative(this.signatures, args, kwargs);
    const sig = this.signatures[index];
    const impl = this.impls[index];
    if (impl === null) {
      const input = values[0] as Tensor;
      const names = values.find((v) => Array.isArray(v) && typeof v[0] === "string") as string[] | undefined;
      throw new RuntimeError(
        `Name '${names?.[0] ?? "None"}' not found in Tensor[${input.shape.map(() => "None").join(", ")}].`,
      );
    }
    const out = sig.outIndex >= 0 ? (values.splice(sig.outIndex, 1)[0] as Tensor | null) : null;
    if (out === null) return impl(...values) as Tensor;
    checkOut(sig.name, values, out);
    return writeOut(impl(...values), out) as Tensor;
  }
}

// torch._VF.norm and torch._VF.frobenius_norm, which torch.norm's Python code calls.
const VF_NORM = new NativeBinding({
  "norm(Tensor input, Scalar p=2) -> Tensor": (input: Tensor, p: Scalar) => normDims(input, p, [], false),
  "norm(Tensor input, Scalar? p, *, ScalarType dtype) -> Tensor": (
    input: Tensor,
    p: Scalar | null,
    dtype: DType,
  ) => normDimsDtype(input, p, [], false, dtype),
  "norm(Tensor input, Scalar? p, IntArrayRef[1] dim, bool keepdim, *, ScalarType dtype, Tensor out=None) -> Tensor":
    normDimsDtype,
  "norm(Tensor input, Scalar? p, IntArrayRef[1] dim, bool keepdim=False, *, Tensor out=None) -> Tensor":
    normDims,
  "norm(Tensor input, Scalar? p, DimnameList[1] dim, bool keepdim, *, ScalarType dtype, Tensor out=None) -> Tensor":
    null,
  "norm(Tensor input, Scalar? p, DimnameList[1] dim, bool keepdim=False, *, Tensor out=None) -> Tensor": null,
});
const VF_FROBENIUS_NORM = new NativeBinding({
  "frobenius_norm(Tensor input) -> Tensor": (input: Tensor) => normDims(input, 2, [], false),
  "frobenius_norm(Tensor input, IntArrayRef[1] dim, bool keepdim=False, *, Tensor out=None) -> Tensor":
    frobeniusNorm,
});

/** Python's isinstance(dim, int) (bool included). */
const isPyInt = (v: unknown): boolean =>
  (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint" || typeof v === "boolean";

/** torch.norm(input, p='fro', dim=None, keepdim=False, out=None, dtype=None): torch/functional.py's dispatch. */
export function norm(
  input: Tensor,
  p: unknown = "fro",
  dim: unknown = null,
  keepdim: unknown = false,
  out: unknown = null,
  dtype: unknown = null,
): Tensor {
  const ndim = input.ndim;
  if (dim === null && out === null && dtype === null && p !== null) {
    if (p === "fro") return VF_FROBENIUS_NORM.call([input], { dim: [], keepdim });
    if (typeof p !== "string") return VF_NORM.call([input, p], { dim: allDims(ndim), keepdim });
  }
  const dims = dim === null ? allDims(ndim) : isPyInt(dim) ? [dim] : dim;
  const outKwarg = out === null ? {} : { out };
  if (typeof p === "string") {
    if (p === "fro") {
      if (dtype !== null) throw new ValueError("dtype argument is not supported in frobenius norm");
      return VF_FROBENIUS_NORM.call([input, dims], { keepdim, ...outKwarg });
    }
    if (p === "nuc") {
      if (dtype !== null) throw new ValueError("dtype argument is not supported in nuclear norm");
      // _VF.nuclear_norm: without a dim, the overload that takes none (a 2-D input's matrix).
      const nuclearNorm = publicFunction("torch", "nuclear_norm") as (...args: unknown[]) => Tensor;
      return dim === null
        ? nuclearNorm(input, { keepdim, ...outKwarg })
        : nuclearNorm(input, dims, { keepdim, ...outKwarg });
    }
    throw new RuntimeError(`only valid string values are 'fro' and 'nuc', found ${p}`);
  }
  return VF_NORM.call([input, p, dims], { keepdim, ...(dtype === null ? {} : { dtype }), ...outKwarg });
}

/** torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None). */
export function linalg_vector_norm(
  input: Tensor,
  ord: Scalar = 2,
  dim: number[] | null = null,
  keepdim = false,
  dtype: DType | null = null,
): Tensor {
  if (input.dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${input.dtype.scalarTypeName}`,
    );
  }
  if (dtype !== null && dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `linalg.vector_norm: dtype should be floating point or complex, but got ${dtype.scalarTypeName}`,
    );
  }
  const x = dtype === null ? input : castNoGraph(input, dtype);
  const p = Number(ord);
  const dims = reduceDims(dim, x.ndim);
  const out = vectorNorm(x, p, dims, keepdim, true);
  return record("LinalgVectorNormBackward0", [input], out, () => ({
    self: x,
    result: out,
    ord: p,
    dims,
    keepdim,
  }));
}

// ---- logsumexp and the scans ----

/** torch.logsumexp(input, dim, keepdim=False): log(sum(exp(x))) computed stably as PyTorch does. */
export function logsumexp(input: Tensor, dim: number[], keepdim = false): Tensor {
  const dims = reduceDims(dim, input.ndim);
  const floatDtype = input.dtype.category === Category.Floating ? input.dtype : defaultFloatDtype();
  const out = no_grad(() => {
    const x = castNoGraph(input, floatDtype);
    if (x.numel() === 0) return log(sum(exp(x), dims, keepdim));
    // Infinite maxes are replaced by 0 before subtracting, so all -inf rows give -inf, not NaN.
    const maxes = reduceNoGraph("max", x, dims, true);
    const finite = binaryKernel("ne", abs(maxes), scalarTensor(Infinity, floatDtype), floatDtype, bool);
    const safe = where(finite, maxes, 0);
    const squeezed = keepdim ? safe : fromData(safe.values(), reducedShape(x.shape, dims, false), floatDtype);
    return add(log(sum(exp(sub(x, safe)), dims, keepdim)), squeezed);
  });
  return record("LogsumexpBackward0", [input], out, () => ({ self: input, result: out, dims, keepdim }));
}

function scan(fn: "cumsum" | "cumprod", input: Tensor, dim: number, dtype: DType): Tensor {
  const d = normalizeDim(dim, input.ndim);
  // A 0-dim or empty input is copied or zeroed before PyTorch's kernel looks at the dtype.
  const trivial = input.ndim === 0 || input.numel() === 0;
  if (dtype === bool && !trivial) throw new RuntimeError(`"${fn}_out_cpu" not implemented for 'Bool'`);
  const x = castNoGraph(input, dtype);
  const data = trivial ? x.values().slice() : backend().scan(fn, x._view(), d, dtype);
  const out = fromData(data, input.shape, dtype);
  if (fn === "cumsum")
    return record("CumsumBackward0", [input], out, () => ({ dim: d, selfDtype: input.dtype }));
  return record("CumprodBackward0", [input], out, () => ({ self: input, result: out, dim: d }));
}

/** A scan's dtype: the requested one, else floats keep theirs and integers and bools accumulate in int64. */
const scanDtype = (input: Tensor, dtype: DType | null): DType =>
  dtype ?? (input.dtype.category === Category.Floating ? input.dtype : int64);

/** torch.cumsum(input, dim, *, dtype): inclusive running sums along dim. */
export function cumsum(input: Tensor, dim: number, dtype: DType | null = null): Tensor {
  return scan("cumsum", input, dim, scanDtype(input, dtype));
}

/** torch.cumprod(input, dim, *, dtype): inclusive running products along dim. */
export function cumprod(input: Tensor, dim: number, dtype: DType | null = null): Tensor {
  return scan("cumprod", input, dim, scanDtype(input, dtype));
}

/** Tensor.cumsum_ / cumprod_: the scan in self's own dtype, which a given dtype must equal. */
function scanInPlace(fn: "cumsum" | "cumprod", self: Tensor, dim: number, dtype: DType | null): Tensor {
  // Checked by the kernel, after autograd's in-place checks.
  return inPlace(self, (x) => {
    if (dtype !== null && dtype !== self.dtype) {
      throw new RuntimeError(
        `Bad in-place call: input tensor dtype ${cppTypeName(self.dtype)} and output tensor dtype ${cppTypeName(dtype)} should match`,
      );
    }
    return scan(fn, x, dim, self.dtype);
  });
}

// out= checks PyTorch's meta functions make before computing.
defineOutCheck(["logsumexp"], (out) => {
  const dtype = (out as Tensor).dtype;
  if (dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `logsumexp(): Expected floating point type for result tensor, but got: ${dtype.scalarTypeName}`,
    );
  }
});
defineOutCheck(["linalg_vector_norm"], (out, args) => {
  const input = args[0] as Tensor;
  checkOutDtype(out as Tensor, (args[4] as DType | null) ?? input.dtype);
});

defineOps(
  "torch",
  {
    "var(Tensor input, IntArrayRef[1]? dim, *, int64_t? correction, bool keepdim=False, Tensor out=None) -> Tensor":
      var_,
    "var(Tensor input, IntArrayRef[1]? dim, bool unbiased=True, bool keepdim=False, *, Tensor out=None) -> Tensor":
      (input, dim, unbiased, keepdim) => var_(input, dim, unbiased ? 1 : 0, keepdim),
    "var(Tensor input, bool unbiased=True) -> Tensor": (input, unbiased) =>
      var_(input, null, unbiased ? 1 : 0),
    "var(Tensor input, DimnameList[1] dim, *, int64_t? correction, bool keepdim=False, Tensor out=None) -> Tensor":
      null,
    "var(Tensor input, DimnameList[1] dim, bool unbiased=True, bool keepdim=False, *, Tensor out=None) -> Tensor":
      null,
    "std(Tensor input, IntArrayRef[1]? dim, *, int64_t? correction, bool keepdim=False, Tensor out=None) -> Tensor":
      std,
    "std(Tensor input, IntArrayRef[1]? dim, bool unbiased=True, bool keepdim=False, *, Tensor out=None) -> Tensor":
      (input, dim, unbiased, keepdim) => std(input, dim, unbiased ? 1 : 0, keepdim),
    "std(Tensor input, bool unbiased=True) -> Tensor": (input, unbiased) =>
      std(input, null, unbiased ? 1 : 0),
    "std(Tensor input, DimnameList[1] dim, *, int64_t? correction, bool keepdim=False, Tensor out=None) -> Tensor":
      null,
    "std(Tensor input, DimnameList[1] dim, bool unbiased=True, bool keepdim=False, *, Tensor out=None) -> Tensor":
      null,
    "logsumexp(Tensor input, IntArrayRef[1] dim, bool keepdim=False, *, Tensor out=None) -> Tensor":
      logsumexp,
    "logsumexp(Tensor input, DimnameList[1] dim, bool keepdim=False, *, Tensor out=None) -> Tensor": null,
    "cumsum(Tensor input, int64_t dim, *, ScalarType? dtype=None, Tensor out=None) -> Tensor": cumsum,
    "cumsum(Tensor input, Dimname dim, *, ScalarType? dtype=None, Tensor out=None) -> Tensor": null,
    "cumprod(Tensor input, int64_t dim, *, ScalarType? dtype=None, Tensor out=None) -> Tensor": cumprod,
    "cumprod(Tensor input, Dimname dim, *, ScalarType? dtype=None, Tensor out=None) -> Tensor": null,
  },
  { methods: true },
);

defineMethods({
  "cumsum_(int64_t dim, *, ScalarType? dtype=None) -> Tensor": (self, dim, dtype) =>
    scanInPlace("cumsum", self, dim, dtype),
  "cumsum_(Dimname dim, *, ScalarType? dtype=None) -> Tensor": null,
  "cumprod_(int64_t dim, *, ScalarType? dtype=None) -> Tensor": (self, dim, dtype) =>
    scanInPlace("cumprod", self, dim, dtype),
  "cumprod_(Dimname dim, *, ScalarType? dtype=None) -> Tensor": null,
});

defineOps(
  "torch.linalg",
  {
    "linalg_vector_norm(Tensor input, Scalar ord=2, IntArrayRef[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      linalg_vector_norm,
  },
  { publicNames: { linalg_vector_norm: "vector_norm" } },
);

definePython("torch", {
  "norm(input: Tensor, p='fro', dim=None, keepdim=False, out=None, dtype=None) -> Tensor": norm,
});
definePython("Tensor", {
  "Tensor.norm(p='fro', dim=None, keepdim=False, dtype=None) -> Tensor": (self, p, dim, keepdim, dtype) =>
    norm(self, p, dim, keepdim, null, dtype),
});
