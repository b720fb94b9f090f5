// torch.nn.utils.parameters_to_vector / vector_to_parameters (PyTorch 1.13's convert_parameters.py): every
// parameter flattened into one vector with cat, and a vector's slices written back as each parameter's data.
import { cat } from "../../ops/join.js";
import { pyAttr, pyMethod } from "../../optim/python.js";
import { pyTypeName } from "../../python_type.js";
import { definePython } from "../../signatures/registry.js";
import { Tensor } from "../../tensor/tensor.js";

/** `for param in parameters`: Python's TypeError for a value that is not iterable. */
function iterate(parameters: unknown): Iterable<Tensor> {
  const it = parameters as Iterable<Tensor> | null;
  if (it === null || it === undefined || typeof it[Symbol.iterator] !== "function")
    throw new TypeError(`'${pyTypeName(parameters)}' object is not iterable`);
  return it;
}

/** _check_param_device: the CPU only, so every parameter is on the first one's device. */
function checkParamDevice(param: Tensor, first: string | null): string {
  const device = String(pyAttr(param, "device"));
  if (first !== null && device !== first)
    throw new TypeError("Found two parameters on different devices, this is currently not supported.");
  return device;
}

export function parameters_to_vector(parameters: unknown): Tensor {
  let device: string | null = null;
  const vec: Tensor[] = [];
  for (const param of iterate(parameters)) {
    device = checkParamDevice(param, device);
    vec.push(pyMethod<Tensor>(param, "view", -1));
  }
  return cat(vec);
}

export function vector_to_parameters(vec: unknown, parameters: unknown): null {
  if (!(vec instanceof Tensor)) throw new TypeError(`expected torch.Tensor, but got: ${pyTypeName(vec)}`);
  let device: string | null = null;
  let pointer = 0;
  for (const param of iterate(parameters)) {
    device = checkParamDevice(param, device);
    const n = pyMethod<number>(param, "numel");
    // vec[pointer:pointer + n]: a slice past the end is cut short (and view_as then rejects it).
    const start = Math.min(pointer, vec.shape[0]);
    param.data = vec.narrow(0, start, Math.min(n, vec.shape[0] - start)).view_as(param).data;
    pointer += n;
  }
  return null;
}

// Unannotated in convert_parameters.py: what Python's own operations reject is rejected where they run.
definePython("torch.nn.utils", {
  "parameters_to_vector(parameters) -> Tensor": parameters_to_vector,
  "vector_to_parameters(vec, parameters) -> None": vector_to_parameters,
});
