// In-place random fills (x.uniform_(), x.normal_(), x.bernoulli_()) drawing from PyTorch's generator,
// so nn.init and dropout give PyTorch's numbers after the same manual_seed.
import { OverflowError, RuntimeError, ValueError } from "../errors.js";
import { cppDoubleStr, pyRepr } from "../python.js";
import { pyTypeName } from "../signatures/messages.js";
import { defineMethods, definePython, PySignature, type CallArgs } from "../signatures/registry.js";
import { Device } from "../tensor/device.js";
import { allocate, Category, float64, type TypedArray } from "../tensor/dtype.js";
import {
  bernoulliFill,
  default_generator,
  Generator as CpuGenerator,
  normalFill,
  uniformFill,
  type Generator,
} from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, inPlace } from "./core.js";

/**
 * Row-major indices of self's elements in the order PyTorch's TensorIterator visits a lone output: smallest
 * stride fastest (equal strides: the smaller size first, then the later dim), i.e. memory order.
 */
function iterationOrder(self: Tensor): number[] {
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
 * memory order, so a non-contiguous tensor's draws land where PyTorch's do.
 */
function fillWith(self: Tensor, fill: (data: TypedArray) => void): Tensor {
  // The new values depend on nothing, so no history is kept (as PyTorch records no grad for a fill).
  return inPlace(self, () => {
    const drawn = allocate(self.dtype, self.numel());
    fill(drawn);
    if (self.is_contiguous()) return fromData(drawn, self.shape, self.dtype);
    const data = allocate(self.dtype, self.numel());
    iterationOrder(self).forEach((index, k) => (data[index] = drawn[k]));
    return fromData(data, self.shape, self.dtype);
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
  return fillWith(self, (d) =>
    uniformFill(d, from, to, generator ?? default_generator, self.dtype === float64),
  );
}

/** Tensor.normal_(mean=0, std=1, *, generator=None): fills in place with normal draws. */
export function normal_(self: Tensor, mean = 0, std = 1, generator: Generator | null = null): Tensor {
  checkFloating(self, "normal_kernel_cpu");
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${cppDoubleStr(std)}`);
  const gen = generator ?? default_generator;
  if (!self.is_contiguous()) {
    // PyTorch's serial path: one double-precision normal per element.
    return fillWith(self, (d) => {
      for (let i = 0; i < d.length; i++) d[i] = gen.normalScaled(mean, std);
    });
  }
  return fillWith(self, (d) => normalFill(d, mean, std, gen, self.dtype === float64));
}

/** Tensor.bernoulli_(p=0.5, *, generator=None): fills in place with 1 (probability p) or 0. */
export function bernoulli_(self: Tensor, p = 0.5, generator: Generator | null = null): Tensor {
  if (!(p >= 0 && p <= 1))
    throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${cppDoubleStr(p)}`);
  return fillWith(self, (d) => bernoulliFill(d, p, generator ?? default_generator));
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
  return fillWith(self, (d) => {
    for (let i = 0; i < d.length; i++) {
      const pi = probabilities[i];
      if (!(pi >= 0 && pi <= 1)) {
        throw new RuntimeError(
          "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)",
        );
      }
      d[i] = (wide ? gen.uniform53() : gen.uniform24()) < pi ? 1 : 0;
    }
  });
}

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
