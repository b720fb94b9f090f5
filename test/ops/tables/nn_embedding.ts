// Op table rows: F.embedding (padding_idx, scale_grad_by_freq, int32 indices) and F.bilinear
// (src/ops/nn_embedding.ts). Index inputs are random ints in [1, 6]; the weights have 7 rows. padding_idx and
// scale_grad_by_freq change the gradient on purpose (padding rows get none, rows are divided by their counts),
// so those rows skip the finite-difference check (PyTorch's gradcheck fails them too).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const indices = (...shape: number[]): InputSpec => noGrad({ shape, dtype: "int64", domain: "positive" });

const EMBEDDING_OPS: OpCase[] = [
  {
    name: "embedding",
    py: "torch.nn.functional.embedding(a, b)",
    inputs: [indices(2, 5), f(7, 3)],
    ts: (a, b) => F.embedding(a, b),
  },
  {
    name: "embedding.1d_indices",
    py: "torch.nn.functional.embedding(a, b)",
    inputs: [indices(6), f(7, 4)],
    ts: (a, b) => F.embedding(a, b),
  },
  {
    name: "embedding.int32_indices",
    py: "torch.nn.functional.embedding(a, b)",
    inputs: [noGrad({ shape: [3, 2], dtype: "int32", domain: "positive" }), f(7, 2)],
    ts: (a, b) => F.embedding(a, b),
  },
  {
    name: "embedding.padding_idx",
    py: "torch.nn.functional.embedding(a, b, padding_idx=2)",
    inputs: [indices(3, 6), f(7, 3)],
    ts: (a, b) => F.embedding(a, b, { padding_idx: 2 }),
    gradcheck: false,
  },
  {
    name: "embedding.negative_padding_idx",
    py: "torch.nn.functional.embedding(a, b, -4)",
    inputs: [indices(3, 6), f(7, 3)],
    ts: (a, b) => F.embedding(a, b, -4),
    gradcheck: false,
  },
  {
    name: "embedding.scale_grad_by_freq",
    py: "torch.nn.functional.embedding(a, b, scale_grad_by_freq=True)",
    inputs: [indices(4, 5), f(7, 3)],
    ts: (a, b) => F.embedding(a, b, { scale_grad_by_freq: true }),
    gradcheck: false,
  },
  {
    name: "embedding.padding_idx_scale_grad_by_freq",
    py: "torch.nn.functional.embedding(a, b, 3, None, 2.0, True)",
    inputs: [indices(12), f(7, 2)],
    ts: (a, b) => F.embedding(a, b, 3, null, 2.0, true),
    gradcheck: false,
  },
  {
    name: "embedding.float64",
    py: "torch.nn.functional.embedding(a, b)",
    inputs: [indices(2, 4), f64(7, 3)],
    ts: (a, b) => F.embedding(a, b),
  },
];

/** F.bilinear's bias, written out in both languages (the table binds three inputs). */
const BIAS_PY = "torch.tensor([0.5, -0.25], dtype=a.dtype)";
const bias = (like: torch.Tensor) => torch.tensor([0.5, -0.25], { dtype: like.dtype });

const BILINEAR_OPS: OpCase[] = [
  {
    name: "bilinear",
    py: `torch.nn.functional.bilinear(a, b, c, ${BIAS_PY})`,
    inputs: [f(3, 2), f(3, 4), f(2, 2, 4)],
    ts: (a, b, c) => F.bilinear(a, b, c, bias(a)),
    ulps: 16,
  },
  {
    name: "bilinear.no_bias_3d",
    py: "torch.nn.functional.bilinear(a, b, c)",
    inputs: [f(2, 3, 2), f(2, 3, 3), f(4, 2, 3)],
    ts: (a, b, c) => F.bilinear(a, b, c),
    ulps: 16,
  },
  {
    name: "bilinear.float64",
    py: `torch.nn.functional.bilinear(a, b, c, ${BIAS_PY})`,
    inputs: [f64(4, 3), f64(4, 2), f64(2, 3, 2)],
    ts: (a, b, c) => F.bilinear(a, b, c, bias(a)),
  },
];

export const NN_EMBEDDING_OPS: OpCase[] = [...EMBEDDING_OPS, ...BILINEAR_OPS];
