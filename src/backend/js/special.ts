// Special functions JavaScript's Math lacks, accurate to double precision.
import { fma } from "./fma.js";

/**
 * The error function: Taylor series near 0, continued fraction for erfc from |x| = 1.5 (where the
 * series starts to lose digits that 1 + erf(x), as in gelu, would expose).
 */
export function erf(x: number): number {
  if (Number.isNaN(x) || x === 0) return x;
  const ax = Math.abs(x);
  if (ax < 1.5) {
    // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    const r = (2 / Math.sqrt(Math.PI)) * sum;
    return x < 0 ? -r : r;
  }
  const r = 1 - erfcLarge(ax);
  return x < 0 ? -r : r;
}

/** erfc(x) for x >= 1.5 by Lentz's continued fraction (under 100 terms there). */
function erfcLarge(x: number): number {
  if (x > 27) return 0;
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/**
 * hypot(a, b) rounded once, as glibc's double hypot and SLEEF's hypot_u05 give it: V8's Math.hypot, corrected by
 * one Newton step on the exact residual a^2 + b^2 - h^2 (products split exactly with FMA).
 */
export function hypot(a: number, b: number): number {
  const h = Math.hypot(a, b);
  if (!(h > 1e-140 && h < 1e140) || a === 0 || b === 0) return h;
  const aa = a * a;
  const bb = b * b;
  const hh = h * h;
  // Sterbenz: the larger square minus h^2 is exact.
  const head = Math.abs(a) >= Math.abs(b) ? aa - hh + bb : bb - hh + aa;
  const residual = head + (fma(a, a, -aa) + fma(b, b, -bb) - fma(h, h, -hh));
  return h + residual / (2 * h);
}

/** Round half to even, as C's nearbyint (torch.round). */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r === 0 && x < 0 ? -0 : r;
}
