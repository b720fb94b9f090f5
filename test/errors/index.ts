// Every error table, by name; each one's fixtures live in test/fixtures/errors/<name>.json.
import { AUTOGRAD_ERRORS } from "./autograd.js";
import { DATA_ERRORS } from "./data.js";
import { DEVICE_ERRORS } from "./device.js";
import { DIFFERENTIAL_ERRORS } from "./differential.js";
import type { ErrorTable } from "./error_table.js";
import { ELEMENTWISE_ERRORS } from "./elementwise.js";
import { LINALG_ERRORS } from "./linalg.js";
import { LINALG_LAPACK_ERRORS } from "./linalg_lapack.js";
import { LINALG_HOUSEHOLDER_ERRORS } from "./linalg_householder.js";
import { NN_ERRORS } from "./nn.js";
import { NN_CONV_TRANSPOSE_ERRORS } from "./nn_conv_transpose.js";
import { NN_POOL_1D_ERRORS } from "./nn_pool_1d.js";
import { NN_PIXEL_SHUFFLE_ERRORS } from "./nn_pixel_shuffle.js";
import { NN_RESAMPLE_ERRORS } from "./nn_resample.js";
import { NN_FOLD_ERRORS } from "./nn_fold.js";
import { NN_DROPOUT_FEATURE_ERRORS } from "./nn_dropout_feature.js";
import { NN_LOSSES_ERRORS } from "./nn_losses.js";
import { NN_ACTIVATION_ERRORS } from "./nn_activation.js";
import { NN_DISTANCE_ERRORS } from "./nn_distance.js";
import { NN_LOSSES_MARGIN_ERRORS } from "./nn_losses_margin.js";
import { NN_MODULE_ERRORS } from "./nn_module.js";
import { NN_TRANSFORMER_ERRORS } from "./nn_transformer.js";
import { NN_INIT_ERRORS } from "./nn_init.js";
import { NN_EMBEDDING_BAG_ERRORS } from "./nn_embedding_bag.js";
import { NN_CTC_ERRORS } from "./nn_ctc.js";
import { NN_WEIGHT_NORM_ERRORS } from "./nn_weight_norm.js";
import { NN_PARAMETRIZE_ERRORS } from "./nn_parametrize.js";
import { OPTIM_ERRORS } from "./optim.js";
import { PRODUCTS_ERRORS } from "./products.js";
import { REARRANGE_ERRORS } from "./rearrange.js";
import { REDUCE_ERRORS } from "./reduce.js";
import { SHAPE_ERRORS } from "./shape.js";
import { TENSOR_METHODS_INPLACE_ERRORS } from "./tensor_methods_inplace.js";
import { SORTING_ERRORS } from "./sorting.js";
import { SPECIAL_ERRORS } from "./special.js";
import { TENSOR_ERRORS } from "./tensor.js";
import { FFT_ERRORS } from "./fft.js";

export const ERROR_TABLES: Record<string, ErrorTable> = {
  fft: FFT_ERRORS,
  elementwise: ELEMENTWISE_ERRORS,
  special: SPECIAL_ERRORS,
  reduce: REDUCE_ERRORS,
  sorting: SORTING_ERRORS,
  shape: SHAPE_ERRORS,
  tensor_methods_inplace: TENSOR_METHODS_INPLACE_ERRORS,
  rearrange: REARRANGE_ERRORS,
  products: PRODUCTS_ERRORS,
  linalg: LINALG_ERRORS,
  linalg_lapack: LINALG_LAPACK_ERRORS,
  linalg_householder: LINALG_HOUSEHOLDER_ERRORS,
  tensor: TENSOR_ERRORS,
  nn: NN_ERRORS,
  nn_conv_transpose: NN_CONV_TRANSPOSE_ERRORS,
  nn_pool_1d: NN_POOL_1D_ERRORS,
  nn_pixel_shuffle: NN_PIXEL_SHUFFLE_ERRORS,
  nn_resample: NN_RESAMPLE_ERRORS,
  nn_fold: NN_FOLD_ERRORS,
  nn_dropout_feature: NN_DROPOUT_FEATURE_ERRORS,
  nn_losses: NN_LOSSES_ERRORS,
  nn_activation: NN_ACTIVATION_ERRORS,
  nn_distance: NN_DISTANCE_ERRORS,
  nn_losses_margin: NN_LOSSES_MARGIN_ERRORS,
  nn_module: NN_MODULE_ERRORS,
  nn_transformer: NN_TRANSFORMER_ERRORS,
  nn_init: NN_INIT_ERRORS,
  nn_embedding_bag: NN_EMBEDDING_BAG_ERRORS,
  nn_ctc: NN_CTC_ERRORS,
  nn_weight_norm: NN_WEIGHT_NORM_ERRORS,
  nn_parametrize: NN_PARAMETRIZE_ERRORS,
  autograd: AUTOGRAD_ERRORS,
  optim: OPTIM_ERRORS,
  data: DATA_ERRORS,
  device: DEVICE_ERRORS,
  differential: DIFFERENTIAL_ERRORS,
};
