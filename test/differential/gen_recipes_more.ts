// Recipes for the vocabulary added after the first program sets (issue #13's second batch): linalg (square,
// triangular, symmetric positive-definite matrices), the sorting family (k in range, sorted boundaries),
// special functions with an integer order, the new shape ops and nn functionals. FOCUS names the entry
// points the generator favours, so that a new batch of programs exercises them.
import type { G, Pick, Recipe } from "./gen_recipes.js";
import type { DTypeName, Lit, Val } from "./ir.js";
import { literal, numel } from "./gen_values.js";

const isFloat = (d: DTypeName) => d === "float32" || d === "float64";

/** A float tensor of this shape: a fitting variable, else a literal. */
function floatT(g: G, shape: number[], dtype?: DTypeName, rg = 0.3): Pick {
  const d = dtype ?? (isFloat(g.x.dtype) ? g.x.dtype : g.floatDtype());
  return g.tensor(
    (s, t) => t === d && s.join() === shape.join() && shape.length > 0,
    () => literal(g.r, d, shape, { requiresGrad: g.r.chance(rg) }),
  );
}

/**
 * A batch of n x n matrices as a literal: random (singular or ill-conditioned sometimes), diagonally dominant
 * (well-conditioned), symmetric positive-definite, or lower/upper triangular with a nonzero diagonal.
 */
function matrixLit(
  g: G,
  n: number,
  kind: "any" | "dominant" | "spd" | "lower" | "upper",
  batch: number[] = [],
): Lit {
  const d = g.floatDtype();
  const base = literal(g.r, d, [...batch, n, n], { wild: kind === "any" && g.r.chance(0.3) });
  const v = base.v.map((x) => (typeof x === "number" && Number.isFinite(x) && Math.abs(x) < 100 ? x : 0.5));
  for (let b = 0; b < numel(batch); b++) {
    const at = (i: number, j: number) => b * n * n + i * n + j;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        if (kind === "spd" && j > i) v[at(i, j)] = v[at(j, i)];
        if ((kind === "lower" && j > i) || (kind === "upper" && j < i)) v[at(i, j)] = 0;
      }
    if (kind === "any") continue;
    for (let i = 0; i < n; i++) {
      let s = 1;
      for (let j = 0; j < n; j++) if (j !== i) s += Math.abs(v[at(i, j)] as number);
      v[at(i, i)] = Number(s.toPrecision(6));
    }
  }
  return { d, s: [...batch, n, n], v, ...(g.r.chance(0.4) ? { rg: 1 as const } : {}) };
}

/** The primary replaced by a square matrix (sometimes a batch of them, sometimes an existing square variable). */
function square(g: G, kind: Parameters<typeof matrixLit>[2] = "dominant"): Pick {
  const s = g.x.shape;
  if (kind === "any" && s.length >= 2 && s.at(-1) === s.at(-2) && isFloat(g.x.dtype) && g.r.chance(0.5))
    return g.x;
  const n = g.r.int(1, 3);
  const batch = g.r.chance(0.25) ? [g.r.int(0, 2)] : [];
  const p = g.lit(matrixLit(g, n, g.r.chance(0.15) ? "any" : kind, batch));
  g.setX(p);
  return p;
}

function rect(g: G): Pick {
  const s = g.x.shape;
  if (s.length >= 2 && isFloat(g.x.dtype) && g.r.chance(0.5)) return g.x;
  const p = floatT(g, [g.r.int(1, 4), g.r.int(1, 4)]);
  g.setX(p);
  return p;
}

/** Right-hand sides for an n x n system: [n, k] (batched like A), or a vector. */
function rhs(g: G, a: Pick): Val {
  const n = a.shape.at(-1) ?? 1;
  return floatT(g, [...a.shape.slice(0, -2), n, g.r.int(1, 3)], a.dtype).val;
}

const sq =
  (kind: Parameters<typeof matrixLit>[2]): Recipe =>
  (g) => {
    const a = square(g, kind);
    return { A: a.val, input: a.val };
  };

const linalg: Record<string, Recipe> = {
  ...Object.fromEntries(
    [
      "inv",
      "inv_ex",
      "det",
      "slogdet",
      "logdet",
      "inverse",
      "lu_factor",
      "lu_factor_ex",
      "lu",
      "_lu_with_info",
    ].map((n) => [n, sq("dominant")]),
  ),
  ...Object.fromEntries(["cholesky", "cholesky_ex", "eigh", "eigvalsh", "symeig"].map((n) => [n, sq("spd")])),
  matrix_exp: (g) => ({ input: square(g, "any").val }),
  matrix_power: (g) => ({ input: square(g, "dominant").val, n: g.r.int(-2, 3) }),
  cholesky_inverse: (g) => ({ input: square(g, "lower").val, upper: false }),
  qr: (g) => ({ A: rect(g).val, input: g.x.val, mode: g.r.pick(["reduced", "complete", "r"]) }),
  svd: (g) => ({ A: rect(g).val, input: g.x.val }),
  svdvals: (g) => ({ A: rect(g).val }),
  pinv: (g) => ({ input: rect(g).val }),
  pinverse: (g) => ({ input: rect(g).val }),
  matrix_rank: (g) => ({ input: rect(g).val }),
  cond: (g) => ({ input: square(g).val, p: g.r.pick<Val>([null, "fro", "nuc", 1, 2, -2, { f: "inf" }]) }),
  matrix_norm: (g) => ({
    input: rect(g).val,
    ord: g.r.pick<Val>(["fro", "nuc", 1, -1, 2, -2, { f: "inf" }]),
  }),
  nuclear_norm: (g) => ({ input: rect(g).val }),
  trace: (g) => ({ input: rect(g).val }),
  solve: (g) => {
    const a = square(g);
    return { A: a.val, B: g.r.chance(0.3) ? floatT(g, [a.shape.at(-1)!], a.dtype).val : rhs(g, a) };
  },
  solve_ex: (g) => {
    const a = square(g);
    return { A: a.val, B: rhs(g, a) };
  },
  solve_triangular: (g) => {
    const upper = g.r.chance(0.5);
    const a = square(g, upper ? "upper" : "lower");
    return { input: a.val, B: rhs(g, a), upper, left: true };
  },
  triangular_solve: (g) => {
    const a = g.lit(matrixLit(g, g.r.int(1, 3), "upper"));
    const b = rhs(g, a);
    g.setX({ ...a, val: b });
    return { input: b, A: a.val };
  },
  cholesky_solve: (g) => {
    const l = g.lit(matrixLit(g, g.r.int(1, 3), "lower"));
    const b = rhs(g, l);
    return { input: b, input2: l.val };
  },
  lstsq: (g) => {
    const a = rect(g);
    return { input: a.val, b: floatT(g, [a.shape.at(-2)!, g.r.int(1, 2)], a.dtype).val };
  },
  multi_dot: (g) => {
    const dims = Array.from({ length: g.r.int(2, 4) }, () => g.r.int(1, 3));
    const d = g.floatDtype();
    return { tensors: dims.slice(1).map((k, i) => floatT(g, [dims[i], k], d).val) };
  },
  chain_matmul: (g) => {
    const dims = Array.from({ length: g.r.int(2, 4) }, () => g.r.int(1, 3));
    const d = g.floatDtype();
    return { args: dims.slice(1).map((k, i) => floatT(g, [dims[i], k], d).val) };
  },
  tensordot: (g) => {
    const a = floatT(g, [2, 3, g.r.int(1, 2)]);
    g.setX(a);
    const dims = g.r.pick<[number[], Val]>([
      [[a.shape[2], 2], 1],
      [[3, a.shape[2]], 2],
      [
        [2, 2],
        [[0], [0]],
      ],
    ]);
    return { a: a.val, b: floatT(g, dims[0], a.dtype).val, dims: dims[1] };
  },
  cross: (g) => {
    const a = floatT(g, g.r.pick([[3], [2, 3], [3, 2]]));
    g.setX(a);
    return {
      input: a.val,
      other: floatT(g, a.shape, a.dtype).val,
      dim: a.shape.length === 2 && a.shape[0] === 3 ? 0 : -1,
    };
  },
  cdist: (g) => {
    const m = g.r.int(1, 3);
    const x1 = floatT(g, [g.r.int(1, 3), m]);
    return {
      x1: x1.val,
      x2: floatT(g, [g.r.int(1, 3), m], x1.dtype).val,
      p: g.r.pick([2, 1, 0, { f: "inf" }, 1.5]),
    };
  },
};

const sorting: Record<string, Recipe> = {
  topk: (g) => {
    const d = g.dim(g.x.shape);
    return { k: g.r.int(0, g.x.shape.at(d) ?? 1), dim: d, largest: g.r.chance(0.7) };
  },
  kthvalue: (g) => {
    const d = g.dim(g.x.shape);
    return { k: g.r.int(1, Math.max(1, g.x.shape.at(d) ?? 1)), dim: d };
  },
  quantile: (g) => quantileOf(g),
  nanquantile: (g) => quantileOf(g),
  searchsorted: (g) => {
    const seq = sortedLit(g, g.r.int(0, 5));
    return { sorted_sequence: seq, right: g.r.chance(0.3) };
  },
  bucketize: (g) => ({ boundaries: sortedLit(g, g.r.int(0, 5)), right: g.r.chance(0.3) }),
  histc: (g) => ({ bins: g.r.int(1, 6), min: g.r.pick([0, -1, 1]), max: g.r.pick([0, 1, 2.5]) }),
  bincount: (g) => {
    const n = g.r.int(0, 6);
    g.setX(g.lit(literal(g.r, "int64", [n], { range: "index", bound: 5 })));
    const v: Record<string, Val> = { minlength: g.r.int(0, 3) };
    if (g.r.chance(0.4)) v.weights = floatT(g, [n]).val;
    return v;
  },
  multinomial: (g) => {
    const shape = g.r.chance(0.5) ? [g.r.int(1, 4)] : [2, g.r.int(1, 4)];
    g.setX(g.lit(literal(g.r, g.floatDtype(), shape, { range: "positive" })));
    return { num_samples: g.r.int(1, 3), replacement: g.r.chance(0.5) };
  },
};

function quantileOf(g: G): Record<string, Val> {
  const q = g.r.chance(0.7)
    ? g.r.pick([0, 0.25, 0.5, 0.75, 1, 0.3])
    : g.lit(literal(g.r, isFloat(g.x.dtype) ? g.x.dtype : "float32", [g.r.int(1, 3)], { range: "unit" })).val;
  return {
    q,
    dim: g.r.chance(0.5) ? g.dim(g.x.shape) : null,
    interpolation: g.r.pick(["linear", "lower", "higher", "midpoint", "nearest"]),
  };
}

function sortedLit(g: G, n: number): Val {
  const d = isFloat(g.x.dtype) ? g.x.dtype : g.r.pick(["float32", "int64"] as const);
  const lit = literal(g.r, d, [n], { wild: false });
  lit.v.sort((a, b) => (a as number) - (b as number));
  return { T: lit };
}

const shapes: Record<string, Recipe> = {
  tile: (g) => ({ dims: Array.from({ length: g.r.int(1, 3) }, () => g.r.int(0, 2)) }),
  repeat_interleave: (g) => {
    const d = g.r.chance(0.6) ? g.dim(g.x.shape) : null;
    const n = d === null ? numel(g.x.shape) : (g.x.shape.at(d) ?? 1);
    const repeats = g.r.chance(0.5)
      ? g.r.int(0, 3)
      : g.lit(literal(g.r, "int64", [n], { range: "index", bound: 3 })).val;
    return { repeats, dim: d };
  },
  rot90: (g) => ({
    k: g.r.int(-2, 4),
    dims: g.r.pick([
      [0, 1],
      [1, 0],
      [-1, -2],
      [0, 2],
    ]),
  }),
  diag_embed: (g) => ({ offset: g.r.int(-1, 1) }),
  diagflat: (g) => ({ offset: g.r.int(-1, 1) }),
  diag: (g) => ({ diagonal: g.r.int(-1, 1) }),
  combinations: (g) => {
    g.setX(floatT(g, [g.r.int(0, 4)]));
    return { r: g.r.int(0, 3), with_replacement: g.r.chance(0.3) };
  },
  vander: (g) => {
    const x = floatT(g, [g.r.int(0, 4)]);
    g.setX(x);
    return { x: x.val, N: g.r.pick([null, 0, 2, 3]), increasing: g.r.chance(0.5) };
  },
  tril_indices: (g) => ({ row: g.r.int(0, 4), col: g.r.int(0, 4), offset: g.r.int(-2, 2) }),
  triu_indices: (g) => ({ row: g.r.int(0, 4), col: g.r.int(0, 4), offset: g.r.int(-2, 2) }),
  cartesian_prod: (g) => ({ args: listOf(g, () => [g.r.int(0, 3)], false) }),
  meshgrid: (g) => ({ args: listOf(g, () => [g.r.int(0, 3)], false), indexing: g.r.pick(["ij", "xy"]) }),
  block_diag: (g) => ({
    args: listOf(g, () => [g.r.int(1, 2), g.r.int(0, 3)].slice(0, g.r.int(1, 2)), true),
  }),
  atleast_1d: (g) => ({ args: listOf(g, () => [], true) }),
  atleast_2d: (g) => ({ args: listOf(g, () => [g.r.int(1, 3)], true) }),
  atleast_3d: (g) => ({ args: listOf(g, () => [g.r.int(1, 2), 2], true) }),
  kron: (g) => ({
    other: floatT(
      g,
      g.x.shape.map(() => g.r.int(1, 2)),
    ).val,
  }),
};

function listOf(g: G, shape: () => number[], mixedRank: boolean): Val[] {
  const d = g.floatDtype();
  return Array.from(
    { length: g.r.int(1, 3) },
    () => floatT(g, mixedRank && g.r.chance(0.3) ? [] : shape(), d).val,
  );
}

const special: Record<string, Recipe> = {
  polygamma: (g) => ({ n: g.r.int(0, 3) }),
  mvlgamma: (g) => mvl(g),
  multigammaln: (g) => mvl(g),
};

function mvl(g: G): Record<string, Val> {
  const p = g.r.int(1, 3);
  if (g.r.chance(0.7)) g.setX(g.lit(literal(g.r, g.floatDtype(), [g.r.int(1, 3)], { range: "positive" })));
  const lit = g.x.val as { T?: Lit };
  if (lit.T !== undefined) lit.T.v = lit.T.v.map((x) => (x as number) + p);
  return { input: g.x.val, p };
}

const nn: Record<string, Recipe> = {
  glu: (g) => {
    const x = floatT(g, [g.r.int(1, 2), 2 * g.r.int(1, 2)]);
    g.setX(x);
    return { input: x.val, dim: g.r.pick([-1, 1]) };
  },
  pixel_shuffle: (g) => {
    const r = g.r.int(1, 2);
    g.setX(floatT(g, [1, r * r * g.r.int(1, 2), g.r.int(1, 2), g.r.int(1, 2)]));
    return { input: g.x.val, upscale_factor: r };
  },
  pixel_unshuffle: (g) => {
    const r = g.r.int(1, 2);
    g.setX(floatT(g, [1, g.r.int(1, 2), 2 * r, 2 * r]));
    return { input: g.x.val, downscale_factor: r };
  },
  channel_shuffle: (g) => {
    g.setX(floatT(g, [1, 4, 2]));
    return { input: g.x.val, groups: g.r.pick([1, 2, 4]) };
  },
  one_hot: (g) => {
    g.setX(g.lit(literal(g.r, "int64", [g.r.int(0, 4)], { range: "index", bound: 4 })));
    return { input: g.x.val, num_classes: g.r.pick([-1, 4, 5]) };
  },
  prelu: (g) => {
    const x = floatT(g, [2, 3]);
    g.setX(x);
    return { input: x.val, weight: floatT(g, [g.r.pick([1, 3])], x.dtype).val };
  },
  conv_transpose1d: (g) => {
    const x = floatT(g, [1, 2, g.r.int(2, 4)]);
    g.setX(x);
    return {
      input: x.val,
      weight: floatT(g, [2, g.r.int(1, 2), g.r.int(1, 3)], x.dtype).val,
      stride: g.r.pick([1, 2]),
    };
  },
  conv_transpose2d: (g) => {
    const x = floatT(g, [1, 1, g.r.int(2, 3), g.r.int(2, 3)]);
    g.setX(x);
    return {
      input: x.val,
      weight: floatT(g, [1, g.r.int(1, 2), 2, 2], x.dtype).val,
      stride: g.r.pick([1, 2]),
    };
  },
  conv3d: (g) => {
    const x = floatT(g, [1, 1, 2, 2, g.r.int(2, 3)]);
    g.setX(x);
    return { input: x.val, weight: floatT(g, [g.r.int(1, 2), 1, 1, 2, 2], x.dtype).val };
  },
  unfold: (g) => {
    g.setX(floatT(g, [1, g.r.int(1, 2), g.r.int(2, 3), g.r.int(2, 3)]));
    return { input: g.x.val, kernel_size: g.r.pick([1, 2, [2, 1]]), stride: g.r.pick([1, 2]) };
  },
  fold: (g) => {
    g.setX(floatT(g, [1, 4, 4]));
    return { input: g.x.val, output_size: [3, 3], kernel_size: 2 };
  },
  multi_margin_loss: (g) => marginLoss(g, false),
  multilabel_margin_loss: (g) => marginLoss(g, true),
  margin_ranking_loss: (g) => pairLoss(g, false),
  cosine_embedding_loss: (g) => pairLoss(g, true),
  triplet_margin_loss: (g) => {
    const a = floatT(g, [g.r.int(1, 3), g.r.int(1, 3)]);
    g.setX(a);
    return {
      anchor: a.val,
      positive: floatT(g, a.shape, a.dtype).val,
      negative: floatT(g, a.shape, a.dtype).val,
      swap: g.r.chance(0.3),
    };
  },
  gaussian_nll_loss: (g) => {
    const x = floatT(g, [g.r.int(1, 3), 2]);
    g.setX(x);
    return {
      input: x.val,
      target: floatT(g, x.shape, x.dtype).val,
      var: g.lit(literal(g.r, x.dtype, x.shape, { range: "positive" })).val,
    };
  },
  cosine_similarity: (g) => pairOf(g),
  pairwise_distance: (g) => pairOf(g),
};

function pairOf(g: G): Record<string, Val> {
  const x = floatT(g, [g.r.int(1, 3), g.r.int(1, 3)]);
  g.setX(x);
  return { x1: x.val, x2: floatT(g, x.shape, x.dtype).val };
}

function marginLoss(g: G, multilabel: boolean): Record<string, Val> {
  const [n, c] = [g.r.int(1, 3), g.r.int(1, 4)];
  const x = floatT(g, [n, c]);
  g.setX(x);
  const target = multilabel
    ? g.lit({ d: "int64", s: [n, c], v: Array.from({ length: n * c }, () => g.r.int(-1, c - 1)) })
    : g.lit(literal(g.r, "int64", [n], { range: "index", bound: c }));
  return { input: x.val, target: target.val, reduction: g.r.pick(["mean", "sum", "none"]) };
}

function pairLoss(g: G, cosine: boolean): Record<string, Val> {
  const n = g.r.int(1, 3);
  const shape = cosine ? [n, g.r.int(1, 3)] : [n];
  const x = floatT(g, shape);
  g.setX(x);
  const t = g.lit({ d: x.dtype, s: [n], v: Array.from({ length: n }, () => g.r.pick([1, -1])) });
  return { input1: x.val, input2: floatT(g, shape, x.dtype).val, target: t.val, margin: g.r.pick([0, 0.5]) };
}

export const MORE_RECIPES: Record<string, Recipe> = { ...linalg, ...sorting, ...shapes, ...special, ...nn };

/** The entry points a new batch favours: the vocabulary added since the first program sets. */
export const FOCUS = new Set([
  ...Object.keys(MORE_RECIPES),
  ...["sort", "argsort", "msort", "median", "nanmedian", "mode", "unique", "unique_consecutive"],
  ...[
    "cummax",
    "cummin",
    "logcumsumexp",
    "nansum",
    "nanmean",
    "count_nonzero",
    "aminmax",
    "var_mean",
    "std_mean",
  ],
  ...[
    "logaddexp",
    "logaddexp2",
    "hypot",
    "heaviside",
    "xlogy",
    "xlog1py",
    "sinc",
    "erfinv",
    "erfc",
    "lgamma",
  ],
  ...[
    "digamma",
    "psi",
    "i0",
    "i0e",
    "i1",
    "i1e",
    "logit",
    "expit",
    "erfcx",
    "ndtr",
    "ndtri",
    "log_ndtr",
    "entr",
  ],
  ...["gammaln", "exp2", "deg2rad", "rad2deg", "isclose", "clip", "softmin", "fliplr", "flipud", "ravel"],
  ...[
    "diagonal",
    "hardshrink",
    "softshrink",
    "selu",
    "celu",
    "threshold",
    "hardtanh",
    "relu6",
    "hardsigmoid",
  ],
  ...[
    "hardswish",
    "mish",
    "softsign",
    "tanhshrink",
    "rrelu",
    "normalize",
    "soft_margin_loss",
    "hinge_embedding_loss",
  ],
  ...["multilabel_soft_margin_loss", "poisson_nll_loss", "avg_pool1d", "max_pool1d", "adaptive_avg_pool1d"],
  ...[
    "adaptive_max_pool1d",
    "adaptive_max_pool2d",
    "lp_pool2d",
    "max_pool3d",
    "view_as",
    "reshape_as",
    "new_zeros",
  ],
  ...[
    "new_ones",
    "new_full",
    "new_tensor",
    "unsqueeze_",
    "squeeze_",
    "transpose_",
    "t_",
    "eye",
    "norm",
    "vector_norm",
  ],
  ...["gelu", "view"],
]);
