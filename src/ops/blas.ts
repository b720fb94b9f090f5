// Fused BLAS-style products: addmm (bias + mat1 @ mat2), what nn.Linear runs on 2-D input.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { backend } from "../backend/backend.js";
import { Category } from "../tensor/dtype.js";
import { broadcastShapes, type Shape } from "../tensor/shape.js";
import { defineOps } from "../signatures/registry.js";
import { broadcastView, fromData, record, scalarValue, type Scalar } from "./core.js";
import { mm } from "./linalg.js";
import { zeros_like } from "../tensor/creation.js";

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

/** torch.addmm(input, mat1, mat2, { beta, alpha }): beta * input + alpha * (mat1 @ mat2), input broadcast. */
export function addmm(
  input: Tensor,
  mat1: Tensor,
  mat2: Tensor,
  betaScalar: Scalar = 1,
  alphaScalar: Scalar = 1,
): Tensor {
  const beta = scalarValue(betaScalar);
  const alpha = scalarValue(alphaScalar);
  // TORCH_META_FUNC(addmm)'s order: dtypes, ranks, inner sizes; then the bias's broadcast and the kernel.
  if (input.dtype !== mat2.dtype) throw new RuntimeError("self and mat2 must have the same dtype");
  if (mat1.dtype !== mat2.dtype) throw new RuntimeError("mat1 and mat2 must have the same dtype");
  if (mat1.ndim !== 2) throw new RuntimeError("mat1 must be a matrix, got " + mat1.ndim + "-D tensor");
  if (mat2.ndim !== 2) throw new RuntimeError("mat2 must be a matrix, got " + mat2.ndim + "-D tensor");
  if (mat1.shape[1] !== mat2.shape[0]) {
    throw new RuntimeError(
      `mat1 and mat2 shapes cannot be multiplied (${mat1.shape[0]}x${mat1.shape[1]} and ${mat2.shape[0]}x${mat2.shape[1]})`,
    );
  }
  const product = [mat1.shape[0], mat2.shape[1]];
  if (!broadcastsTo(input.shape, product)) {
    throw new RuntimeError(
      `The expanded size of the tensor (${product[1]}) must match the existing size (${input.shape[input.ndim - 1]}) at non-singleton dimension 1.  Target sizes: [${product.join(", ")}].  Tensor sizes: [${input.shape.join(", ")}]`,
    );
  }
  if (input.dtype.category === Category.Bool)
    throw new RuntimeError(`"addmm_impl_cpu_" not implemented for 'Bool'`);
  const out = no_grad(() => {
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
    // beta = 0 ignores the bias altogether (its nan and inf included), as PyTorch documents.
    const bias = beta === 1 ? input : beta === 0 ? zeros_like(input) : input.mul(beta);
    // BLAS adds the finished product to the (broadcast) bias: round(bias + round(sum)).
    return bias.add(scaled);
  });
  return record("AddmmBackward0", [input, mat1, mat2], out, () => ({ mat1, mat2, alpha, beta }));
}

defineOps(
  "torch",
  {
    "addmm(Tensor input, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1, Tensor out=None) -> Tensor":
      addmm,
    // tools/autograd/deprecated.yaml: callable with a warning, never listed.
    "addmm(Scalar beta, Tensor input, Scalar alpha, Tensor mat1, Tensor mat2, *, Tensor out=None)|deprecated -> Tensor":
      (beta, input, alpha, mat1, mat2) => addmm(input, mat1, mat2, beta, alpha),
    "addmm(Scalar beta, Tensor input, Tensor mat1, Tensor mat2, *, Tensor out=None)|deprecated -> Tensor": (
      beta,
      input,
      mat1,
      mat2,
    ) => addmm(input, mat1, mat2, beta),
  },
  { methods: true },
);
