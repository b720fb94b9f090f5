// Runs differential programs (ir.ts) against tensorgrad, statement by statement, and describes every outcome
// as scripts/gen_differential_fixtures.py describes PyTorch's: the records of both sides have one shape.
// The generator uses the same session to learn what its statements made (shapes, dtypes, errors).
import * as torch from "../../src/index.js";
import type { Desc, Lit, Program, Rec, Stmt, TensorDesc, Val } from "./ir.js";
import { nested, readsOf } from "./ir.js";
import { pushWarningSink } from "../../src/warnings.js";

type Tensor = torch.Tensor;
const { AttributeError, IndexError } = torch;
type Fn = (...a: unknown[]) => unknown;

const DTYPES: Record<string, torch.DType> = {
  float32: torch.float32,
  float64: torch.float64,
  int64: torch.int64,
  bool: torch.bool,
};

/**
 * Ops whose float results come from BLAS (OpenBLAS picks its kernel, hence its summation order, per CPU):
 * their results, and everything computed from them, are compared with a tolerance, never bit for bit.
 */
export const BLAS_OPS = new Set([
  "mm",
  "bmm",
  "matmul",
  "mv",
  "dot",
  "addmm",
  "linear",
  "bilinear",
  "conv1d",
  "conv2d",
  "einsum",
  "multi_head_attention_forward",
  "baddbmm",
  "addbmm",
  "addmv",
  "inner",
  "tensordot",
  "multi_dot",
  "chain_matmul",
  "matrix_power",
  "matrix_exp",
  "conv3d",
  "conv_transpose1d",
  "conv_transpose2d",
  // LAPACK (through OpenBLAS): factorizations, solves and what is computed from them
  ...[
    "inv",
    "inv_ex",
    "inverse",
    "det",
    "logdet",
    "slogdet",
    "lu",
    "lu_factor",
    "lu_factor_ex",
    "_lu_with_info",
  ],
  ...["solve", "solve_ex", "lu_solve", "solve_triangular", "triangular_solve", "cholesky", "cholesky_ex"],
  ...["cholesky_solve", "cholesky_inverse", "qr", "svd", "svdvals", "eigh", "eigvalsh", "symeig", "pinv"],
  ...["pinverse", "matrix_rank", "cond", "lstsq", "nuclear_norm"],
]);
const BLAS_MODULES = new Set(["Linear", "Bilinear", "Conv1d", "Conv2d", "Conv3d", "MultiheadAttention"]);

/** Matrix norms that take singular values (ord 2, -2, "nuc"): LAPACK's SVD. */
function svdNorm(s: Stmt): boolean {
  const name = s.f?.split(".").pop() ?? s.m ?? "";
  if (name !== "norm" && name !== "matrix_norm") return false;
  const args = [...(s.a ?? []), ...Object.values(s.k ?? {})];
  return args.some((v) => v === "nuc" || (name === "matrix_norm" && (v === 2 || v === -2)));
}

function scalarOf(x: unknown): number | boolean {
  if (x === "nan") return NaN;
  if (x === "inf") return Infinity;
  if (x === "-inf") return -Infinity;
  if (x === "-0") return -0;
  return x as number | boolean;
}

/** torch.tensor(data, dtype=..., requires_grad=...), or torch.zeros(shape, ...) where nesting cannot give the shape. */
export function buildLit(lit: Lit): Tensor {
  const dtype = DTYPES[lit.d];
  const opts = { dtype, requires_grad: lit.rg === 1 };
  const data = nested(lit.v.map(scalarOf), lit.s);
  if (data === null) return torch.zeros(lit.s, opts);
  return torch.tensor(data as number[], opts);
}

/** A public function or class by its Python path ("torch.nn.functional.relu"). */
export function resolvePath(path: string): unknown {
  let found: unknown = torch;
  for (const p of path.split(".").slice(1)) {
    found = (found as Record<string, unknown>)?.[p];
    if (found === undefined) throw new Error(`${path} is not in tensorgrad`);
  }
  return found;
}

// ---- describing values --------------------------------------------------------------------------------

function bitsOf(t: Tensor): string {
  const v = t.detach().values();
  let bytes: Uint8Array;
  switch (t.dtype.name) {
    case "float32":
      bytes = new Uint8Array(Float32Array.from(v).buffer);
      break;
    case "float64":
      bytes = new Uint8Array(Float64Array.from(v).buffer);
      break;
    case "int32":
      bytes = new Uint8Array(Int32Array.from(v).buffer);
      break;
    case "int64": {
      // An int64 holding a non-integer is a tensorgrad bug: shown as INT64_MIN (what x86 gives for nan).
      const ints = BigInt64Array.from(v, (x) =>
        Number.isInteger(x) && Math.abs(x) < 2 ** 63 ? BigInt(x) : -(2n ** 63n),
      );
      bytes = new Uint8Array(ints.buffer);
      break;
    }
    default:
      bytes = Uint8Array.from(v, (x) => (x !== 0 ? 1 : 0));
  }
  if (t.dtype.is_floating_point) canonicalizeNaNs(bytes, t.dtype.name === "float32" ? 4 : 8);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Writes every NaN as the one quiet NaN Python writes (0x7fc00000, 0x7ff8000000000000): V8 may change a NaN's
 * sign and payload once code is optimised, so recorded bits and change detection must not depend on them.
 */
function canonicalizeNaNs(bytes: Uint8Array, size: 4 | 8): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < bytes.byteLength; at += size) {
    const x = size === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true);
    if (!Number.isNaN(x)) continue;
    if (size === 4) view.setUint32(at, 0x7fc00000, true);
    else view.setBigUint64(at, 0x7ff8000000000000n, true);
  }
}

function numberDesc(x: number): Desc {
  const n = Number.isNaN(x)
    ? "nan"
    : x === Infinity
      ? "inf"
      : x === -Infinity
        ? "-inf"
        : Object.is(x, -0)
          ? "-0"
          : x;
  return { n, py: Number.isInteger(x) ? "int" : "float" };
}

export function describeTensor(t: Tensor): TensorDesc | { err: [string, string] } {
  try {
    return describeTensorOrThrow(t);
  } catch (e) {
    return { err: errorOf(e) };
  }
}

/** The recorder writes type(grad_fn).__name__: name() without the C++ namespace (torch::autograd::CopySlices). */
const pythonTypeName = (node: torch.autograd.Node): string => node.name().replace(/^torch::autograd::/, "");

function describeTensorOrThrow(t: Tensor): TensorDesc {
  const d: TensorDesc = {
    r: t.toString(),
    d: t.dtype.name,
    s: [...t.shape],
    g: t.grad_fn ? pythonTypeName(t.grad_fn) : null,
    l: t.is_leaf,
    q: t.requires_grad,
    b: bitsOf(t),
  };
  if (t.ndim === 0) d.f = `${t}`;
  if (t.is_leaf || t.retains_grad) {
    const g = t.grad;
    if (g !== null) d.G = describeTensorOrThrow(g);
  }
  return d;
}

export function describe(x: unknown): Desc {
  if (x instanceof torch.Tensor) return describeTensor(x);
  if (x === null || x === undefined) return { N: 1 };
  if (typeof x === "number") return numberDesc(x);
  if (typeof x === "bigint") return { n: Number(x), py: "int" };
  if (typeof x === "boolean") return { B: x };
  if (typeof x === "string") return { S: x };
  if (x instanceof torch.DType) return { D: x.name };
  if (x instanceof torch.autograd.Node) return { fn: pythonTypeName(x) };
  if (Array.isArray(x)) return { L: x.map(describe) };
  // tuple-likes (max(dim)'s values/indices) iterate; objects with their own repr (modules) do not count
  if (typeof x === "object" && Symbol.iterator in x && x.toString === Object.prototype.toString)
    return { L: [...(x as Iterable<unknown>)].map(describe) };
  return { o: String(x) };
}

// ---- running ------------------------------------------------------------------------------------------

/** A JS error as Python would name it: JS-only classes (RangeError, a plain Error) stay visible as such. */
function errorOf(e: unknown): [string, string] {
  if (e instanceof Error) return [e.name, e.message];
  return [typeof e, String(e)];
}

let nextId = 1;
const IDS = new WeakMap<object, number>();
const idOf = (x: object | null): number => {
  if (x === null) return 0;
  let id = IDS.get(x);
  if (id === undefined) IDS.set(x, (id = nextId++));
  return id;
};

/** A cheap summary of what can change a tensor variable's description without rebinding it. */
function stateKey(t: Tensor): string {
  try {
    const g = t.is_leaf || t.retains_grad ? (t as unknown as { _grad: Tensor | null })._grad : null;
    return [t._version, t.requires_grad, idOf(t.grad_fn), idOf(g), g?._version ?? -1, t.shape.join()].join(
      "|",
    );
  } catch (e) {
    // reading grad_fn of a view whose base was modified in place can raise, as in PyTorch
    return `error|${t._version}|${errorOf(e).join(": ")}`;
  }
}

/** One program's variables, run statement by statement. */
export class Session {
  readonly env = new Map<string, unknown>();
  /** variables whose float values derive from BLAS (compared with a tolerance) */
  readonly tainted = new Set<string>();
  /** a BLAS op ran: gradients may carry its rounding */
  blas = false;
  /** a tainted result was float32 (values promoted from it to float64 carry float32's error) */
  blas32 = false;
  /** variables holding a Python list (tolist()), not a tuple: JS has arrays for both */
  private readonly lists = new Set<string>();
  private readonly descs = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  constructor() {
    // Every program starts from the same state as in the recorder.
    torch.manual_seed(0);
    torch.set_grad_enabled(true);
  }

  value(v: Val): unknown {
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v === null || typeof v !== "object") return v;
    if ("v" in v) return this.env.get(v.v);
    if ("f" in v) return v.f === "nan" ? NaN : v.f === "inf" ? Infinity : -Infinity;
    if ("T" in v) return buildLit(v.T);
    return DTYPES[v.dt];
  }

  private args(s: Stmt): unknown[] {
    const args = (s.a ?? []).map((a) => this.value(a));
    if (s.k !== undefined)
      args.push(Object.fromEntries(Object.entries(s.k).map(([k, v]) => [k, this.value(v)])));
    return args;
  }

  private call(s: Stmt): unknown {
    if (s.val !== undefined) return this.value(s.val);
    const args = this.args(s);
    if (s.f !== undefined) return (resolvePath(s.f) as Fn)(...args);
    if (s.c !== undefined) return new (resolvePath(s.c) as new (...a: unknown[]) => unknown)(...args);
    const self = this.env.get(s.s!) as Record<string | number, unknown>;
    // Python's semantics where JS has none: None has no attributes, a tuple index can be out of range
    const name = s.m ?? s.attr;
    if (self === null && name !== undefined)
      throw new AttributeError(`'NoneType' object has no attribute '${name}'`);
    if (
      s.i !== undefined &&
      (s.i >= (self as unknown as { length: number }).length ||
        s.i < -(self as unknown as { length: number }).length)
    )
      throw new IndexError(`${this.lists.has(s.s!) ? "list" : "tuple"} index out of range`);
    if (s.m !== undefined) {
      const method = self[s.m];
      if (typeof method !== "function") throw new Error(`tensorgrad has no method ${s.m}`);
      return (method as Fn).apply(self, args);
    }
    if (s.attr !== undefined) return self[s.attr];
    return self[s.i!];
  }

  /** Whether the statement's result derives from BLAS. */
  private taints(s: Stmt): boolean {
    const name = s.f?.split(".").pop() ?? s.m ?? "";
    if (BLAS_OPS.has(name) || svdNorm(s)) return true;
    if (s.m === "forward" && BLAS_MODULES.has(this.env.get(s.s!)?.constructor.name ?? "")) return true;
    if (readsOf(s).some((v) => this.tainted.has(v))) return true;
    return this.blas && (s.attr === "grad" || /grad|backward|step/.test(name));
  }

  /** Runs one statement; `expectChanged` names variables whose state must be described even if unchanged here. */
  exec(s: Stmt, expectChanged: readonly string[] = []): Rec {
    const rec: Rec = {};
    if (readsOf(s).some((v) => !this.env.has(v))) {
      rec.x = 1;
      return rec;
    }
    const warnings: string[] = [];
    const stopRecording = pushWarningSink((w) => void warnings.push(w.message));
    const taints = this.taints(s);
    try {
      const result = s.ng === 1 ? torch.no_grad(() => this.call(s)) : this.call(s);
      if (s.o !== undefined) {
        this.env.set(s.o, result);
        if (s.m === "tolist" || (s.i !== undefined && this.lists.has(s.s!))) this.lists.add(s.o);
        rec.r = describe(result);
        if (result instanceof torch.Tensor) {
          this.keys.set(s.o, stateKey(result));
          this.descs.set(s.o, JSON.stringify(rec.r));
        }
      }
    } catch (e) {
      rec.e = errorOf(e);
    } finally {
      stopRecording();
    }
    const name = s.f?.split(".").pop() ?? s.m ?? "";
    if (BLAS_OPS.has(name) || svdNorm(s) || (s.m === "forward" && taints)) this.blas = true;
    if (taints && s.o !== undefined && rec.e === undefined) this.tainted.add(s.o);
    if (taints && JSON.stringify(rec.r ?? {}).includes('"d":"float32"')) this.blas32 = true;
    // An in-place write of tainted values taints whatever shares the storage: every variable, to be safe.
    if (taints && rec.e === undefined && /_$/.test(name) && readsOf(s).some((v) => this.tainted.has(v)))
      for (const v of this.env.keys()) this.tainted.add(v);
    const changed = this.changes(s.o, expectChanged);
    if (changed !== undefined) rec.c = changed;
    if (warnings.length > 0) rec.w = warnings;
    return rec;
  }

  private changes(
    bound: string | undefined,
    expectChanged: readonly string[],
  ): Record<string, Desc> | undefined {
    let out: Record<string, Desc> | undefined;
    for (const [name, value] of this.env) {
      if (name === bound || !(value instanceof torch.Tensor)) continue;
      const key = stateKey(value);
      if (key === this.keys.get(name) && !expectChanged.includes(name)) continue;
      this.keys.set(name, key);
      const desc = describeTensor(value);
      const text = JSON.stringify(desc);
      if (text === this.descs.get(name)) continue;
      this.descs.set(name, text);
      (out ??= {})[name] = desc;
      if (this.blas && "G" in desc) this.tainted.add(name);
    }
    return out;
  }
}

/** Runs a whole program; `expected` (PyTorch's records) tells which variables to re-describe after each statement. */
export function runProgram(p: Program, expected?: readonly Rec[]): { recs: Rec[]; session: Session } {
  const session = new Session();
  const recs = p.b.map((s, i) => session.exec(s, Object.keys(expected?.[i]?.c ?? {})));
  return { recs, session };
}
