// One row of the derivatives table, as PyTorch's tools/autograd/derivatives.yaml writes it: a formula per
// input, keyed by the input's name, each with its text ("grad * other") and its code in tensor ops:
//
//   MulBackward0: derivative<{ self: Tensor; other: Tensor }>({
//     self: ["grad * other", (g, s) => mul(g, s.other)],
//     other: ["grad * self", (g, s) => mul(g, s.self)],
//   }),
//
// The keys name the node's inputs in the order the op records them. A formula for several inputs at once
// takes a key such as "self, other" and returns one gradient per name; a key ending in "[]" ("tensors[]")
// stands for all remaining inputs (cat's list); a null formula marks an input that is not differentiable.
// Only formulas for inputs whose gradient is needed run (PyTorch's should_compute_output).
import type { Tensor } from "../tensor/tensor.js";

/** What a formula sees besides the first output's gradient and the saved state. */
export interface FormulaContext {
  /** The gradient of every output (multi-output nodes: max with indices, split, unbind). */
  readonly gradOutputs: readonly (Tensor | null)[];
  /** needsInputGrad[i] is false when input i's gradient would be thrown away (PyTorch's should_compute_output). */
  readonly needsInputGrad: readonly boolean[];
}

/** A formula's code: the gradient of its input, or of each of its inputs. */
export type FormulaCode<S> = (
  grad: Tensor,
  saved: S,
  ctx: FormulaContext,
) => Tensor | null | (Tensor | null)[];

/** A formula as written in a row: its text and its code. */
export type FormulaEntry<S> = readonly [text: string, code: FormulaCode<S>];

/** One formula of a compiled row. */
export interface InputFormula<S> {
  /** derivatives.yaml's text of the formula, which the backward explainer prints. */
  readonly text: string;
  readonly code: FormulaCode<S>;
  /** The inputs it gives gradients for (positions in the node's inputs). */
  readonly inputs: readonly number[];
  /** A list input: the formula covers every input from inputs[0] on, and returns one gradient per input. */
  readonly list: boolean;
}

/** A compiled row: the inputs' names, and the formulas that give their gradients. */
export interface Derivative<S = never> {
  readonly inputNames: readonly string[];
  readonly formulas: readonly InputFormula<S>[];
  /**
   * Keys of the op's saved state that this row's formulas never read (var's `result`, which std's row
   * shares): not kept, so writing them in place afterwards is no error, as in PyTorch, which saves only
   * what a formula uses.
   */
  readonly unread: readonly string[];
  /**
   * PyTorch's node saves a tensor this row has no use for (MeanBackward1 keeps self for its sizes): after
   * backward frees it, a second backward through the node raises, as in PyTorch.
   */
  readonly savesUnreadTensor: boolean;
}

/** Declares one row of the derivatives table; S is the state the op saves for it. */
export function derivative<S extends object>(
  row: Record<string, FormulaEntry<S> | null>,
  unread: readonly (keyof S & string)[] = [],
  { savesUnreadTensor = false }: { savesUnreadTensor?: boolean } = {},
): Derivative<S> {
  const inputNames: string[] = [];
  const formulas: InputFormula<S>[] = [];
  for (const [key, entry] of Object.entries(row)) {
    const names = key.split(",").map((n) => n.trim());
    const list = names.length === 1 && names[0].endsWith("[]");
    const inputs = names.map((_, i) => inputNames.length + i);
    inputNames.push(...names.map((n) => n.replace(/\[\]$/, "")));
    if (entry === null) continue;
    formulas.push({ text: entry[0], code: entry[1], inputs, list });
  }
  return { inputNames, formulas, unread, savesUnreadTensor };
}

/** Runs a row: the gradient for each of `inputCount` inputs (null where none is needed or defined). */
export function runDerivative<S>(
  d: Derivative<S>,
  grad: Tensor,
  saved: S,
  ctx: FormulaContext,
): (Tensor | null)[] {
  const needs = ctx.needsInputGrad;
  const n = needs.length;
  // Runs once per node in every backward: indexed loops, and a packed (not holey) result array, made as a
  // literal for one or two inputs (pushing onto [] first allocates room for 17).
  const out: (Tensor | null)[] = n === 1 ? [null] : n === 2 ? [null, null] : [];
  if (n > 2) for (let i = 0; i < n; i++) out.push(null);
  const formulas = d.formulas;
  for (let k = 0; k < formulas.length; k++) {
    const f = formulas[k];
    const first = f.inputs[0];
    const upTo = f.list ? n : first + f.inputs.length;
    let needed = false;
    for (let i = first; i < upTo && !needed; i++) needed = needs[i];
    if (!needed) continue;
    const result = f.code(grad, saved, ctx);
    if (f.list || f.inputs.length > 1) {
      const grads = result as (Tensor | null)[];
      for (let i = first; i < upTo; i++) out[i] = needs[i] ? (grads[i - first] ?? null) : null;
    } else {
      out[first] = result as Tensor | null;
    }
  }
  return out;
}
