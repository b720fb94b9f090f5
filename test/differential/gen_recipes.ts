// Arguments that fit an op's structure (a view's size, a matrix product's shapes, an index in range), by op
// name: what the generic, signature-driven filler in generate.ts cannot guess. A recipe returns values by
// parameter name; `self` is the primary tensor (the method's tensor, the function's input).
import type { DTypeName, Lit, Val } from "./ir.js";
import { literal, numel, partnerShape, randomShape, type Rng } from "./gen_values.js";
import { MORE_RECIPES } from "./gen_recipes_more.js";

/** A tensor argument and what the generator knows of it. */
export interface Pick {
  val: Val;
  shape: number[];
  dtype: DTypeName;
}

/** What recipes may ask of the generator. */
export interface G {
  r: Rng;
  /** the primary tensor, chosen generically; a recipe may replace it with setX */
  x: Pick;
  setX(p: Pick): void;
  /** an existing tensor variable that fits, else the literal `make` builds */
  tensor(fits: (shape: number[], dtype: DTypeName) => boolean, make: () => Lit): Pick;
  lit(l: Lit): Pick;
  floatDtype(): DTypeName;
  /** a valid dim of a shape (negative sometimes); for 0-dim tensors 0 or -1 */
  dim(shape: readonly number[], extra?: number): number;
}

export type Recipe = (g: G) => Record<string, Val>;

const isFloat = (d: DTypeName) => d === "float32" || d === "float64";
const nd = (g: G) => g.x.shape.length;

/** An existing float tensor of exactly this shape, else a literal (requiring grad sometimes). */
function floatOf(g: G, shape: number[], dtype?: DTypeName, opts: Parameters<typeof literal>[3] = {}): Pick {
  const d = dtype ?? g.floatDtype();
  return g.tensor(
    (s, t) => t === d && s.join() === shape.join() && shape.length > 0,
    () => literal(g.r, d, shape, { requiresGrad: g.r.chance(0.3), ...opts }),
  );
}

/** The primary replaced by a float tensor of `ndims` dims (sizes 1-4). */
function primaryOfRank(g: G, ndims: number, sizes?: number[]): Pick {
  const shape = sizes ?? Array.from({ length: ndims }, () => g.r.int(1, 4));
  const p = floatOf(g, shape, isFloat(g.x.dtype) && g.r.chance(0.8) ? g.x.dtype : undefined);
  if (g.x.shape.length === ndims && isFloat(g.x.dtype) && sizes === undefined && g.r.chance(0.6)) return g.x;
  g.setX(p);
  return p;
}

const dims = (g: G): number[] => Array.from({ length: nd(g) }, (_, i) => i);

/** A factorization of n into a random number of factors, one maybe -1. */
function reshapeOf(g: G, n: number): number[] {
  const out: number[] = [];
  let rest = n;
  const parts = g.r.int(0, 3);
  for (let i = 0; i < parts && rest > 1; i++) {
    const divisors = [1, 2, 3, 4, 6].filter((d) => rest % d === 0);
    const d = g.r.pick(divisors);
    out.push(d);
    rest /= d;
  }
  if (rest !== 1 || out.length === 0 || n === 0) out.push(n === 0 ? 0 : rest);
  if (g.r.chance(0.3)) out[g.r.int(0, out.length - 1)] = -1;
  return g.r.shuffle(out);
}

function indexLit(g: G, shape: number[], bound: number): Pick {
  return g.lit(literal(g.r, "int64", shape, { range: "index", bound }));
}

const matmulOps: Record<string, Recipe> = {
  mm: (g) => {
    const [, k] = primaryOfRank(g, 2).shape;
    return { mat2: floatOf(g, [k, g.r.int(1, 4)], g.x.dtype).val };
  },
  bmm: (g) => {
    const [b, , k] = primaryOfRank(g, 3).shape;
    return { mat2: floatOf(g, [b, k, g.r.int(1, 3)], g.x.dtype).val };
  },
  dot: (g) => {
    const [n] = primaryOfRank(g, 1).shape;
    return { tensor: floatOf(g, [n], g.x.dtype).val };
  },
  mv: (g) => {
    const [, k] = primaryOfRank(g, 2).shape;
    return { vec: floatOf(g, [k], g.x.dtype).val };
  },
  outer: (g) => ({ vec2: floatOf(g, [g.r.int(1, 4)], primaryOfRank(g, 1).dtype).val }),
  ger: (g) => ({ vec2: floatOf(g, [g.r.int(1, 4)], primaryOfRank(g, 1).dtype).val }),
  matmul: (g) => {
    const a = primaryOfRank(g, g.r.int(1, 3));
    const k = a.shape[a.shape.length - 1];
    const other = g.r.pick([[k], [k, g.r.int(1, 3)], [g.r.int(1, 2), k, 2]]);
    return { other: floatOf(g, other, a.dtype).val };
  },
  addmm: (g) => {
    const n = g.r.int(1, 3);
    const k = g.r.int(1, 3);
    const m = g.r.int(1, 3);
    const input = floatOf(g, g.r.pick([[n, m], [m], [1, m]]));
    g.setX(input);
    return {
      mat1: floatOf(g, [n, k], input.dtype).val,
      mat2: floatOf(g, [k, m], input.dtype).val,
      beta: g.r.pick([1, 0.5, 0]),
      alpha: g.r.pick([1, 2, -1.5]),
    };
  },
  linear: (g) => {
    const x = primaryOfRank(g, g.r.int(1, 3));
    const k = x.shape[x.shape.length - 1];
    const out = g.r.int(1, 3);
    const v: Record<string, Val> = { weight: floatOf(g, [out, k], x.dtype).val };
    if (g.r.chance(0.6)) v.bias = floatOf(g, [out], x.dtype).val;
    return v;
  },
  bilinear: (g) => {
    const [n, a] = primaryOfRank(g, 2).shape;
    const b = g.r.int(1, 3);
    const o = g.r.int(1, 2);
    return {
      input1: g.x.val,
      input2: floatOf(g, [n, b], g.x.dtype).val,
      weight: floatOf(g, [o, a, b], g.x.dtype).val,
      bias: g.r.chance(0.5) ? floatOf(g, [o], g.x.dtype).val : null,
    };
  },
  einsum: (g) => {
    const d = g.floatDtype();
    const t = (...s: number[]) => floatOf(g, s, d).val;
    const [eq, ...ts] = g.r.pick<[string, ...Val[]]>([
      ["ij,jk->ik", t(2, 3), t(3, 2)],
      ["i,i->", t(3), t(3)],
      ["ij->ji", t(2, 3)],
      ["ii->i", t(3, 3)],
      ["bij,bjk->bik", t(2, 2, 3), t(2, 3, 2)],
      ["i,j->ij", t(2), t(3)],
      ["...ij->...ji", t(2, 2, 3)],
      ["ij->", t(2, 3)],
      ["ij,ij->i", t(2, 3), t(2, 3)],
    ]);
    return { args: [eq, ...ts] };
  },
};

const nnOps: Record<string, Recipe> = {
  conv1d: (g) => {
    const [n, c, l] = [g.r.int(1, 2), g.r.int(1, 2), g.r.int(3, 5)];
    const x = primaryOfRank(g, 3, [n, c, l]);
    const o = g.r.int(1, 2);
    return {
      weight: floatOf(g, [o, c, g.r.int(1, 3)], x.dtype).val,
      bias: g.r.chance(0.5) ? floatOf(g, [o], x.dtype).val : null,
      stride: g.r.pick([1, 2]),
      padding: g.r.pick([0, 1, "same", "valid"]),
    };
  },
  conv2d: (g) => {
    const [n, c, h, w] = [1, g.r.int(1, 2), g.r.int(2, 4), g.r.int(2, 4)];
    const x = primaryOfRank(g, 4, [n, c, h, w]);
    const o = g.r.int(1, 2);
    return {
      weight: floatOf(g, [o, c, g.r.int(1, 2), g.r.int(1, 2)], x.dtype).val,
      bias: g.r.chance(0.5) ? floatOf(g, [o], x.dtype).val : null,
      stride: g.r.pick([1, 2, [1, 2]]),
      padding: g.r.pick([0, 1, [1, 0]]),
    };
  },
  avg_pool2d: (g) => pool(g, true),
  max_pool2d: (g) => pool(g, false),
  max_pool2d_with_indices: (g) => pool(g, false),
  adaptive_avg_pool2d: (g) => {
    primaryOfRank(g, 3, [g.r.int(1, 2), g.r.int(2, 4), g.r.int(2, 4)]);
    return { output_size: g.r.pick([1, 2, [2, 1], [1, null]]) };
  },
  batch_norm: (g) => {
    const x = primaryOfRank(g, g.r.pick([2, 3]));
    const c = x.shape[1];
    const stats = (v: number) => g.lit({ d: x.dtype, s: [c], v: Array(c).fill(v) }).val;
    return {
      running_mean: g.r.chance(0.8) ? stats(0) : null,
      running_var: g.r.chance(0.8) ? stats(1) : null,
      weight: g.r.chance(0.5) ? floatOf(g, [c], x.dtype).val : null,
      bias: g.r.chance(0.5) ? floatOf(g, [c], x.dtype).val : null,
      training: g.r.chance(0.5),
    };
  },
  layer_norm: (g) => {
    const x = primaryOfRank(g, g.r.int(1, 3));
    const k = g.r.int(1, x.shape.length);
    const ns = x.shape.slice(x.shape.length - k);
    return {
      normalized_shape: ns,
      weight: g.r.chance(0.5) ? floatOf(g, ns, x.dtype).val : null,
      bias: g.r.chance(0.5) ? floatOf(g, ns, x.dtype).val : null,
    };
  },
  embedding: (g) => {
    const n = g.r.int(2, 5);
    g.setX(indexLit(g, randomShape(g.r, 2), n));
    return { weight: floatOf(g, [n, g.r.int(1, 3)]).val, padding_idx: g.r.chance(0.3) ? 0 : null };
  },
  nll_loss: (g) => classLoss(g, true),
  cross_entropy: (g) => classLoss(g, false),
  binary_cross_entropy: (g) => {
    const x = g.x.shape.length > 0 ? g.x : primaryOfRank(g, 1);
    g.setX(
      g.lit(
        literal(g.r, isFloat(x.dtype) ? x.dtype : "float32", x.shape, {
          range: "unit",
          requiresGrad: g.r.chance(0.5),
        }),
      ),
    );
    return { target: g.lit(literal(g.r, g.x.dtype, x.shape, { range: "unit" })).val };
  },
  dropout: (g) => ({ p: g.r.pick([0, 0.5, 1, 0.25]), training: g.r.chance(0.5) }),
};

function pool(g: G, avg: boolean): Record<string, Val> {
  const x = primaryOfRank(g, g.r.pick([3, 4]), undefined);
  const [h, w] = x.shape.slice(-2);
  const k = Math.max(1, Math.min(h, w, g.r.int(1, 2)));
  const v: Record<string, Val> = { kernel_size: g.r.pick([k, [k, 1]]) };
  if (g.r.chance(0.4)) v.stride = g.r.pick([1, 2, [2, 1]]);
  if (g.r.chance(0.2)) v.padding = 0;
  if (g.r.chance(0.3)) v.ceil_mode = true;
  if (avg && g.r.chance(0.3)) v.count_include_pad = false;
  return v;
}

function classLoss(g: G, nll: boolean): Record<string, Val> {
  const [n, c] = primaryOfRank(g, 2).shape;
  const v: Record<string, Val> = { target: indexLit(g, [n], c).val };
  if (!nll && g.r.chance(0.2)) v.target = g.lit(literal(g.r, g.x.dtype, [n, c], { range: "unit" })).val;
  if (g.r.chance(0.2)) v.weight = g.lit(literal(g.r, g.x.dtype, [c], { range: "positive" })).val;
  if (g.r.chance(0.3)) v.reduction = g.r.pick(["none", "sum", "mean"]);
  if (g.r.chance(0.15)) v.ignore_index = 0;
  if (!nll && g.r.chance(0.2)) v.label_smoothing = 0.1;
  return v;
}

const shapeOps: Record<string, Recipe> = {
  reshape: (g) => ({ shape: reshapeOf(g, numel(g.x.shape)) }),
  view: (g) => ({ size: reshapeOf(g, numel(g.x.shape)) }),
  expand: (g) => ({
    size: [
      ...(g.r.chance(0.4) ? [2] : []),
      ...g.x.shape.map((d) => (d === 1 ? g.r.pick([1, 2, 3, -1]) : g.r.pick([d, -1]))),
    ],
  }),
  expand_as: (g) => {
    const big = [...(g.r.chance(0.4) ? [2] : []), ...g.x.shape.map((d) => (d === 1 ? g.r.pick([1, 3]) : d))];
    return { other: g.lit(literal(g.r, g.x.dtype, big)).val };
  },
  repeat: (g) => ({ repeats: [...(g.r.chance(0.3) ? [2] : []), ...g.x.shape.map(() => g.r.pick([1, 2]))] }),
  sum_to_size: (g) => ({ size: partnerShape(g.r, g.x.shape, false) }),
  permute: (g) => ({ dims: g.r.shuffle(dims(g)).map((d) => (g.r.chance(0.2) ? d - nd(g) : d)) }),
  flip: (g) => ({ dims: g.r.shuffle(dims(g)).slice(0, g.r.int(0, nd(g))) }),
  roll: (g): Record<string, Val> => {
    const k = g.r.int(1, Math.max(1, nd(g)));
    if (nd(g) === 0 || g.r.chance(0.3)) return { shifts: g.r.int(-3, 3) };
    const ds = g.r.shuffle(dims(g)).slice(0, k);
    return { shifts: ds.map(() => g.r.int(-3, 3)), dims: ds };
  },
  movedim: (g) => moveDims(g),
  moveaxis: (g) => moveDims(g),
  select: (g) => {
    const d = g.dim(g.x.shape);
    const size = g.x.shape.at(d) ?? 1;
    return { dim: d, index: size > 0 ? g.r.int(-size, size - 1) : 0 };
  },
  narrow: (g) => {
    const d = g.dim(g.x.shape);
    const size = g.x.shape.at(d) ?? 1;
    const start = g.r.int(0, size);
    return { dim: d, start: g.r.chance(0.2) ? start - size : start, length: g.r.int(0, size - start) };
  },
  unflatten: (g) => {
    const d = g.dim(g.x.shape);
    return { dim: d, sizes: reshapeOf(g, g.x.shape.at(d) ?? 1) };
  },
  unsqueeze: (g) => ({ dim: g.r.int(-nd(g) - 1, nd(g)) }),
  chunk: (g) => ({ chunks: g.r.int(1, 4), dim: g.dim(g.x.shape) }),
  split: (g) => {
    const d = g.dim(g.x.shape);
    const size = g.x.shape.at(d) ?? 0;
    const sections: number[] = [];
    for (let rest = size; rest > 0;) rest -= sections[sections.push(g.r.int(1, rest)) - 1];
    const parts = g.r.chance(0.5) ? g.r.int(1, 3) : sections;
    return { split_size: parts, split_size_or_sections: parts, dim: d };
  },
  tril: (g) => ({ diagonal: g.r.int(-2, 2) }),
  triu: (g) => ({ diagonal: g.r.int(-2, 2) }),
  constant_pad_nd: (g) => ({ pad: padOf(g), value: g.r.pick([0, 1.5, -1]) }),
  pad: (g) => {
    const mode = g.r.weighted([
      [4, "constant"],
      [1, "reflect"],
      [1, "replicate"],
      [1, "circular"],
    ]);
    if (mode !== "constant")
      primaryOfRank(g, g.r.pick([2, 3]), [1, g.r.int(2, 4), g.r.int(2, 4)].slice(0, 3));
    return {
      pad: padOf(g, mode === "constant" ? 3 : 1),
      mode,
      value: mode === "constant" && g.r.chance(0.5) ? 0.5 : null,
    };
  },
  cat: (g) => catOf(g, false),
  concat: (g) => catOf(g, false),
  concatenate: (g) => catOf(g, false),
  stack: (g) => catOf(g, true),
};

function moveDims(g: G): Record<string, Val> {
  if (nd(g) === 0 || g.r.chance(0.5)) return { source: g.dim(g.x.shape), destination: g.dim(g.x.shape) };
  const k = g.r.int(1, nd(g));
  return { source: g.r.shuffle(dims(g)).slice(0, k), destination: g.r.shuffle(dims(g)).slice(0, k) };
}

function padOf(g: G, maxPairs = 3): number[] {
  const pairs = g.r.int(1, Math.max(1, Math.min(maxPairs, nd(g))));
  return Array.from({ length: 2 * pairs }, () => g.r.pick([0, 1, 2, -1]));
}

function catOf(g: G, stack: boolean): Record<string, Val> {
  const d = stack ? g.r.int(-nd(g) - 1, nd(g)) : g.dim(g.x.shape);
  const n = g.r.int(1, 3);
  const ts: Val[] = [g.x.val];
  for (let i = 1; i < n; i++) {
    const s = [...g.x.shape];
    if (!stack && s.length > 0) s[d < 0 ? d + s.length : d] = g.r.int(0, 3);
    const dtype = g.r.chance(0.8) ? g.x.dtype : g.floatDtype();
    ts.push(
      g.tensor(
        (x, t) => x.join() === s.join() && t === dtype,
        () => literal(g.r, dtype, s),
      ).val,
    );
  }
  return { tensors: ts, dim: d };
}

const indexOps: Record<string, Recipe> = {
  index_select: (g) => {
    const d = g.dim(g.x.shape);
    // PyTorch 1.13 on a 0-dim tensor: an empty index gives uninitialized memory, a longer one writes past the
    // one-element result (heap corruption): one index only
    const n = nd(g) === 0 ? 1 : g.r.int(0, 4);
    return { dim: d, index: indexLit(g, [n], g.x.shape.at(d) ?? 1).val };
  },
  index_add: (g) => {
    const d = g.dim(g.x.shape);
    const k = g.r.int(0, 3);
    const src = [...g.x.shape];
    if (src.length > 0) src[d < 0 ? d + src.length : d] = k;
    return {
      dim: d,
      index: indexLit(g, g.x.shape.length === 0 ? [] : [k], g.x.shape.at(d) ?? 1).val,
      source: g.lit(literal(g.r, g.x.dtype, src)).val,
      alpha: g.r.pick([1, 2, 0.5]),
    };
  },
  gather: (g) => {
    const d = g.dim(g.x.shape);
    const shape = g.x.shape.map((s) => g.r.int(Math.min(1, s), s));
    return { dim: d, index: indexLit(g, shape, g.x.shape.at(d) ?? 1).val };
  },
  scatter: (g) => scatterOf(g, true),
  scatter_add: (g) => scatterOf(g, false),
  scatter_reduce: (g) => {
    const { dim, index, src } = scatterOf(g, false);
    return {
      dim,
      index,
      src,
      reduce: g.r.pick(["sum", "prod", "mean", "amax", "amin"]),
      include_self: g.r.chance(0.7),
    };
  },
  select_scatter: (g) => {
    const d = g.dim(g.x.shape);
    const size = g.x.shape.at(d) ?? 1;
    const src = g.x.shape.filter((_, i) => i !== (d < 0 ? d + nd(g) : d));
    return {
      src: g.lit(literal(g.r, g.x.dtype, src)).val,
      dim: d,
      index: g.r.int(-size, Math.max(0, size - 1)),
    };
  },
  slice_scatter: (g) => {
    const d = g.dim(g.x.shape);
    const size = g.x.shape.at(d) ?? 1;
    const start = g.r.int(0, size);
    const end = g.r.int(start, size);
    const step = g.r.pick([1, 1, 2]);
    const src = [...g.x.shape];
    if (src.length > 0) src[d < 0 ? d + src.length : d] = Math.ceil((end - start) / step);
    return { src: g.lit(literal(g.r, g.x.dtype, src)).val, dim: d, start, end, step };
  },
};

function scatterOf(g: G, withReduce: boolean): Record<string, Val> {
  const d = g.dim(g.x.shape);
  const shape = g.x.shape.map((s) => g.r.int(Math.min(1, s), s));
  const v: Record<string, Val> = { dim: d, index: indexLit(g, shape, g.x.shape.at(d) ?? 1).val };
  v.src = g.lit(literal(g.r, g.x.dtype, shape)).val;
  v.value = g.r.pick([1.5, 2, -1]);
  if (withReduce && g.r.chance(0.3)) v.reduce = g.r.pick(["add", "multiply"]);
  return v;
}

const otherOps: Record<string, Recipe> = {
  tensor: (g) => {
    const shape = randomShape(g.r, 2);
    // non-integral floats: JS has no int literal, so all-integral data would be int64 in Python only
    const floats = Array.from({ length: numel(shape) }, () =>
      g.r.pick([0.5, -1.5, 2.25, -0.75, 3.5, 0.1, 1e-3]),
    );
    const bools = g.r.chance(0.2);
    const v: Record<string, Val> = {
      data: nestedVals(bools ? floats.map((x) => x > 0) : floats, shape) as Val,
    };
    if (g.r.chance(0.5)) v.dtype = { dt: g.r.pick(["float32", "float64", "int64", "bool"] as const) };
    if (g.r.chance(0.2)) v.requires_grad = true;
    return v;
  },
  arange: (g) => ({
    start: g.r.pick([0, 1, -2, 0.5]),
    end: g.r.pick([3, 5, 2.5, -1, 0]),
    step: g.r.pick([1, 2, 0.5, -1]),
  }),
  linspace: (g) => ({ start: g.r.pick([0, -1, 0.5]), end: g.r.pick([1, 3, 2.5]), steps: g.r.int(0, 7) }),
  randint: (g) => ({ low: g.r.int(-3, 0), high: g.r.int(1, 6), size: randomShape(g.r, 2) }),
  randperm: (g) => ({ n: g.r.int(0, 6) }),
  item: (g) => {
    if (numel(g.x.shape) !== 1 && g.r.chance(0.8))
      g.setX(
        g.tensor(
          (s) => numel(s) === 1,
          () => literal(g.r, g.floatDtype(), []),
        ),
      );
    return {};
  },
  norm: (g) => ({
    p: g.r.pick<Val>([2, 1, "fro", { f: "inf" }, 0.5, 3, "nuc"]),
    dim: g.r.chance(0.5) ? g.dim(g.x.shape) : null,
  }),
  vector_norm: (g) => ({ ord: g.r.pick<Val>([2, 1, 0, { f: "inf" }, { f: "-inf" }, 0.5, 3]) }),
  bernoulli_: (g) => ({
    p: g.r.chance(0.3)
      ? g.lit(literal(g.r, "float32", g.x.shape, { range: "unit" })).val
      : g.r.pick([0.5, 0.25, 0, 1]),
  }),
  uniform_: (g) => ({ from: g.r.pick([-1, 0, 0.5]), to: g.r.pick([1, 2.5]) }),
  normal_: (g) => ({ mean: g.r.pick([0, 1.5]), std: g.r.pick([1, 0.5]) }),
  calculate_gain: (g) => ({
    nonlinearity: g.r.pick(["relu", "tanh", "leaky_relu", "linear", "sigmoid", "selu"]),
    param: g.r.pick([null, 0.2]),
  }),
  type: (g) => ({ dtype: g.r.pick<Val>([{ dt: "float64" }, { dt: "int64" }, "torch.FloatTensor", null]) }),
  to: (g) => ({
    dtype: { dt: g.r.pick(["float32", "float64", "int64", "bool"] as const) },
    copy: g.r.chance(0.3),
  }),
  view_dtype: () => ({}),
  copy_: (g) => ({
    other: g.lit(
      literal(
        g.r,
        g.r.pick(["float32", "float64", "int64", "bool"] as const),
        partnerShape(g.r, g.x.shape, false),
      ),
    ).val,
  }),
  masked_fill: (g) => ({ mask: g.lit(literal(g.r, "bool", partnerShape(g.r, g.x.shape, false))).val }),
  softmax: (g) => ({ dim: g.dim(g.x.shape) }),
  log_softmax: (g) => ({ dim: g.dim(g.x.shape) }),
  manual_seed: (g) => ({ seed: g.r.int(0, 100) }),
};

function nestedVals(values: unknown[], shape: number[]): unknown {
  if (shape.length === 0) return values[0];
  const step = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0] }, (_, i) =>
    nestedVals(values.slice(i * step, (i + 1) * step), shape.slice(1)),
  );
}

export const RECIPES: Record<string, Recipe> = {
  ...MORE_RECIPES,
  ...matmulOps,
  ...nnOps,
  ...shapeOps,
  ...indexOps,
  ...otherOps,
};

/** The recipe for an entry point's name (in-place variants share their op's). */
export function recipeFor(name: string): Recipe | undefined {
  return RECIPES[name] ?? RECIPES[name.replace(/_$/, "")];
}
