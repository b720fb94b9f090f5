// Every op as a `torch.*` function: the flat namespace index.ts re-exports and derivatives.ts uses.
export { zeros_like, ones_like, full_like } from "../tensor/creation.js";
export * from "./elementwise.js";
export * from "./reduce.js";
export * from "./shape_ops.js";
export * from "./conversion.js";
export * from "./inplace.js";
export * from "./indexing.js";
export * from "./linalg.js";
export * from "./math.js";
export * from "./softmax.js";
