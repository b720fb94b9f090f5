// In-place ops on views (`base.narrow(0, 0, 2).mul_(2)`): after the write, the base's history goes through a
// CopySlices node (the region the view covers takes its gradient from the in-place op, the rest from the
// base's old history) and the view becomes an AsStrided view of the new base, as in PyTorch. Every other view
// of the same storage learns of the write lazily, as PyTorch's VariableHooks::grad_fn does: reading its
// grad_fn after its storage's version moved regenerates it as AsStridedBackward0 of the base's current
// history (or raises, for views PyTorch forbids that for). Their formulas are rows of the derivatives table
// (src/ops/derivatives/view_inplace.ts), looked up by name.
import { RuntimeError } from "../errors.js";
import { tensor } from "../tensor/creation.js";
import { int64 } from "../tensor/dtype.js";
import {
  installViewRefresh,
  isDetached,
  isNoGradView,
  VIEW_MULTI_OUTPUT,
  type Tensor,
} from "../tensor/tensor.js";
import { formulaOf } from "./formulas.js";
import { OpNode } from "./node.js";

// Each differentiable view's version counter when its grad_fn was last set (PyTorch's attr_version) is
// Tensor._attrVersion (-1 until noted); outputs of split/chunk/unbind made under grad mode, and views of them
// (CreationMeta::MULTI_OUTPUT_NODE), carry VIEW_MULTI_OUTPUT in Tensor._viewFlags.
const isMultiOutputView = (t: Tensor) => (t._viewFlags & VIEW_MULTI_OUTPUT) !== 0;

/** Notes a new differentiable view (`multiOutput`: one of several views an op returns under grad mode). */
export function noteView(view: Tensor, source: Tensor | null, multiOutput: boolean): void {
  if (isDetached(view)) return;
  view._attrVersion = view._storage.version;
  if (multiOutput || (source !== null && isMultiOutputView(source) && !isNoGradView(view)))
    view._viewFlags |= VIEW_MULTI_OUTPUT;
}

/**
 * handle_view_on_rebase: the error for an in-place write into a view PyTorch forbids it for (`indirect`: the
 * write went into its base or another view), or null where the write is allowed.
 */
export function viewRebaseError(view: Tensor, indirect: boolean): RuntimeError | null {
  const noGrad = isNoGradView(view);
  if (!noGrad && !isMultiOutputView(view)) return null;
  const modified = indirect ? "its base or another view of its base has been" : "is being";
  const fn = view._gradFn;
  let msg: string;
  if (noGrad || fn === null) {
    const prefix =
      fn !== null
        ? `Output ${view._outputNr} of ${fn.name()} is a view of a view which was created in`
        : "A view was created in";
    msg = `${prefix} no_grad mode and ${modified} modified inplace with grad mode enabled.`;
  } else {
    msg = `Output ${view._outputNr} of ${fn.name()} is a view and ${modified} modified inplace.`;
  }
  msg += noGrad
    ? " Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by " +
      "moving both the view and the inplace either both inside the no_grad block (if you don't want the " +
      "inplace to be tracked) or both outside (if you want the inplace to be tracked)."
    : " This view is the output of a function that returns multiple views. Such functions do not allow the " +
      "output views to be modified inplace. You should replace the inplace operation by an out-of-place one.";
  return new RuntimeError(msg);
}

/** VariableHooks::grad_fn: a view whose storage was written since its grad_fn was set gets AsStridedBackward0. */
function refreshViewGradFn(view: Tensor): void {
  const attr = view._attrVersion;
  const version = view._storage.version;
  if (attr === -1 || attr === version) return;
  const base = view._base!;
  if (view._gradFn === null && !base._requiresGrad) return;
  const error = viewRebaseError(view, true);
  if (error !== null) throw error;
  view._attrVersion = version;
  const index = indexTensor(baseIndices(view, base));
  const asStrided = new OpNode(
    "AsStridedBackward0",
    formulaOf("AsStridedBackward0") as never,
    { index, baseShape: base.shape },
    [base._gradEdge()],
  );
  asStrided.inputMeta = [{ shape: base.shape, dtype: base.dtype }];
  view._gradFn = asStrided;
  view._outputNr = 0;
  view._requiresGrad = true;
  view._attrVersion = view._storage.version;
}

installViewRefresh(refreshViewGradFn);

function indexTensor(flat: number[]): Tensor {
  return tensor(
    flat.map((i) => BigInt(i)),
    { dtype: int64 },
  );
}

/** Row-major indices into base of each element of view (both address one storage; base is no view). */
function baseIndices(view: Tensor, base: Tensor): number[] {
  const positions = storagePositions(base);
  const offsets = storagePositions(view);
  if (base.is_contiguous()) return offsets.map((o) => o - base._offset);
  const where = new Map<number, number>();
  positions.forEach((o, i) => where.set(o, i));
  return offsets.map((o) => where.get(o)!);
}

/** The storage offset of each of t's elements, in row-major order. */
function storagePositions(t: Tensor): number[] {
  const n = t.numel();
  const out = new Array<number>(n);
  const shape = t.shape;
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let off = t._offset;
    for (let d = 0; d < shape.length; d++) off += index[d] * t._strides[d];
    out[i] = off;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

/** Whether an in-place write into `view` must rewrite its base's history (false for detached aliases). */
export function needsViewRebase(view: Tensor, result: Tensor): boolean {
  const base = view._base;
  if (!base) return false;
  return view._gradFn !== null || (!base._requiresGrad && result._gradFn !== null);
}

/** After `result` was written into `view`: base gets CopySlices, view gets AsStridedBackward0 on top of it. */
export function rebaseViewHistory(view: Tensor, result: Tensor): void {
  const base = view._base!;
  const flat = baseIndices(view, base);
  const index = indexTensor(flat);
  const keepData = new Array<number>(base.numel()).fill(1);
  for (const i of flat) keepData[i] = 0;
  const keep = tensor(keepData, { dtype: base.dtype }).reshape(base.shape as number[]);

  // Made here rather than by an op's record(), as PyTorch's engine makes CopySlices: it rewires the base's
  // history instead of giving a new output one.
  const copySlices = new OpNode(
    "torch::autograd::CopySlices",
    formulaOf("torch::autograd::CopySlices") as never,
    { keep, index, viewShape: view.shape },
    [base._gradEdge(), result._gradEdge()],
  );
  // PyTorch's CopySlices drops its in-place op on release: a second backward through it raises.
  copySlices._markSavesTensors();
  copySlices.inputMeta = [
    { shape: base.shape, dtype: base.dtype },
    { shape: view.shape, dtype: result.dtype },
  ];
  base._gradFn = copySlices;
  base._outputNr = 0;
  base._requiresGrad = true;

  const asStrided = new OpNode(
    "AsStridedBackward0",
    formulaOf("AsStridedBackward0") as never,
    { index, baseShape: base.shape },
    [[copySlices, 0]],
  );
  asStrided.inputMeta = [{ shape: base.shape, dtype: base.dtype }];
  view._gradFn = asStrided;
  view._outputNr = 0;
  view._requiresGrad = true;
  view._attrVersion = view._storage.version;
}
