// nn.Embedding, and nn.Bilinear (kept here as this file's sibling layer: both are re-exported by torch.nn).
import { no_grad } from "../../autograd/grad_mode.js";
import { empty } from "../../tensor/creation.js";
import type { DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { normal_, uniform_ } from "../init.js";
import { Module } from "../module.js";
import { AssertionError } from "../ops/attention.js";
import { bilinear, embedding } from "../ops/embedding.js";
import { Parameter } from "../parameter.js";

export interface EmbeddingOptions {
  padding_idx?: number | null;
  dtype?: string | DType;
}

/** A lookup table of num_embeddings vectors of size embedding_dim, initialised from N(0, 1). */
export class Embedding extends Module {
  readonly padding_idx: number | null;
  weight: Parameter;

  constructor(
    readonly num_embeddings: number,
    readonly embedding_dim: number,
    opts: EmbeddingOptions = {},
  ) {
    super();
    let paddingIdx = opts.padding_idx ?? null;
    if (paddingIdx !== null) {
      if (paddingIdx > 0 && paddingIdx >= num_embeddings)
        throw new AssertionError("Padding_idx must be within num_embeddings");
      if (paddingIdx < 0) {
        if (paddingIdx < -num_embeddings)
          throw new AssertionError("Padding_idx must be within num_embeddings");
        paddingIdx += num_embeddings;
      }
    }
    this.padding_idx = paddingIdx;
    this.weight = new Parameter(empty([num_embeddings, embedding_dim], { dtype: opts.dtype ?? null }));
    this.reset_parameters();
  }

  reset_parameters(): void {
    normal_(this.weight);
    const idx = this.padding_idx;
    if (idx !== null) no_grad(() => this.weight.select(0, idx).fill_(0));
  }

  forward(input: Tensor): Tensor {
    return embedding(input, this.weight, this.padding_idx);
  }

  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    return s;
  }
}

export interface BilinearOptions {
  bias?: boolean;
  dtype?: string | DType;
}

/** y = x1^T A x2 + b, initialised from U(-1/sqrt(in1_features), 1/sqrt(in1_features)). */
export class Bilinear extends Module {
  weight: Parameter;
  bias: Parameter | null;

  constructor(
    readonly in1_features: number,
    readonly in2_features: number,
    readonly out_features: number,
    opts: BilinearOptions = {},
  ) {
    super();
    const dtype = opts.dtype ?? null;
    this.weight = new Parameter(empty([out_features, in1_features, in2_features], { dtype }));
    this.bias = opts.bias === false ? null : new Parameter(empty([out_features], { dtype }));
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
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${this.bias ? "True" : "False"}`;
  }
}
