// LAPACK's dlahqr, the double-shift QR iteration dhseqr runs on Hessenberg matrices below 75 rows, as dgeev
// calls it (eig.ts): with wantt it leaves H in real Schur form T (2×2 blocks standardized by dlanv2, whose
// complex pairs come positive imaginary part first), with wantz it accumulates the transformations into Z
// (dorghr's Q on entry), so Z T Z^T is the balanced matrix. Each eigenvalue lands at the diagonal position
// where the iteration deflated it: LAPACK's order. Matrices are arrays of rows, 0-based.
import { fsign, lapy2, type Machine } from "./eig_hessenberg.js";

/** dlarfg as dlahqr calls it, on v[0..nr-1] (nr = 2 or 3): tau, with beta in v[0] and the tail scaled. */
function larfg3(v: number[], nr: number, mach: Machine): number {
  let xnorm = 0;
  // dnrm2 of v[1..nr-1] (one or two values)
  if (nr === 2) xnorm = Math.abs(v[1]);
  else xnorm = lapy2(v[1], v[2], mach);
  if (xnorm === 0) return 0;
  let alpha = v[0];
  let beta = -fsign(lapy2(alpha, xnorm, mach), alpha);
  const safmin = mach.safmin / mach.eps;
  let knt = 0;
  if (Math.abs(beta) < safmin) {
    const rsafmn = 1 / safmin;
    do {
      knt++;
      for (let i = 1; i < nr; i++) v[i] *= rsafmn;
      beta *= rsafmn;
      alpha *= rsafmn;
    } while (Math.abs(beta) < safmin && knt < 20);
    xnorm = nr === 2 ? Math.abs(v[1]) : lapy2(v[1], v[2], mach);
    beta = -fsign(lapy2(alpha, xnorm, mach), alpha);
  }
  const tau = (beta - alpha) / beta;
  const scal = 1 / (alpha - beta);
  for (let i = 1; i < nr; i++) v[i] *= scal;
  for (let j = 0; j < knt; j++) beta *= safmin;
  v[0] = beta;
  return tau;
}

/**
 * dlanv2: the Schur factorization of the real 2×2 block [[a, b], [c, d]] = [[cs, -sn], [sn, cs]] [[aa, bb],
 * [cc, dd]] [[cs, sn], [-sn, cs]]: cc = 0 (real eigenvalues aa, dd) or aa = dd and bb cc < 0 (a complex pair).
 * Returns [aa, bb, cc, dd, rt1r, rt1i, rt2r, rt2i, cs, sn].
 */
export function lanv2(a: number, b: number, c: number, d: number, mach: Machine): number[] {
  const eps = mach.ulp;
  const safmn2 = 2 ** Math.trunc(Math.log(mach.safmin / eps) / Math.log(2) / 2);
  const safmx2 = 1 / safmn2;
  let cs = 1;
  let sn = 0;
  if (c === 0) {
    // already upper triangular
  } else if (b === 0) {
    cs = 0;
    sn = 1;
    [a, d] = [d, a];
    b = -c;
    c = 0;
  } else if (a - d === 0 && fsign(1, b) !== fsign(1, c)) {
    // complex, already standard
  } else {
    let temp = a - d;
    let p = 0.5 * temp;
    const bcmax = Math.max(Math.abs(b), Math.abs(c));
    const bcmis = Math.min(Math.abs(b), Math.abs(c)) * fsign(1, b) * fsign(1, c);
    let scale = Math.max(Math.abs(p), bcmax);
    let z = (p / scale) * p + (bcmax / scale) * bcmis;
    if (z >= 4 * eps) {
      // real eigenvalues
      z = p + fsign(Math.sqrt(scale) * Math.sqrt(z), p);
      a = d + z;
      d = d - (bcmax / z) * bcmis;
      const tau = lapy2(c, z, mach);
      cs = z / tau;
      sn = c / tau;
      b = b - c;
      c = 0;
    } else {
      // complex eigenvalues, or real (almost) equal ones: make the diagonal equal
      let count = 0;
      let sigma = b + c;
      for (;;) {
        count++;
        scale = Math.max(Math.abs(temp), Math.abs(sigma));
        if (scale >= safmx2) {
          sigma *= safmn2;
          temp *= safmn2;
          if (count <= 20) continue;
        }
        if (scale <= safmn2) {
          sigma *= safmx2;
          temp *= safmx2;
          if (count <= 20) continue;
        }
        break;
      }
      p = 0.5 * temp;
      let tau = lapy2(sigma, temp, mach);
      cs = Math.sqrt(0.5 * (1 + Math.abs(sigma) / tau));
      sn = -(p / (tau * cs)) * fsign(1, sigma);
      const aa = a * cs + b * sn;
      const bb = -a * sn + b * cs;
      const cc = c * cs + d * sn;
      const dd = -c * sn + d * cs;
      a = aa * cs + cc * sn;
      b = bb * cs + dd * sn;
      c = -(aa * sn) + cc * cs;
      d = -bb * sn + dd * cs;
      temp = 0.5 * (a + d);
      a = temp;
      d = temp;
      if (c !== 0) {
        if (b !== 0) {
          if (fsign(1, b) === fsign(1, c)) {
            // real eigenvalues: reduce to upper triangular form
            const sab = Math.sqrt(Math.abs(b));
            const sac = Math.sqrt(Math.abs(c));
            p = fsign(sab * sac, c);
            tau = 1 / Math.sqrt(Math.abs(b + c));
            a = temp + p;
            d = temp - p;
            b = b - c;
            c = 0;
            const cs1 = sab * tau;
            const sn1 = sac * tau;
            temp = cs * cs1 - sn * sn1;
            sn = cs * sn1 + sn * cs1;
            cs = temp;
          }
        } else {
          b = -c;
          c = 0;
          temp = cs;
          cs = -sn;
          sn = temp;
        }
      }
    }
  }
  const rt1i = c === 0 ? 0 : Math.sqrt(Math.abs(b)) * Math.sqrt(Math.abs(c));
  return [a, b, c, d, a, rt1i, d, -rt1i, cs, sn];
}

/** BLAS drot on (x, y) pairs: x' = cs x + sn y, y' = cs y - sn x. */
function rot(
  len: number,
  get: (k: number) => [number, number],
  set: (k: number, x: number, y: number) => void,
  cs: number,
  sn: number,
) {
  for (let k = 0; k < len; k++) {
    const [x, y] = get(k);
    set(k, cs * x + sn * y, cs * y - sn * x);
  }
}

/**
 * dlahqr(wantt, wantz) on H (n×n rows, Hessenberg in rows/columns ilo..ihi), accumulating into Z's rows
 * ilo..ihi when wantz; eigenvalues into wr / wi at positions ilo..ihi. Returns LAPACK's info: 0, or i + 1 > 0
 * when eigenvalues ilo..i did not converge.
 */
export function lahqr(
  wantt: boolean,
  wantz: boolean,
  H: number[][],
  Z: number[][] | null,
  n: number,
  ilo: number,
  ihi: number,
  wr: number[],
  wi: number[],
  mach: Machine,
): number {
  if (n === 0) return 0;
  if (ilo === ihi) {
    wr[ilo] = H[ilo][ilo];
    wi[ilo] = 0;
    return 0;
  }
  for (let j = ilo; j <= ihi - 3; j++) H[j + 2][j] = H[j + 3][j] = 0;
  if (ilo <= ihi - 2) H[ihi][ihi - 2] = 0;
  const nh = ihi - ilo + 1;
  const [iloz, ihiz] = [ilo, ihi];
  const smlnum = mach.safmin * (nh / mach.ulp);
  let i1 = 0;
  let i2 = n - 1;
  const itmax = 30 * Math.max(10, nh);
  let kdefl = 0;
  const v = [0, 0, 0];
  let i = ihi;
  while (i >= ilo) {
    let l = ilo;
    let converged = false;
    for (let its = 0; its <= itmax; its++) {
      // a single small subdiagonal element (Ahues and Tisseur's test)
      let k = i;
      for (; k > l; k--) {
        if (Math.abs(H[k][k - 1]) <= smlnum) break;
        let tst = Math.abs(H[k - 1][k - 1]) + Math.abs(H[k][k]);
        if (tst === 0) {
          if (k - 2 >= ilo) tst += Math.abs(H[k - 1][k - 2]);
          if (k + 1 <= ihi) tst += Math.abs(H[k + 1][k]);
        }
        if (Math.abs(H[k][k - 1]) <= mach.ulp * tst) {
          const ab = Math.max(Math.abs(H[k][k - 1]), Math.abs(H[k - 1][k]));
          const ba = Math.min(Math.abs(H[k][k - 1]), Math.abs(H[k - 1][k]));
          const aa = Math.max(Math.abs(H[k][k]), Math.abs(H[k - 1][k - 1] - H[k][k]));
          const bb = Math.min(Math.abs(H[k][k]), Math.abs(H[k - 1][k - 1] - H[k][k]));
          const s = aa + ab;
          if (ba * (ab / s) <= Math.max(smlnum, mach.ulp * (bb * (aa / s)))) break;
        }
      }
      l = k;
      if (l > ilo) H[l][l - 1] = 0;
      if (l >= i - 1) {
        converged = true;
        break;
      }
      kdefl++;
      if (!wantt) {
        i1 = l;
        i2 = i;
      }
      let h11: number, h12: number, h21: number, h22: number;
      if (kdefl % 20 === 0) {
        // exceptional shift
        const s = Math.abs(H[i][i - 1]) + Math.abs(H[i - 1][i - 2]);
        h11 = 0.75 * s + H[i][i];
        h12 = -0.4375 * s;
        h21 = s;
        h22 = h11;
      } else if (kdefl % 10 === 0) {
        const s = Math.abs(H[l + 1][l]) + Math.abs(H[l + 2][l + 1]);
        h11 = 0.75 * s + H[l][l];
        h12 = -0.4375 * s;
        h21 = s;
        h22 = h11;
      } else {
        [h11, h21, h12, h22] = [H[i - 1][i - 1], H[i][i - 1], H[i - 1][i], H[i][i]];
      }
      let rt1r = 0;
      let rt1i = 0;
      let rt2r = 0;
      let rt2i = 0;
      const s0 = Math.abs(h11) + Math.abs(h12) + Math.abs(h21) + Math.abs(h22);
      if (s0 !== 0) {
        [h11, h21, h12, h22] = [h11 / s0, h21 / s0, h12 / s0, h22 / s0];
        const tr = (h11 + h22) / 2;
        const det = (h11 - tr) * (h22 - tr) - h12 * h21;
        const rtdisc = Math.sqrt(Math.abs(det));
        if (det >= 0) {
          rt1r = tr * s0;
          rt2r = rt1r;
          rt1i = rtdisc * s0;
          rt2i = -rt1i;
        } else {
          // real shifts: the one closer to h22, twice
          rt1r = tr + rtdisc;
          rt2r = tr - rtdisc;
          rt1r = Math.abs(rt1r - h22) <= Math.abs(rt2r - h22) ? rt1r * s0 : rt2r * s0;
          rt2r = rt1r;
        }
      }
      // two consecutive small subdiagonal elements
      let m = i - 2;
      for (; m >= l; m--) {
        let h21s = H[m + 1][m];
        let s = Math.abs(H[m][m] - rt2r) + Math.abs(rt2i) + Math.abs(h21s);
        h21s = H[m + 1][m] / s;
        v[0] = h21s * H[m][m + 1] + (H[m][m] - rt1r) * ((H[m][m] - rt2r) / s) - rt1i * (rt2i / s);
        v[1] = h21s * (H[m][m] + H[m + 1][m + 1] - rt1r - rt2r);
        v[2] = h21s * H[m + 2][m + 1];
        s = Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]);
        v[0] /= s;
        v[1] /= s;
        v[2] /= s;
        if (m === l) break;
        const h00 = Math.abs(H[m][m - 1]) * (Math.abs(v[1]) + Math.abs(v[2]));
        const h01 =
          mach.ulp *
          Math.abs(v[0]) *
          (Math.abs(H[m - 1][m - 1]) + Math.abs(H[m][m]) + Math.abs(H[m + 1][m + 1]));
        if (h00 <= h01) break;
      }
      // the double-shift QR step
      for (let k2 = m; k2 <= i - 1; k2++) {
        const nr = Math.min(3, i - k2 + 1);
        if (k2 > m) for (let t = 0; t < nr; t++) v[t] = H[k2 + t][k2 - 1];
        const t1 = larfg3(v, nr, mach);
        if (k2 > m) {
          H[k2][k2 - 1] = v[0];
          H[k2 + 1][k2 - 1] = 0;
          if (k2 < i - 1) H[k2 + 2][k2 - 1] = 0;
        } else if (m > l) {
          H[k2][k2 - 1] *= 1 - t1;
        }
        const v2 = v[1];
        const t2 = t1 * v2;
        if (nr === 3) {
          const v3 = v[2];
          const t3 = t1 * v3;
          for (let j = k2; j <= i2; j++) {
            const sum = H[k2][j] + v2 * H[k2 + 1][j] + v3 * H[k2 + 2][j];
            H[k2][j] -= sum * t1;
            H[k2 + 1][j] -= sum * t2;
            H[k2 + 2][j] -= sum * t3;
          }
          for (let j = i1; j <= Math.min(k2 + 3, i); j++) {
            const sum = H[j][k2] + v2 * H[j][k2 + 1] + v3 * H[j][k2 + 2];
            H[j][k2] -= sum * t1;
            H[j][k2 + 1] -= sum * t2;
            H[j][k2 + 2] -= sum * t3;
          }
          if (wantz && Z) {
            for (let j = iloz; j <= ihiz; j++) {
              const sum = Z[j][k2] + v2 * Z[j][k2 + 1] + v3 * Z[j][k2 + 2];
              Z[j][k2] -= sum * t1;
              Z[j][k2 + 1] -= sum * t2;
              Z[j][k2 + 2] -= sum * t3;
            }
          }
        } else if (nr === 2) {
          for (let j = k2; j <= i2; j++) {
            const sum = H[k2][j] + v2 * H[k2 + 1][j];
            H[k2][j] -= sum * t1;
            H[k2 + 1][j] -= sum * t2;
          }
          for (let j = i1; j <= i; j++) {
            const sum = H[j][k2] + v2 * H[j][k2 + 1];
            H[j][k2] -= sum * t1;
            H[j][k2 + 1] -= sum * t2;
          }
          if (wantz && Z) {
            for (let j = iloz; j <= ihiz; j++) {
              const sum = Z[j][k2] + v2 * Z[j][k2 + 1];
              Z[j][k2] -= sum * t1;
              Z[j][k2 + 1] -= sum * t2;
            }
          }
        }
      }
    }
    if (!converged) return i + 1;
    if (l === i) {
      wr[i] = H[i][i];
      wi[i] = 0;
    } else {
      // a pair: the 2×2 block to standard Schur form
      const r = lanv2(H[i - 1][i - 1], H[i - 1][i], H[i][i - 1], H[i][i], mach);
      [H[i - 1][i - 1], H[i - 1][i], H[i][i - 1], H[i][i]] = [r[0], r[1], r[2], r[3]];
      [wr[i - 1], wi[i - 1], wr[i], wi[i]] = [r[4], r[5], r[6], r[7]];
      const [cs, sn] = [r[8], r[9]];
      if (wantt) {
        // the rest of rows i-1, i (columns i+1..i2) and of columns i-1, i (rows i1..i-2)
        if (i2 > i)
          rot(
            i2 - i,
            (k) => [H[i - 1][i + 1 + k], H[i][i + 1 + k]],
            (k, x, y) => {
              H[i - 1][i + 1 + k] = x;
              H[i][i + 1 + k] = y;
            },
            cs,
            sn,
          );
        rot(
          i - i1 - 1,
          (k) => [H[i1 + k][i - 1], H[i1 + k][i]],
          (k, x, y) => {
            H[i1 + k][i - 1] = x;
            H[i1 + k][i] = y;
          },
          cs,
          sn,
        );
      }
      if (wantz && Z)
        rot(
          ihiz - iloz + 1,
          (k) => [Z[iloz + k][i - 1], Z[iloz + k][i]],
          (k, x, y) => {
            Z[iloz + k][i - 1] = x;
            Z[iloz + k][i] = y;
          },
          cs,
          sn,
        );
    }
    kdefl = 0;
    i = l - 1;
  }
  return 0;
}
