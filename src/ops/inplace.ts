// In-place ops (`x.add_(y)`): computed out of place, written back into x's storage with a version bump,
// and x's history rebased onto the new node (see inPlace in core.ts).
import { no_grad } from "../autograd/grad_mode.js";
import { backend } from "../backend/backend.js";
import { allocate, bool, resultType } from "../tensor/dtype.js";
import { isContiguousTensor, Tensor } from "../tensor/tensor.js";
import { isInferenceTensor } from "../autograd/inference_mode.js";
import { is_inference_mode_enabled } from "../tensor/grad_mode_state.js";
import { RuntimeError } from "../errors.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import {
  broadcastView,
  fromData,
  hasInternalOverlap,
  inPlace,
  isScalar,
  needsGraph,
  record,
  scalarTensor,
  type Scalar,
  type TensorOrScalar,
} from "./core.js";
import {
  add,
  clamp,
  clampTensor,
  cos,
  div,
  divMode,
  exp,
  log,
  mul,
  neg,
  pow,
  reciprocal,
  relu,
  sigmoid,
  sin,
  sub,
  tanh,
} from "./elementwise.js";
import { cppTypeName } from "./core.js";
import { checkedScalar } from "./indexing.js";

/**
 * add_/sub_/mul_/div_ with no graph to record (an optimizer step under no_grad, say): the backend writes straight
 * into self's storage, with no temporary and no copy back. Anything else takes the general path.
 */
function binaryInPlace(self: Tensor, op: "add" | "sub" | "mul" | "div", other: TensorOrScalar): boolean {
  const into = backend().binaryInto;
  if (!into || !(self instanceof Tensor) || !self.dtype.is_floating_point || self._storage.inference)
    return false;
  // An expanded self takes the general path, which raises PyTorch's overlap error.
  if (hasInternalOverlap(self)) return false;
  // sub_ with True/False raises PyTorch's bool error on the general path.
  if (op === "sub" && typeof other === "boolean") return false;
  const operand = other instanceof Tensor ? other : isScalar(other) ? scalarTensor(other, self.dtype) : null;
  if (
    operand === null ||
    operand.dtype !== self.dtype ||
    operand._storage === self._storage ||
    needsGraph([self, operand]) ||
    !broadcastsTo(operand.shape, self.shape)
  )
    return false;
  if (!into(op, self._view(), broadcastView(operand, self.shape))) return false;
  self._bumpVersion();
  return true;
}

/** Whether `shape` broadcasts to exactly `target` (the in-place result keeps self's shape). */
function broadcastsTo(shape: readonly number[], target: readonly number[]): boolean {
  if (shape.length > target.length) return false;
  const lead = target.length - shape.length;
  return shape.every((d, i) => d === 1 || d === target[lead + i]);
}

export function add_(self: Tensor, other: TensorOrScalar, alpha: Scalar = 1): Tensor {
  if (alpha === 1 && binaryInPlace(self, "add", other)) return self;
  return inPlace(self, (x) => add(x, other, alpha));
}
export function sub_(self: Tensor, other: TensorOrScalar, alpha: Scalar = 1): Tensor {
  if (alpha === 1 && binaryInPlace(self, "sub", other)) return self;
  return inPlace(self, (x) => sub(x, other, alpha));
}
export function mul_(self: Tensor, other: TensorOrScalar): Tensor {
  if (binaryInPlace(self, "mul", other)) return self;
  return inPlace(self, (x) => mul(x, other));
}
export function div_(self: Tensor, other: TensorOrScalar): Tensor {
  if (binaryInPlace(self, "div", other)) return self;
  return inPlace(self, (x) => div(x, other));
}
export function clamp_(self: Tensor, min: Scalar | null, max: Scalar | null = null): Tensor {
  return inPlace(self, (x) => {
    // clamp's meta function: an integer or bool self takes no promotion in place (its text names the C++
    // type), and PyTorch has no bool kernel for number bounds.
    const bounds = [min, max].filter((b): b is Scalar => b !== null);
    if (!self.dtype.is_floating_point && bounds.length > 0) {
      const promoted = resultType([self, ...bounds]);
      if (promoted !== self.dtype) {
        throw new RuntimeError(
          `result type ${promoted.scalarTypeName} can't be cast to the desired output type ${cppTypeName(self.dtype)}`,
        );
      }
      if (self.dtype === bool) {
        const kernel =
          max === null ? "clamp_min_cpu" : min === null ? "clamp_max_scalar_cpu" : "clamp_scalar_cpu";
        throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
      }
    }
    return clamp(x, min, max);
  });
}

/** clamp_ with tensor bounds: with both, PyTorch's clamp kernel, which has no bool version. */
export function clampTensor_(self: Tensor, min: Tensor | null, max: Tensor | null): Tensor {
  return inPlace(self, (x) => {
    if (min !== null && max !== null && resultType([self, min, max]) === bool)
      throw new RuntimeError(`"clamp_cpu" not implemented for 'Bool'`);
    return clampTensor(x, min, max);
  });
}

/** fill_ and zero_ write one value everywhere: PyTorch lets them into expanded tensors. */
const FILLS_EXPANDED = Object.freeze({ allowOverlap: true });

/**
 * fill_/zero_ of a dense tensor outside any graph (zero_grad's case): the value goes straight into storage,
 * where the generic in-place path would allocate a filled copy and write it in, a full array per parameter.
 */
function fillDense(self: Tensor, value: () => number): boolean {
  if (self._requiresGrad || self._base !== null || self.dtype.is_complex || !isContiguousTensor(self))
    return false;
  // The generic path raises PyTorch's error for an inference tensor written outside inference mode.
  if (!is_inference_mode_enabled() && isInferenceTensor(self)) return false;
  self._storage.data.fill(value(), self._offset, self._offset + self.numel());
  self._bumpVersion();
  return true;
}

/** fill_ with a number (FillBackward2). */
export function fill_(self: Tensor, value: Scalar): Tensor {
  if (fillDense(self, () => checkedScalar(value, self.dtype))) return self;
  return inPlace(
    self,
    (x) => {
      const data = allocate(self.dtype, x.numel()).fill(checkedScalar(value, self.dtype));
      return record("FillBackward2", [x], fromData(data, x.shape, self.dtype), () => ({}));
    },
    FILLS_EXPANDED,
  );
}

/** fill_ with a 0-dim tensor, whose gradient is the sum of the output's (FillBackward3). */
function fillTensor_(self: Tensor, value: Tensor): Tensor {
  if (value.ndim !== 0) {
    throw new RuntimeError(
      `fill_ only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions.`,
    );
  }
  return inPlace(
    self,
    (x) => {
      const data = allocate(self.dtype, x.numel()).fill(checkedScalar(value._item(), self.dtype));
      return record("FillBackward3", [x, value], fromData(data, x.shape, self.dtype), () => ({}));
    },
    FILLS_EXPANDED,
  );
}

export function zero_(self: Tensor): Tensor {
  if (fillDense(self, () => 0)) return self;
  return inPlace(
    self,
    (x) =>
      record(
        "ZeroBackward0",
        [x],
        fromData(allocate(self.dtype, x.numel()), x.shape, self.dtype),
        () => ({}),
      ),
    FILLS_EXPANDED,
  );
}

export const neg_ = (self: Tensor): Tensor => inPlace(self, neg);
export const exp_ = (self: Tensor): Tensor => inPlace(self, exp);
export const log_ = (self: Tensor): Tensor => inPlace(self, log);
export const sin_ = (self: Tensor): Tensor => inPlace(self, sin);
export const cos_ = (self: Tensor): Tensor => inPlace(self, cos);
export const tanh_ = (self: Tensor): Tensor => inPlace(self, tanh);
export const sigmoid_ = (self: Tensor): Tensor => inPlace(self, sigmoid);
export const relu_ = (self: Tensor): Tensor => inPlace(self, relu);
export const reciprocal_ = (self: Tensor): Tensor => inPlace(self, reciprocal);
export function pow_(self: Tensor, exponent: TensorOrScalar): Tensor {
  if (!(exponent instanceof Tensor)) {
    // pow.Tensor_Scalar's TensorIterator wants self already in the result dtype.
    const dtype = resultType([self, exponent]);
    if (dtype !== self.dtype)
      throw new RuntimeError(`Found dtype ${self.dtype.scalarTypeName} but expected ${dtype.scalarTypeName}`);
  }
  return inPlace(self, (x) => pow(x, exponent));
}

/** self.copy_(src): src's values broadcast into self (any dtype); the gradient flows to src only (CopyBackwards). */
export function copy_(self: Tensor, src: Tensor): Tensor {
  return inPlace(self, (x) => {
    const expanded = no_grad(() => src.detach().expand(x.shape as number[]));
    const out = fromData(backend().copy(expanded._view(), x.dtype), x.shape, x.dtype);
    return record("torch::autograd::CopyBackwards", [x, src], out, () => ({}));
  });
}

defineOps(
  "torch",
  {
    "clamp_(Tensor input, Tensor? min=None, Tensor? max=None) -> Tensor": clampTensor_,
    "clamp_(Tensor input, Scalar? min=None, Scalar? max=None) -> Tensor": clamp_,
    "fill_(Tensor input, Tensor value) -> Tensor": fillTensor_,
    "fill_(Tensor input, Scalar value) -> Tensor": fill_,
    "zero_(Tensor input) -> Tensor": zero_,
    "neg_(Tensor input) -> Tensor": neg_,
    "exp_(Tensor input) -> Tensor": exp_,
    "log_(Tensor input) -> Tensor": log_,
    "sin_(Tensor input) -> Tensor": sin_,
    "cos_(Tensor input) -> Tensor": cos_,
    "tanh_(Tensor input) -> Tensor": tanh_,
    "sigmoid_(Tensor input) -> Tensor": sigmoid_,
    "relu_(Tensor input) -> Tensor": relu_,
    "reciprocal_(Tensor input) -> Tensor": reciprocal_,
  },
  { methods: true },
);

defineMethods({
  "add_(Tensor other, *, Scalar alpha=1) -> Tensor": add_,
  "sub_(Tensor other, *, Scalar alpha=1) -> Tensor": sub_,
  "add_(Scalar alpha, Tensor other)|deprecated -> Tensor": (self, alpha, other) => add_(self, other, alpha),
  "sub_(Scalar alpha, Tensor other)|deprecated -> Tensor": (self, alpha, other) => sub_(self, other, alpha),
  "mul_(Tensor other) -> Tensor": mul_,
  "div_(Tensor other) -> Tensor": div_,
  "div_(Tensor other, *, c10::string_view? rounding_mode) -> Tensor": (self, other, mode) =>
    inPlace(self, (x) => divMode(x, other, mode)),
  "div_(Scalar other, *, c10::string_view? rounding_mode) -> Tensor": (self, other, mode) =>
    inPlace(self, (x) => divMode(x, other, mode)),
  "pow_(Tensor exponent) -> Tensor": pow_,
  "pow_(Scalar exponent) -> Tensor": pow_,
  "copy_(Tensor other, bool async=False)|deprecated -> Tensor": (self, src) =>
    copy_(self, src instanceof Tensor ? src : scalarTensor(src, self.dtype)),
  "copy_(Tensor other, bool non_blocking=False) -> Tensor": (self, src) =>
    copy_(self, src instanceof Tensor ? src : scalarTensor(src, self.dtype)),
});
