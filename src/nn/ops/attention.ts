// F.multi_head_attention_forward, following PyTorch 1.13's Python implementation step by step
// (same op order, so values and the outputs' grad_fn names match).
import { AssertionError, RuntimeError } from "../../errors.js";
import { bool, Category } from "../../tensor/dtype.js";
import { zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { dropout } from "../modules/basic.js";
import { linear } from "../modules/linear.js";

export { AssertionError };

function assert(cond: boolean, message: string): asserts cond {
  if (!cond) throw new AssertionError(message);
}

export interface MultiheadAttentionArgs {
  numHeads: number;
  inProjWeight: Tensor | null;
  inProjBias: Tensor | null;
  outProjWeight: Tensor;
  outProjBias: Tensor | null;
  /** Separate projections, used when kdim/vdim differ from embed_dim. */
  qProjWeight?: Tensor | null;
  kProjWeight?: Tensor | null;
  vProjWeight?: Tensor | null;
  dropoutP?: number;
  training?: boolean;
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  attnMask?: Tensor | null;
  averageAttnWeights?: boolean;
}

const sameTensor = (a: Tensor, b: Tensor) => a === b;
const sizeStr = (s: readonly number[]) => `torch.Size([${s.join(", ")}])`;

/** q, k, v projections from the packed in_proj weight (PyTorch's _in_projection_packed). */
function projectPacked(q: Tensor, k: Tensor, v: Tensor, w: Tensor, b: Tensor | null): Tensor[] {
  const e = q.shape[q.ndim - 1];
  if (sameTensor(k, v)) {
    if (sameTensor(q, k)) return linear(q, w, b).chunk(3, -1);
    const [wq, wkv] = w.split([e, e * 2]);
    const [bq, bkv] = b === null ? [null, null] : b.split([e, e * 2]);
    return [linear(q, wq, bq), ...linear(k, wkv, bkv).chunk(2, -1)];
  }
  const [wq, wk, wv] = w.chunk(3);
  const [bq, bk, bv] = b === null ? [null, null, null] : b.chunk(3);
  return [linear(q, wq, bq), linear(k, wk, bk), linear(v, wv, bv)];
}

/** Returns [attn_output, attn_weights | null] with (L, N, E) inputs (or unbatched (L, E)). */
export function multi_head_attention_forward(
  queryIn: Tensor,
  keyIn: Tensor,
  valueIn: Tensor,
  args: MultiheadAttentionArgs,
): [Tensor, Tensor | null] {
  const { numHeads, inProjWeight, inProjBias, outProjWeight, outProjBias } = args;
  const { dropoutP = 0, training = true, needWeights = true, averageAttnWeights = true } = args;
  let { keyPaddingMask = null, attnMask = null } = args;
  const isBatched = queryIn.ndim === 3;
  if (isBatched) {
    assert(
      keyIn.ndim === 3 && valueIn.ndim === 3,
      `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${keyIn.ndim}-D and ${valueIn.ndim}-D tensors respectively`,
    );
  } else {
    assert(
      queryIn.ndim === 2,
      `query should be unbatched 2D or batched 3D tensor but received ${queryIn.ndim}-D query tensor`,
    );
    assert(
      keyIn.ndim === 2 && valueIn.ndim === 2,
      `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${keyIn.ndim}-D and ${valueIn.ndim}-D tensors respectively`,
    );
  }
  // Keep identity (self-attention detection) through the unbatched unsqueeze.
  const unsq = (t: Tensor, cache: Map<Tensor, Tensor>) => {
    if (isBatched) return t;
    const hit = cache.get(t);
    if (hit) return hit;
    const u = t.unsqueeze(1);
    cache.set(t, u);
    return u;
  };
  const seen = new Map<Tensor, Tensor>();
  const query = unsq(queryIn, seen);
  const key = unsq(keyIn, seen);
  const value = unsq(valueIn, seen);
  if (!isBatched && keyPaddingMask !== null) keyPaddingMask = keyPaddingMask.unsqueeze(0);
  const [tgtLen, bsz, embedDim] = query.shape;
  const srcLen = key.shape[0];
  const headDim = Math.floor(embedDim / numHeads);
  assert(headDim * numHeads === embedDim, `embed_dim ${embedDim} not divisible by num_heads ${numHeads}`);
  let q: Tensor;
  let k: Tensor;
  let v: Tensor;
  if (inProjWeight !== null) {
    assert(
      key.shape.every((s, i) => s === value.shape[i]),
      `key shape ${sizeStr(key.shape)} does not match value shape ${sizeStr(value.shape)}`,
    );
    [q, k, v] = projectPacked(query, key, value, inProjWeight, inProjBias);
  } else {
    const [bq, bk, bv] = inProjBias === null ? [null, null, null] : inProjBias.chunk(3);
    q = linear(query, args.qProjWeight as Tensor, bq);
    k = linear(key, args.kProjWeight as Tensor, bk);
    v = linear(value, args.vProjWeight as Tensor, bv);
  }
  if (attnMask !== null) {
    if (attnMask.dtype.category !== Category.Floating && attnMask.dtype !== bool)
      throw new AssertionError(
        `Only float, byte, and bool types are supported for attn_mask, not torch.${attnMask.dtype.name}`,
      );
    if (attnMask.ndim === 2) {
      if (attnMask.shape[0] !== tgtLen || attnMask.shape[1] !== srcLen)
        throw new RuntimeError(
          `The shape of the 2D attn_mask is ${sizeStr(attnMask.shape)}, but should be (${tgtLen}, ${srcLen}).`,
        );
      attnMask = attnMask.unsqueeze(0);
    } else if (attnMask.ndim === 3) {
      const want = [bsz * numHeads, tgtLen, srcLen];
      if (attnMask.shape.some((s, i) => s !== want[i]))
        throw new RuntimeError(
          `The shape of the 3D attn_mask is ${sizeStr(attnMask.shape)}, but should be (${want.join(", ")}).`,
        );
    } else throw new RuntimeError(`attn_mask's dimension ${attnMask.ndim} is not supported`);
  }
  q = q
    .contiguous()
    .view(tgtLen, bsz * numHeads, headDim)
    .transpose(0, 1);
  k = k
    .contiguous()
    .view(k.shape[0], bsz * numHeads, headDim)
    .transpose(0, 1);
  v = v
    .contiguous()
    .view(v.shape[0], bsz * numHeads, headDim)
    .transpose(0, 1);
  // Masks become one additive float mask (-inf where attention is not allowed).
  const asFloat = (m: Tensor) =>
    m.dtype === bool ? zeros(m.shape as number[], { dtype: q.dtype }).masked_fill(m, -Infinity) : m;
  if (attnMask !== null) attnMask = asFloat(attnMask);
  if (keyPaddingMask !== null) {
    assert(
      keyPaddingMask.ndim === 2 && keyPaddingMask.shape[0] === bsz && keyPaddingMask.shape[1] === srcLen,
      `expecting key_padding_mask shape of (${bsz}, ${srcLen}), but got ${sizeStr(keyPaddingMask.shape)}`,
    );
    const kpm = keyPaddingMask
      .view(bsz, 1, 1, srcLen)
      .expand(-1, numHeads, -1, -1)
      .reshape(bsz * numHeads, 1, srcLen);
    if (attnMask === null) attnMask = asFloat(kpm);
    else if (kpm.dtype === bool) attnMask = attnMask.masked_fill(kpm, -Infinity);
    else attnMask = attnMask.add(kpm);
  }
  const p = training ? dropoutP : 0;
  const qScaled = q.div(Math.sqrt(headDim));
  let weights = qScaled.bmm(k.transpose(-2, -1));
  if (attnMask !== null) weights = attnMask.add(weights);
  weights = weights.softmax(-1);
  if (p > 0) weights = dropout(weights, p);
  let out = weights.bmm(v);
  out = out
    .transpose(0, 1)
    .contiguous()
    .view(tgtLen * bsz, embedDim);
  out = linear(out, outProjWeight, outProjBias);
  out = out.view(tgtLen, bsz, out.shape[1]);
  if (!needWeights) return [isBatched ? out : out.squeeze(1), null];
  let w = weights.view(bsz, numHeads, tgtLen, srcLen);
  if (averageAttnWeights) w = w.sum(1).div(numHeads);
  if (!isBatched) return [out.squeeze(1), w.squeeze(0)];
  return [out, w];
}
