// `out=` arguments: the op runs as usual, then its result is written into the given tensor(s), which
// PyTorch resizes (with a deprecation warning when they held elements) and never differentiates.
import { is_grad_enabled } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { setOutHooks } from "../signatures/registry.js";
import { allocate, bool, Category, float64, int64, scalarCategory, type DType } from "../tensor/dtype.js";
import { contiguousStrides, numel } from "../tensor/shape.js";
import { Storage, Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { checkNoInternalOverlap, cppTypeName, scalarTensor, writeInto } from "./core.js";
import { NamedTuple, ValuesIndices } from "./reduce_util.js";

const requiresGrad = (v: unknown): boolean =>
  v instanceof Tensor ? v._requiresGrad : Array.isArray(v) && v.some(requiresGrad);

/**
 * PyTorch's resize_output: a result of another shape replaces out's storage, row-major, or with `strides` (the
 * result's, for the ops defineOutStridesOfResult names).
 */
function resizeOutput(out: Tensor, shape: readonly number[], strides?: readonly number[]): void {
  if (out.shape.length === shape.length && out.shape.every((d, i) => d === shape[i])) return;
  if (out.numel() !== 0) {
    emitWarning(
      `An output with one or more elements was resized since it had shape [${out.shape.join(", ")}], which does ` +
        `not match the required output shape [${shape.join(", ")}]. This behavior is deprecated, and in a future ` +
        "PyTorch release outputs will not be resized unless they have zero elements. You can explicitly reuse an " +
        "out tensor t by resizing it, inplace, to zero elements with t.resize_(0).",
    );
  }
  const n = numel(shape);
  if (out._storage.data.length - out._offset < n) out._storage = new Storage(allocate(out.dtype, n));
  (out as { shape: readonly number[] }).shape = Object.freeze([...shape]);
  out._strides = strides === undefined ? contiguousStrides(shape) : [...strides];
  if (out._storage.data.length < n) out._offset = 0;
}

function writeOne(result: Tensor, out: Tensor, keepHistory: boolean): Tensor {
  if (result.dtype.category > out.dtype.category) {
    throw new RuntimeError(
      `result type ${result.dtype.scalarTypeName} can't be cast to the desired output type ${out.dtype.scalarTypeName}`,
    );
  }
  const strides = pendingStrides === "resize" || (pendingStrides === "empty" && out.numel() === 0);
  resizeOutput(out, result.shape, strides ? result._strides : undefined);
  checkNoInternalOverlap(out);
  writeInto(out, result);
  // An op autograd cannot differentiate (derivatives.yaml's not_implemented: heaviside, floor_divide) hands its
  // NotImplemented node on to out, as PyTorch's set_history(out, grad_fn) does.
  if (keepHistory && result._gradFn !== null) {
    out._gradFn = result._gradFn;
    out._outputNr = result._outputNr;
    out._requiresGrad = true;
  }
  return out;
}

/** An op's own check of its `out` tensor(s), given the implementation's arguments. */
export type OutCheck = (out: unknown, args: readonly unknown[]) => void;

const OUT_CHECKS = new Map<string, OutCheck>();

/** Declares the checks PyTorch makes of `out` for these ops before computing (their meta functions). */
export function defineOutCheck(names: readonly string[], check: OutCheck): void {
  for (const name of names) OUT_CHECKS.set(name, check);
}

/** TensorIterator's out= check for unary ops computing in one dtype: "Found dtype Long but expected Float". */
export function sameDtypeOut(expected: (input: Tensor) => DType): OutCheck {
  return (out: unknown, args: readonly unknown[]): void => {
    const want = expected(args[0] as Tensor);
    const dtype = (out as Tensor).dtype;
    if (dtype !== want)
      throw new RuntimeError(`Found dtype ${dtype.scalarTypeName} but expected ${want.scalarTypeName}`);
  };
}

/** The dtypes a structured op's out tensors must have, one per output, from the implementation's arguments. */
export type OutDtypes = (args: readonly unknown[]) => readonly DType[];

const OUT_DTYPES = new Map<string, OutDtypes>();

/**
 * Declares ops whose out tensors must have exactly their results' dtypes (structured kernels' set_output:
 * "Expected out tensor to have dtype float, but got double instead"), checked after the op's own argument
 * checks, as PyTorch's meta functions run first.
 */
export function defineOutDtypes(names: readonly string[], dtypes: OutDtypes): void {
  for (const name of names) OUT_DTYPES.set(name, dtypes);
}

/** When a resized out takes the result's strides, per op: on any resize, or only from zero elements. */
const RESULT_STRIDES = new Map<string, "resize" | "empty">();

/**
 * Declares ops whose out tensors, when resized, take their results' strides: the structured LAPACK kernels'
 * set_output_strided (column-major matrices); "empty" when only an out of zero elements does (cholesky_inverse).
 */
export function defineOutStridesOfResult(
  names: readonly string[],
  when: "resize" | "empty" = "resize",
): void {
  for (const name of names) RESULT_STRIDES.set(name, when);
}

/** The call under way's RESULT_STRIDES entry (checkOut sets it, writeOut reads it). */
let pendingStrides: "resize" | "empty" | undefined;

/** The out dtype check of the call under way (checkOut sets it, writeOut runs it). */
let pendingDtypes: (() => void) | null = null;
/** Whether the call under way is one of NOT_DIFFERENTIABLE's (checkOut sets it, writeOut reads it). */
let pendingNotDifferentiable = false;

/** Ops autograd never differentiates (bool results: isin, signbit, ...): their out= takes inputs requiring grad. */
const NOT_DIFFERENTIABLE = new Set<string>();

/** Declares ops whose out= PyTorch's autograd layer does not check for inputs that require grad. */
export function defineNotDifferentiable(names: readonly string[]): void {
  for (const name of names) NOT_DIFFERENTIABLE.add(name);
}

// Ops derivatives.yaml declares not differentiable (output_differentiability: [False], or no entry): PyTorch's
// out= overloads of these take inputs that require grad, and their outs stay out of the graph.
defineNotDifferentiable([
  ...["eq", "ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less", "less_equal", "not_equal"],
  ...["logical_and", "logical_or", "logical_xor", "logical_not", "all", "any", "argmax", "argmin"],
  ...["bucketize", "searchsorted", "nonzero", "heaviside", "histc", "floor_divide", "multinomial"],
]);

/** Throws PyTorch's error when an argument requires grad (out= is not differentiable), then the op's own. */
export function checkOut(name: string, args: readonly unknown[], out: unknown): void {
  pendingDtypes = null;
  pendingStrides = RESULT_STRIDES.get(name);
  pendingNotDifferentiable = NOT_DIFFERENTIABLE.has(name);
  if (is_grad_enabled() && !pendingNotDifferentiable && (requiresGrad(out) || args.some(requiresGrad))) {
    throw new RuntimeError(
      `${name}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.`,
    );
  }
  OUT_CHECKS.get(name)?.(out, args);
  const dtypes = OUT_DTYPES.get(name);
  if (dtypes !== undefined) {
    pendingDtypes = () => {
      const outs = out instanceof Tensor ? [out] : (out as Tensor[]);
      dtypes(args).forEach((want, i) => {
        const have = outs[i]?.dtype;
        if (have !== undefined && have !== want)
          throw new RuntimeError(
            `Expected out tensor to have dtype ${cppTypeName(want)}, but got ${cppTypeName(have)} instead`,
          );
      });
    };
  }
}

/**
 * A number given as out= (only the ops whose Tensor parameters take numbers: add, div, ...): PyTorch's parser
 * wraps it as scalar_to_tensor does (bool, int64, float64), so out=False is a bool tensor the result can't be
 * cast to, and out=0 of an int64 result is a new tensor, resized with a warning and returned.
 */
function wrapNumberOut(v: number | boolean | bigint): Tensor {
  const category = scalarCategory(v);
  return scalarTensor(
    v,
    category === Category.Bool ? bool : category === Category.Integral ? int64 : float64,
  );
}

/** Writes an op's result into `out` (a tensor, or one per result), returning what the call returns. */
export function writeOut(result: unknown, out: unknown): unknown {
  if (typeof out === "number" || typeof out === "boolean" || typeof out === "bigint")
    out = wrapNumberOut(out);
  const check = pendingDtypes;
  const keepHistory = pendingNotDifferentiable;
  pendingDtypes = null;
  pendingNotDifferentiable = false;
  try {
    check?.();
    if (out instanceof Tensor) return writeOne(result as Tensor, out, keepHistory);
    const outs = out as Tensor[];
    if (result instanceof NamedTuple) {
      const written = [...result].map((r, i) => writeOne(r, outs[i], keepHistory));
      return result instanceof ValuesIndices
        ? new ValuesIndices(written[0], written[1], result.typeName)
        : new NamedTuple(result.typeName, result.fields, written);
    }
    return (result as Tensor[]).map((r, i) => writeOne(r, outs[i], keepHistory));
  } finally {
    pendingStrides = undefined;
  }
}

setOutHooks({ check: checkOut, write: writeOut });
