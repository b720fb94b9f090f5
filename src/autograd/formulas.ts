// The derivatives table by grad_fn name, filled in by src/ops/derivatives/, which sits above the forward ops
// so that its formulas can call them. Ops record a node by name; the node's row is looked up here.
import type { Derivative } from "./derivative.js";

const ROWS = new Map<string, Derivative<never>>();

/** Adds rows of the derivatives table (grad_fn name -> row); every formula carries its derivatives.yaml text. */
export function registerFormulas(rows: Record<string, Derivative<never>>): void {
  for (const [name, row] of Object.entries(rows)) {
    if (ROWS.has(name)) throw new Error(`derivative ${name} is defined twice`);
    ROWS.set(name, row);
  }
}

/** Every row of the table by grad_fn name (the explainer's and the tests' view of it). */
export function allFormulas(): ReadonlyMap<string, Derivative<never>> {
  return ROWS;
}

/** The row of a grad_fn name (a Map: a keyed load from the 100+-key table object missed V8's caches). */
export function formulaOf(name: string): Derivative<never> {
  const row = ROWS.get(name);
  if (row === undefined) throw new Error(`no derivative formula for ${name}: is src/ops/derivatives loaded?`);
  return row;
}
