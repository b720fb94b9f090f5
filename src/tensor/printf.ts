// Python's '{:.Nf}' and '{:.Ne}' float formatting, reproduced exactly.
//
// Python (like C printf) rounds the exact binary value of the double to N digits, breaking exact
// ties to even. JS toFixed/toExponential break ties away from zero and switch to exponent form
// for large values, so the digits are computed here from the double's exact value with BigInt.

/** |x| = mantissa * 2^exponent exactly, plus the sign bit (so -0 is negative). */
interface ExactDouble {
  readonly negative: boolean;
  readonly mantissa: bigint;
  readonly exponent: number;
}

const scratch = new DataView(new ArrayBuffer(8));

function decompose(x: number): ExactDouble {
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biasedExponent = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biasedExponent === 0) return { negative, mantissa: fraction, exponent: -1074 };
  return { negative, mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 };
}

const powersOfTen: bigint[] = [1n];
function pow10(n: number): bigint {
  for (let i = powersOfTen.length; i <= n; i++) powersOfTen.push(powersOfTen[i - 1]! * 10n);
  return powersOfTen[n]!;
}

/** num/den rounded to an integer, exact ties to even (IEEE / printf rounding). */
function divideRoundHalfEven(num: bigint, den: bigint): bigint {
  const quotient = num / den;
  const twiceRemainder = (num % den) * 2n;
  if (twiceRemainder > den || (twiceRemainder === den && (quotient & 1n) === 1n)) return quotient + 1n;
  return quotient;
}

/** |x| * 10^scale as an exact fraction (scale may be negative). */
function scaledFraction(d: ExactDouble, scale: number): [bigint, bigint] {
  let num = d.mantissa;
  let den = 1n;
  if (d.exponent >= 0) num <<= BigInt(d.exponent);
  else den <<= BigInt(-d.exponent);
  if (scale >= 0) num *= pow10(scale);
  else den *= pow10(-scale);
  return [num, den];
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return null;
}

/** Python's format(x, `.${precision}f`), e.g. formatFixed(0.03125, 4) === "0.0312". */
export function formatFixed(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const d = decompose(x);
  const [num, den] = scaledFraction(d, precision);
  const digits = divideRoundHalfEven(num, den)
    .toString()
    .padStart(precision + 1, "0");
  const intPart = digits.slice(0, digits.length - precision);
  const fracPart = digits.slice(digits.length - precision);
  return (d.negative ? "-" : "") + intPart + (precision > 0 ? "." + fracPart : "");
}

/** Python's format(x, `.${precision}e`), e.g. formatExponential(1e-5, 4) === "1.0000e-05". */
export function formatExponential(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const d = decompose(x);
  let exp10 = 0;
  let digits: bigint = 0n;
  if (d.mantissa !== 0n) {
    const lowest = pow10(precision);
    const highest = pow10(precision + 1);
    // The float estimate can be off by one near powers of ten; the exact check below corrects it.
    exp10 = Math.floor(Math.log10(Math.abs(x)));
    for (;;) {
      const [num, den] = scaledFraction(d, precision - exp10);
      const truncated = num / den;
      if (truncated < lowest) exp10--;
      else if (truncated >= highest) exp10++;
      else {
        digits = divideRoundHalfEven(num, den);
        break;
      }
    }
    if (digits === highest) {
      digits = lowest;
      exp10++;
    }
  }
  const text = digits.toString().padStart(precision + 1, "0");
  const mantissa = precision > 0 ? text[0] + "." + text.slice(1) : text;
  const exponent = (exp10 < 0 ? "-" : "+") + String(Math.abs(exp10)).padStart(2, "0");
  return (d.negative ? "-" : "") + mantissa + "e" + exponent;
}

/** Python's right-aligned width for numbers, as in '{:10.4e}'. */
export function padLeft(text: string, width: number): string {
  return text.length >= width ? text : " ".repeat(width - text.length) + text;
}
