// TypeScript ports of the LAPACK routines torch.linalg runs on the CPU: getrf (LU with partial pivoting,
// dgetf2's order), trsm (triangular solves), potrf (Cholesky), geqrf / orgqr (Householder QR, dgeqr2 /
// dorg2r with dlarfg's sign convention, so R's diagonal signs are LAPACK's), dsyevd (lapack_syevd.ts) and
// dgesdd (lapack_gesdd.ts) with LAPACK's own steps, hence its vectors' signs, up to 25 rows (the size below which
// LAPACK takes dsteqr and dbdsqr rather than divide and conquer), and a cyclic Jacobi eigensolver and one-sided
// Jacobi SVD above it, whose vectors' signs are their own. Matrices are batches of dense row-major float64
// arrays [batch, rows, cols], worked on in place: the ops layer copies its operands here, and a native backend
// can hand the same calls to OpenBLAS's LAPACK (dgetrf, dtrsm, dpotrf, dgeqrf, dorgqr, dsyevd, dgesdd).

import { GESDD_MAX, gesddSmall } from "./lapack_gesdd.js";
import { syevdSmall } from "./lapack_syevd.js";

/** The batched LAPACK routines a backend provides (src/backend/backend.ts's `lapack`). */
export interface Lapack {
  /**
   * A = P L U of each [m, n] matrix, in place (L's unit diagonal implicit). Returns LAPACK's 1-based
   * row interchanges [batch, min(m, n)] and info [batch]: i > 0 when U[i-1][i-1] is exactly zero.
   */
  getrf(a: Float64Array, batch: number, m: number, n: number): { pivots: Int32Array; info: Int32Array };
  /**
   * Solves op(A) X = B (left) or X op(A) = B (right) in place in b ([batch, rows, cols]) for triangular
   * [n, n] matrices a of the same batch; op transposes when `transpose`; `unit` takes A's diagonal as ones.
   */
  trsm(
    a: Float64Array,
    b: Float64Array,
    batch: number,
    n: number,
    rows: number,
    cols: number,
    flags: { left: boolean; upper: boolean; transpose: boolean; unit: boolean },
  ): void;
  /** Cholesky factor of each [n, n] matrix (lower, or upper), the other triangle zeroed; info as potrf's. */
  potrf(a: Float64Array, batch: number, n: number, upper: boolean): Int32Array;
  /** Householder QR in place (R on and above the diagonal, reflectors below); returns tau [batch, min(m, n)]. */
  geqrf(a: Float64Array, batch: number, m: number, n: number): Float64Array;
  /** The first `n` columns of Q = H(1)...H(k) from geqrf's reflectors in a [batch, m, n]; in place. */
  orgqr(a: Float64Array, tau: Float64Array, batch: number, m: number, n: number, k: number): void;
  /**
   * Eigenvalues (ascending) [batch, n] and eigenvectors (columns) [batch, n, n] of the symmetric matrices, with
   * syevd's info [batch] (i > 0: no convergence); may skip the vectors when `vectors` is false (syevd's jobz 'N',
   * as eigvalsh without grad asks).
   */
  syev(
    a: Float64Array,
    batch: number,
    n: number,
    upper: boolean,
    vectors?: boolean,
  ): { w: Float64Array; v: Float64Array; info: Int32Array };
  /**
   * Singular values (descending) [batch, k] and, with `computeUV`, U [batch, m, m or k] and Vh
   * [batch, n or k, n] (full: square U and Vh) of the [m, n] matrices, k = min(m, n), with gesdd's info
   * [batch] (-4: the matrix holds a NaN; i > 0: no convergence).
   */
  gesvd(
    a: Float64Array,
    batch: number,
    m: number,
    n: number,
    full: boolean,
    computeUV: boolean,
  ): { u: Float64Array; s: Float64Array; vh: Float64Array; info: Int32Array };
  /**
   * The same routines in float32 arithmetic on float64 arrays holding float32 values, where the backend has
   * them (the native one: LAPACK's s* routines, as PyTorch calls for float32); without it float32 runs in float64.
   */
  readonly float32?: Lapack;
}

/** dlamch('S'): the smallest number whose reciprocal does not overflow. */
const SAFE_MIN = 2.2250738585072014e-308;
const EPS = 2 ** -53;

function getrf(a: Float64Array, batch: number, m: number, n: number) {
  const k = Math.min(m, n);
  const pivots = new Int32Array(batch * k);
  const info = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    const o = b * m * n;
    for (let j = 0; j < k; j++) {
      // idamax: the first row with the largest |a[i][j]|.
      let p = j;
      let best = Math.abs(a[o + j * n + j]);
      for (let i = j + 1; i < m; i++) {
        const v = Math.abs(a[o + i * n + j]);
        if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
          best = v;
          p = i;
        }
      }
      pivots[b * k + j] = p + 1;
      const pivot = a[o + p * n + j];
      if (pivot !== 0) {
        if (p !== j) {
          for (let c = 0; c < n; c++) {
            const t = a[o + j * n + c];
            a[o + j * n + c] = a[o + p * n + c];
            a[o + p * n + c] = t;
          }
        }
        // dgetf2 scales by the reciprocal unless the pivot is tiny.
        if (Math.abs(pivot) >= SAFE_MIN) {
          const r = 1 / pivot;
          for (let i = j + 1; i < m; i++) a[o + i * n + j] *= r;
        } else {
          for (let i = j + 1; i < m; i++) a[o + i * n + j] /= pivot;
        }
      } else if (info[b] === 0) {
        info[b] = j + 1;
      }
      for (let i = j + 1; i < m; i++) {
        const l = a[o + i * n + j];
        if (l === 0) continue;
        for (let c = j + 1; c < n; c++) a[o + i * n + c] -= l * a[o + j * n + c];
      }
    }
  }
  return { pivots, info };
}

function trsm(
  a: Float64Array,
  b: Float64Array,
  batch: number,
  n: number,
  rows: number,
  cols: number,
  flags: { left: boolean; upper: boolean; transpose: boolean; unit: boolean },
): void {
  // X op(A) = B is op(A)^T X^T = B^T: walk B transposed, with the transpose flag flipped.
  const { left, unit } = flags;
  const transpose = left ? flags.transpose : !flags.transpose;
  // op(A)[i][j] read from a's storage; the effective triangle after op.
  const lower = transpose ? flags.upper : !flags.upper;
  const rhs = left ? cols : rows;
  const bRow = left ? cols : 1;
  const bCol = left ? 1 : cols;
  for (let t = 0; t < batch; t++) {
    const ao = t * n * n;
    const bo = t * rows * cols;
    const at = (i: number, j: number) => (transpose ? a[ao + j * n + i] : a[ao + i * n + j]);
    for (let c = 0; c < rhs; c++) {
      const x = (i: number) => bo + i * bRow + c * bCol;
      if (lower) {
        for (let i = 0; i < n; i++) {
          let s = b[x(i)];
          for (let j = 0; j < i; j++) s -= at(i, j) * b[x(j)];
          b[x(i)] = unit ? s : s / at(i, i);
        }
      } else {
        for (let i = n - 1; i >= 0; i--) {
          let s = b[x(i)];
          for (let j = i + 1; j < n; j++) s -= at(i, j) * b[x(j)];
          b[x(i)] = unit ? s : s / at(i, i);
        }
      }
    }
  }
}

function potrf(a: Float64Array, batch: number, n: number, upper: boolean): Int32Array {
  const info = new Int32Array(batch);
  for (let t = 0; t < batch; t++) {
    const o = t * n * n;
    // The upper factor is the transpose of the lower one of A's upper triangle: index (i, j) as (j, i).
    const idx = upper ? (i: number, j: number) => o + j * n + i : (i: number, j: number) => o + i * n + j;
    for (let j = 0; j < n && info[t] === 0; j++) {
      let d = a[idx(j, j)];
      for (let k = 0; k < j; k++) d -= a[idx(j, k)] * a[idx(j, k)];
      if (!(d > 0)) {
        a[idx(j, j)] = d;
        info[t] = j + 1;
        break;
      }
      const ljj = Math.sqrt(d);
      a[idx(j, j)] = ljj;
      for (let i = j + 1; i < n; i++) {
        let s = a[idx(i, j)];
        for (let k = 0; k < j; k++) s -= a[idx(i, k)] * a[idx(j, k)];
        a[idx(i, j)] = s / ljj;
      }
    }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[idx(i, j)] = 0;
  }
  return info;
}

/** sqrt(x² + y²) without overflow (dlapy2). */
function hypot(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const w = Math.max(ax, ay);
  const z = Math.min(ax, ay);
  return z === 0 || w > Number.MAX_VALUE ? w : w * Math.sqrt(1 + (z / w) * (z / w));
}

/** dnrm2 of `len` entries from `start`, `stride` apart, scaled against overflow. */
function norm2(a: Float64Array, start: number, len: number, stride: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < len; i++) {
    const v = a[start + i * stride];
    if (v === 0) continue;
    const av = Math.abs(v);
    if (scale < av) {
      ssq = 1 + ssq * (scale / av) * (scale / av);
      scale = av;
    } else {
      ssq += (av / scale) * (av / scale);
    }
  }
  return scale * Math.sqrt(ssq);
}

/** Applies H = I - tau v v^T (v from `vStart`, `stride` apart, v[0] = 1) to rows r0.. of columns c0..c1. */
function applyReflector(
  a: Float64Array,
  o: number,
  cols: number,
  r0: number,
  rows: number,
  v: Float64Array,
  tau: number,
  c0: number,
  c1: number,
): void {
  if (tau === 0) return;
  for (let c = c0; c < c1; c++) {
    let w = 0;
    for (let i = 0; i < rows; i++) w += v[i] * a[o + (r0 + i) * cols + c];
    w *= tau;
    for (let i = 0; i < rows; i++) a[o + (r0 + i) * cols + c] -= v[i] * w;
  }
}

function geqrf(a: Float64Array, batch: number, m: number, n: number): Float64Array {
  const k = Math.min(m, n);
  const tau = new Float64Array(batch * k);
  const v = new Float64Array(m);
  for (let t = 0; t < batch; t++) {
    const o = t * m * n;
    for (let i = 0; i < k; i++) {
      // dlarfg on a[i][i] and the column below it.
      const alpha = a[o + i * n + i];
      const xnorm = norm2(a, o + (i + 1) * n + i, m - i - 1, n);
      let ti = 0;
      if (xnorm !== 0) {
        const beta = -Math.sign(alpha || 1) * hypot(alpha, xnorm);
        ti = (beta - alpha) / beta;
        const scale = 1 / (alpha - beta);
        for (let r = i + 1; r < m; r++) a[o + r * n + i] *= scale;
        a[o + i * n + i] = beta;
      }
      tau[t * k + i] = ti;
      v[0] = 1;
      for (let r = i + 1; r < m; r++) v[r - i] = a[o + r * n + i];
      applyReflector(a, o, n, i, m - i, v, ti, i + 1, n);
    }
  }
  return tau;
}

function orgqr(a: Float64Array, tau: Float64Array, batch: number, m: number, n: number, k: number): void {
  const tk = tau.length / batch;
  const v = new Float64Array(m);
  for (let t = 0; t < batch; t++) {
    const o = t * m * n;
    // dorg2r: columns k.. start as the identity's, then H(k)...H(1) are applied from the last.
    for (let j = k; j < n; j++) {
      for (let r = 0; r < m; r++) a[o + r * n + j] = 0;
      if (j < m) a[o + j * n + j] = 1;
    }
    for (let i = k - 1; i >= 0; i--) {
      const ti = tau[t * tk + i];
      v[0] = 1;
      for (let r = i + 1; r < m; r++) v[r - i] = a[o + r * n + i];
      if (i < n - 1) applyReflector(a, o, n, i, m - i, v, ti, i + 1, n);
      for (let r = i + 1; r < m; r++) a[o + r * n + i] *= -ti;
      a[o + i * n + i] = 1 - ti;
      for (let r = 0; r < i; r++) a[o + r * n + i] = 0;
    }
  }
}

/** dstedc's SMLSIZ: up to this size dsyevd's tridiagonal solver is dsteqr, which lapack_syevd.ts ports. */
const DSTEQR_MAX = 25;

function syev(a: Float64Array, batch: number, n: number, upper: boolean, vectors = true, single = false) {
  const w = new Float64Array(batch * n);
  const vOut = new Float64Array(batch * n * n);
  if (n <= DSTEQR_MAX) {
    const info = new Int32Array(batch);
    for (let t = 0; t < batch; t++)
      info[t] = syevdSmall(
        a.subarray(t * n * n, (t + 1) * n * n),
        n,
        upper,
        vectors,
        w,
        t * n,
        vOut,
        t * n * n,
        single,
      );
    return { w, v: vOut, info };
  }
  const s = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  for (let t = 0; t < batch; t++) {
    const o = t * n * n;
    // Only the UPLO triangle is read, as LAPACK does.
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const fromUpper = i <= j === upper;
        s[i * n + j] = fromUpper ? a[o + i * n + j] : a[o + j * n + i];
      }
    v.fill(0);
    for (let i = 0; i < n; i++) v[i * n + i] = 1;
    for (let sweep = 0; sweep < 100; sweep++) {
      let off = 0;
      let diag = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          if (i !== j) off += s[i * n + j] * s[i * n + j];
          else diag += s[i * n + j] * s[i * n + j];
        }
      if (off <= EPS * EPS * diag || off === 0) break;
      for (let p = 0; p < n - 1; p++)
        for (let q = p + 1; q < n; q++) {
          const apq = s[p * n + q];
          if (apq === 0) continue;
          const theta = (s[q * n + q] - s[p * n + p]) / (2 * apq);
          const tt = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          const c = 1 / Math.sqrt(tt * tt + 1);
          const sn = tt * c;
          for (let k = 0; k < n; k++) {
            const skp = s[k * n + p];
            const skq = s[k * n + q];
            s[k * n + p] = c * skp - sn * skq;
            s[k * n + q] = sn * skp + c * skq;
          }
          for (let k = 0; k < n; k++) {
            const spk = s[p * n + k];
            const sqk = s[q * n + k];
            s[p * n + k] = c * spk - sn * sqk;
            s[q * n + k] = sn * spk + c * sqk;
          }
          for (let k = 0; k < n; k++) {
            const vkp = v[k * n + p];
            const vkq = v[k * n + q];
            v[k * n + p] = c * vkp - sn * vkq;
            v[k * n + q] = sn * vkp + c * vkq;
          }
        }
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => s[x * n + x] - s[y * n + y]);
    order.forEach((src, dst) => {
      w[t * n + dst] = s[src * n + src];
      for (let k = 0; k < n; k++) vOut[o + k * n + dst] = v[k * n + src];
    });
  }
  // The Jacobi sweeps always stop; syevd, like them, reports nothing for a NaN (its results are NaN).
  return { w, v: vOut, info: new Int32Array(batch) };
}

/**
 * Extends the first `have` orthonormal columns of q ([rows, cols], row-major) to `cols` orthonormal
 * columns, each new one the unit vector that keeps the most after two Gram-Schmidt passes.
 */
function completeBasis(q: Float64Array, rows: number, cols: number, have: number): void {
  const cand = new Float64Array(rows);
  for (let c = have; c < cols; c++) {
    let bestNorm = -1;
    let best: Float64Array | null = null;
    for (let e = 0; e < rows; e++) {
      cand.fill(0);
      cand[e] = 1;
      for (let pass = 0; pass < 2; pass++)
        for (let j = 0; j < c; j++) {
          let d = 0;
          for (let r = 0; r < rows; r++) d += q[r * cols + j] * cand[r];
          for (let r = 0; r < rows; r++) cand[r] -= d * q[r * cols + j];
        }
      const nrm = norm2(cand, 0, rows, 1);
      if (nrm > bestNorm) {
        bestNorm = nrm;
        best = cand.map((x) => x / nrm);
      }
    }
    for (let r = 0; r < rows; r++) q[r * cols + c] = best![r];
  }
}

/** One-sided Jacobi on the columns of a tall [m, n] matrix: returns U [m, n], s [n] and V [n, n]. */
function jacobiSvdTall(x: Float64Array, m: number, n: number) {
  const u = Float64Array.from(x);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let r = 0; r < m; r++) {
          const up = u[r * n + p];
          const uq = u[r * n + q];
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let r = 0; r < m; r++) {
          const up = u[r * n + p];
          const uq = u[r * n + q];
          u[r * n + p] = c * up - s * uq;
          u[r * n + q] = s * up + c * uq;
        }
        for (let r = 0; r < n; r++) {
          const vp = v[r * n + p];
          const vq = v[r * n + q];
          v[r * n + p] = c * vp - s * vq;
          v[r * n + q] = s * vp + c * vq;
        }
      }
    if (!rotated) break;
  }
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) s[j] = norm2(u, j, m, n);
  return { u, s, v };
}

function gesvd(
  a: Float64Array,
  batch: number,
  m: number,
  n: number,
  full: boolean,
  computeUV: boolean,
  single = false,
) {
  const k = Math.min(m, n);
  const uCols = full ? m : k;
  const vhRows = full ? n : k;
  const s = new Float64Array(batch * k);
  const u = new Float64Array(computeUV ? batch * m * uCols : 0);
  const vh = new Float64Array(computeUV ? batch * vhRows * n : 0);
  if (k <= GESDD_MAX) {
    const info = new Int32Array(batch);
    for (let t = 0; t < batch; t++) {
      const one = a.subarray(t * m * n, (t + 1) * m * n);
      info[t] = gesddSmall(
        one,
        m,
        n,
        full,
        computeUV,
        s,
        t * k,
        u,
        t * m * uCols,
        vh,
        t * vhRows * n,
        single,
      );
      // dgesdd's first check: dlange('M') is NaN, info -4, nothing computed.
      if (info[t] === -4) s.fill(NaN, t * k, (t + 1) * k);
    }
    return { u, s, vh, info };
  }
  // A wide matrix is handled as its transpose: A^T = V S U^T.
  const tall = m >= n;
  const rows = tall ? m : n;
  const info = new Int32Array(batch);
  for (let t = 0; t < batch; t++) {
    const o = t * m * n;
    // dgesdd's first check: dlange('M') is NaN, info -4, nothing computed (an infinity goes on, as LAPACK's does).
    if (a.subarray(o, o + m * n).some(Number.isNaN)) {
      info[t] = -4;
      s.fill(NaN, t * k, (t + 1) * k);
      continue;
    }
    const x = new Float64Array(rows * k);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) x[tall ? i * n + j : j * m + i] = a[o + i * n + j];
    const res = jacobiSvdTall(x, rows, k);
    const order = Array.from({ length: k }, (_, i) => i).sort((p, q) => res.s[q] - res.s[p]);
    for (let j = 0; j < k; j++) s[t * k + j] = res.s[order[j]];
    if (!computeUV) continue;
    // Left vectors of the tall problem (rows x rows when full), right vectors (k x k).
    const left = new Float64Array(rows * (full ? rows : k));
    const lc = full ? rows : k;
    const smax = s[t * k];
    let have = 0;
    const tiny = smax * rows * EPS;
    for (let j = 0; j < k; j++) {
      const sj = s[t * k + j];
      if (!(sj > tiny)) break;
      for (let r = 0; r < rows; r++) left[r * lc + j] = res.u[r * k + order[j]] / sj;
      have++;
    }
    completeBasis(left, rows, lc, have);
    const right = new Float64Array(k * k);
    for (let r = 0; r < k; r++) for (let j = 0; j < k; j++) right[r * k + j] = res.v[r * k + order[j]];
    const uo = t * m * uCols;
    const vo = t * vhRows * n;
    if (tall) {
      u.set(left, uo);
      for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) vh[vo + i * n + j] = right[j * k + i];
    } else {
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) u[uo + i * uCols + j] = right[i * k + j];
      for (let i = 0; i < vhRows; i++) for (let j = 0; j < n; j++) vh[vo + i * n + j] = left[j * lc + i];
    }
  }
  return { u, s, vh, info };
}

export const jsLapack: Lapack = {
  getrf,
  trsm,
  potrf,
  geqrf,
  orgqr,
  syev,
  gesvd,
  // ssyevd's and sgesdd's convergence tests (float's eps) for float32; the arithmetic stays float64.
  float32: {
    getrf,
    trsm,
    potrf,
    geqrf,
    orgqr,
    syev: (a, batch, n, upper, vectors) => syev(a, batch, n, upper, vectors, true),
    gesvd: (a, batch, m, n, full, computeUV) => gesvd(a, batch, m, n, full, computeUV, true),
  },
};
