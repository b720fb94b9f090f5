// torch.nn.functional's activations beyond those of math.ts: hardtanh/relu6, threshold, the shrinks,
// hardsigmoid/hardswish, mish, selu/celu (elu with scales), prelu, rrelu, glu, softsign and tanhshrink.
// Kernels follow PyTorch's aten/src/ATen/native/cpu/Activation.cpp; the declarations at the end give the
// torch.*, Tensor and torch.nn.functional signatures (argument checking happens there).
import { no_grad } from "../autograd/grad_mode.js";
import { AttributeError, RuntimeError } from "../errors.js";
import { pyTypeName } from "../signatures/messages.js";
import { cppDoubleStr } from "../python.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { allocate, bool, Category } from "../tensor/dtype.js";
import { fma } from "../backend/js/fma.js";
import { default_generator, type Generator } from "../tensor/random.js";
import { normalizeDim } from "../tensor/shape.js";
import { Tensor as TensorClass, type Tensor } from "../tensor/tensor.js";
import { fromData, inPlace, record, scalarValue, unaryKernel, type Scalar } from "./core.js";
import { add, div, gt, mul, sigmoid, sub, tanh, where } from "./elementwise.js";
import { abs, leaky_relu } from "./math.js";
import { narrow } from "./shape.js";

/** PyTorch's dispatch error for a dtype a CPU kernel lacks. */
function checkFloating(x: Tensor, kernel: string): void {
  if (x.dtype.category !== Category.Floating)
    throw new RuntimeError(`"${kernel}" not implemented for '${x.dtype.scalarTypeName}'`);
}

const num = (v: Scalar): number => scalarValue(v);

// ---- Clamping and thresholds (any dtype but bool) ----

/** torch._C._nn.hardtanh: clamp(input, min_val, max_val) in input's dtype, HardtanhBackward0. */
export function hardtanh(input: Tensor, minVal: Scalar = -1, maxVal: Scalar = 1): Tensor {
  if (input.dtype === bool) throw new RuntimeError("Bool inputs not supported for hardtanh");
  const [lo, hi] = [num(minVal), num(maxVal)];
  const cast = input.dtype.cast;
  const out = unaryKernel("clamp", input, input.dtype, [cast(lo), cast(hi)]);
  return record("HardtanhBackward0", [input], out, () => ({ self: input, minVal: lo, maxVal: hi }));
}

/** torch._C._nn.relu6: hardtanh(input, 0, 6). */
export const relu6 = (input: Tensor): Tensor => hardtanh(input, 0, 6);

function thresholdKernel(input: Tensor, th: number, value: Scalar): Tensor {
  if (input.dtype === bool) throw new RuntimeError(`"threshold_cpu" not implemented for 'Bool'`);
  const cast = input.dtype.cast;
  return unaryKernel("threshold", input, input.dtype, [cast(th), cast(num(value))]);
}

/** torch.threshold(input, threshold, value): input <= threshold ? value : input. */
export function threshold(input: Tensor, thresholdValue: Scalar, value: Scalar): Tensor {
  const th = num(thresholdValue);
  const out = thresholdKernel(input, th, value);
  return record("ThresholdBackward0", [input], out, () => ({ self: input, threshold: th }));
}

/**
 * torch.threshold_: ThresholdBackward1, whose formula reads self as it was before the write (PyTorch's codegen
 * saves a copy of it): a value above the threshold written in place still gets no gradient.
 */
export function threshold_(self: Tensor, thresholdValue: Scalar, value: Scalar): Tensor {
  const th = num(thresholdValue);
  return inPlace(self, (x) => {
    const original = no_grad(() => x.detach().clone());
    const out = thresholdKernel(x, th, value);
    return record("ThresholdBackward1", [x], out, () => ({ self: original, threshold: th }));
  });
}

// ---- Float-only pointwise activations ----

/** torch.hardshrink(input, lambd=0.5): 0 inside [-lambd, lambd], input elsewhere. */
export function hardshrink(input: Tensor, lambd: Scalar = 0.5): Tensor {
  checkFloating(input, "hardshrink_cpu");
  const l = num(lambd);
  const out = unaryKernel("hardshrink", input, input.dtype, [input.dtype.cast(l)]);
  return record("HardshrinkBackward0", [input], out, () => ({ self: input, lambd: l }));
}

/** torch._C._nn.softshrink(input, lambd=0.5): input moved lambd towards 0, 0 inside [-lambd, lambd]. */
export function softshrink(input: Tensor, lambd: Scalar = 0.5): Tensor {
  const l = num(lambd);
  if (!(l >= 0))
    throw new RuntimeError(`lambda must be greater or equal to 0, but found to be ${cppDoubleStr(l)}.`);
  checkFloating(input, "softshrink_cpu");
  const out = unaryKernel("softshrink", input, input.dtype, [input.dtype.cast(l)]);
  return record("SoftshrinkBackward0", [input], out, () => ({ self: input, lambd: l }));
}

/** torch._C._nn.hardsigmoid: min(max(x + 3, 0), 6) / 6. */
export function hardsigmoid(input: Tensor): Tensor {
  checkFloating(input, "hardsigmoid_cpu");
  const out = unaryKernel("hardsigmoid", input, input.dtype);
  return record("HardsigmoidBackward0", [input], out, () => ({ self: input }));
}

/** torch._C._nn.hardswish: x * min(max(x + 3, 0), 6) / 6. */
export function hardswish(input: Tensor): Tensor {
  checkFloating(input, "hardswish_cpu");
  const out = unaryKernel("hardswish", input, input.dtype);
  return record("HardswishBackward0", [input], out, () => ({ self: input }));
}

/** torch._C._nn.mish: x * tanh(log1p(exp(x))). */
export function mish(input: Tensor): Tensor {
  checkFloating(input, "mish_cpu");
  const out = unaryKernel("mish", input, input.dtype);
  return record("MishBackward0", [input], out, () => ({ self: input }));
}

// SELU's constants as torch/csrc (at::native::SELU_ALPHA, SELU_SCALE) spell them.
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** elu's kernel with its scale and input_scale, which selu and celu set. */
function scaledElu(input: Tensor, alpha: number, scale: number, inputScale: number): Tensor {
  checkFloating(input, "elu_cpu");
  const cast = input.dtype.cast;
  return unaryKernel("elu", input, input.dtype, [cast(alpha), cast(scale), cast(inputScale)]);
}

/** torch.selu: elu with SELU's alpha and scale (EluBackward0, as PyTorch's selu calls elu). */
export function selu(input: Tensor): Tensor {
  const out = scaledElu(input, SELU_ALPHA, SELU_SCALE, 1);
  return record("EluBackward0", [input], out, () => ({
    self: input,
    alpha: SELU_ALPHA,
    scale: SELU_SCALE,
    inputScale: 1,
  }));
}

/** torch.selu_: EluBackward1, whose formula reads the result. */
export const selu_ = (self: Tensor): Tensor =>
  inPlace(self, (x) => {
    const out = scaledElu(x, SELU_ALPHA, SELU_SCALE, 1);
    return record("EluBackward1", [x], out, () => ({
      result: out,
      alpha: SELU_ALPHA,
      scale: SELU_SCALE,
      inputScale: 1,
    }));
  });

function celuAlpha(alpha: Scalar): number {
  const a = num(alpha);
  if (a === 0) throw new RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU");
  return a;
}

/** torch.celu(input, alpha=1): elu(input, alpha, scale=1, input_scale=1/alpha). */
export function celu(input: Tensor, alpha: Scalar = 1): Tensor {
  const a = celuAlpha(alpha);
  const out = scaledElu(input, a, 1, 1 / a);
  return record("CeluBackward0", [input], out, () => ({ self: input, alpha: a }));
}

/** torch.celu_: CeluBackward1, whose formula reads the result. */
export function celu_(self: Tensor, alpha: Scalar = 1): Tensor {
  const a = celuAlpha(alpha);
  return inPlace(self, (x) => {
    const out = scaledElu(x, a, 1, 1 / a);
    return record("CeluBackward1", [x], out, () => ({ result: out, alpha: a }));
  });
}

/** x / (|x| + 1), as torch/nn/functional.py composes it. */
export const softsign = (input: Tensor): Tensor => div(input, add(abs(input), 1));

/** x - tanh(x), as torch/nn/functional.py composes it. */
export const tanhshrink = (input: Tensor): Tensor => sub(input, tanh(input));

// ---- Activations with parameters or randomness ----

/** The weight viewed to broadcast over input's channel dim (dim 1). */
function channelView(weight: Tensor, input: Tensor): Tensor {
  if (weight.numel() === 1 || input.ndim < 2) return weight.reshape([]);
  const shape = input.shape.map((_, d) => (d === 1 ? weight.numel() : 1));
  return weight.reshape(shape);
}

/** torch.prelu(input, weight): input > 0 ? input : weight * input, weight per channel (dim 1) or shared. */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  const weightNum = weight.numel();
  if (weightNum !== 1) {
    if (input.ndim === 0) throw new RuntimeError("Not allow zero-dim input tensor.");
    const channels = input.ndim >= 2 ? input.shape[1] : 1;
    if (weightNum !== channels)
      throw new RuntimeError(
        `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${weightNum} and channel size = ${channels}.`,
      );
  }
  if (weight.ndim > 1)
    throw new RuntimeError(
      `prelu: Expected \`weight\` to be a scalar or 1D tensor, but got ndim = ${weight.ndim}`,
    );
  if (weight.dtype !== input.dtype)
    throw new RuntimeError(
      `Found dtype ${weight.dtype.scalarTypeName} but expected ${input.dtype.scalarTypeName}`,
    );
  checkFloating(input, "prelu_cpu");
  const out = no_grad(() => where(gt(input, 0), input, mul(channelView(weight, input), input)));
  return record("PreluBackward0", [input, weight], out, () => ({ self: input, weight }));
}

/** The gradient of prelu's weight: the negative side's input * grad, summed over all but the channel dim. */
export function preluWeightGrad(g: Tensor, self: Tensor, weight: Tensor): Tensor {
  const contribution = where(gt(self, 0), 0, mul(self, g));
  if (weight.numel() === 1 || self.ndim < 2) return contribution.sum().reshape([...weight.shape]);
  const dims = self.shape.map((_, d) => d).filter((d) => d !== 1);
  return contribution.sum(dims).reshape([...weight.shape]);
}

export { channelView as preluChannelView };

/**
 * torch.rrelu(input, lower, upper, training, generator) (rrelu_with_noise): in training each element <= 0
 * is scaled by a uniform draw from [lower, upper) (one double draw per such element, in order, as PyTorch's
 * serial loop), the draws kept as the noise the backward uses; in eval, leaky_relu with their mean.
 */
export function rrelu(
  input: Tensor,
  lower: Scalar = 0.125,
  upper: Scalar = 1 / 3,
  training = false,
  generator: Generator | null = null,
): Tensor {
  return rreluWithNoise(input, num(lower), num(upper), training, generator, false);
}

/** torch.rrelu_: RreluWithNoiseBackward1, whose formula reads the result. */
export function rrelu_(
  self: Tensor,
  lower: Scalar = 0.125,
  upper: Scalar = 1 / 3,
  training = false,
  generator: Generator | null = null,
): Tensor {
  return inPlace(self, (x) => rreluWithNoise(x, num(lower), num(upper), training, generator, true));
}

function rreluWithNoise(
  input: Tensor,
  lo: number,
  hi: number,
  training: boolean,
  generator: Generator | null,
  savesResult: boolean,
): Tensor {
  const save = (out: Tensor, noise: Tensor | null) =>
    savesResult
      ? record("RreluWithNoiseBackward1", [input], out, () => ({
          result: out,
          noise,
          lower: lo,
          upper: hi,
          training,
        }))
      : record("RreluWithNoiseBackward0", [input], out, () => ({
          self: input,
          noise,
          lower: lo,
          upper: hi,
          training,
        }));
  if (!(lo <= hi)) throw new RuntimeError("Lower bound should be less than or equal to the upper bound");
  if (training) {
    checkFloating(input, "rrelu_with_noise_out_cpu");
    const gen = generator ?? default_generator;
    const cast = input.dtype.cast;
    const [from, to] = [cast(lo), cast(hi)];
    const values = input.values();
    const outData = allocate(input.dtype, values.length);
    const noiseData = allocate(input.dtype, values.length);
    for (let i = 0; i < values.length; i++) {
      const x = values[i] as number;
      if (x <= 0) {
        const r = cast(fma(gen.uniform53(), to - from, from));
        outData[i] = cast(x * r);
        noiseData[i] = r;
      } else {
        noiseData[i] = 1;
        outData[i] = x;
      }
    }
    return save(fromData(outData, input.shape, input.dtype), fromData(noiseData, input.shape, input.dtype));
  }
  return save(
    no_grad(() => leaky_relu(input, (lo + hi) / 2)),
    null,
  );
}

/** torch._C._nn.glu(input, dim=-1): first half * sigmoid(second half) along dim. */
export function glu(input: Tensor, dim = -1): Tensor {
  if (input.ndim === 0) throw new RuntimeError("glu does not support 0-dimensional tensors");
  const d = normalizeDim(dim, input.ndim);
  const size = input.shape[d];
  if (size % 2 !== 0)
    throw new RuntimeError(`Halving dimension must be even, but dimension ${d} is size ${size}`);
  checkFloating(input, "glu_cpu");
  const half = size / 2;
  // glu_kernel's one / (one + exp(-b)) is the sigmoid kernel's arithmetic, vector body and scalar tail alike.
  const out = no_grad(() => mul(narrow(input, d, 0, half), sigmoid(narrow(input, d, half, half))));
  return record("GluBackward0", [input], out, () => ({ self: input, dim: d }));
}

/** F.glu, whose Python check of a 0-d input comes first with its own words. */
export function functionalGlu(input: Tensor, dim = -1): Tensor {
  if (input.ndim === 0)
    throw new RuntimeError("glu does not support scalars because halving size must be even");
  return glu(input, dim);
}

// ---- torch.* and Tensor declarations ----

defineOps(
  "torch",
  {
    "hardshrink(Tensor input, Scalar lambd=0.5, *, Tensor out=None) -> Tensor": hardshrink,
    "prelu(Tensor input, Tensor weight) -> Tensor": prelu,
  },
  { methods: true },
);

defineOps("torch", {
  "selu(Tensor input) -> Tensor": selu,
  "selu_(Tensor input) -> Tensor": selu_,
  "celu(Tensor input, Scalar alpha=1.0) -> Tensor": celu,
  "celu_(Tensor input, Scalar alpha=1.0) -> Tensor": celu_,
  "rrelu(Tensor input, Scalar lower=0.125, Scalar upper=0.3333333333333333, bool training=False, Generator? generator=None) -> Tensor":
    rrelu,
  "rrelu_(Tensor input, Scalar lower=0.125, Scalar upper=0.3333333333333333, bool training=False, Generator? generator=None) -> Tensor":
    rrelu_,
  "threshold(Tensor input, Scalar threshold, Scalar value, *, Tensor out=None) -> Tensor": threshold,
  "threshold_(Tensor input, Scalar threshold, Scalar value) -> Tensor": threshold_,
});

// ---- torch.nn.functional ----

/** The AttributeError Python raises where an unannotated function calls a Tensor method on another value. */
function tensorWithMethod(input: unknown, method: string): Tensor {
  if (input instanceof TensorClass) return input;
  throw new AttributeError(`'${pyTypeName(input)}' object has no attribute '${method}'`);
}

/** F.* with `inplace`: the in-place form writes the result back through inPlace. */
const maybeInPlace = (input: Tensor, inplace: boolean, op: (x: Tensor) => Tensor): Tensor =>
  inplace ? inPlace(input, op) : op(input);

// Builtins torch.nn.functional re-exports from torch / torch._C._nn.
defineOps("torch.nn.functional", {
  "hardshrink(Tensor input, Scalar lambd=0.5, *, Tensor out=None) -> Tensor": hardshrink,
  "softshrink(Tensor input, Scalar lambd=0.5, *, Tensor out=None) -> Tensor": softshrink,
  "prelu(Tensor input, Tensor weight) -> Tensor": prelu,
});

// F.threshold is torch/nn/functional.py's _threshold, whose errors print that name.
definePython(
  "torch.nn.functional",
  {
    "_threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor": (
      input: Tensor,
      th: number,
      value: number,
      inplace: boolean,
    ) => (inplace ? threshold_(input, th, value) : threshold(input, th, value)),
  },
  { publicNames: { _threshold: "threshold" } },
);

// Python functions of torch/nn/functional.py.
definePython("torch.nn.functional", {
  "hardtanh(input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False) -> Tensor": (
    input: Tensor,
    minVal: number,
    maxVal: number,
    inplace: boolean,
  ) => maybeInPlace(input, inplace, (x) => hardtanh(x, minVal, maxVal)),
  "relu6(input: Tensor, inplace: bool = False) -> Tensor": (input: Tensor, inplace: boolean) =>
    maybeInPlace(input, inplace, relu6),
  "selu(input: Tensor, inplace: bool = False) -> Tensor": (input: Tensor, inplace: boolean) =>
    inplace ? selu_(input) : selu(input),
  "celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor": (
    input: Tensor,
    alpha: number,
    inplace: boolean,
  ) => (inplace ? celu_(input, alpha) : celu(input, alpha)),
  "hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor": (input: Tensor, inplace: boolean) =>
    maybeInPlace(input, inplace, hardsigmoid),
  "hardswish(input: Tensor, inplace: bool = False) -> Tensor": (input: Tensor, inplace: boolean) =>
    maybeInPlace(input, inplace, hardswish),
  "mish(input: Tensor, inplace: bool = False) -> Tensor": (input: Tensor, inplace: boolean) =>
    maybeInPlace(input, inplace, mish),
  "rrelu(input: Tensor, lower: float = 0.125, upper: float = 0.3333333333333333, training: bool = False, inplace: bool = False) -> Tensor":
    (input: Tensor, lower: number, upper: number, training: boolean, inplace: boolean) =>
      inplace ? rrelu_(input, lower, upper, training) : rrelu(input, lower, upper, training),
  "glu(input: Tensor, dim: int = -1) -> Tensor": functionalGlu,
  // Unannotated in torch/nn/functional.py: Python's own attribute lookup rejects a non-tensor.
  "softsign(input) -> Tensor": (input: unknown) => softsign(tensorWithMethod(input, "abs")),
  "tanhshrink(input) -> Tensor": (input: unknown) => tanhshrink(tensorWithMethod(input, "tanh")),
});
