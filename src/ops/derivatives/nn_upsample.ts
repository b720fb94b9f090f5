// Derivatives of src/ops/nn_upsample.ts: each upsample op's gradient is its upsample_*_backward (a recorded op of
// its own), and that backward's gradient is the forward upsample of the incoming gradient (both are linear).
import { derivative } from "../../autograd/derivative.js";
import {
  upsample_again,
  upsample_backward,
  type UpsampleBackwardNodeName,
  type UpsampleNodeName,
  type UpsampleSaved,
} from "../nn_upsample.js";

const forwardRow = (op: string) =>
  derivative<UpsampleSaved>({
    input: [
      `${op}_backward(grad, output_size, input.sizes(), align_corners, scale_factors)`,
      (g, s) => upsample_backward(g, s),
    ],
  });
const backwardRow = (op: string) =>
  derivative<UpsampleSaved>({
    grad_output: [`${op}(grad, output_size, align_corners, scale_factors)`, (g, s) => upsample_again(g, s)],
  });

const OPS: [string, string][] = [
  ["UpsampleNearest1D", "upsample_nearest1d"],
  ["UpsampleNearest2D", "upsample_nearest2d"],
  ["UpsampleNearest3D", "upsample_nearest3d"],
  ["UpsampleNearestExact1D", "_upsample_nearest_exact1d"],
  ["UpsampleNearestExact2D", "_upsample_nearest_exact2d"],
  ["UpsampleNearestExact3D", "_upsample_nearest_exact3d"],
  ["UpsampleLinear1D", "upsample_linear1d"],
  ["UpsampleBilinear2D", "upsample_bilinear2d"],
  ["UpsampleTrilinear3D", "upsample_trilinear3d"],
  ["UpsampleBicubic2D", "upsample_bicubic2d"],
];

export const NN_UPSAMPLE_DERIVATIVES = Object.fromEntries(
  OPS.flatMap(([node, op]) => [
    [`${node}Backward1`, forwardRow(op)],
    [`${node}BackwardBackward1`, backwardRow(op)],
  ]),
) as Record<UpsampleNodeName | UpsampleBackwardNodeName, ReturnType<typeof forwardRow>>;
