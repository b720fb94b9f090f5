// nn.Fold and nn.Unfold: F.fold / F.unfold with the module's arguments, kept as given (PyTorch's reprs).
import { publicFunction, PySignature, type CallArgs } from "../../signatures/registry.js";
import { pyStr, pyTuple } from "../../python.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";

type IntOrTuple = number | number[];

const FOLD = new PySignature(
  "torch.nn",
  "Fold.__init__(output_size: int | int[], kernel_size: int | int[], dilation: int | int[] = 1, padding: int | int[] = 0, stride: int | int[] = 1)",
);
const UNFOLD = new PySignature(
  "torch.nn",
  "Unfold.__init__(kernel_size: int | int[], dilation: int | int[] = 1, padding: int | int[] = 0, stride: int | int[] = 1)",
);

const F = (name: string) => publicFunction("torch.nn.functional", name) as (...a: unknown[]) => Tensor;
const show = (v: IntOrTuple) => pyStr(pyTuple(v));

export class Fold extends Module {
  readonly output_size: IntOrTuple;
  readonly kernel_size: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly stride: IntOrTuple;

  constructor(...args: CallArgs<"Fold.__init__">) {
    super();
    [this.output_size, this.kernel_size, this.dilation, this.padding, this.stride] = FOLD.bind(args);
  }

  forward(input: Tensor): Tensor {
    return F("fold")(input, this.output_size, this.kernel_size, this.dilation, this.padding, this.stride);
  }

  override extra_repr(): string {
    return `output_size=${show(this.output_size)}, kernel_size=${show(this.kernel_size)}, dilation=${show(this.dilation)}, padding=${show(this.padding)}, stride=${show(this.stride)}`;
  }
}

export class Unfold extends Module {
  readonly kernel_size: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly stride: IntOrTuple;

  constructor(...args: CallArgs<"Unfold.__init__">) {
    super();
    [this.kernel_size, this.dilation, this.padding, this.stride] = UNFOLD.bind(args);
  }

  forward(input: Tensor): Tensor {
    return F("unfold")(input, this.kernel_size, this.dilation, this.padding, this.stride);
  }

  override extra_repr(): string {
    return `kernel_size=${show(this.kernel_size)}, dilation=${show(this.dilation)}, padding=${show(this.padding)}, stride=${show(this.stride)}`;
  }
}
