// Derivatives of src/ops/complex_math.ts: derivatives.yaml's rows for exp, log, sqrt, sin, cos, pow, the matrix
// products, cat and stack, in complex tensor ops (conjugate Wirtinger derivatives, as PyTorch's formulas with
// `.conj()` and handle_r_to_c), so they record a graph and double backward works.
import { derivative } from "../../autograd/derivative.js";
import { no_grad } from "../../autograd/grad_mode.js";
import { bool } from "../../tensor/dtype.js";
import { fromData } from "../core.js";
import type { Tensor } from "../../tensor/tensor.js";
import {
  asComplex,
  complexAbs,
  realOf,
  complexAdd,
  complexMul,
  complexNeg,
  complexSumToSize,
  conj,
  view_as_complex,
  view_as_real,
} from "../complex.js";
import {
  complexKeepWhere,
  complexCos,
  complexLog,
  complexMatmul,
  complexPowScalar,
  complexPowTensor,
  complexSin,
} from "../complex_math.js";
import { eq, where } from "../elementwise.js";
import {
  complexCosh,
  complexCumsumBackward,
  complexIndexSelectBackward,
  complexRepeatBackward,
  complexSinh,
} from "../complex_index.js";
import { select_scatter, slice_scatter } from "../indexing.js";
import { zeros } from "../../tensor/creation.js";
import { toRealDtype } from "../../tensor/complex.js";
import { contiguous, expand, narrow, reshape, select, transpose, unsqueeze } from "../shape.js";
import { divAny, handleRToC, mulAny } from "./complex.js";

/** x with the entries where `zero` holds replaced by 0 (derivatives.yaml's at::where(cond, 0, x)), recorded. */
function zeroWhere(x: Tensor, zero: boolean[]): Tensor {
  if (!zero.some(Boolean)) return x;
  const data = new Uint8Array(zero.length);
  zero.forEach((z, i) => (data[i] = z ? 1 : 0));
  const cond = fromData(data, x.shape, bool);
  if (!x.dtype.is_complex) return where(cond, 0, x);
  return view_as_complex(contiguous(where(unsqueeze(cond, -1), 0, view_as_real(x))));
}

/** Each element's (real, imag) of a real or complex tensor. */
function pairs(t: Tensor): [number, number][] {
  const v = t.dtype.is_complex ? view_as_real(t).contiguous().values() : t.contiguous().values();
  const out: [number, number][] = [];
  const step = t.dtype.is_complex ? 2 : 1;
  for (let i = 0; i < v.length; i += step) out.push([v[i], step === 2 ? v[i + 1] : 0]);
  return out;
}

/** test of each element of `of` broadcast to `like`'s shape. */
function broadcastMask(
  of: Tensor,
  like: Tensor,
  test: (re: number, im: number, i: number) => boolean,
): boolean[] {
  const expanded = no_grad(() => expand(of, like.shape));
  return no_grad(() => pairs(expanded)).map(([re, im], i) => test(re, im, i));
}

const minusOne = (t: Tensor): Tensor => (t.dtype.is_complex ? complexAdd(t, -1) : t.sub(1));

type Pow1 = { self: Tensor; exponent: Tensor; result: Tensor };

/** pow_backward_self: where(exponent == 0, 0, grad * (exponent * self.pow(exponent - 1)).conj()). */
function powBackwardSelf(g: Tensor, s: Pow1): Tensor {
  const d = mulAny(g, conj(mulAny(s.exponent, complexPowTensor(s.self, minusOne(s.exponent)))));
  const masked = zeroWhere(
    d,
    broadcastMask(s.exponent, d, (re, im) => re === 0 && im === 0),
  );
  return complexSumToSize(handleRToC(s.self.dtype, masked), s.self.shape);
}

/** pow_backward_exponent: grad * where(self == 0 & exponent.real >= 0, 0, result * self.log()).conj(). */
function powBackwardExponent(g: Tensor, s: Pow1): Tensor {
  const logSelf = complexLog(asComplex(s.self, s.result.dtype));
  const term = zeroWhere(
    mulAny(s.result, logSelf),
    (() => {
      const self = broadcastMask(s.self, s.result, (re, im) => re === 0 && im === 0);
      const exp = broadcastMask(s.exponent, s.result, (re) => re >= 0);
      return self.map((z, i) => z && exp[i]);
    })(),
  );
  return complexSumToSize(handleRToC(s.exponent.dtype, mulAny(g, conj(term))), s.exponent.shape);
}

type Product = { self: Tensor; other: Tensor };

/** The operands as matrices (a 1-D left operand a row, a 1-D right operand a column) and grad to match. */
function asMatrices(g: Tensor, s: Product): [Tensor, Tensor, Tensor] {
  const a = s.self.ndim === 1 ? unsqueeze(s.self, 0) : s.self;
  const b = s.other.ndim === 1 ? unsqueeze(s.other, 1) : s.other;
  let g2 = g;
  if (s.self.ndim === 1) g2 = unsqueeze(g2, s.other.ndim === 1 ? 0 : -2);
  if (s.other.ndim === 1) g2 = unsqueeze(g2, -1);
  return [a, b, g2];
}

const adjoint = (x: Tensor): Tensor => transpose(conj(x), -1, -2);

/** matmul's self gradient: (grad @ other^H) summed over broadcast batch dims (mm: grad.mm(mat2.t().conj())). */
function productSelf(g: Tensor, s: Product): Tensor {
  const [a, b, g2] = asMatrices(g, s);
  return reshape(complexSumToSize(complexMatmul(g2, adjoint(b)), a.shape), s.self.shape);
}

/** matmul's other gradient: (self^H @ grad) summed over broadcast batch dims. */
function productOther(g: Tensor, s: Product): Tensor {
  const [a, b, g2] = asMatrices(g, s);
  return reshape(complexSumToSize(complexMatmul(adjoint(a), g2), b.shape), s.other.shape);
}

const productRow = (selfText: string, otherText: string) =>
  derivative<Product>({ self: [selfText, productSelf], other: [otherText, productOther] });

/** cat_tensors_backward: each input's slice of grad along dim (through the real view). */
function catBackward(g: Tensor, s: { dim: number; sizes: number[] }): Tensor[] {
  const r = view_as_real(g);
  let start = 0;
  return s.sizes.map((size) => {
    const piece = view_as_complex(contiguous(narrow(r, s.dim, start, size)));
    start += size;
    return piece;
  });
}

/** stack_tensors_backward: grad.unbind(dim) (through the real view). */
function stackBackward(g: Tensor, s: { dim: number }): Tensor[] {
  const r = view_as_real(g);
  return Array.from({ length: g.shape[s.dim] }, (_, i) => view_as_complex(contiguous(select(r, s.dim, i))));
}

/** zeros of self's shape (as floats, [...shape, 2]) with grad's real view written in by `scatter`, as complex. */
function intoZeros(
  g: Tensor,
  selfShape: readonly number[],
  scatter: (z: Tensor, src: Tensor) => Tensor,
): Tensor {
  const z = zeros([...selfShape, 2], { dtype: toRealDtype(g.dtype) });
  return view_as_complex(scatter(z, view_as_real(g)));
}

type SliceState = { selfShape: readonly number[]; dim: number; start: number; end: number };

export const COMPLEX_MATH_DERIVATIVES = {
  "SelectBackward0@complex": derivative<{ selfShape: readonly number[]; dim: number; index: number }>({
    self: [
      "select_backward(grad, self.sizes(), dim, index)",
      (g, s) => intoZeros(g, s.selfShape, (z, src) => select_scatter(z, src, s.dim, s.index)),
    ],
  }),
  "SliceBackward0@complex": derivative<SliceState>({
    self: [
      "slice_backward_wrapper(grad, self.sizes(), dim, start, end, step)",
      (g, s) => intoZeros(g, s.selfShape, (z, src) => slice_scatter(z, src, s.dim, s.start, s.end, 1)),
    ],
  }),
  "ExpandBackward0@complex": derivative<{ selfShape: readonly number[] }>({
    self: ["at::sum_to(grad, self.sizes())", (g, s) => complexSumToSize(g, s.selfShape)],
  }),
  "ExpBackward0@complex": derivative<{ result: Tensor }>({
    self: ["grad * result.conj()", (g, s) => mulAny(g, conj(s.result))],
  }),
  "LogBackward0@complex": derivative<{ self: Tensor }>({
    self: ["grad.div(self.conj())", (g, s) => divAny(g, conj(s.self))],
  }),
  "SqrtBackward0@complex": derivative<{ result: Tensor }>({
    self: ["grad / (2 * result.conj())", (g, s) => divAny(g, complexMul(conj(s.result), 2))],
  }),
  "SinBackward0@complex": derivative<{ self: Tensor }>({
    self: ["grad * self.cos().conj()", (g, s) => mulAny(g, conj(complexCos(s.self)))],
  }),
  "CosBackward0@complex": derivative<{ self: Tensor }>({
    self: ["grad * -self.sin().conj()", (g, s) => mulAny(g, complexNeg(conj(complexSin(s.self))))],
  }),
  "TanhBackward0@complex": derivative<{ result: Tensor }>({
    self: [
      "tanh_backward(grad, result)  (grad * (1 - result * result).conj())",
      (g, s) => mulAny(g, conj(complexAdd(complexNeg(complexMul(s.result, s.result)), 1))),
    ],
  }),
  "SigmoidBackward0@complex": derivative<{ result: Tensor }>({
    self: [
      "sigmoid_backward(grad, result)  (grad * ((1 - result) * result).conj())",
      (g, s) => mulAny(g, conj(complexMul(complexAdd(complexNeg(s.result), 1), s.result))),
    ],
  }),
  "WhereBackward0@complex": derivative<{ condition: Tensor }>({
    self: ["at::where(condition, grad, 0)", (g, s) => complexKeepWhere(g, s.condition, true)],
    other: ["at::where(condition, 0, grad)", (g, s) => complexKeepWhere(g, s.condition, false)],
  }),
  "MaskedFillBackward0@complex": derivative<{ mask: Tensor }>({
    self: ["grad.masked_fill(mask, 0)", (g, s) => complexKeepWhere(g, s.mask, false)],
  }),
  "ReciprocalBackward0@complex": derivative<{ result: Tensor }>({
    self: [
      "-grad * (result * result).conj()",
      (g, s) => mulAny(g, complexNeg(conj(complexMul(s.result, s.result)))),
    ],
  }),
  "Log10Backward0@complex": derivative<{ self: Tensor }>({
    self: [
      "grad / (self.conj() * 2.3025850929940456)",
      (g, s) => divAny(g, complexMul(conj(s.self), Math.LN10)),
    ],
  }),
  "Log2Backward0@complex": derivative<{ self: Tensor }>({
    self: [
      "grad / (self.conj() * 0.6931471805599453)",
      (g, s) => divAny(g, complexMul(conj(s.self), Math.LN2)),
    ],
  }),
  "RsqrtBackward0@complex": derivative<{ result: Tensor }>({
    self: [
      "-0.5 * grad * result.pow(3).conj()",
      (g, s) => mulAny(g, complexMul(conj(complexPowScalar(s.result, 3)), -0.5)),
    ],
  }),
  "SinhBackward0@complex": derivative<{ self: Tensor }>({
    self: ["grad * self.cosh().conj()", (g, s) => mulAny(g, conj(complexCosh(s.self)))],
  }),
  "CoshBackward0@complex": derivative<{ self: Tensor }>({
    self: ["grad * self.sinh().conj()", (g, s) => mulAny(g, conj(complexSinh(s.self)))],
  }),
  "RepeatBackward0@complex": derivative<{ repeats: readonly number[]; selfShape: readonly number[] }>({
    self: ["repeat_backward(grad, repeats, self.sizes())", complexRepeatBackward],
  }),
  "SgnBackward0@complex": derivative<{ self: Tensor; result: Tensor }>({
    self: [
      "sgn_backward(result, grad, self): where(abs == 0, 0, grad / abs - real(grad / self) * result)",
      (g, s) => {
        const abs = complexAbs(s.self);
        const d = complexAdd(divAny(g, abs), complexMul(realOf(divAny(g, s.self)), s.result), 1, "sub");
        return complexKeepWhere(d, eq(abs, 0), false);
      },
    ],
  }),
  "CumsumBackward0@complex": derivative<{ dim: number }>({
    self: ["cumsum_backward(grad.to(self.scalar_type()), dim)", (g, s) => complexCumsumBackward(g, s.dim)],
  }),
  "IndexSelectBackward0@complex": derivative<{ dim: number; index: Tensor; selfShape: readonly number[] }>({
    self: ["index_select_backward(grad, self.sizes(), dim, index)", complexIndexSelectBackward],
  }),
  "PowBackward0@complex": derivative<{ self: Tensor; exponent: number }>({
    self: [
      "pow_backward(grad, self, exponent)",
      (g, s) =>
        s.exponent === 0
          ? complexMul(g, 0)
          : mulAny(g, conj(complexMul(complexPowScalar(s.self, s.exponent - 1), s.exponent))),
    ],
  }),
  "PowBackward1@complex": derivative<Pow1>({
    self: ["pow_backward_self(grad, self, exponent)", powBackwardSelf],
    exponent: ["pow_backward_exponent(grad, self, exponent, result)", powBackwardExponent],
  }),
  "MmBackward0@complex": productRow(
    "mm_mat1_backward(grad, mat2, ...)  (grad.mm(mat2.t().conj()))",
    "mm_mat2_backward(grad, self, ...)  (self.t().conj().mm(grad))",
  ),
  "BmmBackward0@complex": productRow(
    "grad.bmm(mat2.transpose(1, 2).conj())",
    "self.transpose(1, 2).conj().bmm(grad)",
  ),
  "DotBackward0@complex": productRow("grad * tensor.conj()", "grad * self.conj()"),
  "MvBackward0@complex": productRow("grad.ger(vec.conj())", "self.conj().t().mv(grad)"),
  "SqueezeBackward3@complex": productRow(
    "matmul (1-D @ 2-D): mm(self.unsqueeze(0), other).squeeze_(0)'s self gradient",
    "its other gradient",
  ),
  "UnsafeViewBackward0@complex": productRow(
    "matmul (batched): bmm's self gradient summed over broadcast batch dims",
    "bmm's other gradient summed over broadcast batch dims",
  ),
  "CatBackward0@complex": derivative<{ dim: number; sizes: number[] }>({
    "tensors[]": [
      "cat_tensors_backward(grad, to_args_sizes(tensors), to_args_scalartypes(tensors), dim)",
      catBackward,
    ],
  }),
  "StackBackward0@complex": derivative<{ dim: number }>({
    "tensors[]": ["stack_tensors_backward(grad, dim, to_args_scalartypes(tensors))", stackBackward],
  }),
};
