// nn.Transformer, TransformerEncoder(Layer) and TransformerDecoder(Layer) as PyTorch 1.13's
// torch/nn/modules/transformer.py builds them: the same submodules in the same order (so the same
// state_dict keys, reprs and random draws), layers deep-copied by _get_clones, and Transformer's
// xavier_uniform_ re-initialisation of every matrix.
//
// Forward always takes PyTorch's "slow path" (the composition of MultiheadAttention, Linear, Dropout and
// LayerNorm written out in transformer.py). PyTorch 1.13 switches an eval-mode, batch_first layer whose
// inputs need no gradient to a fused kernel (torch._transformer_encoder_layer_fwd), which gives the same
// numbers up to float32 rounding; with a src_key_padding_mask its TransformerEncoder also runs on a nested
// tensor and returns zeros (before the final norm) at padded positions, where the slow path returns values.
import { AssertionError, RuntimeError } from "../../errors.js";
import { triu } from "../../ops/indexing.js";
import { PySignature, publicFunction, type CallArgs } from "../../signatures/registry.js";
import { full } from "../../tensor/creation.js";
import { toCpuDevice } from "../../tensor/device.js";
import { Tensor } from "../../tensor/tensor.js";
import { ModuleList } from "../containers.js";
import { xavier_uniform_ } from "../init.js";
import { Module } from "../module.js";
import { Parameter, UninitializedBuffer, UninitializedParameter } from "../parameter.js";
import { GELU, ReLU } from "./activation.js";
import { MultiheadAttention } from "./attention.js";
import { Dropout } from "./basic.js";
import { Linear } from "./linear.js";
import { LayerNorm } from "./normalization.js";

const LAYER_PARAMS =
  "d_model: int, nhead: int, dim_feedforward: int = 2048, dropout: float = 0.1, activation: str | callable | Module = <function relu>, layer_norm_eps: float = 1e-05, batch_first: bool = False, norm_first: bool = False, device: device | None = None, dtype: dtype | None = None";
const SIG = {
  transformer: new PySignature(
    "torch.nn",
    "Transformer.__init__(d_model: int = 512, nhead: int = 8, num_encoder_layers: int = 6, num_decoder_layers: int = 6, dim_feedforward: int = 2048, dropout: float = 0.1, activation: str | callable | Module = <function relu>, custom_encoder: Module | None = None, custom_decoder: Module | None = None, layer_norm_eps: float = 1e-05, batch_first: bool = False, norm_first: bool = False, device: device | None = None, dtype: dtype | None = None)",
  ),
  transformerForward: new PySignature(
    "torch.nn",
    "Transformer.forward(src: Tensor, tgt: Tensor, src_mask: Tensor | None = None, tgt_mask: Tensor | None = None, memory_mask: Tensor | None = None, src_key_padding_mask: Tensor | None = None, tgt_key_padding_mask: Tensor | None = None, memory_key_padding_mask: Tensor | None = None)",
  ),
  squareMask: new PySignature(
    "torch.nn",
    "@staticmethod Transformer.generate_square_subsequent_mask(sz: int, device: device = 'cpu')",
  ),
  encoder: new PySignature(
    "torch.nn",
    "TransformerEncoder.__init__(encoder_layer: Module, num_layers: int, norm: Module | None = None, enable_nested_tensor: truthy = True, mask_check: truthy = True)",
  ),
  encoderForward: new PySignature(
    "torch.nn",
    "TransformerEncoder.forward(src: Tensor, mask: Tensor | None = None, src_key_padding_mask: Tensor | None = None)",
  ),
  decoder: new PySignature(
    "torch.nn",
    "TransformerDecoder.__init__(decoder_layer: Module, num_layers: int, norm: Module | None = None)",
  ),
  decoderForward: new PySignature(
    "torch.nn",
    "TransformerDecoder.forward(tgt: Tensor, memory: Tensor, tgt_mask: Tensor | None = None, memory_mask: Tensor | None = None, tgt_key_padding_mask: Tensor | None = None, memory_key_padding_mask: Tensor | None = None)",
  ),
  encoderLayer: new PySignature("torch.nn", `TransformerEncoderLayer.__init__(${LAYER_PARAMS})`),
  encoderLayerForward: new PySignature(
    "torch.nn",
    "TransformerEncoderLayer.forward(src: Tensor, src_mask: Tensor | None = None, src_key_padding_mask: Tensor | None = None)",
  ),
  decoderLayer: new PySignature("torch.nn", `TransformerDecoderLayer.__init__(${LAYER_PARAMS})`),
  decoderLayerForward: new PySignature(
    "torch.nn",
    "TransformerDecoderLayer.forward(tgt: Tensor, memory: Tensor, tgt_mask: Tensor | None = None, memory_mask: Tensor | None = None, tgt_key_padding_mask: Tensor | None = None, memory_key_padding_mask: Tensor | None = None)",
  ),
};

/** What a layer applies between its two Linears: F.relu, F.gelu, any unary function, or a module. */
export type Activation = ((input: Tensor) => Tensor) | Module;

const F = (name: "relu" | "gelu") => publicFunction("torch.nn.functional", name) as (x: Tensor) => Tensor;

/** PyTorch's _get_activation_fn; the default `<function relu>` is F.relu itself. */
function activationOf(activation: string | Activation): Activation {
  if (typeof activation !== "string") return activation;
  if (activation === "relu" || activation === "<function relu>") return F("relu");
  if (activation === "gelu") return F("gelu");
  throw new RuntimeError(`activation should be relu/gelu, not ${activation}`);
}

function applyActivation(activation: Activation, x: Tensor): Tensor {
  return activation instanceof Module ? (activation.forward as (x: Tensor) => Tensor)(x) : activation(x);
}

/** PyTorch's check of a key padding mask's dtype, made by the encoder and its layers. */
function checkKeyPaddingMask(mask: Tensor | null): void {
  if (mask !== null && mask.dtype.name !== "bool" && !mask.dtype.is_floating_point)
    throw new AssertionError("only bool and floating types of key_padding_mask are supported");
}

/**
 * copy.deepcopy of a module tree: parameters and buffers cloned (Parameter.__deepcopy__ keeps
 * requires_grad), submodules rebuilt with their own forward wrappers, tensors shared within the tree
 * shared within the copy (the memo), functions, dtypes and other objects kept by reference.
 */
export function deepcopy<T>(value: T, memo = new Map<unknown, unknown>()): T {
  if (value === null || typeof value !== "object") return value;
  if (memo.has(value)) return memo.get(value) as T;
  let out: unknown;
  if (value instanceof UninitializedParameter) {
    out = new UninitializedParameter(value.requires_grad, null, value.dtype);
  } else if (value instanceof UninitializedBuffer) {
    out = new UninitializedBuffer(value.requires_grad, null, value.dtype);
  } else if (value instanceof Parameter) {
    out = new Parameter(value.detach().clone(), value.requires_grad);
  } else if (value instanceof Tensor) {
    const copy = value.detach().clone();
    out = value.requires_grad ? copy.requires_grad_(true) : copy;
  } else if (value instanceof Module) {
    // Module's constructor alone on the original's class: hooks, forward and extra_repr wrappers of its own.
    const ctor = Module as unknown as new () => Module;
    const copy = Reflect.construct(ctor, [], value.constructor) as Record<string, unknown>;
    memo.set(value, copy);
    for (const [key, v] of Object.entries(value)) copy[key] = deepcopy(v, memo);
    return copy as T;
  } else if (Array.isArray(value)) {
    const copy: unknown[] = [];
    memo.set(value, copy);
    for (const v of value) copy.push(deepcopy(v, memo));
    return copy as T;
  } else if (value instanceof Map) {
    const copy = new Map();
    memo.set(value, copy);
    for (const [k, v] of value) copy.set(k, deepcopy(v, memo));
    return copy as T;
  } else if (value instanceof Set) {
    out = new Set([...value].map((v) => deepcopy(v, memo)));
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    memo.set(value, copy);
    for (const [k, v] of Object.entries(value)) copy[k] = deepcopy(v, memo);
    return copy as T;
  } else {
    out = value;
  }
  memo.set(value, out);
  return out as T;
}

/** PyTorch's _get_clones: a ModuleList of N deep copies (each starting from the same values). */
function getClones(module: Module, n: number): ModuleList {
  const clones: Module[] = [];
  for (let i = 0; i < n; i++) clones.push(deepcopy(module));
  return new ModuleList(clones);
}

type Call = (...args: unknown[]) => Tensor;

export class TransformerEncoderLayer extends Module {
  self_attn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  norm_first: boolean;
  norm1: LayerNorm;
  norm2: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  /** 1 for relu, 2 for gelu, 0 otherwise (what 1.13's fast path reads). */
  activation_relu_or_gelu: number;
  activation: Activation;

  constructor(...args: CallArgs<"TransformerEncoderLayer.__init__">) {
    super();
    const [
      d_model,
      nhead,
      dim_feedforward,
      dropout,
      activation,
      eps,
      batch_first,
      norm_first,
      device,
      dtype,
    ] = SIG.encoderLayer.bind(args);
    this.self_attn = new MultiheadAttention(d_model, nhead, { dropout, batch_first, device, dtype });
    this.linear1 = new Linear(d_model, dim_feedforward, { device, dtype });
    this.dropout = new Dropout(dropout);
    this.linear2 = new Linear(dim_feedforward, d_model, { device, dtype });
    this.norm_first = norm_first;
    this.norm1 = new LayerNorm(d_model, { eps, device, dtype });
    this.norm2 = new LayerNorm(d_model, { eps, device, dtype });
    this.dropout1 = new Dropout(dropout);
    this.dropout2 = new Dropout(dropout);
    const fn = activationOf(activation);
    this.activation_relu_or_gelu =
      fn === F("relu") || fn instanceof ReLU ? 1 : fn === F("gelu") || fn instanceof GELU ? 2 : 0;
    this.activation = fn;
  }

  forward(...args: CallArgs<"TransformerEncoderLayer.forward">): Tensor {
    const [src, src_mask, src_key_padding_mask] = SIG.encoderLayerForward.bind(args);
    checkKeyPaddingMask(src_key_padding_mask);
    let x = src;
    if (this.norm_first) {
      x = x.add(this._sa_block(this.norm1.forward(x), src_mask, src_key_padding_mask));
      x = x.add(this._ff_block(this.norm2.forward(x)));
    } else {
      x = this.norm1.forward(x.add(this._sa_block(x, src_mask, src_key_padding_mask)));
      x = this.norm2.forward(x.add(this._ff_block(x)));
    }
    return x;
  }

  private _sa_block(x: Tensor, attn_mask: Tensor | null, key_padding_mask: Tensor | null): Tensor {
    const [out] = this.self_attn.forward(x, x, x, { attn_mask, key_padding_mask, need_weights: false });
    return this.dropout1.forward(out);
  }

  private _ff_block(x: Tensor): Tensor {
    const hidden = this.dropout.forward(applyActivation(this.activation, this.linear1.forward(x)));
    return this.dropout2.forward(this.linear2.forward(hidden));
  }
}

export class TransformerDecoderLayer extends Module {
  self_attn: MultiheadAttention;
  multihead_attn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  norm_first: boolean;
  norm1: LayerNorm;
  norm2: LayerNorm;
  norm3: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  dropout3: Dropout;
  activation: Activation;

  constructor(...args: CallArgs<"TransformerDecoderLayer.__init__">) {
    super();
    const [
      d_model,
      nhead,
      dim_feedforward,
      dropout,
      activation,
      eps,
      batch_first,
      norm_first,
      device,
      dtype,
    ] = SIG.decoderLayer.bind(args);
    this.self_attn = new MultiheadAttention(d_model, nhead, { dropout, batch_first, device, dtype });
    this.multihead_attn = new MultiheadAttention(d_model, nhead, { dropout, batch_first, device, dtype });
    this.linear1 = new Linear(d_model, dim_feedforward, { device, dtype });
    this.dropout = new Dropout(dropout);
    this.linear2 = new Linear(dim_feedforward, d_model, { device, dtype });
    this.norm_first = norm_first;
    this.norm1 = new LayerNorm(d_model, { eps, device, dtype });
    this.norm2 = new LayerNorm(d_model, { eps, device, dtype });
    this.norm3 = new LayerNorm(d_model, { eps, device, dtype });
    this.dropout1 = new Dropout(dropout);
    this.dropout2 = new Dropout(dropout);
    this.dropout3 = new Dropout(dropout);
    this.activation = activationOf(activation);
  }

  forward(...args: CallArgs<"TransformerDecoderLayer.forward">): Tensor {
    const [tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask] =
      SIG.decoderLayerForward.bind(args);
    let x = tgt;
    if (this.norm_first) {
      x = x.add(this._sa_block(this.norm1.forward(x), tgt_mask, tgt_key_padding_mask));
      x = x.add(this._mha_block(this.norm2.forward(x), memory, memory_mask, memory_key_padding_mask));
      x = x.add(this._ff_block(this.norm3.forward(x)));
    } else {
      x = this.norm1.forward(x.add(this._sa_block(x, tgt_mask, tgt_key_padding_mask)));
      x = this.norm2.forward(x.add(this._mha_block(x, memory, memory_mask, memory_key_padding_mask)));
      x = this.norm3.forward(x.add(this._ff_block(x)));
    }
    return x;
  }

  private _sa_block(x: Tensor, attn_mask: Tensor | null, key_padding_mask: Tensor | null): Tensor {
    const [out] = this.self_attn.forward(x, x, x, { attn_mask, key_padding_mask, need_weights: false });
    return this.dropout1.forward(out);
  }

  private _mha_block(
    x: Tensor,
    mem: Tensor,
    attn_mask: Tensor | null,
    key_padding_mask: Tensor | null,
  ): Tensor {
    const [out] = this.multihead_attn.forward(x, mem, mem, {
      attn_mask,
      key_padding_mask,
      need_weights: false,
    });
    return this.dropout2.forward(out);
  }

  private _ff_block(x: Tensor): Tensor {
    const hidden = this.dropout.forward(applyActivation(this.activation, this.linear1.forward(x)));
    return this.dropout3.forward(this.linear2.forward(hidden));
  }
}

/** A stack of N copies of an encoder layer, then an optional norm. */
export class TransformerEncoder extends Module {
  layers: ModuleList;
  num_layers: number;
  norm: Module | null;
  enable_nested_tensor: boolean;
  mask_check: boolean;

  constructor(...args: CallArgs<"TransformerEncoder.__init__">) {
    super();
    const [encoder_layer, num_layers, norm, enable_nested_tensor, mask_check] = SIG.encoder.bind(args);
    this.layers = getClones(encoder_layer, num_layers);
    this.num_layers = num_layers;
    this.norm = norm;
    this.enable_nested_tensor = enable_nested_tensor;
    this.mask_check = mask_check;
  }

  /** The slow path for every input (see the top of this file for 1.13's nested-tensor fast path). */
  forward(...args: CallArgs<"TransformerEncoder.forward">): Tensor {
    const [src, mask, src_key_padding_mask] = SIG.encoderForward.bind(args);
    checkKeyPaddingMask(src_key_padding_mask);
    this.layers.at(0); // PyTorch reads self.layers[0] first: an IndexError when there are no layers.
    let output = src;
    for (const mod of this.layers)
      output = (mod.forward as Call)(output, { src_mask: mask, src_key_padding_mask });
    if (this.norm !== null) output = (this.norm.forward as Call)(output);
    return output;
  }
}

/** A stack of N copies of a decoder layer, then an optional norm. */
export class TransformerDecoder extends Module {
  layers: ModuleList;
  num_layers: number;
  norm: Module | null;

  constructor(...args: CallArgs<"TransformerDecoder.__init__">) {
    super();
    const [decoder_layer, num_layers, norm] = SIG.decoder.bind(args);
    this.layers = getClones(decoder_layer, num_layers);
    this.num_layers = num_layers;
    this.norm = norm;
  }

  forward(...args: CallArgs<"TransformerDecoder.forward">): Tensor {
    const [tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask] =
      SIG.decoderForward.bind(args);
    let output = tgt;
    for (const mod of this.layers)
      output = (mod.forward as Call)(output, memory, {
        tgt_mask,
        memory_mask,
        tgt_key_padding_mask,
        memory_key_padding_mask,
      });
    if (this.norm !== null) output = (this.norm.forward as Call)(output);
    return output;
  }
}

/** The encoder-decoder model of "Attention Is All You Need", with PyTorch's parameters and init. */
export class Transformer extends Module {
  encoder: Module;
  decoder: Module;
  d_model: number;
  nhead: number;
  batch_first: boolean;

  constructor(...args: CallArgs<"Transformer.__init__">) {
    super();
    const [
      d_model,
      nhead,
      num_encoder_layers,
      num_decoder_layers,
      dim_feedforward,
      dropout,
      activation,
      custom_encoder,
      custom_decoder,
      eps,
      batch_first,
      norm_first,
      device,
      dtype,
    ] = SIG.transformer.bind(args);
    const layerArgs = [
      d_model,
      nhead,
      dim_feedforward,
      dropout,
      activation,
      eps,
      batch_first,
      norm_first,
    ] as const;
    if (custom_encoder !== null) this.encoder = custom_encoder;
    else {
      const layer = new TransformerEncoderLayer(...layerArgs, { device, dtype });
      const norm = new LayerNorm(d_model, { eps, device, dtype });
      this.encoder = new TransformerEncoder(layer, num_encoder_layers, norm);
    }
    if (custom_decoder !== null) this.decoder = custom_decoder;
    else {
      const layer = new TransformerDecoderLayer(...layerArgs, { device, dtype });
      const norm = new LayerNorm(d_model, { eps, device, dtype });
      this.decoder = new TransformerDecoder(layer, num_decoder_layers, norm);
    }
    this._reset_parameters();
    this.d_model = d_model;
    this.nhead = nhead;
    this.batch_first = batch_first;
  }

  forward(...args: CallArgs<"Transformer.forward">): Tensor {
    const [
      src,
      tgt,
      src_mask,
      tgt_mask,
      memory_mask,
      src_key_padding_mask,
      tgt_key_padding_mask,
      memory_key_padding_mask,
    ] = SIG.transformerForward.bind(args);
    const isBatched = src.ndim === 3;
    if (!this.batch_first && src.size(1) !== tgt.size(1) && isBatched)
      throw new RuntimeError("the batch number of src and tgt must be equal");
    else if (this.batch_first && src.size(0) !== tgt.size(0) && isBatched)
      throw new RuntimeError("the batch number of src and tgt must be equal");
    if (src.size(-1) !== this.d_model || tgt.size(-1) !== this.d_model)
      throw new RuntimeError("the feature number of src and tgt must be equal to d_model");
    const memory = (this.encoder.forward as Call)(src, { mask: src_mask, src_key_padding_mask });
    return (this.decoder.forward as Call)(tgt, memory, {
      tgt_mask,
      memory_mask,
      tgt_key_padding_mask,
      memory_key_padding_mask,
    });
  }

  /** A float mask with -inf above the diagonal and 0 elsewhere: position i attends to positions <= i. */
  static generate_square_subsequent_mask(
    ...args: CallArgs<"Transformer.generate_square_subsequent_mask">
  ): Tensor {
    const [sz, device] = SIG.squareMask.bind(args);
    toCpuDevice(device);
    return triu(full([sz, sz], -Infinity), 1);
  }

  /** Xavier-uniform for every parameter with more than one dimension, in parameters() order. */
  _reset_parameters(): void {
    for (const p of this._parameters()) if (p.ndim > 1) xavier_uniform_(p);
  }
}
