// glibc's logf as PyTorch 1.13's float kernels call it (std::log on float: entr, xlogy, logit's and
// logaddexp's scalar paths, calc_digamma, ...), bit for bit but fast. glibc_ahyp.ts's logf computes e_logf.c
// with its multiply-adds fused, each fma emulated in software; here the same steps run unfused in double and
// the result is kept when it rounds to the same float as every value within a bound of the fused result's
// distance from it, which leaves the emulated fmas to the rare results near a float rounding boundary.
//
// The bound: unfused, r = z * invc - 1 differs from the fused r by at most 2^-52 (one rounding of z * invc,
// which lies in [0.97, 1.03]; the subtraction is exact), and is exact when invc = 1; y0 = k ln2 + logc by at
// most 2^-51 |y0| (and not at all for k = 0); the polynomial terms, scaled by r^2 <= 2^-10, by less than
// 2^-60; the last multiply-add by 2^-52 (|y0 + r| + |y|). In all |y - yFused| <= 2^-47 (|y0| + |r| + |y|);
// 2^-44 times that leaves a margin of 8.
import { A0, A1, A2, LOGF_LN2, LOGF_TAB, OFF, logf as fusedLogf } from "./glibc_ahyp.js";

const INVC = new Float64Array(LOGF_TAB.map(([invc]) => invc));
const LOGC = new Float64Array(LOGF_TAB.map(([, logc]) => logc));
const word = new Float32Array(1);
const bits = new Uint32Array(word.buffer);
const f = Math.fround;

/** glibc's logf (e_logf.c, its FMA build), the same bits as glibc_ahyp.ts's logf. */
export function logf(x: number): number {
  word[0] = x;
  const ix = bits[0];
  // Specials, subnormals and 1 (exactly 0) take the full path.
  if ((ix - 0x00800000) >>> 0 >= 0x7f800000 - 0x00800000 || ix === 0x3f800000) return fusedLogf(x);
  const tmp = ix - OFF;
  const i = (tmp >>> 19) & 15;
  const k = (tmp | 0) >> 23;
  bits[0] = ix - (tmp & 0xff800000);
  const z = word[0];
  const r = z * INVC[i] - 1;
  const y0 = k * LOGF_LN2 + LOGC[i];
  const r2 = r * r;
  const y = (A0 * r2 + (A1 * r + A2)) * r2 + (y0 + r);
  const e = 2 ** -44 * (Math.abs(y0) + Math.abs(r) + Math.abs(y));
  const out = f(y);
  return f(y - e) === out && f(y + e) === out ? out : fusedLogf(x);
}
