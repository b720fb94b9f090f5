// Compares tensorgrad's records of a program with PyTorch's: errors (class and message) exactly, reprs and
// format() strings exactly, dtype, shape, grad_fn, is_leaf, requires_grad, and float values bit for bit
// (NaN's sign and payload aside). Values that derive from BLAS are compared with a tolerance, and their
// reprs with the numbers masked: OpenBLAS picks its kernel, so its summation order, per CPU.
import type { Desc, Rec, Recorded, TensorDesc } from "./ir.js";

export type DiffKind =
  | "skip"
  | "error"
  | "no-error"
  | "unexpected-error"
  | "kind"
  | "dtype"
  | "shape"
  | "grad_fn"
  | "is_leaf"
  | "requires_grad"
  | "bits"
  | "value"
  | "repr"
  | "format"
  | "state-missing"
  | "state-extra"
  | "warning";

/** Most telling first: the first difference of a program is reported by this order. */
const PRIORITY: DiffKind[] = [
  "skip",
  "unexpected-error",
  "no-error",
  "error",
  "kind",
  "dtype",
  "shape",
  "grad_fn",
  "requires_grad",
  "is_leaf",
  "bits",
  "value",
  "repr",
  "format",
  "state-missing",
  "state-extra",
  "warning",
];

export interface Diff {
  /** the statement's index */
  stmt: number;
  /** "result", "result[1]", "v3" (a variable's new state), "v3.grad" */
  where: string;
  kind: DiffKind;
  expected: string;
  actual: string;
  /** bits: the largest distance in units in the last place (0: only the sign of a zero; Infinity: nan, inf or ints) */
  ulps?: number;
}

export interface Taint {
  /** variables whose values derive from BLAS */
  vars: ReadonlySet<string>;
  /** a BLAS op ran: gradients may derive from it */
  grads: boolean;
  /** a tainted value was float32: float64 values computed from it carry float32's error */
  f32?: boolean;
}

function decode(b64: string, dtype: string): ArrayLike<number | bigint> {
  const buf = Buffer.from(b64, "base64");
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  switch (dtype) {
    case "float32":
      return new Float32Array(bytes);
    case "float64":
      return new Float64Array(bytes);
    case "int64":
      return new BigInt64Array(bytes);
    case "int32":
      return new Int32Array(bytes);
    default:
      return new Uint8Array(bytes);
  }
}

const same = (a: number | bigint, e: number | bigint): boolean =>
  typeof a === "number" && typeof e === "number"
    ? Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e))
    : a === e;

/** Float values within BLAS's reordering error, scaled by the largest finite value. */
function close(actual: ArrayLike<number>, expected: ArrayLike<number>, dtype: string, f32: boolean): boolean {
  const rtol = dtype === "float32" || f32 ? 1e-4 : 1e-10;
  let scale = 0;
  for (let i = 0; i < expected.length; i++)
    if (Number.isFinite(expected[i])) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      if (!same(a, e)) return false;
    } else if (!(Math.abs(a - e) <= rtol * (Math.abs(e) + scale))) return false;
  }
  return true;
}

/** Ordered integer of a float's bits (sign-magnitude to two's complement), so that neighbours differ by 1. */
function ordered(x: number, dtype: string): bigint {
  const b =
    dtype === "float32"
      ? BigInt(new Int32Array(new Float32Array([x]).buffer)[0])
      : new BigInt64Array(new Float64Array([x]).buffer)[0];
  const sign = dtype === "float32" ? 0x7fffffffn : 0x7fffffffffffffffn;
  return b < 0n ? -(b & sign) : b;
}

/** The largest distance in ulps between differing elements (Infinity where one is nan or infinite). */
function ulpDistance(e: ArrayLike<number>, a: ArrayLike<number>, dtype: string): number {
  let worst = 0n;
  for (let i = 0; i < e.length; i++) {
    if (same(a[i], e[i])) continue;
    if (!Number.isFinite(a[i]) || !Number.isFinite(e[i])) return Infinity;
    const d = ordered(a[i], dtype) - ordered(e[i], dtype);
    if ((d < 0n ? -d : d) > worst) worst = d < 0n ? -d : d;
  }
  return Number(worst);
}

const show = (x: number | bigint | undefined): string => (Object.is(x, -0) ? "-0" : String(x));

/** The first differing element, for the report: index, PyTorch's value, tensorgrad's. */
function firstDiff(e: ArrayLike<number | bigint>, a: ArrayLike<number | bigint>): [number, string, string] {
  for (let i = 0; i < Math.max(a.length, e.length); i++)
    if (i >= a.length || i >= e.length || !same(a[i], e[i])) return [i, show(e[i]), show(a[i])];
  return [-1, "", ""];
}

const maskNumbers = (s: string): string =>
  s.replace(/-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/g, "#").replace(/\s+/g, " ");

const describeKind = (d: Desc): string => Object.keys(d).join(",");

class Comparer {
  readonly diffs: Diff[] = [];
  constructor(
    private stmt: number,
    private f32 = false,
  ) {}

  add(where: string, kind: DiffKind, expected: unknown, actual: unknown, ulps?: number): void {
    this.diffs.push({
      stmt: this.stmt,
      where,
      kind,
      expected: String(expected),
      actual: String(actual),
      ...(ulps !== undefined ? { ulps } : {}),
    });
  }

  tensor(e: TensorDesc, a: TensorDesc, where: string, tolerant: boolean, gradTolerant: boolean): void {
    if (e.d !== a.d) return this.add(where, "dtype", e.d, a.d);
    if (e.s.join() !== a.s.join()) return this.add(where, "shape", `[${e.s}]`, `[${a.s}]`);
    if (e.g !== a.g) this.add(where, "grad_fn", e.g, a.g);
    if (e.q !== a.q) this.add(where, "requires_grad", e.q, a.q);
    if (e.l !== a.l) this.add(where, "is_leaf", e.l, a.l);
    const ev = decode(e.b, e.d);
    const av = decode(a.b, a.d);
    const float = e.d === "float32" || e.d === "float64";
    let valuesOk = ev.length === av.length && Array.from(ev).every((x, i) => same(av[i], x));
    let masked = false;
    if (!valuesOk && tolerant && float && ev.length === av.length) {
      valuesOk = close(av as ArrayLike<number>, ev as ArrayLike<number>, e.d, this.f32);
      masked = valuesOk;
    }
    if (!valuesOk) {
      const [i, x, y] = firstDiff(ev, av);
      this.add(
        where,
        "bits",
        `[${i}] = ${x}`,
        `[${i}] = ${y}`,
        float && ev.length === av.length
          ? ulpDistance(ev as ArrayLike<number>, av as ArrayLike<number>, e.d)
          : Infinity,
      );
    }
    const text = (s: string | undefined) => (masked && s !== undefined ? maskNumbers(s) : s);
    if (text(e.r) !== text(a.r)) this.add(where, "repr", e.r, a.r);
    if (text(e.f) !== text(a.f)) this.add(where, "format", e.f, a.f);
    if (e.G !== undefined || a.G !== undefined)
      this.desc(e.G ?? { N: 1 }, a.G ?? { N: 1 }, `${where}.grad`, gradTolerant, gradTolerant);
  }

  desc(e: Desc, a: Desc, where: string, tolerant: boolean, gradTolerant: boolean): void {
    if ("r" in e && "r" in a) return this.tensor(e, a, where, tolerant, gradTolerant);
    if ("L" in e && "L" in a) {
      if (e.L.length !== a.L.length)
        return this.add(where, "shape", `${e.L.length} items`, `${a.L.length} items`);
      e.L.forEach((x, i) => this.desc(x, a.L[i], `${where}[${i}]`, tolerant, gradTolerant));
      return;
    }
    if ("n" in e && "n" in a) {
      // JS numbers have no int/float distinction: Python's 2.0 and 2 are both 2 (an exception, docs/differential.md)
      const [x, y] = [Number(e.n === "-0" ? -0 : e.n), Number(a.n === "-0" ? -0 : a.n)];
      const ok = same(x, y) || (tolerant && Number.isFinite(x) && Math.abs(x - y) <= 1e-4 * Math.abs(x));
      if (!ok) this.add(where, "value", e.n, a.n);
      return;
    }
    if (describeKind(e) !== describeKind(a))
      return this.add(where, "kind", JSON.stringify(e), JSON.stringify(a));
    if (JSON.stringify(e) !== JSON.stringify(a))
      this.add(where, "value", JSON.stringify(e), JSON.stringify(a));
  }
}

/**
 * Warnings PyTorch gives once per process (TORCH_WARN_ONCE, the deprecated-signature warning): the
 * recorder runs every program in one process, so only the first program to trigger them shows them.
 */
export const ONCE_WARNINGS: RegExp[] = [
  /^The use of `x\.T` on tensors of dimension other than 2/,
  /^This overload of \w+ is deprecated/,
  /^Using backward\(\) with create_graph=True will create a reference cycle/,
  /^Using padding='same' with even kernel lengths/,
  /^scatter_reduce\(\) is in beta/,
  // the deprecated linalg functions (torch.cholesky, torch.qr, torch.symeig, torch.lu, torch.lu_solve,
  // torch.triangular_solve, torch.chain_matmul, ...): TORCH_WARN_ONCE
  /^torch\.\w+ is deprecated (in favor of torch\.linalg|and will be removed)/,
];

/** Compared warnings: without C++ source locations (an exception: JS has none) and once-per-process ones. */
function warningsOf(w: string[] | undefined): string[] {
  return (w ?? [])
    .map((m) => m.replace(/ \(Triggered internally at {1,2}\S+\.\)$/, ""))
    .filter((m) => !ONCE_WARNINGS.some((re) => re.test(m)));
}

/** Every difference of one statement. */
export function compareRec(i: number, o: string | undefined, e: Rec, a: Rec, taint: Taint): Diff[] {
  const c = new Comparer(i, taint.f32 === true);
  if ((e.x === 1) !== (a.x === 1)) {
    c.add("statement", "skip", e.x === 1 ? "skipped" : "run", a.x === 1 ? "skipped" : "run");
    return c.diffs;
  }
  if (e.e !== undefined || a.e !== undefined) {
    if (a.e === undefined) c.add("statement", "no-error", `${e.e![0]}: ${e.e![1]}`, "no error");
    else if (e.e === undefined) c.add("statement", "unexpected-error", "no error", `${a.e[0]}: ${a.e[1]}`);
    else if (e.e[0] !== a.e[0] || e.e[1] !== a.e[1])
      c.add("statement", "error", `${e.e[0]}: ${e.e[1]}`, `${a.e[0]}: ${a.e[1]}`);
  }
  if (e.r !== undefined && a.r !== undefined)
    c.desc(e.r, a.r, "result", o !== undefined && taint.vars.has(o), taint.grads);
  for (const name of new Set([...Object.keys(e.c ?? {}), ...Object.keys(a.c ?? {})])) {
    const [x, y] = [e.c?.[name], a.c?.[name]];
    if (x === undefined) c.add(name, "state-extra", "unchanged", "r" in y! ? y.r : JSON.stringify(y));
    else if (y === undefined) c.add(name, "state-missing", "r" in x ? x.r : "", "unchanged");
    else c.desc(x, y, name, taint.vars.has(name), taint.grads);
  }
  const [ew, aw] = [warningsOf(e.w), warningsOf(a.w)];
  if (ew.join("\n") !== aw.join("\n")) c.add("warnings", "warning", JSON.stringify(ew), JSON.stringify(aw));
  return c.diffs.sort((x, y) => PRIORITY.indexOf(x.kind) - PRIORITY.indexOf(y.kind));
}

/** Every difference of a program, statement by statement (each statement's most telling first). */
export function compareProgram(p: Recorded, actual: readonly Rec[], taint: Taint): Diff[] {
  return p.b.flatMap((s, i) => compareRec(i, s.o, p.r[i], actual[i], taint));
}
