// The padding modules: ZeroPad2d, ConstantPad1d/2d/3d, ReflectionPad1d/2d/3d, ReplicationPad1d/2d/3d, each F.pad with
// its mode, keeping its padding as PyTorch's _pair / _quadruple make it and printing PyTorch's reprs.
import { pad } from "../../ops/join.js";
import { pyFloatRepr, pyTupleStr } from "../../python.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";

const CONSTANT_PAD1D = new PySignature(
  "torch.nn",
  "ConstantPad1d.__init__(padding: int | int[], value: float)",
);
const CONSTANT_PAD2D = new PySignature(
  "torch.nn",
  "ConstantPad2d.__init__(padding: int | int[], value: float)",
);
const CONSTANT_PAD3D = new PySignature(
  "torch.nn",
  "ConstantPad3d.__init__(padding: int | int[], value: float)",
);
const ZERO_PAD2D = new PySignature("torch.nn", "ZeroPad2d.__init__(padding: int | int[])");
const REFLECTION_PAD1D = new PySignature("torch.nn", "ReflectionPad1d.__init__(padding: int | int[])");
const REFLECTION_PAD2D = new PySignature("torch.nn", "ReflectionPad2d.__init__(padding: int | int[])");
const REFLECTION_PAD3D = new PySignature("torch.nn", "ReflectionPad3d.__init__(padding: int | int[])");
const REPLICATION_PAD1D = new PySignature("torch.nn", "ReplicationPad1d.__init__(padding: int | int[])");
const REPLICATION_PAD2D = new PySignature("torch.nn", "ReplicationPad2d.__init__(padding: int | int[])");
const REPLICATION_PAD3D = new PySignature("torch.nn", "ReplicationPad3d.__init__(padding: int | int[])");

/** _ntuple(n): an int repeated n times; a sequence kept as it is, whatever its length. */
const ntuple = (v: number | readonly number[], n: number): number[] =>
  typeof v === "number" ? Array<number>(n).fill(v) : [...v];

/** A padding module: F.pad(input, padding, mode, value). */
abstract class _PadNd extends Module {
  constructor(
    readonly padding: number[],
    private readonly mode: "constant" | "reflect" | "replicate",
    readonly value: number | null = null,
  ) {
    super();
  }

  forward(input: Tensor): Tensor {
    return pad(input, this.padding, this.mode, this.value);
  }

  override extra_repr(): string {
    return pyTupleStr(this.padding);
  }
}

/** _ConstantPadNd: its repr names the padding and the value (a float, as the constructor annotates it). */
abstract class _ConstantPadNd extends _PadNd {
  constructor(padding: number[], value: number) {
    super(padding, "constant", value);
  }

  override extra_repr(): string {
    return `padding=${pyTupleStr(this.padding)}, value=${pyFloatRepr(this.value as number)}`;
  }
}

export class ConstantPad1d extends _ConstantPadNd {
  constructor(...args: CallArgs<"ConstantPad1d.__init__">) {
    const [padding, value] = CONSTANT_PAD1D.bind(args);
    super(ntuple(padding, 2), value);
  }
}

export class ConstantPad2d extends _ConstantPadNd {
  constructor(...args: CallArgs<"ConstantPad2d.__init__">) {
    const [padding, value] = CONSTANT_PAD2D.bind(args);
    super(ntuple(padding, 4), value);
  }
}

export class ConstantPad3d extends _ConstantPadNd {
  constructor(...args: CallArgs<"ConstantPad3d.__init__">) {
    const [padding, value] = CONSTANT_PAD3D.bind(args);
    super(ntuple(padding, 6), value);
  }
}

/** ZeroPad2d: a ConstantPad2d with value 0, whose repr shows only the padding. */
export class ZeroPad2d extends ConstantPad2d {
  constructor(...args: CallArgs<"ZeroPad2d.__init__">) {
    const [padding] = ZERO_PAD2D.bind(args);
    super(padding, 0);
  }

  override extra_repr(): string {
    return pyTupleStr(this.padding);
  }
}

export class ReflectionPad1d extends _PadNd {
  constructor(...args: CallArgs<"ReflectionPad1d.__init__">) {
    super(ntuple(REFLECTION_PAD1D.bind(args)[0], 2), "reflect");
  }
}

export class ReflectionPad2d extends _PadNd {
  constructor(...args: CallArgs<"ReflectionPad2d.__init__">) {
    super(ntuple(REFLECTION_PAD2D.bind(args)[0], 4), "reflect");
  }
}

export class ReflectionPad3d extends _PadNd {
  constructor(...args: CallArgs<"ReflectionPad3d.__init__">) {
    super(ntuple(REFLECTION_PAD3D.bind(args)[0], 6), "reflect");
  }
}

export class ReplicationPad1d extends _PadNd {
  constructor(...args: CallArgs<"ReplicationPad1d.__init__">) {
    super(ntuple(REPLICATION_PAD1D.bind(args)[0], 2), "replicate");
  }
}

export class ReplicationPad2d extends _PadNd {
  constructor(...args: CallArgs<"ReplicationPad2d.__init__">) {
    super(ntuple(REPLICATION_PAD2D.bind(args)[0], 4), "replicate");
  }
}

export class ReplicationPad3d extends _PadNd {
  constructor(...args: CallArgs<"ReplicationPad3d.__init__">) {
    super(ntuple(REPLICATION_PAD3D.bind(args)[0], 6), "replicate");
  }
}
