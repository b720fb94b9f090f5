// In-place ops on complex tensors (docs/complex.md): each runs its complex out-of-place op through inPlace
// (src/ops/core.ts), which writes the result into self (writeInto knows complex storage) and rebases self's
// history on the op's node, as PyTorch's in-place variants do (x.mul_(y) has MulBackward0). fill_, zero_ and
// copy_ make their values here and record PyTorch's FillBackward2, ZeroBackward0 and CopyBackwards.
import { RuntimeError } from "../errors.js";
import { is_grad_enabled } from "../tensor/grad_mode_state.js";
import { defineComplex, notImplementedFor } from "../signatures/complex_dispatch.js";

import { allocate, type DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { no_grad } from "../autograd/grad_mode.js";
import { asComplex, complexAdd, complexDiv, complexMul, complexNeg, complexToDtype } from "./complex.js";
import { complexReciprocal } from "./complex_index.js";
import {
  complexCos,
  complexExp,
  complexLog,
  complexPowScalar,
  complexPowTensor,
  complexSigmoid,
  complexSin,
  complexSqrt,
  complexTanh,
} from "./complex_math.js";
import { fromData, inPlace, record, type Scalar } from "./core.js";

type Operand = Tensor | Scalar;

/**
 * An in-place op on a view of a complex tensor in a graph rebases the base's history on a CopySlices node, whose
 * backward (src/autograd/view_inplace.ts) reads complex gradients as real ones: refused, rather than wrong.
 */
function checkView(name: string, self: Tensor, others: readonly unknown[]): void {
  if (self._base === null || !is_grad_enabled()) return;
  const graph =
    self._base.requires_grad || [self, ...others].some((o) => o instanceof Tensor && o.requires_grad);
  if (graph) throw notImplementedFor(`${name} (in place on a view that requires grad)`, self.dtype);
}

/** self op= other for add_ / sub_ (with alpha, also the deprecated `add_(alpha, other)` order), mul_, div_. */
function binaryInPlace(op: "add" | "sub" | "mul" | "div", args: unknown[]): Tensor {
  const self = args[0] as Tensor;
  let other = args[1] as Operand;
  let alpha = (args[2] as Scalar | undefined) ?? 1;
  if ((op === "add" || op === "sub") && !(other instanceof Tensor) && args[2] instanceof Tensor)
    [other, alpha] = [args[2], args[1] as Scalar];
  checkView(`${op}_`, self, [other]);
  if (op === "div" && args.length > 2 && args[2] !== null && args[2] !== undefined)
    throw new RuntimeError(`"div_${String(args[2])}" not implemented for '${self.dtype.scalarTypeName}'`);
  return inPlace(self, (x) => {
    if (op === "add" || op === "sub") return complexAdd(x, other, alpha, op);
    return op === "mul" ? complexMul(x, other) : complexDiv(x, other);
  });
}

/** A complex tensor of x's shape and dtype holding `value` (imaginary part 0), without a graph. */
function filledLike(x: Tensor, value: number): Tensor {
  const data = allocate(x.dtype, x.numel());
  for (let i = 0; i < data.length; i += 2) data[i] = value;
  return fromData(data, x.shape, x.dtype);
}

/** Tensor.fill_(value) of a complex tensor with a number (FillBackward2). */
export function complexFill_(self: Tensor, value: Scalar | Tensor): Tensor {
  checkView("fill_", self, []);
  if (value instanceof Tensor) throw new RuntimeError("tensorgrad: fill_ of a complex tensor takes a number");
  return inPlace(self, (x) => record("FillBackward2", [x], filledLike(x, Number(value)), () => ({})), {
    allowOverlap: true,
  });
}

/** Tensor.zero_() of a complex tensor (ZeroBackward0). */
export function complexZero_(self: Tensor): Tensor {
  checkView("zero_", self, []);
  return inPlace(self, (x) => record("ZeroBackward0", [x], filledLike(x, 0), () => ({})), {
    allowOverlap: true,
  });
}

/** Tensor.copy_(src) where self or src is complex: src's values in self's dtype (CopyBackwards). */
export function complexCopy_(self: Tensor, src: Tensor): Tensor {
  checkView("copy_", self, [src]);
  return inPlace(self, (x) => {
    const values = no_grad(() => {
      const expanded = src
        .detach()
        .expand(x.shape as number[])
        .contiguous();
      return x.dtype.is_complex ? asComplex(expanded, x.dtype) : complexToDtype(expanded, x.dtype);
    });
    const out = fromData(values.contiguous().values() as never, x.shape, x.dtype);
    return record("torch::autograd::CopyBackwards", [x, src], copyOf(out, x.dtype), () => ({}));
  });
}

/** A fresh tensor of `dtype` with t's values (interleaved storage for complex). */
function copyOf(t: Tensor, dtype: DType): Tensor {
  if (!dtype.is_complex) return t;
  const c = t.contiguous();
  return fromData(c._storage.data.slice(2 * c._offset, 2 * (c._offset + c.numel())), c.shape, dtype);
}

const UNARY: Record<string, (x: Tensor) => Tensor> = {
  exp_: complexExp,
  log_: complexLog,
  sqrt_: complexSqrt,
  sin_: complexSin,
  cos_: complexCos,
  tanh_: complexTanh,
  sigmoid_: complexSigmoid,
  reciprocal_: complexReciprocal,
  neg_: complexNeg,
};
const both = (name: string) => [`torch:${name}`, `Tensor:${name}`];
for (const [name, fn] of Object.entries(UNARY))
  defineComplex(both(name), ([self]) => {
    checkView(name, self as Tensor, []);
    return inPlace(self as Tensor, (x) => fn(x));
  });
for (const op of ["add", "sub", "mul", "div"] as const)
  defineComplex([`Tensor:${op}_`], (args) => binaryInPlace(op, args));
defineComplex(["Tensor:pow_"], ([self, exponent]) => {
  checkView("pow_", self as Tensor, [exponent]);
  return inPlace(self as Tensor, (x) =>
    exponent instanceof Tensor ? complexPowTensor(x, exponent) : complexPowScalar(x, Number(exponent)),
  );
});
defineComplex(both("fill_"), ([self, value]) => complexFill_(self as Tensor, value as Scalar | Tensor));
defineComplex(both("zero_"), ([self]) => complexZero_(self as Tensor));
defineComplex(["Tensor:copy_"], ([self, src]) =>
  complexCopy_(self as Tensor, src instanceof Tensor ? src : filledLike(self as Tensor, Number(src))),
);
