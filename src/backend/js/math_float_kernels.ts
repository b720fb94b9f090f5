// The kernels of src/ops/math_float.ts as PyTorch 1.13's CPU kernels compute them. asinh, acosh and atanh are
// cpu_kernels calling std::asinh & co. on every element, which are glibc's (glibc_ahyp.ts); frexp, copysign,
// fmax, fmin and nextafter are exact (std::frexp, c10::copysign, std::fmax, std::nextafter), so only their
// special cases need care: fmax/fmin return the first operand on a tie (fmax(-0.0, 0.0) is -0.0) and the other
// one where an operand is NaN; copysign reads the sign bit of a NaN too.
// A kernel learns its dtype from `r`: Math.fround for float32.
import type { BinaryOp, UnaryOp } from "../backend.js";
import { acosh, acoshf, asinh, asinhf, atanh, atanhf } from "./glibc_ahyp.js";

type Round = (v: number) => number;

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const scratchBits = new BigInt64Array(scratch.buffer);
const scratch32 = new Float32Array(1);
const scratch32Bits = new Int32Array(scratch32.buffer);

/** The sign bit of v, NaN's included. */
function signbit(v: number): boolean {
  scratch[0] = v;
  return scratchWords[1] >>> 31 === 1;
}

/** frexp's parts of a double (float32 values are doubles too, with the same parts): [mantissa, exponent]. */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let shift = 0;
  scratch[0] = x;
  if (((scratchWords[1] >>> 20) & 0x7ff) === 0) {
    // A subnormal double: scale it into the normal range first.
    scratch[0] = x * 2 ** 64;
    shift = 64;
  }
  const hi = scratchWords[1];
  const e = ((hi >>> 20) & 0x7ff) - 1022 - shift;
  scratchWords[1] = (hi & 0x800fffff) | (1022 << 20);
  return [scratch[0], e];
}

/** std::nextafter for doubles; nextafterf (bits of a float) for float32. */
function nextafter(x: number, y: number, float32: boolean): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return x + y;
  if (x === y) return y;
  if (x === 0) return (y > 0 ? 1 : -1) * (float32 ? 2 ** -149 : 2 ** -1074);
  const up = x < y === x > 0;
  if (float32) {
    scratch32[0] = x;
    scratch32Bits[0] += up ? 1 : -1;
    return scratch32[0];
  }
  scratch[0] = x;
  scratchBits[0] += up ? 1n : -1n;
  return scratch[0];
}

const isFloat32 = (r: Round): boolean => r === Math.fround;

export const MATH_FLOAT_UNARY: Record<
  Extract<UnaryOp, "asinh" | "acosh" | "atanh" | "frexp_mantissa" | "frexp_exponent">,
  (x: number, r: Round) => number
> = {
  asinh: (x, r) => (isFloat32(r) ? asinhf(x) : r(asinh(x))),
  acosh: (x, r) => (isFloat32(r) ? acoshf(x) : r(acosh(x))),
  atanh: (x, r) => (isFloat32(r) ? atanhf(x) : r(atanh(x))),
  frexp_mantissa: (x) => frexp(x)[0],
  frexp_exponent: (x) => frexp(x)[1],
};

export const MATH_FLOAT_BINARY: Record<
  Extract<BinaryOp, "copysign" | "fmax" | "fmin" | "nextafter">,
  (a: number, b: number, r: Round) => number
> = {
  copysign: (a, b) => (signbit(b) ? -Math.abs(a) : Math.abs(a)),
  // glibc's fmax/fmin: the ordered comparison first, then the operand that is not NaN.
  fmax: (a, b) => (a >= b ? a : a < b ? b : Number.isNaN(b) ? a : b),
  fmin: (a, b) => (a <= b ? a : a > b ? b : Number.isNaN(b) ? a : b),
  nextafter: (a, b, r) => nextafter(a, b, isFloat32(r)),
};
