// torch.atleast_1d / atleast_2d / atleast_3d and torch.ravel: composites of reshape, unsqueeze, contiguous and
// view in PyTorch 1.13 (TensorShape.cpp), so their results are those ops' views and nodes. The atleast_*
// functions are Python wrappers (torch/functional.py) around natives taking one tensor or a sequence.
import { bindNative } from "../signatures/bind.js";
import { definePython, defineOps } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import type { Tensor } from "../tensor/tensor.js";
import { contiguous, reshape, unsqueeze, view } from "./shape.js";

/** x itself when it has a dim, else x reshaped to [1]. */
export function atleast_1d(input: Tensor): Tensor {
  return input.ndim === 0 ? reshape(input, [1]) : input;
}

/** x itself when it has two dims or more; a vector becomes a row. */
export function atleast_2d(input: Tensor): Tensor {
  if (input.ndim === 0) return reshape(input, [1, 1]);
  return input.ndim === 1 ? unsqueeze(input, 0) : input;
}

/** x itself when it has three dims or more; a vector becomes [1, n, 1], a matrix [m, n, 1]. */
export function atleast_3d(input: Tensor): Tensor {
  if (input.ndim === 0) return reshape(input, [1, 1, 1]);
  if (input.ndim === 1) return unsqueeze(unsqueeze(input, 0), -1);
  return input.ndim === 2 ? unsqueeze(input, -1) : input;
}

/** torch.ravel(x): `x.contiguous().view(-1)`, a view of x when x is contiguous. */
export function ravel(input: Tensor): Tensor {
  return view(contiguous(input), [-1]);
}

/** The native overloads the Python wrapper calls (_VF.atleast_Nd): one tensor, or a sequence of them. */
function nativeOverloads(name: string) {
  return [`${name}(Tensor input) -> Tensor`, `${name}(TensorList tensors) -> Tensor[]`].map((text) =>
    parseSignature(text, "native"),
  );
}

/** torch/functional.py's wrapper: one argument is passed as it is (a tensor or a sequence), several as a tuple. */
function atleastWrapper(name: string, one: (t: Tensor) => Tensor) {
  const overloads = nativeOverloads(name);
  return (tensors: unknown[]): Tensor | Tensor[] => {
    const argument = tensors.length === 1 ? tensors[0] : tensors;
    const { index, values } = bindNative(overloads, [argument], null);
    return index === 0 ? one(values[0] as Tensor) : (values[0] as Tensor[]).map(one);
  };
}

defineOps("torch", { "ravel(Tensor input) -> Tensor": ravel }, { methods: true });

definePython("torch", {
  "atleast_1d(*tensors) -> Tensor | Tensor[]": atleastWrapper("atleast_1d", atleast_1d),
  "atleast_2d(*tensors) -> Tensor | Tensor[]": atleastWrapper("atleast_2d", atleast_2d),
  "atleast_3d(*tensors) -> Tensor | Tensor[]": atleastWrapper("atleast_3d", atleast_3d),
});
