// The integer kernels of src/ops/bitwise.ts (bitwise and/or/xor/not, the shifts, gcd, lcm) and the sign and
// infinity tests (signbit, isposinf, isneginf), as PyTorch 1.13's CPU kernels compute them on x86.
//
// A kernel learns its dtype from `r`, the dtype's wrap function: int64 (values in a Float64Array), int32 or bool.
// JS's `&`, `|`, `^`, `~`, `<<` and `>>` work on 32 bits, which is exactly int32's arithmetic (the shifts
// included: x86 masks a 32-bit shift count to 5 bits, and so does JS). int64 values beyond 32 bits are split
// into a signed high and an unsigned low 32-bit half; shifts are multiplications and floors by powers of two,
// which doubles compute exactly. Results are exact wherever an int64 tensor can hold them (docs/int64.md);
// beyond 2^53 a result is the double nearest to PyTorch's.
import { int32, int64 } from "../../tensor/dtype.js";

type Round = (v: number) => number;

const TWO32 = 4294967296;
/** 2^63, which no int64 holds, and the largest double below it. */
const TWO63 = 2 ** 63;
const BELOW_TWO63 = TWO63 - 1024;

const isInt32 = (v: number): boolean => (v | 0) === v;

/** A result rounded to a double: one that rounded up to 2^63 is the largest int64 a double holds. */
const inInt64 = (v: number): number => (v >= TWO63 ? BELOW_TWO63 : v);

/** a op b on int64 values, by halves: the high half signed, the low half unsigned. */
function int64Bits(a: number, b: number, op: (x: number, y: number) => number): number {
  const ha = Math.floor(a / TWO32);
  const hb = Math.floor(b / TWO32);
  const lo = op(a - ha * TWO32, b - hb * TWO32) >>> 0;
  return inInt64(op(ha, hb) * TWO32 + lo);
}

const and = (x: number, y: number): number => x & y;
const or = (x: number, y: number): number => x | y;
const xor = (x: number, y: number): number => x ^ y;

/** A bitwise kernel: 32-bit JS operators where both values fit (bool, int32, small int64), halves otherwise. */
function bitwise(op: (x: number, y: number) => number) {
  return (a: number, b: number, r: Round): number =>
    r !== int64.wrap || (isInt32(a) && isInt32(b)) ? op(a, b) : int64Bits(a, b, op);
}

/** 2^s and 2^-s for the shift counts 0..63. */
const POW2 = Array.from({ length: 64 }, (_, s) => 2 ** s);
const INV_POW2 = Array.from({ length: 64 }, (_, s) => 2 ** -s);

/**
 * lshift_kernel: `static_cast<unsigned>(a) << b`, whose count x86 masks to the operand's width (6 bits for int64,
 * 5 for int32), so `1 << 64` is 1 and `1 << -1` is INT64_MIN. a * 2^s is exact, and so is wrapping it to int64.
 */
function lshift(a: number, b: number, r: Round): number {
  if (r === int32.wrap) return a << b;
  const v = a * POW2[b & 63];
  return v >= -TWO63 && v < TWO63 ? v : int64.wrap(v);
}

/** rshift_kernel: an arithmetic shift by the masked count (floor of a * 2^-s, exact in doubles). */
function rshift(a: number, b: number, r: Round): number {
  if (r === int32.wrap) return a >> b;
  return Math.floor(a * INV_POW2[b & 63]) || 0;
}

/**
 * calc_gcd: Euclid's algorithm on std::abs of both (which leaves the type's minimum negative: abs wraps). `%`
 * on doubles is C's truncating remainder, exact.
 */
function gcd(aIn: number, bIn: number, r: Round): number {
  let a = r(Math.abs(aIn));
  let b = r(Math.abs(bIn));
  while (a !== 0) {
    const c = a;
    a = b % a;
    b = c;
  }
  return b || 0;
}

/** lcm_kernel: `g == 0 ? 0 : std::abs(a / g * b)`, the product wrapping around as C's does. */
function lcm(a: number, b: number, r: Round): number {
  const g = gcd(a, b, r);
  if (g === 0) return 0;
  const q = Math.trunc(a / g);
  let product: number;
  if (r === int32.wrap) product = Math.imul(q, b);
  else {
    product = q * b;
    if (!Number.isSafeInteger(product)) product = Number(BigInt.asIntN(64, BigInt(q) * BigInt(b)));
    product = inInt64(product);
  }
  return r(Math.abs(product));
}

/** bitwise_not: `!a` for bool, `~a` (-a - 1) for integers. */
function bitwiseNot(x: number, r: Round): number {
  if (r === int64.wrap) return isInt32(x) ? ~x : inInt64(-x - 1);
  if (r === int32.wrap) return ~x;
  return x === 0 ? 1 : 0;
}

const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

/** std::signbit: set for negative numbers, -0 and NaNs whose sign bit is set; never for integers or bools. */
function signbit(x: number): number {
  if (x < 0 || Object.is(x, -0)) return 1;
  if (x === x) return 0;
  scratch[0] = x;
  return scratchBytes[7] >> 7;
}

export const BITWISE_BINARY = {
  bitwise_and: bitwise(and),
  bitwise_or: bitwise(or),
  bitwise_xor: bitwise(xor),
  lshift,
  rshift,
  gcd,
  lcm,
};

export const BITWISE_UNARY = {
  bitwise_not: (x: number, r: Round): number => bitwiseNot(x, r),
  signbit: (x: number): number => signbit(x),
  isposinf: (x: number): number => (x === Infinity ? 1 : 0),
  isneginf: (x: number): number => (x === -Infinity ? 1 : 0),
};
