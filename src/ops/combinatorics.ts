// Grids and combinations: torch.meshgrid, cartesian_prod, combinations, block_diag, vander, tril_indices and
// triu_indices, ported from PyTorch 1.13 (TensorShape.cpp, Itertools.cpp, LinearAlgebra.cpp, TensorFactories.cpp).
// Most are composites there (of view, expand, flatten, stack, masked_select, cumprod and copies into slices), so
// they record those ops' nodes; block_diag has its own row. meshgrid, cartesian_prod and block_diag are Python
// wrappers (torch/functional.py) around natives taking a sequence of tensors.
import { RuntimeError } from "../errors.js";
import { emitWarning } from "../warnings.js";
import { withRequiresGrad, zeros } from "../tensor/creation.js";
import type { Device, Layout } from "../tensor/device.js";
import { allocate, bool, int32, int64, promoteTypes, resultType, type DType } from "../tensor/dtype.js";
import { numel, type Shape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { fromData, record, writeInto } from "./core.js";
import { cppTensorText } from "./cpp_print.js";
import { checkOptions } from "./creation.js";
import { copy_, fill_ } from "./inplace.js";
import { flip, stack } from "./join.js";
import { masked_select } from "./masked.js";
import { cumprod } from "./reduce_stats.js";
import { expand, flatten, slice, unsqueeze, view } from "./shape.js";
import { NativeBinding } from "./vf.js";

let warnedMeshgridIndexing = false;

/** at::meshgrid(tensors, indexing): each tensor viewed along its own dim and expanded to the grid. */
export function meshgrid(tensors: readonly Tensor[], indexing: string): Tensor[] {
  if (tensors.length === 0) throw new RuntimeError("meshgrid expects a non-empty TensorList");
  for (let i = 0; i + 1 < tensors.length; i++) {
    if (tensors[i].dtype !== tensors[i + 1].dtype)
      throw new RuntimeError("meshgrid expects all tensors to have the same dtype");
  }
  // "xy" swaps the first two inputs (and outputs): the grid's first dim follows the second tensor.
  const swap = indexing === "xy" && tensors.length >= 2;
  if (indexing !== "xy" && indexing !== "ij")
    throw new RuntimeError(`torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`);
  const ordered = swap ? [tensors[1], tensors[0], ...tensors.slice(2)] : [...tensors];
  for (const t of ordered) {
    if (t.ndim > 1)
      throw new RuntimeError(
        `torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${cppTensorText(t)}`,
      );
  }
  const shape = ordered.map((t) => t.numel());
  const grids = ordered.map((t, i) => {
    const viewShape = shape.map((_, k) => (k === i ? -1 : 1));
    return expand(view(t, viewShape), shape);
  });
  if (swap) [grids[0], grids[1]] = [grids[1], grids[0]];
  return grids;
}

/** at::meshgrid(tensors) without indexing: "ij", with PyTorch 1.13's one-time warning. */
function meshgridDefault(tensors: readonly Tensor[]): Tensor[] {
  if (!warnedMeshgridIndexing) {
    warnedMeshgridIndexing = true; // TORCH_WARN_ONCE
    emitWarning("torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.");
  }
  return meshgrid(tensors, "ij");
}

const VF_MESHGRID = new NativeBinding({
  "meshgrid(TensorList tensors) -> Tensor[]": meshgridDefault,
  "meshgrid(TensorList tensors, *, c10::string_view indexing) -> Tensor[]": meshgrid,
});

/** torch.meshgrid(*tensors, indexing=None): one list argument is the old way of passing the tensors. */
function meshgridWrapper(tensors: unknown[], indexing: string | null): Tensor[] {
  const list = tensors.length === 1 && Array.isArray(tensors[0]) ? tensors[0] : tensors;
  return VF_MESHGRID.call([list], indexing === null ? null : { indexing }) as Tensor[];
}

function checkVector(t: Tensor): void {
  if (t.ndim !== 1) throw new RuntimeError(`Expect a 1D vector, but got shape [${t.shape.join(", ")}]`);
}

/** torch.cartesian_prod(*tensors): the rows of the "ij" grid, one column per tensor (a single tensor: itself). */
export function cartesian_prod(tensors: readonly Tensor[]): Tensor {
  tensors.forEach(checkVector);
  if (tensors.length === 1) return tensors[0];
  return stack(
    meshgrid(tensors, "ij").map((grid) => flatten(grid)),
    1,
  );
}

/** The grid of n^r index tuples that are strictly increasing (or non-decreasing, with replacement). */
function increasingMask(n: number, r: number, withReplacement: boolean): Tensor {
  const shape = new Array<number>(r).fill(n);
  const data = allocate(bool, numel(shape));
  const index = new Array<number>(r).fill(0);
  for (let flat = 0; flat < data.length; flat++) {
    let ok = true;
    for (let k = 0; k + 1 < r && ok; k++)
      ok = withReplacement ? index[k] <= index[k + 1] : index[k] < index[k + 1];
    data[flat] = ok ? 1 : 0;
    for (let k = r - 1; k >= 0; k--) {
      if (++index[k] < n) break;
      index[k] = 0;
    }
  }
  return fromData(data, shape, bool);
}

/** torch.combinations(x, r, with_replacement): r-length combinations of a vector's elements, one per row. */
export function combinations(input: Tensor, r = 2, with_replacement = false): Tensor {
  checkVector(input);
  if (r < 0) throw new RuntimeError(`Expect a non-negative number, but got ${r}`);
  if (r === 0) return zeros([0], { dtype: input.dtype });
  const mask = increasingMask(input.numel(), r, with_replacement);
  const grids = meshgrid(new Array<Tensor>(r).fill(input), "ij");
  return stack(
    grids.map((grid) => masked_select(grid, mask)),
    1,
  );
}

/** torch.block_diag(*tensors): the tensors (0-d, 1-d as rows, or 2-d) along the diagonal of a zero matrix. */
export function block_diag(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) return zeros([1, 0]);
  const dtype = resultType(tensors);
  const blocks = tensors.map((t, i) => {
    if (t.ndim > 2)
      throw new RuntimeError(
        `torch.block_diag: Input tensors must have 2 or fewer dimensions. Input ${i} has ${t.ndim} dimensions`,
      );
    return t.ndim === 2 ? t : t.ndim === 1 ? expand(t, [1, t.shape[0]]) : expand(t, [1, 1]);
  });
  const rows = blocks.reduce((sum, b) => sum + b.shape[0], 0);
  const cols = blocks.reduce((sum, b) => sum + b.shape[1], 0);
  const out = zeros([rows, cols], { dtype });
  let row = 0;
  let col = 0;
  for (const b of blocks) {
    const [h, w] = b.shape;
    writeInto(slice(slice(out, 0, row, row + h), 1, col, col + w), b);
    row += h;
    col += w;
  }
  out._storage.version = 0;
  const sizes: Shape[] = tensors.map((t) => t.shape);
  return record("BlockDiagBackward0", tensors, out, () => ({ sizes }));
}

/**
 * torch.vander(x, N, increasing): columns x^0, x^1, ... (decreasing powers unless `increasing`), built as
 * PyTorch builds it: ones, x copied into columns 1.., their cumprod copied back, then flipped.
 */
export function vander(x: Tensor, N: number | null = null, increasing = false): Tensor {
  if (x.ndim !== 1) throw new RuntimeError("x must be a one-dimensional tensor.");
  const n = N ?? x.shape[0];
  if (n < 0) throw new RuntimeError("N must be non-negative.");
  // cumprod promotes integers to int64, so the result does too.
  const result = zeros([x.shape[0], n], { dtype: promoteTypes(x.dtype, int64) });
  if (n > 0) {
    fill_(result, 1);
    if (n > 1) {
      copy_(slice(result, 1, 1), unsqueeze(x, 1));
      copy_(slice(result, 1, 1), cumprod(slice(result, 1, 1), 1));
    }
  }
  return increasing ? result : flip(result, [1]);
}

/** get_tril_size: the number of elements on and below the `offset`-th diagonal of a row x col matrix. */
function trilSize(row: number, col: number, offset: number): number {
  if (row === 0 || col === 0) return 0;
  const firstRow = offset > 0 ? Math.min(col, 1 + offset) : row + offset > 0 ? 1 : 0;
  const lastRow = Math.max(0, Math.min(col, row + offset));
  const rowsAll = Math.max(0, Math.min(row, row + offset));
  const rowsTrapezoid = lastRow - firstRow + 1;
  let size = Math.floor(((firstRow + lastRow) * rowsTrapezoid) / 2);
  const rest = rowsAll - rowsTrapezoid;
  if (rest > 0) size += rest * col;
  return size;
}

/** The checks and dtype every *_indices factory shares (index dtypes only, as PyTorch's CPU kernels). */
function indicesDtype(name: string, row: number, col: number, dtype: DType | null): DType {
  if (row < 0) throw new RuntimeError(`row must be non-negative, got${row}`);
  if (col < 0) throw new RuntimeError(`col must be non-negative, got${col}`);
  const target = dtype ?? int64;
  if (target !== int64 && target !== int32)
    throw new RuntimeError(`"${name}" not implemented for '${target.scalarTypeName}'`);
  return target;
}

/** torch.tril_indices(row, col, offset): the [2, N] coordinates of the lower triangle, row by row. */
export function tril_indices(
  row: number,
  col: number,
  offset = 0,
  dtype: DType | null = null,
  layout: Layout | null = null,
  device: Device | null = null,
  pinMemory: boolean | null = false,
  requiresGrad: boolean | null = false,
): Tensor {
  const target = indicesDtype("tril_indices", row, col, dtype);
  checkOptions(layout, device, pinMemory);
  const size = trilSize(row, col, offset);
  const data = allocate(target, 2 * size);
  for (let i = 0, r = Math.max(0, -offset), c = 0; i < size; i++) {
    data[i] = r;
    data[size + i] = c;
    if (++c > r + offset || c >= col) {
      r++;
      c = 0;
    }
  }
  return withRequiresGrad(fromData(data, [2, size], target), requiresGrad);
}

/** torch.triu_indices(row, col, offset): the [2, N] coordinates of the upper triangle, row by row. */
export function triu_indices(
  row: number,
  col: number,
  offset = 0,
  dtype: DType | null = null,
  layout: Layout | null = null,
  device: Device | null = null,
  pinMemory: boolean | null = false,
  requiresGrad: boolean | null = false,
): Tensor {
  const target = indicesDtype("triu_indices", row, col, dtype);
  checkOptions(layout, device, pinMemory);
  const size = row * col - trilSize(row, col, offset - 1);
  const data = allocate(target, 2 * size);
  for (let i = 0, r = 0, c = Math.max(0, offset); i < size; i++) {
    data[i] = r;
    data[size + i] = c;
    if (++c >= col) {
      r++;
      c = Math.max(0, r + offset);
    }
  }
  return withRequiresGrad(fromData(data, [2, size], target), requiresGrad);
}

const VF_CARTESIAN_PROD = new NativeBinding({
  "cartesian_prod(TensorList tensors) -> Tensor": cartesian_prod,
});
const VF_BLOCK_DIAG = new NativeBinding({ "block_diag(TensorList tensors) -> Tensor": block_diag });

defineOps("torch", {
  "combinations(Tensor input, int64_t r=2, bool with_replacement=False) -> Tensor": combinations,
  "vander(Tensor x, int64_t? N=None, bool increasing=False) -> Tensor": vander,
  "tril_indices(int64_t row, int64_t col, int64_t offset=0, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    tril_indices,
  "triu_indices(int64_t row, int64_t col, int64_t offset=0, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    triu_indices,
});

definePython("torch", {
  "meshgrid(*tensors, indexing: str | None = None) -> Tensor[]": meshgridWrapper,
  "cartesian_prod(*tensors) -> Tensor": (tensors: unknown[]) => VF_CARTESIAN_PROD.call([tensors]) as Tensor,
  "block_diag(*tensors) -> Tensor": (tensors: unknown[]) => VF_BLOCK_DIAG.call([tensors]) as Tensor,
});
