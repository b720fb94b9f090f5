// torch.device, torch.layout and torch.memory_format: the values PyTorch's signatures name. tensorgrad
// computes on the CPU only, so "cuda" (and every other accelerator) is refused as PyTorch refuses it
// when built without CUDA.
import { AssertionError, RuntimeError } from "../errors.js";
import { PYTHON_TYPE } from "../python_type.js";

const DEVICE_TYPES = new Set(["cpu", "cuda", "mps", "xpu", "xla", "meta", "hip", "vulkan", "ipu", "mkldnn"]);

/** torch.device("cpu"), torch.device("cpu", 0), torch.device("cuda:0"). */
export class Device {
  readonly type: string;
  readonly index: number | null;

  get [PYTHON_TYPE](): string {
    return "torch.device";
  }

  constructor(type: string | Device, index: number | null = null) {
    if (type instanceof Device) {
      this.type = type.type;
      this.index = type.index;
      return;
    }
    if (typeof type !== "string")
      throw new TypeError(`device() received an invalid combination of arguments - got (${typeof type})`);
    const [name, indexText] = type.split(":");
    if (!DEVICE_TYPES.has(name)) {
      throw new RuntimeError(
        `Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone device type at start of device string: ${type}`,
      );
    }
    if (indexText !== undefined) {
      if (index !== null)
        throw new RuntimeError(
          `type (string) must not include an index because index was passed explicitly: ${type}`,
        );
      if (!/^\d+$/.test(indexText)) throw new RuntimeError(`Invalid device string: '${type}'`);
      index = Number(indexText);
    }
    if (index !== null && (!Number.isInteger(index) || index < 0))
      throw new RuntimeError(`Device index must not be negative`);
    this.type = name;
    this.index = index;
  }

  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }

  /** Python's `==` on devices: the same type and index (`device("cpu") != device("cpu", 0)`, as in PyTorch). */
  equals(other: unknown): boolean {
    return other instanceof Device && other.type === this.type && other.index === this.index;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.index === null
      ? `device(type='${this.type}')`
      : `device(type='${this.type}', index=${this.index})`;
  }
}

export const CPU = new Device("cpu");

/** A device argument as PyTorch accepts it (a Device, "cpu", "cuda:0", or an index), checked to be the CPU. */
export function toCpuDevice(device: Device | string | number): Device {
  const d = typeof device === "number" ? new Device("cuda", device) : new Device(device);
  if (d.type === "cuda") throw new AssertionError("Torch not compiled with CUDA enabled");
  if (d.type !== "cpu")
    throw new RuntimeError(
      `Could not run an operator on the '${d.type}' device: tensorgrad runs on the CPU only`,
    );
  return CPU;
}

/** torch.strided (the only layout tensorgrad has). */
export class Layout {
  /** @internal */
  constructor(readonly name: string) {}
  get [PYTHON_TYPE](): string {
    return "torch.layout";
  }
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export const strided = new Layout("strided");

/** torch.contiguous_format, torch.preserve_format, torch.channels_last. */
export class MemoryFormat {
  /** @internal */
  constructor(readonly name: string) {}
  get [PYTHON_TYPE](): string {
    return "torch.memory_format";
  }
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export const contiguous_format = new MemoryFormat("contiguous_format");
export const preserve_format = new MemoryFormat("preserve_format");
export const channels_last = new MemoryFormat("channels_last");
