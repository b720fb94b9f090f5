// The special functions: torch.* ops (sinc, xlogy, exp2, erfc, erfinv, lgamma, digamma, polygamma, mvlgamma,
// i0, logit) and the torch.special namespace, whose other names are aliases of existing ops (expit is sigmoid,
// gammaln is lgamma, ...) declared once below with PyTorch's `special_*` signatures. The kernels port
// ATen/native/Math.h (src/backend/js/cephes.ts).
import type { UnaryOp } from "../backend/backend.js";
import { RuntimeError } from "../errors.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import { allocate, bool, Category, defaultFloatDtype, resultType, type DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import {
  binaryKernel,
  floatingDtype,
  fromData,
  inPlace,
  isScalar,
  record,
  scalarTensor,
  unaryKernel,
  type Scalar,
  type TensorOrScalar,
} from "./core.js";
import { add, floatUnary, mul, sigmoid } from "./elementwise.js";
import { erf, expm1, log1p, roundDecimals } from "./math.js";
import { sum } from "./reduce.js";
import { logsumexp } from "./reduce_stats.js";
import { unsqueeze } from "./shape.js";
import { log_softmax, softmax } from "./softmax.js";

export const sinc = (input: Tensor): Tensor =>
  record("SincBackward0", [input], floatUnary("sinc", input), () => ({ self: input }));
export const erfc = (input: Tensor): Tensor =>
  record("ErfcBackward0", [input], floatUnary("erfc", input), () => ({ self: input }));
export const erfinv = (input: Tensor): Tensor =>
  record("ErfinvBackward0", [input], floatUnary("erfinv", input), () => ({ self: input }));
export const lgamma = (input: Tensor): Tensor =>
  record("LgammaBackward0", [input], floatUnary("lgamma", input), () => ({ self: input }));
export const digamma = (input: Tensor): Tensor =>
  record("DigammaBackward0", [input], floatUnary("digamma", input), () => ({ self: input }));

export function exp2(input: Tensor): Tensor {
  const out = floatUnary("exp2", input);
  return record("Exp2Backward0", [input], out, () => ({ result: out }));
}

export const i0 = (input: Tensor): Tensor =>
  record("I0Backward0", [input], floatUnary("i0", input), () => ({ self: input }));

/** floatUnary(op, input) with the input and the result for the row (the Bessel functions, log_ndtr, erfcx). */
function withResult(op: UnaryOp, input: Tensor): [Tensor, () => { self: Tensor; result: Tensor }] {
  const out = floatUnary(op, input);
  return [out, () => ({ self: input, result: out })];
}

export const i0e = (input: Tensor): Tensor =>
  record("SpecialI0EBackward0", [input], ...withResult("i0e", input));
export const i1 = (input: Tensor): Tensor =>
  record("SpecialI1Backward0", [input], ...withResult("i1", input));
export const i1e = (input: Tensor): Tensor =>
  record("SpecialI1EBackward0", [input], ...withResult("i1e", input));
export const log_ndtr = (input: Tensor): Tensor =>
  record("SpecialLogNdtrBackward0", [input], ...withResult("log_ndtr", input));
export const erfcx = (input: Tensor): Tensor =>
  record("SpecialErfcxBackward0", [input], ...withResult("erfcx", input));

export function ndtri(input: Tensor): Tensor {
  const out = floatUnary("ndtri", input);
  return record("SpecialNdtriBackward0", [input], out, () => ({ result: out }));
}

export const entr = (input: Tensor): Tensor =>
  record("SpecialEntrBackward0", [input], floatUnary("entr", input), () => ({ self: input }));

/** special_ndtr is composite in PyTorch: (1 + erf(x * M_SQRT1_2)) * 0.5, its last step mul.Scalar. */
export function ndtr(input: Tensor): Tensor {
  const sum1 = add(erf(mul(input, Math.SQRT1_2)), 1);
  const out = binaryKernel("mul", sum1, scalarTensor(0.5, sum1.dtype), sum1.dtype);
  return record("MulBackward1", [sum1], out, () => ({ other: 0.5 }));
}

/** torch.polygamma(n, input): the n-th derivative of digamma. */
export function polygamma(n: number, input: Tensor): Tensor {
  return record("PolygammaBackward0", [input], polygammaKernel(n, input), () => ({ n, self: input }));
}

function polygammaKernel(n: number, input: Tensor): Tensor {
  if (n < 0) throw new RuntimeError("polygamma(n, x) does not support negative n.");
  return unaryKernel("polygamma", input, floatingDtype(input.dtype, defaultFloatDtype()), [n]);
}

/** Tensor.polygamma_(n): its schema (self, n) is another derivatives.yaml entry, PolygammaBackward1. */
const polygamma_ = (self: Tensor, n: number): Tensor =>
  inPlace(self, (x) => record("PolygammaBackward1", [x], polygammaKernel(n, x), () => ({ n, self: x })));

/**
 * torch.mvlgamma(input, p): the multivariate log-gamma, computed as PyTorch's composite does: lgamma of
 * input + [(1 - p)/2, ..., -1/2, 0] summed over that last axis, plus p(p - 1)/4 log(pi).
 */
export function mvlgamma(input: Tensor, p: number): Tensor {
  checkMvlgamma(input, p);
  const dtype = floatingDtype(input.dtype, defaultFloatDtype());
  // PyTorch's arange of p offsets: p past memory is its allocator's error, not a JS RangeError.
  const offsets = allocate(dtype, p);
  for (let k = 0; k < p; k++) offsets[k] = -p * 0.5 + 0.5 + 0.5 * k;
  const args = binaryKernel("add", unsqueeze(input.detach(), -1), fromData(offsets, [p], dtype), dtype);
  const logs = sum(unaryKernel("lgamma", args, dtype), [-1]);
  const constant = p * (p - 1) * Math.log(Math.PI) * 0.25;
  const out = binaryKernel("add", logs, scalarTensor(constant, dtype), dtype);
  return record("MvlgammaBackward0", [input], out, () => ({ self: input, p }));
}

function checkMvlgamma(input: Tensor, p: number): void {
  if (input.dtype === bool) throw new RuntimeError("The input tensor may not be a boolean tensor.");
  if (p < 1) throw new RuntimeError("p has to be greater than or equal to 1");
}

/** mvlgamma_: PyTorch builds its offsets with arange in self's dtype, whose step 0.5 is 0 for integers. */
function mvlgamma_(self: Tensor, p: number): Tensor {
  checkMvlgamma(self, p);
  if (self.dtype.category !== Category.Floating) throw new RuntimeError("step must be nonzero");
  return inPlace(self, (x) => mvlgamma(x, p));
}

/** torch.logit(input, eps=None): log(x / (1 - x)), x first clamped to [eps, 1 - eps] when eps is given. */
export function logit(input: Tensor, eps: number | null = null): Tensor {
  const dtype = floatingDtype(input.dtype, defaultFloatDtype());
  const out = unaryKernel("logit", input, dtype, [eps === null ? -1 : dtype.cast(eps)]);
  return record("LogitBackward0", [input], out, () => ({ self: input, eps }));
}

/** xlogy and xlog1py: x * log(y) (log1p), 0 where x is 0; a number may stand for either operand. */
function xlogLike(op: "xlogy" | "xlog1py", input: TensorOrScalar, other: TensorOrScalar): Tensor {
  const dtype = floatingDtype(resultType([input, other]), defaultFloatDtype());
  const a = input instanceof Tensor ? input : scalarTensor(input, dtype);
  const b = other instanceof Tensor ? other : scalarTensor(other, dtype);
  const out = binaryKernel(op, a, b, dtype);
  const names = {
    xlogy: ["XlogyBackward0", "XlogyBackward1", "XlogyBackward2"],
    xlog1py: ["SpecialXlog1PyBackward0", "SpecialXlog1PyBackward1", "SpecialXlog1PyBackward2"],
  } as const;
  const [both, scalarSelf, scalarOther] = names[op];
  if (isScalar(input)) {
    const self = input as Scalar;
    return record(scalarSelf, [b], out, () => ({ self: Number(self), other: b }));
  }
  if (isScalar(other)) {
    const value = Number(other);
    return record(scalarOther, [a], out, () => ({ self: a, other: value }));
  }
  return record(both, [a, b], out, () => ({ self: a, other: b }));
}

export const xlogy = (input: TensorOrScalar, other: TensorOrScalar): Tensor =>
  xlogLike("xlogy", input, other);
export const xlog1py = (input: TensorOrScalar, other: TensorOrScalar): Tensor =>
  xlogLike("xlog1py", input, other);

defineOps(
  "torch",
  {
    "sinc(Tensor input, *, Tensor out=None) -> Tensor": sinc,
    "sinc_(Tensor input) -> Tensor": (self) => inPlace(self, sinc),
    "exp2(Tensor input, *, Tensor out=None) -> Tensor": exp2,
    "exp2_(Tensor input) -> Tensor": (self) => inPlace(self, exp2),
    "erfc(Tensor input, *, Tensor out=None) -> Tensor": erfc,
    "erfc_(Tensor input) -> Tensor": (self) => inPlace(self, erfc),
    "erfinv(Tensor input, *, Tensor out=None) -> Tensor": erfinv,
    "lgamma(Tensor input, *, Tensor out=None) -> Tensor": lgamma,
    "digamma(Tensor input, *, Tensor out=None) -> Tensor": digamma,
    "polygamma(int64_t n, Tensor input, *, Tensor out=None) -> Tensor": polygamma,
    "mvlgamma(Tensor input, int64_t p, *, Tensor out=None) -> Tensor": mvlgamma,
    "i0(Tensor input, *, Tensor out=None) -> Tensor": i0,
    "i0_(Tensor input) -> Tensor": (self) => inPlace(self, i0),
    "logit(Tensor input, double? eps=None, *, Tensor out=None) -> Tensor": logit,
    "logit_(Tensor input, double? eps=None) -> Tensor": (self, eps) => inPlace(self, (x) => logit(x, eps)),
    "xlogy(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": xlogy,
    "xlogy(Scalar self, Tensor other, *, Tensor out=None) -> Tensor": xlogy,
    "xlogy(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": xlogy,
    "xlogy_(Tensor input, Tensor other) -> Tensor": (self, other) => inPlace(self, (x) => xlogy(x, other)),
    "xlogy_(Tensor input, Scalar other) -> Tensor": (self, other) => inPlace(self, (x) => xlogy(x, other)),
  },
  { methods: true },
);

// In-place methods PyTorch has no torch.* function for.
defineMethods({
  "erfinv_() -> Tensor": (self) => inPlace(self, erfinv),
  "lgamma_() -> Tensor": (self) => inPlace(self, lgamma),
  "digamma_() -> Tensor": (self) => inPlace(self, digamma),
  "polygamma_(int64_t n) -> Tensor": polygamma_,
  "mvlgamma_(int64_t p) -> Tensor": mvlgamma_,
});

/** torch.special.round(input, *, decimals=0): always RoundBackward1 (the decimals overload). */
const specialRound = (input: Tensor, decimals: number): Tensor => roundDecimals(input, decimals);
const specialSoftmax = (input: Tensor, dim: number, dtype: DType | null): Tensor =>
  softmax(input, dim, dtype);
const specialLogSoftmax = (input: Tensor, dim: number, dtype: DType | null): Tensor =>
  log_softmax(input, dim, dtype);

const SPECIAL = {
  "special_expit(Tensor input, *, Tensor out=None) -> Tensor": sigmoid,
  "special_logit(Tensor input, double? eps=None, *, Tensor out=None) -> Tensor": logit,
  "special_erf(Tensor input, *, Tensor out=None) -> Tensor": erf,
  "special_erfc(Tensor input, *, Tensor out=None) -> Tensor": erfc,
  "special_erfinv(Tensor input, *, Tensor out=None) -> Tensor": erfinv,
  "special_erfcx(Tensor input, *, Tensor out=None) -> Tensor": erfcx,
  "special_gammaln(Tensor input, *, Tensor out=None) -> Tensor": lgamma,
  "special_digamma(Tensor input, *, Tensor out=None) -> Tensor": digamma,
  "special_psi(Tensor input, *, Tensor out=None) -> Tensor": digamma,
  "special_polygamma(int64_t n, Tensor input, *, Tensor out=None) -> Tensor": polygamma,
  "special_multigammaln(Tensor input, int64_t p, *, Tensor out=None) -> Tensor": mvlgamma,
  "special_xlogy(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": xlogy,
  "special_xlogy(Scalar self, Tensor other, *, Tensor out=None) -> Tensor": xlogy,
  "special_xlogy(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": xlogy,
  "special_xlog1py(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": xlog1py,
  "special_xlog1py(Scalar self, Tensor other, *, Tensor out=None) -> Tensor": xlog1py,
  "special_xlog1py(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": xlog1py,
  "special_log_softmax(Tensor input, int64_t dim, *, ScalarType? dtype=None) -> Tensor": specialLogSoftmax,
  "special_softmax(Tensor input, int64_t dim, ScalarType? dtype=None) -> Tensor": specialSoftmax,
  "special_logsumexp(Tensor input, IntArrayRef[1] dim, bool keepdim=False, *, Tensor out=None) -> Tensor":
    logsumexp,
  "special_i0(Tensor input, *, Tensor out=None) -> Tensor": i0,
  "special_i0e(Tensor input, *, Tensor out=None) -> Tensor": i0e,
  "special_i1(Tensor input, *, Tensor out=None) -> Tensor": i1,
  "special_i1e(Tensor input, *, Tensor out=None) -> Tensor": i1e,
  "special_sinc(Tensor input, *, Tensor out=None) -> Tensor": sinc,
  "special_entr(Tensor input, *, Tensor out=None) -> Tensor": entr,
  "special_round(Tensor input, *, int64_t decimals=0, Tensor out=None) -> Tensor": specialRound,
  "special_expm1(Tensor input, *, Tensor out=None) -> Tensor": expm1,
  "special_exp2(Tensor input, *, Tensor out=None) -> Tensor": exp2,
  "special_log1p(Tensor input, *, Tensor out=None) -> Tensor": log1p,
  "special_ndtr(Tensor input, *, Tensor out=None) -> Tensor": ndtr,
  "special_ndtri(Tensor input, *, Tensor out=None) -> Tensor": ndtri,
  "special_log_ndtr(Tensor input, *, Tensor out=None) -> Tensor": log_ndtr,
};

// torch.special.<name>: Python's errors print the C names ("special_expit()").
defineOps("torch.special", SPECIAL, {
  publicNames: Object.fromEntries(
    Object.keys(SPECIAL).map((text) => {
      const name = text.slice(0, text.indexOf("("));
      return [name, name.slice("special_".length)];
    }),
  ),
});
