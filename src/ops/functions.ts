// Every op as a `torch.*` function: the flat namespace that index.ts re-exports.
export { zeros_like, ones_like, full_like, empty_like } from "../tensor/creation.js";
export * from "./elementwise.js";
export * from "./math.js";
export * from "./reduce.js";
export * from "./reduce_select.js";
export * from "./reduce_stats.js";
export * from "./softmax.js";
export * from "./shape_ops.js";
export * from "./indexing.js";
export * from "./linalg.js";
export * from "./blas.js";
export * from "./conversion.js";
export * from "./inplace.js";
export * from "./random_ops.js";
