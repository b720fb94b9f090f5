// SLEEF 3.5's lgamma (xlgammaf_u1 of sleefsimdsp.c, xlgamma_u1 of sleefsimddp.c), which PyTorch 1.13's
// torch.lgamma runs on every element: its lgamma kernel is a VML one (IMPLEMENT_FLOAT_KERNEL: Vectorized's
// lgamma, Sleef_lgammaf8_u10 / Sleef_lgammad4_u10, on whole and partial vectors, strided inputs copied to a
// buffer first), so no element takes glibc's lgammaf. Ported lane for lane on sleef_df.ts (float pairs) and
// sleef_dd.ts (double pairs) with AVX2's fused multiply-adds; each vector select becomes a branch.
import {
  dfadd2_f2_f,
  dfadd2_f2_f2,
  dfadd2_f_f,
  dfadd2_f_f2,
  dfadd_f2_f2,
  dfdiv,
  dfmul_f2_f,
  dfmul_f2_f2,
  dfmul_f_f,
  dfnormalize,
  dfscale,
  dfsqu,
  f,
  f2const,
  fmaf,
  ilogbk,
  P,
  signbit,
  truncInt,
} from "./sleef_df.js";
import {
  D,
  ddadd2_d2_d,
  ddadd2_d2_d2,
  ddadd2_d_d,
  ddadd2_d_d2,
  ddadd_d2_d2,
  dddiv,
  ddmul_d2_d,
  ddmul_d2_d2,
  ddmul_d_d,
  ddnormalize,
  ddsqu,
  fma,
  ldexp2,
  poly7,
  toInt,
} from "./sleef_dd.js";

const FOUR_THIRDS = f(1 / 0.75);
const LN2_HI = f(0.69314718246459960938);
const LN2_LO = f(-1.904654323148236017e-9);
const pow2i = (q: number): number => {
  bitsF[0] = ((q + 0x7f) << 23) | 0;
  return wordF[0];
};
const wordF = new Float32Array(1);
const bitsF = new Int32Array(wordF.buffer);

/** logk2f: log of a float pair, into P. */
function logk2f(dx: number, dy: number): void {
  const e = ilogbk(f(dx * FOUR_THIRDS));
  const s2 = pow2i(-e);
  dfscale(dx, dy, s2);
  const mx = P.x;
  const my = P.y;
  dfadd2_f2_f(mx, my, 1);
  const px = P.x;
  const py = P.y;
  dfadd2_f2_f(mx, my, -1);
  dfdiv(P.x, P.y, px, py);
  const xx = P.x;
  const xy = P.y;
  dfsqu(xx, xy);
  const x2x = P.x;
  const x2y = P.y;
  let t = f(0.2392828464508056640625);
  t = fmaf(t, x2x, f(0.28518211841583251953125));
  t = fmaf(t, x2x, f(0.400005877017974853515625));
  t = fmaf(t, x2x, f(0.666666686534881591796875));
  dfmul_f2_f(LN2_HI, LN2_LO, f(e));
  const sx = P.x;
  const sy = P.y;
  dfadd_f2_f2(sx, sy, f(xx * 2), f(xy * 2));
  const ax = P.x;
  const ay = P.y;
  dfmul_f2_f2(x2x, x2y, xx, xy);
  dfmul_f2_f(P.x, P.y, t);
  dfadd_f2_f2(ax, ay, P.x, P.y);
}

/** sinpifk: sin(pi * d) as a float pair, into P. */
function sinpifk(d: number): void {
  let u = f(d * 4);
  let q = truncInt(u);
  q = ((q + ((q >>> 31) ^ 1)) | 0) & ~1;
  let o = (q & 2) === 2;
  let s = f(u - f(q));
  const t = s;
  s = f(s * s);
  dfmul_f_f(t, t);
  const s2x = P.x;
  const s2y = P.y;
  u = o ? f(-0.2430611801e-7) : f(0.3093842054e-6);
  u = fmaf(u, s, o ? f(0.359057708e-5) : f(-0.3657307388e-4));
  u = fmaf(u, s, o ? f(-0.3259917721e-3) : f(0.2490393585e-2));
  if (o) dfadd2_f_f2(f(u * s), f(0.015854343771934509277), f(4.4940051354032242811e-10));
  else dfadd2_f_f2(f(u * s), f(-0.080745510756969451904), f(-1.3373665339076936258e-9));
  dfmul_f2_f2(s2x, s2y, P.x, P.y);
  if (o) dfadd2_f2_f2(P.x, P.y, f(-0.30842512845993041992), f(-9.0728339030733922277e-9));
  else dfadd2_f2_f2(P.x, P.y, f(0.78539818525314331055), f(-2.1857338617566484855e-8));
  if (o) dfmul_f2_f2(P.x, P.y, s2x, s2y);
  else dfmul_f2_f2(P.x, P.y, t, 0);
  if (o) dfadd2_f2_f(P.x, P.y, 1);
  o = (q & 4) === 4;
  if (o) {
    P.x = -P.x;
    P.y = -P.y;
  }
}

const HALF_LOG_2PI = f2const(0.91893853320467278056);
const LOG_2_60 = f2const(41.58883083359671856503);
const LOG_PI = f2const(1.1447298858494001639);

/** gammafk's two pairs: log part (CLC) and the quotient (Q), lgamma = CLC + log|Q|. */
const CLC = { x: 0, y: 0 };
const Q = { x: 0, y: 0 };

// The polynomial coefficients, per branch: [o2 (x >= 2.3), o0 (0.5 <= x <= 1.2), otherwise].
const U: readonly (readonly number[])[] = [
  [0.000839498720672087279971000786, 0.9435157776, 0.110248955e-3],
  [-5.17179090826059219329394422e-5, 0.8670063615, 0.8160019934e-4],
  [-0.000592166437353693882857342347, 0.4826702476, 0.1528468856e-3],
  [6.97281375836585777403743539e-5, -0.8855129778e-1, -0.2355068718e-3],
  [0.000784039221720066627493314301, 0.1013825238, 0.4962242092e-3],
  [-0.000229472093621399176949318732, -0.1493408978, -0.1193488017e-2],
  [-0.00268132716049382716047395849, 0.169750914, 0.2891599433e-2],
  [0.00347222222222222222217516484, -0.2072454542, -0.7385451812e-2],
  [0.0833333333333333333355920879, 0.2705872357, 0.2058077045e-1],
].map((row) => row.map(f));

function gammafk(a: number): void {
  const otiny = Math.abs(a) < f(1e-30);
  const oref = a < 0.5;
  let xx: number;
  let xy: number;
  if (otiny) {
    xx = 0;
    xy = 0;
  } else if (oref) {
    dfadd2_f_f(1, -a);
    xx = P.x;
    xy = P.y;
  } else {
    xx = a;
    xy = 0;
  }
  const o0 = 0.5 <= xx && xx <= f(1.2);
  const o2 = f(2.3) <= xx;
  dfadd2_f2_f(xx, xy, 1);
  dfmul_f2_f2(P.x, P.y, xx, xy);
  dfnormalize(P.x, P.y);
  const y1x = P.x;
  const y1y = P.y;
  dfadd2_f2_f(xx, xy, 2);
  dfmul_f2_f2(P.x, P.y, y1x, y1y);
  dfnormalize(P.x, P.y);
  const o = o2 && xx <= 7;
  let cllnX = o ? P.x : 1;
  let cllnY = o ? P.y : 0;
  if (o) {
    dfadd2_f2_f(xx, xy, 3);
    xx = P.x;
    xy = P.y;
  }
  let t: number;
  if (o2) t = f(1 / xx);
  else {
    dfadd2_f2_f(xx, xy, o0 ? -1 : -2);
    dfnormalize(P.x, P.y);
    t = P.x;
  }
  const k = o2 ? 0 : o0 ? 1 : 2;
  let u = U[0][k];
  for (let i = 1; i < U.length; i++) u = fmaf(u, t, U[i][k]);

  let clcX: number;
  let clcY: number;
  let clldX = 1;
  let clldY = 0;
  if (o2) {
    logk2f(xx, xy);
    const lx = P.x;
    const ly = P.y;
    dfadd2_f2_f(xx, xy, -0.5);
    dfmul_f2_f2(P.x, P.y, lx, ly);
    dfadd2_f2_f2(P.x, P.y, -xx, -xy);
    dfadd2_f2_f2(P.x, P.y, HALF_LOG_2PI[0], HALF_LOG_2PI[1]);
    clcX = P.x;
    clcY = P.y;
    dfmul_f_f(u, t);
    dfadd2_f2_f(P.x, P.y, 1);
    clldX = P.x;
    clldY = P.y;
  } else {
    dfmul_f_f(u, t);
    dfadd2_f2_f(
      P.x,
      P.y,
      o0 ? f(-0.400686534596170958447352690395) : f(-0.673523028297382446749257758235e-1),
    );
    dfmul_f2_f(P.x, P.y, t);
    dfadd2_f2_f(P.x, P.y, o0 ? f(0.822466960142643054450325495997) : f(0.322467033928981157743538726901));
    dfmul_f2_f(P.x, P.y, t);
    dfadd2_f2_f(P.x, P.y, o0 ? f(-0.577215665946766039837398973297) : f(0.422784335087484338986941629852));
    dfmul_f2_f(P.x, P.y, t);
    clcX = P.x;
    clcY = P.y;
  }
  const yx = cllnX;
  const yy = cllnY;
  if (otiny) {
    clcX = LOG_2_60[0];
    clcY = LOG_2_60[1];
  } else if (oref) {
    dfadd2_f2_f2(LOG_PI[0], LOG_PI[1], -clcX, -clcY);
    clcX = P.x;
    clcY = P.y;
  }
  if (otiny) {
    cllnX = 1;
    cllnY = 0;
  } else if (!oref) {
    cllnX = clldX;
    cllnY = clldY;
  }
  if (otiny) {
    clldX = f(a * f(2 ** 60));
    clldY = 0;
  } else if (oref) {
    const tt = f(a - f(4096 * f(truncInt(f(a * f(1 / 4096))))));
    sinpifk(tt);
    dfmul_f2_f2(clldX, clldY, P.x, P.y);
    clldX = P.x;
    clldY = P.y;
  } else {
    clldX = yx;
    clldY = yy;
  }
  CLC.x = clcX;
  CLC.y = clcY;
  dfdiv(cllnX, cllnY, clldX, clldY);
  Q.x = P.x;
  Q.y = P.y;
}

/** Sleef_lgammaf8_u10 (xlgammaf_u1): log|Γ(a)| of a float. */
export function lgammaf(a: number): number {
  gammafk(a);
  // dfabs: |x|, and y's sign flipped where x's is negative.
  const neg = signbit(Q.x);
  logk2f(Math.abs(Q.x), neg ? -Q.y : Q.y);
  dfadd2_f2_f2(CLC.x, CLC.y, P.x, P.y);
  let r = f(P.x + P.y);
  const isInf = a === Infinity || a === -Infinity;
  if (isInf || (a <= 0 && Math.trunc(a) === a) || (!Number.isNaN(a) && !isInf && Number.isNaN(r)))
    r = Infinity;
  return r;
}

// ---- double: xlgamma_u1 -----------------------------------------------------------------------------------

const wordD = new Float64Array(1);
const halfD = new Int32Array(wordD.buffer);

/** vilogbk_vi_vd: the exponent, subnormals scaled up first (the mask keeps the sign bit, as SLEEF's does). */
function ilogbkD(d: number): number {
  const o = d < 4.9090934652977266e-91;
  wordD[0] = o ? 2.037035976334486e90 * d : d;
  const q = (halfD[1] & (((1 << 12) - 1) << 20)) >>> 20;
  return (q - (o ? 300 + 0x3ff : 0x3ff)) | 0;
}

const LOGK2_C = [
  0.1386043639046716791085, 0.131699838841615374240845, 0.153914168346271945653214,
  0.181816523941564611721589, 0.22222224632662035403996, 0.285714285511134091777308,
  0.400000000000914013309483,
];

/** logk2: log of a double pair, into D. */
function logk2(dx: number, dy: number): void {
  const e = ilogbkD(dx * (1 / 0.75));
  const mx = ldexp2(dx, -e);
  const my = ldexp2(dy, -e);
  ddadd2_d2_d(mx, my, 1);
  const px = D.x;
  const py = D.y;
  ddadd2_d2_d(mx, my, -1);
  dddiv(D.x, D.y, px, py);
  const xx = D.x;
  const xy = D.y;
  ddsqu(xx, xy);
  const x2x = D.x;
  const x2y = D.y;
  const x4 = x2x * x2x;
  const x8 = x4 * x4;
  let t = poly7(x2x, x4, x8, LOGK2_C);
  t = fma(t, x2x, 0.666666666666664853302393);
  ddmul_d2_d(0.693147180559945286226764, 2.319046813846299558417771e-17, e);
  const sx = D.x;
  const sy = D.y;
  ddadd_d2_d2(sx, sy, xx * 2, xy * 2);
  const ax = D.x;
  const ay = D.y;
  ddmul_d2_d2(x2x, x2y, xx, xy);
  ddmul_d2_d(D.x, D.y, t);
  ddadd_d2_d2(ax, ay, D.x, D.y);
}

const SINPI_U: readonly (readonly number[])[] = [
  [9.94480387626843774090208e-16, -2.02461120785182399295868e-14],
  [-3.89796226062932799164047e-13, 6.94821830580179461327784e-12],
  [1.15011582539996035266901e-10, -1.75724749952853179952664e-9],
  [-2.4611369501044697495359e-8, 3.13361688966868392878422e-7],
  [3.59086044859052754005062e-6, -3.6576204182161551920361e-5],
  [-0.000325991886927389905997954, 0.00249039457019271850274356],
];

/** sinpik: sin(pi * d) as a double pair, into D. */
function sinpik(d: number): void {
  let u = d * 4;
  let q = toInt(u);
  q = ((q + ((q >>> 31) ^ 1)) | 0) & ~1;
  let o = (q & 2) === 2;
  let s = u - q;
  const t = s;
  s = s * s;
  ddmul_d_d(t, t);
  const s2x = D.x;
  const s2y = D.y;
  const k = o ? 0 : 1;
  u = SINPI_U[0][k];
  for (let i = 1; i < SINPI_U.length; i++) u = fma(u, s, SINPI_U[i][k]);
  if (o) ddadd2_d_d2(u * s, 0.0158543442438155018914259, -1.04693272280631521908845e-18);
  else ddadd2_d_d2(u * s, -0.0807455121882807852484731, 3.61852475067037104849987e-18);
  ddmul_d2_d2(s2x, s2y, D.x, D.y);
  if (o) ddadd2_d2_d2(D.x, D.y, -0.308425137534042437259529, -1.95698492133633550338345e-17);
  else ddadd2_d2_d2(D.x, D.y, 0.785398163397448278999491, 3.06287113727155002607105e-17);
  if (o) ddmul_d2_d2(D.x, D.y, s2x, s2y);
  else ddmul_d2_d2(D.x, D.y, t, 0);
  if (o) ddadd2_d2_d(D.x, D.y, 1);
  o = (q & 4) === 4;
  if (o) {
    D.x = -D.x;
    D.y = -D.y;
  }
}

// gammak's polynomial, per branch: [o2 (x >= 2.3), o0 (0.5 <= x <= 1.1), otherwise].
const UD: readonly (readonly number[])[] = [
  [-156.801412704022726379848862, 0.2947916772827614196e2, 0.7074816000864609279e-7],
  [1.12080446428991160683855816, 0.1281459691827820109e3, 0.4009244333008730443e-6],
  [13.3979854551425892183330602, 0.2617544025784515043e3, 0.1040114641628246946e-5],
  [-0.116546276599463200848033357, 0.3287022855685790432e3, 0.1508349150733329167e-5],
  [-1.39180109326533748149556241, 0.2818145867730348186e3, 0.128814307493390102e-5],
  [0.0150561130400264244129189734, 0.1728670414673559605e3, 0.4744167749884993937e-6],
  [0.179540117061234856098844714, 0.7748735764030416817e2, -0.6554816306542489902e-7],
  [-0.00248174360026499773094248928, 0.2512856643080930752e2, -0.3189252471452599844e-6],
  [-0.0295278809456991205048510341, 0.5766792106140076868e1, 0.1358883821470355377e-6],
  [0.000540164767892604515196325186, 0.7270275473996180571, -0.434393127715733604e-6],
  [0.0064033628338080697947872562, 0.8396709124579147809e-1, 0.9724785897406779555e-6],
  [-0.000162516262783915816896611252, -0.8211558669746804595e-1, -0.2036886057225966011e-5],
  [-0.00191443849856547752646597239, 0.6828831828341884458e-1, 0.4373363141819725815e-5],
  [7.20489541602001055898311517e-5, -0.7712481339961671511e-1, -0.9439951268304008677e-5],
  [0.000839498720672087279971000786, 0.8337492023017314957e-1, 0.2050727030376389804e-4],
  [-5.17179090826059219329394422e-5, -0.9094964931456242518e-1, -0.4492620183431184018e-4],
  [-0.000592166437353693882857342347, 0.1000996313575929358, 0.9945751236071875931e-4],
  [6.97281375836585777403743539e-5, -0.1113342861544207724, -0.2231547599034983196e-3],
  [0.000784039221720066627493314301, 0.1255096673213020875, 0.5096695247101967622e-3],
  [-0.000229472093621399176949318732, -0.1440498967843054368, -0.1192753911667886971e-2],
  [-0.00268132716049382716047395849, 0.1695571770041949811, 0.289051033074221031e-2],
  [0.00347222222222222222217516484, -0.2073855510284092762, -0.7385551028674461858e-2],
  [0.0833333333333333333355920879, 0.2705808084277815939, 0.2058080842778455335e-1],
];

function gammak(a: number): void {
  const otiny = Math.abs(a) < 1e-306;
  const oref = a < 0.5;
  let xx: number;
  let xy: number;
  if (otiny) {
    xx = 0;
    xy = 0;
  } else if (oref) {
    ddadd2_d_d(1, -a);
    xx = D.x;
    xy = D.y;
  } else {
    xx = a;
    xy = 0;
  }
  const o0 = 0.5 <= xx && xx <= 1.1;
  const o2 = 2.3 <= xx;
  let yx = 1;
  let yy = 0;
  for (let k = 1; k <= 4; k++) {
    ddadd2_d2_d(xx, xy, k);
    if (k === 1) ddmul_d2_d2(D.x, D.y, xx, xy);
    else ddmul_d2_d2(D.x, D.y, yx, yy);
    ddnormalize(D.x, D.y);
    yx = D.x;
    yy = D.y;
  }
  const o = o2 && xx <= 7;
  let cllnX = o ? yx : 1;
  let cllnY = o ? yy : 0;
  if (o) {
    ddadd2_d2_d(xx, xy, 5);
    xx = D.x;
    xy = D.y;
  }
  let t: number;
  if (o2) t = 1 / xx;
  else {
    ddadd2_d2_d(xx, xy, o0 ? -1 : -2);
    ddnormalize(D.x, D.y);
    t = D.x;
  }
  const k = o2 ? 0 : o0 ? 1 : 2;
  let u = UD[0][k];
  for (let i = 1; i < UD.length; i++) u = fma(u, t, UD[i][k]);

  let clcX: number;
  let clcY: number;
  let clldX = 1;
  let clldY = 0;
  if (o2) {
    logk2(xx, xy);
    const lx = D.x;
    const ly = D.y;
    ddadd2_d2_d(xx, xy, -0.5);
    ddmul_d2_d2(D.x, D.y, lx, ly);
    ddadd2_d2_d2(D.x, D.y, -xx, -xy);
    ddadd2_d2_d2(D.x, D.y, 0.91893853320467278056, -3.8782941580672414498e-17);
    clcX = D.x;
    clcY = D.y;
    ddmul_d_d(u, t);
    ddadd2_d2_d(D.x, D.y, 1);
    clldX = D.x;
    clldY = D.y;
  } else {
    ddmul_d_d(u, t);
    ddadd2_d2_d(D.x, D.y, o0 ? -0.4006856343865314862 : -0.6735230105319810201e-1);
    ddmul_d2_d(D.x, D.y, t);
    ddadd2_d2_d(D.x, D.y, o0 ? 0.822467033424113203 : 0.322467033424113203);
    ddmul_d2_d(D.x, D.y, t);
    ddadd2_d2_d(D.x, D.y, o0 ? -0.5772156649015328655 : 0.4227843350984671345);
    ddmul_d2_d(D.x, D.y, t);
    clcX = D.x;
    clcY = D.y;
  }
  const y2x = cllnX;
  const y2y = cllnY;
  if (otiny) {
    clcX = 83.1776616671934334590333;
    clcY = 3.67103459631568507221878e-15;
  } else if (oref) {
    ddadd2_d2_d2(1.1447298858494001639, 1.026595116270782638e-17, -clcX, -clcY);
    clcX = D.x;
    clcY = D.y;
  }
  if (otiny) {
    cllnX = 1;
    cllnY = 0;
  } else if (!oref) {
    cllnX = clldX;
    cllnY = clldY;
  }
  if (otiny) {
    clldX = a * 2 ** 120;
    clldY = 0;
  } else if (oref) {
    const tt = a - 2 ** 28 * toInt(a * (1 / 2 ** 28));
    sinpik(tt);
    ddmul_d2_d2(clldX, clldY, D.x, D.y);
    clldX = D.x;
    clldY = D.y;
  } else {
    clldX = y2x;
    clldY = y2y;
  }
  CLC.x = clcX;
  CLC.y = clcY;
  dddiv(cllnX, cllnY, clldX, clldY);
  Q.x = D.x;
  Q.y = D.y;
}

/** Sleef_lgammad4_u10 (xlgamma_u1): log|Γ(a)| of a double. */
export function lgamma(a: number): number {
  gammak(a);
  const neg = signbit(Q.x);
  logk2(Math.abs(Q.x), neg ? -Q.y : Q.y);
  ddadd2_d2_d2(CLC.x, CLC.y, D.x, D.y);
  let r = D.x + D.y;
  const isInf = a === Infinity || a === -Infinity;
  if (isInf || (a <= 0 && Math.trunc(a) === a) || (!Number.isNaN(a) && !isInf && Number.isNaN(r)))
    r = Infinity;
  return r;
}
