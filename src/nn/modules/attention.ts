// nn.MultiheadAttention with PyTorch's parameters, initialisation order and forward.
import { empty } from "../../tensor/creation.js";
import type { DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { constant_, xavier_uniform_ } from "../init.js";
import { Module } from "../module.js";
import { AssertionError, multi_head_attention_forward } from "../ops/attention.js";
import { Parameter } from "../parameter.js";
import { Linear } from "./linear.js";

export { AssertionError };

/** PyTorch's name for MultiheadAttention's output projection (a plain Linear). */
export class NonDynamicallyQuantizableLinear extends Linear {}

export interface MultiheadAttentionOptions {
  dropout?: number;
  bias?: boolean;
  kdim?: number | null;
  vdim?: number | null;
  batch_first?: boolean;
  dtype?: string | DType;
}

export interface MultiheadAttentionForwardOptions {
  key_padding_mask?: Tensor | null;
  need_weights?: boolean;
  attn_mask?: Tensor | null;
  average_attn_weights?: boolean;
}

export class MultiheadAttention extends Module {
  readonly kdim: number;
  readonly vdim: number;
  readonly dropout: number;
  readonly batch_first: boolean;
  readonly head_dim: number;
  readonly _qkv_same_embed_dim: boolean;
  in_proj_weight: Parameter | null = null;
  q_proj_weight: Parameter | null = null;
  k_proj_weight: Parameter | null = null;
  v_proj_weight: Parameter | null = null;
  in_proj_bias: Parameter | null = null;
  out_proj: NonDynamicallyQuantizableLinear;

  constructor(
    readonly embed_dim: number,
    readonly num_heads: number,
    opts: MultiheadAttentionOptions = {},
  ) {
    super();
    const dtype = opts.dtype ?? null;
    this.kdim = opts.kdim ?? embed_dim;
    this.vdim = opts.vdim ?? embed_dim;
    this._qkv_same_embed_dim = this.kdim === embed_dim && this.vdim === embed_dim;
    this.dropout = opts.dropout ?? 0;
    this.batch_first = opts.batch_first ?? false;
    this.head_dim = Math.floor(embed_dim / num_heads);
    if (this.head_dim * num_heads !== embed_dim)
      throw new AssertionError("embed_dim must be divisible by num_heads");
    if (!this._qkv_same_embed_dim) {
      this.q_proj_weight = new Parameter(empty([embed_dim, embed_dim], { dtype }));
      this.k_proj_weight = new Parameter(empty([embed_dim, this.kdim], { dtype }));
      this.v_proj_weight = new Parameter(empty([embed_dim, this.vdim], { dtype }));
    } else {
      this.in_proj_weight = new Parameter(empty([3 * embed_dim, embed_dim], { dtype }));
    }
    const bias = opts.bias ?? true;
    if (bias) this.in_proj_bias = new Parameter(empty([3 * embed_dim], { dtype }));
    this.out_proj = new NonDynamicallyQuantizableLinear(embed_dim, embed_dim, { bias, dtype: opts.dtype });
    this._reset_parameters();
  }

  _reset_parameters(): void {
    if (this.in_proj_weight) xavier_uniform_(this.in_proj_weight);
    else {
      xavier_uniform_(this.q_proj_weight as Tensor);
      xavier_uniform_(this.k_proj_weight as Tensor);
      xavier_uniform_(this.v_proj_weight as Tensor);
    }
    if (this.in_proj_bias) {
      constant_(this.in_proj_bias, 0);
      if (this.out_proj.bias) constant_(this.out_proj.bias, 0);
    }
  }

  /** Returns [attn_output, attn_weights | null] (weights only when need_weights). */
  forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    opts: MultiheadAttentionForwardOptions = {},
  ): [Tensor, Tensor | null] {
    const isBatched = query.ndim === 3;
    let [q, k, v] = [query, key, value];
    if (this.batch_first && isBatched) {
      // Transpose once per distinct tensor, so self-attention is still recognised.
      if (key === value) {
        if (query === key) q = k = v = query.transpose(1, 0);
        else {
          q = query.transpose(1, 0);
          k = v = key.transpose(1, 0);
        }
      } else [q, k, v] = [query, key, value].map((t) => t.transpose(1, 0));
    }
    const [out, weights] = multi_head_attention_forward(q, k, v, {
      numHeads: this.num_heads,
      inProjWeight: this.in_proj_weight,
      inProjBias: this.in_proj_bias,
      outProjWeight: this.out_proj.weight,
      outProjBias: this.out_proj.bias,
      qProjWeight: this.q_proj_weight,
      kProjWeight: this.k_proj_weight,
      vProjWeight: this.v_proj_weight,
      dropoutP: this.dropout,
      training: this.training,
      keyPaddingMask: opts.key_padding_mask ?? null,
      needWeights: opts.need_weights ?? true,
      attnMask: opts.attn_mask ?? null,
      averageAttnWeights: opts.average_attn_weights ?? true,
    });
    return [this.batch_first && isBatched ? out.transpose(1, 0) : out, weights];
  }
}
