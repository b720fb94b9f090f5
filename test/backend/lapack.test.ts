// The LAPACK ports of src/backend/js/lapack.ts on matrices larger than the op tables' and on rank-deficient
// ones: each factorisation must reproduce its input and its orthogonal factors must be orthonormal (the op
// tables compare the small cases with PyTorch).
import { describe, expect, it } from "vitest";
import { jsLapack } from "../../src/backend/js/lapack.js";

/** A deterministic pseudo-random [rows, cols] matrix (a linear congruential generator). */
function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: rows * cols }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 1073741824 - 1;
  });
}

function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** max |Q^T Q - I| over Q's `cols` columns. */
function orthonormalityError(q: Float64Array, rows: number, cols: number): number {
  const g = matmul(transpose(q, rows, cols), q, cols, rows, cols);
  for (let i = 0; i < cols; i++) g[i * cols + i] -= 1;
  return maxDiff(g, new Float64Array(g.length));
}

describe("jsLapack", () => {
  it("getrf: P L U reproduces A, with partial pivoting's |L| <= 1", () => {
    const n = 12;
    const a = randomMatrix(n, n, 1);
    const lu = Float64Array.from(a);
    const { pivots, info } = jsLapack.getrf(lu, 1, n, n);
    expect(info[0]).toBe(0);
    const l = new Float64Array(n * n);
    const u = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        if (i > j) l[i * n + j] = lu[i * n + j];
        else u[i * n + j] = lu[i * n + j];
        if (i === j) l[i * n + j] = 1;
      }
    expect(Math.max(...l.map(Math.abs))).toBeLessThanOrEqual(1);
    const pa = Float64Array.from(a);
    for (let i = 0; i < n; i++) {
      const p = pivots[i] - 1;
      for (let c = 0; c < n; c++) [pa[i * n + c], pa[p * n + c]] = [pa[p * n + c], pa[i * n + c]];
    }
    expect(maxDiff(matmul(l, u, n, n, n), pa)).toBeLessThan(1e-12);
  });

  it("geqrf + orgqr: Q R reproduces a tall A, Q orthonormal, R upper", () => {
    const [m, n] = [15, 9];
    const a = randomMatrix(m, n, 2);
    const work = Float64Array.from(a);
    const tau = jsLapack.geqrf(work, 1, m, n);
    const r = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) r[i * n + j] = work[i * n + j];
    jsLapack.orgqr(work, tau, 1, m, n, n);
    expect(orthonormalityError(work, m, n)).toBeLessThan(1e-13);
    expect(maxDiff(matmul(work, r, m, n, n), a)).toBeLessThan(1e-12);
  });

  it("syev: V diag(w) V^T reproduces a symmetric A, w ascending", () => {
    const n = 14;
    const x = randomMatrix(n, n, 3);
    const a = Float64Array.from(x, (v, k) => v + x[(k % n) * n + Math.floor(k / n)]);
    const { w, v } = jsLapack.syev(Float64Array.from(a), 1, n, false);
    for (let i = 1; i < n; i++) expect(w[i]).toBeGreaterThanOrEqual(w[i - 1]);
    expect(orthonormalityError(v, n, n)).toBeLessThan(1e-13);
    const vw = Float64Array.from(v, (value, k) => value * w[k % n]);
    expect(maxDiff(matmul(vw, transpose(v, n, n), n, n, n), a)).toBeLessThan(1e-12);
  });

  it.each([
    [10, 6, true],
    [6, 10, true],
    [8, 8, false],
  ])("gesvd of a rank-3 %ix%i matrix (full %s): orthonormal U and Vh, U S Vh reproduces A", (m, n, full) => {
    const a = matmul(randomMatrix(m, 3, 4), randomMatrix(3, n, 5), m, 3, n);
    const k = Math.min(m, n);
    const { u, s, vh } = jsLapack.gesvd(Float64Array.from(a), 1, m, n, full, true);
    const uCols = full ? m : k;
    const vhRows = full ? n : k;
    for (let i = 1; i < k; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
    expect(s[3]).toBeLessThan(1e-12 * s[0]);
    // The completed vectors (for the zero singular values and beyond k) are orthonormal too.
    expect(orthonormalityError(u, m, uCols)).toBeLessThan(1e-12);
    expect(orthonormalityError(transpose(vh, vhRows, n), n, vhRows)).toBeLessThan(1e-12);
    const us = new Float64Array(m * k);
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) us[i * k + j] = u[i * uCols + j] * s[j];
    expect(maxDiff(matmul(us, vh.subarray(0, k * n), m, k, n), a)).toBeLessThan(1e-12);
  });

  it("potrf: L L^T reproduces an SPD A, and info names the first non-positive leading minor", () => {
    const n = 10;
    const x = randomMatrix(n + 3, n, 6);
    const a = matmul(transpose(x, n + 3, n), x, n, n + 3, n);
    const l = Float64Array.from(a);
    expect(jsLapack.potrf(l, 1, n, false)[0]).toBe(0);
    expect(maxDiff(matmul(l, transpose(l, n, n), n, n, n), a)).toBeLessThan(1e-12);
    const indefinite = Float64Array.from(a);
    indefinite[4 * n + 4] = -1;
    expect(jsLapack.potrf(indefinite, 1, n, false)[0]).toBe(5);
  });

  it("gesvd: info -4 for a matrix holding a NaN (gesdd's check), 0 for the others of the batch; syev: 0", () => {
    const batch = Float64Array.from([1, 0, 0, 1, NaN, 1, 1, 2, Infinity, 1, 1, 2]);
    expect(Array.from(jsLapack.gesvd(Float64Array.from(batch), 3, 2, 2, false, true).info)).toEqual([
      0, -4, 0,
    ]);
    expect(Array.from(jsLapack.gesvd(Float64Array.from(batch), 3, 2, 2, true, false).info)).toEqual([
      0, -4, 0,
    ]);
    // syevd reports nothing for a NaN either (PyTorch's eigh returns NaNs without an error).
    expect(Array.from(jsLapack.syev(Float64Array.from(batch), 3, 2, false).info)).toEqual([0, 0, 0]);
  });
});
