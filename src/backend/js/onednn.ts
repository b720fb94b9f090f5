// GELU (erf form) as oneDNN 2.6's JIT eltwise kernel computes it: PyTorch 1.13 hands a contiguous float32
// input with more than one element to oneDNN (ideep eltwise_gelu_erf) for the forward and the backward.
// Abramowitz-Stegun erf with oneDNN's own exp polynomial; fused multiply-adds where the JIT emits vfmadd.
import { asFloat, f, fmaf } from "./sleef_df.js";

const LOG2E = asFloat(0x3fb8aa3b);
const LN2 = asFloat(0x3f317218);
const LN_FLT_MAX = asFloat(0x42b17218);
const LN_FLT_MIN = asFloat(0xc2aeac50 | 0);
const EXP_P = [0x3f7ffffb, 0x3efffee3, 0x3e2aad40, 0x3d2b9d0d, 0x3c07cfce].map(asFloat);
const ONE_OVER_SQRT2 = asFloat(0x3f3504f3);
const ONE_OVER_SQRT_PI = asFloat(0x3f106eba);
const ERF_APPROX = f(0.3275911);
const ERF_P = [0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429].map(f);

/** exp_compute_vector_fwd: 2 * 2^(n-1) * p(r), zero below log(FLT_MIN). */
function exp(x: number): number {
  const under = x < LN_FLT_MIN;
  x = Math.max(Math.min(x, LN_FLT_MAX), LN_FLT_MIN);
  const fx = Math.floor(f(f(x * LOG2E) + 0.5));
  const r = fmaf(-fx, LN2, x);
  // 2^(n-1) is built from exponent bits: a zero field (n - 1 = -127) gives 0, not 2^-127.
  const pow2 = under || fx - 1 <= -127 ? 0 : 2 ** (fx - 1);
  let y = EXP_P[4];
  y = fmaf(y, r, EXP_P[3]);
  y = fmaf(y, r, EXP_P[2]);
  y = fmaf(y, r, EXP_P[1]);
  y = fmaf(y, r, EXP_P[0]);
  y = fmaf(y, r, 1);
  return f(f(y * pow2) * 2);
}

/** The erf of the A-S formula for x, given q = -exp(-x^2) and t = 1 / (p|x| + 1). */
function erfFrom(x: number, q: number, t: number): number {
  let r = ERF_P[4];
  r = fmaf(r, t, ERF_P[3]);
  r = fmaf(r, t, ERF_P[2]);
  r = fmaf(r, t, ERF_P[1]);
  r = fmaf(r, t, ERF_P[0]);
  const e = fmaf(f(q * t), r, 1);
  return x < 0 || Object.is(x, -0) ? -e : e;
}

/** gelu_erf_compute_vector_fwd: S + S * erf(s / sqrt 2) with S = s / 2. */
export function geluForward(s: number): number {
  const x = f(s * ONE_OVER_SQRT2);
  const q = -exp(-f(x * x));
  const t = f(1 / fmaf(ERF_APPROX, Math.abs(x), 1));
  const half = f(s * 0.5);
  return fmaf(erfFrom(x, q, t), half, half);
}

/** gelu_erf_compute_vector_bwd: d gelu / ds = 0.5 + x exp(-x^2) / sqrt(pi) + 0.5 erf(x), x = s / sqrt 2. */
export function geluDerivative(s: number): number {
  const x = f(s * ONE_OVER_SQRT2);
  const q = exp(-f(x * x));
  const t1 = f(f(x * ONE_OVER_SQRT_PI) * q);
  const w = f(1 / fmaf(ERF_APPROX, Math.abs(x), 1));
  const erf = erfFrom(x, -q, w);
  return fmaf(erf, 0.5, f(t1 + 0.5));
}
