// Fused BLAS-style products: addmm (bias + mat1 @ mat2), what nn.Linear runs on 2-D input.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor, installMethods, record, type AsMethod } from "./core.js";
import { mm } from "./linalg.js";

export interface AddmmOptions {
  beta?: number;
  alpha?: number;
}

/** torch.addmm(input, mat1, mat2, { beta, alpha }): beta * input + alpha * (mat1 @ mat2), input broadcast. */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, opts: AddmmOptions = {}): Tensor {
  checkTensor(input, "addmm", "input");
  checkTensor(mat1, "addmm", "mat1");
  checkTensor(mat2, "addmm", "mat2");
  const { beta = 1, alpha = 1 } = opts;
  if (mat1.ndim !== 2) throw new RuntimeError("mat1 must be a matrix, got " + mat1.ndim + "-D tensor");
  if (mat2.ndim !== 2) throw new RuntimeError("mat2 must be a matrix, got " + mat2.ndim + "-D tensor");
  const out = no_grad(() => {
    const product = mm(mat1, mat2);
    const scaled = alpha === 1 ? product : product.mul(alpha);
    const bias = beta === 1 ? input : input.mul(beta);
    // BLAS adds the finished product to the (broadcast) bias: round(bias + round(sum)).
    const result = bias.add(scaled);
    if (result.ndim !== 2 || result.shape[0] !== product.shape[0] || result.shape[1] !== product.shape[1]) {
      throw new RuntimeError(
        `The expanded size of the tensor (${product.shape[1]}) must match the existing size (${input.shape[input.ndim - 1]}) at non-singleton dimension 1.  Target sizes: [${product.shape.join(", ")}].  Tensor sizes: [${input.shape.join(", ")}]`,
      );
    }
    return result;
  });
  return record("AddmmBackward0", [input, mat1, mat2], out, () => ({ mat1, mat2, alpha, beta }));
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    addmm: AsMethod<typeof addmm>;
  }
}
installMethods({ addmm });
