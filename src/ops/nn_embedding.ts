// F.embedding (one EmbeddingBackward0 node, as in PyTorch) and F.bilinear (_trilinear's TrilinearBackward0 node).
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
  const dtype = weight.dtype;
  const y =
    dtype.is_floating_point && !dtype.is_complex && x1.dtype === dtype && x2.dtype === dtype
      ? trilinear(x1, weight, x2)
      : composedBilinear(x1, weight, x2);
  const out = y.reshape([...lead, outF]);
  return bias === null ? out : out.add(bias);
}

/** Below this many multiply-adds (contraction * rows * cols) PyTorch's bmm runs its own loop, not BLAS. */
const BMM_SMALL = 400;

/**
 * at::_trilinear(x1, weight, x2, {1,3}, {0}, {1,2}, {2,3}) as bilinear calls it, for [B, in1], [O, in1, in2] and
 * [B, in2] of one float dtype: per output feature o, sumproduct_pair's two bmms, [1, B, in1] x [1, in1, in2]
 * then [B, 1, in2] x [B, in2, 1], each in bmm's small-size loop (a running sum of products in the dtype, so a
 * float32 1e20 * 1e30 is inf and inf + -inf nan) when it has fewer than 400 multiply-adds, else the matmul
 * kernel as BLAS; the result is added into zeros. One TrilinearBackward0 node.
 */
function trilinear(x1: Tensor, weight: Tensor, x2: Tensor): Tensor {
  const [B, in1] = x1.shape;
  const [O, , in2] = weight.shape;
  const dtype = weight.dtype;
  const out = allocate(dtype, B * O);
  if (B * O * in1 * in2 !== 0) {
    const r = dtype.cast;
    const a = x1.contiguous().values();
    const w = weight.contiguous().values();
    const c = x2.contiguous().values();
    // x1 @ weight[o] for every o: the small loop's running sums, or the matmul kernel's (BLAS) values.
    const left =
      in1 * B * in2 < BMM_SMALL
        ? null
        : no_grad(() => x1.matmul(weight.permute(1, 0, 2).reshape(in1, O * in2))).values();
    const buf = new Float64Array(in2);
    for (let o = 0; o < O; o++) {
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < in2; j++) {
          if (left !== null) {
            buf[j] = left[b * O * in2 + o * in2 + j];
            continue;
          }
          let acc = 0;
          for (let k = 0; k < in1; k++) acc = r(acc + r(a[b * in1 + k] * w[(o * in1 + k) * in2 + j]));
          buf[j] = acc;
        }
        let acc = 0;
        if (in2 < BMM_SMALL) for (let j = 0; j < in2; j++) acc = r(acc + r(buf[j] * c[b * in2 + j]));
        else {
          for (let j = 0; j < in2; j++) acc += buf[j] * c[b * in2 + j];
          acc = r(acc);
        }
        out[b * O + o] = r(0 + acc);
      }
    }
  }
  return record("TrilinearBackward0", [x1, weight, x2], fromData(out, [B, O], dtype), () => ({
    i1: x1,
    i2: weight,
    i3: x2,
  }));
}

/** bilinear of other dtypes in matmul, mul and sum (their dtype checks and errors). */
function composedBilinear(x1: Tensor, weight: Tensor, x2: Tensor): Tensor {
  const [in1, in2, outF] = [weight.size(1), weight.size(2), weight.size(0)];
  // (x1 @ W_o) for every o at once: [B, O * in2], then the dot with x2.
  const left = x1.matmul(weight.permute(1, 0, 2).reshape(in1, outF * in2)).reshape(-1, outF, in2);
  return left.mul(x2.unsqueeze(1)).sum(-1);
}

// F.bilinear is the builtin torch.bilinear: the parser's signature.
defineOps("torch.nn.functional", {
  "bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias=None) -> Tensor": bilinear,
});

definePython("torch.nn.functional", {
  "embedding(input: Tensor, weight: Tensor, padding_idx: int | None = None, max_norm: float | None = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor":
    embedding,
});
