// torch.autograd.Function: user-defined ops with their own backward.
//   class MyFn extends torch.autograd.Function {
//     static forward(ctx, x) { ctx.save_for_backward(x); return x.mul(2); }
//     static backward(ctx, g) { return g.mul(2); }
//   }
//   MyFn.apply(x)   // grad_fn named "MyFnBackward", like PyTorch
import { RuntimeError } from "../errors.js";
import { zeros_like } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";
import { is_grad_enabled, no_grad } from "./grad_mode.js";
import { checkSavedVersion, Node, SAVED_FREED, type Edge } from "./node.js";

/** The `ctx` a custom function's forward and backward share. */
export class FunctionCtx {
  /** Per forward argument: whether its gradient is needed (false for non-tensors). */
  needs_input_grad: boolean[] = [];
  /** Extra state forward may stash for backward (PyTorch lets you set any attribute on ctx). */
  [key: string]: unknown;
  /** @internal */ _toSave: Tensor[] | null = null;
  /** @internal */ _saved: [Tensor, number][] | null = null;
  /** @internal */ _freed = false;
  /** @internal */ _nonDifferentiable = new Set<Tensor>();
  /** @internal */ _dirty = new Set<Tensor>();
  /** @internal */ _materializeGrads = true;
  /** @internal */ _nodeName = "";

  save_for_backward(...tensors: (Tensor | null)[]): void {
    tensors.forEach((t, i) => {
      if (t !== null && !(t instanceof Tensor))
        throw new TypeError(`save_for_backward can only save variables, but argument ${i} is not a Variable`);
    });
    this._toSave = tensors as Tensor[];
  }

  get saved_tensors(): Tensor[] {
    if (this._freed) throw new RuntimeError(SAVED_FREED);
    if (!this._saved) return (this._toSave ?? []).slice();
    return this._saved.map(([t, version]) => {
      if (t !== null) checkSavedVersion(t, version, this._nodeName, false);
      return t;
    });
  }

  mark_non_differentiable(...tensors: Tensor[]): void {
    for (const t of tensors) this._nonDifferentiable.add(t);
  }

  mark_dirty(...tensors: Tensor[]): void {
    for (const t of tensors) this._dirty.add(t);
  }

  set_materialize_grads(value: boolean): void {
    this._materializeGrads = value;
  }
}

type Grads = Tensor | null | undefined | readonly (Tensor | null | undefined)[];

/** The graph node of one custom-function call. */
class FunctionNode extends Node {
  /** Where each forward argument's gradient goes (only tensor arguments have an edge). */
  private readonly tensorArgIndex: number[];

  constructor(
    private readonly fnClass: FunctionClass,
    private readonly ctx: FunctionCtx,
    private readonly nodeName: string,
    args: readonly unknown[],
    private readonly outputMeta: Tensor[],
  ) {
    const tensorArgIndex: number[] = [];
    const edges: Edge[] = [];
    args.forEach((a, i) => {
      if (a instanceof Tensor) {
        tensorArgIndex.push(i);
        edges.push(a._gradEdge());
      }
    });
    super(edges);
    this.tensorArgIndex = tensorArgIndex;
    this.inputMeta = tensorArgIndex.map((i) => {
      const t = args[i] as Tensor;
      return { shape: t.shape, dtype: t.dtype };
    });
    this.argCount = args.length;
  }

  private readonly argCount: number;

  name(): string {
    return this.nodeName;
  }

  override get numOutputs(): number {
    return this.outputMeta.length;
  }

  apply(gradOutputs: readonly (Tensor | null)[]): (Tensor | null)[] {
    // A second backward runs the Function again; only reading ctx.saved_tensors after release raises.
    const grads = this.outputMeta.map((out, i) => {
      const g = gradOutputs[i] ?? null;
      return g === null && this.ctx._materializeGrads ? zeros_like(out) : g;
    });
    const backward = this.fnClass.backward as (ctx: FunctionCtx, ...g: (Tensor | null)[]) => Grads;
    const result = backward(this.ctx, ...grads);
    const list = Array.isArray(result) ? [...(result as (Tensor | null)[])] : [result as Tensor | null];
    if (list.length !== this.argCount) {
      // PyTorch tolerates extra trailing Nones.
      const extraNones = list.length > this.argCount && list.slice(this.argCount).every((g) => g == null);
      if (!extraNones) {
        throw new RuntimeError(
          `function ${this.nodeName} returned an incorrect number of gradients (expected ${this.argCount}, got ${list.length})`,
        );
      }
    }
    return this.tensorArgIndex.map((argIndex) => {
      const g = list[argIndex] ?? null;
      if (g !== null && !(g instanceof Tensor))
        throw new TypeError(`function ${this.nodeName} returned a gradient that is not a Tensor or None`);
      return g;
    });
  }

  override release(): void {
    this.ctx._freed = true;
    this.ctx._saved = null;
  }
}

/** What `apply` needs of a Function subclass. */
interface FunctionClass {
  readonly name: string;
  forward(ctx: FunctionCtx, ...args: never[]): unknown;
  backward(ctx: FunctionCtx, ...grads: never[]): Grads;
}

/** Base class of custom autograd functions; subclasses define static forward and backward. */
export class AutogradFunction {
  static forward(_ctx: FunctionCtx, ..._args: unknown[]): unknown {
    throw new RuntimeError("You must implement the forward function for custom autograd.Function.");
  }

  static backward(_ctx: FunctionCtx, ..._grads: (Tensor | null)[]): Grads {
    throw new RuntimeError(
      "You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.",
    );
  }

  /** Runs forward (without recording its ops) and records one node whose backward is the class's backward. */
  static apply<T extends FunctionClass>(
    this: T,
    ...args: Parameters<T["forward"]> extends [unknown, ...infer A] ? A : never
  ): ReturnType<T["forward"]>;
  static apply(this: FunctionClass, ...args: unknown[]): unknown {
    const ctx = new FunctionCtx();
    const nodeName = `${this.name}Backward`;
    ctx._nodeName = nodeName;
    const recording = is_grad_enabled() && args.some((a) => a instanceof Tensor && a._requiresGrad);
    ctx.needs_input_grad = args.map((a) => recording && a instanceof Tensor && a._requiresGrad);
    const raw = no_grad(() => (this.forward as (ctx: FunctionCtx, ...a: unknown[]) => unknown)(ctx, ...args));
    const isTuple = Array.isArray(raw);
    const outputs = (isTuple ? [...(raw as unknown[])] : [raw]) as unknown[];
    if (!recording) return raw;

    const inputs = new Set(args.filter((a): a is Tensor => a instanceof Tensor));
    for (const t of ctx._dirty) {
      if (t.is_leaf && t._requiresGrad)
        throw new RuntimeError("a leaf Variable that requires grad has been used in an in-place operation.");
    }
    const tensorOutputs = outputs.map((o) => {
      if (!(o instanceof Tensor)) return o;
      // An input returned unchanged becomes a new tensor sharing its storage, so the input keeps its history.
      if (inputs.has(o) && !ctx._dirty.has(o)) {
        const alias = o.detach();
        if (ctx._nonDifferentiable.has(o)) ctx._nonDifferentiable.add(alias);
        return alias;
      }
      return o;
    });
    const meta = tensorOutputs.filter((o): o is Tensor => o instanceof Tensor);
    const node = new FunctionNode(this, ctx, nodeName, args, meta);
    let outputNr = 0;
    for (const o of tensorOutputs) {
      if (!(o instanceof Tensor)) continue;
      if (ctx._nonDifferentiable.has(o)) {
        o._gradFn = null;
        o._requiresGrad = false;
      } else {
        o._gradFn = node;
        o._outputNr = outputNr;
        o._requiresGrad = true;
      }
      outputNr++;
    }
    // Versions are taken once forward is done, like PyTorch's SavedVariables.
    if (ctx._toSave) ctx._saved = ctx._toSave.map((t) => [t, t === null ? 0 : t._version]);
    return isTuple ? tensorOutputs : tensorOutputs[0];
  }
}
