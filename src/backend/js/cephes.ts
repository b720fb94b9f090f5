// The special functions of PyTorch 1.13's ATen/native/Math.h (derived from the Cephes Math Library, 3-clause
// BSD, and Steven G. Johnson's erfcx, MIT), which its CPU kernels call element by element (cpu_kernel, or a
// Vectorized map of the same scalar function). Each is a template over float and double: `r` rounds every
// step to the kernel's dtype, and `libm(r)` is the C library PyTorch's build calls for that type (glibc's
// float functions for float: expf, logf, erff, log1pf).
import type { Round } from "./scalar_kernels.js";
import { ERFCX_Y100 } from "./erfcx_table.js";
import * as glibcf from "./glibc_f.js";
import { logf } from "./glibc_logf.js";
import { exp as glibcExp } from "./glibc_d.js";
import { glibcLog } from "./glibc_log.js";
import { pow as glibcPow } from "./glibc_pow.js";
import { erf as glibcErf, erfc as glibcErfc } from "./glibc_erf.js";
import { log1p as fdlibmLog1p } from "./glibc_fdlibm.js";
import { lgamma } from "./glibc_lgamma.js";
import { fma } from "./fma.js";

interface Libm {
  exp(x: number): number;
  log(x: number): number;
  log1p(x: number): number;
  erf(x: number): number;
  erfc(x: number): number;
  sqrt(x: number): number;
}

const f = Math.fround;
const FLOAT_LIBM: Libm = {
  exp: glibcf.expf,
  log: logf,
  log1p: glibcf.log1pf,
  erf: glibcf.erff,
  erfc: glibcf.erfcf,
  sqrt: (x) => f(Math.sqrt(x)),
};
const DOUBLE_LIBM: Libm = {
  exp: glibcExp,
  log: glibcLog,
  log1p: fdlibmLog1p,
  erf: glibcErf,
  erfc: glibcErfc,
  sqrt: Math.sqrt,
};
const libm = (r: Round): Libm => (r === f ? FLOAT_LIBM : DOUBLE_LIBM);

/**
 * a * b + c as one FMA: PyTorch's AVX2 kernels are compiled with -mfma, and the compiler contracts Math.h's
 * `a * b + c` into fused multiply-adds (a float32 product is exact in double, so one double add and the final
 * float rounding stand for the float FMA).
 */
function fmaR(a: number, b: number, c: number, r: Round): number {
  return r === f ? f(a * b + c) : fma(a, b, c);
}

/** Coefficient tables are `static const T[]`: rounded to the dtype once. */
function table(r: Round, c: readonly number[]): number[] {
  return c.map(r);
}

/** Chebyshev series (chbevl). */
function chbevl(x: number, c: readonly number[], r: Round): number {
  let b0 = c[0];
  let b1 = 0;
  let b2 = 0;
  for (let i = 1; i < c.length; i++) {
    b2 = b1;
    b1 = b0;
    b0 = r(fmaR(x, b1, -b2, r) + c[i]);
  }
  return r(r(0.5) * r(b0 - b2));
}

/** Polynomial with coefficients highest power first (polevl; `len` is the degree). */
function polevl(x: number, c: readonly number[], r: Round): number {
  let result = 0;
  for (const a of c) result = fmaR(result, x, a, r);
  return result;
}

// ---- i0, i0e, i1, i1e -----------------------------------------------------------------------------------

const I0E_A = [
  -4.4153416464793393795e-18, 3.33079451882223809783e-17, -2.43127984654795469359e-16,
  1.71539128555513303061e-15, -1.16853328779934516808e-14, 7.67618549860493561688e-14,
  -4.8564467831119294609e-13, 2.95505266312963983461e-12, -1.72682629144155570723e-11,
  9.67580903537323691224e-11, -5.18979560163526290666e-10, 2.65982372468238665035e-9,
  -1.30002500998624804212e-8, 6.04699502254191894932e-8, -2.67079385394061173391e-7,
  1.11738753912010371815e-6, -4.41673835845875056359e-6, 1.64484480707288970893e-5,
  -5.75419501008210370398e-5, 1.88502885095841655729e-4, -5.76375574538582365885e-4,
  1.63947561694133579842e-3, -4.3243099950505759443e-3, 1.05464603945949983183e-2, -2.37374148058994688156e-2,
  4.93052842396707084878e-2, -9.4901097048047644421e-2, 1.71620901522208775349e-1, -3.04682672343198398683e-1,
  6.76795274409476084995e-1,
];
const I0E_B = [
  -7.23318048787475395456e-18, -4.83050448594418207126e-18, 4.46562142029675999901e-17,
  3.4612228676974610931e-17, -2.82762398051658348494e-16, -3.42548561967721913462e-16,
  1.7725601330565263836e-15, 3.81168066935262242075e-15, -9.5548466988283076487e-15,
  -4.15056934728722208663e-14, 1.54008621752140982691e-14, 3.85277838274214270114e-13,
  7.18012445138366623367e-13, -1.79417853150680611778e-12, -1.32158118404477131188e-11,
  -3.14991652796324136454e-11, 1.18891471078464383424e-11, 4.9406023882249695891e-10,
  3.39623202570838634515e-9, 2.26666899049817806459e-8, 2.04891858946906374183e-7, 2.89137052083475648297e-6,
  6.88975834691682398426e-5, 3.3691164782556940899e-3, 8.04490411014108831608e-1,
];
const I1E_A_DOUBLE = [
  2.77791411276104639959e-18, -2.11142121435816608115e-17, 1.55363195773620046921e-16,
  -1.10559694773538630805e-15, 7.6006842947354069341e-15, -5.04218550472791168711e-14,
  3.22379336594557470981e-13, -1.9839743977649437152e-12, 1.17361862988909016308e-11,
  -6.66348972350202774223e-11, 3.62559028155211703701e-10, -1.8872497517228292879e-9,
  9.38153738649577178388e-9, -4.44505912879632808065e-8, 2.00329475355213526229e-7,
  -8.56872026469545474066e-7, 3.47025130813767847674e-6, -1.32731636560394358279e-5,
  4.78156510755005422638e-5, -1.61760815825896745588e-4, 5.12285956168575772895e-4,
  -1.51357245063125314899e-3, 4.15642294431288815669e-3, -1.05640848946261981558e-2,
  2.47264490306265168283e-2, -5.29459812080949914269e-2, 1.02643658689847095384e-1,
  -1.76416518357834055153e-1, 2.52587186443633654823e-1,
];
const I1E_B_DOUBLE = [
  7.51729631084210481353e-18, 4.41434832307170791151e-18, -4.65030536848935832153e-17,
  -3.2095259219934239598e-17, 2.96262899764595013876e-16, 3.30820231092092828324e-16,
  -1.88035477551078244854e-15, -3.81440307243700780478e-15, 1.04202769841288027642e-14,
  4.27244001671195135429e-14, -2.10154184277266431302e-14, -4.08355111109219731823e-13,
  -7.19855177624590851209e-13, 2.03562854414708950722e-12, 1.41258074366137813316e-11,
  3.25260358301548823856e-11, -1.8974958123505412345e-11, -5.58974346219658380687e-10,
  -3.83538038596423702205e-9, -2.63146884688951950684e-8, -2.51223623787020892529e-7,
  -3.88256480887769039346e-6, -1.10588938762623716291e-4, -9.76109749136146840777e-3,
  7.78576235018280120474e-1,
];
// The float kernels use the tail of the double series (Math.h's float specialisations).
const I1E_A_FLOAT = I1E_A_DOUBLE.slice(12);
const I1E_B_FLOAT = I1E_B_DOUBLE.slice(18);

const TABLES = new Map<Round, Map<readonly number[], number[]>>();
/** A coefficient table rounded to r's dtype, computed once. */
function coefficients(r: Round, c: readonly number[]): number[] {
  let byTable = TABLES.get(r);
  if (!byTable) TABLES.set(r, (byTable = new Map()));
  let t = byTable.get(c);
  if (!t) byTable.set(c, (t = table(r, c)));
  return t;
}

const i1eA = (r: Round) => coefficients(r, r === f ? I1E_A_FLOAT : I1E_A_DOUBLE);
const i1eB = (r: Round) => coefficients(r, r === f ? I1E_B_FLOAT : I1E_B_DOUBLE);

export function i0(xIn: number, r: Round): number {
  const m = libm(r);
  const x = Math.abs(xIn);
  if (x <= 8) return r(m.exp(x) * chbevl(r(r(x / 2) - 2), coefficients(r, I0E_A), r));
  return r(r(m.exp(x) * chbevl(r(r(32 / x) - 2), coefficients(r, I0E_B), r)) / m.sqrt(x));
}

export function i0e(xIn: number, r: Round): number {
  const x = Math.abs(xIn);
  if (x <= 8) return chbevl(r(r(x / 2) - 2), coefficients(r, I0E_A), r);
  // calc_i0e's unqualified sqrt is C's double sqrt: the quotient is a double, rounded once.
  return r(chbevl(r(r(32 / x) - 2), coefficients(r, I0E_B), r) / Math.sqrt(x));
}

export function i1(xIn: number, r: Round): number {
  const m = libm(r);
  const x = Math.abs(xIn);
  const out =
    x <= 8
      ? r(r(m.exp(x) * x) * chbevl(r(r(x / 2) - 2), i1eA(r), r))
      : r(r(m.exp(x) * chbevl(r(r(32 / x) - 2), i1eB(r), r)) / m.sqrt(x));
  return xIn < 0 ? -out : out;
}

export function i1e(xIn: number, r: Round): number {
  const x = Math.abs(xIn);
  const out =
    x <= 8
      ? r(chbevl(r(r(x / 2) - 2), i1eA(r), r) * x)
      : r(chbevl(r(r(32 / x) - 2), i1eB(r), r) / libm(r).sqrt(x));
  return xIn < 0 ? -out : out;
}

// ---- erfinv ---------------------------------------------------------------------------------------------

const ERFINV_A = [0.886226899, -1.645349621, 0.914624893, -0.140543331];
const ERFINV_B = [-2.118377725, 1.442710462, -0.329097515, 0.012229801];
const ERFINV_C = [-1.970840454, -1.624906493, 3.429567803, 1.641345311];
const ERFINV_D = [3.5438892, 1.6370678];

/** calc_erfinv: a rational first guess, then two Newton steps. */
export function erfinv(y: number, r: Round): number {
  const m = libm(r);
  const [a, b, c, d] = [ERFINV_A, ERFINV_B, ERFINV_C, ERFINV_D].map((t) => coefficients(r, t));
  const yAbs = Math.abs(y);
  if (yAbs > 1) return NaN;
  if (yAbs === 1) return y < 0 ? -Infinity : Infinity;
  let x: number;
  if (yAbs <= 0.7) {
    const z = r(y * y);
    const num = fmaR(fmaR(fmaR(a[3], z, a[2], r), z, a[1], r), z, a[0], r);
    const dem = fmaR(fmaR(fmaR(fmaR(b[3], z, b[2], r), z, b[1], r), z, b[0], r), z, 1, r);
    x = r(r(y * num) / dem);
  } else {
    const z = m.sqrt(-m.log(r(r(1 - yAbs) / 2)));
    const num = fmaR(fmaR(fmaR(c[3], z, c[2], r), z, c[1], r), z, c[0], r);
    const dem = fmaR(fmaR(d[1], z, d[0], r), z, 1, r);
    x = r((y < 0 || Object.is(y, -0) ? -Math.abs(num) : Math.abs(num)) / dem);
  }
  const twoOverSqrtPi = r(2 / r(Math.sqrt(Math.PI)));
  for (let step = 0; step < 2; step++) {
    x = r(x - r(r(m.erf(x) - y) / r(twoOverSqrtPi * m.exp(r(-x * x)))));
  }
  return x;
}

// ---- ndtri, erfcx, log_ndtr -----------------------------------------------------------------------------

const NDTRI_P0 = [
  -5.99633501014107895267e1, 9.80010754185999661536e1, -5.66762857469070293439e1, 1.39312609387279679503e1,
  -1.23916583867381258016,
];
const NDTRI_Q0 = [
  1, 1.95448858338141759834, 4.67627912898881538453, 8.63602421390890590575e1, -2.25462687854119370527e2,
  2.00260212380060660359e2, -8.20372256168333339912e1, 1.59056225126211695515e1, -1.18331621121330003142,
];
const NDTRI_P1 = [
  4.05544892305962419923, 3.15251094599893866154e1, 5.71628192246421288162e1, 4.408050738932008347e1,
  1.46849561928858024014e1, 2.18663306850790267539, -1.40256079171354495875e-1, -3.50424626827848203418e-2,
  -8.57456785154685413611e-4,
];
const NDTRI_Q1 = [
  1, 1.57799883256466749731e1, 4.53907635128879210584e1, 4.1317203825467203044e1, 1.50425385692907503408e1,
  2.50464946208309415979, -1.42182922854787788574e-1, -3.80806407691578277194e-2, -9.33259480895457427372e-4,
];
const NDTRI_P2 = [
  3.2377489177694603597, 6.91522889068984211695, 3.93881025292474443415, 1.33303460815807542389,
  2.01485389549179081538e-1, 1.23716634817820021358e-2, 3.01581553508235416007e-4, 2.65806974686737550832e-6,
  6.2397453918498329373e-9,
];
const NDTRI_Q2 = [
  1, 6.02427039364742014255, 3.67983563856160859403, 1.37702099489081330271, 2.1623699359449663589e-1,
  1.34204006088543189037e-2, 3.28014464682127739104e-4, 2.89247864745380683936e-6, 6.79019408009981274425e-9,
];
const EXP_MINUS_2 = 0.13533528323661269189;

/** calc_ndtri: the x with Φ(x) = y. */
export function ndtri(y0: number, r: Round): number {
  if (y0 === 0) return -Infinity;
  if (y0 === 1) return Infinity;
  if (y0 < 0 || y0 > 1 || Number.isNaN(y0)) return NaN;
  const c = (t: readonly number[]) => coefficients(r, t);
  let code = true;
  let y = y0;
  if (y > r(1 - r(EXP_MINUS_2))) {
    y = r(1 - y);
    code = false;
  }
  if (y > r(EXP_MINUS_2)) {
    y = r(y - 0.5);
    const y2 = r(y * y);
    const x = fmaR(y, r(r(y2 * polevl(y2, c(NDTRI_P0), r)) / polevl(y2, c(NDTRI_Q0), r)), y, r);
    return r(x * r(2.50662827463100050242));
  }
  // ::sqrt and ::log are C's double functions here: each line computes in double and rounds once.
  let x = r(Math.sqrt(-2 * glibcLog(y)));
  const x0 = r(x - glibcLog(x) / x);
  const z = r(1 / x);
  const x1 =
    x < 8
      ? r(r(z * polevl(z, c(NDTRI_P1), r)) / polevl(z, c(NDTRI_Q1), r))
      : r(r(z * polevl(z, c(NDTRI_P2), r)) / polevl(z, c(NDTRI_Q2), r));
  x = r(x0 - x1);
  return code ? -x : x;
}

/**
 * erfcx_y100: the Chebyshev polynomial of y100's hundredth, with double coefficients (so double arithmetic), its
 * Horner steps contracted into FMAs.
 */
function erfcxY100(y100: number, r: Round): number {
  const k = Math.trunc(y100);
  if (k < 0 || k > 99) return 1;
  const t = r(r(2 * y100) - (2 * k + 1));
  const c = ERFCX_Y100[k];
  let v = c[6];
  for (let i = 5; i >= 0; i--) v = fma(v, t, c[i]);
  return r(v);
}

/** calc_erfcx: exp(x^2) * erfc(x). */
export function erfcx(x: number, r: Round): number {
  if (Number.isNaN(x)) return x;
  if (x >= 0) {
    if (x > 50) {
      const ispi = r(0.56418958354775628694807945156);
      if (x > 5e7) return r(ispi / x);
      // x*x + 4.5 is a double expression (a double literal) and its product with x*x contracts into an FMA;
      // x*x + 5 (an int literal) and its product with x*x stay in T, widened before + 3.75.
      const xx = r(x * x);
      return r((ispi * fma(xx, xx + 4.5, 2)) / (x * (r(xx * r(xx + 5)) + 3.75)));
    }
    return erfcxY100(r(400 / r(4 + x)), r);
  }
  if (x < -26.7) return Infinity;
  // The unqualified exp is C's double exp: 2 * exp(x * x) (minus the float y100 term) rounds once.
  const twoExp = 2 * glibcExp(r(x * x));
  if (x < -6.1) return r(twoExp);
  return r(twoExp - erfcxY100(r(400 / r(4 - x)), r));
}

/** calc_log_ndtr: log Φ(x), through erfcx in the left tail. */
export function logNdtr(x: number, r: Round): number {
  const m = libm(r);
  const t = r(x * Math.SQRT1_2);
  if (x < -1) return r(m.log(r(erfcx(-t, r) / 2)) - r(t * t));
  return m.log1p(r(-m.erfc(t) / 2));
}

// ---- digamma, trigamma, polygamma -----------------------------------------------------------------------

const PSI_10 = 2.25175258906672110764;
const DIGAMMA_A = [
  8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3,
  -4.16666666666666666667e-3, 3.96825396825396825397e-3, -8.33333333333333333333e-3,
  8.33333333333333333333e-2,
];

/** calc_digamma (the float overload computes pi / tan(pi r) in double). */
export function digamma(xIn: number, r: Round): number {
  let x = xIn;
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  if (x < 0) {
    if (x === Math.trunc(x)) return NaN;
    const frac = x - Math.trunc(x);
    return r(digamma(r(1 - x), r) - r(Math.PI / Math.tan(Math.PI * frac)));
  }
  let result = 0;
  while (x < 10) {
    result = r(result - r(1 / x));
    x = r(x + 1);
  }
  if (x === 10) return r(result + r(PSI_10));
  let y = 0;
  if (x < 1e17) {
    const z = r(1 / r(x * x));
    y = r(z * polevl(z, coefficients(r, DIGAMMA_A), r));
  }
  return r(r(r(result + libm(r).log(x)) - r(0.5 / x)) - y);
}

/** trigamma: the float overload computes in float throughout (sinf). */
export function trigamma(xIn: number, r: Round): number {
  let x = xIn;
  let sign = 1;
  let result = 0;
  if (x < 0.5) {
    sign = -1;
    const pi = r(Math.PI);
    const sinPiX = r(Math.sin(r(pi * x)));
    result = r(result - r(r(pi * pi) / r(sinPiX * sinPiX)));
    x = r(1 - x);
  }
  for (let i = 0; i < 6; i++) {
    result = r(result + r(1 / r(x * x)));
    x = r(x + 1);
  }
  const ixx = r(1 / r(x * x));
  const series = r(
    r(1 + r(1 / r(2 * x))) + r(ixx * r(r(r(1 / 6)) - r(ixx * r(r(r(1 / 30)) - r(ixx * r(r(1 / 42))))))),
  );
  result = r(result + r(series / x));
  return r(sign * result);
}

const ZETA_A = [
  12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
  -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15, 1.8152105401943546773e17,
  -7.1661652561756670113e18,
];
const MACHEP = 1.11022302462515654042e-16;

/** Hurwitz zeta(x, q), computed in double (the accumulate type of both float and double on the CPU). */
export function zeta(x: number, q: number): number {
  if (x === 1) return Infinity;
  if (x < 1) return NaN;
  if (q <= 0) {
    if (q === Math.floor(q)) return Infinity;
    if (x !== Math.floor(x)) return NaN;
  }
  let s = glibcPow(q, -x);
  let a = q;
  let i = 0;
  let b = 0;
  while (i < 9 || a <= 9) {
    i += 1;
    a += 1;
    b = glibcPow(a, -x);
    s += b;
    if (-MACHEP * s < b && b < MACHEP * s) return s;
  }
  const w = a;
  s += (b * w) / (x - 1);
  s -= 0.5 * b;
  a = 1;
  let k = 0;
  for (let j = 0; j < 12; j++) {
    a *= x + k;
    b /= w;
    let t = (a * b) / ZETA_A[j];
    s = s + t;
    t = Math.abs(t / s);
    if (t < MACHEP) return s;
    k += 1;
    a *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}

/** polygamma(n, x) for n >= 2: (-1)^(n+1) n! zeta(n + 1, x) (calc_polygamma; n = 0, 1 are digamma, trigamma). */
export function polygamma(n: number, x: number, r: Round): number {
  if (n === 0) return digamma(x, r);
  if (n === 1) return trigamma(x, r);
  const factorial = glibcExp(lgamma(n + 1));
  return r((n % 2 ? 1 : -1) * factorial * r(zeta(n + 1, x)));
}

export { lgamma };
