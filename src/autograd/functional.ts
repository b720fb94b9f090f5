// torch.autograd.functional: jacobian, hessian, vjp, jvp, vhp, hvp, built on autograd.grad().
// Like PyTorch, a single tensor input (or output) gives tensors back and an array gives arrays; results
// are cut from the graph unless create_graph is set. Only the `vectorize: false` strategy exists.
import { RuntimeError } from "../errors.js";
import { zeros_like } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";
import { grad } from "./engine.js";
import { enable_grad } from "./grad_mode.js";

type Inputs = Tensor | readonly Tensor[];
type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

export interface FunctionalOptions {
  create_graph?: boolean;
  strict?: boolean;
  vectorize?: boolean;
}

function asTuple(v: Inputs, arg: string, fn: string): [Tensor[], boolean] {
  const isTuple = Array.isArray(v);
  const list = isTuple ? [...(v as Tensor[])] : [v as Tensor];
  list.forEach((t, i) => {
    if (!(t instanceof Tensor)) {
      throw new TypeError(
        `The ${arg} given to ${fn} must be either a Tensor or a tuple of Tensors but the value at index ${i} has type ${typeof t}.`,
      );
    }
  });
  return [list, isTuple];
}

/** Inputs the function can be differentiated at: connected to the caller's graph only with create_graph. */
function prepareInputs(inputs: Tensor[], createGraph: boolean): Tensor[] {
  return inputs.map((t) =>
    createGraph && t.requires_grad ? t.view(t.shape as number[]) : t.detach().requires_grad_(true),
  );
}

function finish(t: Tensor, createGraph: boolean): Tensor {
  return createGraph ? t : t.detach();
}

function callFn(fn: Fn, inputs: Tensor[], fnName: string): [Tensor[], boolean] {
  const out = enable_grad(() => fn(...inputs));
  return asTuple(out, "outputs of the user-provided function", fnName);
}

function checkV(v: Tensor[], against: Tensor[], againstIsTuple: boolean): void {
  if (v.length !== against.length) {
    throw new RuntimeError(
      againstIsTuple
        ? `v is a tuple of invalid length: should be ${against.length} but got ${v.length}.`
        : "The given v should contain a single Tensor.",
    );
  }
  const size = (t: Tensor) => `torch.Size([${t.shape.join(", ")}])`;
  v.forEach((t, i) => {
    if (t.shape.join() !== against[i].shape.join() || t.ndim !== against[i].ndim) {
      const prefix = againstIsTuple ? `Entry ${i} in ` : "";
      throw new RuntimeError(
        `${prefix}v has invalid size: should be ${size(against[i])} but got ${size(t)}.`,
      );
    }
  });
}

/** Gradients of outputs w.r.t. inputs (zeros where an input is unused). */
function gradsOf(
  outputs: Tensor[],
  inputs: Tensor[],
  gradOutputs: (Tensor | null)[],
  createGraph: boolean,
): Tensor[] {
  const used = outputs.map((o, i) => [o, gradOutputs[i]] as const).filter(([o]) => o.requires_grad);
  if (used.length === 0) return inputs.map((t) => zeros_like(t));
  const gs = grad(
    used.map(([o]) => o),
    inputs,
    {
      grad_outputs: used.map(([, g]) => g),
      retain_graph: true,
      create_graph: createGraph,
      allow_unused: true,
    },
  );
  return gs.map((g, i) => g ?? zeros_like(inputs[i]));
}

function defaultV(outputs: Tensor[]): Tensor[] {
  if (outputs.length !== 1 || outputs[0].numel() !== 1) {
    throw new RuntimeError(
      `The vector v can only be None if the user-provided function returns a single Tensor with a single element.`,
    );
  }
  return [onesLike(outputs[0])];
}

function onesLike(t: Tensor): Tensor {
  return zeros_like(t).add(1);
}

function pack(list: Tensor[], isTuple: boolean): Tensor | Tensor[] {
  return isTuple ? list : list[0];
}

/** Finishes (detaches unless create_graph) and packs a list the way the caller passed its tuple. */
function finishAll(list: Tensor[], isTuple: boolean, createGraph: boolean): Tensor | Tensor[] {
  return pack(
    list.map((t) => finish(t, createGraph)),
    isTuple,
  );
}

/** vjp(func, inputs, v) → [func(inputs), vᵀ·J]. */
export function vjp(
  func: Fn,
  inputs: Inputs,
  v: Inputs | null = null,
  opts: FunctionalOptions = {},
): [Tensor | Tensor[], Tensor | Tensor[]] {
  const createGraph = opts.create_graph ?? false;
  const [list, isTuple] = asTuple(inputs, "inputs", "vjp");
  const xs = prepareInputs(list, createGraph);
  const [outs, outTuple] = callFn(func, xs, "vjp");
  const vs = v === null ? defaultV(outs) : asTuple(v, "v", "vjp")[0];
  checkV(vs, outs, outTuple);
  const gs = enable_grad(() => gradsOf(outs, xs, vs, createGraph));
  return [finishAll(outs, outTuple, createGraph), finishAll(gs, isTuple, createGraph)];
}

/** jvp(func, inputs, v) → [func(inputs), J·v], by the double-vjp trick (as PyTorch does). */
export function jvp(
  func: Fn,
  inputs: Inputs,
  v: Inputs | null = null,
  opts: FunctionalOptions = {},
): [Tensor | Tensor[], Tensor | Tensor[]] {
  const createGraph = opts.create_graph ?? false;
  const [list, isTuple] = asTuple(inputs, "inputs", "jvp");
  const xs = prepareInputs(list, createGraph);
  let vs: Tensor[];
  if (v === null) {
    if (xs.length !== 1 || xs[0].numel() !== 1)
      throw new RuntimeError(
        "The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.",
      );
    vs = [onesLike(xs[0])];
  } else vs = asTuple(v, "v", "jvp")[0];
  checkV(vs, xs, isTuple);
  const [outs, outTuple] = callFn(func, xs, "jvp");
  const result = enable_grad(() => {
    const us = outs.map((o) => zeros_like(o).requires_grad_(true));
    const gs = gradsOf(outs, xs, us, true);
    const connected = gs.filter((g) => g.requires_grad);
    if (connected.length === 0) return outs.map((o) => zeros_like(o));
    const jv = grad(connected, us, {
      grad_outputs: gs.map((_, i) => vs[i]).filter((_, i) => gs[i].requires_grad),
      create_graph: createGraph,
      retain_graph: true,
      allow_unused: true,
    });
    return jv.map((g, i) => g ?? zeros_like(outs[i]));
  });
  return [finishAll(outs, outTuple, createGraph), finishAll(result, outTuple, createGraph)];
}

/** The full Jacobian: entry [i][j] has shape outputs[i].shape + inputs[j].shape. */
export function jacobian(
  func: Fn,
  inputs: Inputs,
  opts: FunctionalOptions = {},
): Tensor | Tensor[] | Tensor[][] {
  if (opts.vectorize)
    throw new RuntimeError("jacobian: vectorize=True is not supported; use vectorize=false");
  const createGraph = opts.create_graph ?? false;
  const [list, isTuple] = asTuple(inputs, "inputs", "jacobian");
  const xs = prepareInputs(list, createGraph);
  const [outs, outTuple] = callFn(func, xs, "jacobian");
  const blocks = enable_grad(() =>
    outs.map((out) => {
      const n = out.numel();
      // J = Σ_k e_k ⊗ ∂out_k/∂x, built from tensor ops so create_graph can differentiate it again.
      let acc: (Tensor | null)[] = xs.map(() => null);
      for (let k = 0; k < n; k++) {
        const onehot = zeros_like(out);
        onehot._storage.data[k] = 1;
        const gs = gradsOf([out], xs, [onehot], createGraph);
        acc = gs.map((g, j) => {
          const term = onehot
            .reshape([...out.shape, ...xs[j].shape.map(() => 1)])
            .mul(g.reshape([...out.shape.map(() => 1), ...xs[j].shape]));
          return acc[j] ? acc[j]!.add(term) : term;
        });
      }
      return acc.map((a, j) =>
        finish(a ?? zeros_like(xs[j]).reshape([...out.shape, ...xs[j].shape]), createGraph),
      );
    }),
  );
  if (!outTuple && !isTuple) return blocks[0][0];
  if (!outTuple) return blocks[0];
  if (!isTuple) return blocks.map((row) => row[0]);
  return blocks;
}

function singleOutput(func: Fn, fnName: string): Fn {
  return (...xs) => {
    const out = func(...xs);
    if (!(out instanceof Tensor))
      throw new RuntimeError(`The function given to ${fnName} should return a single Tensor`);
    if (out.numel() !== 1) {
      throw new RuntimeError(
        `The Tensor returned by the function given to ${fnName} should contain a single element`,
      );
    }
    return out;
  };
}

/** The Hessian of a scalar function: entry [i][j] has shape inputs[i].shape + inputs[j].shape. */
export function hessian(func: Fn, inputs: Inputs, opts: FunctionalOptions = {}): Tensor | Tensor[][] {
  const scalarFn = singleOutput(func, "hessian");
  const isTuple = Array.isArray(inputs);
  const jacFn: Fn = (...xs) => {
    const j = jacobian(scalarFn, isTuple ? xs : xs[0], { create_graph: true });
    return j as Tensor | Tensor[];
  };
  return jacobian(jacFn, inputs, opts) as Tensor | Tensor[][];
}

/** vhp(func, inputs, v) → [func(inputs), vᵀ·H]. */
export function vhp(
  func: Fn,
  inputs: Inputs,
  v: Inputs | null = null,
  opts: FunctionalOptions = {},
): [Tensor, Tensor | Tensor[]] {
  const createGraph = opts.create_graph ?? false;
  const [list, isTuple] = asTuple(inputs, "inputs", "vhp");
  const xs = prepareInputs(list, createGraph);
  const out = enable_grad(() => singleOutput(func, "vhp")(...xs) as Tensor);
  let vs: Tensor[];
  if (v === null) {
    if (xs.length !== 1 || xs[0].numel() !== 1)
      throw new RuntimeError(
        "The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.",
      );
    vs = [onesLike(xs[0])];
  } else vs = asTuple(v, "v", "vhp")[0];
  checkV(vs, xs, isTuple);
  const result = enable_grad(() => {
    const gs = gradsOf([out], xs, [null], true);
    const connected = gs.map((g, i) => [g, vs[i]] as const).filter(([g]) => g.requires_grad);
    if (connected.length === 0) return xs.map((x) => zeros_like(x));
    return gradsOf(
      connected.map(([g]) => g),
      xs,
      connected.map(([, vi]) => vi),
      createGraph,
    );
  });
  return [finish(out, createGraph), finishAll(result, isTuple, createGraph)];
}

/** hvp(func, inputs, v) → [func(inputs), H·v] (equal to vhp for the symmetric Hessians of smooth functions). */
export function hvp(
  func: Fn,
  inputs: Inputs,
  v: Inputs | null = null,
  opts: FunctionalOptions = {},
): [Tensor, Tensor | Tensor[]] {
  return vhp(func, inputs, v, opts);
}
