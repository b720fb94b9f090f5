// Op table rows for src/ops/nn_distance.ts and src/ops/nn_categorical.ts: normalize, cosine_similarity,
// pairwise_distance (with broadcasting and integer operands), one_hot, channel_shuffle, and gumbel_softmax
// with PyTorch's draws after manual_seed.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64", grad: false });

export const NN_DISTANCE_OPS: OpCase[] = [
  { name: "normalize", py: "torch.nn.functional.normalize(a)", inputs: [f(3, 4)], ts: (a) => F.normalize(a) },
  {
    name: "normalize.p1_dim0",
    py: "torch.nn.functional.normalize(a, p=1.0, dim=0)",
    inputs: [f64(3, 4)],
    ts: (a) => F.normalize(a, { p: 1, dim: 0 }),
  },
  {
    name: "normalize.eps",
    py: "torch.nn.functional.normalize(a * 1e-3, 3.0, -1, 0.5)",
    inputs: [f(2, 3)],
    ts: (a) => F.normalize(a.mul(1e-3), 3, -1, 0.5),
  },
  {
    name: "cosine_similarity",
    py: "torch.nn.functional.cosine_similarity(a, b)",
    inputs: [f(3, 5), f(3, 5)],
    ts: (a, b) => F.cosine_similarity(a, b),
    ulps: 2,
  },
  {
    name: "cosine_similarity.broadcast_dim0",
    py: "torch.cosine_similarity(a, b, 0)",
    inputs: [f(4), f(3, 4)],
    ts: (a, b) => torch.cosine_similarity(a, b, 0),
    ulps: 2,
  },
  {
    name: "cosine_similarity.float64_int",
    py: "torch.nn.functional.cosine_similarity(a, b, dim=-1, eps=0.1)",
    inputs: [f64(2, 3), i64(2, 3)],
    ts: (a, b) => F.cosine_similarity(a, b, { dim: -1, eps: 0.1 }),
  },
  {
    name: "pairwise_distance",
    py: "torch.nn.functional.pairwise_distance(a, b)",
    inputs: [f(3, 5), f(3, 5)],
    ts: (a, b) => F.pairwise_distance(a, b),
    ulps: 2,
  },
  {
    name: "pairwise_distance.p1_keepdim_broadcast",
    py: "torch.pairwise_distance(a, b, 1.0, 1e-3, True)",
    inputs: [f(5), f(2, 5)],
    ts: (a, b) => torch.pairwise_distance(a, b, 1, 1e-3, true),
    ulps: 2,
  },
  {
    name: "pairwise_distance.float64_p3",
    py: "torch.nn.functional.pairwise_distance(a, b, p=3.0)",
    inputs: [f64(2, 4), f64(2, 4)],
    ts: (a, b) => F.pairwise_distance(a, b, { p: 3 }),
  },
  {
    name: "one_hot",
    py: "torch.nn.functional.one_hot(a.abs() % 4)",
    inputs: [i64(2, 3)],
    ts: (a) => F.one_hot(a.abs().remainder(4)),
  },
  {
    name: "one_hot.num_classes",
    py: "torch.nn.functional.one_hot(a.abs() % 3, num_classes=6)",
    inputs: [i64(5)],
    ts: (a) => F.one_hot(a.abs().remainder(3), { num_classes: 6 }),
  },
  {
    name: "channel_shuffle",
    py: "torch.nn.functional.channel_shuffle(a, 2)",
    inputs: [noGrad(f(2, 6, 3))],
    ts: (a) => F.channel_shuffle(a, 2),
  },
  {
    name: "channel_shuffle.torch_int",
    py: "torch.channel_shuffle(a, 3)",
    inputs: [i64(1, 6, 2, 2)],
    ts: (a) => torch.channel_shuffle(a, 3),
  },
  {
    name: "gumbel_softmax",
    py: "(torch.manual_seed(7), torch.nn.functional.gumbel_softmax(a))[1]",
    inputs: [f(3, 5)],
    ts: (a) => {
      torch.manual_seed(7);
      return F.gumbel_softmax(a);
    },
    ulps: 2,
  },
  {
    name: "gumbel_softmax.hard_tau_dim0_float64",
    py: "(torch.manual_seed(8), torch.nn.functional.gumbel_softmax(a, tau=0.5, hard=True, dim=0))[1]",
    inputs: [f64(4, 3)],
    ts: (a) => {
      torch.manual_seed(8);
      return F.gumbel_softmax(a, { tau: 0.5, hard: true, dim: 0 });
    },
    // The straight-through gradient is the soft sample's, not the derivative of the one-hot output (zero).
    gradcheck: false,
  },
  // Module forms.
  {
    name: "module.CosineSimilarity",
    py: "torch.nn.CosineSimilarity(dim=0, eps=1e-6)(a, b)",
    inputs: [f(4, 2), f(4, 2)],
    ts: (a, b) => new torch.nn.CosineSimilarity(0, 1e-6).forward(a, b),
    ulps: 2,
  },
  {
    name: "module.PairwiseDistance",
    py: "torch.nn.PairwiseDistance(p=1.5, keepdim=True)(a, b)",
    inputs: [f64(3, 4), f64(3, 4)],
    ts: (a, b) => new torch.nn.PairwiseDistance({ p: 1.5, keepdim: true }).forward(a, b),
  },
  {
    name: "module.Unflatten",
    py: "torch.nn.Unflatten(1, (2, 3))(a)",
    inputs: [f(2, 6)],
    ts: (a) => new torch.nn.Unflatten(1, [2, 3]).forward(a),
  },
  {
    name: "module.ChannelShuffle",
    py: "torch.nn.ChannelShuffle(3)(a)",
    inputs: [noGrad(f(1, 6, 2))],
    ts: (a) => new torch.nn.ChannelShuffle(3).forward(a),
  },
];
