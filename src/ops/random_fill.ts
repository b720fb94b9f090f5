// The random in-place fills PyTorch's CPU kernels draw one value per element, serially, from the global
// mt19937 (aten/src/ATen/native/cpu/DistributionTemplates.h, DistributionKernels.cpp and
// core/TransformationHelper.h in 1.13, built without MKL): random_, exponential_, geometric_, log_normal_ and
// cauchy_. Each draw is in double precision, as PyTorch's <double> distributions, and lands in memory order
// (TensorIterator's), so the values match PyTorch's after the same torch.manual_seed.
import { exp as glibcExp } from "../backend/js/glibc_d.js";
import { glibcLog } from "../backend/js/glibc_log.js";
import { RuntimeError } from "../errors.js";
import { cppDoubleStr } from "../python.js";
import { defineMethods } from "../signatures/registry.js";
import { allocate, bool, float32, float64, int32, int64, type DType } from "../tensor/dtype.js";
import { default_generator, type Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { fromData, inPlace, record } from "./core.js";
import { iterationOrder } from "./random.js";

type FillNode =
  | "RandomBackward0"
  | "RandomBackward1"
  | "RandomBackward2"
  | "ExponentialBackward0"
  | "GeometricBackward0"
  | "LogNormalBackward0"
  | "CauchyBackward0";

/** self filled in place with draw(), one per element in memory order; the fill records `node` (zero gradient). */
function fillDraws(self: Tensor, node: FillNode, draw: () => number): Tensor {
  return inPlace(self, (x) => {
    const n = self.numel();
    const data = allocate(self.dtype, n);
    if (self.is_contiguous()) for (let k = 0; k < n; k++) data[k] = draw();
    else for (const index of iterationOrder(self)) data[index] = draw();
    return record(node, [x], fromData(data, self.shape, self.dtype), () => ({}));
  });
}

/** PyTorch's dispatch: floating types only, or integers too, or integers and bool. */
function checkKernel(self: Tensor, kernel: string, accepts: "float" | "int" | "int_bool" = "float"): void {
  const ok =
    self.dtype.is_floating_point ||
    (accepts !== "float" && !self.dtype.is_complex && (self.dtype !== bool || accepts === "int_bool"));
  if (!ok || self.dtype.is_complex)
    throw new RuntimeError(`"${kernel}" not implemented for '${self.dtype.scalarTypeName}'`);
}

// ---- random_ ----

/** CPUGeneratorImpl::random64(): two 32-bit draws, the first the high word. */
function random64(gen: Generator): bigint {
  const hi = gen.random();
  const lo = gen.random();
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** The value kinds random_ draws for: its integer limits, or a float type's 2^digits. */
const INT_MAX = new Map<DType, bigint>([
  [bool, 1n],
  [int32, 2n ** 31n - 1n],
  [int64, 2n ** 63n - 1n],
]);
const FLOAT_DIGITS = new Map<DType, number>([
  [float32, 24],
  [float64, 53],
]);
const TYPE_NAMES = new Map<DType, string>([
  [bool, "bool"],
  [int32, "int"],
  [int64, "long int"],
]);
const INT_MIN = new Map<DType, bigint>([
  [bool, 0n],
  [int32, -(2n ** 31n)],
  [int64, -(2n ** 63n)],
]);

/** check_from_to_in_range for integer dtypes (float dtypes only warn in PyTorch). */
function checkInRange(from: bigint, toInc: bigint, dtype: DType): void {
  const max = INT_MAX.get(dtype);
  const min = INT_MIN.get(dtype);
  if (max === undefined || min === undefined) return;
  const name = TYPE_NAMES.get(dtype)!;
  if (from < min || from > max) throw new RuntimeError(`from is out of bounds for ${name}`);
  if (toInc < min || toInc > max) throw new RuntimeError(`to - 1 is out of bounds for ${name}`);
}

/** uniform_int_from_to_distribution: (V % range) + base, V one 32-bit draw or, for a range of 2^32 or more, 64. */
function fromToDraw(range: bigint, base: bigint, gen: Generator): () => number {
  if (range >= 2n ** 32n) return () => Number((random64(gen) % range) + base);
  const r = Number(range);
  const b = Number(base);
  return () => (gen.random() % r) + b;
}

/** Tensor.random_(from, to): integers in [from, to), or from `from` to the dtype's largest when to is None. */
export function random_from_(
  self: Tensor,
  from: number | bigint,
  to: number | bigint | null,
  generator: Generator | null,
): Tensor {
  checkKernel(self, "random_from_to", "int_bool");
  const gen = generator ?? default_generator;
  const lo = BigInt(from);
  if (to !== null) {
    const hi = BigInt(to);
    if (!(lo < hi))
      throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
    checkInRange(lo, hi - 1n, self.dtype);
    return fillDraws(self, "RandomBackward0", fromToDraw(hi - lo, lo, gen));
  }
  const digits = FLOAT_DIGITS.get(self.dtype);
  const toInc = digits !== undefined ? 2n ** BigInt(digits) : INT_MAX.get(self.dtype)!;
  if (digits !== undefined && !(lo < toInc)) {
    throw new RuntimeError(
      `random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=${lo} > to_inc=${toInc}`,
    );
  }
  checkInRange(lo, toInc, self.dtype);
  return fillDraws(self, "RandomBackward0", fromToDraw(toInc - lo + 1n, lo, gen));
}

/** Tensor.random_(to): random_(0, to), with RandomBackward1. */
function random_to_(self: Tensor, to: number | bigint, generator: Generator | null): Tensor {
  checkKernel(self, "random_from_to", "int_bool");
  const hi = BigInt(to);
  if (!(0n < hi))
    throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=0 >= to=${hi}`);
  checkInRange(0n, hi - 1n, self.dtype);
  return fillDraws(self, "RandomBackward1", fromToDraw(hi, 0n, generator ?? default_generator));
}

/**
 * Tensor.random_(): uniform_int_distribution over the dtype's exactly representable non-negative integers:
 * V % (2^digits + 1) for float types (a 64-bit V for double), V % (max + 1) for integers, V & 1 for bool.
 */
function random_(self: Tensor, generator: Generator | null): Tensor {
  checkKernel(self, "random_", "int_bool");
  const gen = generator ?? default_generator;
  const dtype = self.dtype;
  if (dtype === bool) return fillDraws(self, "RandomBackward2", () => gen.random() & 1);
  if (dtype === float64) {
    const m = 2n ** 53n + 1n;
    return fillDraws(self, "RandomBackward2", () => Number(random64(gen) % m));
  }
  if (dtype === int64) {
    const m = 2n ** 63n;
    return fillDraws(self, "RandomBackward2", () => Number(random64(gen) % m));
  }
  const m = dtype === int32 ? 2 ** 31 : 2 ** 24 + 1;
  return fillDraws(self, "RandomBackward2", () => gen.random() % m);
}

// ---- exponential_, geometric_, log_normal_, cauchy_ ----

/** Tensor.exponential_(lambd=1): -1 / lambd * log(1 - u), u a 53-bit uniform. */
export function exponential_(self: Tensor, lambd: number, generator: Generator | null): Tensor {
  if (!(lambd >= 0))
    throw new RuntimeError(`exponential_ expects lambda >= 0.0, but found lambda=${cppDoubleStr(lambd)}`);
  checkKernel(self, "exponential_cpu");
  const gen = generator ?? default_generator;
  return fillDraws(self, "ExponentialBackward0", () => (-1 / lambd) * glibcLog(1 - gen.uniform53()));
}

/** Tensor.geometric_(p): ceil(log(u) / log(1 - p)), integer dtypes too. */
export function geometric_(self: Tensor, p: number, generator: Generator | null): Tensor {
  if (!(p > 0 && p < 1))
    throw new RuntimeError(`geometric_ expects p to be in (0, 1), but got p=${cppDoubleStr(p)}`);
  checkKernel(self, "geometric_cpu", "int");
  const gen = generator ?? default_generator;
  const denominator = glibcLog(1 - p);
  return fillDraws(self, "GeometricBackward0", () => Math.ceil(glibcLog(gen.uniform53()) / denominator));
}

/** Tensor.log_normal_(mean=1, std=2): exp of a double normal(mean, std). */
export function log_normal_(self: Tensor, mean: number, std: number, generator: Generator | null): Tensor {
  if (!(std > 0)) throw new RuntimeError(`log_normal_ expects std > 0.0, but found std=${cppDoubleStr(std)}`);
  checkKernel(self, "log_normal_cpu");
  const gen = generator ?? default_generator;
  return fillDraws(self, "LogNormalBackward0", () => glibcExp(gen.normalScaled(mean, std)));
}

/**
 * Tensor.cauchy_(median=0, sigma=1): median + sigma * tan(pi * (u - 0.5)). tan is V8's (fdlibm's), not glibc's:
 * about 3% of float64 draws differ from PyTorch's in the last bit; float32 results match.
 */
export function cauchy_(self: Tensor, median: number, sigma: number, generator: Generator | null): Tensor {
  checkKernel(self, "cauchy_cpu");
  const gen = generator ?? default_generator;
  return fillDraws(
    self,
    "CauchyBackward0",
    () => median + sigma * Math.tan(Math.PI * (gen.uniform53() - 0.5)),
  );
}

defineMethods({
  "random_(*, Generator? generator=None) -> Tensor": random_,
  "random_(int64_t from, int64_t? to, *, Generator? generator=None) -> Tensor": random_from_,
  "random_(int64_t to, *, Generator? generator=None) -> Tensor": random_to_,
  "exponential_(double lambd=1, *, Generator? generator=None) -> Tensor": exponential_,
  "geometric_(double p, *, Generator? generator=None) -> Tensor": geometric_,
  "log_normal_(double mean=1, double std=2, *, Generator? generator=None) -> Tensor": log_normal_,
  "cauchy_(double median=0, double sigma=1, *, Generator? generator=None) -> Tensor": cauchy_,
});
