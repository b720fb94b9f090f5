// torch.autograd.gradcheck and gradgradcheck: autograd's Jacobian (and the Jacobian of its gradients)
// against central finite differences, with PyTorch 1.13's checks and messages (torch/autograd/gradcheck.py).
// tensorgrad has neither vmap nor forward-mode AD, so the batched and forward-mode checks are refused;
// fast_mode runs the full (slow-mode) comparison, which is stricter.
import { AssertionError, AttributeError, NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { pyTypeName } from "../signatures/messages.js";
import { definePython } from "../signatures/registry.js";
import { float64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { grad } from "./engine.js";
import { callPython, pyTruthy } from "./python.js";

/** PyTorch's GradcheckError: a RuntimeError raised when a check fails. */
export class GradcheckError extends RuntimeError {
  constructor(message: string) {
    super(message);
    this.name = "GradcheckError";
  }
}

type Fn = (...inputs: unknown[]) => unknown;

/** gradcheck's _as_tuple: an array as is, anything else as a one-element tuple. */
function asTuple(v: unknown): unknown[] {
  return Array.isArray(v) ? [...(v as unknown[])] : [v];
}

const call = (func: Fn, inputs: readonly unknown[]): unknown => callPython(func, inputs);

/** _differentiable_outputs: the outputs that require grad. */
function differentiableOutputs(out: unknown): Tensor[] {
  return asTuple(out).filter((t): t is Tensor => t instanceof Tensor && t.requires_grad);
}

/** The i-th logical element's place in a (possibly strided) tensor's storage. */
function elementOffset(t: Tensor, i: number): number {
  let offset = t._offset;
  let rest = i;
  for (let d = t.ndim - 1; d >= 0; d--) {
    offset += (rest % t.shape[d]) * t._strides[d];
    rest = Math.floor(rest / t.shape[d]);
  }
  return offset;
}

/** _check_inputs: at least one input requires grad, none with a zero stride; warns for non-double ones. */
function checkInputs(inputs: readonly unknown[]): void {
  let anyRequiresGrad = false;
  inputs.forEach((inp, idx) => {
    if (!(inp instanceof Tensor) || !inp.requires_grad) return;
    if (inp.dtype !== float64) {
      emitWarning(
        `Input #${idx} requires gradient and is not a double precision floating point or complex. This check will likely fail if all the inputs are not of double precision floating point or complex. `,
      );
    }
    if (!inp.shape.every((size, d) => inp._strides[d] > 0 || size <= 1)) {
      throw new RuntimeError(
        `The ${idx}th input has a dimension with stride 0. gradcheck only supports inputs that are non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous on the input before passing it to gradcheck.`,
      );
    }
    anyRequiresGrad = true;
  });
  if (!anyRequiresGrad) {
    throw new ValueError(
      "gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.",
    );
  }
}

function numericalJacobian(
  func: Fn,
  inputs: unknown[],
  input: Tensor,
  outIndex: number,
  eps: number,
): number[][] {
  const data = input._storage.data;
  // Grad mode stays on, as in PyTorch: gradgradcheck's function differentiates inside.
  const evaluate = () => (asTuple(call(func, inputs))[outIndex] as Tensor).values();
  const rows: number[][] = [];
  for (let i = 0; i < input.numel(); i++) {
    const at = elementOffset(input, i);
    const original = data[at];
    data[at] = original + eps;
    const plus = evaluate();
    data[at] = original - eps;
    const minus = evaluate();
    data[at] = original;
    rows.push(Array.from(plus, (p, j) => (p - minus[j]) / (2 * eps)));
  }
  return rows;
}

function analyticalJacobian(input: Tensor, output: Tensor, checkGradDtypes: boolean): number[][] {
  const rows: number[][] = Array.from({ length: input.numel() }, () =>
    new Array<number>(output.numel()).fill(0),
  );
  for (let j = 0; j < output.numel(); j++) {
    const seed = new Float64Array(output.numel());
    seed[j] = 1;
    const gradOutput = Tensor._fromData(
      output.dtype === float64 ? seed : Float32Array.from(seed),
      output.shape,
      output.dtype,
    );
    const [g] = grad([output], [input], [gradOutput], true, false, true);
    if (!g) continue;
    if (checkGradDtypes && g.dtype !== input.dtype) throw new GradcheckError("Gradient has dtype mismatch");
    const values = g.values();
    for (let i = 0; i < input.numel(); i++) rows[i][j] = values[i];
  }
  return rows;
}

/** _gradcheck_helper for the backward (reverse-mode) check. */
function gradcheckHelper(
  func: Fn,
  inputs: unknown,
  eps: number,
  atol: number,
  rtol: number,
  checkGradDtypes: boolean,
  unsupported: Record<string, boolean>,
  checkBackwardAd: boolean,
): boolean {
  const list = asTuple(inputs);
  checkInputs(list);
  const all = asTuple(call(func, list));
  refuseUnsupported(unsupported);
  if (!checkBackwardAd) return true;
  if (!all.some((o) => o instanceof Tensor && o.requires_grad))
    return checkNoDifferentiableOutputs(func, list, all, eps);
  const diffInputs = list.filter((t): t is Tensor => t instanceof Tensor && t.requires_grad);
  all.forEach((output, outIndex) => {
    if (!(output instanceof Tensor) || !output.requires_grad) return;
    const o = outIndex;
    for (const input of diffInputs) {
      const k = list.indexOf(input);
      const numerical = numericalJacobian(func, list, input, outIndex, eps);
      const analytical = analyticalJacobian(input, output, checkGradDtypes);
      for (let i = 0; i < numerical.length; i++) {
        for (let j = 0; j < numerical[i].length; j++) {
          const a = analytical[i][j];
          const n = numerical[i][j];
          if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
            throw new GradcheckError(
              `Jacobian mismatch for output ${o} with respect to input ${k},\n` +
                `numerical:${jacobianTensor(numerical)}\nanalytical:${jacobianTensor(analytical)}\n`,
            );
          }
        }
      }
    }
  });
  return true;
}

/** A Jacobian (rows: input elements, columns: output elements) as the float64 tensor PyTorch prints. */
function jacobianTensor(rows: number[][]): Tensor {
  const columns = rows.length > 0 ? rows[0].length : 0;
  return Tensor._fromData(Float64Array.from(rows.flat()), [rows.length, columns], float64);
}

/** _check_no_differentiable_outputs: with no output requiring grad, every numerical gradient must be zero. */
function checkNoDifferentiableOutputs(func: Fn, inputs: unknown[], outputs: unknown[], eps: number): boolean {
  for (const input of inputs) {
    if (!(input instanceof Tensor) || !input.requires_grad) continue;
    outputs.forEach((output, outIndex) => {
      if (!(output instanceof Tensor) || !output.is_floating_point()) return;
      const jacobian = numericalJacobian(func, inputs, input, outIndex, eps);
      if (jacobian.some((row) => row.some((v) => v !== 0)))
        throw new GradcheckError("Numerical gradient for function expected to be zero");
    });
  }
  return true;
}

function refuseUnsupported(checks: Record<string, boolean>): void {
  for (const [name, on] of Object.entries(checks)) {
    if (on)
      throw new NotImplementedError(
        `tensorgrad's gradcheck does not support ${name}=True (it needs vmap or forward-mode AD)`,
      );
  }
}

/**
 * torch.autograd.gradcheck(func, inputs, *, eps, atol, rtol, raise_exception, ...): true, or a
 * GradcheckError naming the first mismatch (false with raise_exception=False).
 */
export function gradcheck(
  func: Fn,
  inputs: unknown,
  eps = 1e-6,
  atol = 1e-5,
  rtol = 1e-3,
  raiseException: unknown = true,
  _checkSparseNnz: unknown = false,
  _nondetTol = 0,
  _checkUndefinedGrad: unknown = true,
  checkGradDtypes: unknown = false,
  checkBatchedGrad: unknown = false,
  checkBatchedForwardGrad: unknown = false,
  checkForwardAd: unknown = false,
  checkBackwardAd: unknown = true,
  _fastMode: unknown = false,
): boolean {
  const forward = pyTruthy(checkForwardAd);
  const backward = pyTruthy(checkBackwardAd);
  const batched = pyTruthy(checkBatchedGrad);
  const batchedForward = pyTruthy(checkBatchedForwardGrad);
  if (!(forward || backward))
    throw new AssertionError("Expected at least one of check_forward_ad or check_backward_ad to be True");
  if (batched && !backward)
    throw new AssertionError("Setting check_batched_grad=True requires check_backward_ad to be True");
  if (batchedForward && !forward)
    throw new AssertionError("Setting check_batched_forward_grad=True requires check_forward_ad to be True");
  const unsupported = {
    check_batched_grad: batched,
    check_batched_forward_grad: batchedForward,
    check_forward_ad: forward,
  };
  try {
    return gradcheckHelper(func, inputs, eps, atol, rtol, pyTruthy(checkGradDtypes), unsupported, backward);
  } catch (e) {
    if (!pyTruthy(raiseException) && e instanceof GradcheckError) return false;
    throw e;
  }
}

/** Uniform values in [-1, 1) of `like`'s shape, requiring grad (torch.testing.make_tensor's grad outputs). */
function randomGradOutput(like: Tensor): Tensor {
  const dtype = like.is_floating_point() ? like.dtype : float64;
  return Tensor._fromData(new Float64Array(like.numel()), like.shape, float64)
    .to(dtype)
    .uniform_(-1, 1)
    .requires_grad_(true);
}

/** torch.autograd.gradgradcheck: gradcheck of the gradients of func (second derivatives). */
export function gradgradcheck(
  func: Fn,
  inputs: unknown,
  gradOutputs: unknown = null,
  eps = 1e-6,
  atol = 1e-5,
  rtol = 1e-3,
  genNonContigGradOutputs: unknown = false,
  raiseException: unknown = true,
  nondetTol = 0,
  checkUndefinedGrad: unknown = true,
  checkGradDtypes: unknown = false,
  checkBatchedGrad: unknown = false,
  checkFwdOverRev: unknown = false,
  checkRevOverRev: unknown = true,
  fastMode: unknown = false,
): boolean {
  const fwdOverRev = pyTruthy(checkFwdOverRev);
  const revOverRev = pyTruthy(checkRevOverRev);
  if (!(fwdOverRev || revOverRev))
    throw new AssertionError("Expected at least one of check_fwd_over_rev or check_rev_over_rev to be True");
  if (pyTruthy(checkUndefinedGrad) && !revOverRev)
    throw new AssertionError("Setting check_undefined_grad=True requires check_rev_over_rev to be True");
  if (pyTruthy(checkBatchedGrad) && !revOverRev)
    throw new AssertionError("Setting check_batched_grad=True requires check_rev_over_rev to be True");
  const tupledInputs = asTuple(inputs);
  let tupledGradOutputs: unknown[];
  if (gradOutputs === null) {
    const outputs = differentiableOutputs(call(func, tupledInputs));
    if (outputs.length > 0 && pyTruthy(genNonContigGradOutputs))
      throw new NotImplementedError(
        "tensorgrad's gradgradcheck does not support gen_non_contig_grad_outputs=True",
      );
    tupledGradOutputs = outputs.map(randomGradOutput);
  } else tupledGradOutputs = asTuple(gradOutputs);
  const numOutputs = tupledGradOutputs.length;
  const diffInputIndices = new Set(
    tupledInputs.flatMap((x, i) => (x instanceof Tensor && x.requires_grad ? [i] : [])),
  );
  const diffGradOutputIndices = new Set(
    tupledGradOutputs.flatMap((x, i) => {
      if (!(x instanceof Tensor))
        throw new AttributeError(`'${pyTypeName(x)}' object has no attribute 'requires_grad'`);
      return x.requires_grad ? [i] : [];
    }),
  );
  const newFunc = (...args: unknown[]): Tensor[] => {
    const inputArgs = args.slice(0, args.length - numOutputs);
    const outputs = differentiableOutputs(call(func, inputArgs));
    const gradOuts = args.slice(args.length - numOutputs) as Tensor[];
    gradOuts.forEach((x, i) => diffGradOutputIndices.has(i) && x.requires_grad_(true));
    const diffInputs = inputArgs.filter((_, i) => diffInputIndices.has(i));
    const grads = grad(outputs, diffInputs, gradOuts, null, true, true);
    return grads.filter((g): g is Tensor => g !== null);
  };
  return gradcheck(
    newFunc,
    [...tupledInputs, ...tupledGradOutputs],
    eps,
    atol,
    rtol,
    raiseException,
    false,
    nondetTol,
    checkUndefinedGrad,
    checkGradDtypes,
    checkBatchedGrad,
    false,
    fwdOverRev,
    revOverRev,
    fastMode,
  );
}

definePython("torch.autograd", {
  "gradcheck(func: function, inputs: object, *, eps: float = 1e-06, atol: float = 1e-05, rtol: float = 0.001, raise_exception: truthy = True, check_sparse_nnz: truthy = False, nondet_tol: float = 0.0, check_undefined_grad: truthy = True, check_grad_dtypes: truthy = False, check_batched_grad: truthy = False, check_batched_forward_grad: truthy = False, check_forward_ad: truthy = False, check_backward_ad: truthy = True, fast_mode: truthy = False) -> bool":
    gradcheck,
  "gradgradcheck(func: function, inputs: object, grad_outputs: object = None, *, eps: float = 1e-06, atol: float = 1e-05, rtol: float = 0.001, gen_non_contig_grad_outputs: truthy = False, raise_exception: truthy = True, nondet_tol: float = 0.0, check_undefined_grad: truthy = True, check_grad_dtypes: truthy = False, check_batched_grad: truthy = False, check_fwd_over_rev: truthy = False, check_rev_over_rev: truthy = True, fast_mode: truthy = False) -> bool":
    gradgradcheck,
});
