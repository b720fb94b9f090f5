// Diagonals: torch.diagonal (a view, as PyTorch's as_strided one), diag, diag_embed, diagflat and trace, ported
// from PyTorch 1.13 (TensorShape.cpp, ReduceOps.cpp), and diagonal_backward, the differentiable backward function
// the rows of diagonal and diag call (its own row, DiagonalBackwardBackward0, as derivatives.yaml has it).
import { RuntimeError } from "../errors.js";
import { rangeValues, zeros } from "../tensor/creation.js";
import { allocate, Category, int64 } from "../tensor/dtype.js";
import { normalizeDim, type Shape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOps } from "../signatures/registry.js";
import { fromData, record, writeInto } from "./core.js";
import { index_fill } from "./masked.js";
import { contiguous, makeView, view } from "./shape.js";

/** The length of the `offset`-th diagonal of dims d1, d2 (0 when it runs off the end, as NumPy allows). */
function diagonalLength(shape: Shape, offset: number, d1: number, d2: number): number {
  const length =
    offset >= 0 ? Math.min(shape[d1], shape[d2] - offset) : Math.min(shape[d1] + offset, shape[d2]);
  return Math.max(length, 0);
}

/** An unrecorded view of a diagonal: dims d1 and d2 (already wrapped) dropped, the diagonal appended last. */
function diagonalView(input: Tensor, offset: number, d1: number, d2: number): Tensor {
  const length = diagonalLength(input.shape, offset, d1, d2);
  let start = input._offset;
  // An empty diagonal keeps the base offset (PyTorch skips the shift so it cannot point past the storage).
  if (length > 0) start += offset >= 0 ? offset * input._strides[d2] : -offset * input._strides[d1];
  const keep = (_: number, d: number) => d !== d1 && d !== d2;
  const shape = [...input.shape.filter(keep), length];
  const strides = [...input._strides.filter(keep), input._strides[d1] + input._strides[d2]];
  return makeView(input, shape, strides, start);
}

/** The two dims of a diagonal, wrapped; PyTorch reports identical ones as the caller wrote them. */
function diagonalDims(ndim: number, dim1: number, dim2: number): [number, number] {
  const d1 = normalizeDim(dim1, ndim);
  const d2 = normalizeDim(dim2, ndim);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  return [d1, d2];
}

/** torch.diagonal(x, offset, dim1, dim2): the diagonal of dims dim1 and dim2 as the last dim (a view). */
export function diagonal(input: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const [d1, d2] = diagonalDims(input.ndim, dim1, dim2);
  const selfShape = input.shape;
  return record("DiagonalBackward0", [input], diagonalView(input, offset, d1, d2), () => ({
    selfShape,
    offset,
    dim1: d1,
    dim2: d2,
  }));
}

/** A fresh zero tensor of `shape` with `values` written into its diagonal (values' last dim along it). */
function withDiagonal(shape: Shape, values: Tensor, offset: number, d1: number, d2: number): Tensor {
  const out = zeros([...shape], { dtype: values.dtype });
  writeInto(diagonalView(out, offset, d1, d2), values);
  // A fresh result starts at version 0 however many writes built it, as in PyTorch.
  out._storage.version = 0;
  return out;
}

/**
 * @internal at::diagonal_backward(grad, input_sizes, offset, dim1, dim2): zeros of the input's size with grad
 * copied into the diagonal; differentiable, as derivatives.yaml declares it.
 */
export function diagonal_backward(
  grad: Tensor,
  inputSizes: Shape,
  offset: number,
  dim1: number,
  dim2: number,
): Tensor {
  const out = withDiagonal(inputSizes, grad, offset, dim1, dim2);
  return record("DiagonalBackwardBackward0", [grad], out, () => ({ offset, dim1, dim2 }));
}

/** torch.diag_embed(x, offset, dim1, dim2): x's last dim placed on a diagonal of two new dims. */
export function diag_embed(input: Tensor, offset = 0, dim1 = -2, dim2 = -1): Tensor {
  const [d1, d2] = diagonalDims(input.ndim + 1, dim1, dim2);
  const size = Math.abs(offset) + input.size(-1);
  const shape = input.shape.slice(0, -1);
  shape.splice(Math.min(d1, d2), 0, size);
  shape.splice(Math.max(d1, d2), 0, size);
  const out = withDiagonal(shape, input, offset, d1, d2);
  return record("DiagEmbedBackward0", [input], out, () => ({ offset, dim1: d1, dim2: d2 }));
}

/** torch.diag(x, diagonal): a vector to a square matrix with it on a diagonal, or a matrix's diagonal (a copy). */
export function diag(input: Tensor, diagonal = 0): Tensor {
  if (input.ndim !== 1 && input.ndim !== 2) throw new RuntimeError("matrix or a vector expected");
  let out: Tensor;
  if (input.ndim === 1) {
    const size = input.shape[0] + Math.abs(diagonal);
    out = withDiagonal([size, size], input, diagonal, 0, 1);
  } else {
    const [rows, cols] = input.shape;
    // PyTorch sizes the result before clamping: a diagonal wholly outside the matrix fails its resize.
    if ((diagonal >= 0 ? Math.min(rows, cols - diagonal) : Math.min(rows + diagonal, cols)) < 0)
      throw new RuntimeError("numel: integer multiplication overflow");
    const values = diagonalView(input, diagonal, 0, 1);
    out = fromData(values.values(), values.shape, input.dtype);
  }
  const selfShape = input.shape;
  return record("DiagBackward0", [input], out, () => ({ selfShape, diagonal }));
}

/** torch.diagflat(x, offset): PyTorch's `self.contiguous().view(-1).diag(offset)`. */
export function diagflat(input: Tensor, offset = 0): Tensor {
  return diag(view(contiguous(input), [-1]), offset);
}

/**
 * torch.trace(x): the sum of a matrix's main diagonal, accumulated as PyTorch's trace_cpu does (in double for
 * floating dtypes, rounded once; integers sum to int64).
 */
export function trace(input: Tensor): Tensor {
  if (input.dtype.category === Category.Bool) throw new RuntimeError(`"trace" not implemented for 'Bool'`);
  if (input.ndim !== 2)
    throw new RuntimeError(`trace: expected a matrix, but got tensor with dim ${input.ndim}`);
  const dtype = input.dtype.category === Category.Integral ? int64 : input.dtype;
  const data = input._storage.data;
  const step = input._strides[0] + input._strides[1];
  let sum = 0;
  for (let i = 0, n = Math.min(input.shape[0], input.shape[1]); i < n; i++)
    sum += Number(data[input._offset + i * step]);
  const out = allocate(dtype, 1);
  out[0] = dtype.cast(sum);
  const selfShape = input.shape;
  return record("TraceBackward0", [input], Tensor._scalar(out, dtype), () => ({ selfShape }));
}

/**
 * @internal trace_backward(grad, sizes): `zeros(rows * cols).index_fill_(0, arange(0, numel, cols + 1), grad)
 * .view(sizes)`, in tensor ops so that it is differentiable.
 */
export function trace_backward(grad: Tensor, sizes: Shape): Tensor {
  const [rows, cols] = sizes;
  const flat = zeros([rows * cols], { dtype: grad.dtype });
  const indices = rangeValues(0, rows * cols, cols + 1, int64);
  return view(index_fill(flat, 0, indices, grad), [...sizes]);
}

defineOps(
  "torch",
  {
    "diag(Tensor input, int64_t diagonal=0, *, Tensor out=None) -> Tensor": diag,
    "diagonal(Tensor input, *, Dimname outdim, Dimname dim1, Dimname dim2, int64_t offset=0) -> Tensor": null,
    "diagonal(Tensor input, int64_t offset=0, int64_t dim1=0, int64_t dim2=1) -> Tensor": diagonal,
    "diag_embed(Tensor input, int64_t offset=0, int64_t dim1=-2, int64_t dim2=-1) -> Tensor": diag_embed,
    "diagflat(Tensor input, int64_t offset=0) -> Tensor": diagflat,
    "trace(Tensor input) -> Tensor": trace,
  },
  { methods: true },
);
