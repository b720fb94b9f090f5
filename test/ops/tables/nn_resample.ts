// Op table rows: F.interpolate in every mode (src/ops/nn_upsample.ts), by size and by scale factor (kept, or
// recomputed from the size), with and without align_corners, on 3-D, 4-D and 5-D inputs, and F.grid_sample /
// F.affine_grid (src/ops/nn_grid_sample.ts).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
type Tensor = torch.Tensor;

/** The gradient of fn at a fresh leaf copy of x for the incoming gradient g, as a graph (create_graph). */
const gradOf = (fn: (x: Tensor) => Tensor, x: Tensor, g: Tensor): Tensor => {
  const leaf = x.detach().requires_grad_();
  return torch.autograd.grad(fn(leaf), leaf, g, { create_graph: true })[0]!;
};

const INTERPOLATE_OPS: OpCase[] = [
  {
    name: "interpolate.nearest_2d_size",
    py: "torch.nn.functional.interpolate(a, size=(5, 7))",
    inputs: [f(2, 3, 3, 4)],
    ts: (a) => F.interpolate(a, { size: [5, 7] }),
  },
  {
    name: "interpolate.nearest_2d_scale",
    py: "torch.nn.functional.interpolate(a, scale_factor=1.7)",
    inputs: [f(1, 2, 4, 5)],
    ts: (a) => F.interpolate(a, { scale_factor: 1.7 }),
  },
  {
    name: "interpolate.nearest_2d_double",
    py: "torch.nn.functional.interpolate(a, scale_factor=2)",
    inputs: [f(1, 2, 3, 3)],
    ts: (a) => F.interpolate(a, { scale_factor: 2 }),
  },
  {
    name: "interpolate.nearest_1d_down",
    py: "torch.nn.functional.interpolate(a, size=3)",
    inputs: [f(2, 2, 7)],
    ts: (a) => F.interpolate(a, { size: 3 }),
  },
  {
    name: "interpolate.nearest_3d",
    py: "torch.nn.functional.interpolate(a, scale_factor=(1.5, 2.0, 0.7))",
    inputs: [f(1, 2, 2, 3, 4)],
    ts: (a) => F.interpolate(a, { scale_factor: [1.5, 2.0, 0.7] }),
  },
  {
    name: "interpolate.nearest_exact_2d",
    py: "torch.nn.functional.interpolate(a, size=(5, 3), mode='nearest-exact')",
    inputs: [f(1, 3, 4, 4)],
    ts: (a) => F.interpolate(a, { size: [5, 3], mode: "nearest-exact" }),
  },
  {
    name: "interpolate.nearest_exact_1d_scale",
    py: "torch.nn.functional.interpolate(a, scale_factor=2.5, mode='nearest-exact')",
    inputs: [f(2, 1, 5)],
    ts: (a) => F.interpolate(a, { scale_factor: 2.5, mode: "nearest-exact" }),
  },
  {
    name: "interpolate.nearest_exact_3d",
    py: "torch.nn.functional.interpolate(a, size=(3, 2, 5), mode='nearest-exact')",
    inputs: [f(1, 2, 2, 3, 3)],
    ts: (a) => F.interpolate(a, { size: [3, 2, 5], mode: "nearest-exact" }),
  },
  {
    name: "interpolate.linear",
    py: "torch.nn.functional.interpolate(a, size=9, mode='linear')",
    inputs: [f(2, 3, 5)],
    ts: (a) => F.interpolate(a, { size: 9, mode: "linear" }),
  },
  {
    name: "interpolate.linear_align_corners_scale",
    py: "torch.nn.functional.interpolate(a, scale_factor=1.6, mode='linear', align_corners=True)",
    inputs: [f(2, 2, 5)],
    ts: (a) => F.interpolate(a, { scale_factor: 1.6, mode: "linear", align_corners: true }),
  },
  {
    name: "interpolate.bilinear",
    py: "torch.nn.functional.interpolate(a, size=(7, 9), mode='bilinear')",
    inputs: [f(2, 3, 5, 4)],
    ts: (a) => F.interpolate(a, { size: [7, 9], mode: "bilinear" }),
  },
  {
    name: "interpolate.bilinear_align_corners",
    py: "torch.nn.functional.interpolate(a, size=(6, 5), mode='bilinear', align_corners=True)",
    inputs: [f(1, 2, 4, 3)],
    ts: (a) => F.interpolate(a, { size: [6, 5], mode: "bilinear", align_corners: true }),
  },
  {
    name: "interpolate.bilinear_scale",
    py: "torch.nn.functional.interpolate(a, scale_factor=(1.7, 0.6), mode='bilinear')",
    inputs: [f(1, 2, 5, 6)],
    ts: (a) => F.interpolate(a, { scale_factor: [1.7, 0.6], mode: "bilinear" }),
  },
  {
    name: "interpolate.bilinear_recompute",
    py: "torch.nn.functional.interpolate(a, scale_factor=1.7, mode='bilinear', recompute_scale_factor=True)",
    inputs: [f(1, 2, 5, 4)],
    ts: (a) => F.interpolate(a, { scale_factor: 1.7, mode: "bilinear", recompute_scale_factor: true }),
  },
  {
    name: "interpolate.bicubic",
    py: "torch.nn.functional.interpolate(a, size=(7, 9), mode='bicubic')",
    inputs: [f(2, 2, 5, 4)],
    ts: (a) => F.interpolate(a, { size: [7, 9], mode: "bicubic" }),
  },
  {
    name: "interpolate.bicubic_align_corners_scale",
    py: "torch.nn.functional.interpolate(a, scale_factor=2.3, mode='bicubic', align_corners=True)",
    inputs: [f(1, 2, 4, 3)],
    ts: (a) => F.interpolate(a, { scale_factor: 2.3, mode: "bicubic", align_corners: true }),
  },
  {
    name: "interpolate.bicubic_down",
    py: "torch.nn.functional.interpolate(a, size=(3, 2), mode='bicubic')",
    inputs: [f(1, 2, 6, 5)],
    ts: (a) => F.interpolate(a, { size: [3, 2], mode: "bicubic" }),
  },
  {
    name: "interpolate.trilinear",
    py: "torch.nn.functional.interpolate(a, size=(3, 5, 4), mode='trilinear')",
    inputs: [f(1, 2, 2, 3, 3)],
    ts: (a) => F.interpolate(a, { size: [3, 5, 4], mode: "trilinear" }),
  },
  {
    name: "interpolate.trilinear_align_corners",
    py: "torch.nn.functional.interpolate(a, scale_factor=1.5, mode='trilinear', align_corners=True)",
    inputs: [f(1, 1, 3, 2, 4)],
    ts: (a) => F.interpolate(a, { scale_factor: 1.5, mode: "trilinear", align_corners: true }),
  },
  {
    name: "interpolate.area",
    py: "torch.nn.functional.interpolate(a, size=(2, 3), mode='area')",
    inputs: [f(1, 2, 5, 6)],
    ts: (a) => F.interpolate(a, { size: [2, 3], mode: "area" }),
  },
  {
    name: "interpolate.bilinear_float64",
    py: "torch.nn.functional.interpolate(a, scale_factor=1.3, mode='bilinear')",
    inputs: [f64(1, 2, 4, 5)],
    ts: (a) => F.interpolate(a, { scale_factor: 1.3, mode: "bilinear" }),
  },
  {
    name: "interpolate.bicubic_float64",
    py: "torch.nn.functional.interpolate(a, size=(6, 7), mode='bicubic', align_corners=False)",
    inputs: [f64(1, 2, 4, 5)],
    ts: (a) => F.interpolate(a, { size: [6, 7], mode: "bicubic", align_corners: false }),
  },
  // The gradient as a function of the incoming gradient b: upsample_*_backward's node
  // (UpsampleBilinear2DBackwardBackward1), whose own gradient is the forward upsample.
  {
    name: "interpolate.bilinear_backward",
    py: `(lambda x: torch.autograd.grad(torch.nn.functional.interpolate(x, size=(5, 7), mode='bilinear'), x, b, create_graph=True)[0])(a.detach().requires_grad_())`,
    inputs: [noGrad(f(1, 2, 3, 4)), f(1, 2, 5, 7)],
    ts: (a, b) => gradOf((x) => F.interpolate(x, { size: [5, 7], mode: "bilinear" }), a, b),
  },
  {
    name: "interpolate.nearest_backward",
    py: `(lambda x: torch.autograd.grad(torch.nn.functional.interpolate(x, scale_factor=1.5), x, b, create_graph=True)[0])(a.detach().requires_grad_())`,
    inputs: [noGrad(f(1, 2, 2, 4)), f(1, 2, 3, 6)],
    ts: (a, b) => gradOf((x) => F.interpolate(x, { scale_factor: 1.5 }), a, b),
  },
  {
    name: "interpolate.bicubic_backward",
    py: `(lambda x: torch.autograd.grad(torch.nn.functional.interpolate(x, size=(4, 6), mode='bicubic', align_corners=True), x, b, create_graph=True)[0])(a.detach().requires_grad_())`,
    inputs: [noGrad(f(1, 1, 3, 4)), f(1, 1, 4, 6)],
    ts: (a, b) =>
      gradOf((x) => F.interpolate(x, { size: [4, 6], mode: "bicubic", align_corners: true }), a, b),
  },
  {
    name: "upsample.bilinear",
    py: "torch.nn.functional.upsample(a, scale_factor=2, mode='bilinear', align_corners=True)",
    inputs: [f(1, 2, 3, 3)],
    ts: (a) => F.upsample(a, { scale_factor: 2, mode: "bilinear", align_corners: true }),
  },
  {
    name: "upsample_nearest",
    py: "torch.nn.functional.upsample_nearest(a, size=(4, 5))",
    inputs: [f(1, 2, 2, 3)],
    ts: (a) => F.upsample_nearest(a, { size: [4, 5] }),
  },
  {
    name: "upsample_bilinear",
    py: "torch.nn.functional.upsample_bilinear(a, scale_factor=1.5)",
    inputs: [f(1, 2, 2, 4)],
    ts: (a) => F.upsample_bilinear(a, { scale_factor: 1.5 }),
  },
];

const GRID_SAMPLE_OPS: OpCase[] = [
  {
    name: "grid_sample.bilinear",
    py: "torch.nn.functional.grid_sample(a, b, align_corners=False)",
    inputs: [f(2, 3, 4, 5), f(2, 3, 4, 2)],
    ts: (a, b) => F.grid_sample(a, b, { align_corners: false }),
    ulps: 4,
    atol: 1e-6,
    gradgradcheck: false,
  },
  {
    name: "grid_sample.bilinear_align_corners",
    py: "torch.nn.functional.grid_sample(a, b, align_corners=True)",
    inputs: [f(1, 2, 3, 4), { shape: [1, 5, 3, 2], domain: "unit" }],
    ts: (a, b) => F.grid_sample(a, b, { align_corners: true }),
    ulps: 4,
    atol: 1e-6,
    gradgradcheck: false,
  },
  {
    name: "grid_sample.border",
    py: "torch.nn.functional.grid_sample(a, b, padding_mode='border', align_corners=False)",
    inputs: [f(1, 2, 4, 4), f(1, 3, 3, 2)],
    ts: (a, b) => F.grid_sample(a, b, { padding_mode: "border", align_corners: false }),
    ulps: 4,
    atol: 1e-6,
    gradgradcheck: false,
  },
  {
    name: "grid_sample.reflection",
    py: "torch.nn.functional.grid_sample(a, b, padding_mode='reflection', align_corners=False)",
    inputs: [f(1, 2, 3, 5), f(1, 4, 3, 2)],
    ts: (a, b) => F.grid_sample(a, b, { padding_mode: "reflection", align_corners: false }),
    ulps: 4,
    atol: 1e-6,
    gradgradcheck: false,
  },
  {
    name: "grid_sample.reflection_align_corners",
    py: "torch.nn.functional.grid_sample(a, b, padding_mode='reflection', align_corners=True)",
    inputs: [f(1, 1, 4, 3), f(1, 3, 4, 2)],
    ts: (a, b) => F.grid_sample(a, b, { padding_mode: "reflection", align_corners: true }),
    ulps: 4,
    atol: 1e-6,
    gradgradcheck: false,
  },
  {
    name: "grid_sample.nearest",
    py: "torch.nn.functional.grid_sample(a, b, mode='nearest', align_corners=False)",
    inputs: [f(2, 2, 4, 5), f(2, 3, 3, 2)],
    ts: (a, b) => F.grid_sample(a, b, { mode: "nearest", align_corners: false }),
    gradcheck: false,
  },
  {
    name: "grid_sample.bicubic",
    py: "torch.nn.functional.grid_sample(a, b, mode='bicubic', padding_mode='border', align_corners=False)",
    inputs: [f(1, 2, 5, 5), f(1, 3, 3, 2)],
    ts: (a, b) => F.grid_sample(a, b, { mode: "bicubic", padding_mode: "border", align_corners: false }),
    ulps: 8,
    atol: 1e-5,
    gradgradcheck: false,
  },
  {
    name: "grid_sample.bicubic_zeros_align_corners",
    py: "torch.nn.functional.grid_sample(a, b, mode='bicubic', align_corners=True)",
    inputs: [f(1, 1, 4, 5), { shape: [1, 2, 3, 2], domain: "unit" }],
    ts: (a, b) => F.grid_sample(a, b, { mode: "bicubic", align_corners: true }),
    ulps: 8,
    atol: 1e-5,
    gradgradcheck: false,
  },
  {
    name: "grid_sample.float64",
    py: "torch.nn.functional.grid_sample(a, b, padding_mode='border', align_corners=True)",
    inputs: [f64(1, 2, 3, 4), f64(1, 2, 3, 2)],
    ts: (a, b) => F.grid_sample(a, b, { padding_mode: "border", align_corners: true }),
    gradgradcheck: false,
  },
  // 5-D input: GridSampler.cpp's scalar kernel (PyTorch's bits, forward and backward).
  {
    name: "grid_sample.3d_bilinear",
    py: "torch.nn.functional.grid_sample(a, b, align_corners=False)",
    inputs: [f(1, 2, 3, 4, 3), f(1, 2, 2, 3, 3)],
    ts: (a, b) => F.grid_sample(a, b, { align_corners: false }),
    gradgradcheck: false,
  },
  {
    name: "grid_sample.3d_reflection_align_corners",
    py: "torch.nn.functional.grid_sample(a, b, padding_mode='reflection', align_corners=True)",
    inputs: [f(2, 1, 2, 3, 4), f(2, 1, 3, 2, 3)],
    ts: (a, b) => F.grid_sample(a, b, { padding_mode: "reflection", align_corners: true }),
    gradgradcheck: false,
  },
  {
    name: "grid_sample.3d_nearest_border",
    py: "torch.nn.functional.grid_sample(a, b, mode='nearest', padding_mode='border', align_corners=False)",
    inputs: [f(1, 2, 3, 3, 3), f(1, 2, 2, 2, 3)],
    ts: (a, b) => F.grid_sample(a, b, { mode: "nearest", padding_mode: "border", align_corners: false }),
    gradcheck: false,
  },
  {
    name: "affine_grid.3d",
    py: "torch.nn.functional.affine_grid(a, [2, 1, 2, 3, 4], align_corners=False)",
    inputs: [f(2, 3, 4)],
    ts: (a) => F.affine_grid(a, [2, 1, 2, 3, 4], { align_corners: false }),
    ulps: 4,
    atol: 1e-6,
  },
  {
    name: "affine_grid",
    py: "torch.nn.functional.affine_grid(a, [2, 3, 4, 5], align_corners=False)",
    inputs: [f(2, 2, 3)],
    ts: (a) => F.affine_grid(a, [2, 3, 4, 5], { align_corners: false }),
    ulps: 4,
    atol: 1e-6,
  },
  {
    name: "affine_grid.align_corners",
    py: "torch.nn.functional.affine_grid(a, (1, 1, 3, 2), align_corners=True)",
    inputs: [f(1, 2, 3)],
    ts: (a) => F.affine_grid(a, [1, 1, 3, 2], { align_corners: true }),
  },
  {
    name: "affine_grid.into_grid_sample",
    py: "torch.nn.functional.grid_sample(b, torch.nn.functional.affine_grid(a, [1, 2, 3, 3], align_corners=False), align_corners=False)",
    inputs: [f(1, 2, 3), f(1, 2, 4, 4)],
    ts: (a, b) =>
      F.grid_sample(b, F.affine_grid(a, [1, 2, 3, 3], { align_corners: false }), { align_corners: false }),
    ulps: 4,
    atol: 1e-6,
    gradgradcheck: false,
  },
];

export const NN_RESAMPLE_OPS: OpCase[] = [...INTERPOLATE_OPS, ...GRID_SAMPLE_OPS];
