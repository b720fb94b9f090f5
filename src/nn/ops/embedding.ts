// F.embedding (one EmbeddingBackward0 node, as in PyTorch) and F.bilinear (composed ops).
import { no_grad } from "../../autograd/grad_mode.js";
import { IndexError, RuntimeError } from "../../errors.js";
import { checkTensor, record } from "../../ops/core.js";
import { int32, int64 } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";

/** F.embedding(input, weight, padding_idx): rows of weight at the indices in input. */
export function embedding(input: Tensor, weight: Tensor, padding_idx: number | null = null): Tensor {
  checkTensor(input, "embedding");
  checkTensor(weight, "embedding", "weight");
  if (input.dtype !== int64 && input.dtype !== int32)
    throw new RuntimeError(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${input.dtype.scalarTypeName}Tensor instead (while checking arguments for embedding)`,
    );
  if (weight.ndim !== 2) throw new RuntimeError("'weight' must be 2-D");
  const numWeights = weight.shape[0];
  const paddingIdx = padding_idx === null ? null : padding_idx < 0 ? padding_idx + numWeights : padding_idx;
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
  return record("EmbeddingBackward0", [weight], out, () => ({ indices, numWeights, paddingIdx }));
}

/** F.bilinear(input1, input2, weight, bias): y_o = x1^T W_o x2 + b_o over the last dims. */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  checkTensor(input1, "bilinear", "input1");
  checkTensor(input2, "bilinear", "input2");
  checkTensor(weight, "bilinear", "weight");
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
  const [outF, in1, in2] = weight.shape;
  const last = (t: Tensor) => t.shape[t.ndim - 1];
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
