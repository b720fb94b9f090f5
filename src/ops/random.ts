// Random draws from PyTorch's generator: the in-place fills (x.uniform_(), x.normal_(), x.bernoulli_()), and
// torch.normal, torch.bernoulli and torch.poisson built on them as PyTorch builds them, so nn.init, dropout and
// these ops give PyTorch's numbers after the same manual_seed.
import { OverflowError, RuntimeError, ValueError } from "../errors.js";
import { cppDoubleStr, pyRepr } from "../python.js";
import { pyTypeName } from "../signatures/messages.js";
import {
  defineMethods,
  defineOps,
  definePython,
  PySignature,
  type CallArgs,
} from "../signatures/registry.js";
import { channels_last, Device, preserve_format, type Layout, type MemoryFormat } from "../tensor/device.js";
import {
  allocate,
  Category,
  defaultFloatDtype,
  float64,
  type DType,
  type TypedArray,
} from "../tensor/dtype.js";
import {
  bernoulliFill,
  default_generator,
  Generator as CpuGenerator,
  normalFill,
  uniformFill,
  type Generator,
} from "../tensor/random.js";
import { Storage, Tensor } from "../tensor/tensor.js";
import { filled, withRequiresGrad, zeros_like } from "../tensor/creation.js";
import { broadcastShapes } from "../tensor/shape.js";
import { fromData, inPlace, record } from "./core.js";
import { checkOptions, checkSize, randintValues } from "./creation.js";
import { add_, mul_ } from "./inplace.js";
import { samplePoisson } from "./poisson.js";

/**
 * Row-major indices of self's elements in the order PyTorch's TensorIterator visits a lone output: smallest
 * stride fastest (equal strides: the smaller size first, then the later dim), i.e. memory order.
 */
export function iterationOrder(self: Tensor): number[] {
  const shape = self.shape;
  const strides = self._strides;
  const rowMajor: number[] = [];
  for (let d = shape.length - 1, step = 1; d >= 0; step *= shape[d], d--) rowMajor[d] = step;
  const dims = shape
    .map((_, d) => shape.length - 1 - d)
    .sort((a, b) => strides[a] - strides[b] || shape[a] - shape[b]);
  let order = [0];
  for (const d of dims) {
    const next: number[] = [];
    for (let i = 0; i < shape[d]; i++) for (const o of order) next.push(o + i * rowMajor[d]);
    order = next;
  }
  return order;
}

/**
 * Fills self in place with values `fill` writes in draw order, which is PyTorch's TensorIterator order:
 * memory order, so a non-contiguous tensor's draws land where PyTorch's do. `fill` also gets, for draw k, the
 * row-major index of the element it lands on (to read a broadcast operand there). The fill records `node`, whose
 * formulas give zeros (a random fill's values depend on nothing), so a tensor in the graph gets PyTorch's
 * UniformBackward0 / NormalBackward0 / BernoulliBackward1/2 as its grad_fn; `p` is BernoulliBackward1's second input.
 */
function fillWith(
  self: Tensor,
  node: "UniformBackward0" | "NormalBackward0" | "BernoulliBackward1" | "BernoulliBackward2",
  fill: (data: TypedArray, rowMajorIndex: (k: number) => number) => void,
  p: Tensor | null = null,
): Tensor {
  return inPlace(self, (x) => {
    const drawn = allocate(self.dtype, self.numel());
    let result: Tensor;
    if (self.is_contiguous()) {
      fill(drawn, (k) => k);
      result = fromData(drawn, self.shape, self.dtype);
    } else {
      const order = iterationOrder(self);
      fill(drawn, (k) => order[k]);
      const data = allocate(self.dtype, self.numel());
      order.forEach((index, k) => (data[index] = drawn[k]));
      result = fromData(data, self.shape, self.dtype);
    }
    if (node === "BernoulliBackward1") return record(node, [x, p], result, () => ({}));
    return record(node, [x], result, () => ({}));
  });
}

function checkFloating(self: Tensor, kernel: string): void {
  if (!self.dtype.is_floating_point)
    throw new RuntimeError(`"${kernel}" not implemented for '${self.dtype.scalarTypeName}'`);
}

/** Tensor.uniform_(from=0, to=1, *, generator=None): fills in place with uniform draws. */
export function uniform_(self: Tensor, from = 0, to = 1, generator: Generator | null = null): Tensor {
  checkFloating(self, "check_uniform_bounds");
  if (!(from <= to))
    throw new RuntimeError(
      `uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`,
    );
  return fillWith(self, "UniformBackward0", (d) =>
    uniformFill(d, from, to, generator ?? default_generator, self.dtype === float64),
  );
}

function checkStd(std: number): void {
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${cppDoubleStr(std)}`);
}

/** Tensor.normal_(mean=0, std=1, *, generator=None): fills in place with normal draws (std checked first). */
export function normal_(self: Tensor, mean = 0, std = 1, generator: Generator | null = null): Tensor {
  checkStd(std);
  checkFloating(self, "normal_kernel_cpu");
  const gen = generator ?? default_generator;
  if (!self.is_contiguous()) {
    // PyTorch's serial path: one double-precision normal per element.
    return fillWith(self, "NormalBackward0", (d) => {
      for (let i = 0; i < d.length; i++) d[i] = gen.normalScaled(mean, std);
    });
  }
  return fillWith(self, "NormalBackward0", (d) => normalFill(d, mean, std, gen, self.dtype === float64));
}

/** Tensor.bernoulli_(p=0.5, *, generator=None): fills in place with 1 (probability p) or 0. */
export function bernoulli_(self: Tensor, p = 0.5, generator: Generator | null = null): Tensor {
  if (!(p >= 0 && p <= 1))
    throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${cppDoubleStr(p)}`);
  return fillWith(self, "BernoulliBackward2", (d) => bernoulliFill(d, p, generator ?? default_generator));
}

/**
 * Tensor.bernoulli_(p: Tensor): one draw per element against p broadcast to self's shape. As PyTorch's
 * serial CPU kernel, a float64 p draws 53-bit uniforms and a float32 p 24-bit ones.
 */
function bernoulliTensor_(self: Tensor, p: Tensor, generator: Generator | null): Tensor {
  const probabilities = p.expand([...self.shape]).values();
  if (p.dtype.category !== Category.Floating)
    throw new RuntimeError(`"bernoulli_tensor_cpu_p_" not implemented for '${p.dtype.scalarTypeName}'`);
  const gen = generator ?? default_generator;
  const wide = p.dtype === float64;
  return fillWith(
    self,
    "BernoulliBackward1",
    (d, rowMajorIndex) => {
      for (let i = 0; i < d.length; i++) {
        const pi = probabilities[rowMajorIndex(i)];
        if (!(pi >= 0 && pi <= 1)) {
          throw new RuntimeError(
            "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)",
          );
        }
        d[i] = (wide ? gen.uniform53() : gen.uniform24()) < pi ? 1 : 0;
      }
    },
    p,
  );
}

/** torch.bernoulli(input): a new tensor of input's dtype drawn against input's probabilities (BernoulliBackward0). */
function bernoulli(input: Tensor, generator: Generator | null): Tensor {
  const result = bernoulliTensor_(zeros_like(input), input.detach(), generator);
  return record("BernoulliBackward0", [input], result, () => ({}));
}

// ---- torch.normal: normal_(0, std) plus mean, or normal_(0, 1) * std + mean (DistributionTemplates.h) ----

/** CHECK_NORMAL_TENSOR_STD: every std >= 0 (a NaN fails, as PyTorch's std.min().ge(0)). */
function checkStdTensor(std: Tensor): void {
  if (std.numel() > 0 && !std.values().every((v) => v >= 0))
    throw new RuntimeError("normal expects all elements of std >= 0.0");
}

/** normal(Tensor mean, float std=1): normal_(0, std) into a tensor like mean, then add_(mean). */
function normalTensorFloat(mean: Tensor, std: number, generator: Generator | null): Tensor {
  checkStd(std);
  const out = normal_(zeros_like(mean), 0, std, generator);
  add_(out, mean.detach());
  return record("NormalBackward1", [mean], out, () => ({ meanShape: mean.shape }));
}

/** normal(float mean, Tensor std): normal_(0, 1) into a tensor like std, then mul_(std).add_(full({}, mean)). */
function normalFloatTensor(mean: number, std: Tensor, generator: Generator | null): Tensor {
  checkStdTensor(std);
  const out = normal_(zeros_like(std), 0, 1, generator);
  add_(mul_(out, std.detach()), filled([], out.dtype, mean));
  return record("NormalBackward2", [std], out, () => ({ stdShape: std.shape }));
}

/** normal(Tensor mean, Tensor std): normal_(0, 1) into the broadcast shape with mean's dtype, then mul_(std).add_(mean). */
function normalTensorTensor(mean: Tensor, std: Tensor, generator: Generator | null): Tensor {
  checkStdTensor(std);
  const shape = broadcastShapes(mean.shape, std.shape);
  const out = normal_(filled(shape, mean.dtype, 0), 0, 1, generator);
  add_(mul_(out, std.detach()), mean.detach());
  return record("NormalBackward3", [mean, std], out, () => ({
    meanShape: mean.shape,
    stdShape: std.shape,
  }));
}

/** normal(float mean, float std, size): a new tensor filled by normal_(mean, std); a leaf. */
function normalSized(
  mean: number,
  std: number,
  size: number[],
  generator: Generator | null,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  checkSize(size);
  checkOptions(layout, device, pinMemory);
  const out = filled(size, dtype ?? defaultFloatDtype(), 0);
  return withRequiresGrad(normal_(out, mean, std, generator), requiresGrad);
}

// ---- torch.poisson ----

/** torch.poisson(input): one sample_poisson per element, in row-major order, in input's dtype (PoissonBackward0). */
function poisson(input: Tensor, generator: Generator | null): Tensor {
  checkFloating(input, "poisson_cpu");
  const gen = generator ?? default_generator;
  const rates = input.values();
  const data = allocate(input.dtype, rates.length);
  for (let i = 0; i < rates.length; i++) data[i] = samplePoisson(rates[i], gen);
  return record("PoissonBackward0", [input], fromData(data, input.shape, input.dtype), () => ({}));
}

// ---- rand_like, randn_like, randint_like ----

/** is_non_overlapping_and_dense: the strides are a permutation of a contiguous tensor's (size-1 dims aside). */
function isNonOverlappingAndDense(t: Tensor): boolean {
  const dims = t.shape.map((_, d) => d).filter((d) => t.shape[d] !== 1);
  dims.sort((a, b) => t._strides[a] - t._strides[b]);
  let expected = 1;
  for (const d of dims) {
    if (t._strides[d] !== expected) return false;
    expected *= t.shape[d];
  }
  return true;
}

/**
 * empty_like(input): with PyTorch's preserve_format (the default), input's strides where it is non-overlapping
 * and dense, else contiguous; channels_last's NHWC strides; contiguous_format's. Draws fill storage in order, so a transposed input's random_like gets PyTorch's layout and values.
 */
function emptyLike(input: Tensor, dtype: DType, memoryFormat: MemoryFormat | null): Tensor {
  if (memoryFormat === channels_last && input.ndim !== 4)
    throw new RuntimeError("required rank 4 tensor to use channels_last format");
  const data = allocate(dtype, input.numel());
  if (memoryFormat === channels_last) {
    const [, c, h, w] = input.shape;
    return new Tensor(new Storage(data), input.shape, [c * h * w, 1, w * c, c], 0, dtype);
  }
  const preserve = memoryFormat === null || memoryFormat === preserve_format;
  if (!preserve || input.is_contiguous() || !isNonOverlappingAndDense(input))
    return fromData(data, input.shape, dtype);
  return new Tensor(new Storage(data), input.shape, input._strides.slice(), 0, dtype);
}

type LikeOptions = [
  memoryFormat: MemoryFormat | null,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
];

function randomLike(fill: (t: Tensor) => Tensor) {
  return (
    input: Tensor,
    ...[memoryFormat, dtype, layout, device, pinMemory, requiresGrad]: LikeOptions
  ): Tensor => {
    checkOptions(layout, device, pinMemory);
    return withRequiresGrad(fill(emptyLike(input, dtype ?? input.dtype, memoryFormat)), requiresGrad);
  };
}

/** randint_like: random_(low, high) on empty_like(input), drawn in storage order. */
function randintLike(input: Tensor, low: number, high: number, ...options: LikeOptions): Tensor {
  const [memoryFormat, dtype, layout, device, pinMemory, requiresGrad] = options;
  checkOptions(layout, device, pinMemory);
  const out = emptyLike(input, dtype ?? input.dtype, memoryFormat);
  out._storage.data = randintValues(low, high, out.numel(), out.dtype, null);
  return withRequiresGrad(out, requiresGrad);
}

defineOps("torch", {
  "normal(Tensor mean, Tensor std, *, Generator? generator=None, Tensor out=None) -> Tensor":
    normalTensorTensor,
  "normal(Tensor mean, double std=1, *, Generator? generator=None, Tensor out=None) -> Tensor":
    normalTensorFloat,
  "normal(double mean, Tensor std, *, Generator? generator=None, Tensor out=None) -> Tensor":
    normalFloatTensor,
  "normal(double mean, double std, IntArrayRef size, *, Generator? generator=None, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    normalSized,
});

defineOps(
  "torch",
  {
    "bernoulli(Tensor input, *, Generator? generator=None, Tensor out=None) -> Tensor": bernoulli,
    "bernoulli(Tensor input, double p, *, Generator? generator=None) -> Tensor": (input, p, generator) =>
      bernoulli_(zeros_like(input), p, generator),
  },
  { methods: true },
);

defineOps("torch", {
  "poisson(Tensor input, Generator? generator=None) -> Tensor": poisson,
  "rand_like(Tensor input, *, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    randomLike((t) => uniform_(t)),
  "randn_like(Tensor input, *, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    randomLike((t) => normal_(t)),
  "randint_like(Tensor input, int64_t high, *, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (input, high, ...options) => randintLike(input, 0, high, ...options),
  "randint_like(Tensor input, int64_t low, int64_t high, *, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    randintLike,
});

defineMethods({
  "uniform_(double from=0, double to=1, *, Generator? generator=None) -> Tensor": uniform_,
  "normal_(double mean=0, double std=1, *, Generator? generator=None) -> Tensor": normal_,
  "bernoulli_(Tensor p, *, Generator? generator=None) -> Tensor": bernoulliTensor_,
  "bernoulli_(double p=0.5, *, Generator? generator=None) -> Tensor": bernoulli_,
});

// ---- torch.Generator, torch.manual_seed, torch.initial_seed, torch.seed ----

const GENERATOR = new PySignature("torch", "Generator(device: device | None = None)");

/** torch.Generator(device='cpu'): a CPU generator of its own (tensorgrad has no other device). */
export class TorchGenerator extends CpuGenerator {
  constructor(...args: CallArgs<"Generator">) {
    super();
    const [device] = GENERATOR.bind(args);
    if (device !== null) {
      const d = typeof device === "number" ? new Device("cuda", device) : new Device(device);
      if (d.type !== "cpu")
        throw new RuntimeError(
          `Device type ${d.type.toUpperCase()} is not supported for torch.Generator() api.`,
        );
    }
  }
}
Object.defineProperty(TorchGenerator, "name", { value: "Generator" });

/** Python's int(x) of a seed, with CPython's errors. */
function pythonInt(v: unknown): number | bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") {
    if (Number.isNaN(v)) throw new ValueError("cannot convert float NaN to integer");
    if (!Number.isFinite(v)) throw new OverflowError("cannot convert float infinity to integer");
    return Math.trunc(v);
  }
  if (typeof v === "string") {
    const text = v.trim().replace(/_/g, "");
    if (!/^[+-]?\d+$/.test(text))
      throw new ValueError(`invalid literal for int() with base 10: ${pyRepr(v)}`);
    return BigInt(text);
  }
  throw new TypeError(
    `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(v)}'`,
  );
}

definePython("torch", {
  "manual_seed(seed: object) -> Generator": (seed) => default_generator.manual_seed(pythonInt(seed)),
  "initial_seed() -> number | bigint": () => default_generator.initial_seed(),
  "seed() -> int": () => default_generator.seed(),
});
