// The order LAPACK's dgeev gives a real matrix's eigenvalues: dhseqr runs dlahqr (for n < 75) on the balanced
// Hessenberg matrix, and each eigenvalue lands at the diagonal position where dlahqr's double-shift QR iteration
// deflated it; a 2x2 block is split by dlanv2, which decides which of two real eigenvalues comes first.
// eig.ts computes the eigenpairs with EISPACK's hqr2, whose shifts and deflation test differ, and puts them in
// this order. Eigenvalues only (dlahqr with wantt and wantz false: the active block alone is updated).

const ULP = 2 ** -52;
const SAFMIN = 2 ** -1022;

/** LAPACK dlarfg on (alpha, x): beta, tau and v (x scaled), as the QR step applies them. */
function larfg(v: number[], nr: number): number {
  let xnorm = 0;
  for (let i = 1; i < nr; i++) xnorm = Math.hypot(xnorm, v[i]);
  if (xnorm === 0) return 0;
  const alpha = v[0];
  const beta = -Math.sign(alpha || 1) * Math.hypot(alpha, xnorm);
  const tau = (beta - alpha) / beta;
  const scal = 1 / (alpha - beta);
  for (let i = 1; i < nr; i++) v[i] *= scal;
  v[0] = beta;
  return tau;
}

/** dlanv2's eigenvalues of the 2x2 block [[a, b], [c, d]], in its order (real: the standardized a, then d). */
function lanv2(a: number, b: number, c: number, d: number): [number, number, number, number] {
  if (c === 0) {
    // already upper triangular
  } else if (b === 0) {
    [a, d] = [d, a];
    b = -c;
    c = 0;
  } else if (a - d === 0 && Math.sign(b) !== Math.sign(c)) {
    // complex, already standard
  } else {
    const temp = a - d;
    let p = 0.5 * temp;
    const bcmax = Math.max(Math.abs(b), Math.abs(c));
    const bcmis = Math.min(Math.abs(b), Math.abs(c)) * Math.sign(b) * Math.sign(c);
    const scale = Math.max(Math.abs(p), bcmax);
    let z = (p / scale) * p + (bcmax / scale) * bcmis;
    if (z >= 4 * ULP) {
      z = p + (p >= 0 ? 1 : -1) * Math.sqrt(scale) * Math.sqrt(z);
      a = d + z;
      d = d - (bcmax / z) * bcmis;
      b = b - c;
      c = 0;
    } else {
      const sigma = b + c;
      const tau = Math.hypot(sigma, temp);
      const cs = Math.sqrt(0.5 * (1 + Math.abs(sigma) / tau));
      const sn = -(p / (tau * cs)) * (sigma >= 0 ? 1 : -1);
      const aa = a * cs + b * sn;
      const bb = -a * sn + b * cs;
      const cc = c * cs + d * sn;
      const dd = -c * sn + d * cs;
      b = bb * cs + dd * sn;
      c = -aa * sn + cc * cs;
      const mid = 0.5 * (aa * cs + cc * sn + (-bb * sn + dd * cs));
      a = mid;
      d = mid;
      if (c !== 0) {
        if (b !== 0) {
          if (Math.sign(b) === Math.sign(c)) {
            p = (c >= 0 ? 1 : -1) * Math.sqrt(Math.abs(b)) * Math.sqrt(Math.abs(c));
            a = mid + p;
            d = mid - p;
            c = 0;
          }
        } else {
          b = -c;
          c = 0;
        }
      }
    }
  }
  const im = c === 0 ? 0 : Math.sqrt(Math.abs(b)) * Math.sqrt(Math.abs(c));
  return [a, im, d, -im];
}

/**
 * dlahqr's eigenvalues of the upper Hessenberg H (rows and columns ilo..ihi active; H is overwritten), in
 * LAPACK's positions; null when the iteration does not converge.
 */
export function lahqrEigenvalues(
  H: number[][],
  n: number,
  ilo: number,
  ihi: number,
): { wr: number[]; wi: number[] } | null {
  const wr = new Array<number>(n).fill(0);
  const wi = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) if (i < ilo || i > ihi) wr[i] = H[i][i];
  if (ilo === ihi) {
    wr[ilo] = H[ilo][ilo];
    return { wr, wi };
  }
  for (let j = ilo; j <= ihi - 3; j++) H[j + 2][j] = H[j + 3][j] = 0;
  if (ilo <= ihi - 2) H[ihi][ihi - 2] = 0;
  const nh = ihi - ilo + 1;
  const smlnum = SAFMIN * (nh / ULP);
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
        if (Math.abs(H[k][k - 1]) <= ULP * tst) {
          const ab = Math.max(Math.abs(H[k][k - 1]), Math.abs(H[k - 1][k]));
          const ba = Math.min(Math.abs(H[k][k - 1]), Math.abs(H[k - 1][k]));
          const aa = Math.max(Math.abs(H[k][k]), Math.abs(H[k - 1][k - 1] - H[k][k]));
          const bb = Math.min(Math.abs(H[k][k]), Math.abs(H[k - 1][k - 1] - H[k][k]));
          const s = aa + ab;
          if (ba * (ab / s) <= Math.max(smlnum, ULP * (bb * (aa / s)))) break;
        }
      }
      l = k;
      if (l > ilo) H[l][l - 1] = 0;
      if (l >= i - 1) {
        converged = true;
        break;
      }
      kdefl++;
      const [i1, i2] = [l, i];
      let h11: number, h12: number, h21: number, h22: number;
      if (kdefl % 20 === 0) {
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
          rt1r = rt2r = tr * s0;
          rt1i = rtdisc * s0;
          rt2i = -rt1i;
        } else {
          // real shifts: the one closer to h22, twice
          const a = tr + rtdisc;
          const b = tr - rtdisc;
          rt1r = rt2r = (Math.abs(a - h22) <= Math.abs(b - h22) ? a : b) * s0;
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
          ULP * Math.abs(v[0]) * (Math.abs(H[m - 1][m - 1]) + Math.abs(H[m][m]) + Math.abs(H[m + 1][m + 1]));
        if (h00 <= h01) break;
      }
      // the double-shift QR step
      for (let k2 = m; k2 <= i - 1; k2++) {
        const nr = Math.min(3, i - k2 + 1);
        if (k2 > m) for (let t = 0; t < nr; t++) v[t] = H[k2 + t][k2 - 1];
        const t1 = larfg(v, nr);
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
        }
      }
    }
    if (!converged) return null;
    if (l === i) {
      wr[i] = H[i][i];
    } else {
      [wr[i - 1], wi[i - 1], wr[i], wi[i]] = lanv2(H[i - 1][i - 1], H[i - 1][i], H[i][i - 1], H[i][i]);
    }
    kdefl = 0;
    i = l - 1;
  }
  return { wr, wi };
}
