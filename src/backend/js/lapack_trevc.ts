// LAPACK dtrevc3 (side 'R', howmny 'B'), as dgeev runs it: the right eigenvectors of the real Schur form T by
// back-substitution (dlaln2's scaled 1×1 and 2×2 solves, dladiv's complex division), each multiplied by the
// Schur vectors Q and scaled so that its largest component (|re| + |im| for a complex pair) is 1. A real
// eigenvector's sign, and a complex one's phase, come from the solve's x(k) = 1 (LAPACK's choice), so after
// dgeev's normalisation (eig.ts) the vectors are LAPACK's. Matrices are arrays of rows, 0-based.
import type { Machine } from "./eig_hessenberg.js";

/** LAPACK dladiv's robust complex division (a + ib) / (c + id) (Baudin and Smith). */
export function ladiv(a: number, b: number, c: number, d: number, mach: Machine): [number, number] {
  let aa = a;
  let bb = b;
  let cc = c;
  let dd = d;
  const ab = Math.max(Math.abs(a), Math.abs(b));
  const cd = Math.max(Math.abs(c), Math.abs(d));
  let s = 1;
  const ov = mach.big;
  const un = mach.safmin;
  const eps = mach.eps;
  const be = 2 / (eps * eps);
  if (ab >= 0.5 * ov) {
    aa *= 0.5;
    bb *= 0.5;
    s *= 2;
  }
  if (cd >= 0.5 * ov) {
    cc *= 0.5;
    dd *= 0.5;
    s *= 0.5;
  }
  if (ab <= (un * 2) / eps) {
    aa *= be;
    bb *= be;
    s /= be;
  }
  if (cd <= (un * 2) / eps) {
    cc *= be;
    dd *= be;
    s *= be;
  }
  let p: number;
  let q: number;
  if (Math.abs(d) <= Math.abs(c)) {
    [p, q] = ladiv1(aa, bb, cc, dd);
  } else {
    [p, q] = ladiv1(bb, aa, dd, cc);
    q = -q;
  }
  return [p * s, q * s];
}

function ladiv1(a: number, b: number, c: number, d: number): [number, number] {
  const r = d / c;
  const t = 1 / (c + d * r);
  const p = ladiv2(a, b, c, d, r, t);
  const q = ladiv2(b, -a, c, d, r, t);
  return [p, q];
}

function ladiv2(a: number, b: number, c: number, d: number, r: number, t: number): number {
  if (r !== 0) {
    const br = b * r;
    return br !== 0 ? (a + br) * t : a * t + b * t * r;
  }
  return (a + d * (b / c)) * t;
}

/** dlaln2's result: x (x[row][0] real, x[row][1] imaginary parts), the scale applied to b, and |x|'s bound. */
interface Laln2 {
  x: [[number, number], [number, number]];
  scale: number;
  xnorm: number;
}

// dlaln2's pivoting tables over C's entries in column-major order (c11, c21, c12, c22).
const ZSWAP = [false, false, true, true];
const RSWAP = [false, true, false, true];
const IPIVOT = [
  [0, 1, 2, 3],
  [1, 0, 3, 2],
  [2, 3, 0, 1],
  [3, 2, 1, 0],
];

/**
 * LAPACK dlaln2 with ltrans false, ca = 1, d1 = d2 = 1: solves (C - (wr + i wi)) X = scale B for the na×na
 * (1 or 2) block C of A at rows and columns a0.. and nw (1: real, 2: complex) right-hand side b (b[row][0],
 * b[row][1]), scaling to avoid overflow and perturbing a singular C to smin.
 */
export function laln2(
  mach: Machine,
  na: number,
  nw: number,
  smin: number,
  A: number[][],
  a0: number,
  b: number[][],
  wr: number,
  wi: number,
): Laln2 {
  const smlnum = 2 * mach.safmin;
  const bignum = 1 / smlnum;
  const smini = Math.max(smin, smlnum);
  let scale = 1;
  const x: [[number, number], [number, number]] = [
    [0, 0],
    [0, 0],
  ];
  if (na === 1) {
    if (nw === 1) {
      let csr = A[a0][a0] - wr;
      let cnorm = Math.abs(csr);
      if (cnorm < smini) {
        csr = smini;
        cnorm = smini;
      }
      const bnorm = Math.abs(b[0][0]);
      if (cnorm < 1 && bnorm > 1 && bnorm > bignum * cnorm) scale = 1 / bnorm;
      x[0][0] = (b[0][0] * scale) / csr;
      return { x, scale, xnorm: Math.abs(x[0][0]) };
    }
    let csr = A[a0][a0] - wr;
    let csi = -wi;
    let cnorm = Math.abs(csr) + Math.abs(csi);
    if (cnorm < smini) {
      csr = smini;
      csi = 0;
      cnorm = smini;
    }
    const bnorm = Math.abs(b[0][0]) + Math.abs(b[0][1]);
    if (cnorm < 1 && bnorm > 1 && bnorm > bignum * cnorm) scale = 1 / bnorm;
    [x[0][0], x[0][1]] = ladiv(scale * b[0][0], scale * b[0][1], csr, csi, mach);
    return { x, scale, xnorm: Math.abs(x[0][0]) + Math.abs(x[0][1]) };
  }
  // 2×2: C = A - w, in column-major order
  const crv = [A[a0][a0] - wr, A[a0 + 1][a0], A[a0][a0 + 1], A[a0 + 1][a0 + 1] - wr];
  if (nw === 1) {
    let cmax = 0;
    let icmax = -1;
    for (let j = 0; j < 4; j++) {
      if (Math.abs(crv[j]) > cmax) {
        cmax = Math.abs(crv[j]);
        icmax = j;
      }
    }
    if (cmax < smini) {
      const bnorm = Math.max(Math.abs(b[0][0]), Math.abs(b[1][0]));
      if (smini < 1 && bnorm > 1 && bnorm > bignum * smini) scale = 1 / bnorm;
      const temp = scale / smini;
      x[0][0] = temp * b[0][0];
      x[1][0] = temp * b[1][0];
      return { x, scale, xnorm: temp * bnorm };
    }
    // Gaussian elimination with complete pivoting
    const ur11 = crv[icmax];
    const cr21 = crv[IPIVOT[icmax][1]];
    const ur12 = crv[IPIVOT[icmax][2]];
    const cr22 = crv[IPIVOT[icmax][3]];
    const ur11r = 1 / ur11;
    const lr21 = ur11r * cr21;
    let ur22 = cr22 - ur12 * lr21;
    if (Math.abs(ur22) < smini) ur22 = smini;
    let br1: number;
    let br2: number;
    if (RSWAP[icmax]) [br1, br2] = [b[1][0], b[0][0]];
    else [br1, br2] = [b[0][0], b[1][0]];
    br2 = br2 - lr21 * br1;
    const bbnd = Math.max(Math.abs(br1 * (ur22 * ur11r)), Math.abs(br2));
    if (bbnd > 1 && Math.abs(ur22) < 1 && bbnd >= bignum * Math.abs(ur22)) scale = 1 / bbnd;
    const xr2 = (br2 * scale) / ur22;
    const xr1 = scale * br1 * ur11r - xr2 * (ur11r * ur12);
    if (ZSWAP[icmax]) [x[0][0], x[1][0]] = [xr2, xr1];
    else [x[0][0], x[1][0]] = [xr1, xr2];
    let xnorm = Math.max(Math.abs(xr1), Math.abs(xr2));
    if (xnorm > 1 && cmax > 1 && xnorm > bignum / cmax) {
      const temp = cmax / bignum;
      x[0][0] *= temp;
      x[1][0] *= temp;
      xnorm *= temp;
      scale *= temp;
    }
    return { x, scale, xnorm };
  }
  // complex 2×2
  const civ = [-wi, 0, 0, -wi];
  let cmax = 0;
  let icmax = -1;
  for (let j = 0; j < 4; j++) {
    if (Math.abs(crv[j]) + Math.abs(civ[j]) > cmax) {
      cmax = Math.abs(crv[j]) + Math.abs(civ[j]);
      icmax = j;
    }
  }
  if (cmax < smini) {
    const bnorm = Math.max(Math.abs(b[0][0]) + Math.abs(b[0][1]), Math.abs(b[1][0]) + Math.abs(b[1][1]));
    if (smini < 1 && bnorm > 1 && bnorm > bignum * smini) scale = 1 / bnorm;
    const temp = scale / smini;
    x[0][0] = temp * b[0][0];
    x[1][0] = temp * b[1][0];
    x[0][1] = temp * b[0][1];
    x[1][1] = temp * b[1][1];
    return { x, scale, xnorm: temp * bnorm };
  }
  const ur11 = crv[icmax];
  const ui11 = civ[icmax];
  const cr21 = crv[IPIVOT[icmax][1]];
  const ci21 = civ[IPIVOT[icmax][1]];
  const ur12 = crv[IPIVOT[icmax][2]];
  const ui12 = civ[IPIVOT[icmax][2]];
  const cr22 = crv[IPIVOT[icmax][3]];
  const ci22 = civ[IPIVOT[icmax][3]];
  let ur11r: number;
  let ui11r: number;
  let lr21: number;
  let li21: number;
  let ur12s: number;
  let ui12s: number;
  let ur22: number;
  let ui22: number;
  if (icmax === 0 || icmax === 3) {
    // the off-diagonals of the pivoted C are real
    if (Math.abs(ur11) > Math.abs(ui11)) {
      const temp = ui11 / ur11;
      ur11r = 1 / (ur11 * (1 + temp ** 2));
      ui11r = -temp * ur11r;
    } else {
      const temp = ur11 / ui11;
      ui11r = -1 / (ui11 * (1 + temp ** 2));
      ur11r = -temp * ui11r;
    }
    lr21 = cr21 * ur11r;
    li21 = cr21 * ui11r;
    ur12s = ur12 * ur11r;
    ui12s = ur12 * ui11r;
    ur22 = cr22 - ur12 * lr21;
    ui22 = ci22 - ur12 * li21;
  } else {
    // the diagonals of the pivoted C are real
    ur11r = 1 / ur11;
    ui11r = 0;
    lr21 = cr21 * ur11r;
    li21 = ci21 * ur11r;
    ur12s = ur12 * ur11r;
    ui12s = ui12 * ur11r;
    ur22 = cr22 - ur12 * lr21 + ui12 * li21;
    ui22 = -ur12 * li21 - ui12 * lr21;
  }
  const u22abs = Math.abs(ur22) + Math.abs(ui22);
  if (u22abs < smini) {
    ur22 = smini;
    ui22 = 0;
  }
  let br1: number;
  let br2: number;
  let bi1: number;
  let bi2: number;
  if (RSWAP[icmax]) [br2, br1, bi2, bi1] = [b[0][0], b[1][0], b[0][1], b[1][1]];
  else [br1, br2, bi1, bi2] = [b[0][0], b[1][0], b[0][1], b[1][1]];
  br2 = br2 - lr21 * br1 + li21 * bi1;
  bi2 = bi2 - li21 * br1 - lr21 * bi1;
  const bbnd = Math.max(
    (Math.abs(br1) + Math.abs(bi1)) * (u22abs * (Math.abs(ur11r) + Math.abs(ui11r))),
    Math.abs(br2) + Math.abs(bi2),
  );
  if (bbnd > 1 && u22abs < 1 && bbnd >= bignum * u22abs) {
    scale = 1 / bbnd;
    br1 *= scale;
    bi1 *= scale;
    br2 *= scale;
    bi2 *= scale;
  }
  const [xr2, xi2] = ladiv(br2, bi2, ur22, ui22, mach);
  const xr1 = ur11r * br1 - ui11r * bi1 - ur12s * xr2 + ui12s * xi2;
  const xi1 = ui11r * br1 + ur11r * bi1 - ui12s * xr2 - ur12s * xi2;
  if (ZSWAP[icmax]) {
    [x[0][0], x[1][0], x[0][1], x[1][1]] = [xr2, xr1, xi2, xi1];
  } else {
    [x[0][0], x[1][0], x[0][1], x[1][1]] = [xr1, xr2, xi1, xi2];
  }
  let xnorm = Math.max(Math.abs(xr1) + Math.abs(xi1), Math.abs(xr2) + Math.abs(xi2));
  if (xnorm > 1 && cmax > 1 && xnorm > bignum / cmax) {
    const temp = cmax / bignum;
    x[0][0] *= temp;
    x[1][0] *= temp;
    x[0][1] *= temp;
    x[1][1] *= temp;
    xnorm *= temp;
    scale *= temp;
  }
  return { x, scale, xnorm };
}

/**
 * dtrevc3('R', 'B'): overwrites Q (n×n rows, the Schur vectors) with the right eigenvectors of T (real Schur
 * form, n×n rows): column k for a real eigenvalue, columns k, k+1 the real and imaginary parts of the first of a
 * complex pair (positive imaginary part), each scaled so that its largest component is 1 in magnitude.
 */
export function trevc3Right(T: number[][], Q: number[][], n: number, mach: Machine): void {
  if (n === 0) return;
  const smlnum = mach.safmin * (n / mach.ulp);
  const bignum = (1 - mach.ulp) / smlnum;
  // 1-norms of the strictly upper triangular columns of T
  const cnorm = new Array<number>(n).fill(0);
  for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) cnorm[j] += Math.abs(T[i][j]);
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const xr = new Array<number>(n).fill(0);
  const xi = new Array<number>(n).fill(0);
  let ip = 0;
  for (let ki = n - 1; ki >= 0; ki--) {
    if (ip === -1) {
      // ki is the first of the pair whose second was ki + 1
      ip = 1;
      continue;
    }
    ip = ki === 0 || T[ki][ki - 1] === 0 ? 0 : -1;
    const wr = T[ki][ki];
    const wi = ip === 0 ? 0 : Math.sqrt(Math.abs(T[ki][ki - 1])) * Math.sqrt(Math.abs(T[ki - 1][ki]));
    const smin = Math.max(mach.ulp * (Math.abs(wr) + Math.abs(wi)), smlnum);
    xr.fill(0);
    xi.fill(0);
    if (ip === 0) {
      // real right eigenvector: x(ki) = 1, solve (T(0:ki-1, 0:ki-1) - wr) x = scale * (-T(0:ki-1, ki))
      xr[ki] = 1;
      for (let k = 0; k < ki; k++) xr[k] = -T[k][ki];
      let jnxt = ki - 1;
      for (let j = ki - 1; j >= 0; j--) {
        if (j > jnxt) continue;
        let j1 = j;
        jnxt = j - 1;
        if (j > 0 && T[j][j - 1] !== 0) {
          j1 = j - 1;
          jnxt = j - 2;
        }
        if (j1 === j) {
          const r = laln2(mach, 1, 1, smin, T, j, [[xr[j], 0]], wr, 0);
          let x11 = r.x[0][0];
          let scale = r.scale;
          if (r.xnorm > 1 && cnorm[j] > bignum / r.xnorm) {
            x11 /= r.xnorm;
            scale /= r.xnorm;
          }
          if (scale !== 1) for (let k = 0; k <= ki; k++) xr[k] *= scale;
          xr[j] = x11;
          for (let k = 0; k < j; k++) xr[k] += -x11 * T[k][j];
        } else {
          const r = laln2(
            mach,
            2,
            1,
            smin,
            T,
            j - 1,
            [
              [xr[j - 1], 0],
              [xr[j], 0],
            ],
            wr,
            0,
          );
          let [x11, x21] = [r.x[0][0], r.x[1][0]];
          let scale = r.scale;
          if (r.xnorm > 1) {
            const beta = Math.max(cnorm[j - 1], cnorm[j]);
            if (beta > bignum / r.xnorm) {
              x11 /= r.xnorm;
              x21 /= r.xnorm;
              scale /= r.xnorm;
            }
          }
          if (scale !== 1) for (let k = 0; k <= ki; k++) xr[k] *= scale;
          xr[j - 1] = x11;
          xr[j] = x21;
          for (let k = 0; k < j - 1; k++) xr[k] += -x11 * T[k][j - 1];
          for (let k = 0; k < j - 1; k++) xr[k] += -x21 * T[k][j];
        }
      }
      // Q x, scaled so that its largest |component| is 1
      const v = backTransform(Q, xr, ki, n);
      let ii = 0;
      for (let i = 0; i < n; i++) if (Math.abs(v[i]) > Math.abs(v[ii])) ii = i;
      const remax = 1 / Math.abs(v[ii]);
      for (let i = 0; i < n; i++) out[i][ki] = v[i] * remax;
    } else {
      // complex right eigenvector of the pair (ki-1, ki): the initial 2×2 solve, then the quasi-triangular one
      if (Math.abs(T[ki - 1][ki]) >= Math.abs(T[ki][ki - 1])) {
        xr[ki - 1] = 1;
        xi[ki] = wi / T[ki - 1][ki];
      } else {
        xr[ki - 1] = -wi / T[ki][ki - 1];
        xi[ki] = 1;
      }
      xr[ki] = 0;
      xi[ki - 1] = 0;
      for (let k = 0; k < ki - 1; k++) {
        xr[k] = -xr[ki - 1] * T[k][ki - 1];
        xi[k] = -xi[ki] * T[k][ki];
      }
      let jnxt = ki - 2;
      for (let j = ki - 2; j >= 0; j--) {
        if (j > jnxt) continue;
        let j1 = j;
        jnxt = j - 1;
        if (j > 0 && T[j][j - 1] !== 0) {
          j1 = j - 1;
          jnxt = j - 2;
        }
        if (j1 === j) {
          const r = laln2(mach, 1, 2, smin, T, j, [[xr[j], xi[j]]], wr, wi);
          let [x11, x12] = [r.x[0][0], r.x[0][1]];
          let scale = r.scale;
          if (r.xnorm > 1 && cnorm[j] > bignum / r.xnorm) {
            x11 /= r.xnorm;
            x12 /= r.xnorm;
            scale /= r.xnorm;
          }
          if (scale !== 1) {
            for (let k = 0; k <= ki; k++) xr[k] *= scale;
            for (let k = 0; k <= ki; k++) xi[k] *= scale;
          }
          xr[j] = x11;
          xi[j] = x12;
          for (let k = 0; k < j; k++) xr[k] += -x11 * T[k][j];
          for (let k = 0; k < j; k++) xi[k] += -x12 * T[k][j];
        } else {
          const r = laln2(
            mach,
            2,
            2,
            smin,
            T,
            j - 1,
            [
              [xr[j - 1], xi[j - 1]],
              [xr[j], xi[j]],
            ],
            wr,
            wi,
          );
          let [x11, x21, x12, x22] = [r.x[0][0], r.x[1][0], r.x[0][1], r.x[1][1]];
          let scale = r.scale;
          if (r.xnorm > 1) {
            const beta = Math.max(cnorm[j - 1], cnorm[j]);
            if (beta > bignum / r.xnorm) {
              const rec = 1 / r.xnorm;
              x11 *= rec;
              x12 *= rec;
              x21 *= rec;
              x22 *= rec;
              scale *= rec;
            }
          }
          if (scale !== 1) {
            for (let k = 0; k <= ki; k++) xr[k] *= scale;
            for (let k = 0; k <= ki; k++) xi[k] *= scale;
          }
          xr[j - 1] = x11;
          xr[j] = x21;
          xi[j - 1] = x12;
          xi[j] = x22;
          for (let k = 0; k < j - 1; k++) xr[k] += -x11 * T[k][j - 1];
          for (let k = 0; k < j - 1; k++) xr[k] += -x21 * T[k][j];
          for (let k = 0; k < j - 1; k++) xi[k] += -x12 * T[k][j - 1];
          for (let k = 0; k < j - 1; k++) xi[k] += -x22 * T[k][j];
        }
      }
      const vr = backTransform(Q, xr, ki, n);
      const vi = backTransform(Q, xi, ki, n);
      let emax = 0;
      for (let i = 0; i < n; i++) emax = Math.max(emax, Math.abs(vr[i]) + Math.abs(vi[i]));
      const remax = 1 / emax;
      for (let i = 0; i < n; i++) {
        out[i][ki - 1] = vr[i] * remax;
        out[i][ki] = vi[i] * remax;
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Q[i][j] = out[i][j];
}

/** Q(:, 0:ki) x(0:ki), the sum taken over columns in order (dgemm's). */
function backTransform(Q: number[][], x: number[], ki: number, n: number): number[] {
  const v = new Array<number>(n).fill(0);
  for (let k = 0; k <= ki; k++) {
    const xk = x[k];
    if (xk === 0) continue;
    for (let i = 0; i < n; i++) v[i] += Q[i][k] * xk;
  }
  return v;
}
