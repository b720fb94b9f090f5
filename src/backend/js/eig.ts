// LAPACK's dgeev for torch.linalg.eig / eigvals on real matrices (docs/complex.md), ported step by step in
// float64 so that eigenvalues come in LAPACK's order and eigenvectors with LAPACK's signs and phases: dgeev's
// scaling of a matrix with tiny or huge entries (dlascl), dgebal (permutations isolating eigenvalues, then
// power-of-2 scaling), dgehrd / dorghr (eig_hessenberg.ts), dhseqr's dlahqr with the Schur form and vectors
// (eig_lahqr.ts), dtrevc3's back-substitution (lapack_trevc.ts), dgebak, and dgeev's normalisation: each
// eigenvector of unit 2-norm, a complex one rotated by dlartg so that its largest component is real. Results
// differ from OpenBLAS's by rounding (its BLAS kernels sum in their own order); float32 inputs run with sgeev's
// machine constants, so its deflation and pivoting decisions (and the signs they settle) are mostly sgeev's.
// Not ported: dhseqr's dlaqr0, which LAPACK runs above 75 rows (and as a fallback where dlahqr fails to
// converge): dlahqr runs at every size, so there the eigenpairs are right but their order and signs may differ
// from LAPACK's. A backend can hand the same call to LAPACK itself (src/backend/backend.ts's `geev`; the native
// backend's ?geev).
import { FLOAT32, FLOAT64, gehd2, lapy2, nrm2, orghr, type Machine } from "./eig_hessenberg.js";
import { lahqr } from "./eig_lahqr.js";
import { trevc3Right } from "./lapack_trevc.js";

/** dgeev's outputs for a batch of n×n matrices. */
export interface GeevResult {
  /** eigenvalues' real and imaginary parts [batch, n]; a complex pair is adjacent, positive imaginary first. */
  wr: Float64Array;
  wi: Float64Array;
  /**
   * With vectors: [batch, n, n] row-major, LAPACK's real storage: column j is the eigenvector of a real
   * eigenvalue j; for a pair (j, j+1) columns j and j+1 are the real and imaginary parts of eigenvalue j's
   * vector (eigenvalue j+1's is its conjugate). Empty without vectors.
   */
  vr: Float64Array;
  /** LAPACK's info per matrix: 0; i > 0, the QR iteration failed (eigenvalues i..n-1 are valid); < 0, -argument. */
  info: Int32Array;
}

/** The batched ?geev (jobvl 'N', jobvr 'V' or 'N') a backend provides (src/backend/backend.ts's `geev`). */
export interface Geev {
  /** The eigen-decomposition of each [n, n] row-major matrix of `a` (which may be overwritten). */
  geev(a: Float64Array, batch: number, n: number, vectors: boolean): GeevResult;
  /** The same in float32 arithmetic on float64 arrays holding float32 values (LAPACK's sgeev), where available. */
  readonly float32?: Geev;
}

/** LAPACK dlascl('G'): x := x * (cto / cfrom) in steps that neither overflow nor underflow. */
function lascl(cfrom: number, cto: number, scaleBy: (mul: number) => void, mach: Machine): void {
  const smlnum = mach.safmin;
  const bignum = 1 / smlnum;
  let cfromc = cfrom;
  let ctoc = cto;
  let done = false;
  while (!done) {
    const cfrom1 = cfromc * smlnum;
    let mul: number;
    if (cfrom1 === cfromc) {
      // cfromc is an inf
      mul = ctoc / cfromc;
      done = true;
    } else {
      const cto1 = ctoc / bignum;
      if (cto1 === ctoc) {
        mul = ctoc;
        done = true;
        cfromc = 1;
      } else if (Math.abs(cfrom1) > Math.abs(ctoc) && ctoc !== 0) {
        mul = smlnum;
        cfromc = cfrom1;
      } else if (Math.abs(cto1) > Math.abs(cfromc)) {
        mul = bignum;
        ctoc = cto1;
      } else {
        mul = ctoc / cfromc;
        done = true;
        if (mul === 1) return;
      }
    }
    scaleBy(mul);
  }
}

/** LAPACK dlartg (3.10's): c, s and r with [c s; -s c] [f; g] = [r; 0], r of f's sign. */
function lartg(f: number, g: number, mach: Machine): [number, number, number] {
  const safmax = 1 / mach.safmin;
  const rtmin = Math.sqrt(mach.safmin);
  const rtmax = Math.sqrt(safmax / 2);
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  const sign = (a: number, b: number) => (b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a));
  if (g === 0) return [1, 0, f];
  if (f === 0) return [0, sign(1, g), g1];
  if (f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax) {
    const d = Math.sqrt(f * f + g * g);
    const r = sign(d, f);
    return [f1 / d, g / r, r];
  }
  const u = Math.min(safmax, Math.max(mach.safmin, f1, g1));
  const fs = f / u;
  const gs = g / u;
  const d = Math.sqrt(fs * fs + gs * gs);
  const r = sign(d, f);
  return [Math.abs(fs) / d, gs / r, r * u];
}

/**
 * LAPACK dgebal with job 'B', as dgeev runs it first: rows and columns that isolate an eigenvalue are permuted
 * to the bottom and to the left (so those eigenvalues come out in LAPACK's positions), then rows ilo..ihi are
 * scaled by powers of 2 until their row and column norms balance. `scale[i]` holds the permutation index
 * (outside ilo..ihi) or the scale factor (inside), 0-based, as dgebak reads it. info -3: a NaN stopped the
 * scaling (LAPACK's dgebal returns there, with ilo and ihi unset).
 */
function gebal(
  A: number[][],
  n: number,
  mach: Machine,
): { ilo: number; ihi: number; scale: number[]; info: number } {
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
      if (l === 0) return { ilo: 0, ihi: 0, scale, info: 0 };
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
  const sfmin1 = mach.safmin / mach.ulp;
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
      if (Number.isNaN(c + ca + ra + r)) return { ilo: k, ihi: l, scale, info: -3 };
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
  return { ilo: k, ihi: l, scale, info: 0 };
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

/** dgeev('N', vectors ? 'V' : 'N') on one n×n row-major matrix; vr as GeevResult's. Returns LAPACK's info. */
function geevOne(
  a: Float64Array,
  n: number,
  vectors: boolean,
  wr: Float64Array,
  wi: Float64Array,
  vr: Float64Array,
  last: { ilo: number; ihi: number; set: boolean },
  mach: Machine,
): number {
  if (n === 0) return 0;
  const A = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
  // Scale A if its largest entry is outside [smlnum, bignum] (dlange 'M' propagates a NaN).
  const smlnum = Math.sqrt(mach.safmin) / mach.ulp;
  const bignum = 1 / smlnum;
  let anrm = 0;
  for (const row of A)
    for (const x of row) {
      const t = Math.abs(x);
      if (anrm < t || Number.isNaN(t)) anrm = t;
    }
  let cscale = 0;
  if (anrm > 0 && anrm < smlnum) cscale = smlnum;
  else if (anrm > bignum) cscale = bignum;
  if (cscale !== 0)
    lascl(
      anrm,
      cscale,
      (mul) => {
        for (const row of A) for (let j = 0; j < n; j++) row[j] *= mul;
      },
      mach,
    );
  const bal = gebal(A, n, mach);
  // LAPACK's dgebal returns on a NaN without setting ilo and ihi: dgeev's locals keep the previous matrix's
  // (PyTorch's batch loop calls dgeev from one frame), and for a batch's first matrix hold no valid index, so
  // dhseqr rejects ilo (argument 4): OpenBLAS's behaviour, recorded in test/fixtures/linalg_eig.json.
  if (bal.info !== 0) {
    if (!last.set) return -4;
    [bal.ilo, bal.ihi] = [last.ilo, last.ihi];
  } else Object.assign(last, { ilo: bal.ilo, ihi: bal.ihi, set: true });
  const { ilo, ihi, scale } = bal;
  const tau = gehd2(A, n, ilo, ihi, mach);
  const w = { wr: new Array<number>(n).fill(0), wi: new Array<number>(n).fill(0) };
  // dhseqr: the isolated eigenvalues, then dlahqr on the active block
  for (let i = 0; i < n; i++) if (i < ilo || i > ihi) w.wr[i] = A[i][i];
  let Z: number[][] | null = null;
  if (vectors) Z = orghr(A, tau, n, ilo, ihi);
  let info = 0;
  if (ilo === ihi) w.wr[ilo] = A[ilo][ilo];
  else info = lahqr(vectors, vectors, A, Z, n, ilo, ihi, w.wr, w.wi, mach);
  // (dhseqr's clean-up below the subdiagonal: dtrevc3 reads only the quasi-triangle)
  if (info === 0 && vectors && Z) {
    trevc3Right(A, Z, n, mach);
    gebak(Z, n, ilo, ihi, scale);
    for (let i = 0; i < n; i++) {
      if (w.wi[i] === 0) {
        const scl = 1 / nrm2(n, (k) => Z![k][i]);
        for (let k = 0; k < n; k++) Z[k][i] *= scl;
      } else if (w.wi[i] > 0) {
        const scl =
          1 /
          lapy2(
            nrm2(n, (k) => Z![k][i]),
            nrm2(n, (k) => Z![k][i + 1]),
            mach,
          );
        for (let k = 0; k < n; k++) {
          Z[k][i] *= scl;
          Z[k][i + 1] *= scl;
        }
        let kmax = 0;
        let best = -1;
        for (let k = 0; k < n; k++) {
          const m = Z[k][i] ** 2 + Z[k][i + 1] ** 2;
          if (m > best) [best, kmax] = [m, k];
        }
        const [cs, sn] = lartg(Z[kmax][i], Z[kmax][i + 1], mach);
        for (let k = 0; k < n; k++) {
          const [x, y] = [Z[k][i], Z[k][i + 1]];
          Z[k][i] = cs * x + sn * y;
          Z[k][i + 1] = cs * y - sn * x;
        }
        Z[kmax][i + 1] = 0;
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vr[i * n + j] = Z[i][j];
  }
  // Undo the scaling on the eigenvalues that converged.
  if (cscale !== 0 && info >= 0) {
    const undo = (from: number, to: number) => {
      lascl(
        cscale,
        anrm,
        (mul) => {
          for (let i = from; i < to; i++) {
            w.wr[i] *= mul;
            w.wi[i] *= mul;
          }
        },
        mach,
      );
    };
    undo(info, n);
    if (info > 0) undo(0, ilo);
  }
  for (let i = 0; i < n; i++) [wr[i], wi[i]] = [w.wr[i], w.wi[i]];
  return info;
}

/** dgeev on each matrix of the batch, with float64's machine constants or float32's (sgeev's decisions). */
function batched(mach: Machine): Geev["geev"] {
  return (a, batch, n, vectors) => {
    const wr = new Float64Array(batch * n);
    const wi = new Float64Array(batch * n);
    const vr = new Float64Array(vectors ? batch * n * n : 0);
    const info = new Int32Array(batch);
    const last = { ilo: 0, ihi: 0, set: false };
    for (let b = 0; b < batch; b++) {
      const at = (size: number) => [b * size, (b + 1) * size] as const;
      info[b] = geevOne(
        a.subarray(...at(n * n)),
        n,
        vectors,
        wr.subarray(...at(n)),
        wi.subarray(...at(n)),
        vr.subarray(...at(vectors ? n * n : 0)),
        last,
        mach,
      );
    }
    return { wr, wi, vr, info };
  };
}

/**
 * The TypeScript ?geev: dgeev in float64 arithmetic; for float32 inputs with sgeev's machine constants, so that
 * its deflation and scaling decisions (and with them the Schur vectors' signs) are mostly sgeev's.
 */
export const jsGeev: Geev = { geev: batched(FLOAT64), float32: { geev: batched(FLOAT32) } };
