// What module constructors share: tensors made with PyTorch's factory_kwargs (device, dtype), and
// Python's str() of the values their reprs print.
import { empty } from "../../tensor/creation.js";
import { toCpuDevice, type Device } from "../../tensor/device.js";
import type { DType } from "../../tensor/dtype.js";
import { pythonFloatRepr } from "../../tensor/pyfloat.js";
import type { Tensor } from "../../tensor/tensor.js";

/** torch.empty(shape, device=device, dtype=dtype): the storage a module's parameter starts from. */
export function factoryEmpty(
  shape: readonly number[],
  device: Device | string | number | null,
  dtype: DType | null,
): Tensor {
  if (device !== null) toCpuDevice(device);
  return empty([...shape], { dtype });
}

/** str(bool). */
export const pyBool = (b: boolean): string => (b ? "True" : "False");

/** str(float): 1.0, 0.1, 1e-05 (JS cannot tell 1 from 1.0: a float parameter prints as a float). */
export const pyFloat = (x: number): string => pythonFloatRepr(x);

/** str() of a number: ints as ints, others as Python floats. */
export const pyNumber = (x: number): string => (Number.isInteger(x) ? String(x) : pythonFloatRepr(x));

/** str(tuple): (3,) or (3, 3). */
export const pyTuple = (t: readonly (number | null)[]): string =>
  t.length === 1 ? `(${pyItem(t[0])},)` : `(${t.map(pyItem).join(", ")})`;

const pyItem = (v: number | null): string => (v === null ? "None" : pyNumber(v));

/** str() of an int, None, or a sequence of them (a JS array prints as the tuple it stands for). */
export const pyIntArg = (v: number | null | readonly (number | null)[]): string =>
  v === null ? "None" : typeof v === "number" ? pyNumber(v) : pyTuple(v);
