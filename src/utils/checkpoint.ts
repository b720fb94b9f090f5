// torch.utils.checkpoint.checkpoint (PyTorch 1.13's reentrant variant): trades compute for memory. The
// forward runs without recording a graph (so nothing inside is saved for backward); backward runs it
// again with grad on, from the random state forward started with, and backpropagates through that fresh
// graph. Tensors `function` closes over (parameters) get their .grad from the recomputation.
import { runBackward } from "../autograd/engine.js";
import { AutogradFunction, type FunctionCtx } from "../autograd/function.js";
import { enable_grad } from "../autograd/grad_mode.js";
import { NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { pyCall, pyTruthy } from "../optim/python.js";
import { definePython } from "../signatures/registry.js";
import { default_generator, type Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";

type RngState = Record<string, unknown>;

/** torch.get_rng_state() of the CPU generator: a copy of its fields (the Mersenne Twister state and position). */
function getRngState(g: Generator): RngState {
  return Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v instanceof Uint32Array ? v.slice() : v]));
}

/** torch.set_rng_state(): puts a copy of a saved state back. */
function setRngState(g: Generator, state: RngState): void {
  for (const [k, v] of Object.entries(state))
    (g as unknown as RngState)[k] = v instanceof Uint32Array ? v.slice() : v;
}

interface CheckpointState {
  fn: unknown;
  preserveRngState: boolean;
}

class CheckpointFunction extends AutogradFunction {
  static override forward(ctx: FunctionCtx, state: CheckpointState, ...args: unknown[]): unknown {
    if (!args.some((a) => a instanceof Tensor && a.requires_grad))
      emitWarning("None of the inputs have requires_grad=True. Gradients will be None");
    ctx.run_function = state.fn;
    ctx.preserve_rng_state = state.preserveRngState;
    if (state.preserveRngState) ctx.fwd_cpu_state = getRngState(default_generator);
    ctx.inputs = args;
    return pyCall(state.fn, ...args);
  }

  static override backward(ctx: FunctionCtx, ...grads: (Tensor | null)[]): (Tensor | null)[] {
    const args = ctx.inputs as unknown[];
    const detached = args.map((a) => (a instanceof Tensor ? a.detach().requires_grad_(a.requires_grad) : a));
    // torch.random.fork_rng: the recomputation draws what forward drew, and the global state is left as it was.
    const preserve = ctx.preserve_rng_state as boolean;
    const outer = preserve ? getRngState(default_generator) : null;
    if (preserve) setRngState(default_generator, ctx.fwd_cpu_state as RngState);
    let outputs: unknown[];
    try {
      outputs = enable_grad(() => {
        const out = pyCall<unknown>(ctx.run_function, ...detached);
        return out instanceof Tensor ? [out] : [...(out as Iterable<unknown>)];
      });
    } finally {
      if (outer !== null) setRngState(default_generator, outer);
    }
    const withGrad = outputs.filter((o): o is Tensor => o instanceof Tensor && o.requires_grad);
    if (withGrad.length === 0) {
      throw new RuntimeError("none of output has requires_grad=True, this checkpoint() is not necessary");
    }
    // Outputs no gradient flowed into (null) have nothing to propagate.
    const roots: Tensor[] = [];
    const rootGrads: Tensor[] = [];
    outputs.forEach((o, i) => {
      const g = grads[i];
      if (o instanceof Tensor && o.requires_grad && g) {
        roots.push(o);
        rootGrads.push(g);
      }
    });
    if (roots.length > 0) runBackward(roots, rootGrads, false, false, []);
    return [null, ...detached.map((d) => (d instanceof Tensor ? d._grad : null))];
  }
}

/** checkpoint(function, *args, use_reentrant=True, **kwargs): function(*args), recomputed in backward instead of keeping its intermediates. */
function checkpointImpl(
  fn: unknown,
  args: unknown[],
  use_reentrant: boolean,
  kwargs: Record<string, unknown>,
): Tensor | Tensor[] {
  const { preserve_rng_state: preserve = true, ...rest } = kwargs;
  const unexpected = Object.keys(rest);
  if (unexpected.length > 0 && use_reentrant)
    throw new ValueError("Unexpected keyword arguments: " + unexpected.join(","));
  if (!use_reentrant)
    throw new NotImplementedError(
      "tensorgrad's checkpoint is the reentrant variant: use_reentrant=False is not supported",
    );
  const state: CheckpointState = { fn, preserveRngState: pyTruthy(preserve) };
  return CheckpointFunction.apply(state, ...args) as Tensor | Tensor[];
}

// function is unannotated: PyTorch calls it as it is, and so do we.
definePython("torch.utils.checkpoint", {
  "checkpoint(function, *args, use_reentrant: bool = True, **kwargs) -> Tensor | Tensor[]": checkpointImpl,
});
