// torch.utils.checkpoint.checkpoint: trades compute for memory. The forward runs without recording a
// graph (so nothing inside is saved for backward); backward runs it again with grad on and backpropagates
// through that fresh graph. Like PyTorch's reentrant variant, tensors `fn` closes over (parameters) get
// their .grad from the recomputation.
import { backward } from "../autograd/engine.js";
import { AutogradFunction, type FunctionCtx } from "../autograd/function.js";
import { enable_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";

type CheckpointFn = (...args: never[]) => Tensor | readonly Tensor[];

interface CheckpointState {
  fn: (...args: unknown[]) => Tensor | readonly Tensor[];
  args: unknown[];
}

class CheckpointFunction extends AutogradFunction {
  static override forward(ctx: FunctionCtx, state: CheckpointState, ...args: unknown[]): unknown {
    ctx.run_function = state.fn;
    ctx.inputs = args;
    return state.fn(...args);
  }

  static override backward(ctx: FunctionCtx, ...grads: (Tensor | null)[]): (Tensor | null)[] {
    const run = ctx.run_function as CheckpointState["fn"];
    const args = ctx.inputs as unknown[];
    const detached = args.map((a) => (a instanceof Tensor ? a.detach().requires_grad_(a.requires_grad) : a));
    const outputs = enable_grad(() => {
      const out = run(...detached);
      return out instanceof Tensor ? [out] : [...out];
    });
    const roots: Tensor[] = [];
    const rootGrads: Tensor[] = [];
    outputs.forEach((o, i) => {
      const g = grads[i];
      if (o.requires_grad && g) {
        roots.push(o);
        rootGrads.push(g);
      }
    });
    if (roots.length === 0) {
      throw new RuntimeError("none of output has requires_grad=True, this checkpoint() is not necessary");
    }
    backward(roots, rootGrads);
    return [null, ...detached.map((d) => (d instanceof Tensor ? d._grad : null))];
  }
}

/** checkpoint(fn, ...args): fn(...args), recomputed in backward instead of keeping its intermediates. */
export function checkpoint<F extends CheckpointFn>(fn: F, ...args: Parameters<F>): ReturnType<F> {
  if (typeof fn !== "function") throw new TypeError("checkpoint(): argument 'function' must be callable");
  const state: CheckpointState = { fn: fn as unknown as CheckpointState["fn"], args };
  return CheckpointFunction.apply(state, ...(args as unknown[])) as ReturnType<F>;
}
