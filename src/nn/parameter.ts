// nn.Parameter: a leaf tensor that modules register as a learnable weight.
import { parameterRepr } from "../tensor/format.js";
import { Tensor } from "../tensor/tensor.js";

export class Parameter extends Tensor {
  /** Wraps `data` (sharing its storage) as a leaf that requires grad unless told otherwise. */
  constructor(data: Tensor, requires_grad = true) {
    if (!(data instanceof Tensor))
      throw new TypeError(`Parameter(): data must be a Tensor, not ${typeof data}`);
    super(data._storage, data.shape, data._strides.slice(), data._offset, data.dtype);
    this.requires_grad_(requires_grad);
  }

  override toString(): string {
    return parameterRepr(this, this.requires_grad);
  }
}
