// Plumbing every op shares: operand checks, type promotion, kernel calls, graph recording and
// in-place writes. Ops never talk to the engine; they record a row of the derivatives table.
import { emitWarning } from "../warnings.js";
import { is_grad_enabled } from "../autograd/grad_mode.js";
import {
  INFERENCE_SAVE_ERROR,
  isInferenceTensor,
  is_inference_mode_enabled,
} from "../autograd/inference_mode.js";
import { OpNode, type Edge, type InputMetadata } from "../autograd/node.js";
import { needsViewRebase, noteView, rebaseViewHistory, viewRebaseError } from "../autograd/view_inplace.js";
import { backend, type BinaryOp, type StridedArray, type UnaryOp } from "../backend/backend.js";
import { RuntimeError } from "../errors.js";
import {
  allocate,
  Category,
  converter,
  describe,
  float32,
  float64,
  resultType,
  type DType,
  type TypedArray,
} from "../tensor/dtype.js";
import {
  broadcastShapes,
  broadcastStrides,
  contiguousStrides,
  shapesEqual,
  type Shape,
} from "../tensor/shape.js";
import { BINARY, UNARY } from "../backend/js/scalar_kernels.js";
import {
  isContiguousTensor,
  isDetached,
  isNoGradView,
  markNoGradView,
  numelOf,
  Storage,
  Tensor,
  viewRequiresGrad,
} from "../tensor/tensor.js";
import { writeComplexInto } from "../tensor/complex.js";
import { writeRows } from "../tensor/strided_write.js";
import { formulaOf } from "../autograd/formulas.js";
import type { DerivativeName, SavedOf } from "./derivatives/index.js";

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

/**
 * A 0-dim tensor holding a scalar operand, already converted to the op's compute dtype. PyTorch wraps an int
 * as an int64 tensor and converts it with C's cast, which wraps into int32 (`int32 + 2**32` adds 0).
 */
export function scalarTensor(v: Scalar, dtype: DType): Tensor {
  const data = allocate(dtype, 1);
  const n = typeof v === "number" ? v : Number(v);
  const isInt64 = Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63;
  data[0] = isInt64 && dtype.category === Category.Integral ? dtype.wrap(n) : dtype.cast(n);
  return Tensor._scalar(data, dtype);
}

/** The params of a unary op that takes none: one shared array, not a new one per call. */
const NO_PARAMS: readonly number[] = Object.freeze([]);

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
  if (x.shape.length === 0) return scalarUnary(op, x, outDtype, params ?? NO_PARAMS, computeDtype);
  return fromData(backend().unary(op, x._view(), computeDtype, outDtype, params), x.shape, outDtype);
}

/**
 * A 0-dim operand skips the backend: its one element goes straight through the scalar kernel, which
 * is what every backend computes for a single element (the JS kernels are the reference), same digits.
 */
function scalarUnary(
  op: UnaryOp,
  x: Tensor,
  outDtype: DType,
  params: readonly number[],
  computeDtype: DType,
): Tensor {
  // Integer results wrap around like the backends' (see jsBackend.unary); the input converts with a cast.
  const round = computeDtype.is_floating_point ? computeDtype.cast : computeDtype.wrap;
  const v = x._storage.data[x._offset];
  let result = UNARY[op](x.dtype === computeDtype ? v : converter(x.dtype, computeDtype)(v), round, params);
  // Integer results convert like the backends' (wrapping into a narrower integer type); bool stores 0/1.
  if (outDtype.category === Category.Integral) result = converter(computeDtype, outDtype)(result);
  const out = allocate(outDtype, 1);
  out[0] = result;
  return Tensor._scalar(out, outDtype);
}

/** An elementwise kernel of two tensors, broadcasting them to one shape. */
export function binaryKernel(
  op: BinaryOp,
  a: Tensor,
  b: Tensor,
  computeDtype: DType,
  outDtype = computeDtype,
): Tensor {
  if (a.shape.length === 0 && b.shape.length === 0) return scalarBinary(op, a, b, computeDtype, outDtype);
  const shape = shapesEqual(a.shape, b.shape) ? a.shape : broadcastShapes(a.shape, b.shape);
  const out = backend().binary(op, broadcastView(a, shape), broadcastView(b, shape), computeDtype, outDtype);
  return fromData(out, shape, outDtype);
}

/** Two 0-dim operands: the scalar kernel directly (see scalarUnary). */
function scalarBinary(op: BinaryOp, a: Tensor, b: Tensor, computeDtype: DType, outDtype: DType): Tensor {
  const va = a._storage.data[a._offset];
  const vb = b._storage.data[b._offset];
  const out = allocate(outDtype, 1);
  if (a.dtype === computeDtype && b.dtype === computeDtype && outDtype === computeDtype) {
    // Float +, -, *, / of two values of the storage's dtype: the store rounds once, exactly like the
    // kernel's r(a op b) (as in fast_paths.ts), without a call through the kernel table.
    if (computeDtype === float32 || computeDtype === float64) {
      switch (op) {
        case "add":
          out[0] = va + vb;
          return Tensor._scalar(out, outDtype);
        case "sub":
          out[0] = va - vb;
          return Tensor._scalar(out, outDtype);
        case "mul":
          out[0] = va * vb;
          return Tensor._scalar(out, outDtype);
        case "div":
          out[0] = va / vb;
          return Tensor._scalar(out, outDtype);
      }
    }
  }
  const round = computeDtype.is_floating_point ? computeDtype.cast : computeDtype.wrap;
  out[0] = BINARY[op](
    a.dtype === computeDtype ? va : round(va),
    b.dtype === computeDtype ? vb : round(vb),
    round,
  );
  return Tensor._scalar(out, outDtype);
}

/** t as a backend operand read as if expanded to `shape`. */
export function broadcastView(t: Tensor, shape: Shape): StridedArray {
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
  const ta = a instanceof Tensor ? a : wrappedScalar(a, dtype);
  const tb = b instanceof Tensor ? b : wrappedScalar(b, dtype);
  return [ta, tb, dtype];
}

// Recently wrapped number operands, reused: `y.mul(1.01).add(0.1)` in a loop would otherwise make a tensor
// per op. Safe because a wrapped operand is only read: ops compute new outputs from it, and formulas that
// save it (MulBackward0's `other`) never write it; users cannot reach it (PyTorch makes a fresh one, but
// nothing tells the two apart). Inference mode makes its own (its tensors may not be saved outside it).
const WRAPPED_SLOTS = 8;
const wrappedValues: number[] = new Array<number>(WRAPPED_SLOTS).fill(NaN);
const wrappedTensors: (Tensor | null)[] = new Array<Tensor | null>(WRAPPED_SLOTS).fill(null);
let nextWrappedSlot = 0;

/** A number operand as a 0-dim tensor of the op's dtype (promoteOperands' scalarTensor, cached). */
function wrappedScalar(v: Scalar, dtype: DType): Tensor {
  if (typeof v !== "number" || is_inference_mode_enabled()) return scalarTensor(v, dtype);
  for (let i = 0; i < WRAPPED_SLOTS; i++) {
    const t = wrappedTensors[i];
    if (t !== null && t.dtype === dtype && Object.is(wrappedValues[i], v)) return t;
  }
  const t = scalarTensor(v, dtype);
  wrappedValues[nextWrappedSlot] = v;
  wrappedTensors[nextWrappedSlot] = t;
  nextWrappedSlot = (nextWrappedSlot + 1) % WRAPPED_SLOTS;
  return t;
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
 * `saved` is a thunk so nothing is saved when no graph is recorded. A null input is an optional tensor
 * argument that was not given (clamp's max): it keeps its place in the row, with no edge.
 */
export function record<K extends DerivativeName>(
  name: K,
  inputs: readonly (Tensor | null)[],
  output: Tensor,
  saved: () => SavedOf<K>,
): Tensor {
  // Small enough to inline into every op, so the no-graph path (backward formulas, no_grad) allocates
  // neither the thunk nor the inputs list.
  if (output._base !== null && !viewsAnInput(inputs, output)) output._base = null;
  if (needsGraph(inputs)) return recordNode(name, inputs, output, saved() as object);
  if (output._base !== null) noteViewCreation(inputs, output);
  return output;
}

/**
 * Whether output shares an input's storage. An op computed through internal views (conv1d's unsqueeze of its
 * result, embedding's view of index_select) returns a view of a tensor nobody else sees: to autograd, as in
 * PyTorch, that output is no view, so an in-place op on it records its own node rather than CopySlices.
 */
function viewsAnInput(inputs: readonly (Tensor | null)[], output: Tensor): boolean {
  for (const t of inputs) if (t !== null && t._storage === output._storage) return true;
  return false;
}

/**
 * A view remembers how it was made (PyTorch's creation_meta): with grad mode off, or as a view of such a view,
 * or (multiOutput) as one of several views an op returned under grad mode.
 */
function noteViewCreation(inputs: readonly (Tensor | null)[], view: Tensor, multiOutput = false): void {
  if (isDetached(view)) return;
  const source = inputs[0];
  if (!is_grad_enabled() || (source && isNoGradView(source))) markNoGradView(view);
  noteView(view, source, multiOutput && is_grad_enabled());
}

/**
 * record() for an op with several outputs (split, unbind): one node for all of them, output i taking the
 * node's output_nr i, as PyTorch's multi-output functions do.
 */
export function recordOutputs<K extends DerivativeName>(
  name: K,
  inputs: readonly (Tensor | null)[],
  outputs: Tensor[],
  saved: () => SavedOf<K>,
): Tensor[] {
  for (const out of outputs) if (out._base !== null) noteViewCreation(inputs, out, true);
  if (!needsGraph(inputs)) return outputs;
  const node = newNode(name, inputs, saved() as object, null, outputs.length, outputs);
  for (let i = 0; i < outputs.length; i++) {
    outputs[i]._gradFn = node;
    outputs[i]._outputNr = i;
    outputs[i]._requiresGrad = true;
  }
  return outputs;
}

/** The edge of an input that was not given: shared, as nothing writes an edge once made. */
const ABSENT_EDGE = Object.freeze([null, 0]) as unknown as Edge;

function recordNode(
  name: DerivativeName,
  inputs: readonly (Tensor | null)[],
  output: Tensor,
  state: object,
): Tensor {
  const node = newNode(name, inputs, state, output, 1);
  if (output._base !== null) noteViewCreation(inputs, output);
  output._gradFn = node;
  output._outputNr = 0;
  output._requiresGrad = true;
  return output;
}

/** The node of a row with its edges, input metadata and saved tensors; `output` (if one) is its only output. */
function newNode(
  name: DerivativeName,
  inputs: readonly (Tensor | null)[],
  state: object,
  output: Tensor | null,
  outputCount: number,
  outputs: readonly Tensor[] | null = null,
): OpNode<object> {
  // Plain loops instead of map/Object.values: this runs once per recorded op.
  const n = inputs.length;
  const edges = new Array<Edge>(n);
  let sharedDtype: DType | null = n > 0 ? (inputs[0]?.dtype ?? null) : null;
  for (let i = 0; i < n; i++) {
    const t = inputs[i];
    if (t === null) {
      edges[i] = ABSENT_EDGE;
      sharedDtype = null;
      continue;
    }
    edges[i] = t._gradEdge();
    if (t.shape.length !== 0 || t.dtype !== sharedDtype) sharedDtype = null;
  }
  const kind = nodeKindOf(name);
  const row = kind.row;
  // What the row never reads is not kept (nor version-checked).
  const unread = row.unread;
  for (let i = 0; i < unread.length; i++) delete (state as Record<string, unknown>)[unread[i]];
  const node = new OpNode(kind.name, row as never, state, edges, outputCount);
  if (row.savesUnreadTensor) node._markSavesTensors();
  // 0-dim inputs of one dtype share one metadata list: scalar graphs make many nodes.
  node.inputMeta = sharedDtype !== null ? scalarInputMeta(sharedDtype, n) : inputMetaOf(inputs);
  for (const key in state) {
    const v = (state as Record<string, unknown>)[key];
    if (!(v instanceof Tensor)) {
      if (Array.isArray(v) && v.some((x) => x instanceof Tensor)) {
        if (lazyInPlaceSelf !== null && v.includes(lazyInPlaceSelf))
          (state as Record<string, unknown>)[key] = v.map((x) =>
            x instanceof Tensor ? savedInPlaceSelf(x) : x,
          );
        node._markSavesTensors();
      }
      continue;
    }
    if (isInferenceTensor(v)) throw new RuntimeError(INFERENCE_SAVE_ERROR);
    const saved = v === lazyInPlaceSelf ? savedInPlaceSelf(v) : v;
    if (saved !== v) (state as Record<string, unknown>)[key] = saved;
    // A multi-output op's saved outputs (eigh's eigenvalues and vectors) are its own results too.
    const outputNr = saved === output ? 0 : outputs === null ? -1 : outputs.indexOf(saved);
    node.trackSaved(saved, outputNr >= 0, outputNr);
  }
  return node;
}

/** A row of the derivatives table with the grad_fn name its nodes print. */
interface NodeKind {
  readonly row: ReturnType<typeof formulaOf>;
  readonly name: string;
}

/** NodeKinds by recorded name, found once per name (newNode runs once per recorded op). */
const NODE_KINDS = new Map<string, NodeKind>();

function nodeKindOf(name: string): NodeKind {
  let kind = NODE_KINDS.get(name);
  if (kind === undefined) {
    // A complex row ("MulBackward0@complex", docs/complex.md) prints as PyTorch's grad_fn: the name before "@".
    const at = name.indexOf("@");
    kind = { row: formulaOf(name), name: at < 0 ? name : name.slice(0, at) };
    NODE_KINDS.set(name, kind);
  }
  return kind;
}

function inputMetaOf(inputs: readonly (Tensor | null)[]): InputMetadata[] {
  const meta = new Array<InputMetadata>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    // No gradient ever flows to an absent input: any metadata will do.
    if (t === null) {
      meta[i] = float32._scalarMeta;
      continue;
    }
    meta[i] = t.shape.length === 0 ? t.dtype._scalarMeta : { shape: t.shape, dtype: t.dtype };
  }
  return meta;
}

/** The inputMeta of `n` 0-dim inputs of one dtype, made once per (dtype, n). */
function scalarInputMeta(dtype: DType, n: number): readonly InputMetadata[] {
  const lists = dtype._scalarMetaLists;
  return (lists[n] ??= Object.freeze(new Array<InputMetadata>(n).fill(dtype._scalarMeta)));
}

export function needsGraph(inputs: readonly (Tensor | null)[]): boolean {
  if (!is_grad_enabled()) return false;
  // A view of a base that requires grad requires grad too, with or without a grad_fn of its own.
  for (const t of inputs)
    if (t !== null && (t._requiresGrad || (t._base !== null && viewRequiresGrad(t)))) return true;
  return false;
}

const INFERENCE_IN_PLACE =
  "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a normal " +
  "tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.";
const VIEW_OF_LEAF_IN_PLACE =
  "a view of a leaf Variable that requires grad is being used in an in-place operation.";
const LEAF_IN_PLACE = "a leaf Variable that requires grad is being used in an in-place operation.";
/** PyTorch's C++ type name, as its dtype checks print it (lerp, out=, in-place scans). */
export const cppTypeName = (d: DType): string => d.cppTypeName;

/** PyTorch's casting rule for in-place results: no float into int, no int into bool. */
function checkCanCast(from: DType, to: DType): void {
  if (from.category > to.category) {
    throw new RuntimeError(
      `result type ${from.scalarTypeName} can't be cast to the desired output type ${to.scalarTypeName}`,
    );
  }
}

const INTERNAL_OVERLAP =
  "unsupported operation: more than one element of the written-to tensor refers to a single memory location. " +
  "Please clone() the tensor before performing the operation.";

/** Whether several elements of t share one memory location (an expanded dim: size > 1, stride 0). */
export function hasInternalOverlap(t: Tensor): boolean {
  const shape = t.shape;
  for (let d = 0; d < shape.length; d++) if (shape[d] > 1 && t._strides[d] === 0) return true;
  return false;
}

/** TensorIterator's check of the tensor an op writes into (assert_no_internal_overlap). */
export function checkNoInternalOverlap(t: Tensor): void {
  if (hasInternalOverlap(t)) throw new RuntimeError(INTERNAL_OVERLAP);
}

const PARTIAL_OVERLAP =
  "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory " +
  "location. Please clone() the tensor before performing the operation.";

/**
 * assert_no_overlap: an op that reads `input` while writing `written` refuses when both address some of the
 * same memory. PyTorch decides only for dense, non-overlapping layouts (others are "too hard" and pass).
 */
export function checkNoOverlap(written: Tensor, input: Tensor): void {
  if (written._storage !== input._storage || numelOf(written) === 0 || numelOf(input) === 0) return;
  if (!isContiguousTensor(written) || !isContiguousTensor(input)) return;
  const [a, b] = [written._offset, input._offset];
  if (a < b + numelOf(input) && b < a + numelOf(written)) throw new RuntimeError(PARTIAL_OVERLAP);
}

export interface InPlaceOptions {
  /**
   * The op writes into tensors with an expanded dim, as PyTorch's fill_, zero_, tril_ and triu_ do (no
   * TensorIterator overlap check); every other in-place op raises PyTorch's error for them.
   */
  readonly allowOverlap?: boolean;
  /** With allowOverlap: PyTorch's deprecation warning for a write into an expanded tensor. */
  readonly expandedWarning?: string;
}

/** The in-place options of an op PyTorch still lets write into expanded tensors, with its deprecation warning. */
export function deprecatedOnExpanded(op: string, example: string, sourceLine: number): InPlaceOptions {
  return Object.freeze({
    allowOverlap: true,
    expandedWarning:
      `Use of ${op} on expanded tensors is deprecated. Please clone() the tensor before performing this ` +
      `operation. This also applies to advanced indexing e.g. ${example} (Triggered internally at  ` +
      `./aten/src/ATen/native/TensorAdvancedIndexing.cpp:${sourceLine}.)`,
  });
}

/**
 * Runs `compute` out of place and writes its result into `self`, rebasing self's history on the new node.
 * When self is in a graph, compute sees a snapshot so formulas that saved self keep its old values.
 */
export function inPlace(
  self: Tensor,
  compute: (input: Tensor) => Tensor,
  options: InPlaceOptions = NO_OPTIONS,
): Tensor {
  if (is_grad_enabled()) checkInPlaceAutograd(self);
  if (!is_inference_mode_enabled() && isInferenceTensor(self)) throw new RuntimeError(INFERENCE_IN_PLACE);
  const overlapRefused = options.allowOverlap !== true && hasInternalOverlap(self);
  if (options.allowOverlap === true && options.expandedWarning !== undefined && hasInternalOverlap(self))
    emitWarning(options.expandedWarning);
  // A formula may save self (mul_ saves it for the other operand) and needs its old values: in a graph compute
  // sees a copy; outside one (zero_grad's zero_) newNode copies self only if a node saves it (savedInPlaceSelf).
  const inGraph =
    is_grad_enabled() && (self._requiresGrad || (self._base !== null && viewRequiresGrad(self)));
  // Outside a graph compute sees an alias of self (same storage, another object), so a node saving self as the
  // in-place input gets the lazy copy while one saving self as another operand (`x.lerp_(x, w)`) keeps self
  // itself and its version check.
  const lazy = !inGraph && is_grad_enabled();
  const input = inGraph ? snapshot(self) : lazy ? aliasOf(self) : self;
  const outerLazy = lazyInPlaceSelf;
  const outerCopy = lazyInPlaceCopy;
  lazyInPlaceSelf = lazy ? input : null;
  lazyInPlaceCopy = null;
  let result: Tensor;
  try {
    result = compute(input);
  } catch (e) {
    if (overlapRefused) throw new RuntimeError(INTERNAL_OVERLAP);
    throw e;
  } finally {
    lazyInPlaceSelf = outerLazy;
    lazyInPlaceCopy = outerCopy;
  }
  // Autograd's check of a view counts every operand that requires grad (a no_grad view may not take a graph
  // another operand brings), and comes before the kernel's overlap check.
  if (result._gradFn !== null && self._base !== null && !isDetached(self)) {
    const error = viewRebaseError(self, false);
    if (error !== null) throw error;
  }
  if (overlapRefused) throw new RuntimeError(INTERNAL_OVERLAP);
  if (result.shape.length !== self.shape.length || result.shape.some((d, i) => d !== self.shape[i])) {
    throw new RuntimeError(
      `output with shape [${self.shape.join(", ")}] doesn't match the broadcast shape [${result.shape.join(", ")}]`,
    );
  }
  checkCanCast(result.dtype, self.dtype);
  if (options.allowOverlap === true && hasInternalOverlap(self)) writeChangesInto(self, result);
  else writeInto(self, result);
  if (result._gradFn instanceof OpNode) result._gradFn._aliasOutput(result, self);
  if (is_grad_enabled() && needsViewRebase(self, result)) rebaseViewHistory(self, result);
  else if (result._gradFn) {
    self._gradFn = result._gradFn;
    self._outputNr = result._outputNr;
    self._requiresGrad = true;
  }
  return self;
}

/**
 * writeInto for an expanded dst: PyTorch's kernel writes only the elements the op changes, one after another,
 * so where several elements share a memory location the last element the op changed wins. Copying every
 * element instead would let an unchanged later row undo the write (`zeros(1, 3).expand(3, 3).index_put_(...)`).
 */
function writeChangesInto(dst: Tensor, src: Tensor): void {
  const before = dst.values();
  const after = src.dtype === dst.dtype ? src.values() : backend().copy(src._view(), dst.dtype);
  const data = dst._storage.data;
  const shape = dst.shape;
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < after.length; i++) {
    if (!Object.is(before[i], after[i])) {
      let off = dst._offset;
      for (let d = 0; d < shape.length; d++) off += index[d] * dst._strides[d];
      data[off] = after[i];
    }
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  dst._bumpVersion();
}

/** Copies src's values into dst's (possibly strided) storage, converting dtype, and bumps the version. */
export function writeInto(dst: Tensor, src: Tensor): void {
  // Nothing to copy into a view with no elements, whose offset may lie past the end of its storage.
  // Internal helpers, not the public methods (which bind their arguments through the signature layer).
  if (numelOf(dst) === 0) {
    dst._bumpVersion();
    return;
  }
  if (dst.dtype.is_complex) return void (writeComplexInto(dst, src), dst._bumpVersion());
  // A contiguous source is read in place (copying it first cost a full pass per in-place op), except when
  // a strided write could overwrite source elements still to be read. TypedArray.set handles overlap.
  const dense = isContiguousTensor(dst);
  const values =
    src.dtype !== dst.dtype
      ? backend().copy(src._view(), dst.dtype)
      : isContiguousTensor(src) && (dense || src._storage !== dst._storage)
        ? src._storage.data.subarray(src._offset, src._offset + numelOf(src))
        : src.values();
  const data = dst._storage.data;
  if (dense) data.set(values, dst._offset);
  else writeRows(data, dst._offset, dst.shape, dst._strides, values);
  dst._bumpVersion();
}

const NO_OPTIONS: InPlaceOptions = Object.freeze({});

/** check_inplace: the autograd errors of an in-place write under grad mode, in PyTorch's order. */
export function checkInPlaceAutograd(self: Tensor): void {
  const base = self._base;
  const isView = base !== null && !isDetached(self);
  // Whether the write is recorded: self requires grad, directly or through the base it views.
  if (!(self._requiresGrad || (isView && base._requiresGrad))) return;
  if (isView) {
    const error = viewRebaseError(self, false);
    if (error !== null) throw error;
    // PyTorch asks whether the base is a leaf, not whether it requires grad: a view that requires grad on its
    // own (`t.reshape(3, 1).requires_grad_()`) of a plain leaf is refused too.
    if (base.is_leaf) throw new RuntimeError(VIEW_OF_LEAF_IN_PLACE);
  }
  if (self.is_leaf && self._requiresGrad) throw new RuntimeError(LEAF_IN_PLACE);
}

/** The tensor an in-place op's compute reads without a snapshot (see inPlace), and its copy once a node saved it. */
let lazyInPlaceSelf: Tensor | null = null;
let lazyInPlaceCopy: Tensor | null = null;

/** What a node saves for `t`: the pre-write copy when t is the tensor an in-place op is about to write. */
function savedInPlaceSelf(t: Tensor): Tensor {
  if (t !== lazyInPlaceSelf) return t;
  return (lazyInPlaceCopy ??= snapshot(t));
}

/** A copy of self's values that stands in self's place in the graph. */
function aliasOf(self: Tensor): Tensor {
  return new Tensor(self._storage, self.shape, self._strides, self._offset, self.dtype);
}

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
