// Advanced indexing, PyTorch's at::index and index_put_: a list of index tensors (int64, or bool masks that
// stand for their nonzero() columns), one per leading dim, null where a dim is kept whole. The index tensors
// broadcast together; their result dims replace the indexed dims in place when those dims are adjacent, and
// go first otherwise (NumPy's rule). Results are copies. Python's `x[...]` (src/ops/subscript.ts) ends here
// whenever its subscript holds a tensor, an array or a bool.
import { IndexError, RuntimeError } from "../errors.js";
import { allocate, bool, int64, type TypedArray } from "../tensor/dtype.js";
import { broadcastShapes, contiguousStrides, numel } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOps } from "../signatures/registry.js";
import { deprecatedOnExpanded, fromData, inPlace, record } from "./core.js";
import { whereTrue } from "./elementwise.js";

/** One index per leading dim of the indexed tensor; null keeps the dim whole. */
export type OptionalIndices = readonly (Tensor | null)[];

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;

/** How an advanced index reads a tensor of some shape and strides. */
interface IndexPlan {
  outShape: number[];
  /** Offsets of the kept dims before the indexed block, of the index positions, of the kept dims after. */
  preOffsets: Float64Array;
  indexOffsets: Float64Array;
  postOffsets: Float64Array;
  /** The indices with masks expanded to int64 and all of them broadcast: what the backward formulas use. */
  expanded: (Tensor | null)[];
}

/** Every offset of a row-major walk over `sizes` with `strides`. */
function offsetsOf(sizes: readonly number[], strides: readonly number[]): Float64Array {
  const out = new Float64Array(numel(sizes));
  let n = 1;
  for (let d = sizes.length - 1; d >= 0; d--) {
    const size = sizes[d];
    const stride = strides[d];
    // out[0..n) holds the offsets of dims d+1..; repeat them size times, shifted by k * stride.
    for (let k = size - 1; k >= 0; k--) for (let i = 0; i < n; i++) out[k * n + i] = out[i] + k * stride;
    n *= size;
  }
  return out;
}

/** PyTorch's expandTensors: each bool mask becomes one int64 index per mask dim (its nonzero columns). */
function expandMasks(selfShape: readonly number[], indices: OptionalIndices): (Tensor | null)[] {
  const out: (Tensor | null)[] = [];
  for (const index of indices) {
    if (index === null || index.dtype !== bool) {
      out.push(index);
      continue;
    }
    for (let j = 0; j < index.ndim; j++) {
      const at = out.length + j;
      if (index.shape[j] !== selfShape[at]) {
        throw new IndexError(
          `The shape of the mask ${shapeText(index.shape)} at index ${j} does not match the shape of the indexed tensor ${shapeText(selfShape)} at index ${at}`,
        );
      }
    }
    out.push(...whereTrue(index));
  }
  return out;
}

/** Checks, expands and broadcasts the indices for a tensor of `shape`/`strides` (PyTorch's make_info). */
function planIndex(
  shape: readonly number[],
  strides: readonly number[],
  indices: OptionalIndices,
): IndexPlan {
  if (indices.length > shape.length) {
    throw new IndexError(`too many indices for tensor of dimension ${shape.length} (got ${indices.length})`);
  }
  for (const index of indices) {
    if (index !== null && index.dtype !== int64 && index.dtype !== bool)
      throw new IndexError("tensors used as indices must be long, byte or bool tensors");
  }
  const expanded = expandMasks(shape, indices);
  if (expanded.length > shape.length) {
    throw new IndexError(`too many indices for tensor of dimension ${shape.length} (got ${expanded.length})`);
  }
  const given = expanded.filter((t): t is Tensor => t !== null);
  let indexShape: number[] = [];
  try {
    for (const t of given) indexShape = broadcastShapes(indexShape, t.shape);
  } catch {
    throw new IndexError(
      `shape mismatch: indexing tensors could not be broadcast together with shapes ${given.map((t) => shapeText(t.shape)).join(", ")}`,
    );
  }
  const dims = expanded.flatMap((t, d) => (t === null ? [] : [d]));
  const adjacent = dims.length === 0 || dims[dims.length - 1] - dims[0] === dims.length - 1;
  const kept = shape.map((_, d) => d).filter((d) => expanded[d] == null);
  // Adjacent indexed dims keep their place; separated ones move to the front (transposeToFront).
  const pre = adjacent ? kept.filter((d) => d < dims[0]) : [];
  const post = adjacent ? kept.filter((d) => d > dims[0]) : kept;
  const broadcastIndices = expanded.map((t) => (t === null ? null : broadcastTo(t, indexShape)));
  const count = numel(indexShape);
  const indexOffsets = new Float64Array(count);
  dims.forEach((d, k) => {
    const values = broadcastIndices[d]!.values();
    const size = shape[d];
    for (let p = 0; p < count; p++) {
      const v = values[p];
      if (v < -size || v >= size)
        throw new IndexError(`index ${v} is out of bounds for dimension ${k} with size ${size}`);
      indexOffsets[p] += (v < 0 ? v + size : v) * strides[d];
    }
  });
  const sizesOf = (ds: number[]) => ds.map((d) => shape[d]);
  const stridesOf = (ds: number[]) => ds.map((d) => strides[d]);
  return {
    outShape: [...sizesOf(pre), ...indexShape, ...sizesOf(post)],
    preOffsets: offsetsOf(sizesOf(pre), stridesOf(pre)),
    indexOffsets,
    postOffsets: offsetsOf(sizesOf(post), stridesOf(post)),
    expanded: broadcastIndices,
  };
}

/** An int64 index read as `shape` (a fresh contiguous copy, so saved indices never alias user tensors). */
function broadcastTo(t: Tensor, shape: readonly number[]): Tensor {
  const view = new Tensor(t._storage, shape, broadcastStridesOf(t, shape), t._offset, t.dtype);
  return fromData(view.values(), shape, t.dtype);
}

function broadcastStridesOf(t: Tensor, shape: readonly number[]): number[] {
  const lead = shape.length - t.ndim;
  return shape.map((_, i) => (i < lead || t.shape[i - lead] === 1 ? 0 : t._strides[i - lead]));
}

/** Visits every (output position, storage offset) pair of a plan, in output order. */
function forEachOffset(plan: IndexPlan, base: number, visit: (out: number, at: number) => void): void {
  const { preOffsets, indexOffsets, postOffsets } = plan;
  let out = 0;
  for (let a = 0; a < preOffsets.length; a++)
    for (let p = 0; p < indexOffsets.length; p++) {
      const at = base + preOffsets[a] + indexOffsets[p];
      for (let c = 0; c < postOffsets.length; c++) visit(out++, at + postOffsets[c]);
    }
}

/** at::index(self, indices): Python's `x[idx]` with index tensors (a copy, IndexBackward0). */
export function index(input: Tensor, indices: OptionalIndices): Tensor {
  const plan = planIndex(input.shape, input._strides, indices);
  const data = allocate(input.dtype, numel(plan.outShape));
  const source = input._storage.data;
  forEachOffset(plan, input._offset, (o, at) => (data[o] = source[at]));
  const out = fromData(data, plan.outShape, input.dtype);
  const selfShape = input.shape;
  return record("IndexBackward0", [input], out, () => ({ selfShape, indices: plan.expanded }));
}

/** values broadcast to `shape` (setitem's error text when they don't fit). */
function valuesAs(values: Tensor, shape: readonly number[]): TypedArray {
  const fits =
    values.ndim <= shape.length &&
    values.shape.every((s, i) => s === 1 || s === shape[shape.length - values.ndim + i]);
  if (!fits) {
    throw new RuntimeError(
      `shape mismatch: value tensor of shape ${shapeText(values.shape)} cannot be broadcast to indexing result of shape ${shapeText(shape)}`,
    );
  }
  return new Tensor(
    values._storage,
    shape,
    broadcastStridesOf(values, shape),
    values._offset,
    values.dtype,
  ).values();
}

/** torch.index_put(x, indices, values, accumulate=False): a copy of x with `x[indices] = values` (or +=). */
export function index_put(
  input: Tensor,
  indices: OptionalIndices,
  values: Tensor,
  accumulate = false,
): Tensor {
  const plan = planIndex(input.shape, contiguousStrides(input.shape), indices);
  if (values.dtype !== input.dtype) {
    throw new RuntimeError(
      `Index put requires the source and destination dtypes match, got ${input.dtype.scalarTypeName} for the destination and ${values.dtype.scalarTypeName} for the source.`,
    );
  }
  const data = input.values();
  const source = valuesAs(values, plan.outShape);
  // The typed array rounds each sum to the storage's type, in index order as PyTorch's serial CPU kernel.
  if (accumulate) forEachOffset(plan, 0, (o, at) => (data[at] += source[o]));
  else forEachOffset(plan, 0, (o, at) => (data[at] = source[o]));
  if (input.dtype === bool) for (let i = 0; i < data.length; i++) data[i] = data[i] !== 0 ? 1 : 0;
  const out = fromData(data, input.shape, input.dtype);
  return record("IndexPutBackward0", [input, values], out, () => ({ indices: plan.expanded, accumulate }));
}

const INDEX_PUT_EXPANDED = deprecatedOnExpanded("index_put_", "tensor[indices] = tensor", 631);
/** Tensor.index_put_(indices, values, accumulate=False): `x[indices] = values` in place (or +=). */
export function index_put_(
  self: Tensor,
  indices: OptionalIndices,
  values: Tensor,
  accumulate = false,
): Tensor {
  return inPlace(self, (x) => index_put(x, indices, values, accumulate), INDEX_PUT_EXPANDED);
}

defineOps(
  "torch",
  {
    "index_put(Tensor input, c10::List<c10::optional<Tensor>> indices, Tensor values, bool accumulate=False) -> Tensor":
      index_put,
    "index_put_(Tensor input, c10::List<c10::optional<Tensor>> indices, Tensor values, bool accumulate=False) -> Tensor":
      index_put_,
  },
  { methods: true },
);
