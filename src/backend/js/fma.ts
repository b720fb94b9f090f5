// fma(a, b, c) on doubles, rounded once as the x86 vfmadd instructions and C's fma() round it. JavaScript has
// no fused multiply-add, so the exact product comes from Dekker's split and the sum from Boldo and Melquiond's
// round-to-odd emulation; operands so large or small that the split would overflow or lose bits go through
// exact BigInt arithmetic instead.

const SPLIT = 134217729; // 2^27 + 1
const word = new Float64Array(1);
const words = new BigInt64Array(word.buffer);
const lowWord = new Uint32Array(word.buffer);

/** a * b - RN(a * b) exactly (Dekker), for products far from overflow and underflow. */
export function twoProductError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (p - ah * bh - al * bh - ah * bl);
}

/** x + y rounded to odd: the nearest double whose last mantissa bit is 1 when the sum is inexact. */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const bb = s - x;
  const err = x - (s - bb) + (y - bb);
  if (err === 0) return s;
  word[0] = s;
  const low = lowWord[0];
  if ((low & 1) === 1) return s;
  // s is even and inexact: step one ulp towards the exact sum, which is odd (no carry: low is even).
  if (err > 0 === s > 0) lowWord[0] = low + 1;
  else if (low !== 0) lowWord[0] = low - 1;
  else {
    lowWord[0] = 0xffffffff;
    lowWord[1] -= 1;
  }
  return word[0];
}

const TINY = 2 ** -960;
const HUGE = 2 ** 960;

/** Correctly rounded fma of doubles. */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const ap = Math.abs(p);
  const ac = Math.abs(c);
  // Fast path: the split, the product error and the sums below can neither overflow nor lose bits.
  if (ap > TINY && ap < HUGE && ac > TINY && ac < HUGE) {
    const aa = Math.abs(a);
    const ab = Math.abs(b);
    if (aa > TINY && aa < HUGE && ab > TINY && ab < HUGE) {
      const ul = twoProductError(a, b, p);
      const th = c + p;
      const bb = th - c;
      const tl = c - (th - bb) + (p - bb);
      return th + addRoundToOdd(tl, ul);
    }
  }
  if (!Number.isFinite(a) || !Number.isFinite(b)) return p + c;
  if (!Number.isFinite(c)) return c; // a finite exact product leaves c as it is (NaN stays NaN)
  if (a === 0 || b === 0) return p + c;
  if (c === 0 && ap > TINY && ap < HUGE) return p;
  return exactFma(a, b, c); // extreme magnitudes: exact arithmetic
}

/** A finite double as [mantissa, exponent] with value mantissa * 2^exponent. */
function decompose(x: number): [bigint, number] {
  word[0] = x;
  const bits = words[0];
  const e = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  if (e !== 0) m |= 1n << 52n;
  const value = bits < 0n ? -m : m;
  return [value, (e === 0 ? 1 : e) - 1075];
}

/** Exact a * b + c, rounded once to nearest even (also through overflow and the subnormal range). */
function exactFma(a: number, b: number, c: number): number {
  const [ma, xa] = decompose(a);
  const [mb, xb] = decompose(b);
  const [mc, xc] = decompose(c);
  const xp = xa + xb;
  const e = Math.min(xp, xc);
  const sum = ((ma * mb) << BigInt(xp - e)) + (mc << BigInt(xc - e));
  if (sum === 0n) return 0; // an exact cancellation rounds to +0
  return roundScaled(sum, e);
}

/** m * 2^e rounded to the nearest double, ties to even. */
function roundScaled(m: bigint, e: number): number {
  const negative = m < 0n;
  let mag = negative ? -m : m;
  const len = mag.toString(2).length;
  // Keep 53 significant bits, or fewer where the result is subnormal (its last bit is worth 2^-1074).
  const drop = Math.max(len - 53, -1074 - e);
  if (drop > 0) {
    const half = 1n << BigInt(drop - 1);
    const rest = mag & ((1n << BigInt(drop)) - 1n);
    mag >>= BigInt(drop);
    if (rest > half || (rest === half && (mag & 1n) === 1n)) mag += 1n;
    e += drop;
  }
  // mag < 2^54 and e >= -1074 now: the product is exact, or overflows as the rounded value does.
  const r = Number(mag) * 2 ** e;
  return negative ? -r : r;
}
