// Statistics over dims: var/std, norm / linalg.vector_norm, logsumexp, and the cumsum/cumprod scans.
// Forward values come from no-graph tensor ops on detached inputs; each op records one node.
import { backend } from "../backend/backend.js";
import { RuntimeError } from "../errors.js";
import { Category, defaultFloatDtype, float64, int64, toDType, type DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { no_grad } from "../autograd/grad_mode.js";
import { checkTensor, fromData, installMethods, record, type AsMethod } from "./core.js";
import { allDims, isOptions, normalizeDims, reducedShape, type DimArg } from "./reduce_util.js";
import { where } from "./elementwise.js";

export interface VarOptions {
  dim?: DimArg;
  /** Subtracted from the element count in the divisor (default 1: Bessel's correction). */
  correction?: number | null;
  /** Legacy spelling: unbiased=false is correction=0. */
  unbiased?: boolean;
  keepdim?: boolean;
}

/** (x), (x, unbiased), (x, dim, unbiased?, keepdim?) and (x, { dim, correction | unbiased, keepdim }). */
function varArgs(fn: string, a?: DimArg | boolean | VarOptions, unbiased?: boolean, keepdim?: boolean) {
  if (isOptions(a)) {
    const o = a as VarOptions;
    if (o.correction !== undefined && o.unbiased !== undefined) {
      throw new TypeError(
        `${fn}() received an invalid combination of arguments - got both correction and unbiased`,
      );
    }
    const correction = o.correction ?? (o.unbiased === false ? 0 : 1);
    return { dim: o.dim ?? null, correction, keepdim: o.keepdim ?? false };
  }
  if (typeof a === "boolean") return { dim: null, correction: a ? 1 : 0, keepdim: false };
  return { dim: a ?? null, correction: unbiased === false ? 0 : 1, keepdim: keepdim ?? false };
}

function varStd(
  fn: "var" | "std",
  input: Tensor,
  a?: DimArg | boolean | VarOptions,
  unbiased?: boolean,
  keepdim?: boolean,
) {
  checkTensor(input, fn);
  const args = varArgs(fn, a, unbiased, keepdim);
  if (input.dtype.category !== Category.Floating) {
    throw new RuntimeError("std and var only support floating point and complex dtypes");
  }
  const listed = normalizeDims(args.dim, input.ndim);
  const full = listed === null || listed.length === 0;
  const dims = full ? allDims(input.ndim) : listed;
  const count = dims.reduce((n, d) => n * input.shape[d], 1);
  // PyTorch accumulates float32 variances in double (Welford / two-pass); so does this, then rounds once.
  const out = no_grad(() => {
    const x = input.detach().to(float64);
    const centered = x.sub(x.mean(dims, true));
    const v = centered
      .mul(centered)
      .sum(dims, args.keepdim)
      .div(Math.max(0, count - args.correction));
    return (fn === "std" ? v.sqrt() : v).to(input.dtype);
  });
  const saved = () => ({
    self: input,
    result: out,
    dims: full ? null : dims,
    correction: args.correction,
    keepdim: args.keepdim,
  });
  return fn === "var"
    ? record("VarBackward0", [input], out, saved)
    : record("StdBackward0", [input], out, saved);
}

/** torch.var(input, dim?, unbiased?, keepdim?) or torch.var(input, { dim, correction, keepdim }). */
export function var_(
  input: Tensor,
  dim?: DimArg | boolean | VarOptions,
  unbiased?: boolean,
  keepdim?: boolean,
): Tensor {
  return varStd("var", input, dim, unbiased, keepdim);
}
export { var_ as var };

/** torch.std: the square root of var. */
export function std(
  input: Tensor,
  dim?: DimArg | boolean | VarOptions,
  unbiased?: boolean,
  keepdim?: boolean,
): Tensor {
  return varStd("std", input, dim, unbiased, keepdim);
}

export interface NormOptions {
  p?: number | "fro" | null;
  dim?: DimArg;
  keepdim?: boolean;
}

/** The p-norm over dims of a floating tensor, computed without a graph. */
function vectorNorm(input: Tensor, ord: number, dims: number[], keepdim: boolean): Tensor {
  return no_grad(() => {
    const x = input.detach();
    if (input.numel() === 0 && (ord === Infinity || ord < 0)) {
      throw new RuntimeError(
        `linalg.vector_norm cannot compute the ${ord === Infinity ? "inf" : ord} norm on an empty tensor because the operation does not have an identity`,
      );
    }
    const shape = reducedShape(input.shape, dims, keepdim);
    const reduce = (op: "max" | "min", t: Tensor) =>
      fromData(backend().reduce(op, t._view(), dims, t.dtype), shape, t.dtype);
    if (ord === Infinity) return reduce("max", x.abs());
    if (ord === -Infinity) return reduce("min", x.abs());
    if (ord === 0) return x.ne(0).sum(dims, keepdim).to(input.dtype);
    if (ord === 1) return x.abs().sum(dims, keepdim);
    // Other orders accumulate in double and round once.
    const xd = x.to(float64).abs();
    if (ord === 2) return xd.mul(xd).sum(dims, keepdim).sqrt().to(input.dtype);
    return xd
      .pow(ord)
      .sum(dims, keepdim)
      .pow(1 / ord)
      .to(input.dtype);
  });
}

/** torch.norm(input, p=2, dim=None, keepdim=False) for numeric p and "fro". */
export function norm(
  input: Tensor,
  p?: number | "fro" | null | NormOptions,
  dim?: DimArg,
  keepdim?: boolean,
): Tensor {
  checkTensor(input, "norm");
  const opts: NormOptions = isOptions(p)
    ? (p as NormOptions)
    : { p: p as number | "fro" | null, dim, keepdim };
  if (input.dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `norm(): input dtype should be either floating point or complex. Got ${input.dtype.scalarTypeName} instead.`,
    );
  }
  const ord = opts.p === undefined || opts.p === null || opts.p === "fro" ? 2 : opts.p;
  const listed = normalizeDims(opts.dim ?? null, input.ndim);
  const dims = listed === null || listed.length === 0 ? allDims(input.ndim) : listed;
  const keep = opts.keepdim ?? false;
  const out = vectorNorm(input, ord, dims, keep);
  return record("NormBackward1", [input], out, () => ({
    self: input,
    result: out,
    ord,
    dims,
    keepdim: keep,
  }));
}

export interface VectorNormOptions {
  ord?: number;
  dim?: DimArg;
  keepdim?: boolean;
  dtype?: DType | string | null;
}

/** torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None). */
export function linalg_vector_norm(
  input: Tensor,
  ord?: number | VectorNormOptions,
  dim?: DimArg,
  keepdim?: boolean,
): Tensor {
  checkTensor(input, "linalg_vector_norm");
  const opts: VectorNormOptions = isOptions(ord)
    ? (ord as VectorNormOptions)
    : { ord: ord as number, dim, keepdim };
  let x = input;
  if (opts.dtype !== undefined && opts.dtype !== null) x = input.to(toDType(opts.dtype));
  if (x.dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${x.dtype.scalarTypeName}`,
    );
  }
  const p = opts.ord ?? 2;
  const listed = normalizeDims(opts.dim ?? null, x.ndim);
  const dims = listed === null || listed.length === 0 ? allDims(x.ndim) : listed;
  const keep = opts.keepdim ?? false;
  const out = vectorNorm(x, p, dims, keep);
  return record("LinalgVectorNormBackward0", [x], out, () => ({
    self: x,
    result: out,
    ord: p,
    dims,
    keepdim: keep,
  }));
}

/** torch.logsumexp(input, dim, keepdim=False): log(sum(exp(x))) computed stably as PyTorch does. */
export function logsumexp(
  input: Tensor,
  dim: DimArg | { dim: DimArg; keepdim?: boolean },
  keepdim?: boolean,
): Tensor {
  checkTensor(input, "logsumexp");
  const opts = isOptions(dim) ? (dim as { dim: DimArg; keepdim?: boolean }) : { dim, keepdim };
  const listed = normalizeDims(opts.dim ?? null, input.ndim);
  const dims = listed === null || listed.length === 0 ? allDims(input.ndim) : listed;
  const keep = opts.keepdim ?? false;
  const out = no_grad(() => {
    const floatDtype = input.dtype.category === Category.Floating ? input.dtype : defaultFloatDtype();
    const x = input.detach().to(floatDtype);
    if (x.numel() === 0) return x.exp().sum(dims, keep).log();
    // Infinite maxes are replaced by 0 before subtracting, so all -inf rows give -inf, not NaN.
    const maxes = fromData(
      backend().reduce("max", x._view(), dims, floatDtype),
      reducedShape(x.shape, dims, true),
      floatDtype,
    );
    const safe = where(maxes.abs().ne(Infinity), maxes, 0);
    const squeezed = keep ? safe : safe.reshape(reducedShape(x.shape, dims, false));
    return x.sub(safe).exp().sum(dims, keep).log().add(squeezed);
  });
  return record("LogsumexpBackward0", [input], out, () => ({
    self: input,
    result: out,
    dims,
    keepdim: keep,
  }));
}

function scan(
  fn: "cumsum" | "cumprod",
  input: Tensor,
  dim: number | { dim: number; dtype?: DType | string | null },
  dtypeArg?: DType | string | null,
) {
  checkTensor(input, fn);
  const opts = isOptions(dim)
    ? (dim as { dim: number; dtype?: DType | string | null })
    : { dim, dtype: dtypeArg };
  if (typeof opts.dim !== "number") {
    throw new TypeError(`${fn}() missing required argument 'dim' (pos 1)`);
  }
  const d = normalizeDim(opts.dim, input.ndim);
  const dtype =
    opts.dtype !== undefined && opts.dtype !== null
      ? toDType(opts.dtype)
      : input.dtype.category === Category.Floating
        ? input.dtype
        : int64;
  const x = input.dtype === dtype ? input : input.detach().to(dtype);
  const data = input.ndim === 0 ? x.values().slice() : backend().scan(fn, x._view(), d, dtype);
  const out = fromData(data, input.shape, dtype);
  if (fn === "cumsum")
    return record("CumsumBackward0", [input], out, () => ({ dim: d, selfDtype: input.dtype }));
  return record("CumprodBackward0", [input], out, () => ({ self: input, result: out, dim: d }));
}

/** torch.cumsum(input, dim, { dtype }): inclusive running sums along dim. */
export function cumsum(
  input: Tensor,
  dim: number | { dim: number; dtype?: DType | string | null },
  dtype?: DType | string | null,
): Tensor {
  return scan("cumsum", input, dim, dtype);
}

/** torch.cumprod(input, dim, { dtype }): inclusive running products along dim. */
export function cumprod(
  input: Tensor,
  dim: number | { dim: number; dtype?: DType | string | null },
  dtype?: DType | string | null,
): Tensor {
  return scan("cumprod", input, dim, dtype);
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    var: AsMethod<typeof var_>;
    std: AsMethod<typeof std>;
    norm: AsMethod<typeof norm>;
    logsumexp: AsMethod<typeof logsumexp>;
    cumsum: AsMethod<typeof cumsum>;
    cumprod: AsMethod<typeof cumprod>;
  }
}
installMethods({ var: var_, std, norm, logsumexp, cumsum, cumprod });
