// nn.DataParallel as PyTorch runs it where no GPU is available: it keeps the module (so its state_dict
// keys gain the `module.` prefix, and checkpoints saved from a DataParallel model load as they would in
// PyTorch) and forward calls the module directly. device_ids and output_device are ignored, as there.
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { Module } from "./module.js";

// Unannotated: PyTorch stores the module without checking it, and never reads the rest without devices.
const DATA_PARALLEL_INIT = new PySignature(
  "torch.nn",
  "DataParallel.__init__(module, device_ids=None, output_device=None, dim=0)",
);

/** nn.DataParallel(module): without GPUs, the module itself, run in the calling thread. */
export class DataParallel<M extends Module = Module> extends Module {
  readonly module: M;
  /** Empty: no GPU is available (PyTorch sets it so, and nothing else, in this case). */
  readonly device_ids: number[];

  constructor(module: M, device_ids?: number[] | null, output_device?: number | null, dim?: number);
  constructor(...args: CallArgs<"DataParallel.__init__">);
  constructor(...args: unknown[]) {
    super();
    const [module] = DATA_PARALLEL_INIT.bind(args);
    this.module = module as M;
    this.device_ids = [];
  }

  forward(...inputs: unknown[]): unknown {
    return (this.module.forward as (...a: unknown[]) => unknown)(...inputs);
  }
}
