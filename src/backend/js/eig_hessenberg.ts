// The Householder steps of LAPACK's dgeev (eig.ts): dgehrd's reduction to upper Hessenberg form (dgehd2, the
// unblocked code LAPACK runs below 128 rows) and dorghr's Q from its reflectors (dorg2r), with dlarfg's sign
// convention and dlapy2 / dnrm2's scaled norms, so that Q, and from it the Schur vectors and eigenvectors, have
// LAPACK's signs. Matrices are arrays of rows, 0-based; ilo..ihi is dgebal's active block.

/** LAPACK's machine constants (dlamch 'S', 'P', 'E', 'O') of the precision whose decisions the port repeats. */
export interface Machine {
  safmin: number;
  ulp: number;
  eps: number;
  big: number;
}

/** dgeev's (float64's). */
export const FLOAT64: Machine = { safmin: 2 ** -1022, ulp: 2 ** -52, eps: 2 ** -53, big: Number.MAX_VALUE };
/** sgeev's (float32's): its deflation, pivot and scaling thresholds, applied in float64 arithmetic. */
export const FLOAT32: Machine = {
  safmin: 2 ** -126,
  ulp: 2 ** -23,
  eps: 2 ** -24,
  big: 3.4028234663852886e38,
};

/** Fortran's SIGN(a, b): |a| with b's sign (a negative zero counts as negative, as gfortran has it). */
export function fsign(a: number, b: number): number {
  return b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a);
}

/** LAPACK dlapy2: sqrt(x^2 + y^2) without needless overflow; NaN when either is NaN. */
export function lapy2(x: number, y: number, mach: Machine): number {
  if (Number.isNaN(x)) return x;
  if (Number.isNaN(y)) return y;
  const xa = Math.abs(x);
  const ya = Math.abs(y);
  const w = Math.max(xa, ya);
  const z = Math.min(xa, ya);
  if (z === 0 || w > mach.big) return w;
  return w * Math.sqrt(1 + (z / w) ** 2);
}

/** LAPACK dnrm2's 2-norm (a scaled sum of squares) of `get(0..len-1)`. */
export function nrm2(len: number, get: (i: number) => number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < len; i++) {
    const v = get(i);
    if (v === 0) continue;
    const a = Math.abs(v);
    if (Number.isNaN(a)) return a;
    if (scale < a) {
      ssq = 1 + ssq * (scale / a) ** 2;
      scale = a;
    } else ssq += (a / scale) ** 2;
  }
  return scale * Math.sqrt(ssq);
}

/**
 * LAPACK dlarfg on (x[0] = alpha, x[1..len-1]): returns tau and leaves beta in x[0] and v's tail (v[0] = 1
 * implicit) in x[1..]. `x` is read and written through get / set.
 */
export function larfg(
  len: number,
  get: (i: number) => number,
  set: (i: number, v: number) => void,
  mach: Machine,
): number {
  if (len <= 1) return 0;
  let xnorm = nrm2(len - 1, (i) => get(i + 1));
  if (xnorm === 0) return 0;
  let alpha = get(0);
  let beta = -fsign(lapy2(alpha, xnorm, mach), alpha);
  const safmin = mach.safmin / mach.eps;
  let knt = 0;
  if (Math.abs(beta) < safmin) {
    const rsafmn = 1 / safmin;
    do {
      knt++;
      for (let i = 1; i < len; i++) set(i, get(i) * rsafmn);
      beta *= rsafmn;
      alpha *= rsafmn;
    } while (Math.abs(beta) < safmin && knt < 20);
    xnorm = nrm2(len - 1, (i) => get(i + 1));
    beta = -fsign(lapy2(alpha, xnorm, mach), alpha);
  }
  const tau = (beta - alpha) / beta;
  const scal = 1 / (alpha - beta);
  for (let i = 1; i < len; i++) set(i, get(i) * scal);
  for (let j = 0; j < knt; j++) beta *= safmin;
  set(0, beta);
  return tau;
}

/**
 * dgehd2: A (n×n rows) reduced to upper Hessenberg form in place by reflectors H(i) = I - tau v v^T on rows and
 * columns i+1..ihi, i = ilo..ihi-1; v's tail is stored below the subdiagonal. Returns tau (0 outside).
 */
export function gehd2(A: number[][], n: number, ilo: number, ihi: number, mach: Machine): number[] {
  const tau = new Array<number>(Math.max(n - 1, 0)).fill(0);
  const v = new Array<number>(n).fill(0);
  const w = new Array<number>(n).fill(0);
  for (let i = ilo; i < ihi; i++) {
    // H(i) annihilates A(i+2:ihi, i)
    const len = ihi - i;
    const t = larfg(
      len,
      (r) => A[i + 1 + r][i],
      (r, x) => (A[i + 1 + r][i] = x),
      mach,
    );
    tau[i] = t;
    const aii = A[i + 1][i];
    v[0] = 1;
    for (let r = 1; r < len; r++) v[r] = A[i + 1 + r][i];
    if (t !== 0) {
      // Right: A(0:ihi, i+1:ihi) -= tau (A v) v^T
      for (let r = 0; r <= ihi; r++) {
        let s = 0;
        for (let c = 0; c < len; c++) s += A[r][i + 1 + c] * v[c];
        w[r] = s;
      }
      for (let c = 0; c < len; c++) {
        const f = -t * v[c];
        for (let r = 0; r <= ihi; r++) A[r][i + 1 + c] += w[r] * f;
      }
      // Left: A(i+1:ihi, i+1:n) -= tau v (v^T A)
      for (let c = i + 1; c < n; c++) {
        let s = 0;
        for (let r = 0; r < len; r++) s += A[i + 1 + r][c] * v[r];
        w[c] = s;
      }
      for (let c = i + 1; c < n; c++) {
        const f = -t * w[c];
        for (let r = 0; r < len; r++) A[i + 1 + r][c] += v[r] * f;
      }
    }
    A[i + 1][i] = aii;
  }
  return tau;
}

/** dorghr: the orthogonal Q (n×n rows) of gehd2's reflectors in H and tau, by dorg2r on rows/columns ilo+1..ihi. */
export function orghr(H: number[][], tau: number[], n: number, ilo: number, ihi: number): number[][] {
  const Q = Array.from({ length: n }, (_, i) => {
    const row = new Array<number>(n).fill(0);
    row[i] = 1;
    return row;
  });
  // The reflectors shifted one column right: column j + 1 of the nh×nh block holds v of reflector j.
  const nh = ihi - ilo;
  if (nh <= 0) return Q;
  const o = ilo + 1; // the block's first row and column
  for (let j = o; j <= ihi; j++) {
    for (let i = 0; i < n; i++) Q[i][j] = 0;
    for (let i = j + 1; i <= ihi; i++) Q[i][j] = H[i][j - 1];
  }
  // dorg2r(nh, nh, nh) on Q[o..ihi][o..ihi] with tau[ilo..ihi-1]
  const w = new Array<number>(n).fill(0);
  for (let i = nh - 1; i >= 0; i--) {
    const ci = o + i;
    const t = tau[ilo + i];
    if (i < nh - 1) {
      // Apply H(i) from the left to Q(ci:ihi, ci+1:ihi), v = (1, Q(ci+1:ihi, ci))
      Q[ci][ci] = 1;
      if (t !== 0) {
        for (let c = ci + 1; c <= ihi; c++) {
          let s = 0;
          for (let r = ci; r <= ihi; r++) s += Q[r][c] * Q[r][ci];
          w[c] = s;
        }
        for (let c = ci + 1; c <= ihi; c++) {
          const f = -t * w[c];
          for (let r = ci; r <= ihi; r++) Q[r][c] += Q[r][ci] * f;
        }
      }
    }
    for (let r = ci + 1; r <= ihi; r++) Q[r][ci] *= -t;
    Q[ci][ci] = 1 - t;
    for (let r = o; r < ci; r++) Q[r][ci] = 0;
  }
  return Q;
}
