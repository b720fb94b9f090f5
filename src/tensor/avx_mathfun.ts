// PyTorch's avx_mathfun.h (Cephes-style float32 log and sincos, after Julien Pommier's sse_mathfun), one
// lane at a time, as PyTorch 1.13's AVX2 build runs it for torch.randn / normal_ on float32 tensors of 16 or
// more elements. GCC compiles those intrinsics as plain vector arithmetic with -mfma and fp-contract=fast,
// so each multiply whose only use is an add becomes a fused multiply-add; the fmaf calls below are those.
import { fmaf } from "../backend/js/sleef.js";

const f32 = Math.fround;
const bitsView = new Float32Array(1);
const intView = new Int32Array(bitsView.buffer);

const MIN_NORM_POS = 2 ** -126;
const SQRTHF = f32(0.707106781186547524);
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f32);
const LOG_Q1 = f32(-2.1219444e-4);
const LOG_Q2 = 0.693359375;

/** log256_ps for one lane: NaN for x <= 0 (and NaN). */
export function log256(x: number): number {
  if (!(x > 0)) return NaN;
  x = Math.max(x, MIN_NORM_POS);
  bitsView[0] = x;
  const bits = intView[0];
  // Keep the mantissa, set the exponent of 0.5: x in [0.5, 1).
  intView[0] = (bits & ~0x7f800000) | 0x3f000000;
  x = bitsView[0];
  let e = (bits >>> 23) - 127 + 1;
  const small = x < SQRTHF;
  const tmp = small ? x : 0;
  x = f32(x - 1);
  if (small) e -= 1;
  x = f32(x + tmp);
  const z = f32(x * x);
  let y = LOG_P[0];
  for (let i = 1; i < 9; i++) y = fmaf(y, x, LOG_P[i]);
  y = f32(y * x);
  y = fmaf(y, z, f32(e * LOG_Q1));
  y = f32(y - z * 0.5);
  return fmaf(e, LOG_Q2, f32(x + y));
}

const MINUS_DP1 = -0.78515625;
const MINUS_DP2 = -2.4187564849853515625e-4;
const MINUS_DP3 = f32(-3.77489497744594108e-8);
const SINCOF = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f32);
const COSCOF = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(f32);
const FOPI = f32(1.27323954473516);

/** sincos256_ps for one lane: writes [sin, cos] of x into out. */
export function sincos256(x: number, out: Float64Array | number[]): void {
  const negative = x < 0 || Object.is(x, -0);
  x = Math.abs(x);
  // cvttps: truncation toward zero (out-of-range and NaN give INT_MIN, as the instruction does).
  const scaled = f32(x * FOPI);
  let j = scaled < 2147483648 ? Math.trunc(scaled) | 0 : -2147483648;
  j = ((j + 1) | 0) & ~1;
  const y = f32(j);
  const swapSinSign = (j & 4) !== 0;
  const sinPolyIsSine = (j & 2) === 0;
  x = fmaf(y, MINUS_DP1, x);
  x = fmaf(y, MINUS_DP2, x);
  x = fmaf(y, MINUS_DP3, x);
  const cosSignNegative = (~((j - 2) | 0) & 4) !== 0;
  const sinNegative = negative !== swapSinSign;

  const z = f32(x * x);
  let c = fmaf(COSCOF[0], z, COSCOF[1]);
  c = fmaf(c, z, COSCOF[2]);
  c = f32(c * z);
  c = fmaf(c, z, -f32(z * 0.5));
  c = f32(c + 1);

  let s = fmaf(SINCOF[0], z, SINCOF[1]);
  s = fmaf(s, z, SINCOF[2]);
  s = f32(s * z);
  s = fmaf(s, x, x);

  // The sine takes the sine polynomial on the sine's selection; the cosine takes the other one.
  const sinValue = sinPolyIsSine ? s : c;
  const cosValue = sinPolyIsSine ? c : s;
  out[0] = sinNegative ? -sinValue : sinValue;
  out[1] = cosSignNegative ? -cosValue : cosValue;
}
