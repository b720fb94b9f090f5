// The fused in-place ops the optimizers use, written with this library's ops in PyTorch's CPU kernel order.
import { float32, float64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";

/**
 * self + (value * t1) * t2 with the last multiply-add fused, as PyTorch's CPU addcmul kernel does.
 * For float32 the fused step is exact through float64 (a float32 product fits in a double).
 */
export function addcmul(self: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  const scaled = value === 1 ? t1 : t1.mul(value);
  if (self.dtype === float32 && scaled.dtype === float32 && t2.dtype === float32) {
    return self
      .to(float64)
      .add(scaled.to(float64).mul(t2.to(float64)))
      .to(float32);
  }
  return self.add(scaled.mul(t2));
}

/** self.addcmul_(t1, t2, value). */
export function addcmul_(self: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  return self.copy_(addcmul(self, t1, t2, value));
}

/** self.addcdiv_(t1, t2, value): the kernel computes self + value * t1 / t2, left to right, unfused. */
export function addcdiv_(self: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  return self.add_(value === 1 ? t1.div(t2) : t1.mul(value).div(t2));
}
