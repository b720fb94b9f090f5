// F.embedding_bag (torch/nn/functional.py's checks) and torch.embedding_bag (ATen's _embedding_bag on the CPU,
// aten/src/ATen/native/EmbeddingBag.cpp): sums, means or maxes of bags of embedding rows, one
// EmbeddingBagBackward0 node for the weight and per_sample_weights. The backward's own functions
// (_embedding_bag_dense_backward, _embedding_bag_per_sample_weights_backward) have no derivative in PyTorch:
// their nodes raise when a second derivative reaches them.
import { is_grad_enabled, no_grad } from "../autograd/grad_mode.js";
import * as kernels from "../backend/js/nn_embedding_bag.js";
import { IndexError, NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { float32, float64, int32, int64, promoteTypes, type DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { fromData, record } from "./core.js";
import { embeddingRenorm } from "./nn_embedding.js";

const { MODE_SUM, MODE_MEAN, MODE_MAX } = kernels;
const sizeRepr = (t: Tensor) => `torch.Size([${t.shape.join(", ")}])`;
const typeName = (t: Tensor) => `torch.${t.dtype.scalarTypeName}Tensor`;
const CHECKING = "(while checking arguments for embedding_bag)";

/** checkScalarTypes("embedding_bag", arg, types). */
function checkTypes(t: Tensor, arg: string, allowed: DType[], names: string): void {
  if (!allowed.includes(t.dtype))
    throw new RuntimeError(
      `Expected tensor for argument #1 '${arg}' to have one of the following scalar types: ${names}; but got ${typeName(t)} instead ${CHECKING}`,
    );
}

/** checkSameType("embedding_bag", a, b). */
function checkSameType(a: Tensor, aName: string, b: Tensor, bName: string): void {
  if (a.dtype !== b.dtype)
    throw new RuntimeError(
      `Expected tensor for argument #1 '${aName}' to have the same type as tensor for argument #1 '${bName}'; but type ${typeName(a)} does not equal ${typeName(b)} ${CHECKING}`,
    );
}

/** What the EmbeddingBagBackward0 row reads. */
export interface EmbeddingBagSaved {
  weight: Tensor;
  indices: Float64Array;
  offsets: Float64Array;
  result: kernels.BagResult;
  numWeights: number;
  scaleGradByFreq: boolean;
  mode: number;
  sparse: boolean;
  perSampleWeights: Tensor | null;
  paddingIdx: number;
}

/**
 * torch.embedding_bag(weight, indices, offsets, scale_grad_by_freq, mode, sparse, per_sample_weights,
 * include_last_offset, padding_idx): (output, offset2bag, bag_size, max_indices).
 */
export function embedding_bag_native(
  weight: Tensor,
  indices: Tensor,
  offsets: Tensor,
  scale_grad_by_freq = false,
  mode = 0,
  sparse = false,
  per_sample_weights: Tensor | null = null,
  include_last_offset = false,
  padding_idx: number | null = null,
): [Tensor, Tensor, Tensor, Tensor] {
  const numWeights = weight.shape[0];
  let paddingIdx = -1;
  if (padding_idx !== null) {
    if (!(padding_idx >= -numWeights && padding_idx < numWeights))
      throw new RuntimeError(
        `padding_idx must be within the number of embeddings, -${numWeights} through ${numWeights - 1}, but got ${padding_idx}`,
      );
    paddingIdx = padding_idx < 0 ? padding_idx + numWeights : padding_idx;
  }
  // promoteIndicesAndOffsets, then check_arguments.
  const common = promoteTypes(indices.dtype, offsets.dtype);
  const idx = indices.to(common);
  const offs = offsets.to(common);
  checkTypes(idx, "indices", [int64, int32], "Long, Int");
  checkTypes(offs, "offsets", [int64, int32], "Long, Int");
  checkSameType(idx, "indices", offs, "offsets");
  checkTypes(weight, "weight", [float32, float64], "Half, Float, Double");
  const offsetValues = Float64Array.from(offs.contiguous().values());
  const n = idx.shape[0];
  if (offsetValues.length > 0) {
    if (offsetValues[0] !== 0)
      throw new RuntimeError(
        `offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got ${offsetValues[0]}\n[ ${typeName(offs)}{} ]`,
      );
    const last = offsetValues[offsetValues.length - 1];
    if (last > n)
      throw new RuntimeError(
        `offsets[-1] can not be greater than input's length ${n} but got offsets[-1] of ${last}`,
      );
  }
  const psw = per_sample_weights;
  if (psw !== null) {
    if (mode !== MODE_SUM)
      throw new RuntimeError("embedding_bag: per_sample_weights only supported with mode='sum'");
    checkSameType(weight, "weight", psw, "per_sample_weights");
    if (psw.ndim !== 1)
      throw new RuntimeError(
        "Expected per_sample_weights.value().dim() == 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)",
      );
    if (psw.numel() !== idx.numel())
      throw new RuntimeError(
        "Expected per_sample_weights.value().numel() == indices.numel() to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)",
      );
  }
  if (include_last_offset && offsetValues.length < 1)
    throw new RuntimeError("include_last_offset: number of offset should be at least 1");
  // make_offset2bag's index_add_ refuses offsets that are not a vector (PyTorch 1.13 checks no dims before).
  if (offs.ndim !== 1)
    throw new IndexError(
      `index_add_(): Index is supposed to be a vector, but got dim: ${offs.ndim} with type: ${offs.dtype.scalarTypeName} and size: [${offs.shape.join(", ")}]`,
    );
  // weight.sizes()[1] on a weight of fewer than 2 dims.
  if (weight.ndim < 2) weight.size(1);
  const f32 = weight.dtype === float32;
  const fastPath = f32 && paddingIdx < 0 && mode !== MODE_MAX;
  const dim = weight.shape[1];
  const indexValues = Float64Array.from(idx.contiguous().values());
  const problem: kernels.BagProblem = {
    weight: weight.detach().contiguous().values(),
    numWeights,
    dim,
    indices: indexValues,
    offsets: offsetValues,
    mode,
    perSampleWeights: psw === null ? null : psw.detach().contiguous().values(),
    includeLastOffset: include_last_offset,
    paddingIdx,
    f32,
  };
  // An index outside the table: the caffe2 kernel's enforce (float fast path, one thread) or ATen's check.
  const result = kernels.embeddingBagForward(problem, fastPath, weight.requires_grad, (pos, i) => {
    throw new RuntimeError(
      fastPath
        ? `[enforce fail at embedding_lookup_idx.cc:214] 0 <= idx && idx < data_size. Index ${pos} is out of bounds: ${i}, range 0 to ${numWeights}`
        : `embedding_bag: Expected idx >= 0 && idx < num_embeddings but found idx to be ${i}`,
    );
  });
  const numBags = include_last_offset ? offsetValues.length - 1 : offsetValues.length;
  const output = fromData(
    f32 ? Float32Array.from(result.output) : result.output,
    [numBags, dim],
    weight.dtype,
  );
  const ints = (v: number[], shape: number[]) => fromData(Float64Array.from(v), shape, common);
  const bagShape = [result.bagSize.length];
  const extras: [Tensor, Tensor, Tensor] = [
    ints(result.offset2bag, [result.offset2bag.length]),
    ints(result.bagSize, bagShape),
    ints(result.maxIndices, mode === MODE_MAX ? [numBags, dim] : bagShape),
  ];
  // _embedding_bag_forward_only (weight without grad) has no derivative: a per_sample_weights that wants one
  // trips PyTorch's assertion on the integer outputs.
  if (!weight.requires_grad && psw !== null && psw.requires_grad && is_grad_enabled())
    throw new RuntimeError(
      'isDifferentiableType(variable.scalar_type()) INTERNAL ASSERT FAILED at "./torch/csrc/autograd/functions/utils.h":75, please report a bug to PyTorch. ',
    );
  const out = record("EmbeddingBagBackward0", [weight, psw], output, () => ({
    weight,
    indices: indexValues,
    offsets: offsetValues,
    result,
    numWeights,
    scaleGradByFreq: scale_grad_by_freq,
    mode,
    sparse,
    perSampleWeights: psw,
    paddingIdx,
  }));
  return [out, ...extras];
}

/** The offset2bag the backward uses: the forward's, or made afresh where the forward's sum path skipped it. */
function offset2bagFor(s: EmbeddingBagSaved): number[] {
  if (s.indices.length !== 0 && s.result.offset2bag.length === 0) {
    const numBags = s.result.bagSize.length;
    return kernels.offset2bagOf(s.offsets, Math.min(numBags, s.offsets.length), s.indices.length);
  }
  return s.result.offset2bag;
}

/** @internal _embedding_bag_backward (dense): the weight's gradient; its node raises on a second derivative. */
export function embedding_bag_backward(grad: Tensor, s: EmbeddingBagSaved): Tensor {
  if (s.sparse)
    throw new NotImplementedError(
      "tensorgrad has no sparse tensors: the gradient of F.embedding_bag(sparse=True) cannot be computed; use sparse=False",
    );
  const f32 = grad.dtype === float32;
  const psw = s.perSampleWeights;
  const values = kernels.embeddingBagDenseBackward(grad.detach().contiguous().values(), {
    indices: s.indices,
    offset2bag: offset2bagFor(s),
    bagSize: s.result.bagSize,
    maxIndices: s.result.maxIndices,
    numWeights: s.numWeights,
    dim: grad.shape[1],
    scaleGradByFreq: s.scaleGradByFreq,
    mode: s.mode,
    perSampleWeights: psw === null ? null : psw.detach().contiguous().values(),
    paddingIdx: s.paddingIdx,
    f32,
  });
  const out = fromData(f32 ? Float32Array.from(values) : values, [s.numWeights, grad.shape[1]], grad.dtype);
  return notImplemented("_embedding_bag_dense_backward", false, [grad, psw], out);
}

/** @internal _embedding_bag_per_sample_weights_backward: d(output)/d(per_sample_weights), one dot per sample. */
export function embedding_bag_per_sample_weights_backward(grad: Tensor, s: EmbeddingBagSaved): Tensor {
  if (s.mode !== MODE_SUM)
    throw new RuntimeError("embedding_bag_backward: per_sample_weights only supported for mode='sum'");
  const f32 = grad.dtype === float32;
  const values = kernels.embeddingBagPerSampleWeightsBackward(
    grad.detach().contiguous().values(),
    s.weight.detach().contiguous().values(),
    s.indices,
    offset2bagFor(s),
    grad.shape[1],
    s.paddingIdx,
    f32,
  );
  const out = fromData(f32 ? Float32Array.from(values) : values, [s.indices.length], grad.dtype);
  return notImplemented("_embedding_bag_per_sample_weights_backward", true, [grad, s.weight], out);
}

/**
 * PyTorch's NotImplemented node on a backward function's result, when one of its inputs requires grad (its
 * message names the op with aten:: where PyTorch has no derivatives.yaml row, bare for not_implemented("op")).
 */
function notImplemented(op: string, qualified: boolean, inputs: (Tensor | null)[], out: Tensor): Tensor {
  if (!is_grad_enabled()) return out;
  const needing = inputs.find((t) => t !== null && t.requires_grad);
  if (needing === undefined) return out;
  return record("torch::autograd::NotImplemented", [needing], out, () => ({ op, qualified }));
}

/** F.embedding_bag: functional.py's checks and conversions, then torch.embedding_bag's output. */
export function embedding_bag(
  input: Tensor,
  weight: Tensor,
  offsets: Tensor | null = null,
  max_norm: number | null = null,
  norm_type = 2,
  scale_grad_by_freq = false,
  mode = "mean",
  sparse = false,
  per_sample_weights: Tensor | null = null,
  include_last_offset = false,
  padding_idx: number | null = null,
): Tensor {
  if (weight.dtype === int64 && input.dtype.is_floating_point) {
    emitWarning(
      "Argument order of nn.functional.embedding_bag was changed. Usage `embedding_bag(weight, input, ...)` is deprecated, and should now be `embedding_bag(input, weight, ...)`.",
    );
    [weight, input] = [input, weight];
  }
  let psw = per_sample_weights;
  if (psw !== null && sizeRepr(input) !== sizeRepr(psw))
    throw new ValueError(
      `embedding_bag: If per_sample_weights (${sizeRepr(psw)}) is not None, then it must have the same shape as the input (${sizeRepr(input)})`,
    );
  let offs = offsets;
  let indices = input;
  if (input.ndim === 2) {
    if (offs !== null)
      throw new ValueError(
        "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>",
      );
    const step = input.shape[1];
    const starts = Array.from({ length: step === 0 ? 0 : input.shape[0] }, (_, i) => i * step);
    offs = fromData(Float64Array.from(starts), [starts.length], int64).to(input.dtype);
    indices = input.reshape(-1);
    if (psw !== null) psw = psw.reshape(-1);
  } else if (input.ndim === 1) {
    if (offs === null) throw new ValueError("offsets has to be a 1D Tensor but got None");
    if (offs.ndim !== 1) throw new ValueError("offsets has to be a 1D Tensor");
  } else {
    throw new ValueError(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.ndim}`);
  }
  let modeEnum: number;
  if (mode === "sum") modeEnum = MODE_SUM;
  else if (mode === "mean") modeEnum = MODE_MEAN;
  else if (mode === "max") {
    modeEnum = MODE_MAX;
    if (scale_grad_by_freq)
      throw new ValueError("max mode does not support scaling the gradient by the frequency");
    if (sparse) throw new ValueError("max mode does not support sparse weights");
  } else throw new ValueError("mode has to be one of sum, mean or max");
  if (max_norm !== null) no_grad(() => embeddingRenorm(weight, indices, max_norm, norm_type));
  if (psw !== null && mode !== "sum")
    throw new NotImplementedError(
      `embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`,
    );
  return embedding_bag_native(
    weight,
    indices,
    offs,
    scale_grad_by_freq,
    modeEnum,
    sparse,
    psw,
    include_last_offset,
    padding_idx,
  )[0];
}

defineOps("torch", {
  "embedding_bag(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq, int64_t mode, bool sparse, Tensor? per_sample_weights, bool include_last_offset, int64_t? padding_idx) -> (Tensor, Tensor, Tensor, Tensor)":
    embedding_bag_native,
  "embedding_bag(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int64_t mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False) -> (Tensor, Tensor, Tensor, Tensor)":
    (weight, indices, offsets, scale_grad_by_freq, mode, sparse, psw, include_last_offset) =>
      embedding_bag_native(
        weight,
        indices,
        offsets,
        scale_grad_by_freq,
        mode,
        sparse,
        psw,
        include_last_offset,
      ),
});

definePython("torch.nn.functional", {
  "embedding_bag(input: Tensor, weight: Tensor, offsets: Tensor | None = None, max_norm: float | None = None, norm_type: float = 2, scale_grad_by_freq: bool = False, mode: str = 'mean', sparse: bool = False, per_sample_weights: Tensor | None = None, include_last_offset: bool = False, padding_idx: int | None = None) -> Tensor":
    embedding_bag,
});
