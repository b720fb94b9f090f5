// default_collate: turns a list of samples into a batch, following the sample's structure. Tensors are
// stacked along a new dim 0; JS numbers are Python floats (float64 batch), bigints Python ints (int64),
// booleans bool; strings stay a list; arrays/tuples and plain objects are collated element- or key-wise;
// NDArrays (tensorgrad's ndarrays, src/ops/numpy.ts) become tensors, as NumPy arrays do in PyTorch.
import { KeyError, RuntimeError } from "../../errors.js";
import { from_numpy, NDArray } from "../../ops/numpy.js";
import { pyItem } from "../../optim/python.js";
import { pyRepr } from "../../python.js";
import { pyTypeName } from "../../signatures/messages.js";
import { definePython } from "../../signatures/registry.js";
import { allocate, bool, float64, int64, promoteTypes, type DType } from "../../tensor/dtype.js";
import { Tensor } from "../../tensor/tensor.js";

/** The type default_collate makes from a sample type. */
export type Collated<T> = unknown extends T
  ? unknown
  : T extends Tensor | NDArray | number | bigint | boolean
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { [K in keyof T]: Collated<T[K]> }
          : never;

/** The `{}` of PyTorch's messages for a sample's type: `<class 'NoneType'>`. */
function classOf(v: unknown): string {
  return `<class '${pyTypeName(v)}'>`;
}

/**
 * torch.stack(batch, 0) built straight from the samples' values (the batch is a new leaf: it does not
 * record StackBackward0 when a sample requires grad). Mixed dtypes promote as torch.stack does.
 */
function stackTensors(batch: readonly Tensor[]): Tensor {
  const first = batch[0];
  let dtype: DType = first.dtype;
  batch.forEach((t, i) => {
    if (t.shape.length !== first.shape.length || t.shape.some((d, k) => d !== first.shape[k]))
      throw new RuntimeError(
        `stack expects each tensor to be equal size, but got [${first.shape.join(", ")}] at entry 0 and ` +
          `[${t.shape.join(", ")}] at entry ${i}`,
      );
    dtype = promoteTypes(dtype, t.dtype);
  });
  const per = first.numel();
  const data = allocate(dtype, per * batch.length);
  batch.forEach((t, i) => {
    const values = t.values();
    if (t.dtype === dtype) data.set(values, i * per);
    else for (let k = 0; k < per; k++) data[i * per + k] = dtype.cast(values[k]);
  });
  return Tensor._fromData(data, [batch.length, ...first.shape], dtype);
}

function scalarsTensor(batch: readonly (number | bigint | boolean)[], dtype: DType): Tensor {
  const data = allocate(dtype, batch.length);
  batch.forEach((v, i) => (data[i] = dtype.cast(Number(v))));
  return Tensor._fromData(data, [batch.length], dtype);
}

/** torch.utils.data.default_collate: `batch[0]` decides how the batch is joined. */
export function default_collate<T>(batch: readonly T[]): Collated<T> {
  return collateAny(batch) as Collated<T>;
}

function collateAny(batch: readonly unknown[]): unknown {
  const elem = pyItem(batch, 0);
  const sameKind = (check: (v: unknown) => boolean): void => {
    batch.forEach((v) => {
      if (!check(v))
        throw new TypeError(
          `default_collate: every sample in a batch must have the same type; found ${classOf(elem)} and ${classOf(v)}`,
        );
    });
  };
  if (elem instanceof Tensor) {
    sameKind((v) => v instanceof Tensor);
    return stackTensors(batch as Tensor[]);
  }
  if (elem instanceof NDArray) {
    sameKind((v) => v instanceof NDArray);
    return stackTensors((batch as NDArray[]).map((a) => from_numpy(a)));
  }
  if (typeof elem === "number") {
    sameKind((v) => typeof v === "number");
    return scalarsTensor(batch as number[], float64);
  }
  if (typeof elem === "bigint") {
    sameKind((v) => typeof v === "bigint");
    return scalarsTensor(batch as bigint[], int64);
  }
  if (typeof elem === "boolean") {
    sameKind((v) => typeof v === "boolean");
    return scalarsTensor(batch as boolean[], bool);
  }
  if (typeof elem === "string") return batch.slice();
  if (Array.isArray(elem)) {
    sameKind((v) => Array.isArray(v));
    const size = elem.length;
    if (!(batch as unknown[][]).every((v) => v.length === size))
      throw new RuntimeError("each element in list of batch should be of equal size");
    return Array.from({ length: size }, (_, k) => collateAny((batch as unknown[][]).map((v) => v[k])));
  }
  if (elem instanceof Map) {
    sameKind((v) => v instanceof Map);
    const out = new Map<unknown, unknown>();
    for (const key of elem.keys())
      out.set(key, collateAny((batch as Map<unknown, unknown>[]).map((d) => mapGet(d, key))));
    return out;
  }
  if (elem !== null && typeof elem === "object" && Object.getPrototypeOf(elem) === Object.prototype) {
    sameKind((v) => v !== null && typeof v === "object" && !Array.isArray(v));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(elem)) {
      out[key] = collateAny(
        (batch as Record<string, unknown>[]).map((d) => {
          if (!(key in d)) throw new KeyError(pyRepr(key));
          return d[key];
        }),
      );
    }
    return out;
  }
  throw new TypeError(
    `default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ${classOf(elem)}`,
  );
}

function mapGet(map: Map<unknown, unknown>, key: unknown): unknown {
  if (!map.has(key)) throw new KeyError(pyRepr(key));
  return map.get(key);
}

// batch is unannotated: PyTorch reads batch[0] itself (a str or a non-list fails there, with Python's error).
definePython("torch.utils.data", {
  "default_collate(batch) -> object": (batch: unknown) => collateAny(batch as readonly unknown[]) as object,
});

/** The type default_convert makes: NDArrays become tensors, tuples lists, the rest keeps its shape. */
export type Converted<T> = T extends NDArray
  ? Tensor
  : T extends Tensor | string | number | bigint | boolean | null | undefined
    ? T
    : T extends readonly unknown[]
      ? { -readonly [K in keyof T]: Converted<T[K]> }
      : T extends object
        ? { [K in keyof T]: Converted<T[K]> }
        : T;

/**
 * torch.utils.data.default_convert: what a DataLoader without batching applies to each sample. NDArrays
 * become tensors sharing their memory (torch.as_tensor); arrays, Maps and plain objects are converted
 * element-wise into new ones; everything else is returned as it is.
 */
export function default_convert<T>(data: T): Converted<T> {
  return convertAny(data) as Converted<T>;
}

function convertAny(data: unknown): unknown {
  if (data instanceof NDArray) return from_numpy(data);
  if (Array.isArray(data)) return data.map(convertAny);
  if (data instanceof Map) return new Map([...data].map(([k, v]) => [k, convertAny(v)]));
  if (data !== null && typeof data === "object" && Object.getPrototypeOf(data) === Object.prototype)
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, convertAny(v)]));
  return data;
}

definePython("torch.utils.data", {
  "default_convert(data: dict | object) -> object": (data: unknown) => convertAny(data) as object,
});
