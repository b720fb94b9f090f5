// Reductions of issue #14 beside sum and var: torch.nansum, torch.nanmean, torch.count_nonzero, torch.aminmax,
// torch.var_mean and torch.std_mean, with PyTorch 1.13's kernels' order (nansum is the cascade sum with NaN
// read as 0; var_mean / std_mean are WelfordOps over the reduced dims, the whole tensor included).
import { no_grad } from "../autograd/grad_mode.js";
import { backend } from "../backend/backend.js";
import { IndexError, RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { allocate, bool, Category, int64, type DType } from "../tensor/dtype.js";
import { contiguousStrides, numel } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { binaryKernel, fromData, record, recordOutputs, scalarTensor } from "./core.js";
import { div, logical_not } from "./elementwise.js";
import { named, type Named } from "./linalg_common.js";
import { isnan } from "./math.js";
import { sum } from "./reduce.js";
import { welfordStats } from "./reduce_stats.js";
import { allDims, normalizeDims, reduceDims, reducedShape, type DimArg } from "./reduce_util.js";

/** The sum of x over dims in `dtype`, NaN read as 0, without a graph. */
function nanSumKernel(x: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  let view = x._view();
  if (x.dtype.category === Category.Floating) {
    const data = backend().copy(view, x.dtype);
    for (let i = 0; i < data.length; i++) if (Number.isNaN(data[i])) data[i] = 0;
    view = { data, shape: x.shape, strides: contiguousStrides(x.shape), offset: 0, dtype: x.dtype };
  }
  if (dtype.category !== Category.Floating && x.dtype.category === Category.Floating) {
    // An integer sum of floats converts each element first, as sum does.
    view = {
      ...view,
      data: backend().copy(view, dtype),
      strides: contiguousStrides(x.shape),
      offset: 0,
      dtype,
    };
  }
  return fromData(backend().reduce("sum", view, dims, dtype), reducedShape(x.shape, dims, keepdim), dtype);
}

/** torch.nansum(input, dim=None, keepdim=False, *, dtype=None): sum treating NaN as 0 (NansumBackward0). */
export function nansum(
  input: Tensor,
  dim: DimArg = null,
  keepdim = false,
  dtype: DType | null = null,
): Tensor {
  const dims = reduceDims(dim, input.ndim);
  const outDtype = dtype ?? (input.dtype.category === Category.Floating ? input.dtype : int64);
  // nansum_out sums integer inputs as sum does; a float input goes to nansum_kernel, floats only
  if (input.dtype.category === Category.Floating && outDtype.category !== Category.Floating)
    throw new RuntimeError(`"nansum_cpu" not implemented for '${outDtype.scalarTypeName}'`);
  const out = nanSumKernel(input, dims, keepdim, outDtype);
  return record("NansumBackward0", [input], out, () => ({ self: input, dims, keepdim }));
}

/** torch.nanmean: nansum divided by the count of non-NaN elements (PyTorch's composite: DivBackward0). */
export function nanmean(
  input: Tensor,
  dim: DimArg = null,
  keepdim = false,
  dtype: DType | null = null,
): Tensor {
  if (input.dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `nanmean(): expected input to have floating point dtype but got ${input.dtype.scalarTypeName}`,
    );
  }
  const factor = no_grad(() => sum(logical_not(isnan(input)), dim, keepdim));
  return div(nansum(input, dim, keepdim, dtype), factor);
}

/** torch.count_nonzero(input, dim=None): int64 counts of nonzero elements over dim (every dim when None). */
export function count_nonzero(input: Tensor, dim: DimArg = null): Tensor {
  const dims = reduceDims(dim, input.ndim);
  const nonzero = binaryKernel("ne", input, scalarTensor(0, input.dtype), input.dtype, bool);
  return fromData(
    backend().reduce("sum", nonzero._view(), dims, int64),
    reducedShape(input.shape, dims, false),
    int64,
  );
}

/** torch.aminmax(input, *, dim=None, keepdim=False) -> (min, max); PyTorch 1.13 has no derivative for it. */
export function aminmax(input: Tensor, dim: number | null = null, keepdim = false): Named<"min" | "max"> {
  const listed = dim === null ? null : normalizeDims(dim, input.ndim);
  if (listed === null && input.numel() === 0)
    throw new RuntimeError(
      "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.",
    );
  for (const d of listed ?? [])
    if (input.ndim > 0 && input.shape[d] === 0)
      throw new IndexError(`aminmax: Expected reduction dim ${d} to have non-zero size.`);
  const dims = listed ?? allDims(input.ndim);
  // Without a dim the result keeps every dim as 1 when keepdim is set, as PyTorch reshapes it.
  const shape = reducedShape(input.shape, dims, keepdim);
  const extreme = (op: "min" | "max") =>
    fromData(backend().reduce(op, input._view(), dims, input.dtype), shape, input.dtype);
  const outs = recordOutputs("NotImplemented", [input], [extreme("min"), extreme("max")], () => ({
    op: "aminmax",
  }));
  return named("aminmax", ["min", "max"], outs);
}

/** var_mean / std_mean: WelfordOps' variance (or its square root) and mean over the reduced dims. */
function statsMean(
  fn: "var_mean" | "std_mean",
  input: Tensor,
  dim: DimArg,
  correction: number,
  keepdim: boolean,
) {
  if (input.dtype.category !== Category.Floating) {
    throw new RuntimeError(`${fn} only support floating point and complex dtypes`);
  }
  const listed = normalizeDims(dim, input.ndim);
  const full = listed === null || listed.length === 0;
  const dims = full ? allDims(input.ndim) : listed;
  const shape = reducedShape(input.shape, dims, keepdim);
  const stats = allocate(input.dtype, numel(shape));
  const means = allocate(input.dtype, numel(shape));
  if (input.numel() === 0) {
    stats.fill(NaN);
    means.fill(NaN);
  } else welfordStats(input._view(), dims, correction, fn === "std_mean", stats, means);
  const result: [Tensor, Tensor] = [fromData(stats, shape, input.dtype), fromData(means, shape, input.dtype)];
  const saved = () => ({ self: input, result0: result[0], dims: full ? null : dims, correction, keepdim });
  if (fn === "var_mean") recordOutputs("VarMeanBackward0", [input], result, saved);
  else recordOutputs("StdMeanBackward0", [input], result, saved);
  return result;
}

/** torch.var_mean(input, dim, *, correction=1, keepdim=False) -> (var, mean). */
export function var_mean(
  input: Tensor,
  dim: DimArg = null,
  correction: number | null = null,
  keepdim = false,
): [Tensor, Tensor] {
  return statsMean("var_mean", input, dim, correction ?? 1, keepdim);
}

/** torch.std_mean(input, dim, *, correction=1, keepdim=False) -> (std, mean). */
export function std_mean(
  input: Tensor,
  dim: DimArg = null,
  correction: number | null = null,
  keepdim = false,
): [Tensor, Tensor] {
  return statsMean("std_mean", input, dim, correction ?? 1, keepdim);
}

defineOps(
  "torch",
  {
    "nansum(Tensor input, IntArrayRef[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      nansum,
    "nanmean(Tensor input, IntArrayRef[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      nanmean,
    "count_nonzero(Tensor input, int64_t? dim=None) -> Tensor": count_nonzero,
    "count_nonzero(Tensor input, IntArrayRef dim) -> Tensor": count_nonzero,
    "aminmax(Tensor input, *, int64_t? dim=None, bool keepdim=False, TensorList[2] out=None) -> (Tensor min, Tensor max)":
      aminmax,
  },
  { methods: true },
);

// PyTorch has no Tensor.var_mean / Tensor.std_mean.
defineOps("torch", {
  "var_mean(Tensor input, IntArrayRef[1]? dim, *, int64_t? correction, bool keepdim=False) -> (Tensor, Tensor)":
    var_mean,
  "var_mean(Tensor input, IntArrayRef[1]? dim, bool unbiased=True, bool keepdim=False) -> (Tensor, Tensor)": (
    input,
    dim,
    unbiased,
    keepdim,
  ) => var_mean(input, dim, unbiased ? 1 : 0, keepdim),
  "var_mean(Tensor input, bool unbiased=True) -> (Tensor, Tensor)": (input, unbiased) =>
    var_mean(input, null, unbiased ? 1 : 0),
  "var_mean(Tensor input, DimnameList[1] dim, *, int64_t? correction, bool keepdim=False) -> (Tensor, Tensor)":
    null,
  "var_mean(Tensor input, DimnameList[1] dim, bool unbiased=True, bool keepdim=False) -> (Tensor, Tensor)":
    null,
  "std_mean(Tensor input, IntArrayRef[1]? dim, *, int64_t? correction, bool keepdim=False) -> (Tensor, Tensor)":
    std_mean,
  "std_mean(Tensor input, IntArrayRef[1]? dim, bool unbiased=True, bool keepdim=False) -> (Tensor, Tensor)": (
    input,
    dim,
    unbiased,
    keepdim,
  ) => std_mean(input, dim, unbiased ? 1 : 0, keepdim),
  "std_mean(Tensor input, bool unbiased=True) -> (Tensor, Tensor)": (input, unbiased) =>
    std_mean(input, null, unbiased ? 1 : 0),
  "std_mean(Tensor input, DimnameList[1] dim, *, int64_t? correction, bool keepdim=False) -> (Tensor, Tensor)":
    null,
  "std_mean(Tensor input, DimnameList[1] dim, bool unbiased=True, bool keepdim=False) -> (Tensor, Tensor)":
    null,
});
