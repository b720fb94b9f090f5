// glibc's log2f (sysdeps/ieee754/flt-32/e_log2f.c, __log2f_data from e_log2f_data.c) as PyTorch 1.13's float
// kernels call it (std::log2 on float: logaddexp2's scalar path). x86-64 glibc picks its FMA build on CPUs
// with FMA, so the multiply-adds of the polynomial are fused; each is emulated exactly (fma.ts).
import { fma } from "./fma.js";
import { asFloat, asInt, f } from "./sleef_df.js";

/** __log2f_data.tab: (invc, logc) for each of the 16 subintervals of [OFF, 2 OFF]. */
const TAB: readonly (readonly [number, number])[] = [
  [1.398907162146528, -0.48430022186289673],
  [1.3403141896637998, -0.42257122959194704],
  [1.286432210124115, -0.3633754347673556],
  [1.2367150214269895, -0.30651309567405577],
  [1.1906977166711752, -0.25180720160537634],
  [1.1479821020556429, -0.19910014943794563],
  [1.1082251448272158, -0.14825100623281615],
  [1.0711297413057381, -0.09913323807318392],
  [1.036437278977283, -0.051632812977629436],
  [1, 0],
  [0.9492859795739057, 0.07508531937943004],
  [0.8951049428609004, 0.15987125980713107],
  [0.8476821620351103, 0.2384046664317681],
  [0.8050314851692001, 0.31288288605863257],
  [0.7664671008843108, 0.38370422656453185],
  [0.731428603316328, 0.451211048935815],
];
const A0 = -0.36051725506874704;
const A1 = 0.4811247078767291;
const A2 = -0.7213476299867769;
const A3 = 1.4426950186867042;
const OFF = 0x3f330000;

/** glibc's log2f (its FMA build), bit for bit. */
export function log2f(x: number): number {
  let ix = asInt(x) >>> 0;
  if (ix === 0x3f800000) return 0;
  if ((ix - 0x00800000) >>> 0 >= 0x7f800000 - 0x00800000) {
    if ((ix << 1) >>> 0 === 0) return -Infinity;
    if (ix === 0x7f800000) return x;
    if (ix & 0x80000000 || (ix << 1) >>> 0 >= 0xff000000) return NaN;
    // A subnormal: normalize it.
    ix = (asInt(f(x * 2 ** 23)) >>> 0) - (23 << 23);
  }
  const tmp = (ix - OFF) >>> 0;
  const i = (tmp >>> (23 - 4)) % 16;
  const k = (tmp | 0) >> 23;
  const iz = (ix - ((tmp & 0xff800000) >>> 0)) >>> 0;
  const [invc, logc] = TAB[i];
  const z = asFloat(iz | 0);
  const r = fma(z, invc, -1);
  const y0 = logc + k;
  const r2 = r * r;
  let y = fma(A1, r, A2);
  y = fma(A0, r2, y);
  const p = fma(A3, r, y0);
  y = fma(y, r2, p);
  return f(y);
}
