// F.grid_sample (torch.grid_sampler → grid_sampler_2d, recorded as GridSampler2DBackward0, computed by
// src/backend/js/nn_grid_sample.ts) and F.affine_grid (affine_grid_generator: the base grid of normalized
// coordinates times theta transposed, recorded as AffineGridGeneratorBackward0). functional.py's checks and
// warnings first, then the native ones.
import { no_grad } from "../autograd/grad_mode.js";
import {
  gridSample2d,
  gridSample3d,
  gridSample3dBackward,
  type GridGeometry3d,
  gridSample2dBackward,
  type GridGeometry,
  type GridMode,
  type GridPadding,
} from "../backend/js/nn_grid_sample.js";
import { NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { definePython } from "../signatures/registry.js";
import { linspaceValues } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { fromData, record } from "./core.js";
import { div, mul } from "./elementwise.js";
import { bmm } from "./linalg.js";
import { dense } from "./nn_norm.js";
import { reshape, transpose } from "./shape.js";

/** What GridSampler2DBackward0 keeps. */
export interface GridSampleSaved {
  input: Tensor;
  grid: Tensor;
  geometry: GridGeometry;
}

/** What AffineGridGeneratorBackward0 keeps: the base grid [N, H * W, 3] (or [N, D * H * W, 4]). */
export interface AffineGridSaved {
  base: Tensor;
}

const sizes = (t: Tensor) => `[${t.shape.join(", ")}]`;
const MODES = ["bilinear", "nearest", "bicubic"] as const;
const PADDINGS = ["zeros", "border", "reflection"] as const;

/** torch.grid_sampler(input, grid, interpolation_mode, padding_mode, align_corners) on 4-D input. */
export function grid_sampler(
  input: Tensor,
  grid: Tensor,
  interpolation_mode: number,
  padding_mode: number,
  align_corners: boolean,
): Tensor {
  if (input.shape[0] !== grid.shape[0])
    throw new RuntimeError(
      `grid_sampler(): expected grid and input to have same batch size, but got input with sizes ${sizes(input)} and grid with sizes ${sizes(grid)}`,
    );
  if (grid.shape[grid.ndim - 1] !== input.ndim - 2)
    throw new RuntimeError(
      `grid_sampler(): expected grid to have size ${input.ndim - 2} in last dimension, but got grid with sizes ${sizes(grid)}`,
    );
  for (let i = 2; i < input.ndim; i++)
    if (input.shape[i] <= 0)
      throw new RuntimeError(
        `grid_sampler(): expected input to have non-empty spatial dimensions, but input has sizes ${sizes(input)} with dimension ${i} being empty`,
      );
  if (input.ndim !== 4) return grid_sampler_3d(input, grid, interpolation_mode, padding_mode, align_corners);
  if (grid.ndim !== 4)
    throw new RuntimeError(
      `grid_sampler(): expected 4D input and grid with same number of dimensions, but got input with sizes ${sizes(input)} and grid with sizes ${sizes(grid)}`,
    );
  if (!input.dtype.is_floating_point || input.dtype.itemsize < 4)
    throw new RuntimeError(`"grid_sampler_2d_cpu" not implemented for '${input.dtype.scalarTypeName}'`);
  if (grid.dtype !== input.dtype)
    throw new RuntimeError(
      `grid_sampler(): expected input and grid to have the same dtype, but input has ${input.dtype.scalarTypeName} and grid has ${grid.dtype.scalarTypeName}`,
    );
  const [n, c, h, w] = input.shape;
  const [, outH, outW] = grid.shape;
  const geometry: GridGeometry = {
    n,
    c,
    h,
    w,
    outH,
    outW,
    mode: MODES[interpolation_mode] as GridMode,
    padding: PADDINGS[padding_mode] as GridPadding,
    alignCorners: align_corners,
  };
  const x = dense(input);
  const g = dense(grid);
  const out = fromData(
    gridSample2d(x.data, x.offset, g.data, g.offset, geometry, input.dtype),
    [n, c, outH, outW],
    input.dtype,
  );
  return record("GridSampler2DBackward0", [input, grid], out, () => ({ input, grid, geometry }));
}

/** grid_sampler_3d: 5-D input, bilinear or nearest (GridSampler.cpp's scalar kernel). */
function grid_sampler_3d(
  input: Tensor,
  grid: Tensor,
  interpolation_mode: number,
  padding_mode: number,
  align_corners: boolean,
): Tensor {
  if (input.ndim !== 5 || grid.ndim !== 5)
    throw new RuntimeError(
      `grid_sampler(): expected 5D input and grid with same number of dimensions, but got input with sizes ${sizes(input)} and grid with sizes ${sizes(grid)}`,
    );
  if (interpolation_mode === 2)
    throw new RuntimeError("grid_sampler(): bicubic interpolation only supports 4D input");
  if (!input.dtype.is_floating_point || input.dtype.itemsize < 4)
    throw new RuntimeError(`"grid_sampler3d_cpu" not implemented for '${input.dtype.scalarTypeName}'`);
  const [n, c, d, h, w] = input.shape;
  const outShape = grid.shape.slice(1, 4);
  const geometry: GridGeometry3d = {
    n,
    c,
    size: [d, h, w],
    outCount: outShape[0] * outShape[1] * outShape[2],
    mode: interpolation_mode === 1 ? "nearest" : "bilinear",
    padding: PADDINGS[padding_mode] as GridPadding,
    alignCorners: align_corners,
  };
  const [x, g] = [dense(input), dense(grid)];
  const out = fromData(
    gridSample3d(x.data, x.offset, g.data, g.offset, geometry, input.dtype),
    [n, c, ...outShape],
    input.dtype,
  );
  return record("GridSampler3DBackward0", [input, grid], out, () => ({ input, grid, geometry3d: geometry }));
}

/** What GridSampler3DBackward0 keeps. */
export interface GridSample3dSaved {
  input: Tensor;
  grid: Tensor;
  geometry3d: GridGeometry3d;
}

/** grid_sampler_3d_backward: the input's and the grid's gradients. */
export function grid_sampler_3d_backward(
  gradOut: Tensor,
  s: GridSample3dSaved,
  mask: readonly boolean[],
): (Tensor | null)[] {
  const [go, x, g] = [dense(gradOut), dense(s.input), dense(s.grid)];
  const r = gridSample3dBackward(
    go.data,
    go.offset,
    x.data,
    x.offset,
    g.data,
    g.offset,
    s.geometry3d,
    mask,
    s.input.dtype,
  );
  const needGrad = [gradOut, s.input, s.grid].filter((t) => t.requires_grad);
  const wrap = (t: Tensor) =>
    record("torch::autograd::NotImplemented", needGrad, t, () => ({ op: "grid_sampler_3d_backward" }));
  return [
    r.gradInput ? wrap(fromData(r.gradInput, s.input.shape, s.input.dtype)) : null,
    r.gradGrid ? wrap(fromData(r.gradGrid, s.grid.shape, s.grid.dtype)) : null,
  ];
}

/** grid_sampler_2d_backward: the input's and the grid's gradients. */
export function grid_sampler_2d_backward(
  gradOut: Tensor,
  s: GridSampleSaved,
  mask: readonly boolean[],
): (Tensor | null)[] {
  const [go, x, g] = [dense(gradOut), dense(s.input), dense(s.grid)];
  const r = gridSample2dBackward(
    go.data,
    go.offset,
    x.data,
    x.offset,
    g.data,
    g.offset,
    s.geometry,
    mask,
    s.input.dtype,
  );
  // PyTorch 1.13 has no derivative of grid_sampler_2d_backward: under create_graph its results hang on a node
  // that raises PyTorch's error when differentiated.
  const needGrad = [gradOut, s.input, s.grid].filter((t) => t.requires_grad);
  const wrap = (t: Tensor) =>
    record("torch::autograd::NotImplemented", needGrad, t, () => ({ op: "grid_sampler_2d_backward" }));
  return [
    r.gradInput ? wrap(fromData(r.gradInput, s.input.shape, s.input.dtype)) : null,
    r.gradGrid ? wrap(fromData(r.gradGrid, s.grid.shape, s.grid.dtype)) : null,
  ];
}

const ALIGN_WARNING =
  "Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. Please specify align_corners=True if the old behavior is desired. See the documentation of grid_sample for details.";

/** F.grid_sample(input, grid, mode='bilinear', padding_mode='zeros', align_corners=None). */
export function grid_sample(
  input: Tensor,
  grid: Tensor,
  mode = "bilinear",
  padding_mode = "zeros",
  align_corners: boolean | null = null,
): Tensor {
  if (mode !== "bilinear" && mode !== "nearest" && mode !== "bicubic")
    throw new ValueError(
      `nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '${mode}'`,
    );
  if (padding_mode !== "zeros" && padding_mode !== "border" && padding_mode !== "reflection")
    throw new ValueError(
      `nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '${padding_mode}'`,
    );
  if (align_corners === null) emitWarning(ALIGN_WARNING);
  return grid_sampler(
    input,
    grid,
    MODES.indexOf(mode),
    PADDINGS.indexOf(padding_mode),
    align_corners ?? false,
  );
}

/** linspace_from_neg_one: -1 .. 1 in `steps` steps, scaled by (steps - 1) / steps without align_corners. */
function linspaceFromNegOne(like: Tensor, steps: number, alignCorners: boolean): Tensor {
  if (steps <= 1) return linspaceValues(0, 0, 1, like.dtype);
  const range = linspaceValues(-1, 1, steps, like.dtype);
  return alignCorners ? range : div(mul(range, steps - 1), steps);
}

/** affine_grid_generator(theta, size, align_corners): base grid [N, D * H * W, k + 1] times theta transposed. */
function affine_grid_generator(theta: Tensor, size: readonly number[], align_corners: boolean): Tensor {
  const n = size[0];
  const spatial = size.slice(2);
  const k = spatial.length;
  const count = spatial.reduce((a, b) => a * b, 1);
  const base = no_grad(() => {
    const grid = theta.new_empty([n, ...spatial, k + 1]);
    // Coordinate j varies along spatial dim k - 1 - j (x along W, y along H, z along D).
    for (let j = 0; j < k; j++) {
      let line = linspaceFromNegOne(theta, spatial[k - 1 - j], align_corners);
      for (let u = 0; u < j; u++) line = line.unsqueeze(-1);
      grid.select(-1, j).copy_(line);
    }
    grid.select(-1, k).fill_(1);
    return reshape(grid, [n, count, k + 1]);
  });
  const out = no_grad(() => reshape(bmm(base, transpose(theta, 1, 2)), [n, ...spatial, k]).detach());
  return record("AffineGridGeneratorBackward0", [theta], out, () => ({ base }));
}

/** The gradient of theta: base^T (grad as [N, H * W, 2]), transposed. */
export function affine_grid_backward(g: Tensor, s: AffineGridSaved): Tensor {
  const [n, count, k1] = s.base.shape;
  return transpose(bmm(transpose(s.base, 1, 2), reshape(g, [n, count, k1 - 1])), 1, 2);
}

/** F.affine_grid(theta, size, align_corners=None): functional.py's checks, then affine_grid_generator. */
export function affine_grid(
  theta: Tensor,
  size: readonly number[],
  align_corners: boolean | null = null,
): Tensor {
  if (align_corners === null) emitWarning(ALIGN_WARNING);
  const align = align_corners ?? false;
  if (!theta.dtype.is_floating_point)
    throw new ValueError(`Expected theta to have floating point type, but got ${theta.dtype}`);
  const sizeText = `[${size.join(", ")}]`;
  const shapeText = `torch.Size([${theta.shape.join(", ")}])`;
  let spatial: number[];
  if (size.length === 4) {
    if (theta.ndim !== 3 || theta.shape[1] !== 2 || theta.shape[2] !== 3)
      throw new ValueError(
        `Expected a batch of 2D affine matrices of shape Nx2x3 for size ${sizeText}. Got ${shapeText}.`,
      );
    spatial = size.slice(-2);
  } else if (size.length === 5) {
    if (theta.ndim !== 3 || theta.shape[1] !== 3 || theta.shape[2] !== 4)
      throw new ValueError(
        `Expected a batch of 3D affine matrices of shape Nx3x4 for size ${sizeText}. Got ${shapeText}.`,
      );
    spatial = size.slice(-3);
  } else
    throw new NotImplementedError(
      `affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size ${sizeText}.`,
    );
  if (align && Math.min(...spatial) === 1)
    emitWarning(
      "Since version 1.3.0, affine_grid behavior has changed for unit-size grids when align_corners=True. This is not an intended use case of affine_grid. See the documentation of affine_grid for details.",
    );
  else if (Math.min(...size) <= 0)
    throw new ValueError(`Expected non-zero, positive output size. Got ${sizeText}`);
  return affine_grid_generator(theta, size, align);
}

definePython("torch.nn.functional", {
  "grid_sample(input: Tensor, grid: Tensor, mode: str = 'bilinear', padding_mode: str = 'zeros', align_corners: bool | None = None) -> Tensor":
    grid_sample,
  "affine_grid(theta: Tensor, size: int[], align_corners: bool | None = None) -> Tensor": affine_grid,
});
