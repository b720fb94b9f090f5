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
import { NN_PAD_OPS } from "./tables/nn_pad.js";
import { NN_ACTIVATION_OPS } from "./tables/nn_activation.js";
import { NN_DISTANCE_OPS } from "./tables/nn_distance.js";
import { NN_LOSSES_MARGIN_OPS } from "./tables/nn_losses_margin.js";
import { LINALG_OPS } from "./tables/linalg.js";
import { LINALG_LU_OPS } from "./tables/linalg_lu.js";
import { LINALG_INV_OPS } from "./tables/linalg_inv.js";
import { LINALG_CHOLESKY_OPS } from "./tables/linalg_cholesky.js";
import { LINALG_DECOMP_OPS } from "./tables/linalg_decomp.js";
import { LINALG_NORMS_OPS } from "./tables/linalg_norms.js";
import { LINALG_HOUSEHOLDER_OPS } from "./tables/linalg_householder.js";
import { MASKED_OPS } from "./tables/masked.js";
import { MATH_OPS } from "./tables/math.js";
import { MATH_POINTWISE_OPS } from "./tables/math_pointwise.js";
import { SPECIAL_OPS } from "./tables/special.js";
import { NN_ATTENTION_OPS } from "./tables/nn_attention.js";
import { NN_CONV_OPS } from "./tables/nn_conv.js";
import { NN_CONV_TRANSPOSE_OPS } from "./tables/nn_conv_transpose.js";
import { NN_EMBEDDING_OPS } from "./tables/nn_embedding.js";
import { NN_EMBEDDING_BAG_OPS } from "./tables/nn_embedding_bag.js";
import { NN_CTC_OPS } from "./tables/nn_ctc.js";
import { NN_WEIGHT_NORM_OPS } from "./tables/nn_weight_norm.js";
import { NN_LOSSES_OPS } from "./tables/nn_losses.js";
import { NN_LOSSES_NLL_OPS } from "./tables/nn_losses_nll.js";
import { NN_NORM_OPS } from "./tables/nn_norm.js";
import { NN_POOL_OPS } from "./tables/nn_pool.js";
import { NN_POOL_1D_OPS } from "./tables/nn_pool_1d.js";
import { NN_PIXEL_SHUFFLE_OPS } from "./tables/nn_pixel_shuffle.js";
import { NN_FOLD_OPS } from "./tables/nn_fold.js";
import { NN_UNPOOL_OPS } from "./tables/nn_unpool.js";
import { NN_RESAMPLE_OPS } from "./tables/nn_resample.js";
import { NN_GROUP_NORM_OPS } from "./tables/nn_group_norm.js";
import { REDUCE_OPS } from "./tables/reduce.js";
import { REDUCE_STATS_OPS } from "./tables/reduce_stats.js";
import { REDUCE_NAN_OPS } from "./tables/reduce_nan.js";
import { SCAN_OPS } from "./tables/scan.js";
import { SHAPE_OPS } from "./tables/shape.js";
import { SOFTMAX_OPS } from "./tables/softmax.js";
import { DIAGONAL_OPS } from "./tables/diagonal.js";
import { REPEAT_OPS } from "./tables/repeat.js";
import { ROTATE_OPS } from "./tables/rotate.js";
import { ATLEAST_OPS } from "./tables/atleast.js";
import { COMBINATORICS_OPS } from "./tables/combinatorics.js";
import { PRODUCTS_OPS } from "./tables/products.js";
import { SORTING_OPS } from "./tables/sorting.js";
import { HISTOGRAM_OPS } from "./tables/histogram.js";
import { UNIQUE_OPS } from "./tables/unique.js";
import { FFT_OPS } from "./tables/fft.js";
import { COMPLEX_MATH_OPS } from "./tables/complex_math.js";
import { ALIASES_OPS } from "./tables/aliases.js";
import { STACKING_OPS } from "./tables/stacking.js";
import { ADDMM_FAMILY_OPS } from "./tables/addmm_family.js";
import { WINDOWS_OPS } from "./tables/windows.js";
import { STATISTICS_OPS } from "./tables/statistics.js";
import { TORCH_FUNCTIONAL_OPS } from "./tables/torch_functional.js";
import { TENSOR_METHODS_INPLACE_OPS } from "./tables/tensor_methods_inplace.js";
import { UNFOLD_OPS } from "./tables/unfold.js";
import { CREATION_EXTRA_OPS } from "./tables/creation_extra.js";

export type { OpCase } from "./op_case.js";

/** Each table's rows; its fixtures live in test/fixtures/ops/<table>.json. */
export const OP_TABLES: Record<string, OpCase[]> = {
  elementwise: ELEMENTWISE_OPS,
  math: MATH_OPS,
  math_pointwise: MATH_POINTWISE_OPS,
  special: SPECIAL_OPS,
  inplace: INPLACE_OPS,
  reduce: REDUCE_OPS,
  reduce_stats: REDUCE_STATS_OPS,
  reduce_nan: REDUCE_NAN_OPS,
  scan: SCAN_OPS,
  softmax: SOFTMAX_OPS,
  diagonal: DIAGONAL_OPS,
  repeat: REPEAT_OPS,
  rotate: ROTATE_OPS,
  atleast: ATLEAST_OPS,
  combinatorics: COMBINATORICS_OPS,
  products: PRODUCTS_OPS,
  sorting: SORTING_OPS,
  histogram: HISTOGRAM_OPS,
  unique: UNIQUE_OPS,
  fft: FFT_OPS,
  complex_math: COMPLEX_MATH_OPS,
  aliases: ALIASES_OPS,
  stacking: STACKING_OPS,
  addmm_family: ADDMM_FAMILY_OPS,
  windows: WINDOWS_OPS,
  statistics: STATISTICS_OPS,
  torch_functional: TORCH_FUNCTIONAL_OPS,
  tensor_methods_inplace: TENSOR_METHODS_INPLACE_OPS,
  unfold: UNFOLD_OPS,
  creation_extra: CREATION_EXTRA_OPS,
  shape: SHAPE_OPS,
  join: JOIN_OPS,
  indexing: INDEXING_OPS,
  masked: MASKED_OPS,
  linalg: LINALG_OPS,
  linalg_lu: LINALG_LU_OPS,
  linalg_inv: LINALG_INV_OPS,
  linalg_cholesky: LINALG_CHOLESKY_OPS,
  linalg_decomp: LINALG_DECOMP_OPS,
  linalg_norms: LINALG_NORMS_OPS,
  linalg_householder: LINALG_HOUSEHOLDER_OPS,
  backward_ops: BACKWARD_OPS_OPS,
  nn_conv: NN_CONV_OPS,
  nn_conv_transpose: NN_CONV_TRANSPOSE_OPS,
  nn_pool: NN_POOL_OPS,
  nn_pool_1d: NN_POOL_1D_OPS,
  nn_pixel_shuffle: NN_PIXEL_SHUFFLE_OPS,
  nn_fold: NN_FOLD_OPS,
  nn_unpool: NN_UNPOOL_OPS,
  nn_resample: NN_RESAMPLE_OPS,
  nn_group_norm: NN_GROUP_NORM_OPS,
  nn_pad: NN_PAD_OPS,
  nn_activation: NN_ACTIVATION_OPS,
  nn_distance: NN_DISTANCE_OPS,
  nn_losses_margin: NN_LOSSES_MARGIN_OPS,
  nn_norm: NN_NORM_OPS,
  nn_embedding: NN_EMBEDDING_OPS,
  nn_embedding_bag: NN_EMBEDDING_BAG_OPS,
  nn_ctc: NN_CTC_OPS,
  nn_weight_norm: NN_WEIGHT_NORM_OPS,
  nn_losses: NN_LOSSES_OPS,
  nn_losses_nll: NN_LOSSES_NLL_OPS,
  nn_attention: NN_ATTENTION_OPS,
};

export const OP_TABLE: OpCase[] = Object.values(OP_TABLES).flat();
