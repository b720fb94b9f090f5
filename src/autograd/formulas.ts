// The derivative formulas by grad_fn name, filled in by the derivatives table (src/ops/derivatives/),
// which sits above the forward ops so that its formulas can call them. Ops record a node by name; the
// node's formula is looked up here.

const FORMULAS = new Map<string, unknown>();

/** Adds rows of the derivatives table (grad_fn name -> formula). */
export function registerFormulas(rows: Record<string, unknown>): void {
  for (const [name, formula] of Object.entries(rows)) {
    if (FORMULAS.has(name)) throw new Error(`derivative ${name} is defined twice`);
    FORMULAS.set(name, formula);
  }
}

/** The formula of a grad_fn name (a Map: a keyed load from the 100+-key table object missed V8's caches). */
export function formulaOf(name: string): unknown {
  const f = FORMULAS.get(name);
  if (f === undefined) throw new Error(`no derivative formula for ${name}: is src/ops/derivatives loaded?`);
  return f;
}
