// The native backend's torch.linalg routines: native/lapack.c hands each batch to the LAPACK the addon links
// (OpenBLAS's, the one PyTorch's CPU build on this machine calls too; Accelerate on macOS) with the calls
// PyTorch's BatchLinearAlgebra kernels make, so results carry that library's digits and eigen- and singular
// vector signs rather than the TypeScript ports'. A Float32Array goes through the s* routines, a Float64Array
// through the d* ones. LAPACK's info values come back as the TypeScript ports' do; the ops layer raises
// PyTorch's errors from them.
import type { Geev } from "../js/eig.js";
import type { Householder } from "../js/householder.js";
import type { Lapack } from "../js/lapack.js";
import type { RawAddon } from "./addon.js";

type FloatArray = Float32Array | Float64Array;

const like = (x: FloatArray, n: number): FloatArray =>
  x instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);

/** The Lapack interface on the addon. */
export type NativeLapack = Lapack;

/**
 * The routines in float32 (LAPACK's s*) on float64 arrays of a float32 tensor's values, as the ops layer holds
 * them: each operand is rounded to float32 (exact for float32 inputs), and the results widened back exactly.
 */
function inFloat32(l: NativeLapack): Lapack {
  const f32 = (x: Float64Array) => Float32Array.from(x) as unknown as Float64Array;
  const f64 = (x: Float64Array) => Float64Array.from(x);
  return {
    getrf(a, batch, m, n) {
      const x = f32(a);
      const result = l.getrf(x, batch, m, n);
      a.set(x);
      return result;
    },
    trsm(a, b, batch, n, rows, cols, flags) {
      const y = f32(b);
      l.trsm(f32(a), y, batch, n, rows, cols, flags);
      b.set(y);
    },
    potrf(a, batch, n, upper) {
      const x = f32(a);
      const info = l.potrf(x, batch, n, upper);
      a.set(x);
      return info;
    },
    geqrf(a, batch, m, n) {
      const x = f32(a);
      const tau = l.geqrf(x, batch, m, n);
      a.set(x);
      return f64(tau);
    },
    orgqr(a, tau, batch, m, n, k) {
      const x = f32(a);
      l.orgqr(x, f32(tau), batch, m, n, k);
      a.set(x);
    },
    syev(a, batch, n, upper, vectors) {
      const { w, v, info } = l.syev(f32(a), batch, n, upper, vectors);
      return { w: f64(w), v: f64(v), info };
    },
    gesvd(a, batch, m, n, full, computeUV) {
      const { u, s, vh, info } = l.gesvd(f32(a), batch, m, n, full, computeUV);
      return { u: f64(u), s: f64(s), vh: f64(vh), info };
    },
  };
}

export function nativeLapack(addon: RawAddon): NativeLapack {
  const lapack = routines(addon);
  return { ...lapack, float32: inFloat32(lapack) };
}

function routines(addon: RawAddon): NativeLapack {
  const infos = (batch: number) => new Float64Array(batch);
  return {
    getrf(a, batch, m, n) {
      const pivots = new Float64Array(batch * Math.min(m, n));
      const info = infos(batch);
      addon.lapackGetrf(a, batch, m, n, pivots, info);
      return { pivots: Int32Array.from(pivots), info: Int32Array.from(info) };
    },
    trsm(a, b, batch, n, rows, cols, { left, upper, transpose, unit }) {
      addon.lapackTrsm(a, b, batch, n, rows, cols, +left, +upper, +transpose, +unit);
    },
    potrf(a, batch, n, upper) {
      const info = infos(batch);
      addon.lapackPotrf(a, batch, n, +upper, info);
      return Int32Array.from(info);
    },
    geqrf(a, batch, m, n) {
      const tau = like(a, batch * Math.min(m, n));
      addon.lapackGeqrf(a, batch, m, n, tau, infos(batch));
      return tau as Float64Array;
    },
    orgqr(a, tau, batch, m, n, k) {
      // The ports read tau [batch, tau.length / batch]; the addon takes k per matrix.
      const stride = batch === 0 ? k : tau.length / batch;
      const packed = stride === k ? tau : like(tau, batch * k);
      if (packed !== tau)
        for (let t = 0; t < batch; t++) packed.set(tau.subarray(t * stride, t * stride + k), t * k);
      addon.lapackOrgqr(a, packed, batch, m, n, k, infos(batch));
    },
    syev(a, batch, n, upper, vectors = true) {
      const w = like(a, batch * n);
      const info = infos(batch);
      addon.lapackSyevd(a, batch, n, +upper, +vectors, w, info);
      return { w: w as Float64Array, v: a, info: Int32Array.from(info) };
    },
    gesvd(a, batch, m, n, full, computeUV) {
      const k = Math.min(m, n);
      const jobz = computeUV ? (full ? 2 : 1) : 0;
      const s = like(a, batch * k);
      const u = like(a, computeUV ? batch * m * (full ? m : k) : 0);
      const vh = like(a, computeUV ? batch * (full ? n : k) * n : 0);
      const info = infos(batch);
      addon.lapackGesdd(a, batch, m, n, jobz, s, u, vh, info);
      return {
        u: u as Float64Array,
        s: s as Float64Array,
        vh: vh as Float64Array,
        info: Int32Array.from(info),
      };
    },
  };
}

/** ormqr, sytrf and sytrs (src/backend/js/householder.ts's interface) by LAPACK's ?ormqr, ?sytrf and ?sytrs. */
export function nativeHouseholder(addon: RawAddon): Householder {
  const routines: Householder = {
    ormqr(a, tau, c, batch, m, n, k, rows, cols, left, transpose) {
      addon.lapackOrmqr(a, tau, c, batch, m, n, k, rows, cols, +left, +transpose, new Float64Array(batch));
    },
    sytrf(a, batch, n) {
      const pivots = new Float64Array(batch * n);
      const info = new Float64Array(batch);
      addon.lapackSytrf(a, batch, n, pivots, info);
      return { pivots: Int32Array.from(pivots), info: Int32Array.from(info) };
    },
    sytrs(a, pivots, b, batch, n, nrhs) {
      addon.lapackSytrs(a, Float64Array.from(pivots), b, batch, n, nrhs, new Float64Array(batch));
    },
  };
  // float32: LAPACK's s* routines on float32 copies of the float64 arrays the ops layer holds.
  const f32 = (x: Float64Array) => Float32Array.from(x) as unknown as Float64Array;
  const float32: Householder = {
    ormqr(a, tau, c, batch, m, n, k, rows, cols, left, transpose) {
      const y = f32(c);
      routines.ormqr(f32(a), f32(tau), y, batch, m, n, k, rows, cols, left, transpose);
      c.set(y);
    },
    sytrf(a, batch, n) {
      const x = f32(a);
      const result = routines.sytrf(x, batch, n);
      a.set(x);
      return result;
    },
    sytrs(a, pivots, b, batch, n, nrhs) {
      const y = f32(b);
      routines.sytrs(f32(a), pivots, y, batch, n, nrhs);
      b.set(y);
    },
  };
  return { ...routines, float32 };
}

/** torch.linalg.eig's ?geev (src/backend/js/eig.ts's interface) by LAPACK's dgeev, and sgeev for float32. */
export function nativeGeev(addon: RawAddon): Geev {
  const call = (a: FloatArray, batch: number, n: number, vectors: boolean) => {
    const wr = like(a, batch * n);
    const wi = like(a, batch * n);
    const vr = like(a, vectors ? batch * n * n : 0);
    const info = new Float64Array(batch);
    addon.lapackGeev(a, batch, n, +vectors, wr, wi, vr, info);
    return {
      wr: Float64Array.from(wr),
      wi: Float64Array.from(wi),
      vr: Float64Array.from(vr),
      info: Int32Array.from(info),
    };
  };
  return {
    geev: (a, batch, n, vectors) => call(a, batch, n, vectors),
    float32: { geev: (a, batch, n, vectors) => call(Float32Array.from(a), batch, n, vectors) },
  };
}
