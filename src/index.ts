// The public `torch` surface: `import * as torch from "tensorgrad"`. Re-exports only.
import "./backend/index.js";
import { TORCH_MODES } from "./autograd/modes.js";

export { Tensor } from "./tensor/tensor.js";
export type { Nested } from "./tensor/tensor.js";
export {
  DType,
  float32,
  float32 as float,
  float64,
  float64 as double,
  int64,
  int64 as long,
  int32,
  int32 as int,
  bool,
  complex64,
  complex64 as cfloat,
  complex128,
  complex128 as cdouble,
  set_allocation_limit,
  get_allocation_limit,
} from "./tensor/dtype.js";
export { default_generator } from "./tensor/random.js";
export { format } from "./tensor/format_spec.js";
export { TorchGenerator as Generator } from "./ops/random.js";
export { device } from "./ops/creation.js";
export { FloatTensor, DoubleTensor, LongTensor, IntTensor, BoolTensor } from "./ops/legacy.js";
export { Size } from "./tensor/size.js";
export { Complex } from "./ops/complex_create.js";
export { NDArray, from_numpy } from "./ops/numpy.js";
export { set_num_threads } from "./ops/settings.js";
export { strided, contiguous_format, preserve_format, channels_last } from "./tensor/device.js";
// The callback-taking grad-mode switches with their generic types (they return what the callback returns).
export const { no_grad, enable_grad, set_grad_enabled, inference_mode } = TORCH_MODES;
export * as autograd from "./autograd/index.js";
export * as linalg from "./generated/linalg.js";
export * as cuda from "./generated/cuda.js";
export * as special from "./generated/special.js";
export * as fft from "./generated/fft.js";
export * as nn from "./nn/index.js";
export * as optim from "./optim/index.js";
export * as viz from "./viz/index.js";
export * as utils from "./utils/index.js";
export * as distributions from "./distributions/index.js";
export { SafetensorError } from "./io/index.js";
export {
  RuntimeError,
  IndexError,
  ValueError,
  NotImplementedError,
  KeyError,
  AssertionError,
  AttributeError,
} from "./errors.js";
export * from "./ops/functions.js";
export * from "./generated/torch.js";
import "./generated/types.js";
export { pi, e, inf, nan, finfo, iinfo, FInfo, IInfo } from "./ops/dtype_info.js";
