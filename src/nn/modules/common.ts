// What module constructors share: tensors made with PyTorch's factory_kwargs (device, dtype). Their reprs
// print Python's text of their values through src/python.ts.
import { empty } from "../../tensor/creation.js";
import { toCpuDevice, type Device } from "../../tensor/device.js";
import type { DType } from "../../tensor/dtype.js";
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
