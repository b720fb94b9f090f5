// F.embedding (one EmbeddingBackward0 node, as in PyTorch) and F.bilinear (composed ops).
import { no_grad } from "../autograd/grad_mode.js";
import { AssertionError, IndexError, RuntimeError } from "../errors.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { fromData, record } from "./core.js";
import { allocate, int32, int64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";

const INDEX_TYPES = "one of the following scalar types: Long, Int";

/** torch.embedding_renorm_ (under no_grad): rows of weight that `indices` reads, scaled to norm <= max_norm. */
export function embeddingRenorm(weight: Tensor, indices: Tensor, maxNorm: number, normType: number): void {
  if (weight.ndim !== 2)
    throw new RuntimeError(
      `Expected 2-dimensional tensor, but got ${weight.ndim}-dimensional tensor for argument #1 'self' (while checking arguments for embedding_renorm_)`,
    );
  if (indices.dtype !== int64 && indices.dtype !== int32)
    throw new RuntimeError(
      `Expected tensor for argument #2 'indices' to have ${INDEX_TYPES}; but got torch.${indices.dtype.scalarTypeName}Tensor instead (while checking arguments for embedding_renorm_)`,
    );
  const rows = [...new Set(indices.values())].sort((a, b) => a - b);
  no_grad(() => {
    for (const i of rows) {
      if (i < -weight.shape[0] || i >= weight.shape[0])
        throw new IndexError(`index ${i} is out of bounds for dimension 0 with size ${weight.shape[0]}`);
      const row = weight.select(0, i);
      const norm = row.norm(normType).item();
      if (norm > maxNorm) row.mul_(maxNorm / (norm + 1e-7));
    }
  });
}

/**
 * F.embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
 * sparse=False): rows of weight at the indices in input (functional.py's padding_idx checks, then torch.embedding).
 */
export function embedding(
  input: Tensor,
  weight: Tensor,
  padding_idx: number | null = null,
  max_norm: number | null = null,
  norm_type = 2.0,
  scale_grad_by_freq = false,
  sparse = false,
): Tensor {
  let paddingIdx: number | null = null;
  if (padding_idx !== null && padding_idx > 0) {
    if (!(padding_idx < weight.shape[0]))
      throw new AssertionError("Padding_idx must be within num_embeddings");
    paddingIdx = padding_idx;
  } else if (padding_idx !== null && padding_idx < 0) {
    if (!(padding_idx >= -weight.shape[0]))
      throw new AssertionError("Padding_idx must be within num_embeddings");
    paddingIdx = weight.shape[0] + padding_idx;
  } else if (padding_idx === 0) paddingIdx = 0;
  if (max_norm !== null) embeddingRenorm(weight, input.contiguous(), max_norm, norm_type);
  if (weight.ndim !== 2) throw new RuntimeError("'weight' must be 2-D");
  if (input.dtype !== int64 && input.dtype !== int32)
    throw new RuntimeError(
      `Expected tensor for argument #1 'indices' to have ${INDEX_TYPES}; but got torch.${input.dtype.scalarTypeName}Tensor instead (while checking arguments for embedding)`,
    );
  const numWeights = weight.shape[0];
  const indices = input.detach();
  if (indices.numel() > 0) {
    const lo = indices.min().item();
    const hi = indices.max().item();
    if (lo < 0 || hi >= numWeights) throw new IndexError("index out of range in self");
  }
  const out = no_grad(() =>
    weight
      .index_select(0, indices.reshape(-1))
      .reshape([...input.shape, weight.shape[1]])
      .detach(),
  );
  const scale = scale_grad_by_freq ? frequencyScale(indices, weight) : null;
  // sparse=True asks for a sparse gradient: the forward is the same; the backward raises (no sparse tensors).
  return record("EmbeddingBackward0", [weight], out, () => ({
    indices,
    numWeights,
    paddingIdx,
    scale,
    sparse,
  }));
}

/** scale_grad_by_freq: per index position, 1 / (how often its index occurs in the batch), in weight's dtype. */
function frequencyScale(indices: Tensor, weight: Tensor): Tensor {
  const values = indices.values();
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const scale = allocate(weight.dtype, values.length);
  for (let i = 0; i < values.length; i++) scale[i] = 1 / counts.get(values[i])!;
  return fromData(scale, [values.length], weight.dtype);
}

/** torch.bilinear(input1, input2, weight, bias=None): y_o = x1^T W_o x2 + b_o over the last dims. */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (input1.ndim !== input2.ndim)
    throw new RuntimeError(
      `bilinear(): input dimensions do not match: got ${input1.ndim} and ${input2.ndim}`,
    );
  for (let d = 0; d < input1.ndim - 1; d++) {
    if (input1.shape[d] !== input2.shape[d])
      throw new RuntimeError(
        `bilinear(): input batch dimensions do not match at dim ${d}: got ${input1.shape[d]} and ${input2.shape[d]}`,
      );
  }
  // weight.size(d) as PyTorch reads it: a weight with too few dims raises PyTorch's IndexError.
  const [in1, in2, outF] = [weight.size(1), weight.size(2), weight.size(0)];
  // input.size(input.dim() - 1): a 0-dim input has no last dim, and ATen says so (no scalar wrapping here).
  const last = (t: Tensor) => {
    if (t.ndim === 0) throw new IndexError("Dimension specified as -1 but tensor has no dimensions");
    return t.shape[t.ndim - 1];
  };
  if (last(input1) !== in1)
    throw new RuntimeError(
      `bilinear(): input1 size does not match weight size: got ${last(input1)} but expected ${in1}`,
    );
  if (last(input2) !== in2)
    throw new RuntimeError(
      `bilinear(): input2 size does not match weight size: got ${last(input2)} but expected ${in2}`,
    );
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== outF))
    throw new RuntimeError(
      `bilinear(): bias size does not match weight size: got ${bias.shape[bias.ndim - 1]} but expected ${outF}`,
    );
  const lead = input1.shape.slice(0, -1);
  const x1 = input1.reshape(-1, in1);
  const x2 = input2.reshape(-1, in2);
  // (x1 @ W_o) for every o at once: [B, O * in2], then the dot with x2.
  const left = x1.matmul(weight.permute(1, 0, 2).reshape(in1, outF * in2)).reshape(-1, outF, in2);
  const y = left
    .mul(x2.unsqueeze(1))
    .sum(-1)
    .reshape([...lead, outF]);
  return bias === null ? y : y.add(bias);
}

// F.bilinear is the builtin torch.bilinear: the parser's signature.
defineOps("torch.nn.functional", {
  "bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias=None) -> Tensor": bilinear,
});

definePython("torch.nn.functional", {
  "embedding(input: Tensor, weight: Tensor, padding_idx: int | None = None, max_norm: float | None = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor":
    embedding,
});
