// The eigen-decomposition of a general real matrix for torch.linalg.eig / eigvals (docs/complex.md): LAPACK
// dgeev's balancing first (dgebal: permutations that isolate eigenvalues, then power-of-2 scaling, so an
// isolated eigenvalue comes out where LAPACK puts it; dgebak undoes it on the vectors), reduction to Hessenberg
// form by Householder reflections and the shifted double-QR iteration with back-substitution for the
// eigenvectors, as EISPACK's orthes / hqr2 (by way of the public-domain JAMA port) compute them, then dgeev's
// normalisation: each eigenvector of unit 2-norm, a complex one rotated so that its largest component is real.
// The eigenpairs are then put in the order dgeev's QR iteration (dlahqr) leaves them (eig_lahqr.ts).
// Eigenvalues agree with LAPACK's to rounding; eigenvectors up to that rounding and, for real ones, a sign
// (dtrevc's back-substitution is not ported).

/** eigenvalues (re, im) and, if wanted, eigenvectors as columns (re, im) of an n×n row-major float64 matrix. */
export interface EigResult {
  wr: Float64Array;
  wi: Float64Array;
  /** n×n row-major: column j is the eigenvector of eigenvalue j. */
  vr: Float64Array;
  vi: Float64Array;
}

import { lahqrEigenvalues } from "./eig_lahqr.js";

const EPS = 2 ** -52;

function cdiv(xr: number, xi: number, yr: number, yi: number): [number, number] {
  if (Math.abs(yr) > Math.abs(yi)) {
    const r = yi / yr;
    const d = yr + r * yi;
    return [(xr + r * xi) / d, (xi - r * xr) / d];
  }
  const r = yr / yi;
  const d = yi + r * yr;
  return [(r * xr + xi) / d, (r * xi - xr) / d];
}

/** LAPACK dnrm2's 2-norm (a scaled sum of squares) of `get(0..len-1)`. */
function nrm2(len: number, get: (i: number) => number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < len; i++) {
    const v = get(i);
    if (v === 0) continue;
    const a = Math.abs(v);
    if (scale < a) {
      ssq = 1 + ssq * (scale / a) ** 2;
      scale = a;
    } else ssq += (a / scale) ** 2;
  }
  return scale * Math.sqrt(ssq);
}

/**
 * LAPACK dgebal with job 'B', as dgeev runs it first: rows and columns that isolate an eigenvalue are permuted
 * to the bottom and to the left (so those eigenvalues come out in LAPACK's positions), then rows ilo..ihi are
 * scaled by powers of 2 until their row and column norms balance. `scale[i]` holds the permutation index
 * (outside ilo..ihi) or the scale factor (inside), 0-based, as dgebak reads it.
 */
function gebal(A: number[][], n: number): { ilo: number; ihi: number; scale: number[] } {
  const scale = new Array<number>(n).fill(1);
  let k = 0;
  let l = n - 1;
  const exchange = (j: number, m: number) => {
    scale[m] = j;
    if (j === m) return;
    for (let i = 0; i <= l; i++) [A[i][j], A[i][m]] = [A[i][m], A[i][j]];
    for (let i = k; i < n; i++) [A[j][i], A[m][i]] = [A[m][i], A[j][i]];
  };
  // Rows isolating an eigenvalue (zeros left and right of the diagonal within 0..l) go to the bottom.
  let found = true;
  while (found && l >= 0) {
    found = false;
    for (let j = l; j >= 0; j--) {
      let isolated = true;
      for (let i = 0; i <= l; i++) {
        if (i !== j && A[j][i] !== 0) {
          isolated = false;
          break;
        }
      }
      if (!isolated) continue;
      exchange(j, l);
      if (l === 0) return { ilo: 0, ihi: 0, scale };
      l--;
      found = true;
      break;
    }
  }
  // Columns isolating an eigenvalue go to the left.
  found = true;
  while (found) {
    found = false;
    for (let j = k; j <= l; j++) {
      let isolated = true;
      for (let i = k; i <= l; i++) {
        if (i !== j && A[i][j] !== 0) {
          isolated = false;
          break;
        }
      }
      if (!isolated) continue;
      exchange(j, k);
      k++;
      found = true;
      break;
    }
  }
  for (let i = k; i <= l; i++) scale[i] = 1;
  // Iterative norm reduction of rows and columns k..l by powers of the radix.
  const sfmin1 = 2 ** -1022 / 2 ** -52;
  const sfmax1 = 1 / sfmin1;
  const sfmin2 = sfmin1 * 2;
  const sfmax2 = 1 / sfmin2;
  let noconv = true;
  while (noconv) {
    noconv = false;
    for (let i = k; i <= l; i++) {
      let c = nrm2(l - k + 1, (t) => A[k + t][i]);
      let r = nrm2(l - k + 1, (t) => A[i][k + t]);
      let ca = 0;
      for (let t = 0; t <= l; t++) ca = Math.max(ca, Math.abs(A[t][i]));
      let ra = 0;
      for (let t = k; t < n; t++) ra = Math.max(ra, Math.abs(A[i][t]));
      if (c === 0 || r === 0) continue;
      if (Number.isNaN(c + ca + ra + r)) return { ilo: k, ihi: l, scale };
      let g = r / 2;
      let f = 1;
      const s = c + r;
      while (!(c >= g || Math.max(f, c, ca) >= sfmax2 || Math.min(r, g, ra) <= sfmin2)) {
        f *= 2;
        c *= 2;
        ca *= 2;
        r /= 2;
        g /= 2;
        ra /= 2;
      }
      g = c / 2;
      while (!(g < r || Math.max(r, ra) >= sfmax2 || Math.min(f, c, g, ca) <= sfmin2)) {
        f /= 2;
        c /= 2;
        g /= 2;
        ca /= 2;
        r *= 2;
        ra *= 2;
      }
      if (c + r >= 0.95 * s) continue;
      if (f < 1 && scale[i] < 1 && f * scale[i] <= sfmin1) continue;
      if (f > 1 && scale[i] > 1 && scale[i] >= sfmax1 / f) continue;
      scale[i] *= f;
      noconv = true;
      for (let t = k; t < n; t++) A[i][t] *= 1 / f;
      for (let t = 0; t <= l; t++) A[t][i] *= f;
    }
  }
  return { ilo: k, ihi: l, scale };
}

/** LAPACK dgebak ('B', right vectors): undoes gebal's scaling, then its permutations, on V's rows. */
function gebak(V: number[][], n: number, ilo: number, ihi: number, scale: number[]): void {
  // (ilo == ihi: nothing was scaled, and scale[ilo] holds a permutation index)
  if (ilo !== ihi) for (let i = ilo; i <= ihi; i++) for (let j = 0; j < n; j++) V[i][j] *= scale[i];
  for (let ii = 0; ii < n; ii++) {
    let i = ii;
    if (i >= ilo && i <= ihi) continue;
    if (i < ilo) i = ilo - 1 - ii;
    const k = scale[i];
    if (k !== i) [V[i], V[k]] = [V[k], V[i]];
  }
}

/** Householder reduction to upper Hessenberg form; V accumulates the transformations. */
function orthes(H: number[][], V: number[][], n: number): void {
  const ort = new Array<number>(n).fill(0);
  const high = n - 1;
  for (let m = 1; m <= high - 1; m++) {
    let scale = 0;
    for (let i = m; i <= high; i++) scale += Math.abs(H[i][m - 1]);
    if (scale === 0) continue;
    let h = 0;
    for (let i = high; i >= m; i--) {
      ort[i] = H[i][m - 1] / scale;
      h += ort[i] * ort[i];
    }
    let g = Math.sqrt(h);
    if (ort[m] > 0) g = -g;
    h -= ort[m] * g;
    ort[m] -= g;
    for (let j = m; j < n; j++) {
      let f = 0;
      for (let i = high; i >= m; i--) f += ort[i] * H[i][j];
      f /= h;
      for (let i = m; i <= high; i++) H[i][j] -= f * ort[i];
    }
    for (let i = 0; i <= high; i++) {
      let f = 0;
      for (let j = high; j >= m; j--) f += ort[j] * H[i][j];
      f /= h;
      for (let j = m; j <= high; j++) H[i][j] -= f * ort[j];
    }
    ort[m] *= scale;
    H[m][m - 1] = scale * g;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) V[i][j] = i === j ? 1 : 0;
  for (let m = high - 1; m >= 1; m--) {
    if (H[m][m - 1] === 0) continue;
    for (let i = m + 1; i <= high; i++) ort[i] = H[i][m - 1];
    for (let j = m; j <= high; j++) {
      let g = 0;
      for (let i = m; i <= high; i++) g += ort[i] * V[i][j];
      g = g / ort[m] / H[m][m - 1];
      for (let i = m; i <= high; i++) V[i][j] += g * ort[i];
    }
  }
}

/** Shifted double-QR to real Schur form, then eigenvectors by back-substitution (EISPACK hqr2). */
function hqr2(H: number[][], V: number[][], nn: number, d: number[], e: number[]): boolean {
  let n = nn - 1;
  const low = 0;
  const high = nn - 1;
  let exshift = 0;
  let p = 0, q = 0, r = 0, s = 0, z = 0, t: number, w: number, x: number, y: number; // prettier-ignore
  let norm = 0;
  for (let i = 0; i < nn; i++) for (let j = Math.max(i - 1, 0); j < nn; j++) norm += Math.abs(H[i][j]);
  let iter = 0;
  let totalIter = 0;
  while (n >= low) {
    let l = n;
    while (l > low) {
      s = Math.abs(H[l - 1][l - 1]) + Math.abs(H[l][l]);
      if (s === 0) s = norm;
      if (Math.abs(H[l][l - 1]) < EPS * s) break;
      l--;
    }
    if (l === n) {
      H[n][n] += exshift;
      d[n] = H[n][n];
      e[n] = 0;
      n--;
      iter = 0;
    } else if (l === n - 1) {
      w = H[n][n - 1] * H[n - 1][n];
      p = (H[n - 1][n - 1] - H[n][n]) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      H[n][n] += exshift;
      H[n - 1][n - 1] += exshift;
      x = H[n][n];
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        d[n - 1] = x + z;
        d[n] = d[n - 1];
        if (z !== 0) d[n] = x - w / z;
        e[n - 1] = 0;
        e[n] = 0;
        x = H[n][n - 1];
        s = Math.abs(x) + Math.abs(z);
        p = x / s;
        q = z / s;
        r = Math.sqrt(p * p + q * q);
        p /= r;
        q /= r;
        for (let j = n - 1; j < nn; j++) {
          z = H[n - 1][j];
          H[n - 1][j] = q * z + p * H[n][j];
          H[n][j] = q * H[n][j] - p * z;
        }
        for (let i = 0; i <= n; i++) {
          z = H[i][n - 1];
          H[i][n - 1] = q * z + p * H[i][n];
          H[i][n] = q * H[i][n] - p * z;
        }
        for (let i = low; i <= high; i++) {
          z = V[i][n - 1];
          V[i][n - 1] = q * z + p * V[i][n];
          V[i][n] = q * V[i][n] - p * z;
        }
      } else {
        d[n - 1] = x + p;
        d[n] = x + p;
        e[n - 1] = z;
        e[n] = -z;
      }
      n -= 2;
      iter = 0;
    } else {
      x = H[n][n];
      y = 0;
      w = 0;
      if (l < n) {
        y = H[n - 1][n - 1];
        w = H[n][n - 1] * H[n - 1][n];
      }
      if (iter === 10) {
        exshift += x;
        for (let i = low; i <= n; i++) H[i][i] -= x;
        s = Math.abs(H[n][n - 1]) + Math.abs(H[n - 1][n - 2]);
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (let i = low; i <= n; i++) H[i][i] -= s;
          exshift += s;
          x = y = w = 0.964;
        }
      }
      iter++;
      if (++totalIter > 30 * nn * 10) return false;
      let m = n - 2;
      while (m >= l) {
        z = H[m][m];
        r = x - z;
        s = y - z;
        p = (r * s - w) / H[m + 1][m] + H[m][m + 1];
        q = H[m + 1][m + 1] - z - r - s;
        r = H[m + 2][m + 1];
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        if (
          Math.abs(H[m][m - 1]) * (Math.abs(q) + Math.abs(r)) <
          EPS * (Math.abs(p) * (Math.abs(H[m - 1][m - 1]) + Math.abs(z) + Math.abs(H[m + 1][m + 1])))
        )
          break;
        m--;
      }
      for (let i = m + 2; i <= n; i++) {
        H[i][i - 2] = 0;
        if (i > m + 2) H[i][i - 3] = 0;
      }
      for (let k = m; k <= n - 1; k++) {
        const notlast = k !== n - 1;
        if (k !== m) {
          p = H[k][k - 1];
          q = H[k + 1][k - 1];
          r = notlast ? H[k + 2][k - 1] : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x === 0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s !== 0) {
          if (k !== m) H[k][k - 1] = -s * x;
          else if (l !== m) H[k][k - 1] = -H[k][k - 1];
          p += s;
          x = p / s;
          y = q / s;
          z = r / s;
          q /= p;
          r /= p;
          for (let j = k; j < nn; j++) {
            p = H[k][j] + q * H[k + 1][j];
            if (notlast) {
              p += r * H[k + 2][j];
              H[k + 2][j] -= p * z;
            }
            H[k][j] -= p * x;
            H[k + 1][j] -= p * y;
          }
          for (let i = 0; i <= Math.min(n, k + 3); i++) {
            p = x * H[i][k] + y * H[i][k + 1];
            if (notlast) {
              p += z * H[i][k + 2];
              H[i][k + 2] -= p * r;
            }
            H[i][k] -= p;
            H[i][k + 1] -= p * q;
          }
          for (let i = low; i <= high; i++) {
            p = x * V[i][k] + y * V[i][k + 1];
            if (notlast) {
              p += z * V[i][k + 2];
              V[i][k + 2] -= p * r;
            }
            V[i][k] -= p;
            V[i][k + 1] -= p * q;
          }
        }
      }
    }
  }
  if (norm === 0) return true;
  for (n = nn - 1; n >= 0; n--) {
    p = d[n];
    q = e[n];
    if (q === 0) {
      let l = n;
      H[n][n] = 1;
      for (let i = n - 1; i >= 0; i--) {
        w = H[i][i] - p;
        r = 0;
        for (let j = l; j <= n; j++) r += H[i][j] * H[j][n];
        if (e[i] < 0) {
          z = w;
          s = r;
        } else {
          l = i;
          if (e[i] === 0) H[i][n] = w !== 0 ? -r / w : -r / (EPS * norm);
          else {
            x = H[i][i + 1];
            y = H[i + 1][i];
            q = (d[i] - p) * (d[i] - p) + e[i] * e[i];
            t = (x * s - z * r) / q;
            H[i][n] = t;
            H[i + 1][n] = Math.abs(x) > Math.abs(z) ? (-r - w * t) / x : (-s - y * t) / z;
          }
          t = Math.abs(H[i][n]);
          if (EPS * t * t > 1) for (let j = i; j <= n; j++) H[j][n] /= t;
        }
      }
    } else if (q < 0) {
      let l = n - 1;
      if (Math.abs(H[n][n - 1]) > Math.abs(H[n - 1][n])) {
        H[n - 1][n - 1] = q / H[n][n - 1];
        H[n - 1][n] = -(H[n][n] - p) / H[n][n - 1];
      } else {
        [H[n - 1][n - 1], H[n - 1][n]] = cdiv(0, -H[n - 1][n], H[n - 1][n - 1] - p, q);
      }
      H[n][n - 1] = 0;
      H[n][n] = 1;
      for (let i = n - 2; i >= 0; i--) {
        let ra = 0;
        let sa = 0;
        for (let j = l; j <= n; j++) {
          ra += H[i][j] * H[j][n - 1];
          sa += H[i][j] * H[j][n];
        }
        w = H[i][i] - p;
        if (e[i] < 0) {
          z = w;
          r = ra;
          s = sa;
        } else {
          l = i;
          if (e[i] === 0) {
            [H[i][n - 1], H[i][n]] = cdiv(-ra, -sa, w, q);
          } else {
            x = H[i][i + 1];
            y = H[i + 1][i];
            let vr = (d[i] - p) * (d[i] - p) + e[i] * e[i] - q * q;
            const vi = (d[i] - p) * 2 * q;
            if (vr === 0 && vi === 0)
              vr = EPS * norm * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(z));
            [H[i][n - 1], H[i][n]] = cdiv(x * r - z * ra + q * sa, x * s - z * sa - q * ra, vr, vi);
            if (Math.abs(x) > Math.abs(z) + Math.abs(q)) {
              H[i + 1][n - 1] = (-ra - w * H[i][n - 1] + q * H[i][n]) / x;
              H[i + 1][n] = (-sa - w * H[i][n] - q * H[i][n - 1]) / x;
            } else {
              [H[i + 1][n - 1], H[i + 1][n]] = cdiv(-r - y * H[i][n - 1], -s - y * H[i][n], z, q);
            }
          }
          t = Math.max(Math.abs(H[i][n - 1]), Math.abs(H[i][n]));
          if (EPS * t * t > 1)
            for (let j = i; j <= n; j++) {
              H[j][n - 1] /= t;
              H[j][n] /= t;
            }
        }
      }
    }
  }
  for (let j = nn - 1; j >= low; j--)
    for (let i = low; i <= high; i++) {
      z = 0;
      for (let k = low; k <= Math.min(j, high); k++) z += V[i][k] * H[k][j];
      V[i][j] = z;
    }
  return true;
}

/**
 * Puts hqr2's eigenpairs (d, e, V's columns) in dlahqr's order: each of LAPACK's eigenvalues takes the nearest
 * unused one of hqr2 (a complex pair as a whole, +imaginary part first in both).
 */
function reorder(
  lapack: { wr: number[]; wi: number[] },
  d: number[],
  e: number[],
  V: number[][],
  n: number,
): void {
  const used = new Array<boolean>(n).fill(false);
  const order = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    if (lapack.wi[j] < 0 && j > 0 && lapack.wi[j - 1] > 0) continue;
    const pair = lapack.wi[j] > 0;
    let best = -1;
    let bestDist = Infinity;
    for (let p = 0; p < n; p++) {
      if (used[p] || e[p] > 0 !== pair || e[p] < 0) continue;
      const dist = Math.hypot(d[p] - lapack.wr[j], e[p] - lapack.wi[j]);
      if (dist < bestDist) [best, bestDist] = [p, dist];
    }
    if (best < 0) return;
    used[best] = true;
    order[j] = best;
    if (pair) {
      if (j + 1 >= n || best + 1 >= n) return;
      used[best + 1] = true;
      order[j + 1] = best + 1;
    }
  }
  const [d0, e0, V0] = [d.slice(), e.slice(), V.map((row) => row.slice())];
  for (let j = 0; j < n; j++) {
    d[j] = d0[order[j]];
    e[j] = e0[order[j]];
    for (let i = 0; i < n; i++) V[i][j] = V0[i][order[j]];
  }
}

/** geev: null when the QR iteration fails to converge (LAPACK's info > 0). */
export function geev(a: Float64Array, n: number, wantVectors: boolean): EigResult | null {
  const H = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
  const V = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const d = new Array<number>(n).fill(0);
  const e = new Array<number>(n).fill(0);
  const { ilo, ihi, scale } = gebal(H, n);
  orthes(H, V, n);
  const lapackOrder = lahqrEigenvalues(
    H.map((row) => row.slice()),
    n,
    ilo,
    ihi,
  );
  if (!hqr2(H, V, n, d, e)) return null;
  if (wantVectors) gebak(V, n, ilo, ihi, scale);
  if (lapackOrder !== null) reorder(lapackOrder, d, e, V, n);
  const vr = new Float64Array(n * n);
  const vi = new Float64Array(n * n);
  if (wantVectors) {
    for (let j = 0; j < n; j++) {
      if (e[j] === 0) {
        let norm = 0;
        for (let i = 0; i < n; i++) norm = Math.hypot(norm, V[i][j]);
        for (let i = 0; i < n; i++) vr[i * n + j] = norm === 0 ? 0 : V[i][j] / norm;
      } else if (e[j] > 0) {
        // columns j (real part) and j + 1 (imaginary part): dgeev's scaling and rotation
        let n1 = 0;
        let n2 = 0;
        for (let i = 0; i < n; i++) {
          n1 = Math.hypot(n1, V[i][j]);
          n2 = Math.hypot(n2, V[i][j + 1]);
        }
        const scl = 1 / Math.hypot(n1, n2);
        let k = 0;
        let best = -1;
        for (let i = 0; i < n; i++) {
          const m = (V[i][j] * scl) ** 2 + (V[i][j + 1] * scl) ** 2;
          if (m > best) {
            best = m;
            k = i;
          }
        }
        const f = V[k][j] * scl;
        const g = V[k][j + 1] * scl;
        const r = Math.hypot(f, g);
        const cs = f / r;
        const sn = g / r;
        for (let i = 0; i < n; i++) {
          const x = V[i][j] * scl;
          const y = V[i][j + 1] * scl;
          const re = cs * x + sn * y;
          const im = i === k ? 0 : cs * y - sn * x;
          vr[i * n + j] = vr[i * n + j + 1] = re;
          vi[i * n + j] = im;
          vi[i * n + j + 1] = -im;
        }
      }
    }
  }
  return { wr: Float64Array.from(d), wi: Float64Array.from(e), vr, vi };
}
