// What the ported tutorials need of Python itself (not of PyTorch): print() and str() of Python values, format
// specs (`f"{loss:>7f}"`), torch.Size's text, and the `random` module (Mersenne Twister, seeded as CPython seeds it).
/** A Python float that JS cannot tell from an int (`4.0`): str() gives `4.0`, not `4`. */
export class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return str(this);
  }
}

/** Marks arrays as Python tuples (recursively): str() gives `(a, b)` and `(a,)` instead of `[a, b]`. */
class PyTuple {
  constructor(readonly items: readonly unknown[]) {}
  toString(): string {
    return str(this);
  }
}

/** torch.Size of a shape (JS returns a plain array from `t.size()`): str() gives `torch.Size([3, 28, 28])`. */
class TorchSize {
  constructor(readonly dims: readonly number[]) {}
  toString(): string {
    return str(this);
  }
}

export const float = (x: number): PyFloat => new PyFloat(x);
export const Size = (dims: readonly number[]): TorchSize => new TorchSize(dims);
export function tuple(value: unknown): unknown {
  return Array.isArray(value) ? new PyTuple(value.map(tuple)) : value;
}

/** repr(float): shortest round-trip digits, Python's layout (`1e-05`, `4.0`, `inf`). */
function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa = "", exponentText = "0"] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exp10 = Number(exponentText);
  const sign = x < 0 ? "-" : "";
  if (exp10 < -4 || exp10 >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${body}e${exp10 < 0 ? "-" : "+"}${String(Math.abs(exp10)).padStart(2, "0")}`;
  }
  if (exp10 < 0) return `${sign}0.${"0".repeat(-exp10 - 1)}${digits}`;
  if (digits.length <= exp10 + 1) return `${sign}${digits}${"0".repeat(exp10 + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp10 + 1)}.${digits.slice(exp10 + 1)}`;
}

/** repr() of a value (strings quoted), as containers show their items. */
export function repr(value: unknown): string {
  if (typeof value === "string")
    return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value}'`;
  return str(value);
}

/**
 * str() of a value. A JS number stands for a Python int when it is whole and a float otherwise; wrap a float
 * that may be whole in `float()`. Arrays are lists, `tuple()` makes tuples, Maps are dicts.
 */
export function str(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : floatRepr(value);
  if (typeof value === "bigint" || typeof value === "string") return String(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (value instanceof TorchSize) return `torch.Size([${value.dims.join(", ")}])`;
  if (value instanceof PyTuple)
    return value.items.length === 1 ? `(${repr(value.items[0])},)` : `(${value.items.map(repr).join(", ")})`;
  if (Array.isArray(value)) return `[${value.map(repr).join(", ")}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}}`;
  // Tensors, dtypes, modules, optimizers and grad_fns print PyTorch's repr through toString() (String() of a
  // 0-dim tensor would be Python's format(), its value).
  return (value as { toString(): string }).toString();
}

/** print(*values). */
export function print(...values: unknown[]): void {
  console.log(values.map(str).join(" "));
}

/**
 * Python's fixed-point text: correctly rounded as JS's toFixed is, but an exact tie (12.5 to 0 digits, 0.125 to
 * 2) goes to the even digit (`12`, `0.12`) where toFixed goes away from zero (`13`, `0.13`).
 */
function toFixedHalfEven(x: number, digits: number): string {
  const text = x.toFixed(digits);
  // A tie has digits + 1 decimals, the last a 5: x is then a multiple of 2^-(digits + 1).
  if (!Number.isInteger(x * 2 ** (digits + 1))) return text;
  const longer = Math.abs(x).toFixed(digits + 1);
  if (!longer.endsWith("5")) return text;
  const towardZero = longer.slice(0, -1).replace(/\.$/, "");
  const lastDigit = Number(towardZero.slice(-1).replace(".", ""));
  return lastDigit % 2 === 0 ? (x < 0 ? "-" : "") + towardZero : text;
}

/**
 * format(value, spec) for the specs the tutorials use: `[[fill]align][sign][width][.precision][d|f|e]`. The
 * sign is Python's: `-` (the default) only for negatives, `+` always, ` ` a space for non-negatives. A JS
 * -0 formatted as a float (`f`, `e`, or a PyFloat) is Python's -0.0, which keeps its minus sign.
 */
export function format(value: number | PyFloat, spec: string): string {
  const m = /^(?:(.)?([<>^]))?([-+ ])?(\d+)?(?:\.(\d+))?([dfe])?$/.exec(spec);
  if (!m) throw new Error(`format spec not supported here: '${spec}'`);
  const [, fill = " ", align = ">", sign = "-", width = "0", precision, type] = m;
  const x = value instanceof PyFloat ? value.value : value;
  const isFloat = value instanceof PyFloat || type === "f" || type === "e" || !Number.isInteger(x);
  const negative = x < 0 || (isFloat && Object.is(x, -0));
  const magnitude = Math.abs(x);
  let text: string;
  if (type === "d") {
    if (!Number.isInteger(x))
      throw new Error("ValueError: Unknown format code 'd' for object of type 'float'");
    text = String(magnitude);
  } else if (type === "f") text = toFixedHalfEven(magnitude, precision === undefined ? 6 : Number(precision));
  else if (type === "e")
    text = magnitude
      .toExponential(precision === undefined ? 6 : Number(precision))
      .replace(/e([+-])(\d)$/, "e$10$2");
  else text = str(value instanceof PyFloat ? new PyFloat(magnitude) : magnitude);
  text = (negative ? "-" : sign === "-" ? "" : sign) + text;
  const pad = Math.max(0, Number(width) - text.length);
  if (align === "<") return text + fill.repeat(pad);
  if (align === "^") return fill.repeat(Math.floor(pad / 2)) + text + fill.repeat(Math.ceil(pad / 2));
  return fill.repeat(pad) + text;
}

/** CPython's `random` module: MT19937 seeded by init_by_array, getrandbits, randint and shuffle. */
export class PythonRandom {
  private mt = new Uint32Array(624);
  private index = 624;

  /** random.seed(n) for a non-negative int: its 32-bit words, least significant first, are the key. */
  seed(n: number): void {
    const key: number[] = [];
    for (let rest = BigInt(n); rest > 0n; rest >>= 32n) key.push(Number(rest & 0xffffffffn));
    this.initByArray(key.length > 0 ? key : [0]);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < 624; i++) mt[i] = (Math.imul(1812433253, mt[i - 1]! ^ (mt[i - 1]! >>> 30)) + i) >>> 0;
    this.index = 624;
  }

  private initByArray(key: number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      mt[i] = ((mt[i]! ^ Math.imul(mt[i - 1]! ^ (mt[i - 1]! >>> 30), 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= 624) {
        mt[0] = mt[623]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      mt[i] = ((mt[i]! ^ Math.imul(mt[i - 1]! ^ (mt[i - 1]! >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= 624) {
        mt[0] = mt[623]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private genrandUint32(): number {
    const mt = this.mt;
    if (this.index >= 624) {
      for (let kk = 0; kk < 624; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[(kk + 1) % 624]! & 0x7fffffff);
        mt[kk] = mt[(kk + 397) % 624]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random.getrandbits(k) for k <= 32. */
  private getrandbits(k: number): number {
    return this.genrandUint32() >>> (32 - k);
  }

  /** Random._randbelow_with_getrandbits(n). */
  private randbelow(n: number): number {
    const k = n.toString(2).length;
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** random.randint(a, b): a <= N <= b. */
  randint(a: number, b: number): number {
    return a + this.randbelow(b - a + 1);
  }

  /** random.random(): CPython's genrand_res53, 53 random bits from two draws. */
  random(): number {
    const a = this.genrandUint32() >>> 5;
    const b = this.genrandUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** random.choice(seq). */
  choice<T>(seq: readonly T[]): T {
    return seq[this.randbelow(seq.length)]!;
  }

  /** random.shuffle(x), in place. */
  shuffle<T>(x: T[]): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      [x[i], x[j]] = [x[j]!, x[i]!];
    }
  }
}

/** The `random` module's shared instance. */
export const random = new PythonRandom();
