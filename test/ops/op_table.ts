// The op table: one row per op sample drives the forward check against PyTorch fixtures, the
// gradient check against PyTorch's gradients, the grad_fn name and a float64 finite-difference
// gradcheck, on every backend (test/ops/ops.test.ts). `py` is the same call in Python, evaluated by
// scripts/gen_fixtures.py with the inputs bound to a, b, c. Add a row, then `npm run fixtures -- <table>`.
import type { OpCase } from "./op_case.js";
import { BACKWARD_OPS_OPS } from "./tables/backward_ops.js";
import { ELEMENTWISE_OPS } from "./tables/elementwise.js";
import { INDEXING_OPS } from "./tables/indexing.js";
import { INPLACE_OPS } from "./tables/inplace.js";
import { JOIN_OPS } from "./tables/join.js";
import { LINALG_OPS } from "./tables/linalg.js";
import { MASKED_OPS } from "./tables/masked.js";
import { MATH_OPS } from "./tables/math.js";
import { NN_ATTENTION_OPS } from "./tables/nn_attention.js";
import { NN_CONV_OPS } from "./tables/nn_conv.js";
import { NN_EMBEDDING_OPS } from "./tables/nn_embedding.js";
import { NN_LOSSES_OPS } from "./tables/nn_losses.js";
import { NN_LOSSES_NLL_OPS } from "./tables/nn_losses_nll.js";
import { NN_NORM_OPS } from "./tables/nn_norm.js";
import { NN_POOL_OPS } from "./tables/nn_pool.js";
import { REDUCE_OPS } from "./tables/reduce.js";
import { REDUCE_STATS_OPS } from "./tables/reduce_stats.js";
import { SHAPE_OPS } from "./tables/shape.js";
import { SOFTMAX_OPS } from "./tables/softmax.js";

export type { OpCase } from "./op_case.js";

/** Each table's rows; its fixtures live in test/fixtures/ops/<table>.json. */
export const OP_TABLES: Record<string, OpCase[]> = {
  elementwise: ELEMENTWISE_OPS,
  math: MATH_OPS,
  inplace: INPLACE_OPS,
  reduce: REDUCE_OPS,
  reduce_stats: REDUCE_STATS_OPS,
  softmax: SOFTMAX_OPS,
  shape: SHAPE_OPS,
  join: JOIN_OPS,
  indexing: INDEXING_OPS,
  masked: MASKED_OPS,
  linalg: LINALG_OPS,
  backward_ops: BACKWARD_OPS_OPS,
  nn_conv: NN_CONV_OPS,
  nn_pool: NN_POOL_OPS,
  nn_norm: NN_NORM_OPS,
  nn_embedding: NN_EMBEDDING_OPS,
  nn_losses: NN_LOSSES_OPS,
  nn_losses_nll: NN_LOSSES_NLL_OPS,
  nn_attention: NN_ATTENTION_OPS,
};

export const OP_TABLE: OpCase[] = Object.values(OP_TABLES).flat();
