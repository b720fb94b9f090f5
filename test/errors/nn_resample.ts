// F.interpolate and the upsampling modules given bad input (src/ops/nn_upsample.ts): functional.py's checks,
// the native ops' argument parser, shape and dtype checks; F.grid_sample, F.affine_grid (src/ops/nn_grid_sample.ts),
// F.group_norm, F.instance_norm, F.local_response_norm and their modules (src/ops/nn_group_norm.ts).
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const F = torch.nn.functional;
const x = () => torch.randn(1, 2, 3, 4);

export const NN_RESAMPLE_ERRORS: ErrorTable = {
  setup: "x = lambda: torch.randn(1, 2, 3, 4)",
  rows: [
    { py: "F.interpolate(x(), size=(0, 2))", ts: () => F.interpolate(x(), { size: [0, 2] }) },
    { py: "F.interpolate(x(), scale_factor=0.1)", ts: () => F.interpolate(x(), { scale_factor: 0.1 }) },
    { py: "F.interpolate(x(), size=-3)", ts: () => F.interpolate(x(), { size: -3 }) },
    {
      py: "F.interpolate(torch.randn(1, 2, 3), size=0, mode='linear')",
      ts: () => F.interpolate(torch.randn(1, 2, 3), { size: 0, mode: "linear" }),
    },
    {
      py: "F.interpolate(torch.randn(1, 2, 3, 3, 3), size=(2, 0, 2))",
      ts: () => F.interpolate(torch.randn(1, 2, 3, 3, 3), { size: [2, 0, 2] }),
    },
    {
      py: "F.interpolate(torch.zeros(1, 0, 3, 4), size=(5, 5))",
      ts: () => F.interpolate(torch.zeros(1, 0, 3, 4), { size: [5, 5] }),
    },
    {
      py: "F.interpolate(torch.ones(1, 2, 3, 4, dtype=torch.long), size=(5, 5))",
      ts: () => F.interpolate(torch.ones(1, 2, 3, 4, { dtype: torch.int64 }), { size: [5, 5] }),
    },
    {
      py: "F.interpolate(torch.ones(1, 2, 3, 4, dtype=torch.long), size=(5, 5), mode='bilinear')",
      ts: () =>
        F.interpolate(torch.ones(1, 2, 3, 4, { dtype: torch.int64 }), { size: [5, 5], mode: "bilinear" }),
    },
    {
      py: "F.interpolate(torch.ones(1, 2, 3, 4, dtype=torch.long), size=(5, 5), mode='bicubic')",
      ts: () =>
        F.interpolate(torch.ones(1, 2, 3, 4, { dtype: torch.int64 }), { size: [5, 5], mode: "bicubic" }),
    },
    {
      py: "F.interpolate(x(), size=(5, 5), mode='foo')",
      ts: () => F.interpolate(x(), { size: [5, 5], mode: "foo" }),
    },
    {
      py: "F.interpolate(torch.randn(2, 3), size=(5, 5))",
      ts: () => F.interpolate(torch.randn(2, 3), { size: [5, 5] }),
    },
    {
      py: "F.interpolate(x(), size=(5, 5), scale_factor=2)",
      ts: () => F.interpolate(x(), { size: [5, 5], scale_factor: 2 }),
    },
    { py: "F.interpolate(x())", ts: () => F.interpolate(x()) },
    { py: "F.interpolate(x(), size=(5,))", ts: () => F.interpolate(x(), { size: [5] }) },
    { py: "F.interpolate(x(), scale_factor=(2,))", ts: () => F.interpolate(x(), { scale_factor: [2] }) },
    {
      py: "F.interpolate(x(), size=5, recompute_scale_factor=True)",
      ts: () => F.interpolate(x(), { size: 5, recompute_scale_factor: true }),
    },
    {
      py: "F.interpolate(x(), size=5, mode='nearest', align_corners=True)",
      ts: () => F.interpolate(x(), { size: 5, mode: "nearest", align_corners: true }),
    },
    {
      py: "F.interpolate(x(), size=5, mode='linear')",
      ts: () => F.interpolate(x(), { size: 5, mode: "linear" }),
    },
    {
      py: "F.interpolate(x(), size=5, mode='trilinear')",
      ts: () => F.interpolate(x(), { size: 5, mode: "trilinear" }),
    },
    {
      py: "F.interpolate(torch.randn(1, 2, 3), size=5, mode='bilinear')",
      ts: () => F.interpolate(torch.randn(1, 2, 3), { size: 5, mode: "bilinear" }),
    },
    {
      py: "F.interpolate(torch.randn(1, 2, 3, 3, 3), size=5, mode='linear')",
      ts: () => F.interpolate(torch.randn(1, 2, 3, 3, 3), { size: 5, mode: "linear" }),
    },
    {
      py: "F.interpolate(torch.randn(1, 2, 3), size=5, mode='bicubic')",
      ts: () => F.interpolate(torch.randn(1, 2, 3), { size: 5, mode: "bicubic" }),
    },
    {
      py: "F.interpolate(torch.randn(1, 2, 3), size=5, mode='linear', antialias=True)",
      ts: () => F.interpolate(torch.randn(1, 2, 3), { size: 5, mode: "linear", antialias: true }),
    },
    { py: "F.interpolate(x(), size=5.5)", ts: () => F.interpolate(x(), { size: 5.5 }) },
    { py: "F.interpolate(x(), size=(5, 'a'))", ts: () => F.interpolate(x(), { size: bad([5, "a"]) }) },
    { py: "F.interpolate(x(), scale_factor='a')", ts: () => F.interpolate(x(), { scale_factor: bad("a") }) },
    {
      py: "F.interpolate(x(), size=(3, 3), mode='bilinear', align_corners=True, recompute_scale_factor=True)",
      ts: () =>
        F.interpolate(x(), {
          size: [3, 3],
          mode: "bilinear",
          align_corners: true,
          recompute_scale_factor: true,
        }),
    },
    {
      py: "nn.Upsample(scale_factor=2)(torch.randn(2, 3))",
      ts: () => new torch.nn.Upsample({ scale_factor: 2 }).forward(torch.randn(2, 3)),
    },
    {
      py: "nn.UpsamplingBilinear2d(size=3)(torch.randn(1, 2, 3))",
      ts: () => new torch.nn.UpsamplingBilinear2d({ size: 3 }).forward(torch.randn(1, 2, 3)),
    },
    {
      py: "F.grid_sample(x(), torch.randn(1, 3, 3, 2), mode='linear', align_corners=False)",
      ts: () => F.grid_sample(x(), torch.randn(1, 3, 3, 2), { mode: "linear", align_corners: false }),
    },
    {
      py: "F.grid_sample(x(), torch.randn(1, 3, 3, 2), padding_mode='wrap', align_corners=False)",
      ts: () => F.grid_sample(x(), torch.randn(1, 3, 3, 2), { padding_mode: "wrap", align_corners: false }),
    },
    {
      py: "F.grid_sample(x(), torch.randn(2, 3, 3, 2), align_corners=False)",
      ts: () => F.grid_sample(x(), torch.randn(2, 3, 3, 2), { align_corners: false }),
    },
    {
      py: "F.grid_sample(x(), torch.randn(1, 3, 3, 3), align_corners=False)",
      ts: () => F.grid_sample(x(), torch.randn(1, 3, 3, 3), { align_corners: false }),
    },
    {
      py: "F.grid_sample(torch.randn(1, 2, 0, 4), torch.randn(1, 3, 3, 2), align_corners=False)",
      ts: () => F.grid_sample(torch.randn(1, 2, 0, 4), torch.randn(1, 3, 3, 2), { align_corners: false }),
    },
    {
      py: "F.grid_sample(torch.randn(1, 2, 3, 3, 3), torch.randn(1, 2, 2, 2, 3), mode='bicubic', align_corners=False)",
      ts: () =>
        F.grid_sample(torch.randn(1, 2, 3, 3, 3), torch.randn(1, 2, 2, 2, 3), {
          mode: "bicubic",
          align_corners: false,
        }),
    },
    {
      py: "F.grid_sample(torch.randn(2, 3, 4), torch.randn(2, 3, 1), align_corners=False)",
      ts: () => F.grid_sample(torch.randn(2, 3, 4), torch.randn(2, 3, 1), { align_corners: false }),
    },
    {
      py: "F.grid_sample(torch.randn(1, 2, 3, 3, 3), torch.randn(1, 2, 2, 3), align_corners=False)",
      ts: () => F.grid_sample(torch.randn(1, 2, 3, 3, 3), torch.randn(1, 2, 2, 3), { align_corners: false }),
    },
    {
      py: "F.affine_grid(torch.ones(1, 2, 3, dtype=torch.long), [1, 1, 2, 2], align_corners=False)",
      ts: () =>
        F.affine_grid(torch.ones(1, 2, 3, { dtype: torch.int64 }), [1, 1, 2, 2], { align_corners: false }),
    },
    {
      py: "F.affine_grid(torch.randn(1, 3, 3), [1, 1, 2, 2], align_corners=False)",
      ts: () => F.affine_grid(torch.randn(1, 3, 3), [1, 1, 2, 2], { align_corners: false }),
    },
    {
      py: "F.affine_grid(torch.randn(1, 2, 3), [1, 1, 2], align_corners=False)",
      ts: () => F.affine_grid(torch.randn(1, 2, 3), [1, 1, 2], { align_corners: false }),
    },
    {
      py: "F.affine_grid(torch.randn(1, 2, 3), [1, 1, 0, 2], align_corners=False)",
      ts: () => F.affine_grid(torch.randn(1, 2, 3), [1, 1, 0, 2], { align_corners: false }),
    },
    {
      py: "F.affine_grid(torch.randn(1, 2, 3), [1, 1, 2, 2, 2], align_corners=False)",
      ts: () => F.affine_grid(torch.randn(1, 2, 3), [1, 1, 2, 2, 2], { align_corners: false }),
    },
    { py: "F.group_norm(torch.randn(2, 6, 3), 4)", ts: () => F.group_norm(torch.randn(2, 6, 3), 4) },
    { py: "F.group_norm(torch.randn(2, 6, 3), 0)", ts: () => F.group_norm(torch.randn(2, 6, 3), 0) },
    { py: "F.group_norm(torch.randn(2, 6, 3), -2)", ts: () => F.group_norm(torch.randn(2, 6, 3), -2) },
    {
      py: "F.group_norm(torch.randn(2, 6, 3), 3, torch.ones(5))",
      ts: () => F.group_norm(torch.randn(2, 6, 3), 3, torch.ones(5)),
    },
    {
      py: "F.group_norm(torch.randn(2, 6, 3), 3, None, torch.ones(2, 3))",
      ts: () => F.group_norm(torch.randn(2, 6, 3), 3, null, torch.ones(2, 3)),
    },
    { py: "F.group_norm(torch.randn(1, 2, 1), 2)", ts: () => F.group_norm(torch.randn(1, 2, 1), 2) },
    { py: "F.group_norm(torch.randn(2), 2)", ts: () => F.group_norm(torch.randn(2), 2) },
    {
      py: "F.group_norm(torch.ones(2, 6, 3, dtype=torch.long), 3)",
      ts: () => F.group_norm(torch.ones(2, 6, 3, { dtype: torch.int64 }), 3),
    },
    { py: "nn.GroupNorm(4, 6)", ts: () => new torch.nn.GroupNorm(4, 6) },
    { py: "F.instance_norm(torch.randn(2, 3, 1))", ts: () => F.instance_norm(torch.randn(2, 3, 1)) },
    {
      py: "F.instance_norm(torch.randn(2, 3, 4), use_input_stats=False)",
      ts: () => F.instance_norm(torch.randn(2, 3, 4), { use_input_stats: false }),
    },
    {
      py: "nn.InstanceNorm2d(3, affine=True)(torch.randn(2, 4, 2, 2))",
      ts: () => new torch.nn.InstanceNorm2d(3, { affine: true }).forward(torch.randn(2, 4, 2, 2)),
    },
    {
      py: "nn.InstanceNorm1d(3)(torch.randn(2, 3, 4, 5))",
      ts: () => new torch.nn.InstanceNorm1d(3).forward(torch.randn(2, 3, 4, 5)),
    },
    {
      py: "nn.InstanceNorm3d(3)(torch.randn(2, 3, 4))",
      ts: () => new torch.nn.InstanceNorm3d(3).forward(torch.randn(2, 3, 4)),
    },
    {
      py: "nn.BatchNorm3d(3)(torch.randn(2, 3, 2, 2))",
      ts: () => new torch.nn.BatchNorm3d(3).forward(torch.randn(2, 3, 2, 2)),
    },
    {
      py: "F.local_response_norm(torch.randn(2, 3), 2)",
      ts: () => F.local_response_norm(torch.randn(2, 3), 2),
    },
  ],
};
