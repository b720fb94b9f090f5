// Linear layers; their F.linear (ops/linalg.ts) follows PyTorch's dispatch, so grad_fn names match.
import { linear } from "../../ops/linalg.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { calculate_fan_in_and_fan_out, kaiming_uniform_, uniform_ } from "../init.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import { pyBool } from "../../python.js";
import { factoryEmpty } from "./common.js";

const LINEAR = new PySignature(
  "torch.nn",
  "Linear.__init__(in_features: int, out_features: int, bias: bool | None = True, device: device | None = None, dtype: dtype | None = None)",
);

/** y = x W^T + b, initialised like PyTorch (kaiming_uniform_ with a = sqrt(5), then the bias). */
export class Linear extends Module {
  readonly in_features: number;
  readonly out_features: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(...args: CallArgs<"Linear.__init__">) {
    super();
    const [in_features, out_features, bias, device, dtype] = LINEAR.bind(args);
    this.in_features = in_features;
    this.out_features = out_features;
    this.weight = new Parameter(factoryEmpty([out_features, in_features], device, dtype));
    // PyTorch tests `if bias:`, so None means no bias too.
    this.bias = bias ? new Parameter(factoryEmpty([out_features], device, dtype)) : null;
    this.reset_parameters();
  }

  reset_parameters(): void {
    kaiming_uniform_(this.weight, Math.sqrt(5));
    if (this.bias) {
      const [fanIn] = calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound);
    }
  }

  forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }

  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${pyBool(this.bias !== null)}`;
  }
}
