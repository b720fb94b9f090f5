// Op table rows: F.multi_head_attention_forward (src/ops/nn_attention.ts), composed of other ops (no node of
// its own): its attention output and weights, with bias_k, bias_v, add_zero_attn, masks and averaged or
// per-head weights. The table binds three inputs (query, in_proj_weight, out_proj_weight); the other tensors
// are written out in both languages (the weights do not depend on out_proj_weight: no gradient asked there). Softmax and batched matmuls sum in PyTorch's own order: rows allow a
// few ulps, or an absolute slack where sums cancel.
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
type Tensor = torch.Tensor;

const TOLERANCE = { ulps: 64, atol: 2e-6 };

/** A constant tensor in `like`'s dtype, and the same tensor as a Python expression. */
function constant(values: number[] | number[][] | number[][][]) {
  return {
    py: `torch.tensor(${JSON.stringify(values)}, dtype=a.dtype)`,
    ts: (like: Tensor) => torch.tensor(values as never, { dtype: like.dtype }),
  };
}

const IN_BIAS = constant([0.1, -0.2, 0.3, 0.05, -0.1, 0.2]);
const BIAS_K = constant([[[0.3, -0.3]]]);
const BIAS_V = constant([[[-0.2, 0.4]]]);
const OUT_BIAS = constant([0.5, -0.5]);

/** Self-attention with embed_dim 2 and one head, bias_k, bias_v and add_zero_attn. */
const zeroAttn = (a: Tensor, b: Tensor, c: Tensor) =>
  F.multi_head_attention_forward(
    a,
    a,
    a,
    2,
    1,
    b,
    IN_BIAS.ts(a),
    BIAS_K.ts(a),
    BIAS_V.ts(a),
    true,
    0.0,
    c,
    OUT_BIAS.ts(a),
  );
const ZERO_ATTN_PY = `torch.nn.functional.multi_head_attention_forward(a, a, a, 2, 1, b, ${IN_BIAS.py}, ${BIAS_K.py}, ${BIAS_V.py}, True, 0.0, c, ${OUT_BIAS.py})`;

/** A boolean mask hiding the second key from every query (3 queries, 3 keys). */
const MASK_PY = "torch.tensor([[False, True, False]] * 3)";
const mask = () => torch.tensor([0, 1, 0].map(Boolean)).expand(3, 3).contiguous();

export const NN_ATTENTION_OPS: OpCase[] = [
  {
    name: "multi_head_attention_forward.bias_kv_zero_attn",
    py: `${ZERO_ATTN_PY}[0]`,
    inputs: [f(3, 1, 2), f(6, 2), f(2, 2)],
    ts: (a, b, c) => zeroAttn(a, b, c)[0],
    ...TOLERANCE,
  },
  {
    name: "multi_head_attention_forward.bias_kv_zero_attn.weights",
    py: `${ZERO_ATTN_PY}[1]`,
    inputs: [f(3, 1, 2), f(6, 2), noGrad(f(2, 2))],
    ts: (a, b, c) => zeroAttn(a, b, c)[1]!,
    ...TOLERANCE,
  },
  {
    name: "multi_head_attention_forward.two_heads_no_bias",
    py: "torch.nn.functional.multi_head_attention_forward(a, a, a, 4, 2, b, None, None, None, False, 0.0, c, None)[0]",
    inputs: [f(3, 2, 4), f(12, 4), f(4, 4)],
    ts: (a, b, c) =>
      F.multi_head_attention_forward(a, a, a, 4, 2, b, null, null, null, false, 0.0, c, null)[0],
    ...TOLERANCE,
  },
  {
    name: "multi_head_attention_forward.attn_mask_per_head_weights",
    py: `torch.nn.functional.multi_head_attention_forward(a, a, a, 4, 2, b, None, None, None, False, 0.0, c, None, attn_mask=${MASK_PY}, average_attn_weights=False)[1]`,
    inputs: [f(3, 2, 4), f(12, 4), noGrad(f(4, 4))],
    ts: (a, b, c) =>
      F.multi_head_attention_forward(a, a, a, 4, 2, b, null, null, null, false, 0.0, c, null, {
        attn_mask: mask(),
        average_attn_weights: false,
      })[1]!,
    ...TOLERANCE,
  },
  {
    name: "multi_head_attention_forward.unbatched",
    py: "torch.nn.functional.multi_head_attention_forward(a, a, a, 4, 1, b, None, None, None, False, 0.0, c, None)[0]",
    inputs: [f(3, 4), f(12, 4), f(4, 4)],
    ts: (a, b, c) =>
      F.multi_head_attention_forward(a, a, a, 4, 1, b, null, null, null, false, 0.0, c, null)[0],
    ...TOLERANCE,
  },
];
