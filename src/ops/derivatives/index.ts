// The one table of derivative formulas (PyTorch's tools/autograd/derivatives.yaml), split by op family.
// Each row is keyed by the grad_fn name PyTorch gives the op and returns one gradient per input of the
// op (null where an input needs none). Formulas are written in tensor ops, so running them with grad
// mode on (create_graph) records a graph of the backward pass and higher derivatives come for free.
// Broadcast inputs need no care in a formula: the engine sums each gradient back to its input's shape
// and dtype, as PyTorch's validate_outputs does.
// The ops record nodes by name and never import this table (src/autograd/formulas.ts holds it), so rows
// may call the forward ops directly.
import { registerFormulas } from "../../autograd/formulas.js";
import { HISTOGRAM_DERIVATIVES } from "./histogram.js";
import type { Derivative } from "../../autograd/derivative.js";
import { ELEMENTWISE_DERIVATIVES } from "./elementwise.js";
import { BACKWARD_OPS_DERIVATIVES } from "./backward_ops.js";
import { CONVERSION_DERIVATIVES } from "./conversion.js";
import { INPLACE_DERIVATIVES } from "./inplace.js";
import { MATH_DERIVATIVES } from "./math.js";
import { MATH_POINTWISE_DERIVATIVES } from "./math_pointwise.js";
import { MATH_FLOAT_DERIVATIVES } from "./math_float.js";
import { AS_STRIDED_DERIVATIVES } from "./as_strided.js";
import { SPECIAL_DERIVATIVES } from "./special.js";
import { INDEXING_DERIVATIVES } from "./indexing.js";
import { INDEX_PUT_DERIVATIVES } from "./index_put.js";
import { MASKED_DERIVATIVES } from "./masked.js";
import { SCATTER_REDUCE_DERIVATIVES } from "./scatter_reduce.js";
import { LINALG_DERIVATIVES } from "./linalg.js";
import { LINALG_LU_DERIVATIVES } from "./linalg_lu.js";
import { LINALG_INV_DERIVATIVES } from "./linalg_inv.js";
import { LINALG_DECOMP_DERIVATIVES } from "./linalg_decomp.js";
import { LINALG_NORMS_DERIVATIVES } from "./linalg_norms.js";
import { NN_CONV_DERIVATIVES } from "./nn_conv.js";
import { NN_EMBEDDING_DERIVATIVES } from "./nn_embedding.js";
import { NN_EMBEDDING_BAG_DERIVATIVES } from "./nn_embedding_bag.js";
import { NN_CTC_DERIVATIVES } from "./nn_ctc.js";
import { NN_WEIGHT_NORM_DERIVATIVES } from "./nn_weight_norm.js";
import { NN_LOSSES_DERIVATIVES } from "./nn_losses.js";
import { NN_LOSSES_NLL_DERIVATIVES } from "./nn_losses_nll.js";
import { NN_NORM_DERIVATIVES } from "./nn_norm.js";
import { NN_PAD_DERIVATIVES } from "./nn_pad.js";
import { NN_ACTIVATION_DERIVATIVES } from "./nn_activation.js";
import { NN_ACTIVATION_INPLACE_DERIVATIVES } from "./nn_activation_inplace.js";
import { NN_PDIST_DERIVATIVES } from "./nn_pdist.js";
import { NN_LOSSES_MARGIN_DERIVATIVES } from "./nn_losses_margin.js";
import { NN_POOL_DERIVATIVES } from "./nn_pool.js";
import { NN_POOL_ADAPTIVE_MAX_DERIVATIVES } from "./nn_pool_adaptive_max.js";
import { NN_PIXEL_SHUFFLE_DERIVATIVES } from "./nn_pixel_shuffle.js";
import { NN_FOLD_DERIVATIVES } from "./nn_fold.js";
import { NN_UNPOOL_DERIVATIVES } from "./nn_unpool.js";
import { NN_UPSAMPLE_DERIVATIVES } from "./nn_upsample.js";
import { NN_GROUP_NORM_DERIVATIVES } from "./nn_group_norm.js";
import { NN_GRID_SAMPLE_DERIVATIVES } from "./nn_grid_sample.js";
import { NN_POOL_3D_DERIVATIVES } from "./nn_pool_3d.js";
import { NN_RNN_DERIVATIVES } from "./nn_rnn.js";
import { RANDOM_DERIVATIVES } from "./random.js";
import { REDUCE_DERIVATIVES } from "./reduce.js";
import { REDUCE_STATS_DERIVATIVES } from "./reduce_stats.js";
import { REDUCE_NAN_DERIVATIVES } from "./reduce_nan.js";
import { SCAN_DERIVATIVES } from "./scan.js";
import { SOFTMAX_DERIVATIVES } from "./softmax.js";
import { SORTING_DERIVATIVES } from "./sorting.js";
import { UNIQUE_DERIVATIVES } from "./unique.js";
import { SHAPE_DERIVATIVES } from "./shape.js";
import { SHAPE_INPLACE_DERIVATIVES } from "./shape_inplace.js";
import { JOIN_DERIVATIVES } from "./join.js";
import { VIEW_INPLACE_DERIVATIVES } from "./view_inplace.js";
import { DIAGONAL_DERIVATIVES } from "./diagonal.js";
import { TENSOR_METHODS_INPLACE_DERIVATIVES } from "./tensor_methods_inplace.js";
import { UNFOLD_DERIVATIVES } from "./unfold.js";
import { RANDOM_FILL_DERIVATIVES } from "./random_fill.js";
import { ROTATE_DERIVATIVES } from "./rotate.js";
import { COMBINATORICS_DERIVATIVES } from "./combinatorics.js";
import { ALIASES_DERIVATIVES } from "./aliases.js";
import { ADDMM_FAMILY_DERIVATIVES } from "./addmm_family.js";
import { PRODUCTS_DERIVATIVES } from "./products.js";
import { COMPLEX_DERIVATIVES } from "./complex.js";
import { COMPLEX_MATH_DERIVATIVES } from "./complex_math.js";
import { FFT_DERIVATIVES } from "./fft.js";
import { LINALG_EIG_DERIVATIVES } from "./linalg_eig.js";
import { LINALG_HOUSEHOLDER_DERIVATIVES } from "./linalg_householder.js";

export const DERIVATIVES = {
  ...ELEMENTWISE_DERIVATIVES,
  ...MATH_DERIVATIVES,
  ...MATH_POINTWISE_DERIVATIVES,
  ...MATH_FLOAT_DERIVATIVES,
  ...AS_STRIDED_DERIVATIVES,
  ...SPECIAL_DERIVATIVES,
  ...INPLACE_DERIVATIVES,
  ...CONVERSION_DERIVATIVES,
  ...REDUCE_DERIVATIVES,
  ...REDUCE_STATS_DERIVATIVES,
  ...REDUCE_NAN_DERIVATIVES,
  ...SCAN_DERIVATIVES,
  ...SOFTMAX_DERIVATIVES,
  ...SORTING_DERIVATIVES,
  ...UNIQUE_DERIVATIVES,
  ...SHAPE_DERIVATIVES,
  ...JOIN_DERIVATIVES,
  ...VIEW_INPLACE_DERIVATIVES,
  ...DIAGONAL_DERIVATIVES,
  ...TENSOR_METHODS_INPLACE_DERIVATIVES,
  ...UNFOLD_DERIVATIVES,
  ...RANDOM_FILL_DERIVATIVES,
  ...ROTATE_DERIVATIVES,
  ...COMBINATORICS_DERIVATIVES,
  ...ALIASES_DERIVATIVES,
  ...ADDMM_FAMILY_DERIVATIVES,
  ...PRODUCTS_DERIVATIVES,
  ...INDEXING_DERIVATIVES,
  ...INDEX_PUT_DERIVATIVES,
  ...MASKED_DERIVATIVES,
  ...SCATTER_REDUCE_DERIVATIVES,
  ...LINALG_DERIVATIVES,
  ...LINALG_LU_DERIVATIVES,
  ...LINALG_INV_DERIVATIVES,
  ...LINALG_DECOMP_DERIVATIVES,
  ...LINALG_NORMS_DERIVATIVES,
  ...NN_CONV_DERIVATIVES,
  ...NN_POOL_DERIVATIVES,
  ...NN_POOL_ADAPTIVE_MAX_DERIVATIVES,
  ...NN_PIXEL_SHUFFLE_DERIVATIVES,
  ...NN_FOLD_DERIVATIVES,
  ...NN_UNPOOL_DERIVATIVES,
  ...NN_UPSAMPLE_DERIVATIVES,
  ...NN_GROUP_NORM_DERIVATIVES,
  ...NN_GRID_SAMPLE_DERIVATIVES,
  ...NN_POOL_3D_DERIVATIVES,
  ...NN_PAD_DERIVATIVES,
  ...NN_ACTIVATION_DERIVATIVES,
  ...NN_ACTIVATION_INPLACE_DERIVATIVES,
  ...NN_PDIST_DERIVATIVES,
  ...NN_LOSSES_MARGIN_DERIVATIVES,
  ...NN_RNN_DERIVATIVES,
  ...NN_NORM_DERIVATIVES,
  ...NN_EMBEDDING_DERIVATIVES,
  ...NN_EMBEDDING_BAG_DERIVATIVES,
  ...NN_CTC_DERIVATIVES,
  ...NN_WEIGHT_NORM_DERIVATIVES,
  ...NN_LOSSES_DERIVATIVES,
  ...NN_LOSSES_NLL_DERIVATIVES,
  ...BACKWARD_OPS_DERIVATIVES,
  ...RANDOM_DERIVATIVES,
  ...SHAPE_INPLACE_DERIVATIVES,
  ...COMPLEX_DERIVATIVES,
  ...COMPLEX_MATH_DERIVATIVES,
  ...FFT_DERIVATIVES,
  ...LINALG_EIG_DERIVATIVES,
  ...LINALG_HOUSEHOLDER_DERIVATIVES,
  ...HISTOGRAM_DERIVATIVES,
};

registerFormulas(DERIVATIVES);

export type DerivativeName = keyof typeof DERIVATIVES;
export type SavedOf<K extends DerivativeName> =
  (typeof DERIVATIVES)[K] extends Derivative<infer S> ? S : never;
