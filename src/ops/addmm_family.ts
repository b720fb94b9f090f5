// The fused multiply-adds besides addmm (which lives in linalg.ts): addmv, addr, baddbmm, addbmm
// (beta * input + alpha * product), addcmul and addcdiv (input + value * t1 {*,/} t2), and the products
// vdot, inner and dist. Each computes its value with the existing kernels under no_grad and records
// PyTorch's own node (AddmvBackward0, ...), so grad_fn names and double backward match. Signatures at the end,
// with PyTorch's deprecated positional-scalar forms (tools/autograd/deprecated.yaml).
import { no_grad } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError } from "../errors.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import { zeros_like } from "../tensor/creation.js";
import { Category, resultType, type DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { inPlace, record, scalarValue, type Scalar } from "./core.js";
import { add, div, logical_and, logical_or, mul, sub } from "./elementwise.js";
import { bmm, dot, mv, outer } from "./linalg.js";
import { tensordot } from "./products.js";
import { sum } from "./reduce.js";
import { linalg_vector_norm } from "./reduce_stats.js";
import { expand } from "./shape.js";

/** A scalar as the kernel of `dtype` reads it: integer kernels convert alpha/beta/value to their type. */
function scalarIn(v: Scalar, dtype: DType): number {
  const x = scalarValue(v);
  return dtype.category === Category.Floating ? x : dtype.cast(x);
}

/** beta * bias + alpha * product, as the BLAS-backed kernels combine them; beta = 0 ignores the bias. */
function combine(
  bias: Tensor,
  product: Tensor,
  beta: number,
  alpha: number,
  shape: readonly number[],
): Tensor {
  const scaled = alpha === 1 ? product : mul(product, alpha);
  const b = expand(bias, shape);
  const base = beta === 1 ? b : beta === 0 ? zeros_like(b) : mul(b, beta);
  return add(base, scaled);
}

/** torch.addmv(input, mat, vec, beta, alpha): beta * input + alpha * (mat @ vec). */
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, beta: Scalar = 1, alpha: Scalar = 1): Tensor {
  if (mat.ndim !== 2 || vec.ndim !== 1 || input.ndim > 1)
    throw new RuntimeError(`vector + matrix @ vector expected, got ${input.ndim}, ${mat.ndim}, ${vec.ndim}`);
  if (mat.shape[1] !== vec.shape[0] || (mat.shape[0] !== input.numel() && input.numel() !== 1))
    throw new RuntimeError(
      `size mismatch, got ${input.ndim === 0 ? 1 : input.shape[0]}, ${mat.shape[0]}x${mat.shape[1]},${vec.shape[0]}`,
    );
  if (input.dtype !== mat.dtype || mat.dtype !== vec.dtype) {
    const other = input.dtype !== mat.dtype ? mat.dtype : vec.dtype;
    throw new RuntimeError(
      `expected scalar type ${input.dtype.scalarTypeName} but found ${other.scalarTypeName}`,
    );
  }
  const b = scalarIn(beta, input.dtype);
  const a = scalarIn(alpha, input.dtype);
  const out = no_grad(() => combine(input, mv(mat, vec), b, a, [mat.shape[0]]));
  return record("AddmvBackward0", [input, mat, vec], out, () => ({ mat, vec, alpha: a, beta: b }));
}

/** torch.addr(input, vec1, vec2, beta, alpha): beta * input + alpha * outer(vec1, vec2). */
export function addr(input: Tensor, vec1: Tensor, vec2: Tensor, beta: Scalar = 1, alpha: Scalar = 1): Tensor {
  if (vec1.ndim !== 1) throw new RuntimeError(`addr: Expected 1-D argument vec1, but got ${vec1.ndim}-D`);
  if (vec2.ndim !== 1) throw new RuntimeError(`addr: Expected 1-D argument vec2, but got ${vec2.ndim}-D`);
  const dtype = resultType([input, vec1, vec2]);
  const shape = [vec1.shape[0], vec2.shape[0]];
  if (dtype.category === Category.Bool) {
    // The bool kernel: (beta && input) || (alpha && vec1 && vec2); no gradient flows through bools.
    const terms = no_grad(() => {
      const prod = logical_and(vec1.reshape([-1, 1]), vec2);
      const left = scalarValue(beta) !== 0 ? expand(input, shape) : zeros_like(prod);
      return logical_or(left, scalarValue(alpha) !== 0 ? prod : zeros_like(prod));
    });
    return terms;
  }
  if (typeof beta === "boolean" || typeof alpha === "boolean")
    throw new RuntimeError(
      `Boolean ${typeof beta === "boolean" ? "beta" : "alpha"} only supported for Boolean results.`,
    );
  const b = scalarIn(beta, dtype);
  const a = scalarIn(alpha, dtype);
  const out = no_grad(() => combine(input, outer(vec1, vec2), b, a, shape));
  return record("AddrBackward0", [input, vec1, vec2], out, () => ({ vec1, vec2, alpha: a, beta: b }));
}

/** A size as PyTorch reads it (size(d)): a missing dim is its IndexError. */
function sizeAt(t: Tensor, d: number): number {
  if (d >= t.ndim)
    throw new IndexError(
      `Dimension out of range (expected to be in range of [${-Math.max(t.ndim, 1)}, ${Math.max(t.ndim, 1) - 1}], but got ${d})`,
    );
  return t.shape[d];
}

/** torch.baddbmm(input, batch1, batch2, beta, alpha): beta * input + alpha * bmm(batch1, batch2). */
export function baddbmm(
  input: Tensor,
  batch1: Tensor,
  batch2: Tensor,
  beta: Scalar = 1,
  alpha: Scalar = 1,
): Tensor {
  // input is expanded to the result's shape before bmm's checks, as baddbmm's meta function does.
  const shape = [sizeAt(batch1, 0), sizeAt(batch1, 1), sizeAt(batch2, 2)];
  const expanded = expand(input, shape);
  const b = scalarIn(beta, input.dtype);
  const a = scalarIn(alpha, input.dtype);
  const out = no_grad(() => combine(expanded, bmm(batch1, batch2), b, a, shape));
  return record("BaddbmmBackward0", [input, batch1, batch2], out, () => ({
    batch1,
    batch2,
    alpha: a,
    beta: b,
  }));
}

/** torch.addbmm(input, batch1, batch2, beta, alpha): beta * input + alpha * sum_b(batch1[b] @ batch2[b]). */
export function addbmm(
  input: Tensor,
  batch1: Tensor,
  batch2: Tensor,
  beta: Scalar = 1,
  alpha: Scalar = 1,
): Tensor {
  const shape = [sizeAt(batch1, 1), sizeAt(batch2, 2)];
  const expanded = expand(input, shape);
  if (batch1.ndim !== 3) throw new RuntimeError("batch1 must be a 3D tensor");
  if (batch2.ndim !== 3) throw new RuntimeError("batch2 must be a 3D tensor");
  if (batch1.shape[0] !== batch2.shape[0])
    throw new RuntimeError(
      `batch1 and batch2 must have same number of batches, got ${batch1.shape[0]} and ${batch2.shape[0]}`,
    );
  if (batch1.shape[2] !== batch2.shape[1])
    throw new RuntimeError(
      `Incompatible matrix sizes for bmm (${batch1.shape[1]}x${batch1.shape[2]} and ${batch2.shape[1]}x${batch2.shape[2]})`,
    );
  const b = scalarIn(beta, input.dtype);
  const a = scalarIn(alpha, input.dtype);
  const out = no_grad(() => combine(expanded, sum(bmm(batch1, batch2), [0]), b, a, shape));
  return record("AddbmmBackward0", [input, batch1, batch2], out, () => ({
    batch1,
    batch2,
    alpha: a,
    beta: b,
  }));
}

/** torch.addcmul(input, tensor1, tensor2, value): input + value * tensor1 * tensor2, all broadcast. */
export function addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, value: Scalar = 1): Tensor {
  const dtype = resultType([input, tensor1, tensor2]);
  const v = scalarIn(value, dtype);
  const out = no_grad(() => add(input, mul(mul(tensor1, v), tensor2)).to(dtype));
  return record("AddcmulBackward0", [input, tensor1, tensor2], out, () => ({ tensor1, tensor2, value: v }));
}

const INTEGER_ADDCDIV =
  "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a " +
  "true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as " +
  "(input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as " +
  "(input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter " +
  "implementation: (input + value * tensor1 / tensor2), for all dtypes.";

/** torch.addcdiv(input, tensor1, tensor2, value): input + value * tensor1 / tensor2; integer divisions refused. */
export function addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, value: Scalar = 1): Tensor {
  const integral = (t: Tensor) => t.dtype.category <= Category.Integral;
  if (integral(tensor1) && integral(tensor2)) throw new RuntimeError(INTEGER_ADDCDIV);
  const dtype = resultType([input, tensor1, tensor2]);
  const v = scalarIn(value, dtype);
  const out = no_grad(() => add(input, div(mul(tensor1, v), tensor2)).to(dtype));
  return record("AddcdivBackward0", [input, tensor1, tensor2], out, () => ({ tensor1, tensor2, value: v }));
}

/** torch.vdot on real tensors: dot's value and checks, with vdot's own node. */
export function vdot(input: Tensor, other: Tensor): Tensor {
  const out = no_grad(() => dot(input, other));
  return record("VdotBackward0", [input, other], out, () => ({ self: input, other }));
}

/** torch.inner: input * other when either is 0-dim, else tensordot over the last dims. */
export function inner(input: Tensor, other: Tensor): Tensor {
  if (input.ndim === 0 || other.ndim === 0) return mul(input, other);
  if (input.shape[input.ndim - 1] !== other.shape[other.ndim - 1])
    throw new RuntimeError(
      `inner() the last dimension must match on both input tensors but got shapes [${input.shape.join(", ")}] and [${other.shape.join(", ")}]`,
    );
  return tensordot(input, other, [-1], [-1]);
}

/** torch.dist(input, other, p): the p-norm of input - other (broadcast), with dist's own node. */
export function dist(input: Tensor, other: Tensor, p: Scalar = 2): Tensor {
  const ord = scalarValue(p);
  const out = no_grad(() => {
    const diff = sub(input, other);
    if (diff.dtype.category !== Category.Floating)
      throw new RuntimeError(
        `norm(): input dtype should be either floating point or complex. Got ${diff.dtype.scalarTypeName} instead.`,
      );
    return linalg_vector_norm(diff, ord);
  });
  return record("DistBackward0", [input, other], out, () => ({ self: input, other, p: ord, result: out }));
}

// Each family's in-place method: the out-of-place result written into self.
const inPlaceOf =
  <A extends unknown[]>(f: (self: Tensor, ...args: A) => Tensor) =>
  (self: Tensor, ...args: A): Tensor =>
    inPlace(self, (x) => f(x, ...args));

defineOps(
  "torch",
  {
    "addmv(Tensor input, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1, Tensor out=None) -> Tensor":
      addmv,
    "addmv(Scalar beta, Tensor input, Scalar alpha, Tensor mat, Tensor vec, *, Tensor out=None)|deprecated -> Tensor":
      (beta, input, alpha, mat, vec) => addmv(input, mat, vec, beta, alpha),
    "addmv(Scalar beta, Tensor input, Tensor mat, Tensor vec, *, Tensor out=None)|deprecated -> Tensor": (
      beta,
      input,
      mat,
      vec,
    ) => addmv(input, mat, vec, beta),
    "addr(Tensor input, Tensor vec1, Tensor vec2, *, Scalar beta=1, Scalar alpha=1, Tensor out=None) -> Tensor":
      addr,
    "addr(Scalar beta, Tensor input, Scalar alpha, Tensor vec1, Tensor vec2, *, Tensor out=None)|deprecated -> Tensor":
      (beta, input, alpha, vec1, vec2) => addr(input, vec1, vec2, beta, alpha),
    "addr(Scalar beta, Tensor input, Tensor vec1, Tensor vec2, *, Tensor out=None)|deprecated -> Tensor": (
      beta,
      input,
      vec1,
      vec2,
    ) => addr(input, vec1, vec2, beta),
    "baddbmm(Tensor input, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1, Tensor out=None) -> Tensor":
      baddbmm,
    "baddbmm(Scalar beta, Tensor input, Scalar alpha, Tensor batch1, Tensor batch2, *, Tensor out=None)|deprecated -> Tensor":
      (beta, input, alpha, b1, b2) => baddbmm(input, b1, b2, beta, alpha),
    "baddbmm(Scalar beta, Tensor input, Tensor batch1, Tensor batch2, *, Tensor out=None)|deprecated -> Tensor":
      (beta, input, b1, b2) => baddbmm(input, b1, b2, beta),
    "addbmm(Tensor input, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1, Tensor out=None) -> Tensor":
      addbmm,
    "addbmm(Scalar beta, Tensor input, Scalar alpha, Tensor batch1, Tensor batch2, *, Tensor out=None)|deprecated -> Tensor":
      (beta, input, alpha, b1, b2) => addbmm(input, b1, b2, beta, alpha),
    "addbmm(Scalar beta, Tensor input, Tensor batch1, Tensor batch2, *, Tensor out=None)|deprecated -> Tensor":
      (beta, input, b1, b2) => addbmm(input, b1, b2, beta),
    "addcmul(Tensor input, Tensor tensor1, Tensor tensor2, *, Scalar value=1, Tensor out=None) -> Tensor":
      addcmul,
    "addcmul(Tensor input, Scalar value, Tensor tensor1, Tensor tensor2, *, Tensor out=None)|deprecated -> Tensor":
      (input, value, t1, t2) => addcmul(input, t1, t2, value),
    "addcdiv(Tensor input, Tensor tensor1, Tensor tensor2, *, Scalar value=1, Tensor out=None) -> Tensor":
      addcdiv,
    "addcdiv(Tensor input, Scalar value, Tensor tensor1, Tensor tensor2, *, Tensor out=None)|deprecated -> Tensor":
      (input, value, t1, t2) => addcdiv(input, t1, t2, value),
    "vdot(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": vdot,
    "inner(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": inner,
    "dist(Tensor input, Tensor other, Scalar p=2) -> Tensor": dist,
  },
  { methods: true },
);

defineMethods({
  "addmv_(Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1) -> Tensor": inPlaceOf(addmv),
  "addmv_(Scalar beta, Scalar alpha, Tensor mat, Tensor vec)|deprecated -> Tensor": (
    self,
    beta,
    alpha,
    mat,
    vec,
  ) => inPlace(self, (x) => addmv(x, mat, vec, beta, alpha)),
  "addmv_(Scalar beta, Tensor mat, Tensor vec)|deprecated -> Tensor": (self, beta, mat, vec) =>
    inPlace(self, (x) => addmv(x, mat, vec, beta)),
  "addr_(Tensor vec1, Tensor vec2, *, Scalar beta=1, Scalar alpha=1) -> Tensor": inPlaceOf(addr),
  "addr_(Scalar beta, Scalar alpha, Tensor vec1, Tensor vec2)|deprecated -> Tensor": (
    self,
    beta,
    alpha,
    v1,
    v2,
  ) => inPlace(self, (x) => addr(x, v1, v2, beta, alpha)),
  "addr_(Scalar beta, Tensor vec1, Tensor vec2)|deprecated -> Tensor": (self, beta, v1, v2) =>
    inPlace(self, (x) => addr(x, v1, v2, beta)),
  "baddbmm_(Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor": inPlaceOf(baddbmm),
  "baddbmm_(Scalar beta, Scalar alpha, Tensor batch1, Tensor batch2)|deprecated -> Tensor": (
    self,
    beta,
    alpha,
    b1,
    b2,
  ) => inPlace(self, (x) => baddbmm(x, b1, b2, beta, alpha)),
  "baddbmm_(Scalar beta, Tensor batch1, Tensor batch2)|deprecated -> Tensor": (self, beta, b1, b2) =>
    inPlace(self, (x) => baddbmm(x, b1, b2, beta)),
  "addbmm_(Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor": inPlaceOf(addbmm),
  "addbmm_(Scalar beta, Scalar alpha, Tensor batch1, Tensor batch2)|deprecated -> Tensor": (
    self,
    beta,
    alpha,
    b1,
    b2,
  ) => inPlace(self, (x) => addbmm(x, b1, b2, beta, alpha)),
  "addbmm_(Scalar beta, Tensor batch1, Tensor batch2)|deprecated -> Tensor": (self, beta, b1, b2) =>
    inPlace(self, (x) => addbmm(x, b1, b2, beta)),
  "addcmul_(Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor": inPlaceOf(addcmul),
  "addcmul_(Scalar value, Tensor tensor1, Tensor tensor2)|deprecated -> Tensor": (self, value, t1, t2) =>
    inPlace(self, (x) => addcmul(x, t1, t2, value)),
  "addcdiv_(Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor": inPlaceOf(addcdiv),
  "addcdiv_(Scalar value, Tensor tensor1, Tensor tensor2)|deprecated -> Tensor": (self, value, t1, t2) =>
    inPlace(self, (x) => addcdiv(x, t1, t2, value)),
});
