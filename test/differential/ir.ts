// The differential tester's program representation (JSON IR), shared by the generator, the two interpreters
// (interpret.ts here, scripts/gen_differential_fixtures.py for PyTorch) and the emitters. Keys are short: the
// committed fixtures hold thousands of programs.
//
// Numbers follow tensorgrad's calling convention: an integral JSON number is a Python int, any other a float
// (so float scalars are generated non-integral; huge or special floats live in tensors or `{ f }`).

export type DTypeName = "float32" | "float64" | "int64" | "bool";
export const DTYPE_NAMES: readonly DTypeName[] = ["float32", "float64", "int64", "bool"];

/** Tensor data: floats may be "nan", "inf", "-inf", "-0" (JSON has none of them); bools are booleans. */
export type Scalar = number | boolean | "nan" | "inf" | "-inf" | "-0";

/** A tensor built from literal data: torch.tensor(nested data, dtype=..., requires_grad=...). */
export interface Lit {
  d: DTypeName;
  s: number[];
  v: Scalar[];
  rg?: 1;
}

export type Val =
  | number
  | string
  | boolean
  | null
  | Val[]
  /** an earlier variable */
  | { v: string }
  /** a special float scalar (JS Infinity and NaN are floats in tensorgrad's convention too) */
  | { f: "nan" | "inf" | "-inf" }
  /** a tensor literal */
  | { T: Lit }
  /** a dtype */
  | { dt: DTypeName };

/**
 * One statement. Exactly one of `f` (a function, "torch.add"), `c` (a class, "torch.nn.Linear"), `m` (a
 * method of the variable `s`; "forward" on a module is Python's `m(x)`), `attr` (an attribute of `s`) or
 * `i` (an element of the tuple `s`).
 */
export interface Stmt {
  /** the variable the result is bound to */
  o?: string;
  f?: string;
  c?: string;
  m?: string;
  attr?: string;
  i?: number;
  val?: Val;
  s?: string;
  a?: Val[];
  k?: Record<string, Val>;
  /** run under torch.no_grad() */
  ng?: 1;
  /** made invalid on purpose: how (documentation for humans reading a failure) */
  bad?: string;
}

export interface Program {
  id: number;
  b: Stmt[];
}

/** What a value is after a statement: PyTorch's view of it, recorded by the recorder and rebuilt here. */
export type Desc =
  | TensorDesc
  | { L: Desc[] }
  /** a number: its value (special floats as strings) and Python's type ("int" or "float") */
  | { n: number | "nan" | "inf" | "-inf" | "-0"; py: "int" | "float" }
  | { B: boolean }
  | { N: 1 }
  | { S: string }
  | { D: string }
  /** an autograd node, by type name */
  | { fn: string }
  /** any other object, by repr (a module) */
  | { o: string }
  /** describing the tensor raised (PyTorch checks a view's base when reading grad_fn) */
  | { err: [string, string] };

export interface TensorDesc {
  /** repr(t) */
  r: string;
  /** format(t) of a 0-dim tensor (`${t}` in JS) */
  f?: string;
  d: string;
  s: number[];
  /** type(t.grad_fn).__name__, or null */
  g: string | null;
  l: boolean;
  q: boolean;
  /** the values' bytes, little-endian, base64 (bool: one byte each; int64: eight) */
  b: string;
  /** .grad of a leaf or a tensor that retains it (absent otherwise) */
  G?: Desc;
}

/** The outcome of one statement. */
export interface Rec {
  /** the error: Python's class name and message */
  e?: [string, string];
  /** the result (when the statement binds one) */
  r?: Desc;
  /** tensor variables whose state (repr, values, .grad) changed, with their new state */
  c?: Record<string, Desc>;
  /** warnings the statement raised (messages) */
  w?: string[];
  /** skipped: it reads a variable an earlier failed statement left unbound */
  x?: 1;
}

export interface Recorded {
  id: number;
  b: Stmt[];
  r: Rec[];
}

export interface FixtureFile {
  torch: string;
  programs: Recorded[];
}

/** Variables a value reads. */
export function varsOf(v: Val | undefined, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) varsOf(x, out);
  else if (v !== null && typeof v === "object" && "v" in v) out.push(v.v);
  return out;
}

/** Every variable a statement reads. */
export function readsOf(s: Stmt): string[] {
  const out: string[] = s.s !== undefined ? [s.s] : [];
  if (s.val !== undefined) varsOf(s.val, out);
  for (const a of s.a ?? []) varsOf(a, out);
  for (const a of Object.values(s.k ?? {})) varsOf(a, out);
  return out;
}

/** Nested lists of a literal's values in its shape (null when the shape has a 0 before its last dim). */
export function nested<T>(values: readonly T[], shape: readonly number[]): unknown {
  if (shape.length === 0) return values[0];
  if (shape.slice(0, -1).includes(0)) return null;
  const step = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0] }, (_, i) =>
    nested(values.slice(i * step, (i + 1) * step), shape.slice(1)),
  );
}
