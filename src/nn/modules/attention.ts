// nn.MultiheadAttention with PyTorch's parameters, initialisation order and forward.
import { AssertionError, ZeroDivisionError } from "../../errors.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { constant_, xavier_normal_, xavier_uniform_ } from "../init.js";
import { Module } from "../module.js";
import { multi_head_attention_forward } from "../../ops/nn_attention.js";
import { Parameter } from "../parameter.js";
import { factoryEmpty } from "./common.js";
import { Linear } from "./linear.js";

/** PyTorch's name for MultiheadAttention's output projection (a plain Linear; internal, as in PyTorch). */
export class NonDynamicallyQuantizableLinear extends Linear {}

const MULTIHEAD_ATTENTION = new PySignature(
  "torch.nn",
  "MultiheadAttention.__init__(embed_dim: int, num_heads: int, dropout: float = 0.0, bias: bool | None = True, add_bias_kv: bool = False, add_zero_attn: bool = False, kdim: int | None = None, vdim: int | None = None, batch_first: bool = False, device: device | None = None, dtype: dtype | None = None)",
);
const MULTIHEAD_ATTENTION_FORWARD = new PySignature(
  "torch.nn",
  "MultiheadAttention.forward(query: Tensor, key: Tensor, value: Tensor, key_padding_mask: Tensor | None = None, need_weights: bool = True, attn_mask: Tensor | None = None, average_attn_weights: bool = True)",
);

export class MultiheadAttention extends Module {
  readonly embed_dim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly _qkv_same_embed_dim: boolean;
  readonly num_heads: number;
  readonly dropout: number;
  readonly batch_first: boolean;
  readonly head_dim: number;
  readonly add_zero_attn: boolean;
  in_proj_weight: Parameter | null = null;
  q_proj_weight: Parameter | null = null;
  k_proj_weight: Parameter | null = null;
  v_proj_weight: Parameter | null = null;
  in_proj_bias: Parameter | null = null;
  bias_k: Parameter | null = null;
  bias_v: Parameter | null = null;
  out_proj: NonDynamicallyQuantizableLinear;

  constructor(...args: CallArgs<"MultiheadAttention.__init__">) {
    super();
    const [
      embed_dim,
      num_heads,
      dropout,
      bias,
      add_bias_kv,
      add_zero_attn,
      kdim,
      vdim,
      batch_first,
      device,
      dtype,
    ] = MULTIHEAD_ATTENTION.bind(args);
    this.embed_dim = embed_dim;
    this.kdim = kdim ?? embed_dim;
    this.vdim = vdim ?? embed_dim;
    this._qkv_same_embed_dim = this.kdim === embed_dim && this.vdim === embed_dim;
    this.num_heads = num_heads;
    this.dropout = dropout;
    this.batch_first = batch_first;
    if (num_heads === 0) throw new ZeroDivisionError("integer division or modulo by zero");
    this.head_dim = Math.floor(embed_dim / num_heads);
    if (this.head_dim * num_heads !== embed_dim)
      throw new AssertionError("embed_dim must be divisible by num_heads");
    const empty = (shape: number[]) => new Parameter(factoryEmpty(shape, device, dtype));
    if (!this._qkv_same_embed_dim) {
      this.q_proj_weight = empty([embed_dim, embed_dim]);
      this.k_proj_weight = empty([embed_dim, this.kdim]);
      this.v_proj_weight = empty([embed_dim, this.vdim]);
    } else {
      this.in_proj_weight = empty([3 * embed_dim, embed_dim]);
    }
    if (bias) this.in_proj_bias = empty([3 * embed_dim]);
    this.out_proj = new NonDynamicallyQuantizableLinear(embed_dim, embed_dim, { bias, device, dtype });
    if (add_bias_kv) {
      this.bias_k = empty([1, 1, embed_dim]);
      this.bias_v = empty([1, 1, embed_dim]);
    }
    this.add_zero_attn = add_zero_attn;
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
    if (this.bias_k) xavier_normal_(this.bias_k);
    if (this.bias_v) xavier_normal_(this.bias_v);
  }

  /** Returns [attn_output, attn_weights | null] (weights only when need_weights). */
  forward(...args: CallArgs<"MultiheadAttention.forward">): [Tensor, Tensor | null] {
    const [query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights] =
      MULTIHEAD_ATTENTION_FORWARD.bind(args);
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
    const separate = !this._qkv_same_embed_dim;
    const [out, weights] = multi_head_attention_forward(
      q,
      k,
      v,
      this.embed_dim,
      this.num_heads,
      this.in_proj_weight,
      this.in_proj_bias,
      this.bias_k,
      this.bias_v,
      this.add_zero_attn,
      this.dropout,
      this.out_proj.weight,
      this.out_proj.bias,
      this.training,
      key_padding_mask,
      need_weights,
      attn_mask,
      separate,
      this.q_proj_weight,
      this.k_proj_weight,
      this.v_proj_weight,
      null,
      null,
      average_attn_weights,
    );
    return [this.batch_first && isBatched ? out.transpose(1, 0) : out, weights];
  }
}
