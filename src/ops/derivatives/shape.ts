// Derivative rows for Copies, conversions and views.
import { row } from "./row.js";
import type { DType } from "../../tensor/dtype.js";
import type { Shape } from "../../tensor/shape.js";

export const SHAPE_DERIVATIVES = {
  CloneBackward0: row<object>((g) => [g]),
  ToCopyBackward0: row<{ selfDtype: DType }>((g, s) => [g.to(s.selfDtype)]),
  ExpandBackward0: row<{ selfShape: Shape }>((g, s) => [g.sum_to_size(s.selfShape)]),
  ViewBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  ReshapeAliasBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  UnsafeViewBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  UnsqueezeBackward0: row<{ dim: number }>((g, s) => [g.squeeze(s.dim)]),
  SqueezeBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  SqueezeBackward1: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
};
