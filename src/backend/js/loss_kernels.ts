// binary_cross_entropy_with_logits without weights as one pass (the "sigmoid + BCE" pair): exactly the float
// steps of the composite formula in src/nn/functional_losses.ts (PyTorch's Loss.cpp), so the fused and
// composite paths agree bit for bit. The native backend's C kernels (native/grad_kernels.c) repeat them.
import type { StridedArray } from "../backend.js";
import { allocate, type TypedArray } from "../../tensor/dtype.js";
import { numel } from "../../tensor/shape.js";
import { expf } from "./sleef.js";
import { logf } from "./sleef_sp.js";
import { elementOffsets, isDense } from "./strided.js";
import { sigmoidVectorized, UNARY } from "./scalar_kernels.js";

/** Element i's value of a view, dense or not. */
function reader(x: StridedArray): (i: number) => number {
  if (isDense(x)) return (i) => x.data[x.offset + i];
  const offsets = elementOffsets(x);
  return (i) => x.data[offsets[i]];
}

/** Per element: (1 - y) * x + max(-x, 0) + log(exp(-max) + exp(-x - max)), every step rounded. */
export function bceWithLogits(input: StridedArray, target: StridedArray): TypedArray {
  const dtype = input.dtype;
  const r = dtype.cast;
  const exp = dtype.itemsize === 4 ? expf : Math.exp;
  const log = dtype.itemsize === 4 ? logf : Math.log;
  const n = numel(input.shape);
  const x = reader(input);
  const y = reader(target);
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) {
    const xi = x(i);
    const negX = -xi;
    const maxVal = negX < 0 ? 0 : negX; // clamp(min=0), NaN passing through
    const logTerm = r(log(r(exp(-maxVal) + exp(r(negX - maxVal)))));
    out[i] = r(r(r(r(1 - y(i)) * xi) + maxVal) + logTerm);
  }
  return out;
}

/**
 * binary_cross_entropy_with_logits_backward without weights: (sigmoid(x) - y) * grad, divided by `divisor`
 * (numel for mean; 1 skips it). sigmoid rounds as PyTorch's kernel does on a dense input: vectorized on whole
 * 16-element blocks, scalar on the rest.
 */
export function bceWithLogitsBackward(
  input: StridedArray,
  target: StridedArray,
  grad: StridedArray,
  divisor: number,
): TypedArray {
  const dtype = input.dtype;
  const r = dtype.cast;
  const n = numel(input.shape);
  const x = reader(input);
  const y = reader(target);
  const g = reader(grad);
  const vectorEnd = dtype.itemsize === 4 && isDense(input) ? n - (n % 16) : 0;
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) {
    const sig = i < vectorEnd ? sigmoidVectorized(x(i)) : UNARY.sigmoid(x(i), r, []);
    const v = r(r(sig - y(i)) * g(i));
    out[i] = divisor === 1 ? v : r(v / r(divisor));
  }
  return out;
}
