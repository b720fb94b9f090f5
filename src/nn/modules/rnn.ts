// nn.RNN, nn.LSTM and nn.GRU (PyTorch 1.13's torch/nn/modules/rnn.py): parameters named, shaped and
// initialised as PyTorch's, the Python-level checks of forward with their texts, and _VF's recurrences
// (src/ops/nn_rnn.ts) over padded or packed sequences.
import { RuntimeError, ValueError } from "../../errors.js";
import { index_select } from "../../ops/indexing.js";
import { lstmRnn, oneHiddenRnn, type PackedData, type StackOptions } from "../../ops/nn_rnn.js";
import { squeeze, unsqueeze } from "../../ops/shape.js";
import { pyBool, pyFloatRepr, pyRepr, pyStr } from "../../python.js";
import { bindPython } from "../../signatures/bind.js";
import { PySignature, splitCall, type CallArgs } from "../../signatures/registry.js";
import { parseSignature } from "../../signatures/schema.js";
import { pyTypeName } from "../../signatures/messages.js";
import { zeros } from "../../tensor/creation.js";
import type { Device } from "../../tensor/device.js";
import type { DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { emitWarning } from "../../warnings.js";
import { uniform_ } from "../init.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import { PackedSequence } from "../utils_rnn.js";
import { factoryEmpty } from "./common.js";

// RNN, LSTM and GRU take (*args, **kwargs) and hand them to RNNBase.__init__, which names every error; the
// public declaration is that, and RNNBase's own parameters are bound from its text below.
const RNN_INIT = new PySignature("torch.nn", "RNNBase.__init__(*args, **kwargs)", ["RNN", "LSTM", "GRU"]);
const RNN_BASE = parseSignature(
  "RNNBase.__init__(mode: str, input_size: int, hidden_size: int, num_layers: int = 1, bias: bool = True, batch_first: bool = False, dropout = 0.0, bidirectional: bool = False, proj_size: int = 0, device: device | None = None, dtype: dtype | None = None)",
  "python",
);

/** The keywords of RNN, LSTM and GRU (every RNNBase parameter after the sizes; proj_size is LSTM's only). */
export interface RNNOptions {
  input_size?: number;
  hidden_size?: number;
  num_layers?: number;
  bias?: boolean;
  batch_first?: boolean;
  dropout?: number;
  bidirectional?: boolean;
  proj_size?: number;
  nonlinearity?: "tanh" | "relu";
  device?: Device | string | null;
  dtype?: DType | null;
}

/** `nn.LSTM(10, 20, 2)`, `nn.LSTM(10, 20, { batch_first: true })`: Python's *args and **kwargs. */
export type RNNArgs = (number | boolean | RNNOptions | null | undefined)[];

/** float(dropout) as RNNBase does it first: Python's float() of a number, bool or numeric string. */
function pyFloat(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return Number(v);
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") {
    const text = v.trim().toLowerCase();
    const special: Record<string, number> = { inf: Infinity, "+inf": Infinity, "-inf": -Infinity, nan: NaN };
    if (text in special) return special[text];
    if (text !== "" && /^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(e[+-]?\d+)?$/.test(text)) return Number(text);
    throw new ValueError(`could not convert string to float: ${pyRepr(v)}`);
  }
  throw new TypeError(`float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

const GATES: Record<string, number> = { LSTM: 4, GRU: 3, RNN_TANH: 1, RNN_RELU: 1 };

/** The base of RNN, LSTM and GRU: one set of weights per layer and direction. */
export abstract class RNNBase extends Module {
  readonly mode: string;
  readonly input_size: number;
  readonly hidden_size: number;
  readonly num_layers: number;
  readonly bias: boolean;
  readonly batch_first: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly proj_size: number;
  /** The weights' names in _VF's order: per layer and direction w_ih, w_hh[, b_ih, b_hh][, w_hr]. */
  readonly _flat_weights_names: string[] = [];
  readonly _all_weights: string[][] = [];

  constructor(...args: [mode: string, ...args: RNNArgs]) {
    super();
    const [positional, kwargs] = splitCall(args);
    const [
      mode,
      input_size,
      hidden_size,
      num_layers,
      bias,
      batch_first,
      dropout,
      bidirectional,
      proj_size,
      device,
      dtype,
    ] = bindPython(RNN_BASE, positional, kwargs) as [
      string,
      number,
      number,
      number,
      boolean,
      boolean,
      unknown,
      boolean,
      number,
      Device | string | number | null,
      DType | null,
    ];
    this.mode = mode;
    this.input_size = input_size;
    this.hidden_size = hidden_size;
    this.num_layers = num_layers;
    this.bias = bias;
    this.batch_first = batch_first;
    this.dropout = pyFloat(dropout);
    this.bidirectional = bidirectional;
    this.proj_size = proj_size;
    const numDirections = bidirectional ? 2 : 1;
    if ((typeof dropout !== "number" && typeof dropout !== "bigint") || !(dropout >= 0 && dropout <= 1))
      throw new ValueError(
        "dropout should be a number in range [0, 1] representing the probability of an element being zeroed",
      );
    if (Number(dropout) > 0 && num_layers === 1)
      emitWarning(
        `dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=${pyStr(dropout)} and num_layers=${num_layers}`,
      );
    if (proj_size < 0)
      throw new ValueError("proj_size should be a positive integer or zero to disable projections");
    if (proj_size >= hidden_size) throw new ValueError("proj_size has to be smaller than hidden_size");
    if (!(mode in GATES)) throw new ValueError(`Unrecognized RNN mode: ${mode}`);
    const gateSize = GATES[mode] * hidden_size;
    const empty = (shape: number[]) => new Parameter(factoryEmpty(shape, device, dtype));
    const realHiddenSize = proj_size > 0 ? proj_size : hidden_size;
    for (let layer = 0; layer < num_layers; layer++) {
      for (let direction = 0; direction < numDirections; direction++) {
        const layerInputSize = layer === 0 ? input_size : realHiddenSize * numDirections;
        const suffix = `l${layer}${direction === 1 ? "_reverse" : ""}`;
        const params: [string, Parameter][] = [
          [`weight_ih_${suffix}`, empty([gateSize, layerInputSize])],
          [`weight_hh_${suffix}`, empty([gateSize, realHiddenSize])],
        ];
        if (bias)
          params.push([`bias_ih_${suffix}`, empty([gateSize])], [`bias_hh_${suffix}`, empty([gateSize])]);
        if (proj_size > 0) params.push([`weight_hr_${suffix}`, empty([proj_size, hidden_size])]);
        for (const [name, param] of params) (this as Record<string, unknown>)[name] = param;
        this._flat_weights_names.push(...params.map(([name]) => name));
        this._all_weights.push(params.map(([name]) => name));
      }
    }
    this.reset_parameters();
  }

  /** The weights as _VF takes them, read from the attributes (so assigning a new weight is seen). */
  get _flat_weights(): Tensor[] {
    return this._flat_weights_names.map((name) => (this as Record<string, unknown>)[name] as Tensor);
  }

  get all_weights(): Parameter[][] {
    return this._all_weights.map((names) =>
      names.map((name) => (this as Record<string, unknown>)[name] as Parameter),
    );
  }

  /** No cuDNN here: PyTorch's flatten_parameters does nothing on CPU. */
  flatten_parameters(): void {}

  reset_parameters(): void {
    const stdv = this.hidden_size > 0 ? 1.0 / Math.sqrt(this.hidden_size) : 0;
    for (const weight of this.parameters()) uniform_(weight, -stdv, stdv);
  }

  protected checkInput(input: Tensor, batchSizes: readonly number[] | null): void {
    const expectedInputDim = batchSizes !== null ? 2 : 3;
    if (input.ndim !== expectedInputDim)
      throw new RuntimeError(`input must have ${expectedInputDim} dimensions, got ${input.ndim}`);
    if (this.input_size !== input.shape[input.ndim - 1])
      throw new RuntimeError(
        `input.size(-1) must be equal to input_size. Expected ${this.input_size}, got ${input.shape[input.ndim - 1]}`,
      );
  }

  protected miniBatch(input: Tensor, batchSizes: readonly number[] | null): number {
    if (batchSizes !== null) return batchSizes[0];
    return this.batch_first ? input.shape[0] : input.shape[1];
  }

  protected expectedHiddenSize(input: Tensor, batchSizes: readonly number[] | null, size: number): number[] {
    return [this.num_layers * (this.bidirectional ? 2 : 1), this.miniBatch(input, batchSizes), size];
  }

  protected checkHiddenSize(hx: Tensor, expected: number[], what = "hidden"): void {
    if (hx.ndim !== expected.length || hx.shape.some((s, i) => s !== expected[i]))
      throw new RuntimeError(`Expected ${what} size (${expected.join(", ")}), got [${hx.shape.join(", ")}]`);
  }

  protected stackOptions(): StackOptions {
    return {
      numLayers: this.num_layers,
      dropout: this.dropout,
      train: this.training,
      bidirectional: this.bidirectional,
    };
  }

  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.proj_size !== 0) s += `, proj_size=${this.proj_size}`;
    if (this.num_layers !== 1) s += `, num_layers=${this.num_layers}`;
    if (this.bias !== true) s += `, bias=${pyStr(this.bias)}`;
    if (this.batch_first !== false) s += `, batch_first=${pyStr(this.batch_first)}`;
    if (this.dropout !== 0) s += `, dropout=${pyFloatRepr(this.dropout)}`;
    if (this.bidirectional !== false) s += `, bidirectional=${pyBool(this.bidirectional)}`;
    return s;
  }
}

const permute = (hx: Tensor, permutation: Tensor | null): Tensor =>
  permutation === null ? hx : index_select(hx, 1, permutation);

/** A padded input as forward sees it: [T, B, *] or [B, T, *], unbatched ones given their batch dim. */
interface Prepared {
  input: Tensor;
  batchSizes: number[] | null;
  sorted: Tensor | null;
  unsorted: Tensor | null;
  isBatched: boolean;
  batchDim: number;
}

function prepare(module: RNNBase, input: Tensor | PackedSequence): Prepared {
  if (input instanceof PackedSequence) {
    const batchSizes = Array.from(input.batch_sizes.values(), Number);
    return {
      input: input.data,
      batchSizes,
      sorted: input.sorted_indices,
      unsorted: input.unsorted_indices,
      isBatched: true,
      batchDim: 1,
    };
  }
  const isBatched = input.ndim === 3;
  const batchDim = module.batch_first ? 0 : 1;
  return {
    input: isBatched ? input : unsqueeze(input, batchDim),
    batchSizes: null,
    sorted: null,
    unsorted: null,
    isBatched,
    batchDim,
  };
}

const asVfInput = (p: Prepared): Tensor | PackedData =>
  p.batchSizes === null ? p.input : { data: p.input, batchSizes: p.batchSizes };

/** RNN and GRU: one hidden state. */
abstract class OneHiddenRNN extends RNNBase {
  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, hx: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    const p = prepare(this, input);
    if (p.batchSizes === null && hx !== null) {
      if (!p.isBatched) {
        if (hx.ndim !== 2)
          throw new RuntimeError(
            `For unbatched 2-D input, hx should also be 2-D but got ${hx.ndim}-D tensor`,
          );
        hx = unsqueeze(hx, 1);
      } else if (hx.ndim !== 3)
        throw new RuntimeError(`For batched 3-D input, hx should also be 3-D but got ${hx.ndim}-D tensor`);
    }
    if (hx === null) {
      const batch = this.miniBatch(p.input, p.batchSizes);
      hx = zeros([this.num_layers * (this.bidirectional ? 2 : 1), batch, this.hidden_size], {
        dtype: p.input.dtype,
      });
    } else hx = permute(hx, p.sorted);
    this.checkInput(p.input, p.batchSizes);
    this.checkHiddenSize(hx, this.expectedHiddenSize(p.input, p.batchSizes, this.hidden_size));
    const mode = this.mode as "RNN_TANH" | "RNN_RELU" | "GRU";
    const [output, hidden] = oneHiddenRnn(
      mode,
      asVfInput(p),
      hx,
      this._flat_weights,
      this.bias,
      this.stackOptions(),
      this.batch_first,
    );
    if (input instanceof PackedSequence)
      return [
        new PackedSequence(output, input.batch_sizes, p.sorted, p.unsorted),
        permute(hidden, p.unsorted),
      ];
    if (!p.isBatched) return [squeeze(output, p.batchDim), squeeze(hidden, 1)];
    return [output, hidden];
  }
}

/** Elman RNN: h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh), or relu with nonlinearity="relu". */
export class RNN extends OneHiddenRNN {
  readonly nonlinearity: string;

  constructor(...args: RNNArgs) {
    const [rest, kwargs] = RNN_INIT.bind(args as CallArgs<"RNNBase.__init__">);
    if ("proj_size" in kwargs)
      throw new ValueError("proj_size argument is only supported for LSTM, not RNN or GRU");
    const { nonlinearity = "tanh", ...others } = kwargs;
    const mode = nonlinearity === "tanh" ? "RNN_TANH" : nonlinearity === "relu" ? "RNN_RELU" : null;
    if (mode === null) throw new ValueError(`Unknown nonlinearity '${pyStr(nonlinearity)}'`);
    super(mode, ...(rest as RNNArgs), others as RNNOptions);
    this.nonlinearity = nonlinearity as string;
  }
}

export class GRU extends OneHiddenRNN {
  constructor(...args: RNNArgs) {
    const [rest, kwargs] = RNN_INIT.bind(args as CallArgs<"RNNBase.__init__">);
    if ("proj_size" in kwargs)
      throw new ValueError("proj_size argument is only supported for LSTM, not RNN or GRU");
    super("GRU", ...(rest as RNNArgs), kwargs as RNNOptions);
  }
}

export class LSTM extends RNNBase {
  constructor(...args: RNNArgs) {
    const [rest, kwargs] = RNN_INIT.bind(args as CallArgs<"RNNBase.__init__">);
    super("LSTM", ...(rest as RNNArgs), kwargs as RNNOptions);
  }

  forward(input: Tensor, hx?: readonly [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  forward(input: PackedSequence, hx?: readonly [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
  forward(
    input: Tensor | PackedSequence,
    hx: readonly [Tensor, Tensor] | null = null,
  ): [Tensor | PackedSequence, [Tensor, Tensor]] {
    const p = prepare(this, input);
    let state: readonly [Tensor, Tensor];
    if (hx === null) {
      const batch = this.miniBatch(p.input, p.batchSizes);
      const layers = this.num_layers * (this.bidirectional ? 2 : 1);
      const real = this.proj_size > 0 ? this.proj_size : this.hidden_size;
      state = [
        zeros([layers, batch, real], { dtype: p.input.dtype }),
        zeros([layers, batch, this.hidden_size], { dtype: p.input.dtype }),
      ];
    } else {
      state = hx;
      if (p.batchSizes === null) {
        const dims = `(${hx[0].ndim}-D, ${hx[1].ndim}-D) tensors`;
        if (p.isBatched) {
          if (hx[0].ndim !== 3 || hx[1].ndim !== 3)
            throw new RuntimeError(`For batched 3-D input, hx and cx should also be 3-D but got ${dims}`);
        } else {
          if (hx[0].ndim !== 2 || hx[1].ndim !== 2)
            throw new RuntimeError(`For unbatched 2-D input, hx and cx should also be 2-D but got ${dims}`);
          state = [unsqueeze(hx[0], 1), unsqueeze(hx[1], 1)];
        }
      }
      state = [permute(state[0], p.sorted), permute(state[1], p.sorted)];
    }
    this.checkInput(p.input, p.batchSizes);
    const real = this.proj_size > 0 ? this.proj_size : this.hidden_size;
    this.checkHiddenSize(state[0], this.expectedHiddenSize(p.input, p.batchSizes, real), "hidden[0]");
    this.checkHiddenSize(
      state[1],
      this.expectedHiddenSize(p.input, p.batchSizes, this.hidden_size),
      "hidden[1]",
    );
    const [output, hy, cy] = lstmRnn(
      asVfInput(p),
      state,
      this._flat_weights,
      this.bias,
      this.stackOptions(),
      this.batch_first,
    );
    if (input instanceof PackedSequence)
      return [
        new PackedSequence(output, input.batch_sizes, p.sorted, p.unsorted),
        [permute(hy, p.unsorted), permute(cy, p.unsorted)],
      ];
    if (!p.isBatched) return [squeeze(output, p.batchDim), [squeeze(hy, 1), squeeze(cy, 1)]];
    return [output, [hy, cy]];
  }
}
