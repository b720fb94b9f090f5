// Matrix products: mm, bmm, dot, mv, outer, matmul (which dispatches to them exactly as PyTorch 1.13's
// _matmul_impl does, so the recorded graph and grad_fn names match PyTorch's), and the fused addmm
// (bias + mat1 @ mat2), what F.linear (declared here too) runs on 2-D input.
import { no_grad } from "../autograd/grad_mode.js";
import { zeros_like } from "../tensor/creation.js";
import { broadcastView, scalarValue, type Scalar } from "./core.js";
import { backend, type StridedArray } from "../backend/backend.js";
import { IndexError, RuntimeError } from "../errors.js";
import { bool, Category, type DType } from "../tensor/dtype.js";
import { broadcastShapes, numel, type Shape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOps } from "../signatures/registry.js";
import { fromData, record } from "./core.js";
import { add } from "./elementwise.js";
import { reshape, squeezeFresh, t, unsafeView, view } from "./shape.js";

/** The BLAS-backed kernels take one dtype: PyTorch does not promote mixed operands here. */
function checkSameDtype(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw new RuntimeError(
      `expected scalar type ${a.dtype.scalarTypeName} but found ${b.dtype.scalarTypeName}`,
    );
  }
}

function checkNotBool(x: Tensor, kernel: string): void {
  if (x.dtype.category === Category.Bool) throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
}

/** x's strided view read as a [batch, rows, cols] array, with the given strides (0 repeats). */
function view3(x: Tensor, shape: [number, number, number], strides: [number, number, number]): StridedArray {
  return { ...x._view(), shape, strides };
}

/** Runs the backend's batched product and wraps its contiguous result. */
function product(a: StridedArray, b: StridedArray, outShape: number[], dtype: DType): Tensor {
  return fromData(backend().matmul(a, b, dtype), outShape, dtype);
}

/** torch.mm: [n, m] @ [m, p]. */
export function mm(input: Tensor, mat2: Tensor): Tensor {
  if (input.ndim !== 2) throw new RuntimeError("self must be a matrix");
  if (mat2.ndim !== 2) throw new RuntimeError("mat2 must be a matrix");
  const [n, m] = input.shape;
  const [m2, p] = mat2.shape;
  if (m !== m2) {
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${n}x${m} and ${m2}x${p})`);
  }
  checkNotBool(input, "addmm_impl_cpu_");
  checkSameDtype(input, mat2);
  const [sa0, sa1] = input._strides;
  const [sb0, sb1] = mat2._strides;
  const out = product(
    view3(input, [1, n, m], [0, sa0, sa1]),
    view3(mat2, [1, m, p], [0, sb0, sb1]),
    [n, p],
    input.dtype,
  );
  return record("MmBackward0", [input, mat2], out, () => ({ self: input, mat2 }));
}

/** torch.bmm: [b, n, m] @ [b, m, p], no broadcasting. */
export function bmm(input: Tensor, mat2: Tensor): Tensor {
  if (input.ndim !== 3) throw new RuntimeError("batch1 must be a 3D tensor");
  if (mat2.ndim !== 3) throw new RuntimeError("batch2 must be a 3D tensor");
  const [b, n, m] = input.shape;
  const [b2, m2, p] = mat2.shape;
  if (b !== b2 || m !== m2) {
    throw new RuntimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${b}, ${m}] but got: [${b2}, ${m2}].`,
    );
  }
  checkSameDtype(input, mat2);
  checkNotBool(input, "bmm");
  const sa = input._strides as [number, number, number];
  const sb = mat2._strides as [number, number, number];
  const out = product(view3(input, [b, n, m], sa), view3(mat2, [b, m, p], sb), [b, n, p], input.dtype);
  return record("BmmBackward0", [input, mat2], out, () => ({ self: input, mat2 }));
}

/** torch.dot: the inner product of two 1-D tensors of one dtype. */
export function dot(input: Tensor, other: Tensor): Tensor {
  if (input.ndim !== 1 || other.ndim !== 1) {
    throw new RuntimeError(`1D tensors expected, but got ${input.ndim}D and ${other.ndim}D tensors`);
  }
  if (input.dtype !== other.dtype) {
    throw new RuntimeError(
      `dot : expected both vectors to have same dtype, but found ${input.dtype.scalarTypeName} and ${other.dtype.scalarTypeName}`,
    );
  }
  const [n] = input.shape;
  const [n2] = other.shape;
  if (n !== n2) {
    throw new RuntimeError(
      `inconsistent tensor size, expected tensor [${n}] and src [${n2}] to have the same number of elements, but got ${n} and ${n2} elements respectively`,
    );
  }
  checkNotBool(input, "dot");
  const [sa] = input._strides;
  const [sb] = other._strides;
  const out = product(
    view3(input, [1, 1, n], [0, 0, sa]),
    view3(other, [1, n, 1], [0, sb, 0]),
    [],
    input.dtype,
  );
  return record("DotBackward0", [input, other], out, () => ({ self: input, tensor: other }));
}

/** torch.mv: [n, m] @ [m]. */
export function mv(input: Tensor, vec: Tensor): Tensor {
  // PyTorch sizes the result from input.size(0) before any other check.
  if (input.ndim === 0) throw new IndexError("Dimension specified as 0 but tensor has no dimensions");
  if (input.ndim !== 2 || vec.ndim !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${input.ndim}, ${vec.ndim}`);
  }
  const [n, m] = input.shape;
  const [m2] = vec.shape;
  if (m !== m2) throw new RuntimeError(`size mismatch, got ${n}, ${n}x${m},${m2}`);
  checkNotBool(input, "addmv_impl_cpu");
  checkSameDtype(input, vec);
  const gemv = backend().mv;
  let out: Tensor;
  if (gemv !== undefined) {
    out = fromData(gemv.call(backend(), input._view(), vec._view(), input.dtype), [n], input.dtype);
  } else {
    const [sa0, sa1] = input._strides;
    const [sv] = vec._strides;
    out = product(
      view3(input, [1, n, m], [0, sa0, sa1]),
      view3(vec, [1, m, 1], [0, sv, 0]),
      [n],
      input.dtype,
    );
  }
  return record("MvBackward0", [input, vec], out, () => ({ self: input, vec }));
}

/** torch.outer (alias torch.ger): input.reshape(-1, 1) * vec2, so it promotes like mul. */
export function outer(input: Tensor, vec2: Tensor): Tensor {
  if (input.ndim !== 1) throw new RuntimeError(`outer: Expected 1-D argument self, but got ${input.ndim}-D`);
  if (vec2.ndim !== 1) throw new RuntimeError(`outer: Expected 1-D argument vec2, but got ${vec2.ndim}-D`);
  return input.reshape([-1, 1]).mul(vec2);
}

/**
 * PyTorch's should_fold: whether a >= 3-D operand times a 1-D or 2-D one is computed as one mm/mv on the
 * folded batch rather than a bmm. A [b, n, m] operand whose inner dims are transposed stays a bmm.
 */
function shouldFold(x: Tensor, otherDim: number): boolean {
  if (x.ndim < 3 || otherDim > 2) return false;
  const [s0, , s2] = x._strides;
  return !(x.ndim === 3 && otherDim === 2 && s2 !== 1 && s0 === x.shape[1] * x.shape[2]);
}

/** torch.matmul with PyTorch's 1-D / 2-D / batched rules (and its exact sequence of ops). */
export function matmul(input: Tensor, other: Tensor): Tensor {
  const d1 = input.ndim;
  const d2 = other.ndim;
  if (d1 === 0 || d2 === 0) {
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`);
  }
  if (d1 === 1 && d2 === 1) return dot(input, other);
  if (d1 === 2 && d2 === 1) return mv(input, other);
  if (d1 === 1 && d2 === 2) return squeezeFresh(mm(input.unsqueeze(0), other), 0);
  if (d1 === 2 && d2 === 2) return mm(input, other);
  if (shouldFold(input, d2) || shouldFold(other, d1)) return foldedMatmul(input, other);
  return batchedMatmul(input, other);
}

/** A >= 3-D operand times a 1-D or 2-D one as one mm/mv over the folded batch (transposing when the big one is on the right). */
function foldedMatmul(input: Tensor, other: Tensor): Tensor {
  const d1 = input.ndim;
  const d2 = other.ndim;
  const transposed = d2 > d1;
  const big = transposed ? other.transpose(-2, -1) : input;
  const small = !transposed ? other : d1 === 2 ? input.t() : input;
  const outputShape = big.shape.slice(0, -1);
  const folded = numel(outputShape);
  const bigFolded = big.reshape([folded, big.shape[big.ndim - 1]]);
  if (small.ndim === 2) {
    outputShape.push(small.shape[1]);
    const output = unsafeView(mm(bigFolded, small), outputShape);
    return transposed ? output.transpose(-2, -1).contiguous() : output;
  }
  return unsafeView(mv(bigFolded, small), outputShape);
}

/** Both operands expanded to one broadcast batch, flattened to 3-D and multiplied with bmm. */
function batchedMatmul(input: Tensor, other: Tensor): Tensor {
  const d1 = input.ndim;
  const d2 = other.ndim;
  const n = d1 > 1 ? input.shape[d1 - 2] : 1;
  const m1 = input.shape[d1 - 1];
  const m2 = d2 > 1 ? other.shape[d2 - 2] : other.shape[d2 - 1];
  const p = d2 > 1 ? other.shape[d2 - 1] : 1;
  const batch = broadcastShapes(
    input.shape.slice(0, Math.max(d1 - 2, 0)),
    other.shape.slice(0, Math.max(d2 - 2, 0)),
  );
  const batchSize = numel(batch);
  const left = input.expand([...batch, n, m1]).reshape([batchSize, n, m1]);
  const right = other.expand([...batch, m2, p]).reshape([batchSize, m2, p]);
  const outputShape = [...batch];
  if (d1 > 1) outputShape.push(n);
  if (d2 > 1) outputShape.push(p);
  return unsafeView(bmm(left, right), outputShape);
}

defineOps(
  "torch",
  {
    "mm(Tensor input, Tensor mat2, *, Tensor out=None) -> Tensor": mm,
    "bmm(Tensor input, Tensor mat2, *, Tensor out=None) -> Tensor": bmm,
    "dot(Tensor input, Tensor tensor, *, Tensor out=None) -> Tensor": dot,
    "mv(Tensor input, Tensor vec, *, Tensor out=None) -> Tensor": mv,
    "outer(Tensor input, Tensor vec2, *, Tensor out=None) -> Tensor": outer,
    "ger(Tensor input, Tensor vec2, *, Tensor out=None) -> Tensor": outer,
    "matmul(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": matmul,
  },
  { methods: true },
);

// ---- addmm ------------------------------------------------------------------------------------------

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

// ---- F.linear -----------------------------------------------------------------------------------------

/** F.linear(input, weight, bias?): input @ weight.T + bias, dispatched as PyTorch does (addmm for 2-D input). */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const inFeatures = weight.shape[weight.ndim - 1];
  if (input.ndim === 0 || input.shape[input.ndim - 1] !== inFeatures) {
    const rows = input.ndim === 0 ? 1 : input.numel() / input.shape[input.ndim - 1];
    throw new RuntimeError(
      `mat1 and mat2 shapes cannot be multiplied (${rows}x${input.shape[input.ndim - 1] ?? 1} and ${weight.shape[1]}x${weight.shape[0]})`,
    );
  }
  if (bias === null) return matmul(input, t(weight));
  if (input.ndim === 2) return addmm(bias, input, t(weight));
  if (input.ndim > 2) {
    const flat = reshape(input, [-1, inFeatures]);
    return view(addmm(bias, flat, t(weight)), [...input.shape.slice(0, -1), weight.shape[0]]);
  }
  return add(matmul(input, t(weight)), bias);
}

/** F.linear's entry point: addmm / matmul, whose kernels refuse a bool input before comparing dtypes. */
function linearImpl(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  if (input.dtype === bool && bias === null)
    throw new RuntimeError(`"addmm_impl_cpu_" not implemented for 'Bool'`);
  return linear(input, weight, bias);
}

defineOps("torch.nn.functional", {
  "linear(Tensor input, Tensor weight, Tensor? bias=None, *, Tensor out=None) -> Tensor": linearImpl,
});
