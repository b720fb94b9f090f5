// Derivatives of src/ops/complex.ts (docs/complex.md). PyTorch's gradients of complex tensors are conjugate
// Wirtinger derivatives: its formulas carry `.conj()` (a no-op for real tensors) and handle_r_to_c, which keeps
// the real part of a complex gradient flowing to a real input. Rows PyTorch shares with the real ops carry an
// "@complex" suffix; their nodes print PyTorch's name (the part before "@").
import { derivative } from "../../autograd/derivative.js";
import type { DType } from "../../tensor/dtype.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import {
  complexAbs,
  complexDiv,
  complexExpandTo,
  complexMul,
  complexNeg,
  conj,
  imag,
  real,
  realOf,
  sgn,
  view_as_complex,
  view_as_real,
} from "../complex.js";
import { toDtype } from "../conversion.js";
import { scalarTensor } from "../core.js";
import { div, mul, neg } from "../elementwise.js";
import { contiguous, unsqueezeDims } from "../shape.js";
import { complex as complexOf } from "../complex.js";

/** a * b, complex if either is. */
export const mulAny = (a: Tensor, b: Tensor): Tensor =>
  a.dtype.is_complex || b.dtype.is_complex ? complexMul(a, b) : mul(a, b);
/** a / b, complex if either is. */
export const divAny = (a: Tensor, b: Tensor): Tensor =>
  a.dtype.is_complex || b.dtype.is_complex ? complexDiv(a, b) : div(a, b);
const negAny = (a: Tensor): Tensor => (a.dtype.is_complex ? complexNeg(a) : neg(a));

/** derivatives.yaml's handle_r_to_c: a real input takes the real part of a complex gradient. */
export function handleRToC(dtype: DType, g: Tensor): Tensor {
  return !dtype.is_complex && g.dtype.is_complex ? real(g) : g;
}

/** maybe_multiply(grad, alpha.conj()): alpha is real here. */
const timesAlpha = (g: Tensor, alpha: number): Tensor =>
  alpha === 1 ? g : mulAny(g, scalarTensor(alpha, g.dtype.is_complex ? realOf(g).dtype : g.dtype));

type SumState = { selfShape: Shape; dims: number[]; keepdim: boolean };
type AddState = { alpha: number; selfDtype: DType; otherDtype: DType };
type Pair = { self: Tensor; other: Tensor };

export const COMPLEX_DERIVATIVES = {
  ViewAsRealBackward0: derivative<object>({
    self: ["at::view_as_complex(grad.contiguous())", (g) => view_as_complex(contiguous(g))],
  }),
  ViewAsComplexBackward0: derivative<object>({
    self: ["at::view_as_real(grad.contiguous().resolve_conj())", (g) => view_as_real(contiguous(g))],
  }),
  ComplexBackward0: derivative<object>({
    real: ["at::real(grad)", (g) => realOf(g)],
    imag: ["at::imag(grad)", (g) => (g.dtype.is_complex ? imag(g) : mul(g, 0))],
  }),
  ConjBackward0: derivative<object>({ self: ["grad.conj()", (g) => conj(g)] }),
  AngleBackward0: derivative<{ self: Tensor }>({
    self: ["angle_backward(grad, self)", (g, s) => angleBackward(g, s.self)],
  }),
  "AddBackward0@complex": derivative<AddState>({
    self: ["handle_r_to_c(self.scalar_type(), grad)", (g, s) => handleRToC(s.selfDtype, g)],
    other: [
      "handle_r_to_c(other.scalar_type(), maybe_multiply(grad, alpha.conj()))",
      (g, s) => handleRToC(s.otherDtype, timesAlpha(g, s.alpha)),
    ],
  }),
  "SubBackward0@complex": derivative<AddState>({
    self: ["handle_r_to_c(self.scalar_type(), grad)", (g, s) => handleRToC(s.selfDtype, g)],
    other: [
      "handle_r_to_c(other.scalar_type(), maybe_multiply(-grad, alpha.conj()))",
      (g, s) => handleRToC(s.otherDtype, timesAlpha(negAny(g), s.alpha)),
    ],
  }),
  "MulBackward0@complex": derivative<Pair>({
    self: [
      "mul_tensor_backward(grad, other, self.scalar_type())",
      (g, s) => handleRToC(s.self.dtype, mulAny(g, conj(s.other))),
    ],
    other: [
      "mul_tensor_backward(grad, self, other.scalar_type())",
      (g, s) => handleRToC(s.other.dtype, mulAny(g, conj(s.self))),
    ],
  }),
  "DivBackward0@complex": derivative<Pair>({
    self: [
      "div_tensor_self_backward(grad, other, self.scalar_type())",
      (g, s) => handleRToC(s.self.dtype, divAny(g, conj(s.other))),
    ],
    other: [
      "div_tensor_other_backward(grad, self, other)",
      (g, s) => handleRToC(s.other.dtype, mulAny(negAny(g), conj(divAny(divAny(s.self, s.other), s.other)))),
    ],
  }),
  "NegBackward0@complex": derivative<object>({ self: ["grad.neg()", (g) => negAny(g)] }),
  "AbsBackward0@complex": derivative<{ self: Tensor }>({
    self: ["grad * self.sgn()", (g, s) => mulAny(g, sgnOf(s.self))],
  }),
  "MeanBackward1@complex": derivative<{ selfShape: Shape; dims: number[]; keepdim: boolean; count: number }>({
    self: [
      "sum_backward(grad, self.sizes(), dim, keepdim) / _safe_size(self.sizes(), dim)",
      (g, s) =>
        divAny(
          complexExpandTo(s.keepdim ? g : unsqueezeDims(g, s.dims), s.selfShape),
          scalarTensor(s.count, realOf(g).dtype),
        ),
    ],
  }),
  "SumBackward0@complex": derivative<{ selfShape: Shape }>({
    self: ["grad.expand(self.sizes())", (g, s) => complexExpandTo(g, s.selfShape)],
  }),
  "SumBackward1@complex": derivative<SumState>({
    self: [
      "sum_backward(grad, self.sizes(), dim, keepdim)",
      (g, s) => complexExpandTo(s.keepdim ? g : unsqueezeDims(g, s.dims), s.selfShape),
    ],
  }),
  "ToCopyBackward0@complex": derivative<{ selfDtype: DType }>({
    self: [
      "_to_copy_backward(grad, self.options())",
      (g, s) => toDtype(handleRToC(s.selfDtype, g), s.selfDtype),
    ],
  }),
};

/**
 * self.sgn() for AbsBackward0: z / |z| in recorded ops (so double backward works), or, where an entry is 0
 * (sgn 0, not 0 / 0), computed without a graph.
 */
function sgnOf(self: Tensor): Tensor {
  const a = complexAbs(self);
  if (a.values().some((v) => v === 0)) return sgn(self);
  return complexDiv(self, a);
}

/** angle_backward: complex self: where(self == 0, 0, grad * self / |self|^2 * i); real self: zeros. */
function angleBackward(g: Tensor, self: Tensor): Tensor {
  if (!self.dtype.is_complex) return mul(g, 0);
  const a = complexAbs(self);
  const scaled = divAny(mulAny(g, self), mul(a, a));
  const i = complexOf(scalarTensor(0, a.dtype), scalarTensor(1, a.dtype));
  const out = mulAny(scaled, i);
  // self == 0 gives 0 (not the NaN of 0 / 0).
  const zero = a.values();
  const data = out._storage.data;
  for (let k = 0; k < zero.length; k++)
    if (zero[k] === 0) {
      data[2 * k] = 0;
      data[2 * k + 1] = 0;
    }
  return out;
}
