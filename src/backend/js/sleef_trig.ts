// SLEEF 3.5's float32 sin, cos and tan (xsinf_u1, xcosf_u1, xtanf_u1: Sleef_sinf8_u10 and friends, which
// PyTorch's AVX2 kernels call on every element). Their non-deterministic build picks one argument
// reduction per 8-lane vector: Cody-Waite when every lane is below 125 in magnitude, Payne-Hanek (rempif)
// for all lanes otherwise, and the two round differently, so callers pass `wide` = "some lane of this
// element's vector is not below 125" (NaN and infinity included).
import { fmafRare } from "./sleef.js";
import {
  dfadd2_f2_f2,
  dfadd2_f_f,
  dfadd_f2_f,
  dfadd_f_f,
  dfadd_f_f2,
  dfmul_f2_f,
  dfmul_f2_f2,
  dfmul_f_f,
  dfnormalize,
  dfrec_f2,
  dfsqu,
  f,
  fmaf,
  ilogb2k,
  ldexp3,
  mulsign,
  rintf,
  rintInt,
  P,
  truncInt,
} from "./sleef_df.js";

/** Below this magnitude the whole vector takes the Cody-Waite reduction (TRIGRANGEMAX2f). */
export const TRIG_RANGE = 125;

const M_1_PI = f(0.318309886183790671537767526745028724);
const M_2_PI = f(2 * 0.318309886183790671537767526745028724);
const PI_A2 = f(3.1414794921875);
const PI_B2 = f(0.00011315941810607910156);
const PI_C2 = f(1.9841872589410058936e-9);
const PI_HI = f(3.1415927410125732422);
const PI_LO = f(-8.7422776573475857731e-8);

/** Sleef_rempitabsp: 2/pi in float pieces, 4 per exponent band (bits, so no decimal rounding creeps in). */
const REMPITAB = new Float32Array(
  Int32Array.from([
    0x3e22f980, 0x335b9390, 0x2782a540, 0x9b762a0c, 0x3d0be60c, 0x31dc9c88, 0x24a94fe0, 0x191d5f48,
    0x3d0be60c, 0x31dc9c88, 0x24a94fe0, 0x191d5f48, 0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1,
    0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1, 0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1,
    0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1, 0x3a79836c, 0x2f139104, 0x23a53f84, 0x17eafa3f,
    0x3a79836c, 0x2f139104, 0x23a53f84, 0x17eafa3f, 0x39f306dc, 0x2d9c8828, 0x2294fe14, 0x96282e0b,
    0x39660db8, 0x2d9c8828, 0x2294fe14, 0x96282e0b, 0x38cc1b70, 0x2d9c8828, 0x2294fe14, 0x96282e0b,
    0x381836e4, 0x2c644150, 0x2127f09c, 0x15afa3ea, 0x36c1b724, 0x2bc882a4, 0x201fc274, 0x14be8faa,
    0x36c1b724, 0x2bc882a4, 0x201fc274, 0x14be8faa, 0x36c1b724, 0x2bc882a4, 0x201fc274, 0x14be8faa,
    0x36036e4c, 0x2b110548, 0x201fc274, 0x14be8faa, 0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, 0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, 0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, 0x32b72720, 0x2782a540, 0x9b762a0c, 0x0efa9a6f,
    0x31dc9c88, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x31dc9c88, 0x24a94fe0, 0x191d5f48, 0x8c2cb224,
    0x31393910, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x3064e440, 0x24a94fe0, 0x191d5f48, 0x8c2cb224,
    0x3064e440, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x2fc9c880, 0x24a94fe0, 0x191d5f48, 0x8c2cb224,
    0x2f139104, 0x23a53f84, 0x17eafa3c, 0x0ca9a6ee, 0x2d9c8828, 0x2294fe14, 0x96282e08, 0x8b32c890,
    0x2d9c8828, 0x2294fe14, 0x96282e08, 0x8b32c890, 0x2d9c8828, 0x2294fe14, 0x96282e08, 0x8b32c890,
    0x2c644150, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x2c644150, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0,
    0x2c644150, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x2bc882a4, 0x201fc274, 0x14be8fa8, 0x09537703,
    0x2b110548, 0x201fc274, 0x14be8fa8, 0x09537703, 0x29882a54, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x29882a54, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, 0x29882a54, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, 0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, 0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c,
    0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15,
    0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15,
    0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15,
    0x23a53f84, 0x17eafa3c, 0x0ca9a6ec, 0x0181b6c5, 0x23a53f84, 0x17eafa3c, 0x0ca9a6ec, 0x0181b6c5,
    0x2294fe14, 0x96282e08, 0x8b32c890, 0x0006db15, 0x2294fe14, 0x96282e08, 0x8b32c890, 0x0006db15,
    0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x0006db15, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x0006db15,
    0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x0006db15, 0x201fc274, 0x14be8fa8, 0x09537700, 0x0006db15,
    0x201fc274, 0x14be8fa8, 0x09537700, 0x0006db15, 0x1efe13ac, 0x91382b2c, 0x8508fc90, 0x800004eb,
    0x1efe13ac, 0x91382b2c, 0x8508fc90, 0x800004eb, 0x1efe13ac, 0x91382b2c, 0x8508fc90, 0x800004eb,
    0x1e7c2758, 0x91382b2c, 0x8508fc90, 0x800004eb, 0x1df84eb0, 0x91382b2c, 0x8508fc90, 0x800004eb,
    0x3d709d5c, 0x3251f534, 0x265dc0d8, 0x1b58a566, 0x3ce13abc, 0x31a3ea68, 0x265dc0d8, 0x1b58a566,
    0x3c42757c, 0x308fa9a4, 0x25bb81b4, 0x1ab14acd, 0x3b84eaf8, 0x308fa9a4, 0x25bb81b4, 0x1ab14acd,
    0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22, 0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22,
    0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22, 0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22,
    0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22, 0x37eafa3c, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c,
    0x37eafa3c, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c, 0x37eafa3c, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c,
    0x3755f47c, 0x2ba69bb8, 0x1e5b6294, 0x12cc9e22, 0x36abe8f8, 0x2ba69bb8, 0x1e5b6294, 0x12cc9e22,
    0x35afa3e8, 0x2a9a6ee0, 0x1e5b6294, 0x12cc9e22, 0x35afa3e8, 0x2a9a6ee0, 0x1e5b6294, 0x12cc9e22,
    0x34be8fa8, 0x29537700, 0x1e5b6294, 0x12cc9e22, 0x34be8fa8, 0x29537700, 0x1e5b6294, 0x12cc9e22,
    0x33fa3ea4, 0x28a6ee04, 0x1db6c528, 0x12cc9e22, 0x33fa3ea4, 0x28a6ee04, 0x1db6c528, 0x12cc9e22,
    0x33747d4c, 0x279bb818, 0x1cdb14ac, 0x10c9e21d, 0x32e8fa98, 0x279bb818, 0x1cdb14ac, 0x10c9e21d,
    0x3251f534, 0x265dc0d8, 0x1b58a564, 0x1013c439, 0x31a3ea68, 0x265dc0d8, 0x1b58a564, 0x1013c439,
    0x308fa9a4, 0x25bb81b4, 0x1ab14acc, 0x0e9e21c8, 0x308fa9a4, 0x25bb81b4, 0x1ab14acc, 0x0e9e21c8,
    0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904, 0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904,
    0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904, 0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904,
    0x2e7534dc, 0x22e06db0, 0x1725664c, 0x0c443904, 0x2dea69bc, 0xa17c9274, 0x95d4cd84, 0x8ade37df,
    0x2d54d374, 0x2240db60, 0x1725664c, 0x0c443904, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c, 0x09872084,
    0x2ba69bb8, 0x1e5b6294, 0x12cc9e20, 0x07641080, 0x2ba69bb8, 0x1e5b6294, 0x12cc9e20, 0x07641080,
    0x2a9a6ee0, 0x1e5b6294, 0x12cc9e20, 0x07641080,
  ]).buffer,
);

let remQ = 0;

/** rempisubf: x minus its nearest quarter-integer, and 4x's offset from 4 * rint(x) (FULL_FP_ROUNDING). */
function rempisub(x: number): number {
  const y = rintf(f(x * 4));
  remQ = truncInt(f(y - f(rintf(x) * 4)));
  return f(x - f(y * 0.25));
}

/** rempif's result: the reduced pair and the quadrant (double fields: stores allocate nothing). */
const PI = { x: 0.5, y: 0.5, q: 0 };

/** rempif: Payne-Hanek reduction of a by pi/2 into PI. */
function rempif(a: number): void {
  let ex = ilogb2k(a) - 25;
  const q0 = ex > 90 - 25 ? -64 : 0;
  a = ldexp3(a, q0);
  if (ex < 0) ex = 0;
  // NaN and infinity index past the table; their lanes end as NaN whatever is read.
  const i = Math.min(ex, 102) << 2;
  dfmul_f_f(a, REMPITAB[i]);
  let xx = rempisub(P.x);
  let q = remQ;
  dfnormalize(xx, P.y);
  xx = P.x;
  let xy = P.y;
  dfmul_f_f(a, REMPITAB[i + 1]);
  dfadd2_f2_f2(xx, xy, P.x, P.y);
  xx = rempisub(P.x);
  q = (q + remQ) | 0;
  dfnormalize(xx, P.y);
  xx = P.x;
  xy = P.y;
  dfmul_f2_f(REMPITAB[i + 2], REMPITAB[i + 3], a);
  dfadd2_f2_f2(xx, xy, P.x, P.y);
  dfnormalize(P.x, P.y);
  dfmul_f2_f2(P.x, P.y, f(PI_HI * 2), f(PI_LO * 2));
  const small = Math.abs(a) < 0.7;
  PI.x = small ? a : P.x;
  PI.y = small ? 0 : P.y;
  PI.q = q;
}

const SIN_C0 = f(2.6083159809786593541503e-6);
const SIN_C1 = f(-0.0001981069071916863322258);
const SIN_C2 = f(0.00833307858556509017944336);
const SIN_C3 = f(-0.166666597127914428710938);

/**
 * The sin/cos polynomial on the reduced pair (tx, ty): SLEEF's shared tail of xsinf_u1 and xcosf_u1. The pair
 * operations (dfsqu, dfadd_f_f, dfmul_f2_f2, dfadd_f_f2, dfmul_f2_f2_f of sleef_df.ts) and their nine fmafs are
 * written out on locals, the same float operations in the same order: a 0-dim sin or cos runs this once per op,
 * and as calls (more than V8 inlines into one function) they cost more than the arithmetic. Each `fma` block is
 * sleef.ts's fmaf: the float nearest a * b + c, unless the double sum is a float midpoint (fmafRare decides).
 */
function sinPoly(tx: number, ty: number): number {
  let s: number;
  let r: number;
  let o: number;
  // dfsqu(tx, ty) -> (sx, sy)
  const sx = f(tx * tx);
  s = tx * tx - sx;
  r = f(s);
  o = 2 * s - r;
  const e0 = r === s || f(o) !== o ? r : fmafRare(tx * tx, -sx, s, r, o);
  const t2 = f(tx + tx);
  s = t2 * ty + e0;
  r = f(s);
  o = 2 * s - r;
  const sy = r === s || f(o) !== o ? r : fmafRare(t2 * ty, e0, s, r, o);
  // u = fmaf(fmaf(SIN_C0, sx, SIN_C1), sx, SIN_C2)
  s = SIN_C0 * sx + SIN_C1;
  r = f(s);
  o = 2 * s - r;
  const u1 = r === s || f(o) !== o ? r : fmafRare(SIN_C0 * sx, SIN_C1, s, r, o);
  s = u1 * sx + SIN_C2;
  r = f(s);
  o = 2 * s - r;
  const u = r === s || f(o) !== o ? r : fmafRare(u1 * sx, SIN_C2, s, r, o);
  // dfadd_f_f(SIN_C3, u * sx) -> (ax, ay)
  const b = f(u * sx);
  const ax = f(SIN_C3 + b);
  const ay = f(f(SIN_C3 - ax) + b);
  // dfmul_f2_f2(ax, ay, sx, sy) -> (mx, my): fmaf(ax, sy, fmaf(ay, sx, fmaf(ax, sx, -mx)))
  const mx = f(ax * sx);
  s = ax * sx - mx;
  r = f(s);
  o = 2 * s - r;
  const m0 = r === s || f(o) !== o ? r : fmafRare(ax * sx, -mx, s, r, o);
  s = ay * sx + m0;
  r = f(s);
  o = 2 * s - r;
  const m1 = r === s || f(o) !== o ? r : fmafRare(ay * sx, m0, s, r, o);
  s = ax * sy + m1;
  r = f(s);
  o = 2 * s - r;
  const my = r === s || f(o) !== o ? r : fmafRare(ax * sy, m1, s, r, o);
  // dfadd_f_f2(1, mx, my) -> (px, py)
  const px = f(1 + mx);
  const py = f(f(f(1 - px) + mx) + my);
  // dfmul_f2_f2_f(tx, ty, px, py) = fmaf(tx, px, fmaf(ty, px, f(tx * py)))
  const q = f(tx * py);
  s = ty * px + q;
  r = f(s);
  o = 2 * s - r;
  const n0 = r === s || f(o) !== o ? r : fmafRare(ty * px, q, s, r, o);
  s = tx * px + n0;
  r = f(s);
  o = 2 * s - r;
  return r === s || f(o) !== o ? r : fmafRare(tx * px, n0, s, r, o);
}

const NEG_PI_A2 = -PI_A2;
const NEG_PI_B2 = -PI_B2;
const NEG_PI_C2 = -PI_C2;
const COS_A = f(-PI_A2 * 0.5);
const COS_B = f(-PI_B2 * 0.5);
const COS_C = f(-PI_C2 * 0.5);

const isFiniteNumber = (d: number): boolean => d - d === 0;

/** Sleef_sinf8_u10 on one lane. */
export function sinf(d: number, wide: boolean): number {
  let q: number;
  let sx: number;
  let sy: number;
  if (!wide) {
    const u = rintf(f(d * M_1_PI));
    q = rintInt(u);
    const v = fmaf(u, NEG_PI_A2, d);
    // dfadd2_f_f(v, w) -> (ax, ay), then dfadd_f2_f(ax, ay, c), written out (see sinPoly)
    const w = f(u * NEG_PI_B2);
    const ax = f(v + w);
    const av = f(ax - v);
    const ay = f(f(v - f(ax - av)) + f(w - av));
    const c = f(u * NEG_PI_C2);
    sx = f(ax + c);
    sy = f(f(f(ax - sx) + c) + ay);
  } else {
    rempif(d);
    q = (((PI.q & 3) * 2 + (PI.x > 0 ? 2 : 1)) >> 2) | 0;
    let dx = PI.x;
    let dy = PI.y;
    if ((PI.q & 1) === 1) {
      dfadd2_f2_f2(dx, dy, mulsign(f(PI_HI * -0.5), PI.x), mulsign(f(PI_LO * -0.5), PI.x));
      dx = P.x;
      dy = P.y;
    }
    dfnormalize(dx, dy);
    sx = isFiniteNumber(d) ? P.x : NaN;
    sy = P.y;
  }
  let u = sinPoly(sx, sy);
  if ((q & 1) === 1) u = -u;
  return Object.is(d, -0) ? d : u;
}

/** Sleef_cosf8_u10 on one lane. */
export function cosf(d: number, wide: boolean): number {
  let q: number;
  let sx: number;
  let sy: number;
  if (!wide) {
    const dq = fmaf(rintf(fmaf(d, M_1_PI, -0.5)), 2, 1);
    q = rintInt(dq);
    // dfadd2_f_f, then dfadd2_f2_f twice, written out (see sinPoly)
    const a = f(dq * COS_A);
    const ax = f(d + a);
    const av = f(ax - d);
    const ay = f(f(d - f(ax - av)) + f(a - av));
    const b = f(dq * COS_B);
    const bx = f(ax + b);
    const bv = f(bx - ax);
    const by = f(f(f(ax - f(bx - bv)) + f(b - bv)) + ay);
    const c = f(dq * COS_C);
    sx = f(bx + c);
    const cv = f(sx - bx);
    sy = f(f(f(bx - f(sx - cv)) + f(c - cv)) + by);
  } else {
    rempif(d);
    q = (((PI.q & 3) * 2 + (PI.x > 0 ? 8 : 7)) >> 1) | 0;
    let dx = PI.x;
    let dy = PI.y;
    if ((PI.q & 1) === 0) {
      const y = PI.x > 0 ? 0 : -1;
      dfadd2_f2_f2(dx, dy, mulsign(f(PI_HI * -0.5), y), mulsign(f(PI_LO * -0.5), y));
      dx = P.x;
      dy = P.y;
    }
    dfnormalize(dx, dy);
    sx = isFiniteNumber(d) ? P.x : NaN;
    sy = P.y;
  }
  const u = sinPoly(sx, sy);
  return (q & 2) === 0 ? -u : u;
}

/** Sleef_tanf8_u10 on one lane. */
export function tanf(d: number, wide: boolean): number {
  let q: number;
  let sx: number;
  let sy: number;
  if (!wide) {
    const u = rintf(f(d * M_2_PI));
    q = rintInt(u);
    const v = fmaf(u, f(-PI_A2 * 0.5), d);
    dfadd2_f_f(v, f(u * f(-PI_B2 * 0.5)));
    dfadd_f2_f(P.x, P.y, f(u * f(-PI_C2 * 0.5)));
    sx = P.x;
    sy = P.y;
  } else {
    rempif(d);
    q = PI.q;
    const ok = isFiniteNumber(d);
    sx = ok ? PI.x : NaN;
    sy = ok ? PI.y : NaN;
  }
  const odd = (q & 1) === 1;
  if (odd) {
    sx = -sx;
    sy = -sy;
  }
  const tx = sx;
  const ty = sy;
  dfsqu(sx, sy);
  dfnormalize(P.x, P.y);
  sx = P.x;
  sy = P.y;
  let u = f(0.00446636462584137916564941);
  u = fmaf(u, sx, f(-8.3920182078145444393158e-5));
  u = fmaf(u, sx, f(0.0109639242291450500488281));
  u = fmaf(u, sx, f(0.0212360303848981857299805));
  u = fmaf(u, sx, f(0.0540687143802642822265625));
  dfadd_f_f(f(0.133325666189193725585938), f(u * sx));
  dfmul_f2_f2(sx, sy, P.x, P.y);
  dfadd_f_f2(f(0.33333361148834228515625), P.x, P.y);
  dfmul_f2_f2(P.x, P.y, sx, sy);
  dfadd_f_f2(1, P.x, P.y);
  dfmul_f2_f2(tx, ty, P.x, P.y);
  if (odd) dfrec_f2(P.x, P.y);
  const r = f(P.x + P.y);
  return Object.is(d, -0) ? d : r;
}

/** Whether a lane sends its vector to the wide reduction. */
export const needsWide = (d: number): boolean => !(Math.abs(d) < TRIG_RANGE);
