// In-place ops (`x.add_(y)`): computed out of place, written back into x's storage with a version bump,
// and x's history rebased onto the new node (see inPlace in core.ts).
import { no_grad } from "../autograd/grad_mode.js";
import { OpNode } from "../autograd/node.js";
import { backend } from "../backend/backend.js";
import { zeros_like } from "../tensor/creation.js";
import { allocate } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import {
  broadcastView,
  checkTensor,
  fromData,
  inPlace,
  installMethods,
  isScalar,
  needsGraph,
  record,
  scalarTensor,
  scalarValue,
  type AsMethod,
  type Scalar,
  type TensorOrScalar,
} from "./core.js";
import {
  add,
  clamp,
  cos,
  div,
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
  type AlphaOptions,
  type ClampOptions,
} from "./elementwise.js";

/**
 * add_/sub_/mul_/div_ with no graph to record (an optimizer step under no_grad, say): the backend writes straight
 * into self's storage, with no temporary and no copy back. Anything else takes the general path.
 */
function binaryInPlace(self: Tensor, op: "add" | "sub" | "mul" | "div", other: TensorOrScalar): boolean {
  const into = backend().binaryInto;
  if (!into || !(self instanceof Tensor) || !self.dtype.is_floating_point || self._storage.inference)
    return false;
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

export function add_(self: Tensor, other: TensorOrScalar, opts?: AlphaOptions): Tensor {
  if (opts === undefined && binaryInPlace(self, "add", other)) return self;
  return inPlace(self, (x) => add(x, other, opts));
}
export function sub_(self: Tensor, other: TensorOrScalar, opts?: AlphaOptions): Tensor {
  if (opts === undefined && binaryInPlace(self, "sub", other)) return self;
  return inPlace(self, (x) => sub(x, other, opts));
}
export function mul_(self: Tensor, other: TensorOrScalar): Tensor {
  if (binaryInPlace(self, "mul", other)) return self;
  return inPlace(self, (x) => mul(x, other));
}
export function div_(self: Tensor, other: TensorOrScalar): Tensor {
  if (binaryInPlace(self, "div", other)) return self;
  return inPlace(self, (x) => div(x, other));
}
export function clamp_(self: Tensor, min?: number | null | ClampOptions, max?: number | null): Tensor {
  return inPlace(self, (x) => clamp(x, min, max));
}
export function fill_(self: Tensor, value: Scalar): Tensor {
  if (!isScalar(value)) throw new TypeError(`fill_(): argument 'value' must be Number, not ${typeof value}`);
  return inPlace(self, (x) => {
    const data = allocate(self.dtype, x.numel()).fill(self.dtype.cast(scalarValue(value)));
    return record("FillBackward0", [x], fromData(data, x.shape, self.dtype), () => ({}));
  });
}
export function zero_(self: Tensor): Tensor {
  return fill_(self, 0);
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
  return inPlace(self, (x) => pow(x, exponent));
}

/** self.copy_(src): src's values broadcast into self (any dtype); the gradient flows to src only (CopyBackwards). */
export function copy_(self: Tensor, src: Tensor): Tensor {
  checkTensor(src, "copy_", "src");
  return inPlace(self, (x) => {
    const expanded = no_grad(() => src.detach().expand(x.shape as number[]));
    const out = fromData(backend().copy(expanded._view(), x.dtype), x.shape, x.dtype);
    if (!needsGraph([x, src])) return out;
    const node = new OpNode(
      "torch::autograd::CopyBackwards",
      (g, _saved, ctx) => [ctx.needsInputGrad[0] ? zeros_like(g) : null, g],
      {},
      [x._gradEdge(), src._gradEdge()],
    );
    node.inputMeta = [x, src].map((t) => ({ shape: t.shape, dtype: t.dtype }));
    out._gradFn = node;
    out._requiresGrad = true;
    return out;
  });
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    add_: AsMethod<typeof add_>;
    sub_: AsMethod<typeof sub_>;
    mul_: AsMethod<typeof mul_>;
    div_: AsMethod<typeof div_>;
    clamp_: AsMethod<typeof clamp_>;
    fill_: AsMethod<typeof fill_>;
    zero_: AsMethod<typeof zero_>;
    neg_: AsMethod<typeof neg_>;
    exp_: AsMethod<typeof exp_>;
    log_: AsMethod<typeof log_>;
    sin_: AsMethod<typeof sin_>;
    cos_: AsMethod<typeof cos_>;
    tanh_: AsMethod<typeof tanh_>;
    sigmoid_: AsMethod<typeof sigmoid_>;
    relu_: AsMethod<typeof relu_>;
    reciprocal_: AsMethod<typeof reciprocal_>;
    pow_: AsMethod<typeof pow_>;
    copy_: AsMethod<typeof copy_>;
  }
}
installMethods({
  add_,
  sub_,
  mul_,
  div_,
  clamp_,
  fill_,
  zero_,
  neg_,
  exp_,
  log_,
  sin_,
  cos_,
  tanh_,
  sigmoid_,
  relu_,
  reciprocal_,
  pow_,
  copy_,
});
