// Elementwise kernels of complex tensors (docs/complex.md). Operands are strided arrays already broadcast to
// one shape; a complex operand holds (real, imag) pairs (its strides and offset count elements), a real one
// stands for values with imaginary part 0, as PyTorch promotes it. Results are fresh interleaved arrays of the
// output dtype. Arithmetic follows c10::complex: products are rounded, then summed (ac - bd, ad + bc), and
// quotients follow c10::complex's scaled division; complex64 rounds every step to float32.
import type { StridedArray } from "../backend.js";
import { allocate, complex64, float32, type DType, type TypedArray } from "../../tensor/dtype.js";
import { numel } from "../../tensor/shape.js";
import { hypot } from "./special.js";
import { elementOffsets } from "./strided.js";

export type ComplexBinaryOp = "add" | "sub" | "mul" | "div" | "pow";
export type ComplexUnaryOp = "neg" | "conj" | "sgn" | ComplexMathOp;
/** The functions of glibc's complex.h that c10::complex's std:: overloads call (computed in double). */
export type ComplexMathOp = "exp" | "log" | "sqrt" | "sin" | "cos";
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
        // c10::complex operator/=: scale by the larger of |c| and |d|.
        const absU = Math.abs(u);
        const absV = Math.abs(v);
        if (absU >= absV) {
          if (absU === 0 && absV === 0) {
            outRe = r(x / absU);
            outIm = r(y / absV);
          } else {
            const rat = r(v / u);
            const scl = r(1 / r(u + r(v * rat)));
            outRe = r(r(x + r(y * rat)) * scl);
            outIm = r(r(y - r(x * rat)) * scl);
          }
        } else {
          const rat = r(u / v);
          const scl = r(1 / r(v + r(u * rat)));
          outRe = r(r(r(x * rat) + y) * scl);
          outIm = r(r(r(y * rat) - x) * scl);
        }
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

/** cexp, clog, csqrt, csin, ccos of x + iy into the module slots re / im (glibc's formulas, finite inputs). */
function complexMath(op: ComplexMathOp, x: number, y: number): void {
  switch (op) {
    case "exp": {
      const e = Math.exp(x);
      re = y === 0 ? e : e * Math.cos(y);
      im = y === 0 ? y : e * Math.sin(y);
      return;
    }
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
      re = Math.sin(x) * Math.cosh(y);
      im = Math.cos(x) * Math.sinh(y);
      return;
    case "cos":
      re = Math.cos(x) * Math.cosh(y);
      im = -(Math.sin(x) * Math.sinh(y));
      return;
  }
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
