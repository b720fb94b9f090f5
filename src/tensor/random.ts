// Seeded random numbers: PyTorch's CPU generator (MT19937) and its uniform/normal algorithms,
// so torch.manual_seed(s) followed by rand/randn gives the numbers PyTorch gives.
import { RuntimeError } from "../errors.js";
import { PYTHON_TYPE } from "../python_type.js";
import { CPU, type Device } from "./device.js";
import { checkAllocation, int64, type TypedArray } from "./dtype.js";
import { backend } from "../backend/backend.js";
import { fma } from "../backend/js/fma.js";
import { glibcLog } from "../backend/js/glibc_log.js";
import { cos as glibcCos, sin as glibcSin } from "../backend/js/glibc_sincos.js";
import { fmaf } from "../backend/js/sleef.js";
import type { NativeBackend } from "../backend/native/index.js";
import { log256, sincos256 } from "./avx_mathfun.js";

const N = 624;
const M = 397;

const UINT64 = 2n ** 64n;

/** A plain object in last position: Python's keyword arguments, which C methods without them refuse. */
const isKeywords = (v: unknown): boolean =>
  v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

/** Python's type name of a seed a C method refuses. */
function seedTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "str";
  if (Array.isArray(v)) return "list";
  return (v as object).constructor?.name ?? "object";
}

/** THPUtils_unpackUInt64 of a seed: two's complement for negative ints, PyTorch's errors otherwise. */
export function seedValue(seed: unknown): bigint {
  const isInt = typeof seed === "bigint" || (typeof seed === "number" && Number.isInteger(seed));
  if (!isInt) throw new RuntimeError(`manual_seed expected a long, but got ${seedTypeName(seed)}`);
  const s = BigInt(seed as number | bigint);
  if (s < -(2n ** 63n) || s >= UINT64) throw new RuntimeError("Overflow when unpacking long");
  return s < 0n ? s + UINT64 : s;
}

/** torch.Generator: PyTorch's CPU generator. */
export class Generator {
  private state = new Uint32Array(N);
  private index = N;
  private currentSeed = 67280421310721n;
  /** Box-Muller makes normals in pairs; PyTorch caches the second for the next scalar draw. */
  private cachedNormal: number | null = null;
  /** Scratch for one Box-Muller pair (glibc's log / cos / sin through the native backend when active). */
  private readonly pair = new Float64Array(2);

  constructor() {
    this.manual_seed(67280421310721);
  }

  get [PYTHON_TYPE](): string {
    return "torch._C.Generator";
  }

  /** Generator.manual_seed(seed): reseeds (a negative seed counts as its two's complement) and returns this. */
  manual_seed(seed: number | bigint, ...rest: unknown[]): this {
    if (rest.length > 0 && isKeywords(rest[rest.length - 1]))
      throw new TypeError("Generator.manual_seed() takes no keyword arguments");
    if (rest.length > 0 || seed === undefined)
      throw new TypeError(
        `Generator.manual_seed() takes exactly one argument (${seed === undefined ? 0 : rest.length + 1} given)`,
      );
    if (isKeywords(seed)) throw new TypeError("Generator.manual_seed() takes no keyword arguments");
    const s = seedValue(seed);
    this.currentSeed = s;
    const mt = this.state;
    mt[0] = Number(s & 0xffffffffn);
    for (let j = 1; j < N; j++) {
      const prev = mt[j - 1] ^ (mt[j - 1] >>> 30);
      // 1812433253 * prev + j in uint32 arithmetic, split to stay exact in doubles.
      mt[j] = ((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + j;
    }
    this.index = N;
    this.cachedNormal = null;
    return this;
  }

  /** The seed, as a number (a bigint beyond 2^53, where numbers lose digits). */
  initial_seed(...args: unknown[]): number | bigint {
    checkNoArgs("Generator.initial_seed", args);
    const s = this.currentSeed;
    return s <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(s) : s;
  }

  /** Generator.seed(): reseeds from a non-deterministic source (53 bits, as PyTorch) and returns the seed. */
  seed(...args: unknown[]): number {
    checkNoArgs("Generator.seed", args);
    const s = Math.floor(Math.random() * 2 ** 21) * 2 ** 32 + Math.floor(Math.random() * 2 ** 32);
    this.manual_seed(s);
    return s;
  }

  /** Python's repr of a generator (without its address). */
  toString(): string {
    return "<torch._C.Generator object>";
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** The device the generator draws for: always the CPU. */
  get device(): Device {
    return CPU;
  }

  /** The next 32 random bits. */
  random(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** The low 53 of PyTorch's random64() = (first draw << 32) | second draw, scaled to [0, 1). */
  private random53(): number {
    const hi = this.random();
    const lo = this.random();
    // (x & (2^53 - 1)) * 2^-53 of the 64-bit value hi:lo.
    return ((hi & 0x1fffff) * 4294967296 + lo) / 9007199254740992;
  }

  private twist(): void {
    const mt = this.state;
    // The textbook loop with (i + 1) % N and (i + M) % N, split where the indices wrap (no % per draw).
    let i = 0;
    for (; i < N - M; i++) {
      const y = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
      mt[i] = mt[i + M] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    for (; i < N - 1; i++) {
      const y = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
      mt[i] = mt[i + M - N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    const y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    this.index = 0;
  }

  /**
   * Fills `data` with uniforms in [from, to) in draw order (see uniformFill), through the native backend's
   * MT19937 when it is active: the same words, about ten times faster than drawing here.
   */
  fillUniform(data: TypedArray, from: number, to: number, doublePrecision: boolean): boolean {
    const native = (backend() as Partial<NativeBackend>).mtUniformFill;
    const fits = doublePrecision ? data instanceof Float64Array : data instanceof Float32Array;
    if (native === undefined || !fits || data.length === 0) return false;
    native(new Uint8Array(this.state.buffer), this.index, data as Float32Array | Float64Array, from, to);
    // The kernel twisted the state once per 624 words past `index`, as random() would have.
    const words = this.index + data.length * (doublePrecision ? 2 : 1);
    this.index = words <= N ? words : ((words - N - 1) % N) + 1;
    return true;
  }

  /** A float32-precision uniform in [0, 1): 24 random bits, as PyTorch draws for float tensors. */
  uniform24(): number {
    return (this.random() & 0xffffff) / 16777216;
  }

  /** A float64-precision uniform in [0, 1). */
  uniform53(): number {
    return this.random53();
  }

  /** normal_distribution<double>(mean, std): a standard normal times std plus mean, fused as PyTorch's build does. */
  normalScaled(mean: number, std: number): number {
    return fma(this.normal(), std, mean);
  }

  /** One standard normal in double precision (PyTorch's normal_distribution<double>). */
  normal(): number {
    if (this.cachedNormal !== null) {
      const v = this.cachedNormal;
      this.cachedNormal = null;
      return v;
    }
    const pair = this.pair;
    pair[0] = this.uniform53();
    pair[1] = this.uniform53();
    const native = (backend() as Partial<NativeBackend>).normalPairs;
    if (native !== undefined) native(pair, 1);
    else {
      // glibc's log, cos and sin (ported, FMA builds): the native backend's results, bit for bit.
      const r = Math.sqrt(-2 * glibcLog(1 - pair[1]));
      const theta = 2 * Math.PI * pair[0];
      pair[0] = r * glibcCos(theta);
      pair[1] = r * glibcSin(theta);
    }
    this.cachedNormal = pair[1];
    return pair[0];
  }
}

export const default_generator = new Generator();

/** CPython's error for arguments given to a C method that takes none. */
function checkNoArgs(name: string, args: readonly unknown[]): void {
  if (args.length === 0) return;
  if (isKeywords(args[args.length - 1])) {
    if (args.length === 1) throw new TypeError(`${name}() takes no keyword arguments`);
  }
  throw new TypeError(`${name}() takes no arguments (${args.length} given)`);
}

/**
 * Fills with uniforms in [from, to): 24-bit draws for float32, 53-bit for float64, in order. As in
 * PyTorch, `to - from` is computed in the element type and the rest in double, `u * span + from` fused (its
 * AVX2 build contracts it).
 */
export function uniformFill(
  data: TypedArray,
  from: number,
  to: number,
  gen: Generator,
  doublePrecision: boolean,
): void {
  if (gen.fillUniform(data, from, to, doublePrecision)) return;
  if (doublePrecision) {
    const span = to - from;
    for (let i = 0; i < data.length; i++) data[i] = fma(gen.uniform53(), span, from);
    return;
  }
  const lo = Math.fround(from);
  const span = Math.fround(Math.fround(to) - lo);
  // A 24-bit draw times a float32 span is exact in a double, so u * span + lo rounds once, as the fma does.
  for (let i = 0; i < data.length; i++) data[i] = gen.uniform24() * span + lo;
}

/** Fills with 1 where a double-precision uniform draw is below p, else 0 (PyTorch's serial bernoulli). */
export function bernoulliFill(data: TypedArray, p: number, gen: Generator): void {
  for (let i = 0; i < data.length; i++) data[i] = gen.uniform53() < p ? 1 : 0;
}

/**
 * Fills with normals the way PyTorch's CPU normal_ does for a contiguous tensor: below 16 elements one
 * double-precision draw each; from 16 on, uniforms for every element, then Box-Muller over blocks of 16
 * (the last 16 redrawn and transformed again when the size is not a multiple of 16).
 */
export function normalFill(
  data: TypedArray,
  mean: number,
  std: number,
  gen: Generator,
  doublePrecision: boolean,
): void {
  const n = data.length;
  if (n < 16) {
    for (let i = 0; i < n; i++) data[i] = gen.normalScaled(mean, std);
    return;
  }
  uniformFill(data, 0, 1, gen, doublePrecision);
  const block = doublePrecision ? normalFill16Double : normalFill16Avx2;
  const m = doublePrecision ? mean : Math.fround(mean);
  const s = doublePrecision ? std : Math.fround(std);
  for (let i = 0; i + 16 <= n; i += 16) block(data, i, m, s);
  if (n % 16 !== 0) {
    // PyTorch redraws the last 16 values and transforms them again.
    const start = n - 16;
    for (let i = start; i < n; i++) data[i] = doublePrecision ? gen.uniform53() : gen.uniform24();
    block(data, start, m, s);
  }
}

const TWO_PI_F32 = Math.fround(2 * Math.PI);
const sinCos = new Float64Array(2);

/** normal_fill_16_AVX2: float32 arithmetic with avx_mathfun's log and sincos and a fused `n * std + mean`. */
function normalFill16Avx2(data: TypedArray, start: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = Math.fround(1 - data[start + j]);
    const u2 = data[start + j + 8];
    const radius = Math.fround(Math.sqrt(Math.fround(-2 * log256(u1))));
    sincos256(Math.fround(TWO_PI_F32 * u2), sinCos);
    data[start + j] = fmaf(Math.fround(radius * sinCos[1]), std, mean);
    data[start + j + 8] = fmaf(Math.fround(radius * sinCos[0]), std, mean);
  }
}

/**
 * normal_fill_16 for double: std::log, std::cos and std::sin of glibc, which the native backend calls; without
 * it, their ports (glibc_log.ts, glibc_sincos.ts), which give the same bits.
 */
function normalFill16Double(data: TypedArray, start: number, mean: number, std: number): void {
  const native = (backend() as Partial<NativeBackend>).boxMuller16;
  if (native !== undefined && data instanceof Float64Array) {
    native(data, start, 1, mean, std);
    return;
  }
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - data[start + j];
    const u2 = data[start + j + 8];
    const radius = Math.sqrt(-2 * glibcLog(u1));
    const theta = 2 * Math.PI * u2;
    data[start + j] = fma(radius * glibcCos(theta), std, mean);
    data[start + j + 8] = fma(radius * glibcSin(theta), std, mean);
  }
}

/**
 * torch.randperm's draws on the CPU, as JS numbers (the op is declared in src/ops/creation.ts; RandomSampler
 * and random_split use them too): PyTorch's randperm_cpu fills 0..n-1, then does a Fisher-Yates pass where
 * step i swaps with i + random() % (n - i), one 32-bit draw per step.
 */
export function randpermIndices(n: number, generator: Generator = default_generator): number[] {
  // Refused before the shuffle, which for a size beyond memory would run for minutes first.
  checkAllocation(int64, n);
  return randpermInto(new Array<number>(n), generator);
}

/**
 * randperm_cpu itself: fills `perm` (a tensor's storage, of any dtype) with 0..n-1 and shuffles it in place,
 * reading and writing the storage's own values as PyTorch does in scalar_t.
 */
export function randpermInto<A extends TypedArray | number[]>(
  perm: A,
  generator: Generator = default_generator,
): A {
  const n = perm.length;
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = generator.random() % (n - i);
    const saved = perm[i]!;
    perm[i] = perm[z + i]!;
    perm[z + i] = saved;
  }
  return perm;
}

/**
 * A fresh 63-bit seed drawn as `torch.empty((), dtype=torch.int64).random_(generator=g)` does:
 * random64() (first 32-bit draw is the high word) modulo 2^63.
 */
export function drawInt64Seed(generator: Generator): bigint {
  const hi = generator.random();
  const lo = generator.random();
  return (BigInt(hi & 0x7fffffff) << 32n) | BigInt(lo);
}
