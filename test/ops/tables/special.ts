// Op table rows for src/ops/special.ts: sinc, xlogy, exp2, erfc, erfinv, lgamma, digamma, polygamma, mvlgamma,
// i0, logit, and every name of the torch.special namespace.
import * as torch from "../../../src/index.js";
import { f, f64, pos, type InputSpec, type OpCase } from "../op_case.js";

const S = torch.special;
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
const unit = (...shape: number[]): InputSpec => ({ shape, domain: "unit" });
const pos64 = (...shape: number[]): InputSpec => ({ shape, dtype: "float64", domain: "positive" });

type Unary = (x: torch.Tensor) => torch.Tensor;

/** float32, float64, int64 and method rows of a unary op; `pre` maps the sample into the op's domain. */
function unaryRows(
  name: string,
  fn: Unary,
  opts: {
    py?: string;
    method?: string;
    domain?: InputSpec["domain"];
    pre?: [string, Unary];
    ulps?: number;
  } = {},
): OpCase[] {
  const py = opts.py ?? `torch.${name}`;
  const [prePy, preTs] = opts.pre ?? ["a", (x: torch.Tensor) => x];
  const domain = opts.domain;
  const rows: OpCase[] = [
    {
      name,
      py: `${py}(${prePy})`,
      inputs: [{ shape: [2, 3], domain }],
      ts: (a) => fn(preTs(a)),
      ulps: opts.ulps,
    },
    {
      name: `${name}.float64`,
      py: `${py}(${prePy})`,
      inputs: [{ shape: [5], dtype: "float64", domain }],
      ts: (a) => fn(preTs(a)),
    },
    {
      name: `${name}.int`,
      py: `${py}(a)`,
      inputs: [{ shape: [5], dtype: "int64", domain: "positive" }],
      ts: (a) => fn(a),
      ulps: opts.ulps,
    },
  ];
  if (opts.method) {
    const m = opts.method;
    rows.push({
      name: `${name}.method`,
      py: `(${prePy}).${m}()`,
      inputs: [{ shape: [4], domain }],
      ts: (a) => (preTs(a) as unknown as Record<string, () => torch.Tensor>)[m](),
      ulps: opts.ulps,
    });
  }
  return rows;
}

const half = (a: torch.Tensor) => a.mul(0.5).add(0.5);
const times = (k: number) => (a: torch.Tensor) => a.mul(k);

export const SPECIAL_OPS: OpCase[] = [
  ...unaryRows("sinc", torch.sinc, { method: "sinc" }),
  ...unaryRows("exp2", torch.exp2, { method: "exp2" }),
  ...unaryRows("erfc", torch.erfc, { method: "erfc", ulps: 2 }),
  ...unaryRows("erfinv", torch.erfinv, { method: "erfinv", domain: "unit" }),
  ...unaryRows("lgamma", torch.lgamma, { method: "lgamma", domain: "positive", ulps: 2 }),
  ...unaryRows("digamma", torch.digamma, { method: "digamma", domain: "positive", ulps: 2 }),
  ...unaryRows("i0", torch.i0, { method: "i0", pre: ["a * 6", times(6)] }),
  ...unaryRows("logit", torch.logit, { method: "logit", domain: "unit", pre: ["a * 0.5 + 0.5", half] }),
  ...unaryRows("special.i0e", S.i0e, { py: "torch.special.i0e", pre: ["a * 6", times(6)] }),
  ...unaryRows("special.i1", S.i1, { py: "torch.special.i1", pre: ["a * 6", times(6)] }),
  ...unaryRows("special.i1e", S.i1e, { py: "torch.special.i1e", pre: ["a * 6", times(6)] }),
  ...unaryRows("special.ndtr", S.ndtr, { py: "torch.special.ndtr", pre: ["a * 3", times(3)] }),
  ...unaryRows("special.ndtri", S.ndtri, {
    py: "torch.special.ndtri",
    domain: "unit",
    pre: ["a * 0.5 + 0.5", half],
  }),
  ...unaryRows("special.log_ndtr", S.log_ndtr, { py: "torch.special.log_ndtr", pre: ["a * 4", times(4)] }),
  ...unaryRows("special.erfcx", S.erfcx, { py: "torch.special.erfcx", pre: ["a * 4", times(4)] }),
  ...unaryRows("special.entr", S.entr, { py: "torch.special.entr", domain: "positive" }),
  {
    name: "special.erfcx.tails",
    py: "torch.special.erfcx(a * 30)",
    inputs: [f64(6)],
    ts: (a) => S.erfcx(a.mul(30)),
  },
  {
    name: "logit.eps",
    py: "torch.logit(a * 0.6 + 0.5, eps=0.2)",
    inputs: [unit(2, 3)],
    ts: (a) => torch.logit(a.mul(0.6).add(0.5), 0.2),
    gradcheck: false,
  },
  {
    name: "polygamma.1",
    py: "torch.polygamma(1, a)",
    inputs: [pos(2, 3)],
    ts: (a) => torch.polygamma(1, a),
    ulps: 2,
  },
  { name: "polygamma.3", py: "a.polygamma(3)", inputs: [pos64(5)], ts: (a) => a.polygamma(3) },
  {
    name: "polygamma.2.int",
    py: "torch.special.polygamma(2, a)",
    inputs: [i64(5)],
    ts: (a) => S.polygamma(2, a),
    ulps: 2,
  },
  {
    name: "mvlgamma",
    py: "torch.mvlgamma(a + 1, 3)",
    inputs: [pos(2, 3)],
    ts: (a) => torch.mvlgamma(a.add(1), 3),
    ulps: 4,
  },
  { name: "mvlgamma.float64", py: "a.mvlgamma(2)", inputs: [pos64(4)], ts: (a) => a.mvlgamma(2) },
  {
    name: "special.multigammaln",
    py: "torch.special.multigammaln(a + 2, 4)",
    inputs: [pos(5)],
    ts: (a) => S.multigammaln(a.add(2), 4),
    ulps: 4,
  },
  { name: "xlogy", py: "torch.xlogy(a, b)", inputs: [f(2, 3), pos(2, 3)], ts: (a, b) => torch.xlogy(a, b) },
  {
    name: "xlogy.zero_self",
    py: "torch.xlogy(torch.relu(a), b)",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => torch.xlogy(torch.relu(a), b),
    gradcheck: false,
  },
  { name: "xlogy.broadcast", py: "a.xlogy(b)", inputs: [f(3, 1), pos(4)], ts: (a, b) => a.xlogy(b) },
  { name: "xlogy.scalar_self", py: "torch.xlogy(2.5, a)", inputs: [pos(4)], ts: (a) => torch.xlogy(2.5, a) },
  { name: "xlogy.scalar_other", py: "a.xlogy(3)", inputs: [f(4)], ts: (a) => a.xlogy(3) },
  { name: "xlogy.int", py: "torch.xlogy(a, b)", inputs: [i64(5), i64(5)], ts: (a, b) => torch.xlogy(a, b) },
  {
    name: "xlogy.float64",
    py: "torch.xlogy(a, b)",
    inputs: [f64(5), pos64(5)],
    ts: (a, b) => torch.xlogy(a, b),
  },
  {
    name: "special.xlog1py",
    py: "torch.special.xlog1py(a, b)",
    inputs: [f(2, 3), pos(2, 3)],
    ts: (a, b) => S.xlog1py(a, b),
  },
  {
    name: "special.xlog1py.scalars",
    py: "torch.special.xlog1py(2.0, a) + torch.special.xlog1py(a, 0.5)",
    inputs: [pos(4)],
    ts: (a) => S.xlog1py(2, a).add(S.xlog1py(a, 0.5)),
  },
  {
    name: "special.xlog1py.float64",
    py: "torch.special.xlog1py(a, b)",
    inputs: [f64(5), pos64(5)],
    ts: (a, b) => S.xlog1py(a, b),
  },
  {
    name: "special.xlogy",
    py: "torch.special.xlogy(a, b)",
    inputs: [f(4), pos(4)],
    ts: (a, b) => S.xlogy(a, b),
  },
  // In place: polygamma_'s schema is its own derivatives.yaml entry (PolygammaBackward1).
  {
    name: "polygamma_",
    py: "(a * 1).polygamma_(2)",
    inputs: [pos(4)],
    ts: (a) => a.mul(1).polygamma_(2),
    ulps: 2,
  },
  { name: "sinc_", py: "(a * 1).sinc_()", inputs: [f(4)], ts: (a) => a.mul(1).sinc_() },
  { name: "xlogy_", py: "(a * 1).xlogy_(b)", inputs: [f(4), pos(4)], ts: (a, b) => a.mul(1).xlogy_(b) },
  // The aliases: each calls the op it names (same values, same grad_fn).
  { name: "special.expit", py: "torch.special.expit(a)", inputs: [f(2, 3)], ts: (a) => S.expit(a) },
  {
    name: "special.logit",
    py: "torch.special.logit(a * 0.5 + 0.5, 0.1)",
    inputs: [unit(4)],
    ts: (a) => S.logit(half(a), 0.1),
    gradcheck: false,
  },
  { name: "special.erf", py: "torch.special.erf(a)", inputs: [f(4)], ts: (a) => S.erf(a) },
  { name: "special.erfc", py: "torch.special.erfc(a)", inputs: [f(4)], ts: (a) => S.erfc(a), ulps: 2 },
  { name: "special.erfinv", py: "torch.special.erfinv(a)", inputs: [unit(4)], ts: (a) => S.erfinv(a) },
  {
    name: "special.gammaln",
    py: "torch.special.gammaln(a)",
    inputs: [pos(4)],
    ts: (a) => S.gammaln(a),
    ulps: 2,
  },
  { name: "special.digamma", py: "torch.special.digamma(a)", inputs: [pos(4)], ts: (a) => S.digamma(a) },
  { name: "special.psi", py: "torch.special.psi(a)", inputs: [pos(4)], ts: (a) => S.psi(a) },
  { name: "special.i0", py: "torch.special.i0(a)", inputs: [f(4)], ts: (a) => S.i0(a) },
  { name: "special.sinc", py: "torch.special.sinc(a)", inputs: [f(4)], ts: (a) => S.sinc(a) },
  { name: "special.round", py: "torch.special.round(a * 10)", inputs: [f(4)], ts: (a) => S.round(a.mul(10)) },
  {
    name: "special.round.decimals",
    py: "torch.special.round(a, decimals=2)",
    inputs: [f(4)],
    ts: (a) => S.round(a, { decimals: 2 }),
  },
  { name: "special.expm1", py: "torch.special.expm1(a)", inputs: [f(4)], ts: (a) => S.expm1(a) },
  { name: "special.exp2", py: "torch.special.exp2(a)", inputs: [f(4)], ts: (a) => S.exp2(a) },
  { name: "special.log1p", py: "torch.special.log1p(a)", inputs: [pos(4)], ts: (a) => S.log1p(a) },
  {
    name: "special.softmax",
    py: "torch.special.softmax(a, 1)",
    inputs: [f(2, 3)],
    ts: (a) => S.softmax(a, 1),
  },
  {
    name: "special.log_softmax",
    py: "torch.special.log_softmax(a, 0, dtype=torch.float64)",
    inputs: [f(2, 3)],
    ts: (a) => S.log_softmax(a, 0, { dtype: torch.float64 }),
  },
  {
    name: "special.logsumexp",
    py: "torch.special.logsumexp(a, [1], keepdim=True)",
    inputs: [f(2, 3)],
    ts: (a) => S.logsumexp(a, [1], true),
  },
];
