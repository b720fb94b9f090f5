// The derivatives table by grad_fn name, filled in by src/ops/derivatives/, which sits above the forward ops
// so that its formulas can call them. Ops record a node by name; the node's row is looked up here.
import type { Derivative } from "./derivative.js";
import { asDerivative, type Formula } from "./node.js";

const ROWS = new Map<string, Derivative<never>>();

/** Adds rows of the derivatives table (grad_fn name -> row). */
export function registerFormulas(rows: Record<string, Derivative<never> | Formula<never>>): void {
  for (const [name, row] of Object.entries(rows)) {
    if (ROWS.has(name)) throw new Error(`derivative ${name} is defined twice`);
    // A row still written as one function: a single formula for every input, with no text yet.
    ROWS.set(
      name,
      typeof row === "function" ? (asDerivative(row as Formula<object>) as Derivative<never>) : row,
    );
  }
}

/** The row of a grad_fn name (a Map: a keyed load from the 100+-key table object missed V8's caches). */
export function formulaOf(name: string): Derivative<never> {
  const row = ROWS.get(name);
  if (row === undefined) throw new Error(`no derivative formula for ${name}: is src/ops/derivatives loaded?`);
  return row;
}
