// torch.lerp's CPU kernel in float64: `self + weight * (end - self)` for weight < 0.5, else
// `end - (end - self) * (1 - weight)`, each product and sum fused into one FMA by the compiler.
import type { StridedArray } from "../backend.js";
import { numel } from "../../tensor/shape.js";
import { fma } from "./fma.js";
import { elementOffsets } from "./strided.js";

/** lerp of three float64 operands already broadcast to one shape. */
export function lerpFloat64(self: StridedArray, end: StridedArray, weight: StridedArray): Float64Array {
  const n = numel(self.shape);
  const out = new Float64Array(n);
  const so = elementOffsets(self);
  const eo = elementOffsets(end);
  const wo = elementOffsets(weight);
  for (let i = 0; i < n; i++) {
    const s = self.data[so[i]];
    const e = end.data[eo[i]];
    const w = weight.data[wo[i]];
    const diff = e - s;
    out[i] = w < 0.5 ? fma(w, diff, s) : fma(-diff, 1 - w, e);
  }
  return out;
}
