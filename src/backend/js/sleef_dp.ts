// SLEEF 3.5's float64 tanh (xtanh: Sleef_tanhd4_u10, which PyTorch's AVX2 Vectorized<double>::tanh calls on
// every element) on "double-double" pairs with dd.h's FMA arithmetic, the fused steps emulated exactly
// (fma.ts). Pair results land in D (D.x high, D.y low).
import { fma, twoProductError } from "./fma.js";

const D = { x: 0.5, y: 0.5 };

/** x * y - s exactly where s = RN(x * y) (vfmapn): Dekker's product error away from overflow and underflow. */
function productError(x: number, y: number, s: number): number {
  const a = Math.abs(s);
  return a > 1e-290 && a < 1e290 ? twoProductError(x, y, s) : fma(x, y, -s);
}

function ddadd2_d2_d(xx: number, xy: number, y: number): void {
  const s = xx + y;
  const v = s - xx;
  const w = xx - (s - v) + (y - v);
  D.x = s;
  D.y = w + xy;
}

function ddadd2_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx + yx;
  const v = s - xx;
  const t = xx - (s - v) + (yx - v);
  D.x = s;
  D.y = t + (xy + yy);
}

function ddadd_d_d2(x: number, yx: number, yy: number): void {
  const s = x + yx;
  D.x = s;
  D.y = x - s + yx + yy;
}

function ddadd_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx + yx;
  D.x = s;
  D.y = xx - s + yx + xy + yy;
}

function ddsqu(xx: number, xy: number): void {
  const s = xx * xx;
  D.x = s;
  D.y = fma(xx + xx, xy, productError(xx, xx, s));
}

function ddmul_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx * yx;
  D.x = s;
  D.y = fma(xx, yy, fma(xy, yx, productError(xx, yx, s)));
}

function ddmul_d2_d(xx: number, xy: number, y: number): void {
  const s = xx * y;
  D.x = s;
  D.y = fma(xy, y, productError(xx, y, s));
}

function ddrec_d2(dx: number, dy: number): void {
  const s = 1 / dx;
  D.x = s;
  D.y = s * fma(-dy, s, fma(-dx, s, 1));
}

function dddiv(nx: number, ny: number, dx: number, dy: number): void {
  const t = 1 / dx;
  const s = nx * t;
  const u = productError(t, nx, s);
  const v = fma(-dy, t, fma(-dx, t, 1));
  D.x = s;
  D.y = fma(s, v, fma(ny, t, u));
}

/** round half to even in double (vrint_vd_vd). */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931;
const L2U = 0.69314718055966295651160180568695068359375;
const L2L = 0.28235290563031577122588448175013436025525412068e-12;
const E = { x: 0.5, y: 0.5 };

/** expk2: exp of a pair as a pair (E), for |d| where tanh is not yet 1 (2^q needs no care beyond 2^±1022). */
function expk2(dx: number, dy: number): void {
  const dq = rint((dx + dy) * R_LN2);
  ddadd2_d2_d(dx, dy, dq * -L2U);
  ddadd2_d2_d(D.x, D.y, dq * -L2L);
  const sx = D.x;
  const sy = D.y;
  ddsqu(sx, sy);
  const s2 = D.x;
  const s2y = D.y;
  ddsqu(s2, s2y);
  const s4x = D.x;
  const s4y = D.y;
  const s8 = s4x * s4x;
  // POLY10 in Estrin's scheme, as estrin.h nests it.
  const p4a = fma(
    s2,
    fma(sx, 0.2505230023782644465e-7, 0.2755724800902135303e-6),
    fma(sx, 0.2755731892386044373e-5, 0.2480158735605815065e-4),
  );
  const p4b = fma(
    s2,
    fma(sx, 0.1984126984148071858e-3, 0.1388888888886763255e-2),
    fma(sx, 0.8333333333333347095e-2, 0.4166666666666669905e-1),
  );
  const u = fma(s8, fma(sx, 0.1602472219709932072e-9, 0.2092255183563157007e-8), fma(s4x, p4a, p4b));
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
  const q = dq;
  const h = Math.floor(q / 2);
  const under = dx < -1000;
  E.x = under ? 0 : D.x * 2 ** h * 2 ** (q - h);
  E.y = under ? 0 : D.y * 2 ** h * 2 ** (q - h);
}

/** Sleef_tanhd4_u10 on one lane. */
export function tanh(x: number): number {
  const ax = Math.abs(x);
  if (Number.isNaN(x)) return NaN;
  // Lanes past 18.714973875 become +-1 whatever expk2 gave, so it is skipped there.
  if (ax > 18.714973875) return x < 0 ? -1 : 1;
  expk2(ax, 0);
  const dx = E.x;
  const dy = E.y;
  ddrec_d2(dx, dy);
  const ex = D.x;
  const ey = D.y;
  ddadd2_d2_d2(dx, dy, -ex, -ey);
  const nx = D.x;
  const ny = D.y;
  ddadd2_d2_d2(dx, dy, ex, ey);
  dddiv(nx, ny, D.x, D.y);
  const y = D.x + D.y;
  const r = Number.isNaN(y) ? 1 : y;
  return x < 0 || Object.is(x, -0) ? -r : r;
}
