// SLEEF 3.5's float64 exponential family as its AVX2 build (Sleef_*d4_u10, FMA) computes each lane: exp,
// expm1, sinh, cosh, tanh, erf and erfc (xexp, xexpm1, xsinh, xcosh, xtanh, xerf_u1, xerfc_u15 of
// sleefsimddp.c), which
// PyTorch's Vectorized<double> calls. Pair arithmetic from sleef_dd.ts.
import {
  D,
  ddadd2_d2_d,
  ddadd2_d2_d2,
  ddadd_d2_d2,
  ddadd_d_d2,
  dddiv,
  ddmul_d2_d,
  ddmul_d2_d2,
  ddmul_d_d,
  ddrec_d2,
  ddsqu,
  ddsub_d2_d2,
  fma,
  ldexp2,
  mulsign,
  poly10,
  rint,
  signbit,
  toInt,
} from "./sleef_dd.js";

export const R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931;
export const L2U = 0.69314718055966295651160180568695068359375;
export const L2L = 0.28235290563031577122588448175013436025525412068e-12;

const EXP_POLY = [
  0.2081276378237164457e-8, 0.2511210703042288022e-7, 0.2755762628169491192e-6, 0.2755723402025388239e-5,
  0.2480158687479686264e-4, 0.198412698985586585e-3, 0.1388888888914497797e-2, 0.833333333331493821e-2,
  0.4166666666666602598e-1, 0.1666666666666669072,
];

/** Sleef_expd4_u10 on one lane. */
export function exp(d: number): number {
  const u0 = rint(d * R_LN2);
  const q = toInt(u0);
  let s = fma(u0, -L2U, d);
  s = fma(u0, -L2L, s);
  const s2 = s * s;
  const s4 = s2 * s2;
  const s8 = s4 * s4;
  let u = poly10(s, s2, s4, s8, EXP_POLY);
  u = fma(u, s, 0.5);
  u = fma(u, s, 1);
  u = fma(u, s, 1);
  u = ldexp2(u, q);
  if (d > 709.78271114955742909217217426) u = Infinity;
  if (d < -1000) u = 0;
  return u;
}

const EXPK2_POLY = [
  0.1602472219709932072e-9, 0.2092255183563157007e-8, 0.2505230023782644465e-7, 0.2755724800902135303e-6,
  0.2755731892386044373e-5, 0.2480158735605815065e-4, 0.1984126984148071858e-3, 0.1388888888886763255e-2,
  0.8333333333333347095e-2, 0.4166666666666669905e-1,
];

/** expk2: exp of a pair as a pair, into D. */
export function expk2(dx: number, dy: number): void {
  const dq = rint((dx + dy) * R_LN2);
  const q = toInt(dq);
  ddadd2_d2_d(dx, dy, dq * -L2U);
  ddadd2_d2_d(D.x, D.y, dq * -L2L);
  const sx = D.x;
  const sy = D.y;
  ddsqu(sx, sy);
  const s2x = D.x;
  const s2y = D.y;
  ddsqu(s2x, s2y);
  const s4x = D.x;
  const s4y = D.y;
  const u = poly10(sx, s2x, s4x, s4x * s4x, EXPK2_POLY);
  ddmul_d2_d(sx, sy, 0.1666666666666666574);
  ddadd_d_d2(0.5, D.x, D.y);
  ddmul_d2_d2(D.x, D.y, sx, sy);
  ddadd_d_d2(1, D.x, D.y);
  ddmul_d2_d2(D.x, D.y, sx, sy);
  ddadd_d_d2(1, D.x, D.y);
  const tx = D.x;
  const ty = D.y;
  ddmul_d2_d(s4x, s4y, u);
  ddadd_d2_d2(tx, ty, D.x, D.y);
  const under = dx < -1000;
  const rx = under ? 0 : ldexp2(D.x, q);
  const ry = under ? 0 : ldexp2(D.y, q);
  D.x = rx;
  D.y = ry;
}

/** Sleef_expm1d4_u10 on one lane. */
export function expm1(a: number): number {
  expk2(a, 0);
  ddadd2_d2_d(D.x, D.y, -1);
  let x = D.x + D.y;
  if (a > 709.782712893383996732223) x = Infinity;
  if (a < -36.736800569677101399113302437) x = -1;
  if (Object.is(a, -0)) x = -0;
  return x;
}

/** sinh (sign -1) or cosh (sign 1): (e^|x| -+ e^-|x|) / 2 in pairs. */
function hyperbolic(x: number, sign: 1 | -1): number {
  expk2(Math.abs(x), 0);
  const dx = D.x;
  const dy = D.y;
  ddrec_d2(dx, dy);
  if (sign < 0) ddsub_d2_d2(dx, dy, D.x, D.y);
  else ddadd_d2_d2(dx, dy, D.x, D.y);
  let y = (D.x + D.y) * 0.5;
  if (Math.abs(x) > 710 || Number.isNaN(y)) y = Infinity;
  if (sign < 0) y = mulsign(y, x);
  return Number.isNaN(x) ? NaN : y;
}

/** Sleef_sinhd4_u10 on one lane. */
export const sinh = (x: number): number => hyperbolic(x, -1);
/** Sleef_coshd4_u10 on one lane. */
export const cosh = (x: number): number => hyperbolic(x, 1);

/** Sleef_tanhd4_u10 on one lane. */
export function tanh(x: number): number {
  if (Number.isNaN(x)) return NaN;
  // Lanes past 18.714973875 become +-1 whatever expk2 gave, so it is skipped there.
  if (Math.abs(x) > 18.714973875) return signbit(x) ? -1 : 1;
  expk2(Math.abs(x), 0);
  const dx = D.x;
  const dy = D.y;
  ddrec_d2(dx, dy);
  const ex = D.x;
  const ey = D.y;
  ddadd2_d2_d2(dx, dy, -ex, -ey);
  const nx = D.x;
  const ny = D.y;
  ddadd2_d2_d2(dx, dy, ex, ey);
  dddiv(nx, ny, D.x, D.y);
  const y = D.x + D.y;
  return mulsign(Number.isNaN(y) ? 1 : y, x);
}

// xerf_u1's three polynomials (|x| < 1, < 3.7, < 6), coefficient k of each range.
const ERF = [
  [0.6801072401395392157e-20, 0.283095452208771766e-13, -0.5846750404269610493e-17],
  [-0.2161766247570056391e-18, -0.150949194617948194e-11, 0.6076691048812607898e-15],
  [0.4695919173301598752e-17, 0.3827857177807173152e-10, -0.3007518609604893831e-13],
  [-0.9049140419888010819e-16, -0.6139733921558987241e-9, 0.9427906260824646063e-12],
  [0.1634018903557411517e-14, 0.6985387934608038824e-8, -0.2100110908269393629e-10],
  [-0.2783485786333455216e-13, -0.5988224513034371474e-7, 0.3534639523461223473e-9],
  [0.4463221276786412722e-12, 0.400571695235534664e-6, -0.4664967728285395926e-8],
  [-0.6711366622850138987e-11, -0.21321901045757844e-5, 0.4943823283769000532e-7],
  [0.9422759050232658346e-10, 0.9092461304042630325e-5, -0.4271203394761148254e-6],
  [-0.1229055530100228477e-8, -0.3079188080966205457e-4, 0.3034067677404915895e-5],
  [0.1480719281585085023e-7, 0.7971413443082370762e-4, -0.1776295289066871135e-4],
  [-0.1636584469123402714e-6, -0.1387853215225442864e-3, 0.852454763055950505e-4],
  [0.1646211436588923363e-5, 0.6469678026257590965e-4, -0.3290582944961784398e-3],
  [-0.1492565035840624866e-4, 0.499664528037294586e-3, 0.9696966068789101157e-3],
  [0.1205533298178966496e-3, -0.1622802482842520535e-2, -0.1812527628046986137e-2],
  [-0.8548327023450851166e-3, 0.1615320557049377171e-3, -0.4725409828123619017e-3],
  [0.5223977625442188799e-2, 0.1915262325574875607e-1, 0.2090315427924229266e-1],
  [-0.2686617064513125569e-1, -0.1027818298486033455, -0.1052041921842776645],
  [0.1128379167095512753, -0.6366172819842503827, -0.6345351808766568347],
  [-0.376126389031837538, -0.1128379590648910469e1, -0.1129442929103524396e1],
];
const ERF_HI = [1.1283791670955125586, 3.4110644736196137587e-8, 0.00024963035690526438285];
const ERF_LO = [1.5335459613165822674e-17, -2.4875650708323294246e-24, -5.4362665034856259795e-21];

/** Sleef_erfd4_u10 on one lane. */
export function erf(s: number): number {
  const a = Math.abs(s);
  if (Number.isNaN(a)) return NaN;
  const range = a < 1 ? 0 : a < 3.7 ? 1 : 2;
  const u = range === 0 ? a * a : a;
  let t = ERF[0][range];
  for (let k = 1; k < ERF.length; k++) t = fma(t, u, ERF[k][range]);
  ddmul_d_d(t, u);
  ddadd2_d2_d2(D.x, D.y, ERF_HI[range], ERF_LO[range]);
  if (range === 0) ddmul_d2_d(D.x, D.y, a);
  else {
    expk2(D.x, D.y);
    ddadd_d_d2(1, -D.x, -D.y);
  }
  return mulsign(a < 6 ? D.x + D.y : 1, s);
}

/** xerfc_u15's polynomial, per range (|a| < 1, < 2.2, < 4.2, < 27.3), highest power first. */
const ERFC_POLY = [
  [
    0.6801072401395386139e-20, -0.2161766247570055669e-18, 0.469591917330159567e-17,
    -0.9049140419888007122e-16, 0.1634018903557410728e-14, -0.2783485786333451745e-13,
    0.4463221276786415752e-12, -0.6711366622850136563e-11, 0.9422759050232662223e-10,
    -0.1229055530100229098e-8, 0.1480719281585086512e-7, -0.1636584469123399803e-6, 0.1646211436588923575e-5,
    -0.1492565035840623511e-4, 0.1205533298178967851e-3, -0.8548327023450850081e-3, 0.5223977625442187932e-2,
    -0.2686617064513125222e-1,
  ],
  [
    0.3438010341362585303e-12, -0.1237021188160598264e-10, 0.2117985839877627852e-9,
    -0.2290560929177369506e-8, 0.1748931621698149538e-7, -0.9956602606623249195e-7, 0.433001024064032708e-6,
    -0.1435050600991763331e-5, 0.3460139479650695662e-5, -0.4988908180632898173e-5, -0.1308775976326352012e-5,
    0.2825086540850310103e-4, -0.6393913713069986071e-4, -0.2566436514695078926e-4, 0.5895792375659440364e-3,
    -0.1695715579163588598e-2, 0.2089116434918055149e-3, 0.1912855949584917753e-1,
  ],
  [
    -0.5757819536420710449e2, 0.4669289654498104483e3, -0.1796329879461355858e4, 0.4355892193699575728e4,
    -0.7456258884965764992e4, 0.9553977358167021521e4, -0.9470019905444229153e4, 0.7387344321849855078e4,
    -0.455771305416638279e4, 0.2207866967354055305e4, -0.8217975658621754746e3, 0.22686594835079174e3,
    -0.4633361260318560682e2, 0.9557380123733945965e1, -0.2958429331939661289e1, 0.167032950809276548,
    0.6096615680115419211, 0.1059212443193543585e-2,
  ],
  [
    0.2334249729638701319e5, -0.4695661044933107769e5, 0.3173403108748643353e5, 0.3242982786959573787e4,
    -0.2014717999760347811e5, 0.1554006970967118286e5, -0.6150874190563554293e4, 0.1240047765634815732e4,
    -0.8210325475752699731e2, 0.324244388083993087e2, -0.2923418863833160586e2, 0.3457461732814383071,
    0.5489730155952392998e1, 0.1559934132251294134e-2, -0.1541741566831520638e1, 0.2823152230558364186e-5,
    0.6249999184195342838, 0.1741749416408701288e-8,
  ],
];
/** The three pair constants added after each multiply by u, per range. */
const ERFC_PAIRS = [
  [
    [0.11283791670955126141, -4.0175691625932118483e-18],
    [-0.37612638903183753802, 1.3391897206042552387e-17],
    [1.1283791670955125586, 1.5335459613165822674e-17],
  ],
  [
    [-0.10277263343147646779, -6.2338714083404900225e-18],
    [-0.63661976742916359662, 7.6321019159085724662e-18],
    [-1.1283791674717296161, 8.0896847755965377194e-17],
  ],
  [
    [-0.50005180473999022439, 2.6362140569041995803e-17],
    [1.601106273924963368e-6, 1.1974001857764476775e-23],
    [-0.57236496645145429341, 3.0704553245872027258e-17],
  ],
  [
    [-0.5000000000258444377, -4.0074044712386992281e-17],
    [2.3761973137523364792e-13, -1.1670076950531026582e-29],
    [-0.57236494292470108114, -2.3984352208056898003e-17],
  ],
];

/** Sleef_erfcd4_u15 on one lane. */
export function erfc(s: number): number {
  const a = Math.abs(s);
  const o0 = a < 1;
  const o1 = a < 2.2;
  const range = o0 ? 0 : o1 ? 1 : a < 4.2 ? 2 : 3;
  let ux: number;
  let uy: number;
  if (o0) {
    ddmul_d_d(a, a);
    ux = D.x;
    uy = D.y;
  } else if (o1) {
    ux = a;
    uy = 0;
  } else {
    dddiv(1, 0, a, 0);
    ux = D.x;
    uy = D.y;
  }
  const c = ERFC_POLY[range];
  let t = c[0];
  for (let i = 1; i < c.length; i++) t = fma(t, ux, c[i]);
  const [p0, p1, p2] = ERFC_PAIRS[range];
  ddmul_d2_d(ux, uy, t);
  ddadd2_d2_d2(D.x, D.y, p0[0], p0[1]);
  ddmul_d2_d2(D.x, D.y, ux, uy);
  ddadd2_d2_d2(D.x, D.y, p1[0], p1[1]);
  ddmul_d2_d2(D.x, D.y, ux, uy);
  ddadd2_d2_d2(D.x, D.y, p2[0], p2[1]);
  const dx = D.x;
  const dy = D.y;
  if (o1) ddmul_d2_d(dx, dy, a);
  else {
    ddmul_d2_d(-a, 0, a);
    ddadd2_d2_d2(D.x, D.y, dx, dy);
  }
  if (o0) ddsub_d2_d2(1, 0, D.x, D.y);
  else expk2(D.x, D.y);
  if (!o1) ddmul_d2_d2(D.x, D.y, ux, uy);
  let r = a < 27.3 ? D.x + D.y : 0;
  if (signbit(s)) r = 2 - r;
  return Number.isNaN(s) ? NaN : r;
}
