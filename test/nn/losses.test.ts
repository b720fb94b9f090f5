// Loss functions against what PyTorch 1.13 records (scripts/gen_loss_fixtures.py): values, grad_fn names and
// gradients for every reduction, a float64 gradcheck per case, module reprs and PyTorch's error texts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { expectClose } from "../helpers/compare.js";

type Tensor = torch.Tensor;
const F = torch.nn.functional;
const nn = torch.nn;

interface Case {
  value: unknown;
  shape: number[];
  grad_fn: string;
  grads: Record<string, unknown>;
  gradcheck: boolean;
}
const fx = JSON.parse(readFileSync(new URL("../fixtures/losses.json", import.meta.url), "utf8")) as {
  inputs: Record<string, unknown>;
  index: Record<string, unknown>;
  cases: Record<string, Case>;
};
const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

type Vars = Record<string, Tensor>;
type R = "mean" | "sum" | "none";
type Call = (v: Vars, t: Vars, r: string) => Tensor;

// The same calls as CASES in scripts/gen_loss_fixtures.py.
const CASES: Record<string, [Call, string[]]> = {
  mse: [(v, _t, r) => F.mse_loss(v.x, v.y, { reduction: r as R }), ["x", "y"]],
  l1: [(v, _t, r) => F.l1_loss(v.x, v.y, { reduction: r as R }), ["x", "y"]],
  smooth_l1: [(v, _t, r) => F.smooth_l1_loss(v.x, v.y, { reduction: r as R }), ["x", "y"]],
  smooth_l1_beta: [(v, _t, r) => F.smooth_l1_loss(v.x, v.y, { reduction: r as R, beta: 0.7 }), ["x", "y"]],
  huber: [(v, _t, r) => F.huber_loss(v.x, v.y, { reduction: r as R }), ["x", "y"]],
  huber_delta: [(v, _t, r) => F.huber_loss(v.x, v.y, { reduction: r as R, delta: 0.6 }), ["x", "y"]],
  bce: [(v, _t, r) => F.binary_cross_entropy(v.p, v.q, { reduction: r as R }), ["p", "q"]],
  bce_weight: [
    (v, _t, r) => F.binary_cross_entropy(v.p, v.q, { weight: v.w5, reduction: r as R }),
    ["p", "q"],
  ],
  bce_logits: [(v, _t, r) => F.binary_cross_entropy_with_logits(v.x, v.q, { reduction: r as R }), ["x", "q"]],
  bce_logits_weights: [
    (v, _t, r) =>
      F.binary_cross_entropy_with_logits(v.x, v.q, { weight: v.w45, pos_weight: v.w5, reduction: r as R }),
    ["x", "q"],
  ],
  nll: [(v, t, r) => F.nll_loss(v.logq, t.t, { reduction: r as R }), ["logq"]],
  nll_weight_ignore: [(v, t, r) => F.nll_loss(v.x, t.t_ign, { weight: v.w5, reduction: r as R }), ["x"]],
  nll_ignore_2: [(v, t, r) => F.nll_loss(v.x, t.t, { ignore_index: 2, reduction: r as R }), ["x"]],
  nll_4d: [(v, t, r) => F.nll_loss(v.x4, t.t4, { weight: v.w5.narrow(0, 0, 3), reduction: r as R }), ["x4"]],
  nll_3d: [(v, t, r) => F.nll_loss(v.x3, t.t3, { reduction: r as R }), ["x3"]],
  nll_1d: [(v, t, r) => F.nll_loss(v.x1, t.t0, { reduction: r as R }), ["x1"]],
  ce: [(v, t, r) => F.cross_entropy(v.x, t.t, { reduction: r as R }), ["x"]],
  ce_weight_ignore: [(v, t, r) => F.cross_entropy(v.x, t.t_ign, { weight: v.w5, reduction: r as R }), ["x"]],
  ce_4d: [(v, t, r) => F.cross_entropy(v.x4, t.t4, { reduction: r as R }), ["x4"]],
  ce_3d: [
    (v, t, r) => F.cross_entropy(v.x3, t.t3, { weight: v.w5.narrow(0, 0, 3), reduction: r as R }),
    ["x3"],
  ],
  ce_1d: [(v, t, r) => F.cross_entropy(v.x1, t.t0, { reduction: r as R }), ["x1"]],
  ce_smooth: [(v, t, r) => F.cross_entropy(v.x, t.t_ign, { reduction: r as R, label_smoothing: 0.2 }), ["x"]],
  ce_smooth_weight: [
    (v, t, r) => F.cross_entropy(v.x, t.t_ign, { weight: v.w5, reduction: r as R, label_smoothing: 0.2 }),
    ["x"],
  ],
  ce_probs: [(v, _t, r) => F.cross_entropy(v.x, v.q.softmax(1), { reduction: r as R }), ["x", "q"]],
  ce_probs_weight_smooth: [
    (v, _t, r) =>
      F.cross_entropy(v.x, v.q.softmax(1), { weight: v.w5, reduction: r as R, label_smoothing: 0.1 }),
    ["x", "q"],
  ],
  ce_probs_4d: [(v, _t, r) => F.cross_entropy(v.x4, v.x4.flip(0).softmax(1), { reduction: r as R }), ["x4"]],
  kl: [(v, _t, r) => F.kl_div(v.logq, v.p, { reduction: r as R }), ["logq", "p"]],
  kl_log_target: [
    (v, _t, r) => F.kl_div(v.logq, v.x, { reduction: r as R, log_target: true }),
    ["logq", "x"],
  ],
};

const indexTensors = (): Vars =>
  Object.fromEntries(
    Object.entries(fx.index).map(([k, v]) => [k, torch.tensor(v as number[], { dtype: torch.int64 })]),
  );
const floatInputs = (dtype: torch.DType, grad: readonly string[]): Vars =>
  Object.fromEntries(
    Object.entries(fx.inputs).map(([k, v]) => {
      const t = torch.tensor(v as number[], { dtype });
      if (grad.includes(k)) t.requires_grad_(true);
      return [k, t];
    }),
  );

// Per-element float32 results need a few ulps; sums of 20-40 terms with cancellation need an absolute slack.
const ULPS = 8;
const absTolFor = (expected: number[]) => 1e-6 * Math.max(1, ...expected.map(Math.abs));

describe("loss functions match PyTorch", () => {
  for (const [key, c] of Object.entries(fx.cases)) {
    const [name, reduction] = key.split("/");
    const [call, diff] = CASES[name];
    describe(key, () => {
      it("gives PyTorch's value, shape, grad_fn and gradients", () => {
        const v = floatInputs(torch.float32, diff);
        const loss = call(v, indexTensors(), reduction);
        expect(loss.shape).toEqual(c.shape);
        expect(loss.grad_fn?.name()).toBe(c.grad_fn);
        const expected = flat(c.value);
        expectClose(loss.values(), expected, "float32", ULPS, "value", absTolFor(expected));
        loss.sum().backward();
        for (const k of diff) {
          const g = flat(c.grads[k]);
          expectClose(v[k].grad!.values(), g, "float32", ULPS, `grad ${k}`, absTolFor(g));
        }
      });
      it("passes a float64 gradcheck", () => {
        expect(c.gradcheck).toBe(true);
        const base = floatInputs(torch.float64, []);
        const args = diff.map((k) => base[k].clone().requires_grad_(true));
        const t = indexTensors();
        const fn = (...xs: Tensor[]) => {
          const v = { ...base };
          diff.forEach((k, i) => (v[k] = xs[i]));
          return call(v, t, reduction);
        };
        expect(torch.autograd.gradcheck(fn, args)).toBe(true);
      });
    });
  }

  it("double backward of nll_loss and mse_loss works (create_graph)", () => {
    const x = torch.tensor(fx.inputs.x as number[][], { dtype: torch.float64 }).requires_grad_(true);
    const t = indexTensors().t;
    const g = torch.autograd.grad([F.cross_entropy(x, t)], [x], { create_graph: true })[0]!;
    const gg = torch.autograd.grad([g.pow(2).sum()], [x])[0]!;
    expect(gg.shape).toEqual([4, 5]);
    const y = torch.tensor(fx.inputs.y as number[][], { dtype: torch.float64 });
    const gm = torch.autograd.grad([F.mse_loss(x, y)], [x], { create_graph: true })[0]!;
    const ggm = torch.autograd.grad([gm.sum()], [x])[0]!;
    expectClose(ggm.values(), new Array(20).fill(0.1), "float64");
  });
});

describe("loss modules", () => {
  it("print like PyTorch and call the functional form with their options", () => {
    const names = [
      "MSELoss",
      "L1Loss",
      "SmoothL1Loss",
      "HuberLoss",
      "BCELoss",
      "BCEWithLogitsLoss",
      "NLLLoss",
      "CrossEntropyLoss",
      "KLDivLoss",
    ] as const;
    for (const n of names) expect(String(new nn[n]())).toBe(`${n}()`);
    const v = floatInputs(torch.float32, []);
    const t = indexTensors();
    const ce = new nn.CrossEntropyLoss({
      weight: v.w5,
      ignore_index: 2,
      label_smoothing: 0.1,
      reduction: "sum",
    });
    const expected = F.cross_entropy(v.x, t.t, {
      weight: v.w5,
      ignore_index: 2,
      label_smoothing: 0.1,
      reduction: "sum",
    });
    expect(ce.forward(v.x, t.t).item()).toBe(expected.item());
    expect(Object.keys(ce.state_dict())).toEqual(["weight"]);
    expect(new nn.HuberLoss({ delta: 0.6 }).forward(v.x, v.y).item()).toBe(
      F.huber_loss(v.x, v.y, { delta: 0.6 }).item(),
    );
    expect(new nn.KLDivLoss({ reduction: "batchmean" }).forward(v.logq, v.p).item()).toBe(
      F.kl_div(v.logq, v.p, { reduction: "batchmean" }).item(),
    );
  });
});

describe("loss errors (PyTorch's texts)", () => {
  const x = torch.randn(3, 5);
  const long = (a: number[]) => torch.tensor(a, { dtype: torch.int64 });
  const cases: [string, () => unknown, string, string][] = [
    ["target out of range", () => F.nll_loss(x, long([0, 5, 1])), "IndexError", "Target 5 is out of bounds."],
    [
      "negative target",
      () => F.cross_entropy(x, long([0, -1, 1])),
      "IndexError",
      "Target -1 is out of bounds.",
    ],
    [
      "batch mismatch",
      () => F.nll_loss(x, long([0, 1])),
      "ValueError",
      "Expected input batch_size (3) to match target batch_size (2).",
    ],
    [
      "multi-target",
      () => F.cross_entropy(x, torch.rand(3, 4)),
      "RuntimeError",
      "0D or 1D target tensor expected, multi-target not supported",
    ],
    [
      "float target",
      () => F.nll_loss(x, torch.tensor([0, 1, 1])),
      "RuntimeError",
      "expected scalar type Long but found Float",
    ],
    [
      "bad reduction",
      () => F.cross_entropy(x, long([0, 1, 1]), { reduction: "mean1" as R }),
      "ValueError",
      "mean1 is not a valid value for reduction",
    ],
    [
      "weight size",
      () => F.nll_loss(x, long([0, 1, 1]), { weight: torch.ones(4) }),
      "RuntimeError",
      "weight tensor should be defined either for all 5 classes or no classes but got weight tensor of shape: [4]",
    ],
    [
      "ce prob weight size",
      () => F.cross_entropy(x, torch.rand(3, 5), { weight: torch.ones(4) }),
      "RuntimeError",
      "cross_entropy: weight tensor should be defined either for all 5 classes or no classes but got weight tensor of shape: [4]",
    ],
    [
      "label smoothing",
      () => F.cross_entropy(x, long([0, 1, 1]), { label_smoothing: 1.5 }),
      "RuntimeError",
      "label_smoothing must be between 0.0 and 1.0. Got: 1.5",
    ],
    [
      "0-dim input",
      () => F.nll_loss(torch.randn([]), long([1]).reshape([])),
      "ValueError",
      "Expected 1 or more dimensions (got 0)",
    ],
    [
      "spatial target",
      () => F.nll_loss(torch.randn(2, 3, 4), torch.zeros([2, 5], { dtype: torch.int64 })),
      "RuntimeError",
      "Expected target size [2, 4], got [2, 5]",
    ],
    [
      "bce range",
      () => F.binary_cross_entropy(torch.tensor([0.5, 1.5]), torch.rand(2)),
      "RuntimeError",
      "all elements of input should be between 0 and 1",
    ],
    [
      "bce size",
      () => F.binary_cross_entropy(torch.rand(2), torch.rand(3)),
      "ValueError",
      "Using a target size (torch.Size([3])) that is different to the input size (torch.Size([2])) is deprecated. Please ensure they have the same size.",
    ],
    [
      "bce logits size",
      () => F.binary_cross_entropy_with_logits(torch.rand(2), torch.rand(3)),
      "ValueError",
      "Target size (torch.Size([3])) must be the same as input size (torch.Size([2]))",
    ],
    [
      "kl reduction",
      () => F.kl_div(torch.rand(2), torch.rand(2), { reduction: "foo" as R }),
      "ValueError",
      "foo is not a valid value for reduction",
    ],
    [
      "nll weight requires grad",
      () =>
        F.nll_loss(torch.randn(3, 5).requires_grad_(true), long([0, 1, 1]), {
          weight: torch.ones(5).requires_grad_(true),
        }),
      "RuntimeError",
      "The function 'nll_loss_forward' is not differentiable with respect to argument 'weight'. This input cannot have requires_grad True.",
    ],
  ];
  for (const [what, fn, cls, message] of cases) {
    it(what, () => {
      let error: unknown = null;
      try {
        fn();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe(cls);
      expect((error as Error).message).toBe(message);
    });
  }
});

describe("binary_cross_entropy_with_logits as one fused kernel", () => {
  /** The composite formula the fused kernels must reproduce step for step (functional_losses.ts, Loss.cpp). */
  const composite = (x: Tensor, y: Tensor) => {
    const maxVal = x.neg().clamp({ min: 0 });
    const logTerm = maxVal.neg().exp().add(x.neg().sub(maxVal).exp()).log();
    return torch.rsub(y, 1).mul(x).add(maxVal).add(logTerm);
  };

  it.each(availableBackends())(
    "forward and backward match the composite ops bit for bit (%s backend)",
    (name) => {
      const previous = torch.get_backend();
      torch.set_backend(name);
      try {
        torch.manual_seed(0);
        // 1000 elements: above the native cutover, with a 16-element tail for sigmoid's scalar path.
        const x = torch.randn(40, 25).mul(4).requires_grad_(true);
        const y = torch.rand(40, 25);
        const fused = F.binary_cross_entropy_with_logits(x, y, { reduction: "none" });
        expect(fused.tolist()).toEqual(composite(x.detach(), y).tolist());
        const [grad] = torch.autograd.grad(F.binary_cross_entropy_with_logits(x, y), [x]);
        const want = torch.sigmoid(x.detach()).sub(y).mul(torch.tensor(1.0)).div(1000);
        expect(grad!.tolist()).toEqual(want.tolist());
      } finally {
        torch.set_backend(previous);
      }
    },
  );

  it("double backward goes through the composite ops: d²L/dx² = sigmoid'(x) / N", () => {
    const x = torch.tensor([-2.0, 0.5, 3.0], { dtype: torch.float64, requires_grad: true });
    const y = torch.tensor([0.0, 1.0, 0.25], { dtype: torch.float64 });
    const [grad] = torch.autograd.grad(F.binary_cross_entropy_with_logits(x, y), [x], { create_graph: true });
    const [second] = torch.autograd.grad(grad!.sum(), [x]);
    const s = torch.sigmoid(x.detach());
    expectClose(
      second!.tolist() as number[],
      s.mul(torch.rsub(s, 1)).div(3).tolist() as number[],
      "float64",
      4,
      "d2",
    );
  });
});

describe("nll_loss backward's one-pass kernel", () => {
  it.each(["none", "mean", "sum"] as const)(
    "gives the composite ops' gradient bit for bit (reduction %s, weights, ignore_index)",
    (reduction) => {
      torch.manual_seed(1);
      const logits = torch.randn(30, 7).requires_grad_(true);
      // Rows 0, 7, 14, 21 and 28 hit ignore_index 3.
      const target = torch.tensor(Array.from({ length: 30 }, (_, i) => BigInt((i * 5 + 3) % 7)));
      const weight = torch.rand(7);
      for (const w of [null, weight]) {
        const loss = () => {
          const out = F.cross_entropy(logits, target, { weight: w, ignore_index: 3, reduction });
          return reduction === "none" ? out.mul(torch.arange(30).to(torch.float32)).sum() : out;
        };
        // create_graph records the backward, so the row takes its composite (differentiable) path.
        const [direct] = torch.autograd.grad(loss(), [logits]);
        const [composite] = torch.autograd.grad(loss(), [logits], { create_graph: true });
        expect(direct!.tolist()).toEqual(composite!.detach().tolist());
      }
    },
  );
});
