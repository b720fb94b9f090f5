// nn.Embedding, nn.EmbeddingBag, and nn.Bilinear (kept here as this file's sibling layer: all are re-exported by
// torch.nn).
import { no_grad } from "../../autograd/grad_mode.js";
import { AssertionError } from "../../errors.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { normal_, uniform_ } from "../init.js";
import { Module } from "../module.js";
import { bilinear, embedding } from "../../ops/nn_embedding.js";
import { embedding_bag } from "../../ops/nn_embedding_bag.js";
import { Parameter } from "../parameter.js";
import { pyBool, pyFloatRepr } from "../../python.js";
import { factoryEmpty } from "./common.js";

const EMBEDDING = new PySignature(
  "torch.nn",
  "Embedding.__init__(num_embeddings: int, embedding_dim: int, padding_idx: int | None = None, max_norm: float | None = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False, sparse: bool = False, _weight: Tensor | None = None, device: device | None = None, dtype: dtype | None = None)",
);
const EMBEDDING_FROM_PRETRAINED = new PySignature(
  "torch.nn",
  "Embedding.from_pretrained(embeddings: Tensor, freeze: truthy = True, padding_idx: int | None = None, max_norm: float | None = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False, sparse: bool = False)",
);
const EMBEDDING_BAG = new PySignature(
  "torch.nn",
  "EmbeddingBag.__init__(num_embeddings: int, embedding_dim: int, max_norm: float | None = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False, mode: str = 'mean', sparse: bool = False, _weight: Tensor | None = None, include_last_offset: bool = False, padding_idx: int | None = None, device: device | None = None, dtype: dtype | None = None)",
);
const EMBEDDING_BAG_FORWARD = new PySignature(
  "torch.nn",
  "EmbeddingBag.forward(input: Tensor, offsets: Tensor | None = None, per_sample_weights: Tensor | None = None)",
);
const EMBEDDING_BAG_FROM_PRETRAINED = new PySignature(
  "torch.nn",
  "EmbeddingBag.from_pretrained(embeddings: Tensor, freeze: truthy = True, max_norm: float | None = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False, mode: str = 'mean', sparse: bool = False, include_last_offset: bool = False, padding_idx: int | None = None)",
);
const BILINEAR = new PySignature(
  "torch.nn",
  "Bilinear.__init__(in1_features: int, in2_features: int, out_features: int, bias: bool | None = True, device: device | None = None, dtype: dtype | None = None)",
);

/** A lookup table of num_embeddings vectors of size embedding_dim, initialised from N(0, 1). */
export class Embedding extends Module {
  readonly num_embeddings: number;
  readonly embedding_dim: number;
  readonly padding_idx: number | null;
  readonly max_norm: number | null;
  readonly norm_type: number;
  readonly scale_grad_by_freq: boolean;
  readonly sparse: boolean;
  weight: Parameter;

  constructor(...args: CallArgs<"Embedding.__init__">) {
    super();
    const [
      num_embeddings,
      embedding_dim,
      padding_idx,
      max_norm,
      norm_type,
      scale_grad_by_freq,
      sparse,
      weight,
      device,
      dtype,
    ] = EMBEDDING.bind(args);
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    this.padding_idx = wrapPaddingIdx(padding_idx, num_embeddings, "Padding_idx");
    this.max_norm = max_norm;
    this.norm_type = norm_type;
    this.scale_grad_by_freq = scale_grad_by_freq;
    if (weight === null) {
      this.weight = new Parameter(factoryEmpty([num_embeddings, embedding_dim], device, dtype));
      this.reset_parameters();
    } else {
      if (weight.ndim !== 2 || weight.shape[0] !== num_embeddings || weight.shape[1] !== embedding_dim)
        throw new AssertionError("Shape of weight does not match num_embeddings and embedding_dim");
      this.weight = new Parameter(weight);
    }
    this.sparse = sparse;
  }

  reset_parameters(): void {
    normal_(this.weight);
    const idx = this.padding_idx;
    if (idx !== null) no_grad(() => this.weight.select(0, idx).fill_(0));
  }

  /** An Embedding whose weight is `embeddings` (frozen unless freeze is false). */
  static from_pretrained(...args: CallArgs<"Embedding.from_pretrained">): Embedding {
    const [embeddings, freeze, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse] =
      EMBEDDING_FROM_PRETRAINED.bind(args);
    if (embeddings.ndim !== 2)
      throw new AssertionError("Embeddings parameter is expected to be 2-dimensional");
    const [rows, cols] = embeddings.shape;
    const e = new Embedding(rows, cols, {
      _weight: embeddings,
      padding_idx,
      max_norm,
      norm_type,
      scale_grad_by_freq,
      sparse,
    });
    e.weight.requires_grad = !freeze;
    return e;
  }

  forward(input: Tensor): Tensor {
    return embedding(
      input,
      this.weight,
      this.padding_idx,
      this.max_norm,
      this.norm_type,
      this.scale_grad_by_freq,
      this.sparse,
    );
  }

  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    if (this.max_norm !== null) s += `, max_norm=${pyFloatRepr(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${pyFloatRepr(this.norm_type)}`;
    if (this.scale_grad_by_freq) s += `, scale_grad_by_freq=True`;
    if (this.sparse) s += ", sparse=True";
    return s;
  }
}

/** padding_idx as the modules store it: checked against num_embeddings (AssertionError) and made non-negative. */
function wrapPaddingIdx(padding_idx: number | null, num: number, what: string): number | null {
  if (padding_idx === null) return null;
  if (padding_idx > 0 && padding_idx >= num)
    throw new AssertionError(`${what} must be within num_embeddings`);
  if (padding_idx < 0) {
    if (padding_idx < -num) throw new AssertionError(`${what} must be within num_embeddings`);
    return padding_idx + num;
  }
  return padding_idx;
}

/** Sums, means or maxes of bags of embeddings (F.embedding_bag), initialised from N(0, 1). */
export class EmbeddingBag extends Module {
  readonly num_embeddings: number;
  readonly embedding_dim: number;
  readonly max_norm: number | null;
  readonly norm_type: number;
  readonly scale_grad_by_freq: boolean;
  readonly padding_idx: number | null;
  readonly mode: string;
  readonly sparse: boolean;
  readonly include_last_offset: boolean;
  weight: Parameter;

  constructor(...args: CallArgs<"EmbeddingBag.__init__">) {
    super();
    const [
      num_embeddings,
      embedding_dim,
      max_norm,
      norm_type,
      scale_grad_by_freq,
      mode,
      sparse,
      weight,
      include_last_offset,
      padding_idx,
      device,
      dtype,
    ] = EMBEDDING_BAG.bind(args);
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    this.max_norm = max_norm;
    this.norm_type = norm_type;
    this.scale_grad_by_freq = scale_grad_by_freq;
    this.padding_idx = wrapPaddingIdx(padding_idx, num_embeddings, "padding_idx");
    if (weight === null) {
      this.weight = new Parameter(factoryEmpty([num_embeddings, embedding_dim], device, dtype));
      this.reset_parameters();
    } else {
      if (weight.ndim !== 2 || weight.shape[0] !== num_embeddings || weight.shape[1] !== embedding_dim)
        throw new AssertionError("Shape of weight does not match num_embeddings and embedding_dim");
      this.weight = new Parameter(weight);
    }
    this.mode = mode;
    this.sparse = sparse;
    this.include_last_offset = include_last_offset;
  }

  reset_parameters(): void {
    normal_(this.weight);
    const idx = this.padding_idx;
    if (idx !== null) no_grad(() => this.weight.select(0, idx).fill_(0));
  }

  /** An EmbeddingBag whose weight is `embeddings` (frozen unless freeze is false). */
  static from_pretrained(...args: CallArgs<"EmbeddingBag.from_pretrained">): EmbeddingBag {
    const [
      embeddings,
      freeze,
      max_norm,
      norm_type,
      scale_grad_by_freq,
      mode,
      sparse,
      include_last_offset,
      padding_idx,
    ] = EMBEDDING_BAG_FROM_PRETRAINED.bind(args);
    if (embeddings.ndim !== 2)
      throw new AssertionError("Embeddings parameter is expected to be 2-dimensional");
    const [rows, cols] = embeddings.shape;
    const bag = new EmbeddingBag(rows, cols, {
      _weight: embeddings,
      max_norm,
      norm_type,
      scale_grad_by_freq,
      mode,
      sparse,
      include_last_offset,
      padding_idx,
    });
    bag.weight.requires_grad = !freeze;
    return bag;
  }

  forward(...args: CallArgs<"EmbeddingBag.forward">): Tensor {
    const [input, offsets, per_sample_weights] = EMBEDDING_BAG_FORWARD.bind(args);
    return embedding_bag(
      input,
      this.weight,
      offsets,
      this.max_norm,
      this.norm_type,
      this.scale_grad_by_freq,
      this.mode,
      this.sparse,
      per_sample_weights,
      this.include_last_offset,
      this.padding_idx,
    );
  }

  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.max_norm !== null) s += `, max_norm=${pyFloatRepr(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${pyFloatRepr(this.norm_type)}`;
    if (this.scale_grad_by_freq) s += ", scale_grad_by_freq=True";
    s += `, mode=${this.mode}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    return s;
  }
}

/** y = x1^T A x2 + b, initialised from U(-1/sqrt(in1_features), 1/sqrt(in1_features)). */
export class Bilinear extends Module {
  readonly in1_features: number;
  readonly in2_features: number;
  readonly out_features: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(...args: CallArgs<"Bilinear.__init__">) {
    super();
    const [in1_features, in2_features, out_features, bias, device, dtype] = BILINEAR.bind(args);
    this.in1_features = in1_features;
    this.in2_features = in2_features;
    this.out_features = out_features;
    this.weight = new Parameter(factoryEmpty([out_features, in1_features, in2_features], device, dtype));
    // PyTorch tests `if bias:`, so None means no bias too.
    this.bias = bias ? new Parameter(factoryEmpty([out_features], device, dtype)) : null;
    this.reset_parameters();
  }

  reset_parameters(): void {
    const bound = 1 / Math.sqrt(this.weight.shape[1]);
    uniform_(this.weight, -bound, bound);
    if (this.bias) uniform_(this.bias, -bound, bound);
  }

  forward(input1: Tensor, input2: Tensor): Tensor {
    return bilinear(input1, input2, this.weight, this.bias);
  }

  override extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${pyBool(this.bias !== null)}`;
  }
}
