// F.multi_head_attention_forward, following PyTorch 1.13's Python implementation step by step
// (same op order, so values and the outputs' grad_fn names match).
import { AssertionError, RuntimeError } from "../errors.js";
import { bool, Category } from "../tensor/dtype.js";
import { zeros } from "../tensor/creation.js";
import { cat, constant_pad_nd } from "./join.js";
import { softmax } from "./softmax.js";
import type { Tensor } from "../tensor/tensor.js";
import { definePython } from "../signatures/registry.js";
import { dropout } from "./nn_dropout.js";
import { linear } from "./linalg.js";

function assert(cond: boolean, message: string): asserts cond {
  if (!cond) throw new AssertionError(message);
}

const sameTensor = (a: Tensor, b: Tensor) => a === b;
const sizeStr = (s: readonly number[]) => `torch.Size([${s.join(", ")}])`;
/** A Python tuple's repr: (2, 3) or (4,). */
const tupleStr = (s: readonly number[]) => (s.length === 1 ? `(${s[0]},)` : `(${s.join(", ")})`);
const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

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

/** PyTorch's _in_projection: separate q, k, v weights (kdim / vdim may differ from embed_dim). */
function projectSeparate(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  wq: Tensor,
  wk: Tensor,
  wv: Tensor,
  b: Tensor | null,
): Tensor[] {
  const [eq, ek, ev] = [q, k, v].map((t) => t.shape[t.ndim - 1]);
  const expect = (w: Tensor, shape: number[], what: string) =>
    assert(
      sameShape(w.shape, shape),
      `expecting ${what} shape of ${tupleStr(shape)}, but got ${sizeStr(w.shape)}`,
    );
  expect(wq, [eq, eq], "query weights");
  expect(wk, [eq, ek], "key weights");
  expect(wv, [eq, ev], "value weights");
  const [bq, bk, bv] = b === null ? [null, null, null] : b.chunk(3);
  for (const [bias, what] of [
    [bq, "query bias"],
    [bk, "key bias"],
    [bv, "value bias"],
  ] as const) {
    if (bias !== null) expect(bias, [eq], what);
  }
  return [linear(q, wq, bq), linear(k, wk, bk), linear(v, wv, bv)];
}

/** _mha_shape_check: whether the inputs are batched, with PyTorch's assertions. */
function isBatchedInput(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  keyPaddingMask: Tensor | null,
  attnMask: Tensor | null,
  numHeads: number,
): boolean {
  if (query.ndim === 3) {
    assert(
      key.ndim === 3 && value.ndim === 3,
      `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${key.ndim}-D and ${value.ndim}-D tensors respectively`,
    );
    if (keyPaddingMask !== null)
      assert(
        keyPaddingMask.ndim === 2,
        `For batched (3-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 2-D but found ${keyPaddingMask.ndim}-D tensor instead`,
      );
    if (attnMask !== null)
      assert(
        attnMask.ndim === 2 || attnMask.ndim === 3,
        `For batched (3-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.ndim}-D tensor instead`,
      );
    return true;
  }
  if (query.ndim === 2) {
    assert(
      key.ndim === 2 && value.ndim === 2,
      `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${key.ndim}-D and ${value.ndim}-D tensors respectively`,
    );
    if (keyPaddingMask !== null)
      assert(
        keyPaddingMask.ndim === 1,
        `For unbatched (2-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 1-D but found ${keyPaddingMask.ndim}-D tensor instead`,
      );
    if (attnMask !== null) {
      assert(
        attnMask.ndim === 2 || attnMask.ndim === 3,
        `For unbatched (2-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.ndim}-D tensor instead`,
      );
      if (attnMask.ndim === 3) {
        const expected = [numHeads, query.shape[0], key.shape[0]];
        assert(
          sameShape(attnMask.shape, expected),
          `Expected \`attn_mask\` shape to be ${tupleStr(expected)} but got ${sizeStr(attnMask.shape)}`,
        );
      }
    }
    return false;
  }
  throw new AssertionError(
    `query should be unbatched 2D or batched 3D tensor but received ${query.ndim}-D query tensor`,
  );
}

/** One more (zero) column at the end of the last dim of a mask: F.pad(mask, (0, 1)). */
const padColumn = (mask: Tensor) => constant_pad_nd(mask, [0, 1], 0);

/**
 * F.multi_head_attention_forward with PyTorch 1.13's parameters, step by step as functional.py takes them:
 * [attn_output, attn_weights | null] for (L, N, E) inputs (or unbatched (L, E)).
 */
export function multi_head_attention_forward(
  queryIn: Tensor,
  keyIn: Tensor,
  valueIn: Tensor,
  embed_dim_to_check: number,
  num_heads: number,
  in_proj_weight: Tensor | null,
  in_proj_bias: Tensor | null,
  bias_k: Tensor | null,
  bias_v: Tensor | null,
  add_zero_attn: boolean,
  dropout_p: number,
  out_proj_weight: Tensor,
  out_proj_bias: Tensor | null,
  training = true,
  key_padding_mask: Tensor | null = null,
  need_weights = true,
  attn_mask: Tensor | null = null,
  use_separate_proj_weight = false,
  q_proj_weight: Tensor | null = null,
  k_proj_weight: Tensor | null = null,
  v_proj_weight: Tensor | null = null,
  static_k: Tensor | null = null,
  static_v: Tensor | null = null,
  average_attn_weights = true,
): [Tensor, Tensor | null] {
  const numHeads = num_heads;
  let keyPaddingMask = key_padding_mask;
  let attnMask = attn_mask;
  const isBatched = isBatchedInput(queryIn, keyIn, valueIn, keyPaddingMask, attnMask, numHeads);
  // Unbatched inputs get a batch dim of 1 (new tensors, as in Python: self-attention is not recognised then).
  const query = isBatched ? queryIn : queryIn.unsqueeze(1);
  const key = isBatched ? keyIn : keyIn.unsqueeze(1);
  const value = isBatched ? valueIn : valueIn.unsqueeze(1);
  if (!isBatched && keyPaddingMask !== null) keyPaddingMask = keyPaddingMask.unsqueeze(0);
  const [tgtLen, bsz, embedDim] = query.shape;
  if (keyPaddingMask !== null && keyPaddingMask.dtype !== bool && !keyPaddingMask.dtype.is_floating_point)
    throw new AssertionError("only bool and floating types of key_padding_mask are supported");
  assert(
    embedDim === embed_dim_to_check,
    `was expecting embedding dimension of ${embed_dim_to_check}, but got ${embedDim}`,
  );
  const headDim = Math.floor(embedDim / numHeads);
  assert(headDim * numHeads === embedDim, `embed_dim ${embedDim} not divisible by num_heads ${numHeads}`);
  if (use_separate_proj_weight) {
    assert(
      sameShape(key.shape.slice(0, 2), value.shape.slice(0, 2)),
      `key's sequence and batch dims ${sizeStr(key.shape.slice(0, 2))} do not match value's ${sizeStr(value.shape.slice(0, 2))}`,
    );
  } else {
    assert(
      sameShape(key.shape, value.shape),
      `key shape ${sizeStr(key.shape)} does not match value shape ${sizeStr(value.shape)}`,
    );
  }
  let q: Tensor;
  let k: Tensor;
  let v: Tensor;
  if (!use_separate_proj_weight) {
    assert(in_proj_weight !== null, "use_separate_proj_weight is False but in_proj_weight is None");
    [q, k, v] = projectPacked(query, key, value, in_proj_weight, in_proj_bias);
  } else {
    assert(q_proj_weight !== null, "use_separate_proj_weight is True but q_proj_weight is None");
    assert(k_proj_weight !== null, "use_separate_proj_weight is True but k_proj_weight is None");
    assert(v_proj_weight !== null, "use_separate_proj_weight is True but v_proj_weight is None");
    [q, k, v] = projectSeparate(query, key, value, q_proj_weight, k_proj_weight, v_proj_weight, in_proj_bias);
  }
  const srcLen0 = key.shape[0];
  if (attnMask !== null) {
    if (attnMask.dtype.category !== Category.Floating && attnMask.dtype !== bool)
      throw new AssertionError(
        `Only float, byte, and bool types are supported for attn_mask, not torch.${attnMask.dtype.name}`,
      );
    if (attnMask.ndim === 2) {
      const want = [tgtLen, srcLen0];
      if (!sameShape(attnMask.shape, want))
        throw new RuntimeError(
          `The shape of the 2D attn_mask is ${sizeStr(attnMask.shape)}, but should be ${tupleStr(want)}.`,
        );
      attnMask = attnMask.unsqueeze(0);
    } else if (attnMask.ndim === 3) {
      const want = [bsz * numHeads, tgtLen, srcLen0];
      if (!sameShape(attnMask.shape, want))
        throw new RuntimeError(
          `The shape of the 3D attn_mask is ${sizeStr(attnMask.shape)}, but should be ${tupleStr(want)}.`,
        );
    } else throw new RuntimeError(`attn_mask's dimension ${attnMask.ndim} is not supported`);
  }
  if (bias_k !== null && bias_v !== null) {
    assert(static_k === null, "bias cannot be added to static key.");
    assert(static_v === null, "bias cannot be added to static value.");
    k = cat([k, bias_k.repeat(1, bsz, 1)]);
    v = cat([v, bias_v.repeat(1, bsz, 1)]);
    if (attnMask !== null) attnMask = padColumn(attnMask);
    if (keyPaddingMask !== null) keyPaddingMask = padColumn(keyPaddingMask);
  } else {
    assert(bias_k === null, "");
    assert(bias_v === null, "");
  }
  q = q
    .contiguous()
    .view(tgtLen, bsz * numHeads, headDim)
    .transpose(0, 1);
  if (static_k === null)
    k = k
      .contiguous()
      .view(k.shape[0], bsz * numHeads, headDim)
      .transpose(0, 1);
  else {
    assert(
      static_k.shape[0] === bsz * numHeads,
      `expecting static_k.size(0) of ${bsz * numHeads}, but got ${static_k.shape[0]}`,
    );
    assert(
      static_k.shape[2] === headDim,
      `expecting static_k.size(2) of ${headDim}, but got ${static_k.shape[2]}`,
    );
    k = static_k;
  }
  if (static_v === null)
    v = v
      .contiguous()
      .view(v.shape[0], bsz * numHeads, headDim)
      .transpose(0, 1);
  else {
    assert(
      static_v.shape[0] === bsz * numHeads,
      `expecting static_v.size(0) of ${bsz * numHeads}, but got ${static_v.shape[0]}`,
    );
    assert(
      static_v.shape[2] === headDim,
      `expecting static_v.size(2) of ${headDim}, but got ${static_v.shape[2]}`,
    );
    v = static_v;
  }
  if (add_zero_attn) {
    const zeroAttn = [bsz * numHeads, 1, headDim];
    k = cat([k, zeros(zeroAttn, { dtype: k.dtype })], 1);
    v = cat([v, zeros(zeroAttn, { dtype: v.dtype })], 1);
    if (attnMask !== null) attnMask = padColumn(attnMask);
    if (keyPaddingMask !== null) keyPaddingMask = padColumn(keyPaddingMask);
  }
  const srcLen = k.shape[1];
  if (keyPaddingMask !== null) {
    assert(
      sameShape(keyPaddingMask.shape, [bsz, srcLen]),
      `expecting key_padding_mask shape of ${tupleStr([bsz, srcLen])}, but got ${sizeStr(keyPaddingMask.shape)}`,
    );
    const kpm = keyPaddingMask
      .view(bsz, 1, 1, srcLen)
      .expand(-1, numHeads, -1, -1)
      .reshape(bsz * numHeads, 1, srcLen);
    if (attnMask === null) attnMask = kpm;
    else if (attnMask.dtype === bool) attnMask = attnMask.logical_or(kpm);
    else attnMask = attnMask.masked_fill(kpm, -Infinity);
  }
  // A bool mask becomes an additive float one (-inf where attention is not allowed).
  if (attnMask !== null && attnMask.dtype === bool)
    attnMask = zeros(attnMask.shape as number[], { dtype: q.dtype }).masked_fill(attnMask, -Infinity);
  const p = training ? dropout_p : 0;
  const qScaled = q.div(Math.sqrt(q.shape[2]));
  // baddbmm(attn_mask, q, k^T) = attn_mask + q @ k^T.
  let weights = qScaled.bmm(k.transpose(-2, -1));
  if (attnMask !== null) weights = attnMask.add(weights);
  weights = softmax(weights, -1);
  if (p > 0) weights = dropout(weights, p);
  let out = weights.bmm(v);
  out = out
    .transpose(0, 1)
    .contiguous()
    .view(tgtLen * bsz, embedDim);
  out = linear(out, out_proj_weight, out_proj_bias);
  out = out.view(tgtLen, bsz, out.shape[1]);
  if (!need_weights) return [isBatched ? out : out.squeeze(1), null];
  let w = weights.view(bsz, numHeads, tgtLen, srcLen);
  if (average_attn_weights) w = w.sum(1).div(numHeads);
  if (!isBatched) return [out.squeeze(1), w.squeeze(0)];
  return [out, w];
}

definePython("torch.nn.functional", {
  "multi_head_attention_forward(query: Tensor, key: Tensor, value: Tensor, embed_dim_to_check: int, num_heads: int, in_proj_weight: Tensor | None, in_proj_bias: Tensor | None, bias_k: Tensor | None, bias_v: Tensor | None, add_zero_attn: bool, dropout_p: float, out_proj_weight: Tensor, out_proj_bias: Tensor | None, training: bool = True, key_padding_mask: Tensor | None = None, need_weights: bool = True, attn_mask: Tensor | None = None, use_separate_proj_weight: bool = False, q_proj_weight: Tensor | None = None, k_proj_weight: Tensor | None = None, v_proj_weight: Tensor | None = None, static_k: Tensor | None = None, static_v: Tensor | None = None, average_attn_weights: bool = True) -> [Tensor, Tensor | null]":
    multi_head_attention_forward,
});
