// Complex numbers from JavaScript (docs/complex.md): JavaScript has no complex literal, so Python's `1+2j` (or
// `complex(1, 2)`) is spelled `new torch.Complex(1, 2)`. torch.tensor takes them anywhere in its nested data
// (a list holding one is complex, like Python's), and a complex dtype= turns plain numbers complex; item() and
// tolist() of a complex tensor give them back.
import { RuntimeError, ValueError } from "../errors.js";
import { defineComplex, defineComplexData } from "../signatures/complex_dispatch.js";
import { complexValues, toComplexDtype, toRealDtype } from "../tensor/complex.js";
import { tensorFromData, zeros as torchZeros } from "../tensor/creation.js";
import { normal_ } from "./random.js";
import { allocate, defaultFloatDtype, DType, float64 } from "../tensor/dtype.js";
import { pyComplexRepr } from "../tensor/format.js";
import { Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { imag, real } from "./complex.js";
import { fromData } from "./core.js";
import { checkOptions } from "./creation.js";

/** A complex number, Python's `complex(real, imag)`: `new torch.Complex(1, 2)` is `1+2j`. */
export class Complex {
  constructor(
    readonly real: number,
    readonly imag: number = 0,
  ) {}

  /** Python's repr: `(1+2j)`, `2j`, `(1.5-0j)`. */
  toString(): string {
    return pyComplexRepr(this.real, this.imag, toComplexDtype(float64));
  }
}

/** Whether nested data holds a Complex. */
function holdsComplex(data: unknown): boolean {
  if (data instanceof Complex) return true;
  return Array.isArray(data) && data.some(holdsComplex);
}

/** The nested data's real parts and imaginary parts, as two nested lists of numbers. */
function split(data: unknown): [unknown, unknown] {
  if (data instanceof Complex) return [data.real, data.imag];
  if (Array.isArray(data)) {
    const parts = data.map(split);
    return [parts.map((p) => p[0]), parts.map((p) => p[1])];
  }
  if (typeof data === "number") return [data, 0];
  if (typeof data === "boolean") return [data ? 1 : 0, 0];
  if (data instanceof Tensor && !data.dtype.is_complex && data.numel() === 1) return [data.item(), 0];
  throw new TypeError(`Could not infer dtype of ${data === null ? "NoneType" : typeof data}`);
}

/** torch.tensor(data) of complex data or with a complex dtype. */
function complexTensor(
  data: unknown,
  dtype: DType | null,
  device: unknown,
  pinMemory: boolean,
  requiresGrad: boolean,
  names: string[] | null,
): Tensor {
  checkOptions(null, device as never, pinMemory);
  if (names !== null) throw new RuntimeError("tensorgrad does not support named tensors (dimension names)");
  if (dtype !== null && !dtype.is_complex) throw new TypeError("must be real number, not complex");
  const target = dtype ?? toComplexDtype(defaultFloatDtype());
  let re: Tensor;
  let im: Tensor;
  if (data instanceof Tensor) {
    const c = data.to(target) as Tensor;
    re = real(c).contiguous();
    im = imag(c).contiguous();
  } else {
    const [reData, imData] = split(data);
    re = tensorFromData(reData, float64);
    im = tensorFromData(imData, float64);
  }
  const reValues = re.values();
  const imValues = im.values();
  const out = allocate(target, 2 * reValues.length);
  for (let i = 0; i < reValues.length; i++) {
    out[2 * i] = reValues[i];
    out[2 * i + 1] = imValues[i];
  }
  const t = fromData(out, re.shape, target);
  return requiresGrad ? t.requires_grad_(true) : t;
}

/** A complex tensor's values as Complex numbers, row-major. */
function complexNumbers(t: Tensor): Complex[] {
  const v = complexValues(t);
  return Array.from({ length: v.length / 2 }, (_, i) => new Complex(v[2 * i], v[2 * i + 1]));
}

/** Tensor.item() of a complex tensor: a torch.Complex (Python's complex). */
function complexItem(t: Tensor): Complex {
  if (t.numel() !== 1) throw new ValueError("only one element tensors can be converted to Python scalars");
  return complexNumbers(t)[0];
}

type NestedComplex = Complex | NestedComplex[];

/** Tensor.tolist() of a complex tensor: nested arrays of torch.Complex values. */
function complexTolist(t: Tensor): NestedComplex {
  const flat = complexNumbers(t);
  const build = (dim: number, start: number): NestedComplex => {
    if (dim === t.ndim) return flat[start];
    const step = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: t.shape[dim] }, (_, i) => build(dim + 1, start + i * step));
  };
  return build(0, 0);
}

/** A torch.Generator among the arguments, or null. */
function generatorOf(args: readonly unknown[]): Generator | null {
  return (args.find((a) => a instanceof Generator) ?? null) as Generator | null;
}

/**
 * torch.rand / randn with a complex dtype, as PyTorch's uniform_ / normal_ fill complex tensors: through the
 * real view, rand with U(0, 1) per component, randn with N(0, 1/2) per component (std / sqrt(2)), so a seeded
 * generator gives PyTorch's numbers.
 */
function complexRandom(kind: "rand" | "randn", args: unknown[], impl: (...a: unknown[]) => unknown): Tensor {
  const dtype = args.find((a): a is DType => a instanceof DType && a.is_complex)!;
  const part = toRealDtype(dtype);
  const size = args[0] as number[];
  const last = args.length - 1;
  const requiresGrad = args[last] === true;
  const realArgs = args.map((a, i) => (a === dtype ? part : i === last && requiresGrad ? false : a));
  realArgs[0] = [...size, 2];
  let floats: Tensor;
  if (kind === "rand") floats = impl(...realArgs) as Tensor;
  else {
    floats = torchZeros([...size, 2], { dtype: part });
    normal_(floats, 0, 1 / Math.sqrt(2), generatorOf(args));
  }
  const out = fromData(floats._storage.data, size, dtype);
  return requiresGrad ? out.requires_grad_(true) : out;
}

defineComplex(["torch:rand"], (args, impl) => complexRandom("rand", args, impl));
defineComplex(["torch:randn"], (args, impl) => complexRandom("randn", args, impl));
defineComplex(["Tensor:item"], ([t]) => complexItem(t as Tensor));
defineComplex(["Tensor:tolist"], ([t]) => complexTolist(t as Tensor));
defineComplexData(["torch:tensor"], ([data]) =>
  holdsComplex(data) ? toComplexDtype(defaultFloatDtype()) : null,
);
defineComplex(["torch:tensor"], (args) =>
  complexTensor(
    args[0],
    args[1] as DType | null,
    args[2],
    args[3] as boolean,
    args[4] as boolean,
    args[5] as string[] | null,
  ),
);
