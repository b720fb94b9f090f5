// The margin, embedding and likelihood losses of src/ops/nn_losses_margin.ts given bad input: mismatched
// dimensions, multi-dim targets, a variance of the wrong size or sign, unknown reductions.
import * as torch from "../../src/index.js";
import { type ErrorTable } from "./error_table.js";

const { nn } = torch;
const F = nn.functional;
const ones = (...shape: number[]) => torch.ones(shape);

export const NN_LOSSES_MARGIN_ERRORS: ErrorTable = {
  setup: `
ones = torch.ones
`,
  rows: [
    {
      py: "F.multilabel_margin_loss(ones(2, 4), torch.tensor([[4, 0, -1, 1], [1, 2, 3, 0]]))",
      ts: () =>
        F.multilabel_margin_loss(
          ones(2, 4),
          torch.tensor(
            [
              [4, 0, -1, 1],
              [1, 2, 3, 0],
            ],
            { dtype: torch.int64 },
          ),
        ),
    },
    {
      py: "F.multilabel_margin_loss(ones(2, 4), torch.tensor([[3, 0]]))",
      ts: () => F.multilabel_margin_loss(ones(2, 4), torch.tensor([[3, 0]], { dtype: torch.int64 })),
    },
    {
      py: "F.multilabel_margin_loss(ones(2, 4), ones(2, 4))",
      ts: () => F.multilabel_margin_loss(ones(2, 4), ones(2, 4)),
    },
    {
      py: "F.multi_margin_loss(ones(2, 3), torch.tensor([0, 5]))",
      ts: () => F.multi_margin_loss(ones(2, 3), torch.tensor([0, 5], { dtype: torch.int64 })),
    },
    {
      py: "F.multi_margin_loss(ones(2, 3), torch.tensor([0]))",
      ts: () => F.multi_margin_loss(ones(2, 3), torch.tensor([0], { dtype: torch.int64 })),
    },
    {
      py: "F.multi_margin_loss(ones(2, 3), torch.tensor([0, 1]), p=3)",
      ts: () => F.multi_margin_loss(ones(2, 3), torch.tensor([0, 1], { dtype: torch.int64 }), 3),
    },
    {
      py: "F.multi_margin_loss(ones(2, 3), torch.tensor([0, 1]), weight=ones(1, 3))",
      ts: () =>
        F.multi_margin_loss(ones(2, 3), torch.tensor([0, 1], { dtype: torch.int64 }), { weight: ones(1, 3) }),
    },
    { py: "F.multi_margin_loss(ones(2, 3), ones(2))", ts: () => F.multi_margin_loss(ones(2, 3), ones(2)) },
    {
      py: "F.multi_margin_loss(ones(2, 0), torch.tensor([0, 1]))",
      ts: () => F.multi_margin_loss(ones(2, 0), torch.tensor([0, 1], { dtype: torch.int64 })),
    },
    {
      py: "F.margin_ranking_loss(ones(3), ones(3), ones(3, 1))",
      ts: () => F.margin_ranking_loss(ones(3), ones(3), ones(3, 1)),
    },
    {
      py: "F.soft_margin_loss(ones(3), ones(3), reduction='avg')",
      ts: () => F.soft_margin_loss(ones(3), ones(3), { reduction: "avg" }),
    },
    {
      py: "F.cosine_embedding_loss(ones(2, 3), ones(2, 3), ones(2, 2))",
      ts: () => F.cosine_embedding_loss(ones(2, 3), ones(2, 3), ones(2, 2)),
    },
    {
      py: "F.cosine_embedding_loss(ones(3), ones(3), ones(2))",
      ts: () => F.cosine_embedding_loss(ones(3), ones(3), ones(2)),
    },
    {
      py: "F.cosine_embedding_loss(ones(2, 3), ones(2, 3), torch.tensor(1.0))",
      ts: () => F.cosine_embedding_loss(ones(2, 3), ones(2, 3), torch.tensor(1, { dtype: torch.float32 })),
    },
    {
      py: "F.multilabel_soft_margin_loss(ones(2, 3), ones(2, 3), reduction='avg')",
      ts: () => F.multilabel_soft_margin_loss(ones(2, 3), ones(2, 3), { reduction: "avg" }),
    },
    {
      py: "F.poisson_nll_loss(ones(3), ones(3), reduction='avg')",
      ts: () => F.poisson_nll_loss(ones(3), ones(3), { reduction: "avg" }),
    },
    {
      py: "F.gaussian_nll_loss(ones(2, 3), ones(2, 3), ones(3))",
      ts: () => F.gaussian_nll_loss(ones(2, 3), ones(2, 3), ones(3)),
    },
    {
      py: "F.gaussian_nll_loss(ones(2, 3), ones(2, 3), -ones(2, 3))",
      ts: () => F.gaussian_nll_loss(ones(2, 3), ones(2, 3), ones(2, 3).neg()),
    },
    {
      py: "F.gaussian_nll_loss(ones(2, 3), ones(2, 3), ones(2, 3), reduction='avg')",
      ts: () => F.gaussian_nll_loss(ones(2, 3), ones(2, 3), ones(2, 3), { reduction: "avg" }),
    },
    {
      py: "F.triplet_margin_loss(ones(2, 3), ones(2, 3), ones(3))",
      ts: () => F.triplet_margin_loss(ones(2, 3), ones(2, 3), ones(3)),
    },
    {
      py: "F.triplet_margin_with_distance_loss(ones(2, 3), ones(2, 3), ones(2, 3), reduction='avg')",
      ts: () => F.triplet_margin_with_distance_loss(ones(2, 3), ones(2, 3), ones(2, 3), { reduction: "avg" }),
    },
  ],
};
