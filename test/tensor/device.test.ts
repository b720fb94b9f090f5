// Devices, torch.cuda, the default dtype, threads, nn.DataParallel and NumPy interop against a CPU-only
// PyTorch 1.13 (test/fixtures/devices.json, `npm run fixtures -- devices`); their errors: test/errors/device.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";

const { nn, NDArray } = torch;

interface ArrayInfo {
  shape: number[];
  strides: number[];
  dtype: string;
  values: unknown;
}
interface TensorInfo {
  shape: number[];
  stride: number[];
  dtype: string;
  values: unknown;
}
const FX = JSON.parse(readFileSync(new URL("../fixtures/devices.json", import.meta.url), "utf8")) as {
  devices: {
    spec: [string] | [string, number];
    repr: string;
    str: string;
    type: string;
    index: number | null;
  }[];
  device_equal: boolean[][];
  tensor: Record<string, unknown>;
  pin_memory: { none: string; cpu: string };
  cuda: Record<string, unknown>;
  numpy: Record<string, ArrayInfo>;
  numpy_force: ArrayInfo;
  numpy_shares: { tensor_after: number[][]; array_after: number[][] };
  from_numpy: Record<string, TensorInfo>;
  from_numpy_shares: { array_after: number[][]; tensor_after: number[][] };
  default_dtype: Record<
    "float32" | "float64",
    { get_default_dtype: string; dtypes: string[]; rand: number[]; linear_weight: number[][] }
  > & { restored: string };
  num_threads_after_set: number;
  module: Record<string, unknown>;
  data_parallel: Record<string, unknown>;
};

const inspect = (v: unknown): string =>
  (v as { [k: symbol]: () => string })[Symbol.for("nodejs.util.inspect.custom")]();

/** NumPy's tolist() of an NDArray: walks its byte strides from data[0]. */
function ndValues(a: InstanceType<typeof NDArray>): unknown {
  const at = (dim: number, offset: number): unknown => {
    if (dim === a.shape.length) {
      const v = Number(a.data[offset / a.itemsize]);
      return a.dtype === "bool" ? v !== 0 : v;
    }
    return Array.from({ length: a.shape[dim] }, (_, i) => at(dim + 1, offset + i * a.strides[dim]));
  };
  return at(0, 0);
}

const arrayInfo = (a: InstanceType<typeof NDArray>): ArrayInfo => ({
  shape: [...a.shape],
  strides: [...a.strides],
  dtype: a.dtype,
  values: ndValues(a),
});

describe("torch.device", () => {
  const devices = FX.devices.map((d) => torch.device(...(d.spec as [string, number])));
  it("has PyTorch's repr, str, type and index", () => {
    expect(
      devices.map((d, i) => ({
        spec: FX.devices[i].spec,
        repr: inspect(d),
        str: String(d),
        type: d.type,
        index: d.index,
      })),
    ).toEqual(FX.devices);
  });
  it("compares as Python's == does (type and index)", () => {
    expect(devices.map((a) => devices.map((b) => a.equals(b)))).toEqual(FX.device_equal);
    expect(devices[0].equals("cpu")).toBe(false);
  });
});

describe("torch.cuda on a machine without CUDA", () => {
  it("answers as a CPU-only build", () => {
    expect({
      is_available: torch.cuda.is_available(),
      device_count: torch.cuda.device_count(),
      is_initialized: torch.cuda.is_initialized(),
    }).toEqual(FX.cuda);
    expect(torch.cuda.manual_seed(0)).toBeUndefined();
    expect(torch.cuda.manual_seed_all(0)).toBeUndefined();
    expect(torch.cuda.empty_cache()).toBeUndefined();
  });
});

describe.each(availableBackends())("devices and NumPy interop (%s backend)", (backend) => {
  onBackend(backend);

  it("puts every tensor on the CPU: device, is_cuda, cpu(), to() overloads", () => {
    const t = torch.tensor([1.5, 2.5]);
    const other = torch.tensor([1n]);
    const toOther = t.to(other);
    expect({
      device: inspect(t.device),
      is_cuda: t.is_cuda,
      is_cpu: t.is_cpu,
      is_pinned: t.is_pinned(),
      is_pinned_cuda: t.is_pinned("cuda"),
      cpu_is_self: t.cpu() === t,
      to_cpu_is_self: t.to("cpu") === t,
      to_device_is_self: t.to(torch.device("cpu")) === t,
      to_copy_is_self: t.to("cpu", { copy: true }) === t,
      to_other: [String(toOther.dtype), toOther.tolist()],
      to_cpu_float64: String(t.to("cpu", torch.float64).dtype),
      to_float64: String(t.to(torch.float64).dtype),
      to_index_cpu: String(t.to(torch.device("cpu", 0)).device),
    }).toEqual(FX.tensor);
  });

  it("pin_memory() fails with the dispatcher's error of a CPU-only build (its first paragraph)", () => {
    const t = torch.tensor([1.0]);
    const message = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect((e as Error).name).toBe("NotImplementedError");
        return (e as Error).message;
      }
      throw new Error("did not raise");
    };
    // PyTorch goes on to list where each backend was registered in its build's sources.
    expect(FX.pin_memory.none.startsWith(message(() => t.pin_memory()) + "\n")).toBe(true);
    expect(FX.pin_memory.cpu.startsWith(message(() => t.pin_memory("cpu")) + "\n")).toBe(true);
  });

  it("numpy() gives NumPy's shape, byte strides and dtype over the tensor's own memory", () => {
    const base = torch.arange(12, { dtype: torch.float32 }).reshape(3, 4);
    const views: Record<string, torch.Tensor> = {
      contiguous: base,
      transposed: base.t(),
      sliced: base.get("1:, 1:3"),
      stepped: base.get(":, ::2"),
      row: base.get(2),
      scalar: base.get(1, 1),
      int64: torch.arange(6).reshape(2, 3),
      int32: torch.arange(3, { dtype: torch.int32 }),
      bool: torch.tensor([true, false, true]),
      float64: torch.tensor([[0.5, 1.5]], { dtype: torch.float64 }),
      detached: torch.tensor([1.0, 2.0], { requires_grad: true }).detach(),
    };
    const ours = Object.fromEntries(Object.entries(views).map(([k, v]) => [k, arrayInfo(v.numpy())]));
    expect(ours).toEqual(FX.numpy);
    expect(arrayInfo(torch.tensor([1.0, 2.0], { requires_grad: true }).numpy({ force: true }))).toEqual(
      FX.numpy_force,
    );
  });

  it("numpy() shares memory both ways, as NumPy's view of a tensor does", () => {
    const b = torch.arange(12, { dtype: torch.float32 }).reshape(3, 4);
    const a = b.get("1:, 1:3").numpy();
    const set = (i: number, j: number, v: number) =>
      (a.data[(i * a.strides[0] + j * a.strides[1]) / a.itemsize] = v);
    set(0, 0, 100);
    set(1, 1, -1);
    b.mul_(2);
    expect({ tensor_after: b.tolist(), array_after: ndValues(a) }).toEqual(FX.numpy_shares);
  });

  it("from_numpy() wraps the array's memory with its strides and dtype", () => {
    const arrays: Record<string, InstanceType<typeof NDArray>> = {
      float32: new NDArray(Float32Array.from([0, 1, 2, 3, 4, 5]), [2, 3]),
      transposed: new NDArray(Float64Array.from([0, 1, 2, 3, 4, 5]), [3, 2], [8, 24]),
      int64: new NDArray(Float64Array.from([0, 1, 2, 3]), [4], null, "int64"),
      int32: new NDArray(Int32Array.from([0, 1, 2, 3]), [2, 2]),
      bool: new NDArray(Uint8Array.from([1, 0]), [2], null, "bool"),
      scalar: new NDArray(Float64Array.from([2.5]), []),
    };
    const info = (x: torch.Tensor): TensorInfo => ({
      shape: [...x.shape],
      stride: x.stride() as number[],
      dtype: String(x.dtype),
      values: x.tolist(),
    });
    expect(
      Object.fromEntries(Object.entries(arrays).map(([k, a]) => [k, info(torch.from_numpy(a))])),
    ).toEqual(FX.from_numpy);
    const arr = new NDArray(Float32Array.from([0, 1, 2, 3, 4, 5]), [2, 3]);
    const x = torch.from_numpy(arr);
    x.set("0, 0", 7);
    arr.data[5] = -1;
    expect({ array_after: ndValues(arr), tensor_after: x.tolist() }).toEqual(FX.from_numpy_shares);
    // A tensor's own array comes back as the same memory.
    const t = torch.tensor([1, 2, 3]);
    torch.from_numpy(t.numpy()).add_(1);
    expect(t.tolist()).toEqual([2, 3, 4]);
  });

  it("set_default_dtype changes Python floats, float factories, promotion and nn parameters", () => {
    const effects = () => {
      torch.manual_seed(0);
      const ints = () => torch.tensor([1n, 2n]);
      return {
        get_default_dtype: String(torch.get_default_dtype()),
        dtypes: [
          torch.tensor(1.0).dtype,
          torch.tensor([1, 2.5]).dtype,
          torch.zeros(2).dtype,
          torch.ones(2).dtype,
          torch.empty(1).dtype,
          torch.full([2], 1.5).dtype,
          torch.arange(0, 1, 0.5).dtype,
          torch.linspace(0, 1, 3).dtype,
          torch.eye(2).dtype,
          torch.rand(2).dtype,
          torch.randn(2).dtype,
          ints().mul(1.5).dtype,
          ints().div(2).dtype,
          ints().float().dtype,
          new nn.Linear(1, 1).weight.dtype,
          ints().dtype,
        ].map(String),
        rand: torch.rand(3).tolist(),
        linear_weight: new nn.Linear(2, 2).weight.tolist(),
      };
    };
    try {
      expect(effects()).toEqual(FX.default_dtype.float32);
      torch.set_default_dtype(torch.float64);
      expect(effects()).toEqual(FX.default_dtype.float64);
    } finally {
      torch.set_default_dtype(torch.float32);
    }
    expect(String(torch.tensor(1.0).dtype)).toBe(FX.default_dtype.restored);
  });
});

describe("threads, modules and DataParallel", () => {
  it("set_num_threads is read back by get_num_threads", () => {
    const before = torch.get_num_threads();
    torch.set_num_threads(3);
    expect(torch.get_num_threads()).toBe(FX.num_threads_after_set);
    torch.set_num_threads(before);
  });

  it("Module.cpu() and to() return the module, converting floating-point parameters", () => {
    torch.manual_seed(1);
    const lin = new nn.Linear(2, 3);
    expect({
      cpu_is_self: lin.cpu() === lin,
      to_cpu_is_self: lin.to("cpu") === lin,
      to_float64: String(lin.to(torch.float64).weight.dtype),
      to_device_float32: String(lin.to(torch.device("cpu"), torch.float32).weight.dtype),
      to_tensor: String(lin.to(torch.zeros(1, { dtype: torch.float64 })).bias!.dtype),
    }).toEqual(FX.module);
  });

  it("DataParallel without GPUs runs its module and prefixes its state_dict keys with module.", () => {
    torch.manual_seed(2);
    const model = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
    const dp = new nn.DataParallel(model, [0, 1]);
    const x = torch.randn(4, 2);
    expect({
      repr: String(dp),
      state_dict_keys: Object.keys(dp.state_dict()),
      named_parameters: [...dp.named_parameters()].map(([n]) => n),
      device_ids: dp.device_ids,
      module_is_model: dp.module === model,
      forward_equal: torch.equal(dp.forward(x) as torch.Tensor, model.forward(x) as torch.Tensor),
    }).toEqual(FX.data_parallel);
  });
});
