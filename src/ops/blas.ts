// Fused BLAS-style products: addmm (bias + mat1 @ mat2), what nn.Linear runs on 2-D input.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { backend } from "../backend/backend.js";
import { Category } from "../tensor/dtype.js";
import { broadcastShapes, type Shape } from "../tensor/shape.js";
import { broadcastView, checkTensor, fromData, installMethods, record, type AsMethod } from "./core.js";
import { mm } from "./linalg.js";

/** Whether `shape` broadcasts to exactly `target`. */
function broadcastsTo(shape: Shape, target: Shape): boolean {
  if (shape.length > target.length) return false;
  try {
    const b = broadcastShapes(shape, target);
    return b.length === target.length && b.every((d, i) => d === target[i]);
  } catch {
    return false;
  }
}

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
    const product = [mat1.shape[0], mat2.shape[1]];
    const shape = broadcastsTo(input.shape, product) ? product : null;
    if (shape === null || mat1.shape[1] !== mat2.shape[0]) {
      // mm's own message for mismatched inner dims, else the bias's broadcast error.
      if (mat1.shape[1] !== mat2.shape[0]) mm(mat1, mat2);
      throw new RuntimeError(
        `The expanded size of the tensor (${product[1]}) must match the existing size (${input.shape[input.ndim - 1]}) at non-singleton dimension 1.  Target sizes: [${product.join(", ")}].  Tensor sizes: [${input.shape.join(", ")}]`,
      );
    }
    const fused = backend().addmm;
    const dtype = input.dtype;
    if (
      fused &&
      alpha === 1 &&
      beta === 1 &&
      dtype.category === Category.Floating &&
      mat1.dtype === dtype &&
      mat2.dtype === dtype
    ) {
      return fromData(fused(broadcastView(input, product), mat1._view(), mat2._view()), product, dtype);
    }
    const scaled = alpha === 1 ? mm(mat1, mat2) : mm(mat1, mat2).mul(alpha);
    const bias = beta === 1 ? input : input.mul(beta);
    // BLAS adds the finished product to the (broadcast) bias: round(bias + round(sum)).
    return bias.add(scaled);
  });
  return record("AddmmBackward0", [input, mat1, mat2], out, () => ({ mat1, mat2, alpha, beta }));
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    addmm: AsMethod<typeof addmm>;
  }
}
installMethods({ addmm });
