// In-place ops on views (`base.narrow(0, 0, 2).mul_(2)`): after the write, the base's history goes through a
// CopySlices node (the region the view covers takes its gradient from the in-place op, the rest from the
// base's old history) and the view becomes an AsStrided view of the new base, as in PyTorch. Their formulas
// are rows of the derivatives table (src/ops/derivatives/view_inplace.ts), looked up by name.
import { NotImplementedError } from "../errors.js";
import { tensor } from "../tensor/creation.js";
import { int64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { formulaOf } from "./formulas.js";
import { OpNode } from "./node.js";

/** Flat (row-major) indices into base of each element of view, which views base's contiguous storage. */
function baseIndices(view: Tensor, base: Tensor): number[] {
  if (!base.is_contiguous()) {
    throw new NotImplementedError("in-place operations on views of non-contiguous tensors are not supported");
  }
  const n = view.numel();
  const out = new Array<number>(n);
  const shape = view.shape;
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let off = view._offset - base._offset;
    for (let d = 0; d < shape.length; d++) off += index[d] * view._strides[d];
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
  const index = tensor(
    flat.map((i) => BigInt(i)),
    { dtype: int64 },
  );
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
}
