// Plumbing every op shares: operand checks, type promotion, kernel calls, graph recording and
// in-place writes. Ops never talk to the engine; they record a row of the derivatives table.
import { is_grad_enabled } from "../autograd/grad_mode.js";
import {
  INFERENCE_SAVE_ERROR,
  isInferenceTensor,
  is_inference_mode_enabled,
} from "../autograd/inference_mode.js";
import { OpNode, type Edge, type InputMetadata } from "../autograd/node.js";
import { needsViewRebase, rebaseViewHistory } from "../autograd/view_inplace.js";
import { backend, type BinaryOp, type StridedArray, type UnaryOp } from "../backend/backend.js";
import { RuntimeError } from "../errors.js";
import { allocate, Category, describe, resultType, type DType, type TypedArray } from "../tensor/dtype.js";
import {
  broadcastShapes,
  broadcastStrides,
  contiguousStrides,
  shapesEqual,
  type Shape,
} from "../tensor/shape.js";
import { Storage, Tensor } from "../tensor/tensor.js";
import { DERIVATIVES, type DerivativeName, type SavedOf } from "./derivatives/index.js";

export type Scalar = number | boolean | bigint;
export type TensorOrScalar = Tensor | Scalar;

export function isScalar(v: unknown): v is Scalar {
  return typeof v === "number" || typeof v === "boolean" || typeof v === "bigint";
}

/** Checks an op's tensor argument, naming the argument as PyTorch does. */
export function checkTensor(v: unknown, fn: string, arg = "input"): Tensor {
  if (v instanceof Tensor) return v;
  throw new TypeError(`${fn}(): argument '${arg}' must be Tensor, not ${describe(v)}`);
}

export function checkOperand(v: unknown, fn: string, arg: string): TensorOrScalar {
  if (v instanceof Tensor || isScalar(v)) return v;
  throw new TypeError(`${fn}(): argument '${arg}' must be Tensor or Number, not ${describe(v)}`);
}

export function scalarValue(v: Scalar): number {
  return typeof v === "number" ? v : Number(v);
}

/** A 0-dim tensor holding a scalar operand, already converted to the op's compute dtype. */
export function scalarTensor(v: Scalar, dtype: DType): Tensor {
  const data = allocate(dtype, 1);
  data[0] = dtype.cast(scalarValue(v));
  return Tensor._fromData(data, SCALAR_SHAPE, dtype);
}

/** The shape of every 0-dim tensor made here: frozen, so tensors share it instead of copying. */
const SCALAR_SHAPE: Shape = Object.freeze([]);

export function fromData(data: TypedArray, shape: Shape, dtype: DType): Tensor {
  return Tensor._fromData(data, shape, dtype);
}

/** An elementwise kernel of one tensor. */
export function unaryKernel(
  op: UnaryOp,
  x: Tensor,
  outDtype: DType,
  params?: readonly number[],
  computeDtype = outDtype,
) {
  return fromData(backend().unary(op, x._view(), computeDtype, outDtype, params), x.shape, outDtype);
}

/** An elementwise kernel of two tensors, broadcasting them to one shape. */
export function binaryKernel(
  op: BinaryOp,
  a: Tensor,
  b: Tensor,
  computeDtype: DType,
  outDtype = computeDtype,
): Tensor {
  const shape = shapesEqual(a.shape, b.shape) ? a.shape : broadcastShapes(a.shape, b.shape);
  const out = backend().binary(op, broadcastView(a, shape), broadcastView(b, shape), computeDtype, outDtype);
  return fromData(out, shape, outDtype);
}

/** t as a backend operand read as if expanded to `shape`. */
function broadcastView(t: Tensor, shape: Shape): StridedArray {
  return {
    data: t._storage.data,
    shape,
    // A 0-dim result means t is 0-dim too: nothing to broadcast.
    strides: shape.length === 0 ? t._strides : broadcastStrides(t.shape, t._strides, shape),
    offset: t._offset,
    dtype: t.dtype,
  };
}

/** Both operands of a binary op as tensors in their promoted dtype (scalars wrapped as 0-dim). */
export function promoteOperands(a: TensorOrScalar, b: TensorOrScalar): [Tensor, Tensor, DType] {
  const dtype = sameDtypeResult(a, b) ?? resultType([a, b]);
  const ta = a instanceof Tensor ? a : scalarTensor(a, dtype);
  const tb = b instanceof Tensor ? b : scalarTensor(b, dtype);
  return [ta, tb, dtype];
}

/**
 * resultType's answer for the commonest pairs, without building its operand list: two tensors of one dtype,
 * or a floating tensor with a number (a number never outranks a floating tensor). null: ask resultType.
 */
function sameDtypeResult(a: TensorOrScalar, b: TensorOrScalar): DType | null {
  if (!(a instanceof Tensor)) return null;
  if (b instanceof Tensor) return a.dtype === b.dtype ? a.dtype : null;
  return a.dtype.category === Category.Floating ? a.dtype : null;
}

/** Integer ops that PyTorch computes in floating point (true division, sin of an int, ...). */
export function floatingDtype(dtype: DType, defaultFloat: DType): DType {
  return dtype.category === Category.Floating ? dtype : defaultFloat;
}

/**
 * Attaches a graph node for `name` to `output` when grad mode is on and an input requires grad.
 * `saved` is a thunk so nothing is saved when no graph is recorded.
 */
export function record<K extends DerivativeName>(
  name: K,
  inputs: readonly Tensor[],
  output: Tensor,
  saved: () => SavedOf<K>,
): Tensor {
  if (!needsGraph(inputs)) return output;
  const state: object = saved() as object;
  // Plain loops instead of map/Object.values: this runs once per recorded op.
  const edges = new Array<Edge>(inputs.length);
  const inputMeta = new Array<InputMetadata>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    edges[i] = t._gradEdge();
    inputMeta[i] = { shape: t.shape, dtype: t.dtype };
  }
  const node = new OpNode(name, DERIVATIVES[name] as never, state, edges);
  node.inputMeta = inputMeta;
  for (const key in state) {
    const v = (state as Record<string, unknown>)[key];
    if (!(v instanceof Tensor)) continue;
    if (isInferenceTensor(v)) throw new RuntimeError(INFERENCE_SAVE_ERROR);
    node.trackSaved(v, v === output);
  }
  output._gradFn = node;
  output._outputNr = 0;
  output._requiresGrad = true;
  return output;
}

export function needsGraph(inputs: readonly Tensor[]): boolean {
  if (!is_grad_enabled()) return false;
  for (const t of inputs) if (t._requiresGrad) return true;
  return false;
}

const INFERENCE_IN_PLACE =
  "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a normal " +
  "tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.";
const VIEW_OF_LEAF_IN_PLACE =
  "a view of a leaf Variable that requires grad is being used in an in-place operation.";
const LEAF_IN_PLACE = "a leaf Variable that requires grad is being used in an in-place operation.";

/** PyTorch's casting rule for in-place results: no float into int, no int into bool. */
function checkCanCast(from: DType, to: DType): void {
  if (from.category > to.category) {
    throw new RuntimeError(
      `result type ${from.scalarTypeName} can't be cast to the desired output type ${to.scalarTypeName}`,
    );
  }
}

/**
 * Runs `compute` out of place and writes its result into `self`, rebasing self's history on the new node.
 * When self is in a graph, compute sees a snapshot so formulas that saved self keep its old values.
 */
export function inPlace(self: Tensor, compute: (input: Tensor) => Tensor): Tensor {
  if (is_grad_enabled() && self.is_leaf && self._requiresGrad) throw new RuntimeError(LEAF_IN_PLACE);
  if (is_grad_enabled() && self._gradFn && self._base?.is_leaf && self._base._requiresGrad)
    throw new RuntimeError(VIEW_OF_LEAF_IN_PLACE);
  if (!is_inference_mode_enabled() && isInferenceTensor(self)) throw new RuntimeError(INFERENCE_IN_PLACE);
  // Under grad mode compute sees a copy: a formula may save self (or, for mul_, save it for the other operand).
  const input = is_grad_enabled() ? snapshot(self) : self;
  const result = compute(input);
  if (result.shape.length !== self.shape.length || result.shape.some((d, i) => d !== self.shape[i])) {
    throw new RuntimeError(
      `output with shape [${self.shape.join(", ")}] doesn't match the broadcast shape [${result.shape.join(", ")}]`,
    );
  }
  checkCanCast(result.dtype, self.dtype);
  writeInto(self, result);
  if (result._gradFn instanceof OpNode) result._gradFn._aliasOutput(result, self);
  if (is_grad_enabled() && needsViewRebase(self, result)) rebaseViewHistory(self, result);
  else if (result._gradFn) {
    self._gradFn = result._gradFn;
    self._outputNr = result._outputNr;
    self._requiresGrad = true;
  }
  return self;
}

/** Copies src's values into dst's (possibly strided) storage, converting dtype, and bumps the version. */
export function writeInto(dst: Tensor, src: Tensor): void {
  const values = src.dtype === dst.dtype ? src.values() : backend().copy(src._view(), dst.dtype);
  const data = dst._storage.data;
  if (dst.is_contiguous()) {
    data.set(values, dst._offset);
  } else {
    const strides = dst._strides;
    const shape = dst.shape;
    const index = new Array<number>(shape.length).fill(0);
    for (let i = 0; i < values.length; i++) {
      let off = dst._offset;
      for (let d = 0; d < shape.length; d++) off += index[d] * strides[d];
      data[off] = values[i];
      for (let d = shape.length - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) break;
        index[d] = 0;
      }
    }
  }
  dst._bumpVersion();
}

/** A copy of self's values that stands in self's place in the graph. */
function snapshot(self: Tensor): Tensor {
  const copy = new Tensor(
    new Storage(self.values()),
    self.shape,
    contiguousStrides(self.shape),
    0,
    self.dtype,
  );
  copy._gradFn = self._gradFn;
  copy._outputNr = self._outputNr;
  copy._requiresGrad = self._requiresGrad;
  return copy;
}

/** The method form of an op function whose first parameter is the tensor itself. */
export type AsMethod<F> = F extends (self: Tensor, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Installs `x.op(...args)` as `op(x, ...args)` for each op function given. */
export function installMethods(ops: Record<string, (self: Tensor, ...args: never[]) => unknown>): void {
  for (const [name, fn] of Object.entries(ops)) {
    Object.defineProperty(Tensor.prototype, name, {
      value: function (this: Tensor, ...args: never[]) {
        return fn(this, ...args);
      },
      writable: true,
      configurable: true,
    });
  }
}
