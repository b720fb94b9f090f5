// Loss functions beyond what the op tables check (test/ops/tables/nn_losses*.ts compare every loss, reduction
// and option with PyTorch 1.13: values, grad_fn names, gradients, float64 gradchecks): double backward, the loss
// modules and the fused kernels against the composite ops they replace (errors: test/errors/nn_losses.ts).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { expectClose } from "../helpers/compare.js";

type Tensor = torch.Tensor;
const F = torch.nn.functional;
const nn = torch.nn;

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
