// nn.RNNCell, nn.LSTMCell and nn.GRUCell (PyTorch 1.13's torch/nn/modules/rnn.py): one step of each
// recurrence, on a batch ([B, input_size]) or on one sample ([input_size]).
import { AssertionError, RuntimeError } from "../../errors.js";
import { lstm_cell, oneHiddenCell } from "../../ops/nn_rnn.js";
import { squeeze, unsqueeze } from "../../ops/shape.js";
import { pyStr } from "../../python.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { zeros } from "../../tensor/creation.js";
import type { Device } from "../../tensor/device.js";
import type { DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { uniform_ } from "../init.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import { factoryEmpty } from "./common.js";

const RNN_CELL = new PySignature(
  "torch.nn",
  "RNNCell.__init__(input_size: int, hidden_size: int, bias: bool = True, nonlinearity: str = 'tanh', device: device | None = None, dtype: dtype | None = None)",
);
const LSTM_CELL = new PySignature(
  "torch.nn",
  "LSTMCell.__init__(input_size: int, hidden_size: int, bias: bool = True, device: device | None = None, dtype: dtype | None = None)",
);
const GRU_CELL = new PySignature(
  "torch.nn",
  "GRUCell.__init__(input_size: int, hidden_size: int, bias: bool = True, device: device | None = None, dtype: dtype | None = None)",
);

/** The weights of one cell: num_chunks gates' worth, initialised from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)). */
export abstract class RNNCellBase extends Module {
  readonly input_size: number;
  readonly hidden_size: number;
  readonly bias: boolean;
  weight_ih: Parameter;
  weight_hh: Parameter;
  bias_ih: Parameter | null;
  bias_hh: Parameter | null;

  protected constructor(
    input_size: number,
    hidden_size: number,
    bias: boolean,
    numChunks: number,
    device: Device | string | number | null,
    dtype: DType | null,
  ) {
    super();
    this.input_size = input_size;
    this.hidden_size = hidden_size;
    this.bias = bias;
    const empty = (shape: number[]) => new Parameter(factoryEmpty(shape, device, dtype));
    this.weight_ih = empty([numChunks * hidden_size, input_size]);
    this.weight_hh = empty([numChunks * hidden_size, hidden_size]);
    this.bias_ih = bias ? empty([numChunks * hidden_size]) : null;
    this.bias_hh = bias ? empty([numChunks * hidden_size]) : null;
    this.reset_parameters();
  }

  reset_parameters(): void {
    const stdv = this.hidden_size > 0 ? 1.0 / Math.sqrt(this.hidden_size) : 0;
    for (const weight of this.parameters()) uniform_(weight, -stdv, stdv);
  }

  /** The batched input, or the one sample given a batch dim; PyTorch's assert on any other. */
  protected batched(input: Tensor): boolean {
    if (input.ndim !== 1 && input.ndim !== 2)
      throw new AssertionError(
        `${this.constructor.name}: Expected input to be 1-D or 2-D but received ${input.ndim}-D tensor`,
      );
    return input.ndim === 2;
  }

  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.bias !== true) s += `, bias=${pyStr(this.bias)}`;
    const nonlinearity = (this as { nonlinearity?: string }).nonlinearity;
    if (nonlinearity !== undefined && nonlinearity !== "tanh") s += `, nonlinearity=${nonlinearity}`;
    return s;
  }
}

/** One step of the Elman RNN: h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh) (or relu). */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: string;

  constructor(...args: CallArgs<"RNNCell.__init__">) {
    const [input_size, hidden_size, bias, nonlinearity, device, dtype] = RNN_CELL.bind(args);
    super(input_size, hidden_size, bias, 1, device, dtype);
    this.nonlinearity = nonlinearity;
  }

  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const isBatched = this.batched(input);
    if (!isBatched) input = unsqueeze(input, 0);
    if (hx === null) hx = zeros([input.shape[0], this.hidden_size], { dtype: input.dtype });
    else if (!isBatched) hx = unsqueeze(hx, 0);
    let ret: Tensor;
    if (this.nonlinearity === "tanh" || this.nonlinearity === "relu") {
      const mode = this.nonlinearity === "tanh" ? "RNN_TANH" : "RNN_RELU";
      ret = oneHiddenCell(mode, input, hx, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    } else throw new RuntimeError(`Unknown nonlinearity: ${this.nonlinearity}`);
    return isBatched ? ret : squeeze(ret, 0);
  }
}

/** One step of the LSTM: (h', c') from (h, c). */
export class LSTMCell extends RNNCellBase {
  constructor(...args: CallArgs<"LSTMCell.__init__">) {
    const [input_size, hidden_size, bias, device, dtype] = LSTM_CELL.bind(args);
    super(input_size, hidden_size, bias, 4, device, dtype);
  }

  forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    const isBatched = this.batched(input);
    if (!isBatched) input = unsqueeze(input, 0);
    let state: readonly [Tensor, Tensor];
    if (hx === null) {
      const z = zeros([input.shape[0], this.hidden_size], { dtype: input.dtype });
      state = [z, z];
    } else state = isBatched ? hx : [unsqueeze(hx[0], 0), unsqueeze(hx[1], 0)];
    const [hy, cy] = lstm_cell(input, state, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return isBatched ? [hy, cy] : [squeeze(hy, 0), squeeze(cy, 0)];
  }
}

/** One step of the GRU. */
export class GRUCell extends RNNCellBase {
  constructor(...args: CallArgs<"GRUCell.__init__">) {
    const [input_size, hidden_size, bias, device, dtype] = GRU_CELL.bind(args);
    super(input_size, hidden_size, bias, 3, device, dtype);
  }

  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const isBatched = this.batched(input);
    if (!isBatched) input = unsqueeze(input, 0);
    if (hx === null) hx = zeros([input.shape[0], this.hidden_size], { dtype: input.dtype });
    else if (!isBatched) hx = unsqueeze(hx, 0);
    const ret = oneHiddenCell("GRU", input, hx, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return isBatched ? ret : squeeze(ret, 0);
  }
}
