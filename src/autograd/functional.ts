// torch.autograd.functional: jacobian, hessian, vjp, jvp, vhp, hvp, ported from PyTorch 1.13's
// torch/autograd/functional.py on top of autograd.grad(). JS arrays stand for Python tuples: a single tensor
// input (or output) gives tensors back and an array gives arrays. Results are cut from the graph unless
// create_graph is set. vectorize=True and strategy="forward-mode" compute the same values PyTorch's
// vmap and forward-mode AD give, with the loop over reverse-mode gradients.
import { AssertionError, NotImplementedError, RuntimeError } from "../errors.js";
import { stack } from "../ops/join.js";
import { definePython } from "../signatures/registry.js";
import { zeros_like } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";
import { grad } from "./engine.js";
import { callPython, pyTruthy } from "./python.js";
import { enable_grad, is_grad_enabled, set_grad_enabled } from "./grad_mode.js";

type Fn = (...inputs: Tensor[]) => unknown;
type Tuple = (Tensor | null)[];

/** Python's type(v) as _as_tuple prints it: "<class 'str'>". */
function pyClass(v: unknown): string {
  if (v === null || v === undefined) return "<class 'NoneType'>";
  if (Array.isArray(v)) return "<class 'list'>";
  const names: Record<string, string> = {
    number: Number.isInteger(v) ? "int" : "float",
    string: "str",
    boolean: "bool",
    bigint: "int",
    function: "function",
  };
  return `<class '${names[typeof v] ?? (v as object).constructor?.name ?? "object"}'>`;
}

/** _as_tuple: a tensor or an array of tensors as a list, and whether it was an array. */
function asTuple(v: unknown, argName: string, fnName: string): [Tensor[], boolean] {
  const isTuple = Array.isArray(v);
  const list: unknown[] = isTuple ? [...(v as unknown[])] : [v];
  list.forEach((el, i) => {
    if (!(el instanceof Tensor)) {
      const where = isTuple ? `value at index ${i}` : `given ${argName}`;
      throw new TypeError(
        `The ${argName} given to ${fnName} must be either a Tensor or a tuple of Tensors but the ${where} has type ${pyClass(el)}.`,
      );
    }
  });
  return [list as Tensor[], isTuple];
}

/** _grad_preprocess: inputs connected to the caller's graph only with create_graph. */
function gradPreprocess(inputs: Tensor[], createGraph: boolean, needGraph: boolean): Tensor[] {
  return inputs.map((t) =>
    createGraph && t.requires_grad ? t.view([...t.shape]) : t.detach().requires_grad_(needGraph),
  );
}

/** _grad_postprocess: results cut from the graph unless create_graph. */
function gradPostprocess<T extends Tensor | null>(list: T[], createGraph: boolean): T[] {
  return createGraph ? list : (list.map((t) => (t === null ? t : t.detach())) as T[]);
}

function callFunc(func: Fn, inputs: Tensor[]): unknown {
  return callPython(func, inputs);
}

const STRICT_MESSAGES: Record<string, (i: number) => string> = {
  outputs: (i) =>
    `Output ${i} of the user-provided function does not require gradients. The outputs must be computed in a differentiable manner from the input when running in strict mode.`,
  grad_inputs: (i) =>
    `The gradient with respect to input ${i} is independent of the inputs of the user-provided function. This is not allowed in strict mode.`,
  jacobian: (i) =>
    `While computing the hessian, found that the jacobian of the user-provided function with respect to input ${i} is independent of the input. This is not allowed in strict mode. You should ensure that your function is twice differentiable and that the jacobian depends on the inputs (this would be violated by a linear function for example).`,
  hessian: (i) =>
    `The hessian of the user-provided function with respect to input ${i} is independent of the input. This is not allowed in strict mode. You should ensure that your function is thrice differentiable and that the hessian depends on the inputs.`,
};

/** _check_requires_grad: in strict mode, every tensor must depend on the inputs. */
function checkRequiresGrad(list: readonly (Tensor | null)[], kind: string, strict: boolean): void {
  if (!strict) return;
  list.forEach((t, i) => {
    if (t === null)
      throw new RuntimeError(
        `The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`,
      );
    if (!t.requires_grad) throw new RuntimeError(STRICT_MESSAGES[kind](i));
  });
}

/** _validate_v: one v per tensor, of its size. */
function validateV(v: Tensor[], other: Tensor[], isOtherTuple: boolean): void {
  if (v.length !== other.length) {
    throw new RuntimeError(
      isOtherTuple
        ? `v is a tuple of invalid length: should be ${other.length} but got ${v.length}.`
        : "The given v should contain a single Tensor.",
    );
  }
  const size = (t: Tensor) => `torch.Size([${t.shape.join(", ")}])`;
  v.forEach((t, i) => {
    if (t.shape.join() !== other[i].shape.join() || t.ndim !== other[i].ndim) {
      const prefix = isOtherTuple ? `Entry ${i} in ` : "";
      throw new RuntimeError(`${prefix}v has invalid size: should be ${size(other[i])} but got ${size(t)}.`);
    }
  });
}

/** _autograd_grad: gradients of the outputs that require grad (None for every input when none does). */
function autogradGrad(
  outputs: readonly (Tensor | null)[],
  inputs: Tensor[],
  gradOutputs: readonly (Tensor | null)[] | null,
  createGraph: boolean,
  retainGraph: boolean | null = null,
): Tuple {
  const used: Tensor[] = [];
  const usedGrads: (Tensor | null)[] = [];
  outputs.forEach((out, i) => {
    if (out !== null && out.requires_grad) {
      used.push(out);
      usedGrads.push(gradOutputs === null ? null : gradOutputs[i]);
    }
  });
  if (used.length === 0) return inputs.map(() => null);
  return grad(used, inputs, usedGrads, retainGraph, createGraph, true);
}

const FILL_MESSAGES: Record<string, (i: number) => string> = {
  back: (i) =>
    `The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`,
  back_trick: (i) =>
    `The gradient with respect to the input is independent of entry ${i} in the grad_outputs when using the double backward trick to compute forward mode gradients. This is not allowed in strict mode.`,
  double_back: (i) =>
    `The jacobian of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`,
  double_back_trick: (i) =>
    `The hessian of the user-provided function is independent of entry ${i} in the grad_jacobian. This is not allowed in strict mode as it prevents from using the double backward trick to replace forward mode AD.`,
};

/** _fill_in_zeros: zeros where a gradient is None (an error in strict mode). */
function fillInZeros(
  grads: Tuple,
  refs: readonly Tensor[],
  strict: boolean,
  createGraph: boolean,
  stage: string,
): Tensor[] {
  return grads.map((g, i) => {
    if (g === null) {
      if (strict) throw new RuntimeError(FILL_MESSAGES[stage](i));
      return zeros_like(refs[i]);
    }
    if (strict && createGraph && !g.requires_grad) {
      const what = stage.includes("double") ? "hessian" : "jacobian";
      throw new RuntimeError(
        `The ${what} of the user-provided function is independent of input ${i}. This is not allowed in strict mode when create_graph=True.`,
      );
    }
    return g;
  });
}

function withGradMode<T>(mode: boolean, fn: () => T): T {
  const previous = is_grad_enabled();
  set_grad_enabled(mode);
  try {
    return fn();
  } finally {
    set_grad_enabled(previous);
  }
}

const unpack = <T>(list: T[], isTuple: boolean): T | T[] => (isTuple ? list : list[0]);

/** v given or implied (None is allowed when the reference is a single one-element tensor). */
function vectorOf(
  v: unknown,
  refs: Tensor[],
  refsTuple: boolean,
  createGraph: boolean,
  fnName: string,
  what: string,
): Tensor[] | null {
  if (v !== null) {
    const vs = gradPreprocess(asTuple(v, "v", fnName)[0], createGraph, false);
    validateV(vs, refs, refsTuple);
    return vs;
  }
  if (refs.length !== 1 || refs[0].numel() !== 1)
    throw new RuntimeError(`The vector v can only be None if ${what} a single Tensor with a single element.`);
  return null;
}

/** vjp(func, inputs, v=None, create_graph=False, strict=False) → [func(inputs), vᵀ·J]. */
export function vjp(
  func: Fn,
  inputs: unknown,
  v: unknown = null,
  createGraphFlag: unknown = false,
  strictFlag: unknown = false,
): [unknown, unknown] {
  const createGraph = pyTruthy(createGraphFlag);
  const strict = pyTruthy(strictFlag);
  const [outputs, outTuple, xs, inTuple, vs] = enable_grad(() => {
    const [list, isTuple] = asTuple(inputs, "inputs", "vjp");
    const xs = gradPreprocess(list, createGraph, true);
    const [outs, outTuple] = asTuple(callFunc(func, xs), "outputs of the user-provided function", "vjp");
    checkRequiresGrad(outs, "outputs", strict);
    const vs = vectorOf(v, outs, outTuple, createGraph, "vjp", "the user-provided function returns");
    return [outs, outTuple, xs, isTuple, vs] as const;
  });
  const result = withGradMode(createGraph || is_grad_enabled(), () =>
    fillInZeros(autogradGrad(outputs, xs, vs, createGraph), xs, strict, createGraph, "back"),
  );
  return [
    unpack(gradPostprocess(outputs, createGraph), outTuple),
    unpack(gradPostprocess(result, createGraph), inTuple),
  ];
}

/** jvp(func, inputs, v=None, create_graph=False, strict=False) → [func(inputs), J·v], by the double-vjp trick. */
export function jvp(
  func: Fn,
  inputs: unknown,
  v: unknown = null,
  createGraphFlag: unknown = false,
  strictFlag: unknown = false,
): [unknown, unknown] {
  const createGraph = pyTruthy(createGraphFlag);
  const strict = pyTruthy(strictFlag);
  const [outputs, outTuple, gradInputs, gradOutputs, vs] = enable_grad(() => {
    const [list, isTuple] = asTuple(inputs, "inputs", "jvp");
    const xs = gradPreprocess(list, createGraph, true);
    const vs = vectorOf(v, xs, isTuple, createGraph, "jvp", "the input to the user-provided function is");
    const [outs, outTuple] = asTuple(callFunc(func, xs), "outputs of the user-provided function", "jvp");
    checkRequiresGrad(outs, "outputs", strict);
    // The backward is linear, so the grad_outputs' values don't matter (zeros, free of inf and nan).
    const us = outs.map((o) => zeros_like(o, { requires_grad: true }));
    const gradInputs = autogradGrad(outs, xs, us, true);
    checkRequiresGrad(gradInputs, "grad_inputs", strict);
    return [outs, outTuple, gradInputs, us, vs] as const;
  });
  const compute = () =>
    fillInZeros(
      autogradGrad(gradInputs, gradOutputs, vs, createGraph),
      outputs,
      strict,
      createGraph,
      "back_trick",
    );
  const result = createGraph ? enable_grad(compute) : compute();
  return [
    unpack(gradPostprocess(outputs, createGraph), outTuple),
    unpack(gradPostprocess(result, createGraph), outTuple),
  ];
}

const STRATEGY_HINT =
  'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function has more outputs than inputs, "forward-mode" tends to be more performant. Otherwise, prefer to use "reverse-mode".';

/** The full Jacobian: entry [i][j] has shape outputs[i].shape + inputs[j].shape. */
export function jacobian(
  func: Fn,
  inputs: unknown,
  createGraphFlag: unknown = false,
  strictFlag: unknown = false,
  vectorizeFlag: unknown = false,
  strategy: string = "reverse-mode",
): unknown {
  const createGraph = pyTruthy(createGraphFlag);
  const strict = pyTruthy(strictFlag);
  const vectorize = pyTruthy(vectorizeFlag);
  if (strategy !== "forward-mode" && strategy !== "reverse-mode") throw new AssertionError(STRATEGY_HINT);
  if (strategy === "forward-mode") {
    if (createGraph)
      throw new NotImplementedError(
        'torch.autograd.functional.jacobian: `create_graph=True` and `strategy="forward-mode"` are not supported together (yet). Please either set `create_graph=False` or `strategy="reverse-mode"`.',
      );
    if (strict)
      throw new RuntimeError(
        'torch.autograd.functional.jacobian: `strict=True` and `strategy="forward-mode"` are not supported together (yet). Please either set `strict=False` or `strategy="reverse-mode"`.',
      );
    asTuple(inputs, "inputs", "jacobian");
    if (!vectorize)
      throw new NotImplementedError(
        "Computing Jacobian using forward-AD or forward-over-reverse Hessian isonly implemented for `vectorize=True`.",
      );
  }
  return enable_grad(() => {
    const [list, inTuple] = asTuple(inputs, "inputs", "jacobian");
    const xs = gradPreprocess(list, createGraph, true);
    const [outs, outTuple] = asTuple(callFunc(func, xs), "outputs of the user-provided function", "jacobian");
    checkRequiresGrad(outs, "outputs", strict);
    if (vectorize && strict)
      throw new RuntimeError(
        "torch.autograd.functional.jacobian: `strict=True` and `vectorized=True` are not supported together. Please either set `strict=False` or `vectorize=False`.",
      );
    const blocks = outs.map((out, i) => {
      const rows: Tensor[][] = xs.map(() => []);
      const flat = out.reshape([-1]);
      for (let j = 0; j < out.numel(); j++) {
        const vj = autogradGrad([flat.select(0, j)], xs, null, createGraph, true);
        vj.forEach((g, k) => {
          if (g !== null) {
            if (strict && createGraph && !g.requires_grad)
              throw new RuntimeError(
                `The jacobian of the user-provided function is independent of input ${i}. This is not allowed in strict mode when create_graph=True.`,
              );
            rows[k].push(g);
          } else {
            if (strict)
              throw new RuntimeError(
                `Output ${i} of the user-provided function is independent of input ${k}. This is not allowed in strict mode.`,
              );
            rows[k].push(zeros_like(xs[k]));
          }
        });
      }
      return gradPostprocess(
        rows.map((r, k) =>
          r.length > 0
            ? stack(r, 0).view([...out.shape, ...xs[k].shape])
            : zeros_like(xs[k]).reshape([...out.shape, ...xs[k].shape]),
        ),
        createGraph,
      );
    });
    const inner = blocks.map((row) => unpack(row, inTuple));
    return unpack(inner, outTuple);
  });
}

function singleOutput(func: Fn, strict: boolean, fnName: string) {
  return (...xs: Tensor[]): Tensor => {
    const out = callFunc(func, xs);
    const [outs, outTuple] = asTuple(out, "outputs of the user-provided function", fnName);
    checkRequiresGrad(outs, "outputs", strict);
    if (outTuple || !(out instanceof Tensor))
      throw new RuntimeError(`The function given to ${fnName} should return a single Tensor`);
    if (out.numel() !== 1)
      throw new RuntimeError(
        `The Tensor returned by the function given to ${fnName} should contain a single element`,
      );
    return out;
  };
}

/** The Hessian of a scalar function: entry [i][j] has shape inputs[i].shape + inputs[j].shape. */
export function hessian(
  func: Fn,
  inputs: unknown,
  createGraph: unknown = false,
  strictFlag: unknown = false,
  vectorize: unknown = false,
  outerJacobianStrategy: string = "reverse-mode",
): unknown {
  const strict = pyTruthy(strictFlag);
  const [, inTuple] = asTuple(inputs, "inputs", "hessian");
  if (outerJacobianStrategy !== "forward-mode" && outerJacobianStrategy !== "reverse-mode")
    throw new AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".');
  const scalarFn = singleOutput(func, strict, "hessian");
  const ensureSingle = (...xs: Tensor[]) => scalarFn(...xs).squeeze();
  const jacFunc = (...xs: Tensor[]) => {
    const inp = outerJacobianStrategy === "forward-mode" ? xs.map((t) => t.requires_grad_(true)) : xs;
    const jac = jacobian(ensureSingle, inp, true) as Tensor[];
    checkRequiresGrad(jac, "jacobian", strict);
    return jac;
  };
  const res = jacobian(
    jacFunc,
    inTuple ? inputs : [inputs],
    createGraph,
    strict,
    vectorize,
    outerJacobianStrategy,
  ) as Tensor[][];
  const rows = inTuple ? res : res.map((row) => row[0]);
  return inTuple ? rows : rows[0];
}

/** vhp(func, inputs, v=None, create_graph=False, strict=False) → [func(inputs), vᵀ·H]. */
export function vhp(
  func: Fn,
  inputs: unknown,
  v: unknown = null,
  createGraphFlag: unknown = false,
  strictFlag: unknown = false,
): [unknown, unknown] {
  const createGraph = pyTruthy(createGraphFlag);
  const strict = pyTruthy(strictFlag);
  const [out, xs, inTuple, jac, vs] = enable_grad(() => {
    const [list, isTuple] = asTuple(inputs, "inputs", "vhp");
    const xs = gradPreprocess(list, createGraph, true);
    const vs = vectorOf(v, xs, isTuple, createGraph, "vhp", "the input to the user-provided function is");
    const out = singleOutput(func, strict, "vhp")(...xs);
    const jac = autogradGrad([out], xs, null, true);
    checkRequiresGrad(jac, "jacobian", strict);
    return [out, xs, isTuple, jac, vs] as const;
  });
  const result = withGradMode(createGraph || is_grad_enabled(), () =>
    fillInZeros(autogradGrad(jac, xs, vs, createGraph), xs, strict, createGraph, "double_back"),
  );
  return [gradPostprocess([out], createGraph)[0], unpack(gradPostprocess(result, createGraph), inTuple)];
}

/** hvp(func, inputs, v=None, create_graph=False, strict=False) → [func(inputs), H·v], by the double-backward trick. */
export function hvp(
  func: Fn,
  inputs: unknown,
  v: unknown = null,
  createGraphFlag: unknown = false,
  strictFlag: unknown = false,
): [unknown, unknown] {
  const createGraph = pyTruthy(createGraphFlag);
  const strict = pyTruthy(strictFlag);
  const [out, xs, inTuple, doubleBack, gradJac, vs] = enable_grad(() => {
    const [list, isTuple] = asTuple(inputs, "inputs", "hvp");
    const xs = gradPreprocess(list, createGraph, true);
    const vs = vectorOf(v, xs, isTuple, createGraph, "hvp", "the input to the user-provided function is");
    const out = singleOutput(func, strict, "hvp")(...xs);
    const jac = autogradGrad([out], xs, null, true);
    checkRequiresGrad(jac, "jacobian", strict);
    const gradJac = xs.map((x) => zeros_like(x, { requires_grad: true }));
    const doubleBack = autogradGrad(jac, xs, gradJac, true);
    checkRequiresGrad(jac, "hessian", strict);
    return [out, xs, isTuple, doubleBack, gradJac, vs] as const;
  });
  const result = withGradMode(createGraph || is_grad_enabled(), () =>
    fillInZeros(
      autogradGrad(doubleBack, gradJac, vs, createGraph),
      xs,
      strict,
      createGraph,
      "double_back_trick",
    ),
  );
  return [gradPostprocess([out], createGraph)[0], unpack(gradPostprocess(result, createGraph), inTuple)];
}

definePython("torch.autograd.functional", {
  "vjp(func: function, inputs: object, v: object = None, create_graph: truthy = False, strict: truthy = False) -> [any, any]":
    vjp,
  "jvp(func: function, inputs: object, v: object = None, create_graph: truthy = False, strict: truthy = False) -> [any, any]":
    jvp,
  "jacobian(func: function, inputs: object, create_graph: truthy = False, strict: truthy = False, vectorize: truthy = False, strategy: 'forward-mode' | 'reverse-mode' = 'reverse-mode') -> any":
    jacobian,
  "hessian(func: function, inputs: object, create_graph: truthy = False, strict: truthy = False, vectorize: truthy = False, outer_jacobian_strategy: 'forward-mode' | 'reverse-mode' = 'reverse-mode') -> any":
    hessian,
  "vhp(func: function, inputs: object, v: object = None, create_graph: truthy = False, strict: truthy = False) -> [any, any]":
    vhp,
  "hvp(func: function, inputs: object, v: object = None, create_graph: truthy = False, strict: truthy = False) -> [any, any]":
    hvp,
});
