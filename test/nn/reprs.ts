// Module reprs against PyTorch's: one row per module and set of constructor arguments, `py` the same
// construction in Python. scripts/gen_repr_fixtures.py records repr() of each into test/fixtures/nn_reprs.json
// (`npx tsx scripts/export_repr_cases.ts OUT.json` exports the rows first); test/nn/reprs.test.ts compares.
// Floats print as Python's repr(float) does (src/python.ts). A JS number cannot say whether it was written
// 2 or 2.0: a float argument prints in the form of PyTorch's default (ELU's alpha=1.0 as a float, Softplus's
// beta=1 as an int), so rows write floats in Python where the default is a float.
import * as torch from "../../src/index.js";

const nn = torch.nn;

export interface ReprCase {
  /** Unique; `py` when not given. */
  name?: string;
  /** A Python expression building the module (torch and nn in scope). */
  py: string;
  ts: () => unknown;
}

export const reprRowName = (row: ReprCase): string => row.name ?? row.py;

export const REPR_CASES: ReprCase[] = [
  { py: "nn.LeakyReLU()", ts: () => new nn.LeakyReLU() },
  { py: "nn.LeakyReLU(1e-05)", ts: () => new nn.LeakyReLU(1e-5) },
  {
    py: "nn.LeakyReLU(negative_slope=0.2, inplace=True)",
    ts: () => new nn.LeakyReLU({ negative_slope: 0.2, inplace: true }),
  },
  { py: "nn.LeakyReLU(1e20)", ts: () => new nn.LeakyReLU(1e20) },
  { py: "nn.ELU()", ts: () => new nn.ELU() },
  { py: "nn.ELU(alpha=1e-07)", ts: () => new nn.ELU({ alpha: 1e-7 }) },
  { py: "nn.ELU(alpha=2.0, inplace=True)", ts: () => new nn.ELU(2, true) },
  { py: "nn.ELU(alpha=0.1 + 0.2)", ts: () => new nn.ELU(0.1 + 0.2) },
  { py: "nn.Softplus()", ts: () => new nn.Softplus() },
  { py: "nn.Softplus(beta=0.5, threshold=1e-05)", ts: () => new nn.Softplus(0.5, 1e-5) },
  { py: "nn.GELU('tanh')", ts: () => new nn.GELU("tanh") },
  { py: "nn.ReLU(inplace=True)", ts: () => new nn.ReLU(true) },
  { py: "nn.SiLU()", ts: () => new nn.SiLU() },
  { py: "nn.Hardtanh()", ts: () => new nn.Hardtanh() },
  {
    py: "nn.Hardtanh(-0.5, max_val=2.5, inplace=True)",
    ts: () => new nn.Hardtanh(-0.5, { max_val: 2.5, inplace: true }),
  },
  { py: "nn.ReLU6()", ts: () => new nn.ReLU6() },
  { py: "nn.ReLU6(inplace=True)", ts: () => new nn.ReLU6(true) },
  { py: "nn.SELU()", ts: () => new nn.SELU() },
  { py: "nn.SELU(True)", ts: () => new nn.SELU(true) },
  { py: "nn.CELU()", ts: () => new nn.CELU() },
  { py: "nn.CELU(alpha=0.3, inplace=True)", ts: () => new nn.CELU({ alpha: 0.3, inplace: true }) },
  { py: "nn.Mish(inplace=True)", ts: () => new nn.Mish(true) },
  { py: "nn.Hardswish(inplace=True)", ts: () => new nn.Hardswish(true) },
  { py: "nn.Hardsigmoid()", ts: () => new nn.Hardsigmoid() },
  { py: "nn.PReLU()", ts: () => new nn.PReLU() },
  { py: "nn.PReLU(num_parameters=3, init=0.1)", ts: () => new nn.PReLU({ num_parameters: 3, init: 0.1 }) },
  { py: "nn.RReLU()", ts: () => new nn.RReLU() },
  { py: "nn.RReLU(0.1, 0.3, inplace=True)", ts: () => new nn.RReLU(0.1, 0.3, true) },
  { py: "nn.Hardshrink()", ts: () => new nn.Hardshrink() },
  { py: "nn.Softshrink(lambd=1e-05)", ts: () => new nn.Softshrink({ lambd: 1e-5 }) },
  { py: "nn.Softsign()", ts: () => new nn.Softsign() },
  { py: "nn.Tanhshrink()", ts: () => new nn.Tanhshrink() },
  { py: "nn.Threshold(0.1, 20.0)", ts: () => new nn.Threshold(0.1, 20) },
  { py: "nn.Threshold(-1.5, 0.5, inplace=True)", ts: () => new nn.Threshold(-1.5, 0.5, true) },
  { py: "nn.GLU()", ts: () => new nn.GLU() },
  { py: "nn.GLU(dim=1)", ts: () => new nn.GLU({ dim: 1 }) },
  { py: "nn.CosineSimilarity(dim=0, eps=1e-06)", ts: () => new nn.CosineSimilarity(0, 1e-6) },
  {
    py: "nn.PairwiseDistance(p=1.0, keepdim=True)",
    ts: () => new nn.PairwiseDistance({ p: 1, keepdim: true }),
  },
  { py: "nn.ChannelShuffle(3)", ts: () => new nn.ChannelShuffle(3) },
  { py: "nn.ParameterList()", ts: () => new nn.ParameterList() },
  { py: "nn.SoftMarginLoss()", ts: () => new nn.SoftMarginLoss() },
  { py: "nn.MultiMarginLoss(p=2)", ts: () => new nn.MultiMarginLoss({ p: 2 }) },
  { py: "nn.MultiLabelMarginLoss()", ts: () => new nn.MultiLabelMarginLoss() },
  { py: "nn.MarginRankingLoss(0.5)", ts: () => new nn.MarginRankingLoss(0.5) },
  { py: "nn.HingeEmbeddingLoss(reduction='sum')", ts: () => new nn.HingeEmbeddingLoss({ reduction: "sum" }) },
  { py: "nn.CosineEmbeddingLoss()", ts: () => new nn.CosineEmbeddingLoss() },
  {
    py: "nn.MultiLabelSoftMarginLoss(weight=torch.ones(3))",
    ts: () => new nn.MultiLabelSoftMarginLoss({ weight: torch.ones(3) }),
  },
  { py: "nn.PoissonNLLLoss(log_input=False)", ts: () => new nn.PoissonNLLLoss({ log_input: false }) },
  { py: "nn.GaussianNLLLoss(full=True)", ts: () => new nn.GaussianNLLLoss({ full: true }) },
  { py: "nn.TripletMarginLoss(margin=2.0)", ts: () => new nn.TripletMarginLoss({ margin: 2 }) },
  { py: "nn.TripletMarginWithDistanceLoss()", ts: () => new nn.TripletMarginWithDistanceLoss() },
  {
    py: "nn.ParameterList([nn.Parameter(torch.ones(2, 3)), torch.zeros(4, dtype=torch.float64), 7])",
    ts: () =>
      new nn.ParameterList([new nn.Parameter(torch.ones(2, 3)), torch.zeros(4, { dtype: torch.float64 }), 7]),
  },
  { py: "nn.ParameterDict()", ts: () => new nn.ParameterDict() },
  {
    py: "nn.ParameterDict({'w': nn.Parameter(torch.ones(2, 3)), 'b': torch.zeros(1, dtype=torch.float64), 'n': 3})",
    ts: () =>
      new nn.ParameterDict({
        w: new nn.Parameter(torch.ones(2, 3)),
        b: torch.zeros(1, { dtype: torch.float64 }),
        n: 3,
      }),
  },
  { py: "nn.Unflatten(1, [2, 3])", ts: () => new nn.Unflatten(1, [2, 3]) },
  { py: "nn.Dropout()", ts: () => new nn.Dropout() },
  { py: "nn.Dropout(p=1e-05)", ts: () => new nn.Dropout({ p: 1e-5 }) },
  { py: "nn.Dropout(0.1, inplace=True)", ts: () => new nn.Dropout(0.1, true) },
  { py: "nn.Dropout(0.0)", ts: () => new nn.Dropout(0) },
  { py: "nn.BatchNorm1d(3)", ts: () => new nn.BatchNorm1d(3) },
  {
    py: "nn.BatchNorm2d(4, eps=0.001, momentum=None, affine=False)",
    ts: () => new nn.BatchNorm2d(4, { eps: 0.001, momentum: null, affine: false }),
  },
  {
    py: "nn.BatchNorm1d(2, eps=1e-07, momentum=0.01, track_running_stats=False)",
    ts: () => new nn.BatchNorm1d(2, { eps: 1e-7, momentum: 0.01, track_running_stats: false }),
  },
  { py: "nn.LayerNorm(4)", ts: () => new nn.LayerNorm(4) },
  { py: "nn.BatchNorm3d(3)", ts: () => new nn.BatchNorm3d(3) },
  { py: "nn.GroupNorm(3, 6)", ts: () => new nn.GroupNorm(3, 6) },
  {
    py: "nn.GroupNorm(2, 4, eps=0.001, affine=False)",
    ts: () => new nn.GroupNorm(2, 4, { eps: 0.001, affine: false }),
  },
  { py: "nn.InstanceNorm1d(3)", ts: () => new nn.InstanceNorm1d(3) },
  {
    py: "nn.InstanceNorm2d(4, eps=0.001, momentum=0.2, affine=True, track_running_stats=True)",
    ts: () =>
      new nn.InstanceNorm2d(4, { eps: 0.001, momentum: 0.2, affine: true, track_running_stats: true }),
  },
  { py: "nn.InstanceNorm3d(2, affine=True)", ts: () => new nn.InstanceNorm3d(2, { affine: true }) },
  { py: "nn.LocalResponseNorm(2)", ts: () => new nn.LocalResponseNorm(2) },
  {
    py: "nn.LocalResponseNorm(3, alpha=0.5, beta=0.6, k=2.0)",
    ts: () => new nn.LocalResponseNorm(3, { alpha: 0.5, beta: 0.6, k: 2.0 }),
  },
  { py: "nn.Upsample(scale_factor=2)", ts: () => new nn.Upsample({ scale_factor: 2 }) },
  {
    py: "nn.Upsample(size=(3, 4), mode='bilinear', align_corners=True)",
    ts: () => new nn.Upsample({ size: [3, 4], mode: "bilinear", align_corners: true }),
  },
  { py: "nn.Upsample(size=5, mode='linear')", ts: () => new nn.Upsample({ size: 5, mode: "linear" }) },
  {
    py: "nn.Upsample(scale_factor=(2.0, 1.5), mode='bicubic')",
    ts: () => new nn.Upsample({ scale_factor: [2.0, 1.5], mode: "bicubic" }),
  },
  { py: "nn.UpsamplingNearest2d(scale_factor=2)", ts: () => new nn.UpsamplingNearest2d({ scale_factor: 2 }) },
  { py: "nn.UpsamplingBilinear2d(size=3)", ts: () => new nn.UpsamplingBilinear2d({ size: 3 }) },
  {
    py: "nn.LayerNorm([2, 3], eps=1e-12, elementwise_affine=False)",
    ts: () => new nn.LayerNorm([2, 3], { eps: 1e-12, elementwise_affine: false }),
  },
  { py: "nn.Embedding(10, 3)", ts: () => new nn.Embedding(10, 3) },
  {
    py: "nn.Embedding(10, 3, padding_idx=0, max_norm=0.001, norm_type=1.5, scale_grad_by_freq=True)",
    ts: () =>
      new nn.Embedding(10, 3, { padding_idx: 0, max_norm: 0.001, norm_type: 1.5, scale_grad_by_freq: true }),
  },
  { py: "nn.Embedding(5, 2, max_norm=2.0)", ts: () => new nn.Embedding(5, 2, { max_norm: 2 }) },
  { py: "nn.Linear(2, 3)", ts: () => new nn.Linear(2, 3) },
  { py: "nn.Bilinear(2, 3, 4, bias=False)", ts: () => new nn.Bilinear(2, 3, 4, false) },
  {
    py: "nn.Conv2d(1, 2, 3, stride=2, padding=1, dilation=2, groups=1, bias=False, padding_mode='reflect')",
    ts: () =>
      new nn.Conv2d(1, 2, 3, {
        stride: 2,
        padding: 1,
        dilation: 2,
        groups: 1,
        bias: false,
        padding_mode: "reflect",
      }),
  },
  {
    py: "nn.Conv1d(2, 4, 3, padding='same', groups=2)",
    ts: () => new nn.Conv1d(2, 4, 3, { padding: "same", groups: 2 }),
  },
  { py: "nn.MaxPool2d(2)", ts: () => new nn.MaxPool2d(2) },
  {
    py: "nn.MaxPool2d((2, 3), stride=1, padding=1, dilation=2, ceil_mode=True)",
    ts: () => new nn.MaxPool2d([2, 3], { stride: 1, padding: 1, dilation: 2, ceil_mode: true }),
  },
  {
    py: "nn.AvgPool2d(3, stride=2, count_include_pad=False)",
    ts: () => new nn.AvgPool2d(3, { stride: 2, count_include_pad: false }),
  },
  { py: "nn.AdaptiveAvgPool2d((2, 3))", ts: () => new nn.AdaptiveAvgPool2d([2, 3]) },
  { py: "nn.ConvTranspose3d(2, 3, 2)", ts: () => new nn.ConvTranspose3d(2, 3, 2) },
  { py: "nn.AvgPool3d(2)", ts: () => new nn.AvgPool3d(2) },
  {
    py: "nn.AvgPool3d((1, 2, 3), stride=(2, 1, 1), padding=(0, 1, 1), ceil_mode=True, divisor_override=4)",
    ts: () =>
      new nn.AvgPool3d([1, 2, 3], {
        stride: [2, 1, 1],
        padding: [0, 1, 1],
        ceil_mode: true,
        divisor_override: 4,
      }),
  },
  { py: "nn.AdaptiveAvgPool3d((2, None, 3))", ts: () => new nn.AdaptiveAvgPool3d([2, null, 3]) },
  {
    py: "nn.AdaptiveMaxPool3d(2, return_indices=True)",
    ts: () => new nn.AdaptiveMaxPool3d(2, { return_indices: true }),
  },
  {
    py: "nn.ConvTranspose3d(4, 2, (1, 2, 3), stride=(2, 1, 1), padding=1, output_padding=(1, 0, 0), groups=2, bias=False, dilation=(1, 1, 2))",
    ts: () =>
      new nn.ConvTranspose3d(4, 2, [1, 2, 3], {
        stride: [2, 1, 1],
        padding: 1,
        output_padding: [1, 0, 0],
        groups: 2,
        bias: false,
        dilation: [1, 1, 2],
      }),
  },
  { py: "nn.Flatten(0, -1)", ts: () => new nn.Flatten(0, -1) },
  { py: "nn.MSELoss()", ts: () => new nn.MSELoss() },
  { py: "nn.SmoothL1Loss(beta=0.5)", ts: () => new nn.SmoothL1Loss({ beta: 0.5 }) },
  { py: "nn.HuberLoss(delta=1e20)", ts: () => new nn.HuberLoss({ delta: 1e20 }) },
  {
    py: "nn.CrossEntropyLoss(label_smoothing=0.1)",
    ts: () => new nn.CrossEntropyLoss({ label_smoothing: 0.1 }),
  },
  {
    py: "nn.MultiheadAttention(4, 2, dropout=0.1)",
    ts: () => new nn.MultiheadAttention(4, 2, { dropout: 0.1 }),
  },
  {
    name: "Sequential of float-argument modules",
    py: "nn.Sequential(nn.Linear(3, 4), nn.LeakyReLU(1e-05), nn.Dropout(0.25), nn.BatchNorm1d(4, eps=1e-05, momentum=0.3))",
    ts: () =>
      new nn.Sequential(
        new nn.Linear(3, 4),
        new nn.LeakyReLU(1e-5),
        new nn.Dropout(0.25),
        new nn.BatchNorm1d(4, { eps: 1e-5, momentum: 0.3 }),
      ),
  },
];
