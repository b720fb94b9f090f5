// nn.DataParallel and nn.parallel.data_parallel as PyTorch runs them where no GPU is available.
// DataParallel keeps the module (so its state_dict keys gain the `module.` prefix, and checkpoints saved
// from a DataParallel model load as they would in PyTorch) and forward calls the module directly;
// device_ids and output_device are ignored, as there. data_parallel fails, as there (see below).
import { ValueError } from "../errors.js";
import { pyItem, pyList } from "../optim/python.js";
import { definePython, PySignature, type CallArgs } from "../signatures/registry.js";
import { Device } from "../tensor/device.js";
import { Module } from "./module.js";

// DataParallel's are unannotated: PyTorch stores the module without checking it, and never reads the rest without devices.
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

/**
 * `_get_device_index(device, optional=True)` as torch._utils runs it without GPUs: a str is parsed as a
 * device, a CPU device is refused, and anything without an index gives None (no current device).
 */
function deviceIndex(device: unknown): number | null {
  const d = typeof device === "string" ? new Device(device) : device;
  if (d instanceof Device) {
    if (d.type === "cpu") throw new ValueError(`Expected a non cpu device, but got: ${d.toString()}`);
    return d.index;
  }
  if (typeof d === "number" && Number.isInteger(d)) return d;
  if (typeof d === "boolean") return Number(d);
  return null;
}

/**
 * nn.parallel.data_parallel, the functional DataParallel, step by step as PyTorch 1.13 runs it on a machine
 * without GPUs: no device type is available, so it fails before touching the module, with Python's error
 * for the step it reaches (`None[0]` without device_ids, `[][0]` with none, the CPU refused, then
 * `torch.device(None, ...)`).
 */
export function data_parallel(
  _module: unknown,
  _inputs: unknown,
  device_ids: unknown,
  output_device: unknown,
  _dim: unknown,
  _module_kwargs: unknown,
): never {
  // _get_all_device_indices() is None: there is no device type to count.
  if (device_ids === null) {
    if (output_device === null) throw new TypeError("'NoneType' object is not subscriptable");
    throw new TypeError("'NoneType' object is not iterable");
  }
  if (output_device === null) output_device = pyItem(device_ids, 0);
  const indices = pyList(device_ids).map(deviceIndex);
  deviceIndex(output_device);
  pyItem(indices, 0);
  // torch.device(_get_available_device_type(), device_ids[0]), whose type is None.
  throw new TypeError("Device(): argument 'type' (position 1) must be str, not NoneType");
}

definePython("torch.nn.parallel", {
  "data_parallel(module: Module, inputs, device_ids=None, output_device=None, dim: int = 0, module_kwargs: dict | None = None) -> Tensor":
    data_parallel,
});
