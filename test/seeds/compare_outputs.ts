// Compares a port's recorded outputs with PyTorch's, one by one, returning readable mismatches.
import { decodeFlat, type Encoded } from "../helpers/compare.js";
import type { Output } from "./recorder.js";

/** One output as seed_cases.json stores it (fields the comparison ignores are left out). */
export interface RefOutput {
  kind: Output["kind"];
  expr: string;
  text: string;
  text_core?: string;
  line?: string;
  values?: Encoded;
  dtype?: string;
  shape?: number[];
  type?: string;
  category?: string;
  tensor?: string;
  grad_fn?: string | null;
  is_leaf?: boolean;
  requires_grad?: boolean;
  next_functions?: (string | null)[];
}

export interface RefCase {
  seed: string;
  id: string;
  title: string;
  python: string;
  outputs: RefOutput[];
}

/** "A few float32 ulps" for float32 results; Python floats (float64) get a few float64 ulps. */
const FLOAT32_ULPS = 4;
const FLOAT64_ULPS = 4;

/** Graph and line facts compared exactly whenever PyTorch's output carries them. */
const EXACT_FIELDS = [
  "line",
  "type",
  "tensor",
  "grad_fn",
  "is_leaf",
  "requires_grad",
  "next_functions",
] as const;

const show = (v: unknown): string => JSON.stringify(v);

function valuesMismatch(ref: RefOutput, got: Output): string | null {
  if (got.dtype !== ref.dtype) return `dtype ${show(got.dtype)}, PyTorch ${show(ref.dtype)}`;
  if (show(got.shape) !== show(ref.shape)) return `shape ${show(got.shape)}, PyTorch ${show(ref.shape)}`;
  const expected = decodeFlat(ref.values ?? null);
  const actual = decodeFlat((got.values ?? null) as Encoded);
  if (actual.length !== expected.length) return `${actual.length} values, PyTorch ${expected.length}`;
  const rtol =
    ref.dtype === "torch.float32"
      ? FLOAT32_ULPS * 2 ** -23
      : ref.dtype === "python float"
        ? FLOAT64_ULPS * 2 ** -52
        : 0;
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    const same = Number.isNaN(e) ? Number.isNaN(a) : a === e || Math.abs(a - e) <= rtol * Math.abs(e);
    if (!same) return `values ${show(got.values)}, PyTorch ${show(ref.values)} (element ${i})`;
  }
  return null;
}

/** Every difference between PyTorch's outputs and the port's, as `#index kind expr: what` lines. */
export function diffOutputs(reference: readonly RefOutput[], recorded: readonly Output[]): string[] {
  const problems: string[] = [];
  const n = Math.max(reference.length, recorded.length);
  for (let i = 0; i < n; i++) {
    const ref = reference[i];
    const got = recorded[i];
    if (!ref) {
      problems.push(`#${i} extra output ${got.kind} ${show(got.expr)}: ${show(got.text)}`);
      continue;
    }
    const where = `#${i} ${ref.kind} ${show(ref.expr)}`;
    if (!got) {
      problems.push(`${where}: missing (PyTorch ${show(ref.text)})`);
      continue;
    }
    if (got.kind !== ref.kind || got.expr !== ref.expr) {
      problems.push(`${where}: got ${got.kind} ${show(got.expr)} (${show(got.text)})`);
      continue;
    }
    if (ref.kind === "values") {
      const problem = valuesMismatch(ref, got);
      if (problem) problems.push(`${where}: ${problem}`);
      continue;
    }
    if (ref.kind === "warning") {
      if (got.text !== ref.text_core)
        problems.push(`${where}: message ${show(got.text)}, PyTorch ${show(ref.text_core)}`);
      if (got.category !== ref.category)
        problems.push(`${where}: category ${show(got.category)}, PyTorch ${show(ref.category)}`);
      continue;
    }
    if (got.text !== ref.text) problems.push(`${where}: ${show(got.text)}, PyTorch ${show(ref.text)}`);
    for (const field of EXACT_FIELDS) {
      if (ref[field] === undefined) continue;
      if (show(got[field]) !== show(ref[field])) {
        problems.push(`${where}: ${field} ${show(got[field])}, PyTorch ${show(ref[field])}`);
      }
    }
  }
  return problems;
}
