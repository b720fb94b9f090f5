// Op table rows for src/ops/nn_losses_margin.ts: the margin, embedding and likelihood losses with each
// reduction, float32 and float64, and their module forms. Targets of ±1 are the signs of a sample.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, pos, type InputSpec, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const nn = torch.nn;
const target = (spec: InputSpec): InputSpec => noGrad(spec);

export const NN_LOSSES_MARGIN_OPS: OpCase[] = [
  {
    name: "soft_margin_loss",
    py: "torch.nn.functional.soft_margin_loss(a, b.sign())",
    inputs: [f(3, 4), target(f(3, 4))],
    ts: (a, b) => F.soft_margin_loss(a, b.sign()),
    ulps: 2,
  },
  {
    name: "soft_margin_loss.none_float64",
    py: "torch.nn.functional.soft_margin_loss(a, b.sign(), reduction='none')",
    inputs: [f64(2, 3), target(f64(2, 3))],
    ts: (a, b) => F.soft_margin_loss(a, b.sign(), { reduction: "none" }),
  },
  {
    name: "soft_margin_loss.sum",
    py: "torch.nn.functional.soft_margin_loss(a, b.sign(), reduction='sum')",
    inputs: [f(5), target(f(5))],
    ts: (a, b) => F.soft_margin_loss(a, b.sign(), { reduction: "sum" }),
    ulps: 2,
  },
  {
    name: "margin_ranking_loss",
    py: "torch.nn.functional.margin_ranking_loss(a, b, c.sign(), 0.2)",
    inputs: [f(6), f(6), target(f(6))],
    ts: (a, b, c) => F.margin_ranking_loss(a, b, c.sign(), 0.2),
  },
  {
    name: "margin_ranking_loss.none_float64",
    py: "torch.nn.functional.margin_ranking_loss(a, b, c.sign(), reduction='none')",
    inputs: [f64(5), f64(5), target(f64(5))],
    ts: (a, b, c) => F.margin_ranking_loss(a, b, c.sign(), { reduction: "none" }),
  },
  {
    name: "hinge_embedding_loss",
    py: "torch.nn.functional.hinge_embedding_loss(a, b.sign())",
    inputs: [f(3, 4), target(f(3, 4))],
    ts: (a, b) => F.hinge_embedding_loss(a, b.sign()),
  },
  {
    name: "hinge_embedding_loss.margin_sum_float64",
    py: "torch.nn.functional.hinge_embedding_loss(a, b.sign(), margin=0.5, reduction='sum')",
    inputs: [f64(6), target(f64(6))],
    ts: (a, b) => F.hinge_embedding_loss(a, b.sign(), { margin: 0.5, reduction: "sum" }),
  },
  {
    name: "cosine_embedding_loss",
    py: "torch.nn.functional.cosine_embedding_loss(a, b, c.sign(), 0.1)",
    inputs: [f(4, 3), f(4, 3), target(f(4))],
    ts: (a, b, c) => F.cosine_embedding_loss(a, b, c.sign(), 0.1),
    ulps: 2,
  },
  {
    name: "cosine_embedding_loss.none_float64",
    py: "torch.nn.functional.cosine_embedding_loss(a, b, c.sign(), reduction='none')",
    inputs: [f64(3, 5), f64(3, 5), target(f64(3))],
    ts: (a, b, c) => F.cosine_embedding_loss(a, b, c.sign(), { reduction: "none" }),
  },
  {
    name: "cosine_embedding_loss.0d_target",
    py: "torch.nn.functional.cosine_embedding_loss(a, b, torch.tensor(-1.0), reduction='sum')",
    inputs: [f(5), f(5)],
    ts: (a, b) =>
      F.cosine_embedding_loss(a, b, torch.tensor(-1, { dtype: torch.float32 }), { reduction: "sum" }),
    ulps: 2,
  },
  {
    name: "multilabel_soft_margin_loss",
    py: "torch.nn.functional.multilabel_soft_margin_loss(a, (b > 0).float())",
    inputs: [f(3, 4), target(f(3, 4))],
    ts: (a, b) => F.multilabel_soft_margin_loss(a, b.gt(0).float()),
    ulps: 2,
  },
  {
    name: "multilabel_soft_margin_loss.weight_none_float64",
    py: "torch.nn.functional.multilabel_soft_margin_loss(a, (b > 0).double(), weight=c, reduction='none')",
    inputs: [f64(2, 3), target(f64(2, 3)), f64(3)],
    ts: (a, b, c) => F.multilabel_soft_margin_loss(a, b.gt(0).double(), { weight: c, reduction: "none" }),
  },
  {
    name: "poisson_nll_loss",
    py: "torch.nn.functional.poisson_nll_loss(a, b)",
    inputs: [f(3, 4), target(pos(3, 4))],
    ts: (a, b) => F.poisson_nll_loss(a, b),
    ulps: 2,
  },
  {
    name: "poisson_nll_loss.no_log_full_float64",
    py: "torch.nn.functional.poisson_nll_loss(a, b * 3, log_input=False, full=True, reduction='none')",
    inputs: [pos(2, 4), target({ ...pos(2, 4), dtype: "float64" })].map((s) => ({
      ...s,
      dtype: "float64" as const,
    })),
    ts: (a, b) => F.poisson_nll_loss(a, b.mul(3), { log_input: false, full: true, reduction: "none" }),
  },
  {
    name: "gaussian_nll_loss",
    py: "torch.nn.functional.gaussian_nll_loss(a, b, c)",
    inputs: [f(3, 4), f(3, 4), pos(3, 4)],
    ts: (a, b, c) => F.gaussian_nll_loss(a, b, c),
    ulps: 2,
  },
  {
    name: "gaussian_nll_loss.homoscedastic_full_float64",
    py: "torch.nn.functional.gaussian_nll_loss(a, b, c, full=True, reduction='sum')",
    inputs: [f64(3, 2), f64(3, 2), { ...pos(3), dtype: "float64" }],
    ts: (a, b, c) => F.gaussian_nll_loss(a, b, c, { full: true, reduction: "sum" }),
  },
  {
    name: "triplet_margin_loss",
    py: "torch.nn.functional.triplet_margin_loss(a, b, c)",
    inputs: [f(4, 3), f(4, 3), f(4, 3)],
    ts: (a, b, c) => F.triplet_margin_loss(a, b, c),
    ulps: 2,
  },
  {
    name: "triplet_margin_loss.swap_p1_none_float64",
    py: "torch.nn.functional.triplet_margin_loss(a, b, c, margin=0.5, p=1.0, swap=True, reduction='none')",
    inputs: [f64(3, 4), f64(3, 4), f64(3, 4)],
    ts: (a, b, c) => F.triplet_margin_loss(a, b, c, { margin: 0.5, p: 1, swap: true, reduction: "none" }),
  },
  {
    name: "triplet_margin_with_distance_loss",
    py: "torch.nn.functional.triplet_margin_with_distance_loss(a, b, c)",
    inputs: [f(4, 3), f(4, 3), f(4, 3)],
    ts: (a, b, c) => F.triplet_margin_with_distance_loss(a, b, c),
    ulps: 2,
  },
  {
    name: "triplet_margin_with_distance_loss.cosine_swap_none",
    py: "torch.nn.functional.triplet_margin_with_distance_loss(a, b, c, distance_function=lambda x, y: 1.0 - torch.nn.functional.cosine_similarity(x, y), swap=True, reduction='none')",
    inputs: [f64(3, 4), f64(3, 4), f64(3, 4)],
    ts: (a, b, c) =>
      F.triplet_margin_with_distance_loss(a, b, c, {
        distance_function: (x: torch.Tensor, y: torch.Tensor) => torch.rsub(F.cosine_similarity(x, y), 1),
        swap: true,
        reduction: "none",
      }),
  },
  {
    name: "multi_margin_loss",
    py: "torch.nn.functional.multi_margin_loss(a, torch.tensor([0, 2, 1, 3]))",
    inputs: [f(4, 4)],
    ts: (a) => F.multi_margin_loss(a, torch.tensor([0, 2, 1, 3], { dtype: torch.int64 })),
    gradgradcheck: false,
  },
  {
    name: "multi_margin_loss.p2_weight_none_float64",
    py: "torch.nn.functional.multi_margin_loss(a, torch.tensor([1, 0, 2]), p=2, margin=0.5, weight=b, reduction='none')",
    inputs: [f64(3, 3), noGrad(f64(3))],
    ts: (a, b) =>
      F.multi_margin_loss(a, torch.tensor([1, 0, 2], { dtype: torch.int64 }), {
        p: 2,
        margin: 0.5,
        weight: b,
        reduction: "none",
      }),
    gradgradcheck: false,
  },
  {
    name: "multi_margin_loss.1d_sum",
    py: "torch.nn.functional.multi_margin_loss(a, torch.tensor([2]), reduction='sum')",
    inputs: [f(5)],
    ts: (a) => F.multi_margin_loss(a, torch.tensor([2], { dtype: torch.int64 }), { reduction: "sum" }),
    gradgradcheck: false,
  },
  {
    name: "multilabel_margin_loss",
    py: "torch.nn.functional.multilabel_margin_loss(a, torch.tensor([[3, 0, -1, 1], [1, 2, 3, 0], [2, -1, 0, 1]]))",
    inputs: [f(3, 4)],
    ts: (a) =>
      F.multilabel_margin_loss(
        a,
        torch.tensor(
          [
            [3, 0, -1, 1],
            [1, 2, 3, 0],
            [2, -1, 0, 1],
          ],
          { dtype: torch.int64 },
        ),
      ),
    gradgradcheck: false,
  },
  {
    name: "multilabel_margin_loss.none_float64",
    py: "torch.nn.functional.multilabel_margin_loss(a, torch.tensor([[0, -1, 2], [2, 1, -1]]), reduction='none')",
    inputs: [f64(2, 3)],
    ts: (a) =>
      F.multilabel_margin_loss(
        a,
        torch.tensor(
          [
            [0, -1, 2],
            [2, 1, -1],
          ],
          { dtype: torch.int64 },
        ),
        { reduction: "none" },
      ),
    gradgradcheck: false,
  },
  {
    name: "module.MultiLabelMarginLoss_1d_sum",
    py: "torch.nn.MultiLabelMarginLoss(reduction='sum')(a, torch.tensor([4, 1, -1, 0, 0]))",
    inputs: [f(5)],
    ts: (a) =>
      new nn.MultiLabelMarginLoss({ reduction: "sum" }).forward(
        a,
        torch.tensor([4, 1, -1, 0, 0], { dtype: torch.int64 }),
      ),
    gradgradcheck: false,
  },
  // Module forms.
  {
    name: "module.MultiMarginLoss",
    py: "torch.nn.MultiMarginLoss(p=2, margin=2.0)(a, torch.tensor([1, 1, 0]))",
    inputs: [f(3, 2)],
    ts: (a) =>
      new nn.MultiMarginLoss({ p: 2, margin: 2 }).forward(a, torch.tensor([1, 1, 0], { dtype: torch.int64 })),
    gradgradcheck: false,
  },
  {
    name: "module.SoftMarginLoss",
    py: "torch.nn.SoftMarginLoss(reduction='sum')(a, b.sign())",
    inputs: [f(4), target(f(4))],
    ts: (a, b) => new nn.SoftMarginLoss({ reduction: "sum" }).forward(a, b.sign()),
    ulps: 2,
  },
  {
    name: "module.MarginRankingLoss",
    py: "torch.nn.MarginRankingLoss(0.5)(a, b, c.sign())",
    inputs: [f(5), f(5), target(f(5))],
    ts: (a, b, c) => new nn.MarginRankingLoss(0.5).forward(a, b, c.sign()),
  },
  {
    name: "module.HingeEmbeddingLoss",
    py: "torch.nn.HingeEmbeddingLoss(2.0)(a, b.sign())",
    inputs: [f(5), target(f(5))],
    ts: (a, b) => new nn.HingeEmbeddingLoss(2).forward(a, b.sign()),
  },
  {
    name: "module.CosineEmbeddingLoss",
    py: "torch.nn.CosineEmbeddingLoss(reduction='none')(a, b, c.sign())",
    inputs: [f(2, 3), f(2, 3), target(f(2))],
    ts: (a, b, c) => new nn.CosineEmbeddingLoss({ reduction: "none" }).forward(a, b, c.sign()),
    ulps: 2,
  },
  {
    name: "module.MultiLabelSoftMarginLoss",
    py: "torch.nn.MultiLabelSoftMarginLoss(weight=torch.tensor([1.0, 2.0, 0.5]))(a, (b > 0).float())",
    inputs: [f(2, 3), target(f(2, 3))],
    ts: (a, b) =>
      new nn.MultiLabelSoftMarginLoss({ weight: torch.tensor([1, 2, 0.5]) }).forward(a, b.gt(0).float()),
    ulps: 2,
  },
  {
    name: "module.PoissonNLLLoss",
    py: "torch.nn.PoissonNLLLoss(log_input=False, eps=1e-4)(a, b)",
    inputs: [pos(4), target(pos(4))],
    ts: (a, b) => new nn.PoissonNLLLoss({ log_input: false, eps: 1e-4 }).forward(a, b),
    ulps: 2,
  },
  {
    name: "module.GaussianNLLLoss",
    py: "torch.nn.GaussianNLLLoss(eps=0.01)(a, b, c)",
    inputs: [f(2, 3), f(2, 3), pos(2, 1)],
    ts: (a, b, c) => new nn.GaussianNLLLoss({ eps: 0.01 }).forward(a, b, c),
    ulps: 2,
  },
  {
    name: "module.TripletMarginLoss",
    py: "torch.nn.TripletMarginLoss(margin=2.0, p=3.0)(a, b, c)",
    inputs: [f64(2, 4), f64(2, 4), f64(2, 4)],
    ts: (a, b, c) => new nn.TripletMarginLoss({ margin: 2, p: 3 }).forward(a, b, c),
  },
  {
    name: "module.TripletMarginWithDistanceLoss",
    py: "torch.nn.TripletMarginWithDistanceLoss(margin=0.3)(a, b, c)",
    inputs: [f(3, 2), f(3, 2), f(3, 2)],
    ts: (a, b, c) => new nn.TripletMarginWithDistanceLoss({ margin: 0.3 }).forward(a, b, c),
    ulps: 2,
  },
];
