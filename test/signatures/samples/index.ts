// Sample overrides for the signature walk, one table per area of the library (see calls.ts), and the calls
// whose PyTorch outcome tensorgrad cannot reproduce, each with the reason (what JS cannot express).
import { ELEMENTWISE_EXCEPTIONS } from "./elementwise.js";
import { SHAPE_EXCEPTIONS } from "./shape.js";
import { NN_MODULES_EXCEPTIONS } from "./nn_modules.js";
import { NN_FUNCTIONAL_EXCEPTIONS } from "./nn_functional.js";
import { OPTIM_DATA_EXCEPTIONS } from "./optim_data.js";
import { CORE_EXCEPTIONS } from "./core.js";
import { MATH_EXCEPTIONS } from "./math.js";
import { LINALG_LAPACK_EXCEPTIONS } from "./linalg_lapack.js";
import { NN_UTILS_NORM_EXCEPTIONS } from "./nn_utils_norm.js";
import { BITWISE_EXCEPTIONS } from "./bitwise.js";

export { ELEMENTWISE_SAMPLES } from "./elementwise.js";
export { SHAPE_SAMPLES } from "./shape.js";
export { NN_MODULES_SAMPLES } from "./nn_modules.js";
export { NN_FUNCTIONAL_SAMPLES } from "./nn_functional.js";
export { OPTIM_DATA_SAMPLES } from "./optim_data.js";
export { CORE_SAMPLES } from "./core.js";
export { MATH_SAMPLES } from "./math.js";
export { LINALG_LAPACK_SAMPLES } from "./linalg_lapack.js";
export { NN_UTILS_NORM_SAMPLES } from "./nn_utils_norm.js";
export { BITWISE_SAMPLES } from "./bitwise.js";

export const EXCEPTIONS: Record<string, string> = {
  ...ELEMENTWISE_EXCEPTIONS,
  ...SHAPE_EXCEPTIONS,
  ...NN_MODULES_EXCEPTIONS,
  ...NN_FUNCTIONAL_EXCEPTIONS,
  ...OPTIM_DATA_EXCEPTIONS,
  ...CORE_EXCEPTIONS,
  ...MATH_EXCEPTIONS,
  ...LINALG_LAPACK_EXCEPTIONS,
  ...NN_UTILS_NORM_EXCEPTIONS,
  ...BITWISE_EXCEPTIONS,
};
