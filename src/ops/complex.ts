// Complex tensors (docs/complex.md): torch.complex, view_as_real / view_as_complex, real / imag (views), conj,
// angle, is_complex, and the complex versions of the ops listed in docs/complex.md (add, sub, mul, div, neg,
// abs, sum, mean, to), registered with the signature layer's complex dispatch (src/signatures/complex_dispatch.ts)
// so that `x.add(y)` with a complex operand runs here. Every function here records PyTorch's grad_fn; rows
// PyTorch shares with real ops carry an "@complex" suffix (src/ops/derivatives/complex.ts).
import { complexBinary, complexToReal, complexUnary, type ComplexBinaryOp } from "../backend/js/complex.js";
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { defineComplex, notImplementedFor, type ComplexImpl } from "../signatures/complex_dispatch.js";
import { realView, toComplexDtype, toRealDtype } from "../tensor/complex.js";
import { allocate, complex64, DType, resultType } from "../tensor/dtype.js";
import { broadcastShapes } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { backend } from "../backend/backend.js";
import { broadcastView, fromData, record, scalarTensor, type Scalar } from "./core.js";
import { allDims, reduceDims, reducedShape } from "./reduce_util.js";
import { defineOutCheck } from "./out.js";
import { expand, select } from "./shape.js";
import { no_grad } from "../autograd/grad_mode.js";

type Operand = Tensor | Scalar;

/** A view of `base`'s storage with another dtype, shape, strides and offset (view_as_real / view_as_complex). */
function dtypeView(base: Tensor, dtype: DType, shape: number[], strides: number[], offset: number): Tensor {
  const view = new Tensor(base._storage, shape, strides, offset, dtype);
  view._base = base._base ?? base;
  return view;
}

/** torch.view_as_real(input): the complex tensor's storage as floats, shape [...shape, 2] (a view). */
export function view_as_real(input: Tensor): Tensor {
  if (!input.dtype.is_complex) throw new RuntimeError("view_as_real is only supported for complex tensors");
  const v = realView(input);
  const out = dtypeView(input, v.dtype, [...v.shape], [...v.strides], v.offset);
  return record("ViewAsRealBackward0", [input], out, () => ({}));
}

/** torch.view_as_complex(input): a float tensor of shape [..., 2] (last stride 1) as complex (a view). */
export function view_as_complex(input: Tensor): Tensor {
  const d = input.dtype;
  if (d.name !== "float32" && d.name !== "float64")
    throw new RuntimeError(
      `view_as_complex is only supported for half, float and double tensors, but got a tensor of scalar type: ${d.scalarTypeName}`,
    );
  const n = input.ndim;
  if (n === 0 || input.shape[n - 1] !== 2)
    throw new RuntimeError("Tensor must have a last dimension of size 2");
  if (input._strides[n - 1] !== 1) throw new RuntimeError("Tensor must have a last dimension with stride 1");
  if (input._strides.slice(0, -1).some((s) => s % 2 !== 0))
    throw new RuntimeError("Tensor must have a stride divisible by 2 for all but last dimension");
  if (input._offset % 2 !== 0) throw new RuntimeError("Tensor must have a storage_offset divisible by 2");
  const out = dtypeView(
    input,
    toComplexDtype(d),
    input.shape.slice(0, -1),
    input._strides.slice(0, -1).map((s) => s / 2),
    input._offset / 2,
  );
  return record("ViewAsComplexBackward0", [input], out, () => ({}));
}

/** torch.real(input): a complex tensor's real parts (a view: view_as_real(input).select(-1, 0)); else input. */
export function real(input: Tensor): Tensor {
  return input.dtype.is_complex ? select(view_as_real(input), -1, 0) : input;
}

/** torch.imag(input): a complex tensor's imaginary parts (a view). */
export function imag(input: Tensor): Tensor {
  if (!input.dtype.is_complex)
    throw new RuntimeError("imag is not implemented for tensors with non-complex dtypes.");
  return select(view_as_real(input), -1, 1);
}

/** torch.complex(real, imag): both float tensors of one dtype, broadcast together. */
export function complex(re: Tensor, im: Tensor): Tensor {
  const floats = (t: Tensor) => t.dtype.name === "float32" || t.dtype.name === "float64";
  if (!floats(re) || !floats(im))
    throw new RuntimeError(
      `Expected both inputs to be Half, Float or Double tensors but got ${re.dtype.scalarTypeName} and ${im.dtype.scalarTypeName}`,
    );
  if (re.dtype !== im.dtype)
    throw new RuntimeError(
      `Expected object of scalar type ${re.dtype.scalarTypeName} but got scalar type ${im.dtype.scalarTypeName} for second argument`,
    );
  const shape = broadcastShapes(re.shape, im.shape);
  const dtype = toComplexDtype(re.dtype);
  const n = shape.reduce((a, b) => a * b, 1);
  const out = allocate(dtype, n);
  const reData = backend().copy(broadcastView(re, shape), re.dtype);
  const imData = backend().copy(broadcastView(im, shape), im.dtype);
  for (let i = 0; i < n; i++) {
    out[2 * i] = reData[i];
    out[2 * i + 1] = imData[i];
  }
  return record("ComplexBackward0", [re, im], fromData(out, shape, dtype), () => ({}));
}

/** torch.conj(input): the complex conjugate, materialised (is_conj() stays false); real tensors: input. */
export function conj(input: Tensor): Tensor {
  if (!input.dtype.is_complex) return input;
  const out = fromData(complexUnary("conj", input._view(), input.dtype), input.shape, input.dtype);
  return record("ConjBackward0", [input], out, () => ({}));
}

/** torch.angle(input): arg z for complex input; for real input 0, or pi below 0 (NaN stays NaN). */
export function angle(input: Tensor): Tensor {
  if (input.dtype.is_complex) {
    const dtype = toRealDtype(input.dtype);
    const out = fromData(complexToReal("angle", input._view(), dtype), input.shape, dtype);
    return record("AngleBackward0", [input], out, () => ({ self: input }));
  }
  const dtype = input.dtype.is_floating_point ? input.dtype : toRealDtype(complex64);
  const values = input.values();
  const data = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    data[i] = Number.isNaN(v) ? v : v < 0 ? dtype.cast(Math.PI) : 0;
  }
  return record("AngleBackward0", [input], fromData(data, input.shape, dtype), () => ({ self: input }));
}

/** sgn(z) = z / |z| (0 at 0), without a graph: AbsBackward0's complex formula. */
export function sgn(input: Tensor): Tensor {
  return fromData(complexUnary("sgn", input._view(), input.dtype), input.shape, input.dtype);
}

// ---- arithmetic -----------------------------------------------------------------------------------------

/** A number operand as a real 0-dim tensor of the op's component dtype (PyTorch's wrapped number). */
function asTensor(v: Operand, dtype: DType): Tensor {
  return v instanceof Tensor ? v : scalarTensor(v, toRealDtype(dtype));
}

function binaryResultDtype(a: Operand, b: Operand): DType {
  const dtype = resultType([a, b]);
  if (!dtype.is_complex) throw new RuntimeError("complex dispatch reached a real result");
  return dtype;
}

/** The kernel: a op b broadcast, in the complex dtype; no graph. */
function binaryKernel(op: ComplexBinaryOp, a: Tensor, b: Tensor, dtype: DType): Tensor {
  const shape = broadcastShapes(a.shape, b.shape);
  return fromData(complexBinary(op, broadcastView(a, shape), broadcastView(b, shape), dtype), shape, dtype);
}

/** input + alpha * other (sub: minus), complex or complex with real. */
export function complexAdd(
  input: Operand,
  other: Operand,
  alpha: Scalar = 1,
  op: "add" | "sub" = "add",
): Tensor {
  if (!(input instanceof Tensor)) return complexAdd(other, input, alpha, op); // 2 + z
  const dtype = binaryResultDtype(input, other);
  const b = asTensor(other, dtype);
  const alphaValue = Number(alpha);
  const scaled =
    alphaValue === 1 ? b : binaryKernel("mul", b, scalarTensor(alphaValue, toRealDtype(dtype)), dtype);
  const out = binaryKernel(op, input, scaled, dtype);
  const saved = () => ({ alpha: alphaValue, selfDtype: input.dtype, otherDtype: b.dtype });
  return op === "add"
    ? record("AddBackward0@complex", [input, b], out, saved)
    : record("SubBackward0@complex", [input, b], out, saved);
}

export function complexMul(input: Operand, other: Operand): Tensor {
  if (!(input instanceof Tensor)) return complexMul(other, input);
  const dtype = binaryResultDtype(input, other);
  const b = asTensor(other, dtype);
  return record("MulBackward0@complex", [input, b], binaryKernel("mul", input, b, dtype), () => ({
    self: input,
    other: b,
  }));
}

export function complexDiv(input: Operand, other: Operand): Tensor {
  const dtype = binaryResultDtype(input, other);
  const a = asTensor(input, dtype);
  const b = asTensor(other, dtype);
  return record("DivBackward0@complex", [a, b], binaryKernel("div", a, b, dtype), () => ({
    self: a,
    other: b,
  }));
}

export function complexNeg(input: Tensor): Tensor {
  const out = fromData(complexUnary("neg", input._view(), input.dtype), input.shape, input.dtype);
  return record("NegBackward0@complex", [input], out, () => ({}));
}

/** |z| as a real tensor (AbsBackward0: grad * self.sgn()). */
export function complexAbs(input: Tensor): Tensor {
  const dtype = toRealDtype(input.dtype);
  const out = fromData(complexToReal("abs", input._view(), dtype), input.shape, dtype);
  return record("AbsBackward0@complex", [input], out, () => ({ self: input }));
}

// ---- reductions ---------------------------------------------------------------------------------------------

/** The complex sum over dims: both components summed as floats (the real view's last dim is kept). */
function sumKernel(input: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  const source = dtype === input.dtype ? input : toComplexDtypeCopy(input, dtype);
  const v = realView(source);
  const data = backend().reduce("sum", v, dims, v.dtype);
  return fromData(data, reducedShape(input.shape, dims, keepdim), dtype);
}

function complexResultDtype(input: Tensor, requested: DType | null, fn: string): DType {
  if (requested === null) return input.dtype;
  if (!requested.is_complex)
    throw new RuntimeError(
      `${fn}(): complex input needs a complex dtype, but got ${requested.scalarTypeName}`,
    );
  return requested;
}

export function complexSum(
  input: Tensor,
  dim: number | readonly number[] | null,
  keepdim: boolean,
  dtype: DType | null,
  all: boolean,
): Tensor {
  const dims = all ? allDims(input.ndim) : reduceDims(dim, input.ndim);
  const out = sumKernel(input, dims, all ? false : keepdim, complexResultDtype(input, dtype, "sum"));
  const selfShape = input.shape;
  return all
    ? record("SumBackward0@complex", [input], out, () => ({ selfShape }))
    : record("SumBackward1@complex", [input], out, () => ({ selfShape, dims, keepdim }));
}

export function complexMean(
  input: Tensor,
  dim: number | readonly number[] | null,
  keepdim: boolean,
  dtype: DType | null,
  all: boolean,
): Tensor {
  const dims = all ? allDims(input.ndim) : reduceDims(dim, input.ndim);
  const resultDtype = complexResultDtype(input, dtype, "mean");
  const kd = all ? false : keepdim;
  const count = dims.reduce((n, d) => n * input.shape[d], 1);
  const summed = sumKernel(input, dims, kd, resultDtype);
  const out = binaryKernel("div", summed, scalarTensor(count, toRealDtype(resultDtype)), resultDtype);
  const selfShape = input.shape;
  return record("MeanBackward1@complex", [input], out, () => ({ selfShape, dims, keepdim: kd, count }));
}

/** input.expand(shape) of a complex tensor: a view whose backward sums the complex gradient (ExpandBackward0). */
export function complexExpandTo(input: Tensor, shape: readonly number[]): Tensor {
  const viewed = no_grad(() => expand(input, shape));
  const out = new Tensor(
    input._storage,
    [...viewed.shape],
    [...viewed._strides],
    viewed._offset,
    input.dtype,
  );
  out._base = input._base ?? input;
  const selfShape = input.shape;
  return record("ExpandBackward0@complex", [input], out, () => ({ selfShape }));
}

/** Tensor.sum_to_size for a complex tensor (the engine's sum over broadcast dims). */
export function complexSumToSize(input: Tensor, shape: readonly number[]): Tensor {
  const lead = input.ndim - shape.length;
  if (lead < 0 || shape.some((s, i) => s !== 1 && s !== input.shape[lead + i]))
    throw new RuntimeError(
      `size {[${shape.join(", ")}]} is not expandable to size {[${input.shape.join(", ")}]}.`,
    );
  const dims: number[] = [];
  for (let i = 0; i < input.ndim; i++)
    if (i < lead || (shape[i - lead] === 1 && input.shape[i] !== 1)) dims.push(i);
  if (dims.length === 0) return input;
  const summed = complexSum(input, dims, true, null, false);
  return lead === 0 ? summed : summed.reshape([...shape]);
}

// ---- conversions --------------------------------------------------------------------------------------------

/** A complex tensor's values in another complex dtype, or a real tensor's as complex (imag 0); no graph. */
function toComplexDtypeCopy(input: Tensor, dtype: DType): Tensor {
  const n = input.numel();
  const out = allocate(dtype, n);
  if (input.dtype.is_complex) {
    out.set(backend().copy(realView(input), toRealDtype(dtype)));
  } else {
    const values = backend().copy(input._view(), toRealDtype(dtype));
    for (let i = 0; i < n; i++) out[2 * i] = values[i];
  }
  return fromData(out, input.shape, dtype);
}

const DISCARDS_IMAG = "Casting complex values to real discards the imaginary part";

/**
 * Tensor.to(dtype) where the input or the target is complex (src/ops/conversion.ts's toDtype hands them here):
 * complex → complex and real → complex convert the components; complex → real keeps the real parts, with
 * PyTorch's warning.
 */
export function complexToDtype(input: Tensor, dtype: DType, copy = false): Tensor {
  if (dtype === input.dtype && !copy) return input;
  let out: Tensor;
  if (dtype.is_complex) out = toComplexDtypeCopy(input, dtype);
  else {
    emitWarning(DISCARDS_IMAG, "UserWarning");
    const v = realView(input);
    const reParts = { ...v, shape: input.shape, strides: v.strides.slice(0, -1) };
    out = fromData(backend().copy(reParts, dtype), input.shape, dtype);
    if (!dtype.is_floating_point) return out;
  }
  const selfDtype = input.dtype;
  return record("ToCopyBackward0@complex", [input], out, () => ({ selfDtype }));
}

/** at::real for a gradient that may be real already (derivatives.yaml's handle_r_to_c). */
export function realOf(t: Tensor): Tensor {
  return t.dtype.is_complex ? real(t) : t;
}

/** A real tensor as complex (imag 0), recorded (ToCopyBackward0). */
export function asComplex(t: Tensor, dtype: DType = toComplexDtype(t.dtype)): Tensor {
  return t.dtype === dtype ? t : complexToDtype(t, dtype);
}

// ---- declarations ---------------------------------------------------------------------------------------------

defineOps(
  "torch",
  {
    "complex(Tensor real, Tensor imag, *, Tensor out=None) -> Tensor": complex,
    "view_as_real(Tensor input) -> Tensor": view_as_real,
    "view_as_complex(Tensor input) -> Tensor": view_as_complex,
    "real(Tensor input) -> Tensor": real,
    "imag(Tensor input) -> Tensor": imag,
  },
  {},
);

defineOps(
  "torch",
  {
    "conj(Tensor input) -> Tensor": conj,
    "angle(Tensor input, *, Tensor out=None) -> Tensor": angle,
    "is_complex(Tensor input) -> bool": (input) => input.dtype.is_complex,
    "is_conj(Tensor input) -> bool": () => false,
    "resolve_conj(Tensor input) -> Tensor": (input) => input,
  },
  { methods: true },
);

defineOutCheck(["complex"], (out, args) => {
  const want = toComplexDtype((args[0] as Tensor).dtype);
  if (out instanceof Tensor && out.dtype !== want)
    throw new RuntimeError(
      `Expected object of scalar type ${want.scalarTypeName} but got scalar type ${out.dtype.scalarTypeName} for argument 'out'`,
    );
});

// Tensor.real / Tensor.imag are properties in PyTorch.
Object.defineProperty(Tensor.prototype, "real", {
  get(this: Tensor) {
    return real(this);
  },
  configurable: true,
});
Object.defineProperty(Tensor.prototype, "imag", {
  get(this: Tensor) {
    return imag(this);
  },
  configurable: true,
});

// The ops that take complex tensors (docs/complex.md), by their implementations' arguments.
const both = (name: string) => [`torch:${name}`, `Tensor:${name}`];
const runsItself: ComplexImpl = (args, impl) => impl(...args);
defineComplex(
  ["complex", "view_as_real", "view_as_complex", "real", "imag"].map((n) => `torch:${n}`),
  runsItself,
);
defineComplex(["conj", "angle", "is_complex", "is_conj", "resolve_conj"].flatMap(both), runsItself);
const isTensor = (v: unknown): v is Tensor => v instanceof Tensor;
defineComplex([...both("add"), "Tensor:__add__", "Tensor:__radd__"], ([a, b, alpha]) =>
  complexAdd(a as Operand, b as Operand, (alpha as Scalar | undefined) ?? 1, "add"),
);
defineComplex(both("sub"), ([a, b, alpha]) =>
  complexAdd(a as Operand, b as Operand, (alpha as Scalar | undefined) ?? 1, "sub"),
);
defineComplex(both("mul"), ([a, b]) => complexMul(a as Operand, b as Operand));
defineComplex(both("div"), (args) => {
  if (args.length > 2 && args[2] !== null && args[2] !== undefined)
    throw new RuntimeError(
      `"div_${String(args[2])}" not implemented for '${(args.find(isTensor) as Tensor).dtype.scalarTypeName}'`,
    );
  return complexDiv(args[0] as Operand, args[1] as Operand);
});
defineComplex(both("neg"), ([a]) => complexNeg(a as Tensor));
defineComplex(both("abs"), ([a]) => complexAbs(a as Tensor));
// sum(input, *, dtype) binds 2 arguments, sum(input, dim, keepdim, *, dtype) 4; mean likewise.
defineComplex(both("sum"), ([a, dim, keepdim, dtype]) =>
  keepdim === undefined
    ? complexSum(a as Tensor, null, false, (dim as DType | null) ?? null, true)
    : complexSum(
        a as Tensor,
        dim as number[] | null,
        keepdim as boolean,
        (dtype as DType | null) ?? null,
        false,
      ),
);
defineComplex(both("mean"), ([a, dim, keepdim, dtype]) =>
  keepdim === undefined
    ? complexMean(a as Tensor, null, false, (dim as DType | null) ?? null, true)
    : complexMean(
        a as Tensor,
        dim as number[] | null,
        keepdim as boolean,
        (dtype as DType | null) ?? null,
        false,
      ),
);
defineComplex(["Tensor:sum_to_size"], ([a, shape]) => complexSumToSize(a as Tensor, shape as number[]));
// clone, to, contiguous and the views run their own implementations: values() and toDtype know complex storage.
defineComplex(both("clone"), runsItself);
defineComplex(["Tensor:to", "Tensor:type_as", "Tensor:float", "Tensor:double"], runsItself);
// view(size) is a view; view(dtype) would reinterpret complex storage, which tensorgrad does not.
defineComplex(["Tensor:view"], (args, impl) => {
  if (args[1] instanceof DType) throw notImplementedFor("view", (args[0] as Tensor).dtype);
  return impl(...args);
});
// Creation (zeros, ones, full, ...) is registered in complex_math.ts.
// PyTorch 1.13 seeds a complex scalar's backward with 1+0j (ones_like, which knows no complex layout here).
defineComplex(["Tensor:backward"], (args, impl) => {
  const self = args[0] as Tensor;
  if ((args[1] === null || args[1] === undefined) && self.requires_grad) {
    if (self.numel() !== 1) throw new RuntimeError("grad can be implicitly created only for scalar outputs");
    const one = allocate(self.dtype, 1);
    one[0] = 1;
    return impl(self, fromData(one, self.shape, self.dtype), ...args.slice(2));
  }
  return impl(...args);
});
