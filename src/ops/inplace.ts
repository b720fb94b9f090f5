// In-place ops (`x.add_(y)`): computed out of place, written back into x's storage with a version bump,
// and x's history rebased onto the new node (see inPlace in core.ts).
import { allocate } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import {
  fromData,
  inPlace,
  installMethods,
  isScalar,
  record,
  scalarValue,
  type AsMethod,
  type Scalar,
  type TensorOrScalar,
} from "./core.js";
import { add, clamp, div, mul, sub, type AlphaOptions, type ClampOptions } from "./elementwise.js";

export function add_(self: Tensor, other: TensorOrScalar, opts?: AlphaOptions): Tensor {
  return inPlace(self, (x) => add(x, other, opts));
}
export function sub_(self: Tensor, other: TensorOrScalar, opts?: AlphaOptions): Tensor {
  return inPlace(self, (x) => sub(x, other, opts));
}
export function mul_(self: Tensor, other: TensorOrScalar): Tensor {
  return inPlace(self, (x) => mul(x, other));
}
export function div_(self: Tensor, other: TensorOrScalar): Tensor {
  return inPlace(self, (x) => div(x, other));
}
export function clamp_(self: Tensor, min?: number | null | ClampOptions, max?: number | null): Tensor {
  return inPlace(self, (x) => clamp(x, min, max));
}
export function fill_(self: Tensor, value: Scalar): Tensor {
  if (!isScalar(value)) throw new TypeError(`fill_(): argument 'value' must be Number, not ${typeof value}`);
  return inPlace(self, (x) => {
    const data = allocate(self.dtype, x.numel()).fill(self.dtype.cast(scalarValue(value)));
    return record("FillBackward0", [x], fromData(data, x.shape, self.dtype), () => ({}));
  });
}
export function zero_(self: Tensor): Tensor {
  return fill_(self, 0);
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    add_: AsMethod<typeof add_>;
    sub_: AsMethod<typeof sub_>;
    mul_: AsMethod<typeof mul_>;
    div_: AsMethod<typeof div_>;
    clamp_: AsMethod<typeof clamp_>;
    fill_: AsMethod<typeof fill_>;
    zero_: AsMethod<typeof zero_>;
  }
}
installMethods({ add_, sub_, mul_, div_, clamp_, fill_, zero_ });
