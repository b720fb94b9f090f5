// The public `torch` surface: `import * as torch from "tensorgrad"`. Re-exports only.
import "./backend/index.js";

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
  promoteTypes as promote_types,
} from "./tensor/dtype.js";
export {
  tensor,
  zeros,
  ones,
  empty,
  full,
  zeros_like,
  ones_like,
  empty_like,
  full_like,
  arange,
  linspace,
  rand,
  randn,
  randint,
  type TensorOptions,
} from "./tensor/creation.js";
export { manual_seed, initial_seed, Generator, default_generator } from "./tensor/random.js";
export { set_printoptions, get_printoptions } from "./tensor/format.js";
export { no_grad, enable_grad, set_grad_enabled, is_grad_enabled } from "./autograd/grad_mode.js";
export { inference_mode, is_inference_mode_enabled } from "./autograd/inference_mode.js";
export * as autograd from "./autograd/index.js";
export * as nn from "./nn/index.js";
export * as optim from "./optim/index.js";
export * as viz from "./viz/index.js";
export * as utils from "./utils/index.js";
export { randperm } from "./utils/data/randperm.js";
export { save, load, saveToBytes, loadFromBytes, metadataFromBytes, SafetensorError } from "./io/index.js";
export { get_backend, set_backend } from "./backend/index.js";
export {
  RuntimeError,
  IndexError,
  ValueError,
  NotImplementedError,
  KeyError,
  AssertionError,
} from "./errors.js";
export * from "./ops/functions.js";
export * from "./generated/torch.js";
import "./generated/types.js";
