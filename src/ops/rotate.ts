// Rotations and flips of the leading dims: torch.rot90 (its own node, Rot90Backward0, in PyTorch 1.13) and
// fliplr / flipud (composites of flip, so FlipBackward0), ported from TensorShape.cpp and TensorTransformations.cpp.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { contiguous_format } from "../tensor/device.js";
import { normalizeDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOps } from "../signatures/registry.js";
import { record } from "./core.js";
import { clone } from "./conversion.js";
import { flip } from "./join.js";

/** A fresh tensor nobody else holds, with dims a and b swapped in place (at::Tensor::transpose_). */
function transposedInPlace(x: Tensor, a: number, b: number): Tensor {
  const shape = [...x.shape];
  const strides = [...x._strides];
  [shape[a], shape[b]] = [shape[b], shape[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  return new Tensor(x._storage, shape, strides, x._offset, x.dtype);
}

/** torch.rot90(x, k, dims): rotates by 90 degrees k times in the plane of dims, from dims[0] towards dims[1]. */
export function rot90(input: Tensor, k = 1, dims: readonly number[] = [0, 1]): Tensor {
  const ndim = input.ndim;
  if (dims.length !== 2)
    throw new RuntimeError(`expected total rotation dims == 2, but got dims = ${dims.length}`);
  if (ndim < 2) throw new RuntimeError(`expected total dims >= 2, but got total dims = ${ndim}`);
  const [dim0, dim1] = dims;
  if (dim0 === dim1 || Math.abs(dim0 - dim1) === ndim)
    throw new RuntimeError(
      `expected rotation dims to be different, but got dim0 = ${dim0} and dim1 = ${dim1}`,
    );
  if (dim0 >= ndim || dim0 < -ndim) throw new RuntimeError(`Rotation dim0 out of range, dim0 = ${dim0}`);
  if (dim1 >= ndim || dim1 < -ndim) throw new RuntimeError(`Rotation dim1 out of range, dim1 = ${dim1}`);
  const turns = (4 + (k % 4)) % 4;
  const a = normalizeDim(dim0, ndim);
  const b = normalizeDim(dim1, ndim);
  const out = no_grad(() => {
    if (turns === 1) return transposedInPlace(flip(input, [dim1]), a, b);
    if (turns === 2) return flip(input, [dim0, dim1]);
    if (turns === 3) return transposedInPlace(flip(input, [dim0]), a, b);
    return clone(input, contiguous_format);
  });
  const rotation = [dim0, dim1];
  return record("Rot90Backward0", [input], out, () => ({ k, dims: rotation }));
}

/** torch.fliplr(x): x.flip(1), for x of two dims or more. */
export function fliplr(input: Tensor): Tensor {
  if (input.ndim < 2) throw new RuntimeError("Input must be >= 2-d.");
  return flip(input, [1]);
}

/** torch.flipud(x): x.flip(0), for x of one dim or more. */
export function flipud(input: Tensor): Tensor {
  if (input.ndim < 1) throw new RuntimeError("Input must be >= 1-d.");
  return flip(input, [0]);
}

defineOps(
  "torch",
  {
    "rot90(Tensor input, int64_t k=1, IntArrayRef dims={0,1}) -> Tensor": rot90,
    "fliplr(Tensor input) -> Tensor": fliplr,
    "flipud(Tensor input) -> Tensor": flipud,
  },
  { methods: true },
);
