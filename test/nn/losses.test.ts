// Loss functions beyond what the op tables check (test/ops/tables/nn_losses*.ts compare every loss, reduction
// and option with PyTorch 1.13: values, grad_fn names, gradients, float64 gradchecks): double backward, the loss
// modules, PyTorch's error texts, and the fused kernels against the composite ops they replace.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { expectClose } from "../helpers/compare.js";

type Tensor = torch.Tensor;
const F = torch.nn.functional;
const nn = torch.nn;
type R = "mean" | "sum" | "none";

/** Seeded float inputs of the shapes the losses take ([4, 5] batches of 5 classes). */
function floatInputs(dtype: torch.DType = torch.float32) {
  torch.manual_seed(0);
  const opts = { dtype };
  return {
    x: torch.randn([4, 5], opts),
    y: torch.randn([4, 5], opts).mul(1.5),
    p: torch.rand([4, 5], opts).mul(0.98).add(0.01),
    w5: torch.rand([5], opts).add(0.5),
    logq: torch.randn([4, 5], opts).log_softmax(1),
  };
}
/** Class indices for a [4, 5] input. */
const targets = () => torch.tensor([0n, 4n, 2n, 1n]);

describe("double backward", () => {
  it("of cross_entropy (nll_loss) and mse_loss works (create_graph)", () => {
    const { x: x0, y } = floatInputs(torch.float64);
    const x = x0.requires_grad_(true);
    const g = torch.autograd.grad([F.cross_entropy(x, targets())], [x], { create_graph: true })[0]!;
    const gg = torch.autograd.grad([g.pow(2).sum()], [x])[0]!;
    expect(gg.shape).toEqual([4, 5]);
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
    const v = floatInputs();
    const t = { t: targets() };
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
  /** The composite formula the fused kernels must reproduce step for step (src/ops/nn_losses.ts, Loss.cpp). */
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
