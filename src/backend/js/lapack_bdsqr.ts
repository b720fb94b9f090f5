// dbdsqr (LAPACK 3.11) for lapack_gesdd.ts: the SVD of an upper bidiagonal matrix by implicit zero-shift and
// shifted QR sweeps (dlartg's 3.10+ rotations, dlas2's shifts, dlasv2's 2x2 blocks), its signs fixed by negating
// VT's rows and its values sorted decreasing, as LAPACK's; the row-major matrix type and dlasr's rotations the
// SVD steps share. Indices are Fortran's, 1-based.
import { dlartg, machine, sign } from "./lapack_syevd.js";

/** A row-major matrix with 1-based accessors. */
export class Mat {
  readonly a: Float64Array;
  constructor(
    readonly rows: number,
    readonly cols: number,
    a?: Float64Array,
  ) {
    this.a = a ?? new Float64Array(rows * cols);
  }
  ix(i: number, j: number): number {
    return (i - 1) * this.cols + (j - 1);
  }
  static eye(rows: number, cols: number): Mat {
    const m = new Mat(rows, cols);
    for (let i = 0; i < Math.min(rows, cols); i++) m.a[i * cols + i] = 1;
    return m;
  }
}

/** dlasr('L', 'V', dir): rotations of rows r0+j-1, r0+j of x (j = 1..count-1), c = w[co+j-1], s = w[so+j-1]. */
export function rotRows(
  forward: boolean,
  count: number,
  w: Float64Array,
  co: number,
  so: number,
  x: Mat,
  r0: number,
): void {
  for (let t = 1; t < count; t++) {
    const j = forward ? t : count - t;
    const ct = w[co + j - 1];
    const st = w[so + j - 1];
    if (ct === 1 && st === 0) continue;
    for (let i = 1; i <= x.cols; i++) {
      const p = x.ix(r0 + j - 1, i);
      const q = x.ix(r0 + j, i);
      const temp = x.a[q];
      x.a[q] = ct * temp - st * x.a[p];
      x.a[p] = st * temp + ct * x.a[p];
    }
  }
}

/** dlasr('R', 'V', dir): rotations of columns c0+j-1, c0+j of x. */
export function rotCols(
  forward: boolean,
  count: number,
  w: Float64Array,
  co: number,
  so: number,
  x: Mat,
  c0: number,
): void {
  for (let t = 1; t < count; t++) {
    const j = forward ? t : count - t;
    const ct = w[co + j - 1];
    const st = w[so + j - 1];
    if (ct === 1 && st === 0) continue;
    for (let i = 1; i <= x.rows; i++) {
      const p = x.ix(i, c0 + j - 1);
      const q = x.ix(i, c0 + j);
      const temp = x.a[q];
      x.a[q] = ct * temp - st * x.a[p];
      x.a[p] = st * temp + ct * x.a[p];
    }
  }
}

/** dlas2: singular values of [[f, g], [0, h]]. */
function dlas2(f: number, g: number, h: number): [number, number] {
  const fa = Math.abs(f);
  const ga = Math.abs(g);
  const ha = Math.abs(h);
  const fhmn = Math.min(fa, ha);
  const fhmx = Math.max(fa, ha);
  if (fhmn === 0) {
    if (fhmx === 0) return [0, ga];
    return [0, Math.max(fhmx, ga) * Math.sqrt(1 + (Math.min(fhmx, ga) / Math.max(fhmx, ga)) ** 2)];
  }
  if (ga < fhmx) {
    const as = 1 + fhmn / fhmx;
    const at = (fhmx - fhmn) / fhmx;
    const au = (ga / fhmx) ** 2;
    const c = 2 / (Math.sqrt(as * as + au) + Math.sqrt(at * at + au));
    return [fhmn * c, fhmx / c];
  }
  const au = fhmx / ga;
  if (au === 0) return [(fhmn * fhmx) / ga, ga];
  const as = 1 + fhmn / fhmx;
  const at = (fhmx - fhmn) / fhmx;
  const c = 1 / (Math.sqrt(1 + (as * au) ** 2) + Math.sqrt(1 + (at * au) ** 2));
  const ssmin = fhmn * c * au;
  return [ssmin + ssmin, ga / (c + c)];
}

/** dlasv2: [ssmin, ssmax, snr, csr, snl, csl] of [[f, g], [0, h]]. */
function dlasv2(f: number, g: number, h: number): number[] {
  let ft = f;
  let fa = Math.abs(ft);
  let ht = h;
  let ha = Math.abs(h);
  let pmax = 1;
  const swap = ha > fa;
  if (swap) {
    pmax = 3;
    [ft, ht] = [ht, ft];
    [fa, ha] = [ha, fa];
  }
  const gt = g;
  const ga = Math.abs(gt);
  let ssmin: number;
  let ssmax: number;
  let clt: number;
  let crt: number;
  let slt: number;
  let srt: number;
  if (ga === 0) {
    ssmin = ha;
    ssmax = fa;
    clt = 1;
    crt = 1;
    slt = 0;
    srt = 0;
  } else {
    let gasmal = true;
    ssmin = ssmax = clt = crt = slt = srt = 0;
    if (ga > fa) {
      pmax = 2;
      if (fa / ga < machine().eps) {
        gasmal = false;
        ssmax = ga;
        ssmin = ha > 1 ? fa / (ga / ha) : (fa / ga) * ha;
        clt = 1;
        slt = ht / gt;
        srt = 1;
        crt = ft / gt;
      }
    }
    if (gasmal) {
      const d = fa - ha;
      let l = d === fa ? 1 : d / fa;
      const m = gt / ft;
      let t = 2 - l;
      const mm = m * m;
      const tt = t * t;
      const s = Math.sqrt(tt + mm);
      const r = l === 0 ? Math.abs(m) : Math.sqrt(l * l + mm);
      const a = 0.5 * (s + r);
      ssmin = ha / a;
      ssmax = fa * a;
      if (mm === 0) t = l === 0 ? sign(2, ft) * sign(1, gt) : gt / sign(d, ft) + m / t;
      else t = (m / (s + t) + m / (r + l)) * (1 + a);
      l = Math.sqrt(t * t + 4);
      crt = 2 / l;
      srt = t / l;
      clt = (crt + srt * m) / a;
      slt = ((ht / ft) * srt) / a;
    }
  }
  const [csl, snl, csr, snr] = swap ? [srt, crt, slt, clt] : [clt, slt, crt, srt];
  let tsign = 1;
  if (pmax === 1) tsign = sign(1, csr) * sign(1, csl) * sign(1, f);
  if (pmax === 2) tsign = sign(1, snr) * sign(1, csl) * sign(1, g);
  if (pmax === 3) tsign = sign(1, snr) * sign(1, snl) * sign(1, h);
  return [sign(ssmin, tsign * sign(1, f) * sign(1, h)), sign(ssmax, tsign), snr, csr, snl, csl];
}

/** dbdsqr('U') on d[1..n], e[1..n-1]: VT (n x ncvt) := VT' VT, U (nru x n) := U Q; returns info. */
export function dbdsqr(n: number, d: Float64Array, e: Float64Array, vt: Mat | null, u: Mat | null): number {
  if (n === 0) return 0;
  if (n > 1) {
    const { eps, safmin: unfl } = machine();
    const nm1 = n - 1;
    const nm12 = 2 * nm1;
    const nm13 = 3 * nm1;
    const work = new Float64Array(4 * n + 1);
    const maxitr = 6;
    const tol = Math.max(10, Math.min(100, eps ** -0.125)) * eps;
    let smax = 0;
    for (let i = 1; i <= n; i++) smax = Math.max(smax, Math.abs(d[i]));
    for (let i = 1; i < n; i++) smax = Math.max(smax, Math.abs(e[i]));
    let sminoa = Math.abs(d[1]);
    if (sminoa !== 0) {
      let mu = sminoa;
      for (let i = 2; i <= n; i++) {
        mu = Math.abs(d[i]) * (mu / (mu + Math.abs(e[i - 1])));
        sminoa = Math.min(sminoa, mu);
        if (sminoa === 0) break;
      }
    }
    sminoa = sminoa / Math.sqrt(n);
    const thresh = Math.max(tol * sminoa, maxitr * (n * (n * unfl)));
    const maxitdivn = maxitr * n;
    let iterdivn = 0;
    let iter = -1;
    let oldll = -1;
    let oldm = -1;
    let idir = 0;
    let m = n;
    let sminl = 0;
    main: for (;;) {
      if (m <= 1) break;
      if (iter >= n) {
        iter -= n;
        iterdivn++;
        if (iterdivn >= maxitdivn) {
          let info = 0;
          for (let i = 1; i < n; i++) if (e[i] !== 0) info++;
          return info;
        }
      }
      smax = Math.abs(d[m]);
      let smin = smax;
      let ll = 0;
      let split = false;
      for (let lll = 1; lll <= m - 1; lll++) {
        ll = m - lll;
        const abss = Math.abs(d[ll]);
        const abse = Math.abs(e[ll]);
        if (abse <= thresh) {
          split = true;
          break;
        }
        smin = Math.min(smin, abss);
        smax = Math.max(smax, abss, abse);
      }
      if (split) {
        e[ll] = 0;
        if (ll === m - 1) {
          m -= 1;
          continue;
        }
      } else ll = 0;
      ll += 1;
      if (ll === m - 1) {
        const [sigmn, sigmx, sinr, cosr, sinl, cosl] = dlasv2(d[m - 1], e[m - 1], d[m]);
        d[m - 1] = sigmx;
        e[m - 1] = 0;
        d[m] = sigmn;
        if (vt)
          for (let j = 1; j <= vt.cols; j++) {
            const p = vt.ix(m - 1, j);
            const q = vt.ix(m, j);
            const temp = cosr * vt.a[p] + sinr * vt.a[q];
            vt.a[q] = cosr * vt.a[q] - sinr * vt.a[p];
            vt.a[p] = temp;
          }
        if (u)
          for (let i = 1; i <= u.rows; i++) {
            const p = u.ix(i, m - 1);
            const q = u.ix(i, m);
            const temp = cosl * u.a[p] + sinl * u.a[q];
            u.a[q] = cosl * u.a[q] - sinl * u.a[p];
            u.a[p] = temp;
          }
        m -= 2;
        continue;
      }
      if (ll > oldm || m < oldll) idir = Math.abs(d[ll]) >= Math.abs(d[m]) ? 1 : 2;
      if (idir === 1) {
        if (Math.abs(e[m - 1]) <= Math.abs(tol) * Math.abs(d[m])) {
          e[m - 1] = 0;
          continue;
        }
        let mu = Math.abs(d[ll]);
        sminl = mu;
        for (let lll = ll; lll <= m - 1; lll++) {
          if (Math.abs(e[lll]) <= tol * mu) {
            e[lll] = 0;
            continue main;
          }
          mu = Math.abs(d[lll + 1]) * (mu / (mu + Math.abs(e[lll])));
          sminl = Math.min(sminl, mu);
        }
      } else {
        if (Math.abs(e[ll]) <= Math.abs(tol) * Math.abs(d[ll])) {
          e[ll] = 0;
          continue;
        }
        let mu = Math.abs(d[m]);
        sminl = mu;
        for (let lll = m - 1; lll >= ll; lll--) {
          if (Math.abs(e[lll]) <= tol * mu) {
            e[lll] = 0;
            continue main;
          }
          mu = Math.abs(d[lll]) * (mu / (mu + Math.abs(e[lll])));
          sminl = Math.min(sminl, mu);
        }
      }
      oldll = ll;
      oldm = m;
      let shift = 0;
      if (!(n * tol * (sminl / smax) <= Math.max(eps, 0.01 * tol))) {
        let sll: number;
        if (idir === 1) {
          sll = Math.abs(d[ll]);
          shift = dlas2(d[m - 1], e[m - 1], d[m])[0];
        } else {
          sll = Math.abs(d[m]);
          shift = dlas2(d[ll], e[ll], d[ll + 1])[0];
        }
        if (sll > 0 && (shift / sll) ** 2 < eps) shift = 0;
      }
      iter += m - ll;
      const count = m - ll + 1;
      if (shift === 0) {
        let cs = 1;
        let oldcs = 1;
        let sn = 0;
        let oldsn = 0;
        let r: number;
        if (idir === 1) {
          for (let i = ll; i <= m - 1; i++) {
            [cs, sn, r] = dlartg(d[i] * cs, e[i]);
            if (i > ll) e[i - 1] = oldsn * r;
            [oldcs, oldsn, d[i]] = dlartg(oldcs * r, d[i + 1] * sn);
            work[i - ll + 1] = cs;
            work[i - ll + 1 + nm1] = sn;
            work[i - ll + 1 + nm12] = oldcs;
            work[i - ll + 1 + nm13] = oldsn;
          }
          const h = d[m] * cs;
          d[m] = h * oldcs;
          e[m - 1] = h * oldsn;
          if (vt) rotRows(true, count, work, 1, n, vt, ll);
          if (u) rotCols(true, count, work, nm12 + 1, nm13 + 1, u, ll);
          if (Math.abs(e[m - 1]) <= thresh) e[m - 1] = 0;
        } else {
          for (let i = m; i >= ll + 1; i--) {
            [cs, sn, r] = dlartg(d[i] * cs, e[i - 1]);
            if (i < m) e[i] = oldsn * r;
            [oldcs, oldsn, d[i]] = dlartg(oldcs * r, d[i - 1] * sn);
            work[i - ll] = cs;
            work[i - ll + nm1] = -sn;
            work[i - ll + nm12] = oldcs;
            work[i - ll + nm13] = -oldsn;
          }
          const h = d[ll] * cs;
          d[ll] = h * oldcs;
          e[ll] = h * oldsn;
          if (vt) rotRows(false, count, work, nm12 + 1, nm13 + 1, vt, ll);
          if (u) rotCols(false, count, work, 1, n, u, ll);
          if (Math.abs(e[ll]) <= thresh) e[ll] = 0;
        }
      } else if (idir === 1) {
        let f = (Math.abs(d[ll]) - shift) * (sign(1, d[ll]) + shift / d[ll]);
        let g = e[ll];
        for (let i = ll; i <= m - 1; i++) {
          const [cosr, sinr, r1] = dlartg(f, g);
          if (i > ll) e[i - 1] = r1;
          f = cosr * d[i] + sinr * e[i];
          e[i] = cosr * e[i] - sinr * d[i];
          g = sinr * d[i + 1];
          d[i + 1] = cosr * d[i + 1];
          const [cosl, sinl, r2] = dlartg(f, g);
          d[i] = r2;
          f = cosl * e[i] + sinl * d[i + 1];
          d[i + 1] = cosl * d[i + 1] - sinl * e[i];
          if (i < m - 1) {
            g = sinl * e[i + 1];
            e[i + 1] = cosl * e[i + 1];
          }
          work[i - ll + 1] = cosr;
          work[i - ll + 1 + nm1] = sinr;
          work[i - ll + 1 + nm12] = cosl;
          work[i - ll + 1 + nm13] = sinl;
        }
        e[m - 1] = f;
        if (vt) rotRows(true, count, work, 1, n, vt, ll);
        if (u) rotCols(true, count, work, nm12 + 1, nm13 + 1, u, ll);
        if (Math.abs(e[m - 1]) <= thresh) e[m - 1] = 0;
      } else {
        let f = (Math.abs(d[m]) - shift) * (sign(1, d[m]) + shift / d[m]);
        let g = e[m - 1];
        for (let i = m; i >= ll + 1; i--) {
          const [cosr, sinr, r1] = dlartg(f, g);
          if (i < m) e[i] = r1;
          f = cosr * d[i] + sinr * e[i - 1];
          e[i - 1] = cosr * e[i - 1] - sinr * d[i];
          g = sinr * d[i - 1];
          d[i - 1] = cosr * d[i - 1];
          const [cosl, sinl, r2] = dlartg(f, g);
          d[i] = r2;
          f = cosl * e[i - 1] + sinl * d[i - 1];
          d[i - 1] = cosl * d[i - 1] - sinl * e[i - 1];
          if (i > ll + 1) {
            g = sinl * e[i - 2];
            e[i - 2] = cosl * e[i - 2];
          }
          work[i - ll] = cosr;
          work[i - ll + nm1] = -sinr;
          work[i - ll + nm12] = cosl;
          work[i - ll + nm13] = -sinl;
        }
        e[ll] = f;
        if (Math.abs(e[ll]) <= thresh) e[ll] = 0;
        if (vt) rotRows(false, count, work, nm12 + 1, nm13 + 1, vt, ll);
        if (u) rotCols(false, count, work, 1, n, u, ll);
      }
    }
  }
  // Make the singular values positive (negating VT's rows), then sort them decreasing.
  for (let i = 1; i <= n; i++)
    if (d[i] < 0) {
      d[i] = -d[i];
      if (vt) for (let j = 1; j <= vt.cols; j++) vt.a[vt.ix(i, j)] = -vt.a[vt.ix(i, j)];
    }
  for (let i = 1; i <= n - 1; i++) {
    let isub = 1;
    let smin = d[1];
    for (let j = 2; j <= n + 1 - i; j++)
      if (d[j] <= smin) {
        isub = j;
        smin = d[j];
      }
    if (isub !== n + 1 - i) {
      d[isub] = d[n + 1 - i];
      d[n + 1 - i] = smin;
      swapVectors(vt, u, isub, n + 1 - i);
    }
  }
  return 0;
}

/** Swaps VT's rows and U's columns i and j. */
export function swapVectors(vt: Mat | null, u: Mat | null, i: number, j: number): void {
  if (vt)
    for (let c = 1; c <= vt.cols; c++)
      [vt.a[vt.ix(i, c)], vt.a[vt.ix(j, c)]] = [vt.a[vt.ix(j, c)], vt.a[vt.ix(i, c)]];
  if (u)
    for (let r = 1; r <= u.rows; r++) [u.a[u.ix(r, i)], u.a[u.ix(r, j)]] = [u.a[u.ix(r, j)], u.a[u.ix(r, i)]];
}
