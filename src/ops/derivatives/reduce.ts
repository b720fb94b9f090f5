// Derivative rows for Reductions.
import type { Tensor } from "../../tensor/tensor.js";
import { row } from "./row.js";
import type { Shape } from "../../tensor/shape.js";

/** Re-inserts reduced dims (sorted ascending) as size 1. */
function unsqueezeDims(g: Tensor, dims: readonly number[]): Tensor {
  return dims.reduce((t, d) => t.unsqueeze(d), g);
}

export const REDUCE_DERIVATIVES = {
  SumBackward0: row<{ selfShape: Shape }>((g, s) => [g.expand(s.selfShape)]),
  SumBackward1: row<{ selfShape: Shape; dims: number[]; keepdim: boolean }>((g, s) => [
    (s.keepdim ? g : unsqueezeDims(g, s.dims)).expand(s.selfShape),
  ]),
  MeanBackward0: row<{ selfShape: Shape; count: number }>((g, s) => [g.expand(s.selfShape).div(s.count)]),
  MeanBackward1: row<{ selfShape: Shape; dims: number[]; keepdim: boolean; count: number }>((g, s) => [
    (s.keepdim ? g : unsqueezeDims(g, s.dims)).expand(s.selfShape).div(s.count),
  ]),
};
