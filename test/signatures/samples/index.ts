// Sample overrides for the signature walk, one table per area of the library (see calls.ts).
export { ELEMENTWISE_SAMPLES } from "./elementwise.js";
