// The complex versions of the math programs using torch.fft need (docs/complex.md): exp, log, sqrt, sin, cos,
// pow (every overload), the matrix products (matmul, mm, bmm, dot, mv) and cat / stack, registered with the
// signature layer's complex dispatch (src/signatures/complex_dispatch.ts). Each records PyTorch's grad_fn with an
// "@complex" derivative row (src/ops/derivatives/complex_math.ts) whose formulas are derivatives.yaml's, in
// complex tensor ops, so double backward works.
import { complexBinary, complexUnary, type ComplexMathOp } from "../backend/js/complex.js";
import { backend, type StridedArray } from "../backend/backend.js";
import { no_grad } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError } from "../errors.js";
import { defineComplex, notImplementedFor } from "../signatures/complex_dispatch.js";
import { toRealDtype } from "../tensor/complex.js";
import { allocate, complex64, DType, resultType } from "../tensor/dtype.js";
import { broadcastShapes, normalizeDim, numel } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { asComplex, complexAbs, complexExpandTo, view_as_complex, view_as_real } from "./complex.js";
import { broadcastView, fromData, record, scalarTensor, type Scalar } from "./core.js";
import { where } from "./elementwise.js";
import { cat } from "./join.js";
import { contiguous, unsqueeze } from "./shape.js";
import { emitWarning } from "../warnings.js";

type Operand = Tensor | Scalar;

// ---- exp, log, sqrt, sin, cos -------------------------------------------------------------------------------

function unaryKernel(op: ComplexMathOp | "neg", input: Tensor): Tensor {
  return fromData(complexUnary(op, input._view(), input.dtype), input.shape, input.dtype);
}

export function complexExp(input: Tensor): Tensor {
  const out = unaryKernel("exp", input);
  return record("ExpBackward0@complex", [input], out, () => ({ result: out }));
}
export function complexLog(input: Tensor): Tensor {
  return record("LogBackward0@complex", [input], unaryKernel("log", input), () => ({ self: input }));
}
export function complexSqrt(input: Tensor): Tensor {
  const out = unaryKernel("sqrt", input);
  return record("SqrtBackward0@complex", [input], out, () => ({ result: out }));
}
export function complexSin(input: Tensor): Tensor {
  return record("SinBackward0@complex", [input], unaryKernel("sin", input), () => ({ self: input }));
}
export function complexCos(input: Tensor): Tensor {
  return record("CosBackward0@complex", [input], unaryKernel("cos", input), () => ({ self: input }));
}
/** tanh(z): glibc's ctanh (std::tanh of c10::complex); TanhBackward0, grad * (1 - result^2).conj(). */
export function complexTanh(input: Tensor): Tensor {
  const out = unaryKernel("tanh", input);
  return record("TanhBackward0@complex", [input], out, () => ({ result: out }));
}
/** sigmoid(z) = 1 / (1 + exp(-z)) (PyTorch's CPU kernel); SigmoidBackward0, grad * ((1 - result) * result).conj(). */
export function complexSigmoid(input: Tensor): Tensor {
  const out = unaryKernel("sigmoid", input);
  return record("SigmoidBackward0@complex", [input], out, () => ({ result: out }));
}

// ---- pow ----------------------------------------------------------------------------------------------------

/** a op b broadcast in the complex dtype, no graph (a real operand counts as imaginary part 0). */
function binary(op: "mul" | "div" | "pow", a: Tensor, b: Tensor, dtype: DType): Tensor {
  const shape = broadcastShapes(a.shape, b.shape);
  return fromData(complexBinary(op, broadcastView(a, shape), broadcastView(b, shape), dtype), shape, dtype);
}

/**
 * pow(complex Tensor, Scalar): PowKernel.cpp's special exponents (0.5 sqrt, -0.5 rsqrt, -1 reciprocal, 2, 3 and
 * -2 by products, 0 ones, 1 a copy), else std::pow. PowBackward0.
 */
export function complexPowScalar(input: Tensor, exponent: number): Tensor {
  const dtype = input.dtype;
  const one = scalarTensor(1, toRealDtype(dtype));
  let out: Tensor;
  if (exponent === 0) out = binary("pow", input, scalarTensor(0, toRealDtype(dtype)), dtype);
  else if (exponent === 1) out = binary("mul", input, one, dtype);
  else if (exponent === 0.5) out = unaryKernel("sqrt", input);
  else if (exponent === -0.5) out = binary("div", one, unaryKernel("sqrt", input), dtype);
  else if (exponent === -1) out = binary("div", one, input, dtype);
  else if (exponent === 2) out = binary("mul", input, input, dtype);
  else if (exponent === 3) out = binary("mul", binary("mul", input, input, dtype), input, dtype);
  else if (exponent === -2) out = binary("div", one, binary("mul", input, input, dtype), dtype);
  else out = binary("pow", input, scalarTensor(exponent, toRealDtype(dtype)), dtype);
  return record("PowBackward0@complex", [input], out, () => ({ self: input, exponent }));
}

/** pow(Tensor, Tensor) and pow(Scalar, Tensor) with a complex operand: std::pow, PowBackward1. */
export function complexPowTensor(base: Operand, exponent: Operand): Tensor {
  const dtype = resultType([base, exponent]);
  const a = base instanceof Tensor ? base : scalarTensor(Number(base), toRealDtype(dtype));
  const b = exponent instanceof Tensor ? exponent : scalarTensor(Number(exponent), toRealDtype(dtype));
  const out = binary("pow", a, b, dtype);
  return record("PowBackward1@complex", [a, b], out, () => ({ self: a, exponent: b, result: out }));
}

// ---- matrix products ---------------------------------------------------------------------------------------

/** Real and imaginary parts of a complex operand [B, M, K] (element strides) as float strided arrays. */
function parts(x: StridedArray): [StridedArray, StridedArray] {
  const dtype = toRealDtype(x.dtype);
  const strides = x.strides.map((s) => 2 * s);
  const re = { data: x.data, shape: x.shape, strides, offset: 2 * x.offset, dtype };
  return [re, { ...re, offset: re.offset + 1 }];
}

/**
 * [B, M, K] @ [B, K, N] of two complex operands (any strides): four real products, (ac - bd) + (ad + bc)i,
 * complex64 rounded after each step. A BLAS zgemm sums in another order, so values agree to rounding.
 */
function productKernel(a: StridedArray, b: StridedArray, dtype: DType): Float32Array | Float64Array {
  const real = toRealDtype(dtype);
  const [ar, ai] = parts(a);
  const [br, bi] = parts(b);
  const mm = (x: StridedArray, y: StridedArray) => backend().matmul(x, y, real);
  const rr = mm(ar, br);
  const ii = mm(ai, bi);
  const ri = mm(ar, bi);
  const ir = mm(ai, br);
  const out = allocate(dtype, rr.length) as Float32Array | Float64Array;
  const r = dtype === complex64 ? Math.fround : (v: number) => v;
  for (let i = 0; i < rr.length; i++) {
    out[2 * i] = r(rr[i] - ii[i]);
    out[2 * i + 1] = r(ri[i] + ir[i]);
  }
  return out;
}

/** PyTorch's dtype check of the products: `expected scalar type ComplexFloat but found Float`. */
function sameDtype(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype)
    throw new RuntimeError(
      `expected scalar type ${a.dtype.scalarTypeName} but found ${b.dtype.scalarTypeName}`,
    );
}

/**
 * input @ other with matmul's broadcasting (1-D operands as a row / column, batch dims broadcast), no graph:
 * one product per batch element of the broadcast batch.
 */
function matmulKernel(input: Tensor, other: Tensor): Tensor {
  const d1 = input.ndim;
  const d2 = other.ndim;
  const a = d1 === 1 ? unsqueezeView(input, 0) : input;
  const b = d2 === 1 ? unsqueezeView(other, 1) : other;
  const [n, m] = a.shape.slice(-2);
  const p = b.shape[b.ndim - 1];
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const av = broadcastView(a, [...batch, n, m]);
  const bv = broadcastView(b, [...batch, m, p]);
  const count = numel(batch);
  const dtype = input.dtype;
  const out = allocate(dtype, 2 * count * n * p);
  const index = new Array<number>(batch.length).fill(0);
  for (let i = 0; i < count; i++) {
    let offA = av.offset;
    let offB = bv.offset;
    for (let d = 0; d < batch.length; d++) {
      offA += index[d] * av.strides[d];
      offB += index[d] * bv.strides[d];
    }
    const k = batch.length;
    const x = { ...av, shape: [1, n, m], strides: [0, av.strides[k], av.strides[k + 1]], offset: offA };
    const y = { ...bv, shape: [1, m, p], strides: [0, bv.strides[k], bv.strides[k + 1]], offset: offB };
    out.set(productKernel(x, y, dtype), 2 * i * n * p);
    for (let d = batch.length - 1; d >= 0 && ++index[d] === batch[d]; d--) index[d] = 0;
  }
  const shape = [...batch];
  if (d1 > 1) shape.push(n);
  if (d2 > 1) shape.push(p);
  return fromData(out, shape, dtype);
}

function unsqueezeView(x: Tensor, dim: number): Tensor {
  return no_grad(() => unsqueeze(x, dim));
}

type ProductNode =
  | "MmBackward0@complex"
  | "BmmBackward0@complex"
  | "DotBackward0@complex"
  | "MvBackward0@complex"
  | "SqueezeBackward3@complex"
  | "UnsafeViewBackward0@complex";

function product(name: ProductNode, input: Tensor, other: Tensor): Tensor {
  const out = matmulKernel(input, other);
  return record(name, [input, other], out, () => ({ self: input, other }));
}

export function complexMm(input: Tensor, mat2: Tensor): Tensor {
  if (input.ndim !== 2) throw new RuntimeError("self must be a matrix");
  if (mat2.ndim !== 2) throw new RuntimeError("mat2 must be a matrix");
  const [n, m] = input.shape;
  const [m2, p] = mat2.shape;
  if (m !== m2)
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${n}x${m} and ${m2}x${p})`);
  sameDtype(input, mat2);
  return product("MmBackward0@complex", input, mat2);
}

export function complexBmm(input: Tensor, mat2: Tensor): Tensor {
  if (input.ndim !== 3) throw new RuntimeError("batch1 must be a 3D tensor");
  if (mat2.ndim !== 3) throw new RuntimeError("batch2 must be a 3D tensor");
  const [b, , m] = input.shape;
  const [b2, m2] = mat2.shape;
  if (b !== b2 || m !== m2)
    throw new RuntimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${b}, ${m}] but got: [${b2}, ${m2}].`,
    );
  sameDtype(input, mat2);
  return product("BmmBackward0@complex", input, mat2);
}

export function complexDot(input: Tensor, other: Tensor): Tensor {
  if (input.ndim !== 1 || other.ndim !== 1)
    throw new RuntimeError(`1D tensors expected, but got ${input.ndim}D and ${other.ndim}D tensors`);
  if (input.dtype !== other.dtype)
    throw new RuntimeError(
      `dot : expected both vectors to have same dtype, but found ${input.dtype.scalarTypeName} and ${other.dtype.scalarTypeName}`,
    );
  const [n] = input.shape;
  const [n2] = other.shape;
  if (n !== n2)
    throw new RuntimeError(
      `inconsistent tensor size, expected tensor [${n}] and src [${n2}] to have the same number of elements, but got ${n} and ${n2} elements respectively`,
    );
  return product("DotBackward0@complex", input, other);
}

export function complexMv(input: Tensor, vec: Tensor): Tensor {
  if (input.ndim === 0) throw new IndexError("Dimension specified as 0 but tensor has no dimensions");
  if (input.ndim !== 2 || vec.ndim !== 1)
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${input.ndim}, ${vec.ndim}`);
  const [n, m] = input.shape;
  if (m !== vec.shape[0]) throw new RuntimeError(`size mismatch, got ${n}, ${n}x${m},${vec.shape[0]}`);
  sameDtype(input, vec);
  return product("MvBackward0@complex", input, vec);
}

/** torch.matmul with complex operands: dot, mv, mm or the broadcast batched product, as PyTorch names them. */
export function complexMatmul(input: Tensor, other: Tensor): Tensor {
  const d1 = input.ndim;
  const d2 = other.ndim;
  if (d1 === 0 || d2 === 0)
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`);
  if (d1 === 1 && d2 === 1) return complexDot(input, other);
  if (d1 === 2 && d2 === 1) return complexMv(input, other);
  if (d1 === 2 && d2 === 2) return complexMm(input, other);
  const m1 = input.shape[d1 - 1];
  const m2 = d2 > 1 ? other.shape[d2 - 2] : other.shape[0];
  if (m1 !== m2) {
    const rows = d1 > 1 ? input.shape.slice(0, -1).reduce((x, y) => x * y, 1) : 1;
    const cols = d2 > 1 ? other.shape[d2 - 1] : 1;
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${m1} and ${m2}x${cols})`);
  }
  sameDtype(input, other);
  return product(
    d1 === 1 && d2 === 2 ? "SqueezeBackward3@complex" : "UnsafeViewBackward0@complex",
    input,
    other,
  );
}

// ---- cat, stack ----------------------------------------------------------------------------------------------

/** The tensors in their common complex dtype (real ones converted, recorded as ToCopyBackward0). */
function promoted(tensors: readonly Tensor[]): Tensor[] {
  const dtype = resultType([...tensors]);
  return tensors.map((t) => asComplex(t, dtype));
}

/** torch.cat with a complex tensor: the real views joined along dim; CatBackward0. */
export function complexCat(tensors: readonly Tensor[], dim: number): Tensor {
  if (tensors.length === 0) throw new RuntimeError("torch.cat(): expected a non-empty list of Tensors");
  const inputs = promoted(tensors);
  const d = normalizeDim(dim, inputs[0].ndim);
  const out = no_grad(() => view_as_complex(contiguous(cat(inputs.map(view_as_real), d))));
  const sizes = inputs.map((t) => t.shape[d]);
  return record("CatBackward0@complex", inputs, detached(out), () => ({ dim: d, sizes }));
}

/** torch.stack with a complex tensor: each unsqueezed at dim, then joined; StackBackward0. */
export function complexStack(tensors: readonly Tensor[], dim: number): Tensor {
  if (tensors.length === 0) throw new RuntimeError("stack expects a non-empty TensorList");
  const inputs = promoted(tensors);
  for (let i = 1; i < inputs.length; i++)
    if (inputs[i].shape.join() !== inputs[0].shape.join())
      throw new RuntimeError(
        `stack expects each tensor to be equal size, but got [${inputs[0].shape.join(", ")}] at entry 0 and [${inputs[i].shape.join(", ")}] at entry ${i}`,
      );
  const d = normalizeDim(dim, inputs[0].ndim + 1);
  const out = no_grad(() =>
    view_as_complex(
      contiguous(
        cat(
          inputs.map((t) => unsqueeze(view_as_real(t), d)),
          d,
        ),
      ),
    ),
  );
  return record("StackBackward0@complex", inputs, detached(out), () => ({ dim: d }));
}

/** A result made under no_grad through views, as a fresh tensor of its own. */
function detached(t: Tensor): Tensor {
  const c = t.contiguous();
  return fromData(c._storage.data.slice(2 * c._offset, 2 * (c._offset + c.numel())), c.shape, c.dtype);
}

// ---- where, masked_fill --------------------------------------------------------------------------------------

/** An operand of where / masked_fill in the complex dtype (a number: a 0-dim tensor, a real tensor: converted). */
function complexOperand(v: Operand, dtype: DType): Tensor {
  return asComplex(v instanceof Tensor ? v : scalarTensor(Number(v), toRealDtype(dtype)), dtype);
}

/** cond ? a : b of two complex tensors through their real views (cond broadcast over the component dim). */
function selectKernel(condition: Tensor, a: Tensor, b: Tensor): Tensor {
  return no_grad(() =>
    detached(view_as_complex(contiguous(where(unsqueeze(condition, -1), view_as_real(a), view_as_real(b))))),
  );
}

/** torch.where(condition, input, other) with a complex operand: WhereBackward0. */
export function complexWhere(condition: Tensor, input: Operand, other: Operand): Tensor {
  if (condition.dtype.name !== "bool")
    throw new RuntimeError(
      `where expected condition to be a boolean tensor, but got a tensor with dtype ${condition.dtype.scalarTypeName}`,
    );
  const dtype = resultType([input, other]);
  const a = complexOperand(input, dtype);
  const b = complexOperand(other, dtype);
  const out = selectKernel(condition, a, b);
  return record("WhereBackward0@complex", [a, b], out, () => ({ condition }));
}

/** input.masked_fill(mask, value) of a complex tensor with a number: MaskedFillBackward0. */
export function complexMaskedFill(input: Tensor, mask: Tensor, value: Operand): Tensor {
  if (value instanceof Tensor) throw notImplementedFor("masked_fill", input.dtype);
  if (mask.dtype.name !== "bool" && mask.values().some((v) => v !== 0 && v !== 1))
    throw new RuntimeError("Mask tensor can take 0 and 1 values only");
  const condition = mask.dtype.name === "bool" ? mask : no_grad(() => mask.ne(0));
  const out = selectKernel(condition, complexOperand(value, input.dtype), input);
  if (out.shape.join() !== input.shape.join())
    throw new RuntimeError(
      `output with shape [${input.shape.join(", ")}] doesn't match the broadcast shape [${out.shape.join(", ")}]`,
    );
  return record("MaskedFillBackward0@complex", [input], out, () => ({ mask: condition }));
}

/** grad where `keep` holds, 0 elsewhere (through the real view), for the where / masked_fill rows. */
export function complexKeepWhere(grad: Tensor, condition: Tensor, keep: boolean): Tensor {
  const r = view_as_real(grad);
  const cond = unsqueeze(condition, -1);
  return view_as_complex(contiguous(keep ? where(cond, r, 0) : where(cond, 0, r)));
}

// ---- expand ------------------------------------------------------------------------------------------------

/** Tensor.expand / expand_as of a complex tensor: the same view, whose backward sums the complex gradient. */
function complexExpand(args: unknown[], impl: (...a: unknown[]) => unknown): Tensor {
  const viewed = no_grad(() => impl(...args)) as Tensor;
  return complexExpandTo(args[0] as Tensor, viewed.shape);
}

/** `viewed` (made by the plain implementation under no_grad) as a view of input, for a complex node to record. */
function viewOf(input: Tensor, viewed: Tensor): Tensor {
  const out = new Tensor(
    input._storage,
    [...viewed.shape],
    [...viewed._strides],
    viewed._offset,
    input.dtype,
  );
  out._base = input._base ?? input;
  return out;
}

/** Tensor.select of a complex tensor: SelectBackward0, the gradient scattered into zeros through the real view. */
function complexSelect(args: unknown[], impl: (...a: unknown[]) => unknown): Tensor {
  const input = args[0] as Tensor;
  const viewed = no_grad(() => impl(...args)) as Tensor;
  const dim = normalizeDim(args[1] as number, input.ndim);
  const raw = args[2] as number;
  const index = raw < 0 ? raw + input.shape[dim] : raw;
  const selfShape = input.shape;
  return record("SelectBackward0@complex", [input], viewOf(input, viewed), () => ({ selfShape, dim, index }));
}

/** Tensor.narrow of a complex tensor: SliceBackward0, as PyTorch's narrow records. */
function complexNarrow(args: unknown[], impl: (...a: unknown[]) => unknown): Tensor {
  const input = args[0] as Tensor;
  const viewed = no_grad(() => impl(...args)) as Tensor;
  const dim = normalizeDim(args[1] as number, input.ndim);
  const size = input.shape[dim];
  const rawStart = args[2] instanceof Tensor ? (args[2].item() as number) : (args[2] as number);
  const start = rawStart === size ? rawStart : normalizeDim(rawStart, size);
  const end = start + viewed.shape[dim];
  const selfShape = input.shape;
  return record("SliceBackward0@complex", [input], viewOf(input, viewed), () => ({
    selfShape,
    dim,
    start,
    end,
  }));
}

// ---- registration ------------------------------------------------------------------------------------------

const both = (name: string) => [`torch:${name}`, `Tensor:${name}`];
defineComplex(both("exp"), ([a]) => complexExp(a as Tensor));
defineComplex(both("log"), ([a]) => complexLog(a as Tensor));
defineComplex(both("sqrt"), ([a]) => complexSqrt(a as Tensor));
defineComplex(both("sin"), ([a]) => complexSin(a as Tensor));
defineComplex(both("cos"), ([a]) => complexCos(a as Tensor));
defineComplex(both("tanh"), ([a]) => complexTanh(a as Tensor));
defineComplex([...both("sigmoid"), "torch.special:expit", "torch.special:special_expit"], ([a]) =>
  complexSigmoid(a as Tensor),
);
// torch.nn.functional's deprecated forms, with their warnings (src/ops/elementwise.ts).
defineComplex(["torch.nn.functional:sigmoid"], ([a]) => {
  emitWarning("nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.");
  return complexSigmoid(a as Tensor);
});
defineComplex(["torch.nn.functional:tanh"], ([a]) => {
  emitWarning("nn.functional.tanh is deprecated. Use torch.tanh instead.");
  return complexTanh(a as Tensor);
});
// Copies that only move elements: values() and writeInto know complex storage, and their backward nodes
// (FlipBackward0, RollBackward0, Rot90Backward0) apply the same ops to the complex gradient. einsum is composed
// of permute, reshape, sum, mul and bmm, each of which takes complex tensors, so it runs as written.
const runsItself = (args: unknown[], impl: (...a: unknown[]) => unknown): unknown => impl(...args);
defineComplex(["flip", "roll", "rot90", "fliplr", "flipud"].flatMap(both), runsItself);
defineComplex(["torch:einsum"], runsItself);
// Views and copies whose implementations read and write complex storage through values(), writeInto and the
// views above, and whose backward nodes (DiagonalBackward0, UnbindBackward0, SplitBackward0, KronBackward0, ...)
// are made of ops that take complex tensors: they run as written (checked against PyTorch's values, grad_fn
// names and gradients, test/tensor/complex_ops.test.ts).
defineComplex(
  [
    "diagonal",
    "diag",
    "diag_embed",
    "movedim",
    "unbind",
    "split",
    "chunk",
    "tensor_split",
    "unflatten",
  ].flatMap(both),
  runsItself,
);
defineComplex(["outer", "kron"].flatMap(both), runsItself);
defineComplex(["torch:hstack", "torch:vstack", "torch:block_diag"], runsItself);
defineComplex(["torch:where"], (args) =>
  complexWhere(args[0] as Tensor, args[1] as Operand, args[2] as Operand),
);
defineComplex(["Tensor:where"], ([self, condition, other]) =>
  complexWhere(condition as Tensor, self as Operand, other as Operand),
);
defineComplex(both("masked_fill"), ([a, mask, value]) =>
  complexMaskedFill(a as Tensor, mask as Tensor, value as Operand),
);
// square is pow(z, 2) (PowBackward0), as at::square writes it.
defineComplex(both("square"), ([a]) => complexPowScalar(a as Tensor, 2));
// Vector norms (and the matrix norms made of sums of |a_ij|: fro, 1, inf) are norms of |z|: the real
// implementation on complexAbs(z), whose AbsBackward0 (grad * sgn(z)) chained with the real norm's backward is
// PyTorch's complex formula (self * grad / norm for ord 2). Norms by singular values (2, -2, nuc over two dims)
// need a complex SVD, which tensorgrad does not have.
const onAbs = (args: unknown[], impl: (...a: unknown[]) => unknown, name: string): unknown => {
  const input = args[0] as Tensor;
  const ord = args[1];
  const dim = args[2];
  const matrix = Array.isArray(dim)
    ? dim.length === 2
    : (dim === null || dim === undefined) && input.ndim === 2;
  if (ord === "nuc" || (matrix && name === "torch.linalg:norm" && (ord === 2 || ord === -2)))
    throw notImplementedFor(name.slice(name.indexOf(":") + 1), input.dtype);
  // dtype= names the complex type the norm computes in; its real counterpart is the result's.
  const at = name === "torch:norm" ? 5 : 4;
  const rest = args.slice(1);
  const dtype = args[at];
  if (dtype instanceof DType) {
    if (!dtype.is_complex && name.startsWith("torch.linalg"))
      throw new RuntimeError(
        `linalg.${matrix && name === "torch.linalg:norm" ? "matrix_norm" : "vector_norm"}: dtype should be complex for complex inputs, but got ${dtype.scalarTypeName}`,
      );
    if (dtype.is_complex) rest[at - 1] = toRealDtype(dtype);
  }
  return impl(complexAbs(input), ...rest);
};
for (const key of ["torch.linalg:vector_norm", "torch.linalg:norm", "torch:norm", "Tensor:norm"])
  defineComplex([key], (args, impl) => onAbs(args, impl, key));
// Creation with a real fill value: the implementations fill every number of the interleaved storage, so the
// imaginary parts are reset to 0 (torch.ones(2, dtype=torch.complex64) is 1+0j).
// requires_grad, their last argument, is set here: the real implementations' check admits floating dtypes only.
const realFilled = (args: unknown[], impl: (...a: unknown[]) => unknown): unknown => {
  const requiresGrad = args[args.length - 1] === true;
  const out = impl(...(requiresGrad ? [...args.slice(0, -1), false] : args)) as Tensor;
  if (out.dtype.is_complex) {
    const data = out._storage.data;
    for (let i = 2 * out._offset + 1; i < 2 * (out._offset + out.numel()); i += 2) data[i] = 0;
  }
  return requiresGrad ? out.requires_grad_(true) : out;
};
defineComplex(
  [
    ...["zeros", "empty", "ones", "full", "zeros_like", "empty_like", "ones_like", "full_like"].map(
      (n) => `torch:${n}`,
    ),
    ...["new_zeros", "new_empty", "new_ones", "new_full"].map((n) => `Tensor:${n}`),
  ],
  realFilled,
);
defineComplex(both("pow"), ([a, b]) => {
  if (a instanceof Tensor && a.dtype.is_complex && !(b instanceof Tensor))
    return complexPowScalar(a, Number(b));
  return complexPowTensor(a as Operand, b as Operand);
});
defineComplex(both("mm"), ([a, b]) => complexMm(a as Tensor, b as Tensor));
defineComplex(both("bmm"), ([a, b]) => complexBmm(a as Tensor, b as Tensor));
defineComplex(both("dot"), ([a, b]) => complexDot(a as Tensor, b as Tensor));
defineComplex(both("mv"), ([a, b]) => complexMv(a as Tensor, b as Tensor));
defineComplex(both("matmul"), ([a, b]) => complexMatmul(a as Tensor, b as Tensor));
defineComplex(["torch:cat", "torch:concat", "torch:concatenate"], ([ts, dim]) =>
  complexCat(ts as Tensor[], (dim as number | undefined) ?? 0),
);
defineComplex(["torch:stack"], ([ts, dim]) => complexStack(ts as Tensor[], (dim as number | undefined) ?? 0));
defineComplex(["Tensor:expand", "Tensor:expand_as"], complexExpand);
defineComplex(both("select"), complexSelect);
defineComplex(both("narrow"), complexNarrow);

// cumsum, index_select, reciprocal, isnan / isinf / isfinite.
import "./complex_index.js";
