// torch.softmax / torch.log_softmax (and F.softmax / F.log_softmax): dtype handling and autograd here; the
// kernel (PyTorch's CPU arithmetic, digit for digit) is the backend's softmax, or src/backend/js/softmax.ts
// for a backend without one.
import { RuntimeError } from "../errors.js";
import { backend } from "../backend/backend.js";
import { softmax as jsSoftmax } from "../backend/js/softmax.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { allocate, Category, type DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, record } from "./core.js";
import { checkOutDtype } from "./math.js";
import { defineOutCheck } from "./out.js";
import { emitWarning } from "../warnings.js";
import { pyTypeName } from "../signatures/messages.js";
import { neg } from "./elementwise.js";

function softmaxLike(fn: "softmax" | "log_softmax", input: Tensor, dim: number, dtype: DType | null): Tensor {
  const d = normalizeDim(dim, input.ndim);
  // With a dtype, PyTorch converts the input first (recording the conversion) and runs the kernel there.
  const x = dtype !== null && dtype !== input.dtype ? input.to(dtype) : input;
  // PyTorch's kernel returns before its dtype dispatch when there is nothing to compute.
  if (x.dtype.category !== Category.Floating && x.numel() > 0) {
    // PyTorch 1.13 names log_softmax's other-dim kernel "softmax_kernel_impl" in this message too; a 0-d
    // tensor runs as one element along its last dim.
    const lastDim = input.ndim === 0 || d === input.ndim - 1;
    const kernel = lastDim ? `${fn}_lastdim_kernel_impl` : "softmax_kernel_impl";
    throw new RuntimeError(`"${kernel}" not implemented for '${x.dtype.scalarTypeName}'`);
  }
  const kernel = backend().softmax ?? jsSoftmax;
  const out =
    x.numel() === 0
      ? fromData(allocate(x.dtype, 0), x.shape, x.dtype)
      : fromData(kernel(x._view(), d, fn === "log_softmax"), x.shape, x.dtype);
  if (fn === "softmax") return record("SoftmaxBackward0", [x], out, () => ({ result: out, dim: d }));
  return record("LogSoftmaxBackward0", [x], out, () => ({ result: out, dim: d }));
}

/** torch.softmax(input, dim, dtype=None) = exp(x - max) / sum(exp(x - max)) along dim. */
export function softmax(input: Tensor, dim: number, dtype: DType | null = null): Tensor {
  return softmaxLike("softmax", input, dim, dtype);
}

/** torch.log_softmax(input, dim, dtype=None) = x - max - log(sum(exp(x - max))) along dim. */
export function log_softmax(input: Tensor, dim: number, dtype: DType | null = null): Tensor {
  return softmaxLike("log_softmax", input, dim, dtype);
}

// out= must already have the result's dtype (the requested one, else the input's).
defineOutCheck(["softmax", "log_softmax"], (out, args) =>
  checkOutDtype(out as Tensor, (args[2] as DType | null) ?? (args[0] as Tensor).dtype),
);

defineOps(
  "torch",
  {
    "softmax(Tensor input, int64_t dim, ScalarType? dtype=None, *, Tensor out=None) -> Tensor": softmax,
    "softmax(Tensor input, Dimname dim, *, ScalarType? dtype=None) -> Tensor": null,
    "log_softmax(Tensor input, int64_t dim, ScalarType? dtype=None, *, Tensor out=None) -> Tensor":
      log_softmax,
    "log_softmax(Tensor input, Dimname dim, *, ScalarType? dtype=None) -> Tensor": null,
  },
  { methods: true },
);

/**
 * _get_softmax_dim: the dim an implicit softmax picks (deprecated, with PyTorch's warning). Python's
 * warnings.warn takes `stacklevel` as an index, so a non-integer _stacklevel fails there.
 */
function implicitSoftmaxDim(name: string, ndim: number, stacklevel: unknown = 3): number {
  const isIndex =
    typeof stacklevel === "boolean" ||
    typeof stacklevel === "bigint" ||
    (typeof stacklevel === "number" && Number.isInteger(stacklevel));
  if (!isIndex) throw new TypeError(`'${pyTypeName(stacklevel)}' object cannot be interpreted as an integer`);
  emitWarning(
    `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`,
  );
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

/** The dim F.softmax / F.log_softmax hand on: implicit, an index, or a name (tensorgrad has no named dims). */
function softmaxDim(name: string, input: Tensor, dim: number | string | null, stacklevel?: unknown): number {
  if (dim === null) return implicitSoftmaxDim(name, input.ndim, stacklevel);
  if (typeof dim === "string")
    throw new RuntimeError(`Name '${dim}' not found in Tensor[${input.shape.map(() => "None").join(", ")}].`);
  return dim;
}

/** F.softmin(input, dim=None, _stacklevel=3, dtype=None) = softmax(-input): PyTorch negates first. */
export function softmin(
  input: Tensor,
  dim: number | string | null = null,
  _stacklevel: unknown = 3,
  dtype: DType | null = null,
): Tensor {
  const d = dim === null ? implicitSoftmaxDim("softmin", input.ndim, _stacklevel) : dim;
  const negated = neg(input);
  return softmax(negated, softmaxDim("softmin", negated, d), dtype);
}

/** F.softmax's implementation, for nn.Softmax and nn.Softmax2d. */
export function functionalSoftmax(
  input: Tensor,
  dim: number | string | null,
  dtype: DType | null = null,
  stacklevel: unknown = 3,
): Tensor {
  return softmax(input, softmaxDim("softmax", input, dim, stacklevel), dtype);
}

/** F.log_softmax's implementation, for nn.LogSoftmax. */
export function functionalLogSoftmax(
  input: Tensor,
  dim: number | string | null,
  dtype: DType | null = null,
  stacklevel: unknown = 3,
): Tensor {
  return log_softmax(input, softmaxDim("log_softmax", input, dim, stacklevel), dtype);
}

// torch.nn.functional.softmax / log_softmax (torch/nn/functional.py): _stacklevel only places Python's warning.
definePython("torch.nn.functional", {
  "softmax(input: Tensor, dim: int | str | None = None, _stacklevel: object = 3, dtype: dtype | None = None) -> Tensor":
    (input: Tensor, dim: number | string | null, _stacklevel: unknown, dtype: DType | null) =>
      functionalSoftmax(input, dim, dtype, _stacklevel),
  "log_softmax(input: Tensor, dim: int | str | None = None, _stacklevel: object = 3, dtype: dtype | None = None) -> Tensor":
    (input: Tensor, dim: number | string | null, _stacklevel: unknown, dtype: DType | null) =>
      functionalLogSoftmax(input, dim, dtype, _stacklevel),
  "softmin(input: Tensor, dim: int | str | None = None, _stacklevel: object = 3, dtype: dtype | None = None) -> Tensor":
    softmin,
});
