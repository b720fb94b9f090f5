// fdlibm's double lgamma (e_lgamma_r.c, which glibc's dbl-64 lgamma is built from): std::lgamma where PyTorch's
// scalar code calls it, for positive arguments (polygamma's factorial, torch.poisson's sampler in
// src/ops/poisson.ts), where it is glibc's. Negative arguments use fdlibm's reflection (glibc refines
// -28 < x < -2 further). torch.lgamma, mvlgamma and gammaln are SLEEF's (sleef_lgamma.ts), not this.

import { glibcLog } from "./glibc_log.js";
import { cos, sin } from "./glibc_sincos.js";

const word = new Float64Array(1);
const half = new Int32Array(word.buffer);

const PI = 3.1415926535897931;
const A = [
  7.72156649015328655494e-2, 3.22467033424113591611e-1, 6.73523010531292681824e-2, 2.05808084325167332806e-2,
  7.38555086081402883957e-3, 2.89051383673415629091e-3, 1.19270763183362067845e-3, 5.10069792153511336608e-4,
  2.20862790713908385557e-4, 1.08011567247583939954e-4, 2.52144565451257326939e-5, 4.4864094961891516015e-5,
];
const TC = 1.46163214496836224576;
const TF = -1.21486290535849611461e-1;
const TT = -3.63867699703950536541e-18;
const T = [
  4.83836122723810047042e-1, -1.47587722994593911752e-1, 6.46249402391333854778e-2,
  -3.27885410759859649565e-2, 1.79706750811820387126e-2, -1.0314224129834143745e-2, 6.10053870246291332635e-3,
  -3.6845201678113825676e-3, 2.2596478090061247225e-3, -1.40346469989232843813e-3, 8.81081882437654011382e-4,
  -5.38595305356740546715e-4, 3.15632070903625950361e-4, -3.12754168375120860518e-4,
  3.35529192635519073543e-4,
];
const U = [
  -7.72156649015328655494e-2, 6.32827064025093366517e-1, 1.45492250137234768737, 9.77717527963372745603e-1,
  2.28963728064692451092e-1, 1.33810918536787660377e-2,
];
const V = [
  1, 2.45597793713041134822, 2.12848976379893395361, 7.69285150456672783825e-1, 1.04222645593369134254e-1,
  3.2170924228242391181e-3,
];
const S = [
  -7.72156649015328655494e-2, 2.14982415960608852501e-1, 3.25778796408930981787e-1, 1.46350472652464452805e-1,
  2.6642270303363860956e-2, 1.84028451407337715652e-3, 3.19475326584100867617e-5,
];
const R = [
  1, 1.39200533467621045958, 7.21935547567138069525e-1, 1.71933865632803078993e-1, 1.86459191715652901344e-2,
  7.77942496381893596434e-4, 7.32668430744625636189e-6,
];
const W = [
  4.18938533204672725052e-1, 8.33333333333329678849e-2, -2.7777777772877553647e-3, 7.936505586430195585e-4,
  -5.95187557450339963135e-4, 8.36339918996282139126e-4, -1.63092934096575273989e-3,
];

/** sin(pi * x) for x < 0, with the argument reduced exactly (fdlibm's sin_pi, with glibc's sin and cos). */
function sinPi(x: number): number {
  let y = -x;
  let z = Math.floor(y);
  let n: number;
  if (z !== y) {
    y *= 0.5;
    y = 2 * (y - Math.floor(y));
    n = Math.trunc(y * 4);
  } else {
    if (Math.abs(x) >= 2 ** 53) return 0;
    z = y % 2;
    n = z * 4;
    y = z;
  }
  switch (n) {
    case 0:
      y = sin(PI * y);
      break;
    case 1:
    case 2:
      y = cos(PI * (0.5 - y));
      break;
    case 3:
    case 4:
      y = sin(PI * (1 - y));
      break;
    case 5:
    case 6:
      y = -cos(PI * (y - 1.5));
      break;
    default:
      y = sin(PI * (y - 2));
  }
  return -y;
}

/** log|Γ(x)|. */
export function lgamma(xIn: number): number {
  let x = xIn;
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return Infinity;
  if (x === 0) return Infinity;
  word[0] = x;
  const hx = half[1];
  const lx = half[0];
  const ix = hx & 0x7fffffff;
  if (ix < 0x3b900000) return -glibcLog(Math.abs(x));
  let nadj = 0;
  if (hx < 0) {
    if (ix >= 0x43300000) return Infinity;
    const t = sinPi(x);
    if (t === 0) return Infinity;
    nadj = glibcLog(PI / Math.abs(t * x));
    x = -x;
  }
  let r: number;
  if ((((ix - 0x3ff00000) | lx) === 0 || ((ix - 0x40000000) | lx) === 0) && hx >= 0) {
    r = 0;
  } else if (ix < 0x40000000) {
    let y: number;
    let i: number;
    if (ix <= 0x3feccccc) {
      r = -glibcLog(x);
      if (ix >= 0x3fe76944) {
        y = 1 - x;
        i = 0;
      } else if (ix >= 0x3fcda661) {
        y = x - (TC - 1);
        i = 1;
      } else {
        y = x;
        i = 2;
      }
    } else {
      r = 0;
      if (ix >= 0x3ffbb4c3) {
        y = 2 - x;
        i = 0;
      } else if (ix >= 0x3ff3b4c4) {
        y = x - TC;
        i = 1;
      } else {
        y = x - 1;
        i = 2;
      }
    }
    if (i === 0) {
      const z = y * y;
      const p1 = A[0] + z * (A[2] + z * (A[4] + z * (A[6] + z * (A[8] + z * A[10]))));
      const p2 = z * (A[1] + z * (A[3] + z * (A[5] + z * (A[7] + z * (A[9] + z * A[11])))));
      const p = y * p1 + p2;
      r += p - 0.5 * y;
    } else if (i === 1) {
      const z = y * y;
      const w = z * y;
      const p1 = T[0] + w * (T[3] + w * (T[6] + w * (T[9] + w * T[12])));
      const p2 = T[1] + w * (T[4] + w * (T[7] + w * (T[10] + w * T[13])));
      const p3 = T[2] + w * (T[5] + w * (T[8] + w * (T[11] + w * T[14])));
      const p = z * p1 - (TT - w * (p2 + y * p3));
      r += TF + p;
    } else {
      const p1 = y * (U[0] + y * (U[1] + y * (U[2] + y * (U[3] + y * (U[4] + y * U[5])))));
      const p2 = 1 + y * (V[1] + y * (V[2] + y * (V[3] + y * (V[4] + y * V[5]))));
      r += -0.5 * y + p1 / p2;
    }
  } else if (ix < 0x40200000) {
    const i = Math.trunc(x);
    const y = x - i;
    const p = y * (S[0] + y * (S[1] + y * (S[2] + y * (S[3] + y * (S[4] + y * (S[5] + y * S[6]))))));
    const q = 1 + y * (R[1] + y * (R[2] + y * (R[3] + y * (R[4] + y * (R[5] + y * R[6])))));
    r = 0.5 * y + p / q;
    let z = 1;
    for (let k = i - 1; k >= 2; k--) z *= y + k;
    if (i >= 3) r += glibcLog(z);
  } else if (ix < 0x43900000) {
    const t = glibcLog(x);
    const z = 1 / x;
    const y = z * z;
    const w = W[0] + z * (W[1] + y * (W[2] + y * (W[3] + y * (W[4] + y * (W[5] + y * W[6])))));
    r = (x - 0.5) * (t - 1) + w;
  } else {
    r = x * (glibcLog(x) - 1);
  }
  return hx < 0 ? nadj - r : r;
}
