// The differential generator: from a seed, a small random program (3-12 statements) over the public API of
// the signature table: calls with arguments built from each signature (recipes in gen_recipes.ts where an op
// needs structure), views and in-place ops, backward and autograd.grad (retain_graph, a second backward,
// create_graph and a second derivative), modules and optimizers, and about one call in ten made invalid.
//
// It runs each statement in tensorgrad as it goes (interpret.ts) to learn what the program holds (shapes,
// dtypes, which tensors require grad): the program is the same on every run of the same library, and its
// outcomes are PyTorch's business (the recorder). A statement that fails in tensorgrad is kept: PyTorch may
// disagree.
import * as torch from "../../src/index.js";
import { entries, type Entry } from "../../src/signatures/registry.js";
import type { Param, Signature } from "../../src/signatures/schema.js";
import { Session } from "./interpret.js";
import type { DTypeName, Lit, Program, Stmt, Val } from "./ir.js";
import { recipeFor, type G, type Pick } from "./gen_recipes.js";
import { FOCUS } from "./gen_recipes_more.js";
import { autogradSequence, moduleSequence } from "./gen_sequences.js";
import {
  clashingShape,
  floatScalar,
  literal,
  numberScalar,
  partnerShape,
  randomDtype,
  randomShape,
  Rng,
} from "./gen_values.js";

/** Entry points left out: global modes and callbacks (no IR for functions), files, tensorgrad's own extras, uninitialized memory. */
const SKIP = new Set([
  ...["no_grad", "enable_grad", "set_grad_enabled", "inference_mode"].flatMap((n) => [
    `torch.${n}`,
    `torch.autograd.${n}`,
  ]),
  "torch.autograd.set_detect_anomaly",
  "torch.autograd.detect_anomaly",
  "torch.save",
  "torch.load",
  "torch.saveToBytes",
  "torch.loadFromBytes",
  "torch.metadataFromBytes",
  "torch.set_printoptions",
  "torch.get_printoptions",
  "torch.get_backend",
  "torch.set_backend",
  "torch.seed",
  "torch.empty",
  "torch.empty_like",
  "Tensor.new_empty",
  // a numpy array has no JS counterpart; pinned memory needs CUDA
  "Tensor.numpy",
  "Tensor.pin_memory",
  "torch.autograd.explain",
  "torch.autograd.gradcheck",
  "torch.autograd.gradgradcheck",
  "Tensor.register_hook",
  "Tensor.register_post_accumulate_grad_hook",
  // autograd sequences make these (gen_sequences.ts)
  "Tensor.backward",
  "torch.autograd.backward",
  "torch.autograd.grad",
  "torch.nn.functional.multi_head_attention_forward",
]);
const SKIP_NAMESPACES = new Set([
  "torch.viz",
  "torch.autograd.functional",
  "torch.utils.checkpoint",
  "torch.utils.data",
  "torch.nn.utils",
]);

/** Parameters left at their defaults unless a recipe gives them: devices, layouts, deprecated loss flags. */
const OMIT = new Set([
  "out",
  "names",
  "memory_format",
  "layout",
  "device",
  "pin_memory",
  "generator",
  "non_blocking",
  "async",
  "sparse_grad",
  "implicit",
  "_stacklevel",
  "size_average",
  "reduce",
  "is_grads_batched",
]);
const DIM_NAMES = new Set([
  "dim",
  "dim0",
  "dim1",
  "start_dim",
  "end_dim",
  "axis0",
  "axis1",
  "source",
  "destination",
]);
const PRIMARY_NAMES = new Set(["input", "self", "tensor", "input1", "query"]);

/**
 * Entry points other work was changing when the batch of programs-0004 was recorded (complex dtypes and fft,
 * nn.init, weight/spectral norm, EmbeddingBag, CTC, interpolation, group/instance norm), and the thread count
 * (a property of the machine): left out until they settle.
 */
const IN_FLUX =
  /complex|^view_as_real$|^polar$|^conj|^resolve_(conj|neg)$|^is_conj$|^real$|^imag$|^angle$|^eig(vals)?$|^embedding_bag$|weight_norm|norm_except_dim|spectral_norm|^interpolate$|^upsample|grid_sample|affine_grid|group_norm|instance_norm|ctc_loss|^get_num_threads$|fft/;
const IN_FLUX_NAMESPACES = new Set(["torch.fft", "torch.nn.init"]);

let POOL: { target: string; entry: Entry; sigs: Signature[] }[] | null = null;
let FOCUSED: { target: string; entry: Entry; sigs: Signature[] }[] | null = null;

/** The entry points of the vocabulary added since the first program sets (half the picks: gen_recipes_more.ts). */
function focused(): NonNullable<typeof FOCUSED> {
  FOCUSED ??= pool().filter((p) => FOCUS.has(p.entry.name.replace(/_$/, "")));
  return FOCUSED;
}

function pool(): NonNullable<typeof POOL> {
  if (POOL !== null) return POOL;
  POOL = [];
  for (const e of entries()) {
    const target = `${e.namespace}.${e.name}`;
    if (SKIP.has(target) || SKIP_NAMESPACES.has(e.namespace)) continue;
    if (IN_FLUX.test(e.name) || IN_FLUX_NAMESPACES.has(e.namespace)) continue;
    const sigs = e.signatures.filter((s) => !s.hidden && !/Dimname/.test(s.text));
    if (sigs.length > 0) POOL.push({ target, entry: e, sigs });
  }
  return POOL;
}

type Kind =
  | "tensor"
  | "tensorlist"
  | "intlist"
  | "int"
  | "float"
  | "scalar"
  | "bool"
  | "dtype"
  | "string"
  | "skip"
  | "object";

function kindOf(p: Param): Kind {
  const t = p.typeText;
  if (/^Tensor\??$|^Tensor \| None$/.test(t)) return "tensor";
  if (/TensorList|Tensor\[\]/.test(t)) return "tensorlist";
  if (/IntArrayRef|int\[\]|int \| \(int/.test(t)) return "intlist";
  if (/^(int64_t|SymInt)\??$|^int( \| None)?$/.test(t)) return "int";
  if (/^double\??$|^float/.test(t)) return "float";
  if (/^Scalar\??$|Number/.test(t)) return "scalar";
  if (/^bool|truthy/.test(t)) return "bool";
  if (/ScalarType|dtype/.test(t)) return "dtype";
  if (/string_view|^str|^'/.test(t)) return "string";
  if (/Generator|MemoryFormat|Layout|Device|callable|function|Module/.test(t)) return "skip";
  return "object";
}

const STRINGS: Record<string, string[]> = {
  rounding_mode: ["trunc", "floor"],
  reduction: ["mean", "sum", "none"],
  approximate: ["none", "tanh"],
  mode: ["constant", "fan_in"],
  nonlinearity: ["relu", "leaky_relu", "tanh", "linear"],
  padding: ["same", "valid"],
};

const SCALARS: Record<string, unknown[]> = {
  alpha: [1, 2, 0.5, -1, 1.5],
  beta: [1, 2, 0.5],
  threshold: [20, 1, 0.5],
  negative_slope: [0.01, 0.2, 1e-5],
  nan: [0.5, -1.5, null],
  posinf: [1.5, null, 100.5],
  neginf: [-1.5, null],
  decimals: [0, 1, 2, -1],
  diagonal: [0, 1, -1, 2],
  correction: [0, 1, 2],
  steps: [0, 1, 3, 5],
  eps: [1e-5, 0.1],
  momentum: [0.1, 0.5],
  chunks: [1, 2, 3],
  delta: [1, 0.5, 2.5],
  gain: [1, 0.5],
  a: [0, 0.1],
  val: [0.5, 2, -1.5],
  std: [1, 0.5],
  mean: [0, 1.5],
  min: [-0.5, 0, 1, null],
  max: [0.5, 1, 2.5, null],
};

export class Generator implements G {
  readonly r: Rng;
  readonly session = new Session();
  readonly stmts: Stmt[] = [];
  x: Pick = { val: null, shape: [], dtype: "float32" };
  private count = 0;

  constructor(readonly id: number) {
    this.r = new Rng(id);
  }

  newVar(prefix = "v"): string {
    return `${prefix}${++this.count}`;
  }

  emit(s: Stmt): void {
    this.stmts.push(s);
    this.session.exec(s);
  }

  /** Tensor variables, most recent first. */
  tensors(): { name: string; t: torch.Tensor }[] {
    const out: { name: string; t: torch.Tensor }[] = [];
    for (const [name, t] of this.session.env) if (t instanceof torch.Tensor) out.unshift({ name, t });
    return out;
  }

  pickOf(name: string, t: torch.Tensor): Pick {
    const d = t.dtype.name;
    return { val: { v: name }, shape: [...t.shape], dtype: d === "int32" ? "int64" : (d as DTypeName) };
  }

  /** An existing tensor variable, recent ones likelier. */
  recent(filter: (t: torch.Tensor) => boolean = () => true): Pick | null {
    const ts = this.tensors().filter(({ t }) => filter(t));
    if (ts.length === 0) return null;
    const i = Math.min(ts.length - 1, Math.floor(-Math.log(1 - this.r.next()) * 1.5));
    return this.pickOf(ts[i].name, ts[i].t);
  }

  setX(p: Pick): void {
    this.x = p;
  }

  lit(l: Lit): Pick {
    return { val: { T: l }, shape: l.s, dtype: l.d };
  }

  tensor(fits: (shape: number[], dtype: DTypeName) => boolean, make: () => Lit): Pick {
    if (this.r.chance(0.5)) {
      const p = this.recent((t) => fits([...t.shape], t.dtype.name as DTypeName));
      if (p !== null) return p;
    }
    return this.lit(make());
  }

  floatDtype(): DTypeName {
    return this.r.chance(0.75) ? "float32" : "float64";
  }

  dim(shape: readonly number[], extra = 0): number {
    const n = shape.length + extra;
    if (n === 0) return this.r.pick([0, -1]);
    return this.r.int(-n, n - 1);
  }

  /** A fresh literal tensor bound to a variable (programs start with one or two). */
  bindLiteral(): string {
    const dtype = randomDtype(this.r);
    const float = dtype === "float32" || dtype === "float64";
    const o = this.newVar("x");
    this.emit({
      o,
      val: { T: literal(this.r, dtype, randomShape(this.r), { requiresGrad: float && this.r.chance(0.6) }) },
    });
    return o;
  }

  /** The primary tensor: mostly an existing variable; a literal otherwise (bound first when it must be a variable). */
  choosePrimary(mustBeVar: boolean): Pick {
    const p = this.r.chance(0.8) ? this.recent() : null;
    if (p !== null) return p;
    if (mustBeVar) {
      const o = this.bindLiteral();
      return this.pickOf(o, this.session.env.get(o) as torch.Tensor);
    }
    const dtype = randomDtype(this.r);
    return this.lit(
      literal(this.r, dtype, randomShape(this.r), {
        requiresGrad: dtype.startsWith("float") && this.r.chance(0.4),
      }),
    );
  }

  /** A tensor that broadcasts with the primary (grown only where the op may return a bigger tensor). */
  partner(grow: boolean, dtype?: DTypeName): Pick {
    const shape = partnerShape(this.r, this.x.shape, grow);
    const d = dtype ?? (this.r.chance(0.75) ? this.x.dtype : randomDtype(this.r));
    const float = d === "float32" || d === "float64";
    return this.tensor(
      (s, t) => s.join() === shape.join() && t === d,
      () => literal(this.r, d, shape, { requiresGrad: float && this.r.chance(0.3) }),
    );
  }

  /** A generic value for a parameter, by its name and type. */
  generic(p: Param, inplace: boolean): Val | undefined {
    const kind = kindOf(p);
    if (kind === "skip") return undefined;
    if (DIM_NAMES.has(p.name) && (kind === "int" || kind === "intlist" || kind === "object")) {
      if (kind === "intlist" && this.r.chance(0.6)) {
        const n = this.x.shape.length;
        return this.r
          .shuffle(Array.from({ length: n }, (_, i) => i))
          .slice(0, this.r.int(n === 0 ? 0 : 1, n));
      }
      return this.dim(this.x.shape);
    }
    if (p.name in SCALARS && kind !== "tensor") return this.r.pick(SCALARS[p.name]) as Val;
    switch (kind) {
      case "tensor":
        if (p.name === "condition" || p.name === "mask")
          return this.partner(p.name === "condition", "bool").val;
        if (p.name === "value") return this.lit(literal(this.r, this.x.dtype, [])).val;
        if (p.name === "index" || p.name === "indices")
          return this.lit(
            literal(this.r, "int64", [this.r.int(0, 3)], { range: "index", bound: this.x.shape[0] ?? 1 }),
          ).val;
        if (p.allowNumbersAsTensors && this.r.chance(0.2)) return numberScalar(this.r) as Val;
        return this.partner(!inplace && p.name !== "target").val;
      case "tensorlist":
        return [this.x.val, this.partner(false, this.x.dtype).val];
      case "intlist":
        return p.name === "size" || p.name === "shape" ? randomShape(this.r) : this.r.pick([[1], [2], 1]);
      case "int":
        return this.r.int(0, 3);
      case "float":
        return floatScalar(this.r);
      case "scalar":
        return numberScalar(this.r) as Val;
      case "bool":
        return this.r.chance(0.5);
      case "dtype":
        return { dt: randomDtype(this.r) };
      case "string": {
        const literals = [...p.typeText.matchAll(/'([^']*)'/g)].map((m) => m[1]);
        return this.r.pick(literals.length > 0 ? literals : (STRINGS[p.name] ?? ["x"]));
      }
      default:
        return this.r.pick<Val>([null, 1, 2]);
    }
  }

  /** One call of a random entry point. */
  opStatement(): void {
    // in-place variants of unary math are many entries: half weight
    const from = () => this.r.pick(this.r.chance(0.5) ? focused() : pool());
    let picked = from();
    if (/_$/.test(picked.entry.name) && picked.sigs.every((x) => x.params.length <= 1) && this.r.chance(0.5))
      picked = from();
    const { entry, sigs } = picked;
    const sig = this.r.pick(sigs);
    const isMethod = entry.namespace === "Tensor";
    const inplace = /_$/.test(entry.name);
    this.x = this.choosePrimary(isMethod);
    // in-place on a leaf that requires grad only raises: mostly take another tensor, or write under no_grad
    let ng = this.r.chance(0.05);
    if (inplace && this.x.val !== null && typeof this.x.val === "object" && "v" in this.x.val) {
      const t = this.session.env.get(this.x.val.v) as torch.Tensor;
      if (t.is_leaf && t.requires_grad && this.r.chance(0.8)) {
        const other = this.recent((u) => !(u.is_leaf && u.requires_grad));
        if (other !== null && this.r.chance(0.6)) this.x = other;
        else ng = true;
      }
    }
    const recipe = recipeFor(entry.name)?.(this) ?? {};
    if (isMethod && !("v" in (this.x.val as object))) {
      // a recipe chose a literal primary: bind it first (a method needs a variable)
      const o = this.newVar("x");
      this.emit({ o, val: this.x.val });
      this.x = { ...this.x, val: { v: o } };
    }
    const params = sig.params.filter((p) => p.variadic === null);
    const values = new Map<string, Val>();
    let primaryGiven = isMethod;
    for (const p of params) {
      let v: Val | undefined;
      if (!primaryGiven && PRIMARY_NAMES.has(p.name) && kindOf(p) === "tensor") {
        v = this.x.val;
        primaryGiven = true;
      } else if (p.name in recipe) v = recipe[p.name];
      else if (!p.optional || (!OMIT.has(p.name) && this.r.chance(0.3))) v = this.generic(p, inplace);
      if (v !== undefined) values.set(p.name, v);
    }
    const a: Val[] = [];
    const k: Record<string, Val> = {};
    let positional = true;
    for (const p of params) {
      if (!values.has(p.name)) {
        positional = false;
        continue;
      }
      const v = values.get(p.name)!;
      if (positional && !p.keywordOnly && !(p.optional && this.r.chance(0.25))) a.push(v);
      else {
        positional = false;
        k[p.name] = v;
      }
    }
    if (sig.params.some((p) => p.variadic === "args")) {
      if (Array.isArray(recipe.args)) a.push(...recipe.args);
      else if (entry.name === "max_pool2d") {
        a.push(this.x.val, recipe.kernel_size);
        for (const [name, v] of Object.entries(recipe)) if (name !== "kernel_size") k[name] = v;
      }
    }
    const s: Stmt = { o: this.newVar() };
    if (isMethod) Object.assign(s, { m: entry.name, s: (this.x.val as { v: string }).v });
    else
      s.f =
        entry.namespace === "torch.linalg"
          ? `torch.linalg.${entry.name}`
          : `${entry.namespace}.${entry.name}`;
    if (a.length > 0) s.a = a;
    if (Object.keys(k).length > 0) s.k = k;
    if (this.r.chance(0.12)) this.mutate(s, params);
    if (ng) s.ng = 1;
    this.emit(s);
    const result = this.session.env.get(s.o!);
    const isTuple =
      Array.isArray(result) ||
      (typeof result === "object" &&
        result !== null &&
        !(result instanceof torch.Tensor) &&
        Symbol.iterator in result &&
        result.toString === Object.prototype.toString);
    if (isTuple && this.r.chance(0.6)) {
      const n = (result as { length: number }).length;
      this.emit({ o: this.newVar(), s: s.o, i: n > 0 ? this.r.int(0, n - 1) : 0 });
    }
  }

  /** Makes a call invalid on purpose, one way or another. */
  mutate(s: Stmt, params: readonly Param[]): void {
    const a = s.a ?? [];
    const k = s.k ?? {};
    const dimAt = a.findIndex((_, i) => DIM_NAMES.has(params[i]?.name ?? ""));
    const kind = this.r.pick(["dim", "shape", "dtype", "extra", "kw", "type", "grad", "missing"]);
    const n = this.x.shape.length;
    if (kind === "dim" && (dimAt >= 0 || Object.keys(k).some((x) => DIM_NAMES.has(x)))) {
      const bad = this.r.chance(0.5) ? n + 1 : -n - 2;
      if (dimAt >= 0 && typeof a[dimAt] === "number") a[dimAt] = bad;
      else for (const name of Object.keys(k)) if (DIM_NAMES.has(name)) k[name] = bad;
      s.bad = "dim out of range";
    } else if (kind === "shape" && a.some((v) => v !== null && typeof v === "object" && "T" in v)) {
      const i = a.findIndex((v) => v !== null && typeof v === "object" && "T" in v);
      const lit = (a[i] as { T: Lit }).T;
      const clash = clashingShape(this.r, this.x.shape);
      if (clash === null) return this.mutateKw(s, k);
      a[i] = { T: literal(this.r, lit.d, clash) };
      s.bad = "shapes do not broadcast";
    } else if (kind === "dtype" && s.f !== undefined && a.length > 0 && isTensorVal(a[0])) {
      const d = this.x.dtype.startsWith("float") ? this.r.pick(["int64", "bool"] as const) : "float32";
      a[0] = { T: literal(this.r, d, this.x.shape) };
      s.bad = "another dtype";
    } else if (kind === "extra") {
      s.a = [...a, 1];
      s.bad = "an extra positional argument";
    } else if (kind === "type" && a.length > (s.f ? 1 : 0)) {
      a[a.length - 1] = this.r.pick<Val>(["x", 1.5, [{ f: "nan" }], null]);
      s.bad = "an argument of the wrong type";
    } else if (kind === "grad") {
      s.a = [...a];
      s.a[s.f && a.length > 0 ? 0 : a.length] = { T: { ...literal(this.r, "int64", [2]), rg: 1 } };
      s.bad = "an int tensor that requires grad";
    } else if (kind === "missing" && a.length > 0) {
      a.pop();
      s.bad = "a missing argument";
    } else return this.mutateKw(s, k);
    if (a.length > 0 && s.a === undefined) s.a = a;
  }

  private mutateKw(s: Stmt, k: Record<string, Val>): void {
    s.k = { ...k, not_a_parameter: 1 };
    s.bad = "an unknown keyword";
  }

  /** A read of an attribute of a tensor variable. */
  attrStatement(): void {
    const p = this.recent();
    if (p === null) return;
    const attr = this.r.pick([
      "grad",
      "is_leaf",
      "requires_grad",
      "grad_fn",
      "shape",
      "T",
      "data",
      "dtype",
      "ndim",
      "grad",
    ]);
    this.emit({ o: this.newVar(), attr, s: (p.val as { v: string }).v });
  }
}

const isTensorVal = (v: Val): boolean =>
  v !== null && typeof v === "object" && !Array.isArray(v) && ("T" in v || "v" in v);

/** The program of a seed. */
export function generate(id: number): Program {
  const g = new Generator(id);
  const target = g.r.int(3, 12);
  for (let i = g.r.int(1, 2); i > 0; i--) g.bindLiteral();
  let guard = 0;
  while (g.stmts.length < target && guard++ < 50) {
    const hasGrad = g.tensors().some(({ t }) => t.requires_grad && t.dtype.is_floating_point);
    const action = g.r.weighted([
      [70, "op"],
      [hasGrad ? 16 : 0, "autograd"],
      [4, "attr"],
      [5, "module"],
      [3, "literal"],
    ] as const);
    if (action === "op") g.opStatement();
    else if (action === "autograd") autogradSequence(g, target - g.stmts.length);
    else if (action === "attr") g.attrStatement();
    else if (action === "module") moduleSequence(g);
    else g.bindLiteral();
  }
  return { id, b: g.stmts };
}
