// TypeScript ports of the LAPACK routines behind torch.ormqr and torch.linalg.ldl_factor / ldl_solve:
// dorm2r (applying geqrf's Householder reflectors to a matrix without forming Q), dsytf2 (Bunch-Kaufman
// LDL^T with LAPACK's pivot choices, lower triangle, as PyTorch always asks for) and dsytrs. Matrices are
// batches of dense row-major float64 arrays worked on in place, as in src/backend/js/lapack.ts; the native
// backend hands the same calls to OpenBLAS's dormqr, dsytrf and dsytrs (src/backend/native/lapack.ts).

/** The batched routines (src/backend/backend.ts's `householder`; the TypeScript ones when a backend has none). */
export interface Householder {
  /**
   * c [batch, rows, cols] := op(Q) c (left) or c op(Q) (right), in place, where Q = H(1)...H(k) of order m
   * from geqrf's reflectors in a [batch, m, n] (column i below the diagonal, with tau [batch, k]); op is the
   * transpose when `transpose`. The left product needs rows = m, the right one cols = m.
   */
  ormqr(
    a: Float64Array,
    tau: Float64Array,
    c: Float64Array,
    batch: number,
    m: number,
    n: number,
    k: number,
    rows: number,
    cols: number,
    left: boolean,
    transpose: boolean,
  ): void;
  /**
   * A = L D L^T of each symmetric [n, n] matrix read from its lower triangle, in place (L's unit diagonal
   * implicit, D's 1x1 and 2x2 blocks on and below the diagonal). Returns dsytrf's 1-based pivots [batch, n]
   * (negative for a 2x2 block) and info [batch] (i > 0: D[i-1][i-1] is exactly zero).
   */
  sytrf(a: Float64Array, batch: number, n: number): { pivots: Int32Array; info: Int32Array };
  /** Solves A X = B in place in b [batch, n, nrhs] from sytrf's factors and pivots of the same batch. */
  sytrs(a: Float64Array, pivots: Int32Array, b: Float64Array, batch: number, n: number, nrhs: number): void;
  /** The same routines in float32 arithmetic (the native backend's s* ones), as Lapack.float32. */
  readonly float32?: Householder;
}

/** c's rows r0.. (left) or columns r0.. (right) times H = I - tau v v^T, v = [1, a[r0+1..m-1][i]]. */
function applyReflector(
  a: Float64Array,
  ao: number,
  n: number,
  m: number,
  i: number,
  tau: number,
  c: Float64Array,
  co: number,
  rows: number,
  cols: number,
  left: boolean,
): void {
  if (tau === 0) return;
  const v = (r: number) => (r === i ? 1 : a[ao + r * n + i]);
  if (left) {
    for (let j = 0; j < cols; j++) {
      let w = 0;
      for (let r = i; r < m; r++) w += v(r) * c[co + r * cols + j];
      w *= tau;
      for (let r = i; r < m; r++) c[co + r * cols + j] -= v(r) * w;
    }
  } else {
    for (let j = 0; j < rows; j++) {
      let w = 0;
      for (let r = i; r < m; r++) w += c[co + j * cols + r] * v(r);
      w *= tau;
      for (let r = i; r < m; r++) c[co + j * cols + r] -= w * v(r);
    }
  }
}

function ormqr(
  a: Float64Array,
  tau: Float64Array,
  c: Float64Array,
  batch: number,
  m: number,
  n: number,
  k: number,
  rows: number,
  cols: number,
  left: boolean,
  transpose: boolean,
): void {
  // dorm2r: Q C and C Q^T apply H(k) first, Q^T C and C Q apply H(1) first.
  const forward = left === transpose;
  for (let t = 0; t < batch; t++) {
    const ao = t * m * n;
    const co = t * rows * cols;
    for (let s = 0; s < k; s++) {
      const i = forward ? s : k - 1 - s;
      applyReflector(a, ao, n, m, i, tau[t * k + i], c, co, rows, cols, left);
    }
  }
}

/** (1 + sqrt(17)) / 8: Bunch-Kaufman's pivot threshold. */
const ALPHA = (1 + Math.sqrt(17)) / 8;

/** dsytf2 with uplo 'L' on one matrix at offset o; pivots written from p. Returns info. */
function sytf2(a: Float64Array, o: number, n: number, ipiv: Int32Array, p: number): number {
  const A = (i: number, j: number) => o + i * n + j; // 0-based (row, column)
  const swap = (x: number, y: number) => {
    const t = a[x];
    a[x] = a[y];
    a[y] = t;
  };
  let info = 0;
  let k = 0;
  while (k < n) {
    let kstep = 1;
    let kp: number;
    const absakk = Math.abs(a[A(k, k)]);
    // idamax: the first largest |a[i][k]| below the diagonal.
    let imax = k;
    let colmax = 0;
    if (k < n - 1) {
      imax = k + 1;
      colmax = Math.abs(a[A(k + 1, k)]);
      for (let i = k + 2; i < n; i++) {
        const v = Math.abs(a[A(i, k)]);
        if (v > colmax) {
          colmax = v;
          imax = i;
        }
      }
    }
    if (Math.max(absakk, colmax) === 0 || Number.isNaN(absakk)) {
      if (info === 0) info = k + 1;
      kp = k;
    } else {
      if (absakk >= ALPHA * colmax) {
        kp = k;
      } else {
        // rowmax: the largest off-diagonal entry in row/column imax of the trailing matrix.
        let rowmax = 0;
        for (let j = k; j < imax; j++) rowmax = Math.max(rowmax, Math.abs(a[A(imax, j)]));
        for (let j = imax + 1; j < n; j++) rowmax = Math.max(rowmax, Math.abs(a[A(j, imax)]));
        if (absakk >= ALPHA * colmax * (colmax / rowmax)) kp = k;
        else if (Math.abs(a[A(imax, imax)]) >= ALPHA * rowmax) kp = imax;
        else {
          kp = imax;
          kstep = 2;
        }
      }
      const kk = k + kstep - 1;
      if (kp !== kk) {
        // Interchange rows and columns kk and kp in the trailing lower triangle.
        for (let i = kp + 1; i < n; i++) swap(A(i, kk), A(i, kp));
        for (let j = kk + 1; j < kp; j++) swap(A(j, kk), A(kp, j));
        swap(A(kk, kk), A(kp, kp));
        if (kstep === 2) swap(A(k + 1, k), A(kp, k));
      }
      if (kstep === 1) {
        if (k < n - 1) {
          // dsyr: A22 -= x x^T / d11 on the lower triangle, then x /= d11.
          const d11 = 1 / a[A(k, k)];
          for (let j = k + 1; j < n; j++) {
            const xj = a[A(j, k)];
            if (xj !== 0) {
              const temp = -d11 * xj;
              for (let i = j; i < n; i++) a[A(i, j)] += a[A(i, k)] * temp;
            }
          }
          for (let i = k + 1; i < n; i++) a[A(i, k)] *= d11;
        }
      } else if (k < n - 2) {
        let d21 = a[A(k + 1, k)];
        const d11 = a[A(k + 1, k + 1)] / d21;
        const d22 = a[A(k, k)] / d21;
        const t = 1 / (d11 * d22 - 1);
        d21 = t / d21;
        for (let j = k + 2; j < n; j++) {
          const wk = d21 * (d11 * a[A(j, k)] - a[A(j, k + 1)]);
          const wkp1 = d21 * (d22 * a[A(j, k + 1)] - a[A(j, k)]);
          for (let i = j; i < n; i++) a[A(i, j)] = a[A(i, j)] - a[A(i, k)] * wk - a[A(i, k + 1)] * wkp1;
          a[A(j, k)] = wk;
          a[A(j, k + 1)] = wkp1;
        }
      }
    }
    if (kstep === 1) ipiv[p + k] = kp + 1;
    else {
      ipiv[p + k] = -(kp + 1);
      ipiv[p + k + 1] = -(kp + 1);
    }
    k += kstep;
  }
  return info;
}

function sytrf(a: Float64Array, batch: number, n: number): { pivots: Int32Array; info: Int32Array } {
  const pivots = new Int32Array(batch * n);
  const info = new Int32Array(batch);
  for (let t = 0; t < batch; t++) info[t] = sytf2(a, t * n * n, n, pivots, t * n);
  return { pivots, info };
}

function sytrs(a: Float64Array, pivots: Int32Array, b: Float64Array, batch: number, n: number, nrhs: number) {
  for (let t = 0; t < batch; t++) {
    const o = t * n * n;
    const bo = t * n * nrhs;
    const A = (i: number, j: number) => a[o + i * n + j];
    const B = (i: number, j: number) => bo + i * nrhs + j;
    const ipiv = (i: number) => pivots[t * n + i];
    const swapRows = (r1: number, r2: number) => {
      if (r1 === r2) return;
      for (let j = 0; j < nrhs; j++) {
        const x = b[B(r1, j)];
        b[B(r1, j)] = b[B(r2, j)];
        b[B(r2, j)] = x;
      }
    };
    // L D X = B.
    let k = 0;
    while (k < n) {
      if (ipiv(k) > 0) {
        swapRows(k, ipiv(k) - 1);
        for (let i = k + 1; i < n; i++) for (let j = 0; j < nrhs; j++) b[B(i, j)] -= A(i, k) * b[B(k, j)];
        const s = 1 / A(k, k);
        for (let j = 0; j < nrhs; j++) b[B(k, j)] *= s;
        k += 1;
      } else {
        swapRows(k + 1, -ipiv(k) - 1);
        for (let i = k + 2; i < n; i++)
          for (let j = 0; j < nrhs; j++) b[B(i, j)] -= A(i, k) * b[B(k, j)] + A(i, k + 1) * b[B(k + 1, j)];
        const akm1k = A(k + 1, k);
        const akm1 = A(k, k) / akm1k;
        const ak = A(k + 1, k + 1) / akm1k;
        const denom = akm1 * ak - 1;
        for (let j = 0; j < nrhs; j++) {
          const bkm1 = b[B(k, j)] / akm1k;
          const bk = b[B(k + 1, j)] / akm1k;
          b[B(k, j)] = (ak * bkm1 - bk) / denom;
          b[B(k + 1, j)] = (akm1 * bk - bkm1) / denom;
        }
        k += 2;
      }
    }
    // L^T X = B.
    k = n - 1;
    while (k >= 0) {
      const rows = ipiv(k) > 0 ? [k] : [k, k - 1];
      for (const r of rows)
        for (let j = 0; j < nrhs; j++) {
          let s = 0;
          for (let i = k + 1; i < n; i++) s += b[B(i, j)] * A(i, r);
          b[B(r, j)] -= s;
        }
      swapRows(k, Math.abs(ipiv(k)) - 1);
      k -= rows.length;
    }
  }
}

export const jsHouseholder: Householder = { ormqr, sytrf, sytrs };
