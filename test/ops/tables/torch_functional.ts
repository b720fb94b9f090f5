// Op table rows for src/ops/torch_functional.ts: the torch.* spellings of functional ops with their aten
// signatures (torch.conv2d, torch.batch_norm with positional running stats, torch.poisson_nll_loss's int
// reduction, ...). The losses whose int reduction defaults to at::Reduction::Mean run without it: PyTorch's
// parser reads that default as 0, no reduction. Targets of ±1 are the signs of a sample.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, pos, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64", grad: false });
const posF64 = (...shape: number[]): InputSpec => ({
  shape,
  dtype: "float64",
  domain: "positive",
  grad: false,
});

export const TORCH_FUNCTIONAL_OPS: OpCase[] = [
  {
    name: "torch.conv1d",
    py: "torch.conv1d(a, b, c, 2, 1)",
    inputs: [f(2, 3, 7), f(4, 3, 3), f(4)],
    ts: (a, b, c) => torch.conv1d(a, b, c, 2, 1),
    atol: 1e-6,
  },
  {
    name: "torch.conv2d",
    py: "torch.conv2d(a, b, None, 1, 'same')",
    inputs: [f(1, 2, 5, 5), f(3, 2, 3, 3)],
    ts: (a, b) => torch.conv2d(a, b, null, 1, "same"),
    atol: 1e-6,
  },
  {
    name: "torch.conv3d",
    py: "torch.conv3d(a, b, groups=2)",
    inputs: [f64(1, 2, 3, 4, 4), f64(2, 1, 2, 2, 2)],
    ts: (a, b) => torch.conv3d(a, b, { groups: 2 }),
  },
  {
    name: "torch.conv_transpose1d",
    py: "torch.conv_transpose1d(a, b, c, 2)",
    inputs: [f(1, 2, 4), f(2, 3, 3), f(3)],
    ts: (a, b, c) => torch.conv_transpose1d(a, b, c, 2),
    atol: 1e-6,
  },
  {
    name: "torch.conv_transpose2d",
    py: "torch.conv_transpose2d(a, b, padding=1, output_padding=1, stride=2)",
    inputs: [f(1, 2, 3, 3), f(2, 2, 3, 3)],
    ts: (a, b) => torch.conv_transpose2d(a, b, { padding: 1, output_padding: 1, stride: 2 }),
    atol: 1e-6,
  },
  {
    name: "torch.bilinear",
    py: "torch.bilinear(a, b, c)",
    inputs: [f(3, 2), f(3, 4), f(5, 2, 4)],
    ts: (a, b, c) => torch.bilinear(a, b, c),
    atol: 1e-6,
  },
  {
    name: "torch.batch_norm",
    py: "torch.batch_norm(a, b, c, None, None, True, 0.1, 1e-5, False)",
    inputs: [f(4, 3, 2), f(3), f(3)],
    ts: (a, b, c) => torch.batch_norm(a, b, c, null, null, true, 0.1, 1e-5, false),
    atol: 1e-6,
  },
  {
    name: "torch.batch_norm.running_stats",
    py: "torch.batch_norm(a, None, None, b, c.abs() + 0.5, False, 0.1, 1e-5, False)",
    inputs: [f(2, 3), noGrad(f(3)), noGrad(f(3))],
    ts: (a, b, c) => torch.batch_norm(a, null, null, b, c.abs().add(0.5), false, 0.1, 1e-5, false),
  },
  {
    name: "torch.layer_norm",
    py: "torch.layer_norm(a, [4], b, c)",
    inputs: [f(3, 4), f(4), f(4)],
    ts: (a, b, c) => torch.layer_norm(a, [4], b, c),
    atol: 1e-6,
  },
  {
    name: "torch.group_norm",
    py: "torch.group_norm(a, 2, b, c)",
    inputs: [f(2, 4, 3), f(4), f(4)],
    ts: (a, b, c) => torch.group_norm(a, 2, b, c),
    atol: 1e-6,
  },
  {
    name: "torch.instance_norm",
    py: "torch.instance_norm(a, b, c, None, None, True, 0.1, 1e-5, False)",
    inputs: [f(2, 3, 4), f(3), f(3)],
    ts: (a, b, c) => torch.instance_norm(a, b, c, null, null, true, 0.1, 1e-5, false),
    atol: 1e-6,
  },
  {
    name: "torch.dropout.eval",
    py: "torch.dropout(a * 2, 0.5, False)",
    inputs: [f(5)],
    ts: (a) => torch.dropout(a.mul(2), 0.5, false),
  },
  {
    name: "torch.alpha_dropout.eval",
    py: "torch.alpha_dropout(a * 2, 0.3, False)",
    inputs: [f(5)],
    ts: (a) => torch.alpha_dropout(a.mul(2), 0.3, false),
  },
  {
    name: "torch.embedding",
    py: "torch.embedding(a, torch.tensor([[0, 2], [3, 0]]), 0)",
    inputs: [f(4, 3)],
    // The padding row's gradient is zeroed, so finite differences disagree there (in PyTorch too).
    gradcheck: false,
    ts: (a) =>
      torch.embedding(
        a,
        torch.tensor(
          [
            [0, 2],
            [3, 0],
          ],
          { dtype: torch.int64 },
        ),
        0,
      ),
  },
  {
    name: "torch.poisson_nll_loss",
    py: "torch.poisson_nll_loss(a, b, True, True, 1e-8, 1)",
    inputs: [f(2, 3), pos(2, 3)],
    ts: (a, b) => torch.poisson_nll_loss(a, b, true, true, 1e-8, 1),
  },
  {
    name: "torch.kl_div.default_reduction",
    py: "torch.kl_div(a, b)",
    inputs: [f(3, 4), noGrad(pos(3, 4))],
    ts: (a, b) => torch.kl_div(a, b),
  },
  {
    name: "torch.kl_div.log_target_sum_broadcast",
    py: "torch.kl_div(a, b, 2, log_target=True)",
    inputs: [f64(3, 4), noGrad(f64(4))],
    ts: (a, b) => torch.kl_div(a, b, 2, { log_target: true }),
  },
  {
    name: "torch.binary_cross_entropy_with_logits.default_reduction",
    py: "torch.binary_cross_entropy_with_logits(a, b)",
    inputs: [f(4, 5), noGrad(pos(4, 5))],
    ts: (a, b) => torch.binary_cross_entropy_with_logits(a, b),
    ulps: 2,
  },
  {
    name: "torch.binary_cross_entropy_with_logits.pos_weight_mean",
    py: "torch.binary_cross_entropy_with_logits(a, b, c, c.flip(1), 1)",
    inputs: [f64(2, 3), posF64(2, 3), posF64(2, 3)],
    ts: (a, b, c) => torch.binary_cross_entropy_with_logits(a, b, c, c.flip(1), 1),
  },
  {
    name: "torch.cosine_embedding_loss.default_reduction",
    py: "torch.cosine_embedding_loss(a, b, c.sign(), 0.1)",
    inputs: [f(4, 3), f(4, 3), noGrad(f(4))],
    ts: (a, b, c) => torch.cosine_embedding_loss(a, b, c.sign(), 0.1),
    ulps: 2,
  },
  {
    name: "torch.hinge_embedding_loss.default_reduction",
    py: "torch.hinge_embedding_loss(a, b.sign())",
    inputs: [f(3, 4), noGrad(f(3, 4))],
    ts: (a, b) => torch.hinge_embedding_loss(a, b.sign()),
  },
  {
    name: "torch.hinge_embedding_loss.sum",
    py: "torch.hinge_embedding_loss(a, b.sign(), 0.5, 2)",
    inputs: [f64(6), noGrad(f64(6))],
    ts: (a, b) => torch.hinge_embedding_loss(a, b.sign(), 0.5, 2),
  },
  {
    // aten broadcasts the inputs; F.margin_ranking_loss first asks for equal dims.
    name: "torch.margin_ranking_loss.broadcast",
    py: "torch.margin_ranking_loss(a, b, c.sign(), 0.2)",
    inputs: [f(3, 4), f(4), noGrad(f(3, 1))],
    ts: (a, b, c) => torch.margin_ranking_loss(a, b, c.sign(), 0.2),
  },
  {
    name: "torch.triplet_margin_loss.default_reduction",
    py: "torch.triplet_margin_loss(a, b, c)",
    inputs: [f(4, 3), f(4, 3), f(4, 3)],
    ts: (a, b, c) => torch.triplet_margin_loss(a, b, c),
    ulps: 2,
  },
  {
    name: "torch.triplet_margin_loss.swap_mean",
    py: "torch.triplet_margin_loss(a, b, c, 0.5, 1.0, 1e-6, True, 1)",
    inputs: [f64(3, 4), f64(3, 4), f64(3, 4)],
    ts: (a, b, c) => torch.triplet_margin_loss(a, b, c, 0.5, 1.0, 1e-6, true, 1),
  },
  {
    name: "torch.ctc_loss.default_reduction",
    // _ctc_loss_backward has no derivative in PyTorch 1.13: double backward raises (test/ops/tables/nn_ctc.ts).
    gradgradcheck: false,
    py: "torch.ctc_loss(a.log_softmax(2), torch.tensor([[1, 2], [3, 1]]), [5, 4], [2, 2])",
    inputs: [f64(5, 2, 4)],
    ts: (a) =>
      torch.ctc_loss(
        a.log_softmax(2),
        torch.tensor(
          [
            [1, 2],
            [3, 1],
          ],
          { dtype: torch.int64 },
        ),
        [5, 4],
        [2, 2],
      ),
  },
  {
    name: "torch.embedding.no_padding",
    py: "torch.embedding(a, b.abs() % 3)",
    inputs: [f(3, 2), i64(4)],
    ts: (a, b) => torch.embedding(a, b.abs().remainder(3)),
  },
];
