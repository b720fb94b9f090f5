// Elementwise kernels of complex tensors (docs/complex.md). Operands are strided arrays already broadcast to
// one shape; a complex operand holds (real, imag) pairs (its strides and offset count elements), a real one
// stands for values with imaginary part 0, as PyTorch promotes it. Results are fresh interleaved arrays of the
// output dtype. Arithmetic follows c10::complex: products are rounded, then summed (ac - bd, ad + bc), and
// quotients follow 1.13's unscaled division, as PyTorch's vectorised loops compute them (see "div" below);
// complex64 rounds every step to float32.
import type { StridedArray } from "../backend.js";
import { allocate, complex64, float32, type DType, type TypedArray } from "../../tensor/dtype.js";
import { numel } from "../../tensor/shape.js";
import { fma } from "./fma.js";
import { exp as gExp } from "./glibc_d.js";
import { cosh as gCosh, sinh as gSinh } from "./glibc_fdlibm.js";
import { cos as gCos, sin as gSin } from "./glibc_sincos.js";
import { coshf, expf, sinhf } from "./glibc_f.js";
import { fmaf } from "./sleef.js";
import { hypot } from "./special.js";
import { elementOffsets } from "./strided.js";

export type ComplexBinaryOp = "add" | "sub" | "mul" | "div" | "pow";
export type ComplexUnaryOp = "neg" | "conj" | "sgn" | "reciprocal" | ComplexMathOp;
/**
 * The functions of glibc's complex.h that c10::complex's std:: overloads call (computed in double), and
 * sigmoid, which PyTorch's CPU kernel writes as 1 / (1 + exp(-z)) in c10::complex arithmetic.
 */
export type ComplexMathOp = "exp" | "log" | "sqrt" | "sin" | "cos" | "sinh" | "cosh" | "tanh" | "sigmoid";
export type ComplexToRealOp = "abs" | "angle";

const identity = (v: number): number => v;

/** Reads operand x's element i (by its element offsets) as [re, im]. */
function reader(x: StridedArray): (i: number) => void {
  const offsets = elementOffsets(x);
  const d = x.data;
  if (x.dtype.is_complex)
    return (i) => {
      const o = 2 * offsets[i];
      re = d[o];
      im = d[o + 1];
    };
  return (i) => {
    re = d[offsets[i]];
    im = 0;
  };
}

// The reader's result (two module slots instead of a fresh pair per element).
let re = 0;
let im = 0;

/** out = a op b, elementwise, a and b broadcast to one shape; outDtype is complex64 or complex128. */
export function complexBinary(
  op: ComplexBinaryOp,
  a: StridedArray,
  b: StridedArray,
  outDtype: DType,
): TypedArray {
  const n = numel(a.shape);
  const out = allocate(outDtype, n);
  const r = outDtype === complex64 ? Math.fround : identity;
  const readA = reader(a);
  const readB = reader(b);
  for (let i = 0; i < n; i++) {
    readA(i);
    const x = r(re);
    const y = r(im);
    readB(i);
    const u = r(re);
    const v = r(im);
    let outRe: number;
    let outIm: number;
    switch (op) {
      case "add":
        outRe = r(x + u);
        outIm = r(y + v);
        break;
      case "sub":
        outRe = r(x - u);
        outIm = r(y - v);
        break;
      case "mul":
        outRe = r(r(x * u) - r(y * v));
        outIm = r(r(x * v) + r(y * u));
        break;
      case "pow":
        cpow(x, y, u, v);
        outRe = r(re);
        outIm = r(im);
        break;
      default: {
        // 1.13's complex division, unscaled: (ac + bd, bc - ad) / (c^2 + d^2), products rounded then summed as
        // its AVX2 loop (Vectorized operator/) computes the body of a contiguous tensor. Its scalar loop (the
        // last n % 4 elements, 1-element tensors) fuses them into fmas instead (divideOne's form).
        const den = r(r(u * u) + r(v * v));
        outRe = r(r(r(x * u) + r(y * v)) / den);
        outIm = r(r(r(y * u) - r(x * v)) / den);
      }
    }
    out[2 * i] = outRe;
    out[2 * i + 1] = outIm;
  }
  return out;
}

/** neg, conj, or sgn (z / |z|, 0 at 0) of a complex operand, as a complex array of outDtype. */
export function complexUnary(op: ComplexUnaryOp, x: StridedArray, outDtype: DType): TypedArray {
  const n = numel(x.shape);
  const out = allocate(outDtype, n);
  const r = outDtype === complex64 ? Math.fround : identity;
  const read = reader(x);
  for (let i = 0; i < n; i++) {
    read(i);
    if (op === "neg") {
      out[2 * i] = -re;
      out[2 * i + 1] = -im;
    } else if (op === "conj") {
      out[2 * i] = re;
      out[2 * i + 1] = -im;
    } else if (op === "reciprocal") {
      // Vectorized<complex>::reciprocal (the body of a contiguous tensor): (c, -d) / (c*c + d*d), unfused.
      const den = r(r(re * re) + r(im * im));
      out[2 * i] = r(re / den);
      out[2 * i + 1] = r(-im / den);
    } else if (op === "sigmoid") {
      sigmoid(re, im, r);
      out[2 * i] = re;
      out[2 * i + 1] = im;
    } else if (r === Math.fround && (op === "exp" || op === "tanh")) {
      if (op === "exp") cexpf(re, im);
      else ctanhf(re, im);
      out[2 * i] = re;
      out[2 * i + 1] = im;
    } else if (op !== "sgn") {
      complexMath(op, re, im);
      out[2 * i] = r(re);
      out[2 * i + 1] = r(im);
    } else {
      const a = r(hypotOf(re, im, r));
      out[2 * i] = a === 0 ? 0 : r(re / a);
      out[2 * i + 1] = a === 0 ? 0 : r(im / a);
    }
  }
  return out;
}

function hypotOf(x: number, y: number, r: (v: number) => number): number {
  return r === Math.fround ? Math.fround(Math.hypot(x, y)) : hypot(x, y);
}

/** |z| (std::abs: hypot) or arg z (std::arg: atan2(imag, real)) as a real array of outDtype. */
export function complexToReal(op: ComplexToRealOp, x: StridedArray, outDtype: DType): TypedArray {
  const n = numel(x.shape);
  const out = allocate(outDtype, n);
  const r = outDtype === float32 ? Math.fround : identity;
  const read = reader(x);
  for (let i = 0; i < n; i++) {
    read(i);
    out[i] = op === "abs" ? hypotOf(re, im, r) : r(Math.atan2(im, re));
  }
  return out;
}

/**
 * cexp, clog, csqrt, csin, ccos, ctanh of x + iy into the module slots re / im (glibc's formulas, finite inputs),
 * with glibc's double exp, sin, cos, sinh and cosh (glibc_d.ts, glibc_sincos.ts, glibc_fdlibm.ts).
 */
function complexMath(op: ComplexMathOp, x: number, y: number): void {
  switch (op) {
    case "exp":
      cexp(x, y);
      return;
    case "log":
      re = Math.log(hypot(x, y));
      im = Math.atan2(y, x);
      return;
    case "sqrt": {
      // glibc csqrt: the larger root component from (|z| + |x|) / 2, the other by division.
      if (x === 0 && y === 0) {
        re = 0;
        im = y;
        return;
      }
      const d = hypot(x, y);
      let a: number;
      let b: number;
      if (x > 0) {
        a = Math.sqrt(0.5 * (d + x));
        b = 0.5 * (y / a);
      } else {
        b = Math.sqrt(0.5 * (d - x));
        a = Math.abs(0.5 * (y / b));
        b = y < 0 || Object.is(y, -0) ? -b : b;
      }
      re = a;
      im = b;
      return;
    }
    case "sin":
      re = gSin(x) * gCosh(y);
      im = gCos(x) * gSinh(y);
      return;
    case "cos":
      re = gCos(x) * gCosh(y);
      im = -(gSin(x) * gSinh(y));
      return;
    case "sinh":
      // glibc csinh for |x| within exp's range: sinh x cos y + i cosh x sin y.
      re = gSinh(x) * (Math.abs(y) > DBL_MIN ? gCos(y) : 1);
      im = gCosh(x) * (Math.abs(y) > DBL_MIN ? gSin(y) : y);
      return;
    case "cosh":
      // glibc ccosh for |x| within exp's range: cosh x cos y + i sinh x sin y.
      re = gCosh(x) * (Math.abs(y) > DBL_MIN ? gCos(y) : 1);
      im = gSinh(x) * (Math.abs(y) > DBL_MIN ? gSin(y) : y);
      return;
    case "tanh":
      ctanh(x, y);
      return;
    case "sigmoid":
      sigmoid(x, y, identity);
      return;
  }
}

const DBL_MIN = 2.2250738585072014e-308;
/** glibc's cexp threshold t = (int) ((DBL_MAX_EXP - 1) * M_LN2): exp(t) is finite. */
const CEXP_T = Math.trunc((1024 - 1) * Math.LN2);

/** glibc's cexp (math/s_cexp_template.c) into re / im, with its overflow scaling and non-finite branches. */
function cexp(x: number, y: number): void {
  if (Number.isFinite(x)) {
    if (!Number.isFinite(y)) {
      re = NaN;
      im = NaN;
      return;
    }
    let sinIy = Math.abs(y) > DBL_MIN ? gSin(y) : y;
    let cosIy = Math.abs(y) > DBL_MIN ? gCos(y) : 1;
    let rx = x;
    if (rx > CEXP_T) {
      const expT = gExp(CEXP_T);
      rx -= CEXP_T;
      sinIy *= expT;
      cosIy *= expT;
      if (rx > CEXP_T) {
        rx -= CEXP_T;
        sinIy *= expT;
        cosIy *= expT;
      }
    }
    if (rx > CEXP_T) {
      re = Number.MAX_VALUE * cosIy;
      im = Number.MAX_VALUE * sinIy;
    } else {
      const e = gExp(rx);
      re = e * cosIy;
      im = e * sinIy;
    }
    return;
  }
  if (x === Infinity || x === -Infinity) {
    if (Number.isFinite(y)) {
      const value = x < 0 ? 0 : Infinity;
      if (y === 0) {
        re = value;
        im = y;
      } else {
        const sinIy = Math.abs(y) > DBL_MIN ? gSin(y) : y;
        const cosIy = Math.abs(y) > DBL_MIN ? gCos(y) : 1;
        re = cosIy < 0 || Object.is(cosIy, -0) ? -value : value;
        im = sinIy < 0 || Object.is(sinIy, -0) ? -value : value;
      }
    } else if (x > 0) {
      re = Infinity;
      im = y - y;
    } else {
      re = 0;
      im = y < 0 || Object.is(y, -0) ? -0 : 0;
    }
    return;
  }
  re = NaN;
  im = y === 0 ? y : NaN;
}
/** glibc's t = (int) ((DBL_MAX_EXP - 1) * M_LN2 / 2): past it, cosh(2x) overflows. */
const CTANH_T = Math.trunc((1024 - 1) * Math.LN2 * 0.5);

/**
 * glibc's ctanh (math/s_ctanh_template.c) into re / im: tanh(x + iy) = (sinh x cosh x + i sin y cos y) /
 * (sinh^2 x + cos^2 y), with its large-|x| and non-finite branches; bit for bit glibc's for complex128.
 */
function ctanh(x: number, y: number): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    if (x === Infinity || x === -Infinity) {
      re = x > 0 ? 1 : -1;
      const s = Number.isFinite(y) && Math.abs(y) > 1 ? gSin(y) * gCos(y) : y;
      im = s < 0 || Object.is(s, -0) ? -0 : 0;
    } else if (y === 0) {
      re = x;
      im = y;
    } else {
      re = x === 0 ? x : NaN;
      im = NaN;
    }
    return;
  }
  const sinIy = Math.abs(y) > DBL_MIN ? gSin(y) : y;
  const cosIy = Math.abs(y) > DBL_MIN ? gCos(y) : 1;
  if (Math.abs(x) > CTANH_T) {
    // Real part +-1; imaginary part 4 sin y cos y / exp(2|x|), divided in two steps to avoid overflow.
    const exp2t = gExp(2 * CTANH_T);
    re = x > 0 ? 1 : -1;
    let i = (4 * sinIy * cosIy) / exp2t;
    const rest = Math.abs(x) - CTANH_T;
    i = rest > CTANH_T ? i / exp2t : i / gExp(2 * rest);
    im = i;
    return;
  }
  const sinhRx = Math.abs(x) > DBL_MIN ? gSinh(x) : x;
  const coshRx = Math.abs(x) > DBL_MIN ? gCosh(x) : 1;
  const den =
    Math.abs(sinhRx) > Math.abs(cosIy) * Number.EPSILON ? sinhRx * sinhRx + cosIy * cosIy : cosIy * cosIy;
  re = (sinhRx * coshRx) / den;
  im = (sinIy * cosIy) / den;
}

const FLT_MIN = 1.1754943508222875e-38;
const f32 = Math.fround;
/** sinf / cosf of a float (glibc's are correctly rounded on these arguments in practice: the double's rounding). */
const sinf = (v: number): number => f32(gSin(v));
const cosf = (v: number): number => f32(gCos(v));

/** glibc's cexpf (the float instance of s_cexp_template.c, t = 88), float arithmetic throughout. */
function cexpf(x: number, y: number): void {
  if (Number.isFinite(x) && Number.isFinite(y)) {
    let sinIy = Math.abs(y) > FLT_MIN ? sinf(y) : y;
    let cosIy = Math.abs(y) > FLT_MIN ? cosf(y) : 1;
    let rx = x;
    const t = 88;
    if (rx > t) {
      const expT = expf(t);
      rx = f32(rx - t);
      sinIy = f32(sinIy * expT);
      cosIy = f32(cosIy * expT);
      if (rx > t) {
        rx = f32(rx - t);
        sinIy = f32(sinIy * expT);
        cosIy = f32(cosIy * expT);
      }
    }
    if (rx > t) {
      const max = 3.4028234663852886e38;
      re = f32(max * cosIy);
      im = f32(max * sinIy);
    } else {
      const e = expf(rx);
      re = f32(e * cosIy);
      im = f32(e * sinIy);
    }
    return;
  }
  cexp(x, y); // the non-finite branches give the same values in either precision
  re = f32(re);
  im = f32(im);
}

/** glibc's ctanhf (the float instance of s_ctanh_template.c, t = 44), float arithmetic throughout. */
function ctanhf(x: number, y: number): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    ctanh(x, y);
    re = f32(re);
    im = f32(im);
    return;
  }
  const sinIy = Math.abs(y) > FLT_MIN ? sinf(y) : y;
  const cosIy = Math.abs(y) > FLT_MIN ? cosf(y) : 1;
  const t = 44;
  if (Math.abs(x) > t) {
    const exp2t = expf(2 * t);
    re = x > 0 ? 1 : -1;
    const i = f32(f32(f32(4 * sinIy) * cosIy) / exp2t);
    const rest = f32(Math.abs(x) - t);
    im = rest > t ? f32(i / exp2t) : f32(i / expf(f32(2 * rest)));
    return;
  }
  const sinhRx = Math.abs(x) > FLT_MIN ? sinhf(x) : x;
  const coshRx = Math.abs(x) > FLT_MIN ? coshf(x) : 1;
  const den =
    Math.abs(sinhRx) > f32(Math.abs(cosIy) * 2 ** -23)
      ? f32(f32(sinhRx * sinhRx) + f32(cosIy * cosIy))
      : f32(cosIy * cosIy);
  re = f32(f32(sinhRx * coshRx) / den);
  im = f32(f32(sinIy * cosIy) / den);
}

/**
 * 1 / (c + di) in c10::complex's 1.13 division (the textbook formula, no scaling) into re / im:
 * ((1 c + 0 d) + (0 c - 1 d) i) / (c^2 + d^2), with the fma GCC contracts c * c + d * d into in PyTorch's -mfma
 * kernel builds; each step rounded by `r` (complex64: float arithmetic). The scalar loop's sigmoid.
 */
function divideOne(c: number, d: number, r: (v: number) => number): void {
  const den = r === identity ? fma(c, c, d * d) : fmaf(c, c, Math.fround(d * d));
  re = r(r(c + 0 * d) / den);
  im = r(r(0 * c - d) / den);
}

/**
 * PyTorch's scalar sigmoid of a complex value, 1 / (1 + exp(-z)), into re / im: cexp (cexpf for complex64), then c10::complex's sum and its 1.13 division (the textbook formula, no scaling), each step
 * rounded by `r`. Bit for bit PyTorch's scalar loop for complex128; its vectorized loop (Sleef exp, another
 * reciprocal) rounds differently, so longer tensors agree to an ulp or two.
 */
function sigmoid(x: number, y: number, r: (v: number) => number): void {
  if (r === identity) cexp(-x, -y);
  else cexpf(-x, -y);
  divideOne(r(1 + r(re)), r(0 + r(im)), r);
}

/** cpow(x + iy, u + iv) = cexp((u + iv) clog(x + iy)) into re / im; 0 to a power with positive real part is 0. */
function cpow(x: number, y: number, u: number, v: number): void {
  if (v === 0 && u === 0) {
    re = 1;
    im = 0;
    return;
  }
  if (x === 0 && y === 0 && u > 0) {
    re = 0;
    im = 0;
    return;
  }
  complexMath("log", x, y);
  const lr = re;
  const li = im;
  complexMath("exp", u * lr - v * li, u * li + v * lr);
}
