// torch.optim.LBFGS: PyTorch 1.13's L-BFGS with its optional strong-Wolfe line search (minFunc's).
// PyTorch mixes Python floats and 0-dim float32 tensors in this code (a step length starts as a tensor,
// curvature pairs are tensors, a loss is a float); the `Num` helpers below keep each value of the kind it
// has there, so every comparison and product rounds where PyTorch's does.
import { AssertionError, RuntimeError, ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { enable_grad } from "../autograd/grad_mode.js";
import { cat } from "../ops/join.js";
import { narrow } from "../ops/shape.js";
import { zeros } from "../tensor/creation.js";
import { dot } from "../ops/linalg.js";
import { add_ } from "../ops/inplace.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer } from "./optimizer.js";
import { pyCall, pyFloat, pyTimes } from "./python.js";

export interface LBFGSOptions {
  lr: number;
  max_iter: number;
  max_eval: number;
  tolerance_grad: number;
  tolerance_change: number;
  history_size: number;
  line_search_fn: string | null;
}

// All unannotated, as in PyTorch (which computes max_eval from max_iter and stores the rest).
const INIT = new PySignature(
  "torch.optim",
  "LBFGS.__init__(params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-07, tolerance_change=1e-09, history_size=100, line_search_fn=None)",
);
const STEP = new PySignature("torch.optim", "LBFGS.step(closure)");

/** A Python float or a 0-dim tensor, as the values of PyTorch's L-BFGS are. */
type Num = number | Tensor;

const isTensor = (x: Num): x is Tensor => x instanceof Tensor;
const add = (a: Num, b: Num): Num => (isTensor(a) ? a.add(b) : isTensor(b) ? b.add(a) : a + b);
// Tensor.__rsub__ is rsub(self, other) = other - self.
const sub = (a: Num, b: Num): Num => (isTensor(a) ? a.sub(b) : isTensor(b) ? b.neg().add(a) : a - b);
const mul = (a: Num, b: Num): Num => (isTensor(a) ? a.mul(b) : isTensor(b) ? b.mul(a) : a * b);
// Tensor.__rtruediv__ is self.reciprocal() * other.
const div = (a: Num, b: Num): Num => (isTensor(a) ? a.div(b) : isTensor(b) ? b.reciprocal().mul(a) : a / b);
const abs = (a: Num): Num => (isTensor(a) ? a.abs() : Math.abs(a));
const truthy = (x: Tensor | boolean): boolean => (typeof x === "boolean" ? x : Boolean(x.item()));
/** a < b with Python's reflection (`float < tensor` is `tensor > float`). */
function lt(a: Num, b: Num): boolean {
  if (isTensor(a)) return truthy(isTensor(b) ? a.lt(b) : a.lt(b));
  if (isTensor(b)) return truthy(b.gt(a));
  return a < b;
}
const gt = (a: Num, b: Num): boolean => lt(b, a);
function le(a: Num, b: Num): boolean {
  if (isTensor(a)) return truthy(isTensor(b) ? a.le(b) : a.le(b));
  if (isTensor(b)) return truthy(b.ge(a));
  return a <= b;
}
const ge = (a: Num, b: Num): boolean => le(b, a);
/** Python's min(a, b) / max(a, b): the first argument unless the second is strictly smaller / larger. */
const min = (a: Num, b: Num): Num => (lt(b, a) ? b : a);
const max = (a: Num, b: Num): Num => (gt(b, a) ? b : a);
/** `alpha=` of add_: a tensor converts to its Python number. */
const scalar = (x: Num): number => (isTensor(x) ? Number(x.item()) : x);

/** minFunc's cubic interpolation of the minimiser between two points. */
function cubicInterpolate(
  x1: Num,
  f1: Num,
  g1: Num,
  x2: Num,
  f2: Num,
  g2: Num,
  bounds: [Num, Num] | null = null,
): Num {
  const [xmin_bound, xmax_bound] = bounds ?? (le(x1, x2) ? [x1, x2] : [x2, x1]);
  const d1 = sub(add(g1, g2), div(mul(3, sub(f1, f2)), sub(x1, x2)));
  const d2_square = sub(isTensor(d1) ? d1.pow(2) : d1 ** 2, mul(g1, g2));
  if (ge(d2_square, 0)) {
    const d2 = (d2_square as Tensor).sqrt();
    const min_pos = le(x1, x2)
      ? sub(x2, mul(sub(x2, x1), div(sub(add(g2, d2), d1), add(sub(g2, g1), mul(2, d2)))))
      : sub(x1, mul(sub(x1, x2), div(sub(add(g1, d2), d1), add(sub(g1, g2), mul(2, d2)))));
    return min(max(min_pos, xmin_bound), xmax_bound);
  }
  return div(add(xmin_bound, xmax_bound), 2);
}

type Evaluate = (x: Tensor[], t: Num, d: Tensor) => [number, Tensor];

/** PyTorch's _strong_wolfe: returns [f_new, g_new, t, ls_func_evals]. */
function strongWolfe(
  objFunc: Evaluate,
  x: Tensor[],
  tInit: Num,
  d: Tensor,
  f: number,
  gInit: Tensor,
  gtd: Tensor,
  c1 = 1e-4,
  c2 = 0.9,
  tolerance_change = 1e-9,
  max_ls = 25,
): [number, Tensor, Num, number] {
  let t = tInit;
  const d_norm = d.abs().max();
  const g = gInit.clone();
  let [f_new, g_new] = objFunc(x, t, d);
  let ls_func_evals = 1;
  let gtd_new = dot(g_new, d);
  let [t_prev, f_prev, g_prev, gtd_prev]: [Num, number, Tensor, Num] = [0, f, g, gtd];
  let done = false;
  let ls_iter = 0;
  let bracket: Num[] = [];
  let bracket_f: number[] = [];
  let bracket_g: Tensor[] = [];
  let bracket_gtd: Num[] = [];
  // The sufficient-decrease bound f + c1 * t * gtd, as Python evaluates it (c1 * t first).
  const armijo = (step: Num): Num => add(f, mul(mul(c1, step), gtd));
  while (ls_iter < max_ls) {
    if (gt(f_new, armijo(t)) || (ls_iter > 1 && f_new >= f_prev)) {
      bracket = [t_prev, t];
      bracket_f = [f_prev, f_new];
      bracket_g = [g_prev, g_new.clone()];
      bracket_gtd = [gtd_prev, gtd_new];
      break;
    }
    if (le(abs(gtd_new), mul(-c2, gtd))) {
      bracket = [t];
      bracket_f = [f_new];
      bracket_g = [g_new];
      done = true;
      break;
    }
    if (ge(gtd_new, 0)) {
      bracket = [t_prev, t];
      bracket_f = [f_prev, f_new];
      bracket_g = [g_prev, g_new.clone()];
      bracket_gtd = [gtd_prev, gtd_new];
      break;
    }
    const min_step = add(t, mul(0.01, sub(t, t_prev)));
    const max_step = mul(t, 10);
    const tmp = t;
    t = cubicInterpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, [min_step, max_step]);
    t_prev = tmp;
    f_prev = f_new;
    g_prev = g_new.clone();
    gtd_prev = gtd_new;
    [f_new, g_new] = objFunc(x, t, d);
    ls_func_evals += 1;
    gtd_new = dot(g_new, d);
    ls_iter += 1;
  }
  if (ls_iter === max_ls) {
    bracket = [0, t];
    bracket_f = [f, f_new];
    bracket_g = [g, g_new];
  }
  let insuf_progress = false;
  let [low_pos, high_pos] = bracket_f[0] <= bracket_f[bracket_f.length - 1] ? [0, 1] : [1, 0];
  const bracketMax = (): Num => max(bracket[0], bracket[1]);
  const bracketMin = (): Num => min(bracket[0], bracket[1]);
  while (!done && ls_iter < max_ls) {
    if (lt(mul(abs(sub(bracket[1], bracket[0])), d_norm), tolerance_change)) break;
    t = cubicInterpolate(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1]);
    const eps = mul(0.1, sub(bracketMax(), bracketMin()));
    if (lt(min(sub(bracketMax(), t), sub(t, bracketMin())), eps)) {
      if (insuf_progress || ge(t, bracketMax()) || le(t, bracketMin())) {
        t = lt(abs(sub(t, bracketMax())), abs(sub(t, bracketMin())))
          ? sub(bracketMax(), eps)
          : add(bracketMin(), eps);
        insuf_progress = false;
      } else {
        insuf_progress = true;
      }
    } else {
      insuf_progress = false;
    }
    [f_new, g_new] = objFunc(x, t, d);
    ls_func_evals += 1;
    gtd_new = dot(g_new, d);
    ls_iter += 1;
    if (gt(f_new, armijo(t)) || f_new >= bracket_f[low_pos]) {
      bracket[high_pos] = t;
      bracket_f[high_pos] = f_new;
      bracket_g[high_pos] = g_new.clone();
      bracket_gtd[high_pos] = gtd_new;
      [low_pos, high_pos] = bracket_f[0] <= bracket_f[1] ? [0, 1] : [1, 0];
    } else {
      if (le(abs(gtd_new), mul(-c2, gtd))) {
        done = true;
      } else if (ge(mul(gtd_new, sub(bracket[high_pos], bracket[low_pos])), 0)) {
        bracket[high_pos] = bracket[low_pos];
        bracket_f[high_pos] = bracket_f[low_pos];
        bracket_g[high_pos] = bracket_g[low_pos];
        bracket_gtd[high_pos] = bracket_gtd[low_pos];
      }
      bracket[low_pos] = t;
      bracket_f[low_pos] = f_new;
      bracket_g[low_pos] = g_new.clone();
      bracket_gtd[low_pos] = gtd_new;
    }
  }
  return [bracket_f[low_pos], bracket_g[low_pos], bracket[low_pos], ls_func_evals];
}

export class LBFGS extends Optimizer<LBFGSOptions> {
  private readonly _params: Tensor[];

  constructor(...args: CallArgs<"LBFGS.__init__">) {
    const [params, lr, max_iter, maxEvalArg, tolerance_grad, tolerance_change, history_size, line_search_fn] =
      INIT.bind(args);
    // max_iter * 5 // 4, with Python's errors for a max_iter that is not a number.
    const max_eval = maxEvalArg ?? Math.floor((pyTimes(max_iter, 5) as number) / 4);
    super(params, { lr, max_iter, max_eval, tolerance_grad, tolerance_change, history_size, line_search_fn });
    if (this.param_groups.length !== 1)
      throw new ValueError("LBFGS doesn't support per-parameter options (parameter groups)");
    this._params = this.param_groups[0].params;
  }

  private gatherFlatGrad(): Tensor {
    return cat(
      this._params.map((p) => (p.grad === null ? zeros([p.numel()], { dtype: p.dtype }) : p.grad.view(-1))),
    );
  }

  private addGrad(step_size: Num, update: Tensor): void {
    let offset = 0;
    const alpha = scalar(step_size);
    for (const p of this._params) {
      const numel = p.numel();
      add_(p, narrow(update, 0, offset, numel).view_as(p), alpha);
      offset += numel;
    }
  }

  private directionalEvaluate(closure: () => unknown, x: Tensor[], t: Num, d: Tensor): [number, Tensor] {
    this.addGrad(t, d);
    const loss = pyFloat(closure());
    const flat_grad = this.gatherFlatGrad();
    this._params.forEach((p, i) => p.copy_(x[i]));
    return [loss, flat_grad];
  }

  /** Runs up to max_iter L-BFGS iterations; the closure re-evaluates the loss and its gradients. */
  override step(...args: CallArgs<"LBFGS.step">): Tensor | number | null {
    const [closureArg] = STEP.bind(args) as [unknown];
    if (this.param_groups.length !== 1) throw new AssertionError("");
    const closure = (): unknown => enable_grad(() => pyCall<unknown>(closureArg));
    let orig: unknown = null;
    this.runStep(null, () => {
      orig = this.iterate(closure);
    });
    return orig as Tensor | number | null;
  }

  private iterate(closure: () => unknown): unknown {
    const group = this.param_groups[0];
    const { lr, max_iter, max_eval, tolerance_grad, tolerance_change, line_search_fn, history_size } = group;
    // L-BFGS keeps one global state, registered under the first parameter (load_state_dict casts it).
    const state = this.stateOf(this._params[0]) as Record<string, unknown>;
    state.func_evals ??= 0;
    state.n_iter ??= 0;
    const countEvals = (n: number): void => void (state.func_evals = (state.func_evals as number) + n);
    const orig_loss = closure();
    let loss = pyFloat(orig_loss);
    let current_evals = 1;
    countEvals(1);
    let flat_grad = this.gatherFlatGrad();
    let opt_cond = truthy(flat_grad.abs().max().le(tolerance_grad));
    if (opt_cond) return orig_loss;

    let d = state.d as Tensor | undefined;
    let t = state.t as Num | undefined;
    let old_dirs = state.old_dirs as Tensor[] | undefined;
    let old_stps = state.old_stps as Tensor[] | undefined;
    let ro = state.ro as Tensor[] | undefined;
    let H_diag = state.H_diag as Num | undefined;
    let prev_flat_grad = state.prev_flat_grad as Tensor | undefined;
    let prev_loss = state.prev_loss as number | undefined;

    let n_iter = 0;
    while (n_iter < max_iter) {
      n_iter += 1;
      state.n_iter = (state.n_iter as number) + 1;
      if (state.n_iter === 1) {
        d = flat_grad.neg();
        old_dirs = [];
        old_stps = [];
        ro = [];
        H_diag = 1;
      } else {
        const y = flat_grad.sub(prev_flat_grad!);
        const s = d!.mul(t!);
        const ys = dot(y, s);
        if (truthy(ys.gt(1e-10))) {
          if (old_dirs!.length === history_size) {
            old_dirs!.shift();
            old_stps!.shift();
            ro!.shift();
          }
          old_dirs!.push(y);
          old_stps!.push(s);
          ro!.push(ys.reciprocal().mul(1.0));
          H_diag = ys.div(dot(y, y));
        }
        const num_old = old_dirs!.length;
        if (!("al" in state)) state.al = Array.from({ length: history_size }, () => null);
        const al = state.al as unknown as Array<Tensor | null>;
        const q = flat_grad.neg();
        for (let i = num_old - 1; i >= 0; i--) {
          al[i] = dot(old_stps![i], q).mul(ro![i]);
          add_(q, old_dirs![i], scalar(al[i]!.neg()));
        }
        const r = q.mul(H_diag!);
        d = r;
        for (let i = 0; i < num_old; i++) {
          const be_i = dot(old_dirs![i], r).mul(ro![i]);
          add_(r, old_stps![i], scalar(al[i]!.sub(be_i)));
        }
      }
      if (prev_flat_grad === undefined || prev_flat_grad === null) prev_flat_grad = flat_grad.clone();
      else prev_flat_grad.copy_(flat_grad);
      prev_loss = loss;

      t = state.n_iter === 1 ? mul(min(1.0, flat_grad.abs().sum().reciprocal().mul(1.0)), lr) : lr;
      const gtd = dot(flat_grad, d!);
      if (truthy(gtd.gt(-tolerance_change))) break;

      let ls_func_evals = 0;
      if (line_search_fn !== null && line_search_fn !== undefined) {
        if (line_search_fn !== "strong_wolfe") throw new RuntimeError("only 'strong_wolfe' is supported");
        const x_init = this._params.map((p) => p.clone());
        const objFunc: Evaluate = (x, step, dir) => this.directionalEvaluate(closure, x, step, dir);
        [loss, flat_grad, t, ls_func_evals] = strongWolfe(objFunc, x_init, t, d!, loss, flat_grad, gtd);
        this.addGrad(t, d!);
        opt_cond = truthy(flat_grad.abs().max().le(tolerance_grad));
      } else {
        this.addGrad(t, d!);
        if (n_iter !== max_iter) {
          // Not re-evaluated on the last iteration: in a stochastic setting it would be of no use.
          loss = pyFloat(closure());
          flat_grad = this.gatherFlatGrad();
          opt_cond = truthy(flat_grad.abs().max().le(tolerance_grad));
          ls_func_evals = 1;
        }
      }
      current_evals += ls_func_evals;
      countEvals(ls_func_evals);

      if (n_iter === max_iter) break;
      if (current_evals >= max_eval) break;
      if (opt_cond) break;
      if (truthy(d!.mul(t).abs().max().le(tolerance_change))) break;
      if (Math.abs(loss - prev_loss) < tolerance_change) break;
    }
    Object.assign(state, { d, t, old_dirs, old_stps, ro, H_diag, prev_flat_grad, prev_loss });
    return orig_loss;
  }
}
