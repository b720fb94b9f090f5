// Every op as a `torch.*` function: the flat namespace that index.ts re-exports. Files that also export
// helpers for other modules are listed by name, so only PyTorch's names become public.
export { zeros_like, ones_like, full_like, empty_like } from "../tensor/creation.js";
import "./elementwise.js";
export * from "./math.js";
export * from "./reduce.js";
export * from "./reduce_select.js";
export { var, std, norm, linalg_vector_norm, logsumexp, cumsum, cumprod } from "./reduce_stats.js";
export * from "./softmax.js";
import "./backward_ops.js";
export {
  reshape,
  view,
  expand,
  expand_as,
  unsqueeze,
  squeeze,
  contiguous,
  flatten,
  unflatten,
  transpose,
  swapaxes,
  swapdims,
  permute,
  t,
  movedim,
  moveaxis,
  select,
  slice,
  narrow,
} from "./shape_ops.js";
export * from "./join.js";
export * from "./indexing.js";
export { mm, bmm, dot, mv, outer, ger, matmul, einsum } from "./linalg.js";
export * from "./blas.js";
export * from "./conversion.js";
import "./inplace.js";
export * from "./random_ops.js";
