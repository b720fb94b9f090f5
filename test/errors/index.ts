// Every error table, by name; each one's fixtures live in test/fixtures/errors/<name>.json.
import { AUTOGRAD_ERRORS } from "./autograd.js";
import { DATA_ERRORS } from "./data.js";
import type { ErrorTable } from "./error_table.js";
import { ELEMENTWISE_ERRORS } from "./elementwise.js";
import { LINALG_ERRORS } from "./linalg.js";
import { NN_ERRORS } from "./nn.js";
import { NN_LOSSES_ERRORS } from "./nn_losses.js";
import { NN_MODULE_ERRORS } from "./nn_module.js";
import { OPTIM_ERRORS } from "./optim.js";
import { REDUCE_ERRORS } from "./reduce.js";
import { SHAPE_ERRORS } from "./shape.js";
import { TENSOR_ERRORS } from "./tensor.js";

export const ERROR_TABLES: Record<string, ErrorTable> = {
  elementwise: ELEMENTWISE_ERRORS,
  reduce: REDUCE_ERRORS,
  shape: SHAPE_ERRORS,
  linalg: LINALG_ERRORS,
  tensor: TENSOR_ERRORS,
  nn: NN_ERRORS,
  nn_losses: NN_LOSSES_ERRORS,
  nn_module: NN_MODULE_ERRORS,
  autograd: AUTOGRAD_ERRORS,
  optim: OPTIM_ERRORS,
  data: DATA_ERRORS,
};
