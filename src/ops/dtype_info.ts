// torch.finfo and torch.iinfo (torch/csrc/TypeInfo.cpp): the numeric limits of a floating or integer dtype,
// with PyTorch's attribute names, its repr (C++'s "%g" of each limit) and its TypeErrors; and the constants
// torch.pi, torch.e, torch.inf and torch.nan that torch/__init__.py re-exports from math.
// finfo.dtype and iinfo.dtype are strings ("float32"), as in PyTorch. iinfo(int64).max and .min are bigints:
// 2^63 - 1 has no exact JS number.
import { cppDoubleStr } from "../python.js";
import { bindNative } from "../signatures/bind.js";
import { splitCall } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { Category, DType, defaultFloatDtype, float32, float64 } from "../tensor/dtype.js";

export const pi = Math.PI;
export const e = Math.E;
export const inf = Infinity;
export const nan = NaN;

// The constructors' argument parsers (TypeInfo.cpp): finfo takes a dtype or nothing, iinfo one dtype.
const FINFO_SIGS = ["finfo(ScalarType type) -> Tensor", "finfo() -> Tensor"].map((t) =>
  parseSignature(t, "native"),
);
const IINFO_SIGS = [parseSignature("iinfo(ScalarType type) -> Tensor", "native")];

function dtypeArgument(sigs: typeof IINFO_SIGS, args: unknown[]): DType | null {
  const [positional, kwargs] = splitCall(args);
  const { index, values } = bindNative(sigs, positional, kwargs);
  return index === 1 ? null : (values[0] as DType);
}

export class FInfo {
  readonly bits: number;
  readonly eps: number;
  readonly max: number;
  readonly min: number;
  readonly tiny: number;
  readonly smallest_normal: number;
  readonly resolution: number;
  /** The dtype's name ("float32"), a string as in PyTorch. */
  readonly dtype: string;

  /** @internal */
  constructor(dtype: DType) {
    const single = dtype === float32;
    this.bits = single ? 32 : 64;
    this.eps = single ? 2 ** -23 : Number.EPSILON;
    this.max = single ? 3.4028234663852886e38 : Number.MAX_VALUE;
    this.min = -this.max;
    this.tiny = single ? 2 ** -126 : 2 ** -1022;
    this.smallest_normal = this.tiny;
    this.resolution = single ? 1e-6 : 1e-15;
    this.dtype = single ? "float32" : "float64";
  }

  toString(): string {
    const g = cppDoubleStr;
    return (
      `finfo(resolution=${g(this.resolution)}, min=${g(this.min)}, max=${g(this.max)}, eps=${g(this.eps)}, ` +
      `smallest_normal=${g(this.smallest_normal)}, tiny=${g(this.tiny)}, dtype=${this.dtype})`
    );
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export class IInfo {
  readonly bits: number;
  readonly max: number | bigint;
  readonly min: number | bigint;
  readonly dtype: string;

  /** @internal */
  constructor(dtype: DType) {
    const wide = dtype.itemsize === 8;
    this.bits = wide ? 64 : 32;
    this.max = wide ? 2n ** 63n - 1n : 2 ** 31 - 1;
    this.min = wide ? -(2n ** 63n) : -(2 ** 31);
    this.dtype = dtype.name;
  }

  toString(): string {
    return `iinfo(min=${cppDoubleStr(Number(this.min))}, max=${cppDoubleStr(Number(this.max))}, dtype=${this.dtype})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** torch.finfo(type=torch.get_default_dtype()): a complex dtype gives its real component's limits. */
export function finfo(...args: unknown[]): FInfo {
  const dtype = dtypeArgument(FINFO_SIGS, args) ?? defaultFloatDtype();
  if (dtype.category === Category.Complex) return new FInfo(dtype.itemsize === 8 ? float32 : float64);
  if (dtype.category !== Category.Floating)
    throw new TypeError(
      "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'",
    );
  return new FInfo(dtype);
}

/** torch.iinfo(type): int32 or int64 (bool is refused, as in PyTorch). */
export function iinfo(...args: unknown[]): IInfo {
  const dtype = dtypeArgument(IINFO_SIGS, args)!;
  if (dtype.category === Category.Bool) throw new TypeError("torch.bool is not supported by torch.iinfo");
  if (dtype.category !== Category.Integral)
    throw new TypeError(
      "torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'",
    );
  return new IInfo(dtype);
}
