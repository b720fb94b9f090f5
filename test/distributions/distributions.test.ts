// torch.distributions (Normal, Categorical, Bernoulli, Uniform, kl_divergence) against PyTorch 1.13 running the
// same programs (scripts/gen_distributions_fixtures.py): seeded samples and what the generator draws next,
// log_prob, entropy, moments, gradients through rsample / log_prob / entropy / kl, reprs and ValueError texts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

type Nested = number | string | Nested[];
interface Out {
  values: Nested;
  shape: number[];
  dtype: string;
}
type Case = Record<string, Out | Nested>;
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/distributions/distributions.json", import.meta.url), "utf8"),
) as Record<string, Case> & {
  reprs: Record<string, string | string[]>;
  errors: Record<string, { type: string; message: string }>;
  expand: Case & { repr: string; batch_shape: number[] };
  no_validation: Case & { repr: string };
};

const D = torch.distributions;
const NON_FINITE: Record<string, number> = { nan: NaN, inf: Infinity, "-inf": -Infinity };
const flat = (v: Nested): number[] =>
  Array.isArray(v) ? v.flatMap(flat) : [typeof v === "string" ? NON_FINITE[v] : v];
const t = (v: Nested, dtype: torch.DType = torch.float32, requires_grad = false) =>
  torch.tensor(v, { dtype, requires_grad });

/** Values, shape and dtype as PyTorch's; exact (draws) or to a relative tolerance (math). */
function expectOut(actual: torch.Tensor | null, expected: Out | Nested, rtol = 0): void {
  const e = expected as Out;
  expect(actual).not.toBeNull();
  expect([...actual!.shape]).toEqual(e.shape);
  expect(actual!.dtype.name).toBe(e.dtype);
  const got = flat(actual!.detach().tolist() as Nested);
  const want = flat(e.values);
  got.forEach((g, i) => {
    const w = want[i];
    if (!Number.isFinite(w) || rtol === 0) expect(g).toBe(w);
    else expect(Math.abs(g - w)).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(w)));
  });
}
const expectAfter = (c: Case) =>
  expectOut(torch.rand(2), { values: c.after as Nested, shape: [2], dtype: "float32" });
const RTOL = 2e-6;

describe.each(availableBackends())("torch.distributions matches PyTorch (%s backend)", (backend) => {
  onBackend(backend);

  it("Normal.sample and rsample draw PyTorch's numbers", () => {
    const c = fixture.normal_sample;
    torch.manual_seed(0);
    const d = new D.Normal(t([0, 1]), t([1, 2]));
    expectOut(d.sample([3]), c.sample);
    expectOut(d.rsample(), c.rsample);
    expectAfter(c);
    const s = fixture.normal_scalar_sample;
    torch.manual_seed(7);
    const n = new D.Normal(0, 1);
    expectOut(n.sample([2, 2]), s.sample);
    expectOut(n.rsample([3]), s.rsample);
    expectAfter(s);
  });

  for (const dtype of [torch.float32, torch.float64]) {
    it(`Normal log_prob, entropy, moments, cdf/icdf and their gradients (${dtype.name})`, () => {
      const c = fixture[`normal_math_${dtype.name}`];
      const loc = t([0, 1, -1], dtype, true);
      const scale = t([1, 2, 0.5], dtype, true);
      const d = new D.Normal(loc, scale);
      const value = t([0.5, -0.3, 2], dtype);
      const lp = d.log_prob(value);
      const ent = d.entropy();
      lp.sum().add(ent.sum()).backward();
      const tol = dtype === torch.float64 ? 1e-12 : RTOL;
      expectOut(lp, c.log_prob, tol);
      expectOut(ent, c.entropy, tol);
      expectOut(d.mean, c.mean, tol);
      expectOut(d.variance, c.variance, tol);
      expectOut(d.stddev, c.stddev, tol);
      expectOut(d.cdf(value), c.cdf, tol);
      expectOut(d.icdf(t([0.1, 0.5, 0.9], dtype)), c.icdf, tol);
      expectOut(loc.grad, c.loc_grad, tol);
      expectOut(scale.grad, c.scale_grad, tol);
      expect(lp.grad_fn!.name()).toBe(c.grad_fn);
    });
  }

  it("Normal.rsample carries gradients to loc and scale", () => {
    const c = fixture.normal_rsample_grad;
    torch.manual_seed(1);
    const loc = t([0.5, -0.5], torch.float32, true);
    const scale = t([1.5, 0.25], torch.float32, true);
    const x = new D.Normal(loc, scale).rsample([2]);
    x.mul(x).sum().backward();
    expectOut(x, c.x);
    expectOut(loc.grad, c.loc_grad, RTOL);
    expectOut(scale.grad, c.scale_grad, RTOL);
    expectAfter(c);
  });

  it("Categorical samples through torch.multinomial; log_prob, entropy, probs, logits", () => {
    const c = fixture.categorical_sample;
    torch.manual_seed(2);
    const d = new D.Categorical({
      probs: t([
        [0.1, 0.2, 0.7],
        [0.5, 0.25, 0.25],
      ]),
    });
    expectOut(d.sample([4]), c.sample);
    expectOut(d.sample(), c.sample1);
    expectOut(
      d.log_prob(
        t(
          [
            [0, 2],
            [1, 1],
          ],
          torch.int64,
        ),
      ),
      c.log_prob,
      RTOL,
    );
    expectOut(d.entropy(), c.entropy, RTOL);
    expectOut(d.probs, c.probs, RTOL);
    expectOut(d.logits, c.logits, RTOL);
    expectAfter(c);
  });

  it("a REINFORCE loss on Categorical logits gives PyTorch's gradients", () => {
    const c = fixture.categorical_reinforce;
    torch.manual_seed(3);
    const logits = t(
      [
        [1, 0.5, -1],
        [0, 2, 0.3],
      ],
      torch.float32,
      true,
    );
    const d = new D.Categorical({ logits });
    const a = d.sample();
    const loss = d
      .log_prob(a)
      .mul(t([1.5, -0.5]))
      .sum()
      .neg()
      .sub(d.entropy().sum().mul(0.01));
    loss.backward();
    expectOut(a, c.action);
    expectOut(loss, c.loss, RTOL);
    expectOut(logits.grad, c.logits_grad, RTOL);
    expectAfter(c);
  });

  it("Bernoulli from probs: samples, log_prob, entropy, moments, gradients", () => {
    const c = fixture.bernoulli_probs;
    torch.manual_seed(4);
    const probs = t([0.2, 0.9, 0.5], torch.float32, true);
    const d = new D.Bernoulli(probs);
    expectOut(d.sample([2]), c.sample);
    const lp = d.log_prob(t([1, 0, 1]));
    const ent = d.entropy();
    lp.sum().add(ent.sum()).backward();
    expectOut(lp, c.log_prob, RTOL);
    expectOut(ent, c.entropy, RTOL);
    expectOut(d.mean, c.mean, RTOL);
    expectOut(d.variance, c.variance, RTOL);
    expectOut(probs.grad, c.probs_grad, RTOL);
    expectAfter(c);
  });

  it("Bernoulli from logits: a policy-gradient loss", () => {
    const c = fixture.bernoulli_logits;
    torch.manual_seed(5);
    const logits = t([-1, 0, 2.5], torch.float32, true);
    const d = new D.Bernoulli({ logits });
    const s = d.sample();
    const loss = d
      .log_prob(s)
      .mul(t([1, 2, -1]))
      .sum()
      .neg();
    loss.backward();
    expectOut(s, c.sample);
    expectOut(d.probs, c.probs, RTOL);
    expectOut(loss, c.loss, RTOL);
    expectOut(logits.grad, c.logits_grad, RTOL);
    expectAfter(c);
  });

  it("Uniform: rsample through torch.rand with gradients, log_prob outside the support, moments", () => {
    const c = fixture.uniform;
    torch.manual_seed(6);
    const low = t([0, -1], torch.float32, true);
    const high = t([2, 3], torch.float32, true);
    const d = new D.Uniform(low, high);
    const x = d.rsample([3]);
    x.mul(x).sum().backward();
    expectOut(x, c.rsample);
    expectOut(low.grad, c.low_grad, RTOL);
    expectOut(high.grad, c.high_grad, RTOL);
    expectOut(new D.Uniform(low, high, false).log_prob(t([1, 5])), c.log_prob, RTOL);
    expectOut(d.entropy(), c.entropy, RTOL);
    expectOut(d.mean, c.mean, RTOL);
    expectOut(d.variance, c.variance, RTOL);
    expectOut(d.stddev, c.stddev, RTOL);
    expectOut(d.cdf(t([1, 2])), c.cdf, RTOL);
    expectAfter(c);
  });

  it("kl_divergence(Normal, Normal) with gradients; (Categorical, Categorical) with zero probabilities", () => {
    const c = fixture.kl_normal;
    const a = t([0, 1], torch.float32, true);
    const b = t([1, 0.5], torch.float32, true);
    const kl = D.kl_divergence(new D.Normal(a, b), new D.Normal(t([0.5, 0.5]), t([2, 1])));
    kl.sum().backward();
    expectOut(kl, c.kl, RTOL);
    expectOut(a.grad, c.loc_grad, RTOL);
    expectOut(b.grad, c.scale_grad, RTOL);
    const p = new D.Categorical({
      probs: t([
        [0.2, 0.8, 0],
        [0.3, 0.3, 0.4],
      ]),
    });
    const q = new D.Categorical({
      probs: t([
        [0.5, 0.5, 0],
        [0.6, 0, 0.4],
      ]),
    });
    expectOut(D.kl_divergence(p, q), fixture.kl_categorical.kl, RTOL);
  });

  it("REINFORCE episodes (pytorch/examples' reinforce.py in small): actions, losses, weights", () => {
    const c = fixture.reinforce_episodes as Case & { actions: Nested[]; losses: number[]; weights: Nested[] };
    torch.manual_seed(11);
    const policy = new torch.nn.Sequential(
      new torch.nn.Linear(4, 8),
      new torch.nn.ReLU(),
      new torch.nn.Linear(8, 2),
      new torch.nn.Softmax(-1),
    );
    const opt = new torch.optim.Adam(policy.parameters(), { lr: 0.01 });
    c.actions.forEach((expectedActions, episode) => {
      const states = torch.randn([5, 4]);
      const m = new D.Categorical(policy.forward(states) as torch.Tensor);
      const a = m.sample();
      const returns = torch.randn([5]);
      const loss = m.log_prob(a).neg().mul(returns).sum();
      opt.zero_grad();
      loss.backward();
      opt.step();
      expect(flat(a.tolist() as Nested)).toEqual(flat(expectedActions));
      expect(Math.abs(Number(loss.item()) - c.losses[episode])).toBeLessThanOrEqual(1e-5);
    });
    [...policy.parameters()].forEach((p, i) => {
      const got = flat(p.detach().tolist() as Nested);
      flat(c.weights[i]).forEach((w, j) => expect(Math.abs(got[j] - w)).toBeLessThanOrEqual(1e-5));
    });
    expectAfter(c);
  });

  it("expand gives the batch shape, repr and draws PyTorch's do", () => {
    const c = fixture.expand;
    torch.manual_seed(8);
    const d = new D.Normal(t([0, 1]), 1).expand([3, 2]);
    expect(d.toString()).toBe(c.repr);
    expect([...d.batch_shape]).toEqual(c.batch_shape);
    expectOut(d.sample(), c.sample);
    expectAfter(c);
  });
});

describe("torch.distributions reprs and errors", () => {
  it("grad_fn names, sample under no_grad, mode, perplexity, enumerate_support", () => {
    const c = fixture.grad_fns as Case & { names: (string | null)[]; sample_requires_grad: boolean };
    const loc = t([0.5, 1], torch.float32, true);
    const n = new D.Normal(loc, 1);
    const cat = new D.Categorical({
      logits: t(
        [
          [0.1, 0.2],
          [0.3, 0.1],
        ],
        torch.float32,
        true,
      ),
    });
    const b = new D.Bernoulli({ logits: loc });
    const u = new D.Uniform(loc, 3);
    const v = t([0, 1]);
    const outs = [
      n.rsample(),
      n.log_prob(v),
      n.entropy(),
      cat.log_prob(t([0, 1], torch.int64)),
      cat.entropy(),
      cat.probs,
      b.log_prob(v),
      b.entropy(),
      b.probs,
      u.rsample(),
      u.log_prob(t([1, 2])),
      D.kl_divergence(n, n),
      D.kl_divergence(cat, cat),
    ];
    expect(outs.map((x) => (x.grad_fn ? x.grad_fn.name() : null))).toEqual(c.names);
    expect(n.sample().requires_grad).toBe(c.sample_requires_grad);
    expectOut(cat.mean, c.categorical_mean);
    expectOut(cat.mode, c.categorical_mode);
    expectOut(b.mode, c.bernoulli_mode);
    expectOut(n.perplexity(), c.perplexity, RTOL);
    expectOut(cat.enumerate_support(), c.categorical_support);
    expectOut(b.enumerate_support(false), c.bernoulli_support);
  });

  it("reprs of distributions and constraints", () => {
    const r = fixture.reprs;
    expect(new D.Normal(0, 1).toString()).toBe(r.normal_scalar);
    expect(new D.Normal(t([0, 1]), t([1, 2])).toString()).toBe(r.normal_vector);
    expect(new D.Normal(t([1.5]), 2).toString()).toBe(r.normal_one);
    expect(new D.Categorical({ probs: t([0.25, 0.75]) }).toString()).toBe(r.categorical_probs);
    expect(new D.Categorical({ logits: t([0.25, 0.75]) }).toString()).toBe(r.categorical_logits);
    expect(new D.Bernoulli(0.3).toString()).toBe(r.bernoulli);
    expect(new D.Bernoulli({ logits: t([0.3, 0.1]) }).toString()).toBe(r.bernoulli_logits);
    expect(new D.Uniform(0, 2).toString()).toBe(r.uniform);
    const C = D.constraints;
    const cs = [
      C.positive,
      C.simplex,
      C.real_vector,
      C.unit_interval,
      C.boolean,
      new D.Categorical(t([0.5, 0.5])).support,
      new D.Uniform(0, 2).support,
    ];
    expect(cs.map(String)).toEqual(r.constraints);
  });

  const ERRORS: Record<string, () => unknown> = {
    normal_negative_scale: () => new D.Normal(0, -1),
    normal_nan_loc: () => new D.Normal(t([0, NaN]), t([1, 1])),
    normal_not_broadcastable: () => new D.Normal(t([0, 1]), 1).log_prob(torch.zeros(3)),
    normal_value_not_tensor: () => new D.Normal(0, 1).log_prob(1 as unknown as torch.Tensor),
    categorical_both: () => new D.Categorical({ probs: t([0.5, 0.5]), logits: t([0, 0]) }),
    categorical_neither: () => new D.Categorical(),
    categorical_zero_dim: () => new D.Categorical({ probs: t(1) }),
    categorical_negative: () => new D.Categorical({ probs: t([0.5, -0.1, 0.6]) }),
    categorical_out_of_support: () =>
      new D.Categorical({ probs: t([0.5, 0.5]) }).log_prob(t([2], torch.int64)),
    bernoulli_out_of_range: () => new D.Bernoulli(t([0.5, 1.5])),
    bernoulli_bad_value: () => new D.Bernoulli(0.5).log_prob(t([0.5])),
    uniform_low_ge_high: () => new D.Uniform(1, 1),
    uniform_out_of_support: () => new D.Uniform(0, 1).log_prob(t(2)),
    set_default_validate_args: () => D.Distribution.set_default_validate_args("yes"),
  };
  it("covers every recorded error", () => {
    expect(Object.keys(ERRORS).sort()).toEqual(Object.keys(fixture.errors).sort());
  });
  for (const [name, run] of Object.entries(ERRORS)) {
    it(`error: ${name}`, () => {
      const { type, message } = fixture.errors[name];
      let caught: unknown = null;
      try {
        run();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Error);
      expect((caught as Error).constructor.name).toBe(type);
      expect((caught as Error).message).toBe(message);
    });
  }

  it("set_default_validate_args(false) turns the checks off", () => {
    const c = fixture.no_validation;
    D.Distribution.set_default_validate_args(false);
    try {
      const d = new D.Normal(0, -1);
      expect(d.toString()).toBe(c.repr);
      expectOut(d.log_prob(t([0.5])), c.log_prob);
    } finally {
      D.Distribution.set_default_validate_args(true);
    }
  });
});
