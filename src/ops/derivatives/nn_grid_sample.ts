// Derivatives of src/ops/nn_grid_sample.ts: grid_sampler_2d/3d_backward's kernels for the input and the grid (PyTorch
// 1.13 has no derivative of it, so no double backward), and affine_grid_generator's base grid product.
import { derivative } from "../../autograd/derivative.js";
import {
  affine_grid_backward,
  grid_sampler_2d_backward,
  grid_sampler_3d_backward,
  type AffineGridSaved,
  type GridSample3dSaved,
  type GridSampleSaved,
} from "../nn_grid_sample.js";

export const NN_GRID_SAMPLE_DERIVATIVES = {
  GridSampler2DBackward0: derivative<GridSampleSaved>({
    "input, grid": [
      "grid_sampler_2d_backward(grad, input, grid, interpolation_mode, padding_mode, align_corners, grad_input_mask)",
      (g, s, ctx) => grid_sampler_2d_backward(g, s, ctx.needsInputGrad),
    ],
  }),
  GridSampler3DBackward0: derivative<GridSample3dSaved>({
    "input, grid": [
      "grid_sampler_3d_backward(grad, input, grid, interpolation_mode, padding_mode, align_corners, grad_input_mask)",
      (g, s, ctx) => grid_sampler_3d_backward(g, s, ctx.needsInputGrad),
    ],
  }),
  AffineGridGeneratorBackward0: derivative<AffineGridSaved>({
    theta: [
      "affine_grid_generator_backward(grad, size, align_corners)",
      (g, s) => affine_grid_backward(g, s),
    ],
  }),
};
