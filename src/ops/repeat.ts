// Repeating elements: torch.tile and torch.repeat_interleave, composites in PyTorch 1.13 (TensorShape.cpp,
// Repeat.cpp) of repeat and index_select, so they record those ops' nodes and no row of their own.
import { RuntimeError } from "../errors.js";
import { full } from "../tensor/creation.js";
import { allocate, int32, int64 } from "../tensor/dtype.js";
import { wrapDimOfTensor } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOps } from "../signatures/registry.js";
import { fromData } from "./core.js";
import { index_select } from "./indexing.js";
import { repeat } from "./join.js";
import { expand, flatten, reshape } from "./shape.js";

/** torch.tile(x, dims): repeat, with dims padded by leading ones to x's number of dims. */
export function tile(input: Tensor, dims: readonly number[]): Tensor {
  const missing = input.ndim - dims.length;
  return repeat(input, missing > 0 ? [...new Array<number>(missing).fill(1), ...dims] : dims);
}

/**
 * torch.repeat_interleave(repeats): index i repeated repeats[i] times, in repeats' dtype (PyTorch's
 * repeat_interleave_cpu: the dtype check, then the shape, then the total against output_size).
 */
export function repeatIndices(repeats: Tensor, outputSize: number | null = null): Tensor {
  if (repeats.dtype !== int64 && repeats.dtype !== int32)
    throw new RuntimeError(`"repeat_interleave_cpu" not implemented for '${repeats.dtype.scalarTypeName}'`);
  if (repeats.ndim !== 1) throw new RuntimeError("repeat_interleave only accept 1D vector as repeat");
  const counts = Array.from(repeats.values(), Number);
  if (counts.length === 0) return fromData(allocate(repeats.dtype, 0), [0], repeats.dtype);
  const total = counts.reduce((a, b) => a + b, 0);
  if (outputSize === null && counts.some((c) => c < 0)) throw new RuntimeError("repeats can not be negative");
  const size = outputSize ?? total;
  if (size !== total) throw new RuntimeError("allocated size does not match required size");
  if (counts.some((c) => c < 0)) throw new RuntimeError("repeats can not be negative");
  const result = allocate(repeats.dtype, size);
  let at = 0;
  counts.forEach((count, i) => result.fill(i, at, (at += count)));
  return fromData(result, [size], repeats.dtype);
}

/** x.repeat_interleave(repeats, dim): each slice along dim (of the flattened x without a dim) repeated. */
export function repeat_interleave(
  input: Tensor,
  repeats: Tensor | number,
  dim: number | null = null,
  outputSize: number | null = null,
): Tensor {
  const counts = typeof repeats === "number" ? full([1], BigInt(repeats), { dtype: int64 }) : repeats;
  const source = dim === null ? flatten(input) : input;
  const d = dim ?? 0;
  let perSlice: Tensor;
  if (counts.ndim === 0 || (counts.ndim === 1 && counts.shape[0] === 1)) {
    perSlice = expand(reshape(counts, [1]), [source.shape[wrapDimOfTensor(d, source.ndim)]]);
  } else if (counts.ndim === 1) {
    if (counts.shape[0] !== source.shape[wrapDimOfTensor(d, source.ndim)])
      throw new RuntimeError("repeats must have the same size as input along dim");
    perSlice = counts;
  } else {
    throw new RuntimeError("repeats must be 0-dim or 1-dim tensor");
  }
  return index_select(source, d, repeatIndices(perSlice, outputSize));
}

defineOps(
  "torch",
  {
    "tile(Tensor input, IntArrayRef dims) -> Tensor": tile,
    "repeat_interleave(Tensor input, Tensor repeats, int64_t? dim=None, *, int64_t? output_size=None) -> Tensor":
      repeat_interleave,
    "repeat_interleave(Tensor input, int64_t repeats, int64_t? dim=None, *, int64_t? output_size=None) -> Tensor":
      repeat_interleave,
    "repeat_interleave(Tensor repeats, *, int64_t? output_size=None) -> Tensor": repeatIndices,
  },
  { methods: true },
);
