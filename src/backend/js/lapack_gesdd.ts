// LAPACK's dgesdd (3.11, as PyTorch 1.13 calls it through OpenBLAS 0.3.21) for matrices whose smaller side is
// at most 25, where dbdsdc hands the bidiagonal problem to dlasdq / dbdsqr: a QR (or LQ) factorization first when
// one side is at least 11/6 of the other (dgesdd's paths 3, 4, 3t, 4t), dgebd2's bidiagonalization, dbdsqr's
// implicit zero-shift / shifted QR sweeps with dlasv2's 2x2 SVDs, the sorts of dbdsqr, dlasdq and dbdsdc, and
// dormbr's reflectors applied to the bidiagonal singular vectors. The same steps give LAPACK's vector signs; the
// values differ from OpenBLAS's only by its BLAS kernels' summation order. Singular values alone (jobz 'N') take
// the same sweeps without vectors (LAPACK's dqds, dlasq1, is not ported: the values agree to rounding).
// Matrices are row-major; indices in the ports are Fortran's, 1-based.
import { Mat, dbdsqr, rotRows, swapVectors } from "./lapack_bdsqr.js";
import { dlarfg, dlartg, machine, setPrecision, sign } from "./lapack_syevd.js";

/**
 * dbdsdc(uplo, 'I') for n <= 25 (dlasdq, dbdsqr, the sorts): the n x n bidiagonal's singular values into d and
 * vectors U, VT (n x n), or values only when `vectors` is false; returns info.
 */
function dbdsdc(
  lower: boolean,
  n: number,
  d: Float64Array,
  e: Float64Array,
  vectors: boolean,
): { u: Mat; vt: Mat; info: number } {
  const u = Mat.eye(n, n);
  const vt = Mat.eye(n, n);
  if (n === 1) {
    if (vectors) u.a[0] = sign(1, d[1]);
    d[1] = Math.abs(d[1]);
    return { u, vt, info: 0 };
  }
  const nm1 = n - 1;
  const rot = new Float64Array(2 * n + 1);
  if (lower)
    for (let i = 1; i <= n - 1; i++) {
      const [cs, sn, r] = dlartg(d[i], e[i]);
      d[i] = r;
      e[i] = sn * d[i + 1];
      d[i + 1] = cs * d[i + 1];
      rot[i] = cs;
      rot[nm1 + i] = -sn;
    }
  // dlasdq('U', sqre 0): dbdsqr, then an ascending selection sort.
  const info = dbdsqr(n, d, e, vectors ? vt : null, vectors ? u : null);
  for (let i = 1; i <= n; i++) {
    let isub = i;
    let smin = d[i];
    for (let j = i + 1; j <= n; j++)
      if (d[j] < smin) {
        isub = j;
        smin = d[j];
      }
    if (isub !== i) {
      d[isub] = d[i];
      d[i] = smin;
      if (vectors) swapVectors(vt, u, isub, i);
    }
  }
  // dbdsdc's decreasing selection sort.
  for (let ii = 2; ii <= n; ii++) {
    const i = ii - 1;
    let kk = i;
    let p = d[i];
    for (let j = ii; j <= n; j++)
      if (d[j] > p) {
        kk = j;
        p = d[j];
      }
    if (kk !== i) {
      d[kk] = d[i];
      d[i] = p;
      if (vectors) swapVectors(vt, u, i, kk);
    }
  }
  if (lower && vectors) rotRows(false, n, rot, 1, n, u, 1);
  return { u, vt, info };
}

/** Applies I - tau v v' to the rows (left) or columns (right) r0.. of x; v from `vec`, v(0) = 1 implied there. */
function reflect(x: Mat, left: boolean, start: number, vec: number[], tau: number): void {
  if (tau === 0) return;
  const len = vec.length;
  if (left) {
    for (let c = 1; c <= x.cols; c++) {
      let sum = 0;
      for (let k = 0; k < len; k++) sum += vec[k] * x.a[x.ix(start + k, c)];
      sum *= tau;
      for (let k = 0; k < len; k++) x.a[x.ix(start + k, c)] -= vec[k] * sum;
    }
  } else {
    for (let r = 1; r <= x.rows; r++) {
      let sum = 0;
      for (let k = 0; k < len; k++) sum += x.a[x.ix(r, start + k)] * vec[k];
      sum *= tau;
      for (let k = 0; k < len; k++) x.a[x.ix(r, start + k)] -= sum * vec[k];
    }
  }
}

/**
 * dgebd2 of a (m x n) then dbdsdc, dormbr: a = U diag(s) VT with U m x ucols (ucols >= min, identity-extended)
 * and VT vtrows x n; returns info.
 */
function bidiagonalSvd(a: Mat, s: Float64Array, ucols: number, vtrows: number, vectors: boolean) {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const d = new Float64Array(k + 1);
  const e = new Float64Array(k + 1);
  const tauq = new Float64Array(k + 1);
  const taup = new Float64Array(k + 1);
  const col = (j: number, from: number) =>
    Array.from({ length: m - from + 1 }, (_, t) => (t === 0 ? 1 : a.a[a.ix(from + t, j)]));
  const row = (i: number, from: number) =>
    Array.from({ length: n - from + 1 }, (_, t) => (t === 0 ? 1 : a.a[a.ix(i, from + t)]));
  // Applies a reflector to a's trailing block only (rows/cols given by the sub-matrix bounds).
  const leftOn = (v: number[], tau: number, r0: number, c0: number) => {
    if (tau === 0) return;
    for (let c = c0; c <= n; c++) {
      let sum = 0;
      for (let t = 0; t < v.length; t++) sum += v[t] * a.a[a.ix(r0 + t, c)];
      sum *= tau;
      for (let t = 0; t < v.length; t++) a.a[a.ix(r0 + t, c)] -= v[t] * sum;
    }
  };
  const rightOn = (v: number[], tau: number, r0: number, c0: number) => {
    if (tau === 0) return;
    for (let r = r0; r <= m; r++) {
      let sum = 0;
      for (let t = 0; t < v.length; t++) sum += a.a[a.ix(r, c0 + t)] * v[t];
      sum *= tau;
      for (let t = 0; t < v.length; t++) a.a[a.ix(r, c0 + t)] -= sum * v[t];
    }
  };
  if (m >= n) {
    for (let i = 1; i <= n; i++) {
      tauq[i] = dlarfg(a.a, a.ix(i, i), a.ix(Math.min(i + 1, m), i), m - i, n);
      d[i] = a.a[a.ix(i, i)];
      if (i < n) leftOn(col(i, i), tauq[i], i, i + 1);
      if (i < n) {
        taup[i] = dlarfg(a.a, a.ix(i, i + 1), a.ix(i, Math.min(i + 2, n)), n - i - 1, 1);
        e[i] = a.a[a.ix(i, i + 1)];
        rightOn(row(i, i + 1), taup[i], i + 1, i + 1);
      }
    }
  } else {
    for (let i = 1; i <= m; i++) {
      taup[i] = dlarfg(a.a, a.ix(i, i), a.ix(i, Math.min(i + 1, n)), n - i, 1);
      d[i] = a.a[a.ix(i, i)];
      if (i < m) rightOn(row(i, i), taup[i], i + 1, i);
      if (i < m) {
        tauq[i] = dlarfg(a.a, a.ix(i + 1, i), a.ix(Math.min(i + 2, m), i), m - i - 1, n);
        e[i] = a.a[a.ix(i + 1, i)];
        leftOn(col(i, i + 1), tauq[i], i + 1, i + 1);
      }
    }
  }
  const res = dbdsdc(m < n, k, d, e, vectors);
  for (let i = 1; i <= k; i++) s[i - 1] = d[i];
  if (!vectors) return { u: null, vt: null, info: res.info };
  // U = Q [Ub 0; 0 I], VT = [VTb 0; 0 I] P'.
  const u = Mat.eye(m, ucols);
  for (let i = 1; i <= k; i++) for (let j = 1; j <= k; j++) u.a[u.ix(i, j)] = res.u.a[res.u.ix(i, j)];
  const vt = Mat.eye(vtrows, n);
  for (let i = 1; i <= k; i++) for (let j = 1; j <= k; j++) vt.a[vt.ix(i, j)] = res.vt.a[res.vt.ix(i, j)];
  if (m >= n) {
    for (let i = n; i >= 1; i--) reflect(u, true, i, col(i, i), tauq[i]);
    for (let i = n - 1; i >= 1; i--) reflect(vt, false, i + 1, row(i, i + 1), taup[i]);
  } else {
    for (let i = m - 1; i >= 1; i--) reflect(u, true, i + 1, col(i, i + 1), tauq[i]);
    for (let i = m; i >= 1; i--) reflect(vt, false, i, row(i, i), taup[i]);
  }
  return { u, vt, info: res.info };
}

/** Householder QR of a tall m x n (dgeqrf / dorgqr): Q (m x qcols) and R (n x n). */
function qr(a: Mat, qcols: number): { q: Mat; r: Mat } {
  const { rows: m, cols: n } = a;
  const tau = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) {
    tau[i] = dlarfg(a.a, a.ix(i, i), a.ix(Math.min(i + 1, m), i), m - i, n);
    if (i < n && tau[i] !== 0) {
      const v = Array.from({ length: m - i + 1 }, (_, t) => (t === 0 ? 1 : a.a[a.ix(i + t, i)]));
      for (let c = i + 1; c <= n; c++) {
        let sum = 0;
        for (let t = 0; t < v.length; t++) sum += v[t] * a.a[a.ix(i + t, c)];
        sum *= tau[i];
        for (let t = 0; t < v.length; t++) a.a[a.ix(i + t, c)] -= v[t] * sum;
      }
    }
  }
  const r = new Mat(n, n);
  for (let i = 1; i <= n; i++) for (let j = i; j <= n; j++) r.a[r.ix(i, j)] = a.a[a.ix(i, j)];
  const q = Mat.eye(m, qcols);
  for (let i = n; i >= 1; i--) {
    const v = Array.from({ length: m - i + 1 }, (_, t) => (t === 0 ? 1 : a.a[a.ix(i + t, i)]));
    reflect(q, true, i, v, tau[i]);
  }
  return { q, r };
}

function matmul(x: Mat, y: Mat): Mat {
  const out = new Mat(x.rows, y.cols);
  for (let i = 0; i < x.rows; i++)
    for (let k = 0; k < x.cols; k++) {
      const v = x.a[i * x.cols + k];
      for (let j = 0; j < y.cols; j++) out.a[i * y.cols + j] += v * y.a[k * y.cols + j];
    }
  return out;
}

function transpose(x: Mat): Mat {
  const out = new Mat(x.cols, x.rows);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < x.cols; j++) out.a[j * x.rows + i] = x.a[i * x.cols + j];
  return out;
}

/** The largest min(m, n) this port takes (dbdsdc's SMLSIZ); larger ones keep lapack.ts's Jacobi SVD. */
export const GESDD_MAX = 25;

/**
 * dgesdd of one m x n row-major matrix (destroyed): s (k = min(m, n)) into s[so..], U (m x ucols) and VT
 * (vtrows x n) into u[uo..], vt[vo..] when `vectors` (full: ucols = m, vtrows = n; else k). Returns info.
 */
export function gesddSmall(
  a: Float64Array,
  m: number,
  n: number,
  full: boolean,
  vectors: boolean,
  s: Float64Array,
  so: number,
  u: Float64Array,
  uo: number,
  vt: Float64Array,
  vo: number,
  single = false,
): number {
  setPrecision(single);
  const k = Math.min(m, n);
  const ucols = full ? m : k;
  const vtrows = full ? n : k;
  const { eps: e, safmin } = machine();
  // dlange('M'), and dgesdd's scaling into [smlnum, bignum].
  let anrm = 0;
  for (const x of a) {
    const v = Math.abs(x);
    if (anrm < v || Number.isNaN(v)) anrm = v;
  }
  if (Number.isNaN(anrm)) return -4;
  const smlnum = Math.sqrt(safmin) / (2 * e);
  const bignum = 1 / smlnum;
  let scale = 1;
  if (anrm > 0 && anrm < smlnum) scale = smlnum / anrm;
  else if (anrm > bignum) scale = bignum / anrm;
  if (scale !== 1) for (let i = 0; i < a.length; i++) a[i] *= scale;
  const sv = new Float64Array(k);
  let res: { u: Mat | null; vt: Mat | null; info: number };
  const mnthr = Math.trunc((k * 11) / 6);
  if (m >= n && m >= mnthr && m > n) {
    // Paths 3 and 4: A = Q R, then the SVD of R.
    const { q, r } = qr(new Mat(m, n, a), vectors ? ucols : n);
    const small = bidiagonalSvd(r, sv, n, n, vectors);
    res = small;
    if (vectors) {
      const qn = new Mat(m, n);
      for (let i = 1; i <= m; i++) for (let j = 1; j <= n; j++) qn.a[qn.ix(i, j)] = q.a[q.ix(i, j)];
      const un = matmul(qn, small.u!);
      for (let i = 1; i <= m; i++) for (let j = 1; j <= n; j++) q.a[q.ix(i, j)] = un.a[un.ix(i, j)];
      res = { u: q, vt: small.vt, info: small.info };
    }
  } else if (n > m && n >= mnthr) {
    // Paths 3t and 4t: A = L Q (the QR of A'), then the SVD of L.
    const { q, r } = qr(transpose(new Mat(m, n, a)), vectors ? vtrows : m);
    const small = bidiagonalSvd(transpose(r), sv, m, m, vectors);
    res = small;
    if (vectors) {
      const qt = transpose(q); // vtrows x n
      const qm = new Mat(m, n);
      for (let i = 1; i <= m; i++) for (let j = 1; j <= n; j++) qm.a[qm.ix(i, j)] = qt.a[qt.ix(i, j)];
      const vm = matmul(small.vt!, qm);
      for (let i = 1; i <= m; i++) for (let j = 1; j <= n; j++) qt.a[qt.ix(i, j)] = vm.a[vm.ix(i, j)];
      res = { u: small.u, vt: qt, info: small.info };
    }
  } else {
    res = bidiagonalSvd(new Mat(m, n, a), sv, ucols, vtrows, vectors);
  }
  for (let i = 0; i < k; i++) s[so + i] = scale === 1 ? sv[i] : sv[i] / scale;
  if (vectors) {
    u.set(res.u!.a, uo);
    vt.set(res.vt!.a, vo);
  }
  return res.info;
}
