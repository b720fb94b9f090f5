// Shape and view ops. Views share storage with their input (and so its version counter).
import { RuntimeError } from "../errors.js";
import { contiguousStrides, normalizeDim, numel } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { checkTensor, installMethods, record, type AsMethod } from "./core.js";

/** @internal A tensor viewing `base`'s storage with new geometry. */
export function makeView(
  base: Tensor,
  shape: readonly number[],
  strides: number[],
  offset = base._offset,
): Tensor {
  const view = new Tensor(base._storage, shape, strides, offset, base.dtype);
  view._base = base._base ?? base;
  return view;
}

/** Resolves one -1 in a requested shape, with PyTorch's errors. */
function inferShape(shape: readonly number[], n: number): number[] {
  const out = [...shape];
  const infer = out.indexOf(-1);
  if (out.some((d, i) => d === -1 && i !== infer))
    throw new RuntimeError("only one dimension can be inferred");
  for (const d of out) {
    if (!Number.isInteger(d) || d < -1) throw new RuntimeError(`invalid shape dimension ${d}`);
  }
  if (infer >= 0) {
    const known = numel(out.filter((_, i) => i !== infer));
    if (known === 0 || n % known !== 0)
      throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${n}`);
    out[infer] = n / known;
  }
  if (numel(out) !== n)
    throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${n}`);
  return out;
}

function shapeArg(shape: readonly number[] | number, rest: number[]): number[] {
  return typeof shape === "number" ? [shape, ...rest] : [...shape];
}

/** torch.reshape: a view when the strides allow it, a copy otherwise. */
export function reshape(input: Tensor, shape: readonly number[] | number, ...rest: number[]): Tensor {
  checkTensor(input, "reshape");
  const target = inferShape(shapeArg(shape, rest), input.numel());
  const selfShape = input.shape;
  const source = contiguous(input);
  const out = makeView(source, target, contiguousStrides(target));
  const name = source === input ? "ReshapeAliasBackward0" : "UnsafeViewBackward0";
  return record(name, [source], out, () => ({ selfShape: source === input ? selfShape : source.shape }));
}

/** Tensor.view: always a view; fails (like PyTorch) when the strides don't allow one. */
export function view(input: Tensor, shape: readonly number[] | number, ...rest: number[]): Tensor {
  checkTensor(input, "view");
  const target = inferShape(shapeArg(shape, rest), input.numel());
  if (!input.is_contiguous()) {
    throw new RuntimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two " +
        "contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  const selfShape = input.shape;
  return record("ViewBackward0", [input], makeView(input, target, contiguousStrides(target)), () => ({
    selfShape,
  }));
}

/** Tensor.expand: broadcast size-1 dims (and new leading dims) without copying; -1 keeps a dim. */
export function expand(input: Tensor, shape: readonly number[] | number, ...rest: number[]): Tensor {
  checkTensor(input, "expand");
  const target = shapeArg(shape, rest);
  const lead = target.length - input.ndim;
  if (lead < 0) {
    throw new RuntimeError(
      `expand(torch.FloatTensor{[${input.shape.join(", ")}]}, size=[${target.join(", ")}]): the number of sizes provided (${target.length}) must be greater or equal to the number of dimensions in the tensor (${input.ndim})`,
    );
  }
  const outShape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < target.length; i++) {
    const want = target[i];
    if (i < lead) {
      if (want < 0)
        throw new RuntimeError(
          `The expanded size of the tensor (${want}) isn't allowed in a leading, non-existing dimension ${i}`,
        );
      outShape.push(want);
      strides.push(0);
      continue;
    }
    const have = input.shape[i - lead];
    const size = want === -1 ? have : want;
    if (have !== size && have !== 1) {
      throw new RuntimeError(
        `The expanded size of the tensor (${size}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: [${target.join(", ")}].  Tensor sizes: [${input.shape.join(", ")}]`,
      );
    }
    outShape.push(size);
    strides.push(have === size ? input._strides[i - lead] : 0);
  }
  if (outShape.length === input.ndim && outShape.every((d, i) => d === input.shape[i])) {
    return record("ExpandBackward0", [input], makeView(input, outShape, input._strides.slice()), () => ({
      selfShape: input.shape,
    }));
  }
  const selfShape = input.shape;
  return record("ExpandBackward0", [input], makeView(input, outShape, strides), () => ({ selfShape }));
}

export function unsqueeze(input: Tensor, dim: number): Tensor {
  checkTensor(input, "unsqueeze");
  const d = normalizeDim(dim, input.ndim + 1);
  const shape = [...input.shape];
  const strides = [...input._strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < input.ndim ? input._strides[d] * input.shape[d] : 1);
  return record("UnsqueezeBackward0", [input], makeView(input, shape, strides), () => ({ dim: d }));
}

/** torch.squeeze(input) drops every size-1 dim; squeeze(input, dim) only that one. */
export function squeeze(input: Tensor, dim?: number): Tensor {
  checkTensor(input, "squeeze");
  const drop = dim === undefined ? null : normalizeDim(dim, input.ndim);
  const keep = input.shape.map((s, i) => (drop === null ? s !== 1 : i !== drop || s !== 1));
  const selfShape = input.shape;
  const out = makeView(
    input,
    input.shape.filter((_, i) => keep[i]),
    input._strides.filter((_, i) => keep[i]),
  );
  return record(drop === null ? "SqueezeBackward0" : "SqueezeBackward1", [input], out, () => ({ selfShape }));
}

/** @internal Re-inserts reduced dims (sorted) as size 1, for reduction backward. */
export function unsqueezeDims(input: Tensor, dims: readonly number[]): Tensor {
  let out = input;
  for (const d of dims) out = unsqueeze(out, d);
  return out;
}

/** A contiguous tensor with the same values: this tensor itself when already contiguous. */
export function contiguous(input: Tensor): Tensor {
  checkTensor(input, "contiguous");
  if (input.is_contiguous()) return input;
  const data = input.values();
  const out = Tensor._fromData(data, input.shape, input.dtype);
  return record("CloneBackward0", [input], out, () => ({}));
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    reshape: AsMethod<typeof reshape>;
    view: AsMethod<typeof view>;
    expand: AsMethod<typeof expand>;
    unsqueeze: AsMethod<typeof unsqueeze>;
    squeeze: AsMethod<typeof squeeze>;
  }
}
installMethods({ reshape, view, expand, unsqueeze, squeeze });
