// nn.Module's backward hooks, as PyTorch 1.13 runs them (torch/utils/hooks.py's BackwardHook and
// Module._call_impl): a full backward hook wraps the module's tensor inputs and outputs in an identity
// autograd Function (BackwardHookFunction) whose graph nodes capture the gradients w.r.t. the outputs and then
// the inputs, and calls hook(module, grad_input, grad_output) with them; a non-full (deprecated) hook is a
// hook on the grad_fn of the module's first output tensor, with PyTorch's warnings when that node's gradients
// are not the module's.
import { AutogradFunction, type FunctionCtx } from "../autograd/function.js";
import { is_grad_enabled } from "../autograd/grad_mode.js";
import type { Node } from "../autograd/node.js";
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";

/** hook(module, grad_input, grad_output): may return replacement grad_input. */
export type BackwardHook<M> = (
  module: M,
  gradInput: (Tensor | null)[],
  gradOutput: (Tensor | null)[],
) => readonly (Tensor | null)[] | null | undefined | void;

export type ForwardHook<M> = (module: M, inputs: unknown[], output: unknown) => unknown;
export type ForwardPreHook<M> = (module: M, inputs: unknown[]) => unknown;

/** Module._call_impl with hooks: forward pre-hooks, backward hooks' set-up, forward, forward hooks. */
export function callWithHooks<M>(
  module: M,
  forward: (...a: unknown[]) => unknown,
  args: unknown[],
  hooks: { pre: ForwardPreHook<M>[]; post: ForwardHook<M>[]; backward: BackwardHook<M>[]; full: boolean },
): unknown {
  let inputs = args;
  for (const hook of hooks.pre) {
    const replaced = hook(module, inputs);
    if (replaced !== undefined && replaced !== null) inputs = Array.isArray(replaced) ? replaced : [replaced];
  }
  const full = hooks.full && hooks.backward.length > 0;
  const bwHook = full ? new FullBackwardHook<M>(module, hooks.backward) : null;
  if (bwHook) inputs = bwHook.setupInputHook(inputs);
  let output = forward.apply(module, inputs);
  for (const hook of hooks.post) {
    const replaced = hook(module, inputs, output);
    if (replaced !== undefined && replaced !== null) output = replaced;
  }
  if (bwHook) output = bwHook.setupOutputHook(output);
  if (!full && hooks.backward.length > 0) setupNonFullHooks<M>(module, hooks.backward, inputs, output);
  return output;
}

/** What `register_*_hook` returns: call remove() to unregister. */
export class RemovableHandle {
  constructor(private readonly onRemove: () => void) {}
  remove(): void {
    this.onRemove();
  }
  /** Python's repr, without the address. */
  toString(): string {
    return "<torch.utils.hooks.RemovableHandle object>";
  }
}

/** torch.nn.modules._functions.BackwardHookFunction: the identity, as a graph node of its own. */
class BackwardHookFunction extends AutogradFunction {
  static override forward(ctx: FunctionCtx, ...args: Tensor[]): Tensor[] {
    ctx.mark_non_differentiable(...args.filter((a) => !a.requires_grad));
    return args;
  }

  static override backward(_ctx: FunctionCtx, ...grads: (Tensor | null)[]): (Tensor | null)[] {
    return grads;
  }
}

/** One forward call's full backward hooks (torch.utils.hooks.BackwardHook). */
export class FullBackwardHook<M> {
  private gradOutputs: (Tensor | null)[] | null = null;
  private nOutputs = -1;
  private outputIndex: number[] | null = null;
  private nInputs = -1;
  private inputIndex: number[] | null = null;

  constructor(
    private readonly module: M,
    private readonly userHooks: BackwardHook<M>[],
  ) {}

  private static packWithNone(
    indices: number[],
    values: readonly (Tensor | null)[],
    size: number,
  ): (Tensor | null)[] {
    const res: (Tensor | null)[] = new Array<Tensor | null>(size).fill(null);
    indices.forEach((idx, i) => (res[idx] = values[i] ?? null));
    return res;
  }

  /** Passes the tensors among args through BackwardHookFunction; null index when none requires grad. */
  private applyOnTensors(fn: (node: Node) => void, args: unknown[]): [unknown[], number[] | null] {
    const index: number[] = [];
    const tensors: Tensor[] = [];
    let requiresGrad = false;
    args.forEach((a, i) => {
      if (a instanceof Tensor) {
        index.push(i);
        tensors.push(a);
        requiresGrad ||= a.requires_grad;
      }
    });
    if (!(requiresGrad && is_grad_enabled())) return [args, null];
    const wrapped = BackwardHookFunction.apply(...tensors) as Tensor[];
    if (wrapped.length === 0)
      throw new RuntimeError("Cannot set Module backward hook for a Module with no input Tensors.");
    const node = wrapped
      .map((t) => t.grad_fn)
      .find((g) => g !== null && g.name() === "BackwardHookFunctionBackward");
    if (!node)
      throw new RuntimeError(
        "Error while setting up backward hooks. Please open an issue with a code sample to reproduce this.",
      );
    fn(node);
    const out = args.slice();
    index.forEach((idx, i) => (out[idx] = wrapped[i]));
    return [out, index];
  }

  setupInputHook(args: unknown[]): unknown[] {
    const [res, index] = this.applyOnTensors((node) => {
      node.register_hook((gradInput) => {
        // Gradients that reach the inputs without passing through the outputs (double backward).
        if (this.gradOutputs === null) return;
        let res = FullBackwardHook.packWithNone(this.inputIndex!, gradInput, this.nInputs);
        for (const hook of this.userHooks) {
          const out = hook(this.module, res, this.gradOutputs);
          if (out === undefined || out === null) continue;
          if (out.length !== res.length)
            throw new RuntimeError(
              `Backward hook returned an invalid number of grad_input, got ${out.length}, but expected ${res.length}`,
            );
          res = [...out];
        }
        this.gradOutputs = null;
        return this.inputIndex!.map((i) => res[i] ?? null);
      });
    }, args);
    this.nInputs = args.length;
    this.inputIndex = index;
    return res;
  }

  setupOutputHook(result: unknown): unknown {
    const isTuple = Array.isArray(result);
    const args = isTuple ? (result as unknown[]) : [result];
    const [res, index] = this.applyOnTensors((node) => {
      node.register_hook((_gradInput, gradOutput) => {
        this.gradOutputs = FullBackwardHook.packWithNone(this.outputIndex!, gradOutput, this.nOutputs);
        // No input requires grad: the user hooks run here, with None for every input.
        if (this.inputIndex === null) {
          const gradInputs = FullBackwardHook.packWithNone([], [], this.nInputs);
          for (const hook of this.userHooks) {
            const r = hook(this.module, gradInputs, this.gradOutputs);
            if (r !== undefined && r !== null && !(Array.isArray(r) && r.every((g) => g === null)))
              throw new RuntimeError(
                "Backward hook for Modules where no input requires gradient should always return None or None for all gradients.",
              );
          }
          this.gradOutputs = null;
        }
      });
    }, args);
    this.nOutputs = args.length;
    this.outputIndex = index;
    return isTuple ? res : res[0];
  }
}

/** The tensor _call_impl hangs non-full backward hooks on: the first one found in the result. */
function firstTensor(result: unknown): Tensor {
  let v = result;
  while (!(v instanceof Tensor)) {
    if (Array.isArray(v)) v = v[0];
    else if (v !== null && typeof v === "object") v = Object.values(v).find((x) => x instanceof Tensor);
    else throw new TypeError(`'${v === null ? "NoneType" : typeof v}' object is not subscriptable`);
  }
  return v;
}

/** Module._call_impl's non-full backward hooks: hooks on the output's grad_fn, and _maybe_warn_non_full_backward_hook. */
export function setupNonFullHooks<M>(
  module: M,
  hooks: BackwardHook<M>[],
  inputs: unknown[],
  result: unknown,
): void {
  const gradFn = firstTensor(result).grad_fn;
  if (gradFn === null) return;
  for (const hook of hooks) gradFn.register_hook((gi, go) => hook(module, gi, go));
  warnNonFull(inputs, result, gradFn);
}

const WARN_NESTED_OUTPUT =
  "Using non-full backward hooks on a Module that does not return a single Tensor or a tuple of Tensors is deprecated and will be removed in future versions. This hook will be missing some of the grad_output. Please use register_full_backward_hook to get the documented behavior.";
const WARN_NESTED_INPUT =
  "Using non-full backward hooks on a Module that does not take as input a single Tensor or a tuple of Tensors is deprecated and will be removed in future versions. This hook will be missing some of the grad_input. Please use register_full_backward_hook to get the documented behavior.";

function warnNonFull(inputs: unknown[], result: unknown, gradFn: Node): void {
  const outputs = result instanceof Tensor ? [result] : result;
  if (!Array.isArray(outputs) || !outputs.every((r) => r instanceof Tensor))
    return emitWarning(WARN_NESTED_OUTPUT);
  if (!inputs.every((i) => i instanceof Tensor)) return emitWarning(WARN_NESTED_INPUT);
  const outGradFns = new Set((outputs as Tensor[]).map((r) => r.grad_fn).filter((g) => g !== null));
  if (outGradFns.size === 0 || (outGradFns.size === 1 && !outGradFns.has(gradFn))) {
    emitWarning(
      "Using a non-full backward hook when outputs are nested in python data structure is deprecated and will be removed in future versions. This hook will be missing some grad_output.",
    );
  } else if (outGradFns.size > 1) {
    emitWarning(
      "Using a non-full backward hook when outputs are generated by different autograd Nodes is deprecated and will be removed in future versions. This hook will be missing some grad_output. Please use register_full_backward_hook to get the documented behavior.",
    );
  } else {
    const inputGradFns = new Set((inputs as Tensor[]).map((i) => i.grad_fn).filter((g) => g !== null));
    const next = new Set(gradFn.next_functions.map(([n]) => n));
    const same = inputGradFns.size === next.size && [...next].every((n) => inputGradFns.has(n as Node));
    if (!same)
      emitWarning(
        "Using a non-full backward hook when the forward contains multiple autograd Nodes is deprecated and will be removed in future versions. This hook will be missing some grad_input. Please use register_full_backward_hook to get the documented behavior.",
      );
  }
}
