// More factories of RangeFactories.cpp and TensorFactories.cpp: torch.logspace, the deprecated torch.range
// (with PyTorch's warning), torch.scalar_tensor, and the torch.detach / torch.detach_ functions.
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { withRequiresGrad } from "../tensor/creation.js";
import { allocate, bool, Category, defaultFloatDtype, int64, type DType } from "../tensor/dtype.js";
import type { Device, Layout } from "../tensor/device.js";
import { detach, detach_, Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import type { Scalar } from "./core.js";
import { checkOptions } from "./creation.js";

type Options = [DType | null, Layout | null, Device | null, boolean | null, boolean | null];

function filled(n: number, dtype: DType, value: (i: number) => number): Tensor {
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = dtype.cast(value(i));
  return Tensor._fromData(data, [n], dtype);
}

/** A Scalar as `scalar_t` reads it (Scalar::to<scalar_t>): integer types truncate. */
const scalarAs = (v: Scalar, dtype: DType) => dtype.cast(Number(v));

/**
 * torch.logspace(start, end, steps, base): base ** linspace(start, end, steps), the first half counted from
 * start and the second from end, each power in double (float32 base for integer dtypes) and then cast.
 */
export function logspace(
  start: Scalar,
  end: Scalar,
  steps: number,
  base: number,
  ...[dtype, layout, device, pin, requiresGrad]: Options
): Tensor {
  checkOptions(layout, device, pin);
  if (steps < 0) throw new RuntimeError("number of steps must be non-negative");
  const target = dtype ?? defaultFloatDtype();
  if (target === bool) throw new RuntimeError(`"logspace_cpu" not implemented for 'Bool'`);
  const b = target.category === Category.Integral ? Math.fround(base) : base;
  let out: Tensor;
  if (steps === 1) out = filled(1, target, () => Math.pow(base, Number(start)));
  else {
    const s = scalarAs(start, target);
    const e = scalarAs(end, target);
    const step = (e - s) / (steps - 1);
    const halfway = Math.trunc(steps / 2);
    out = filled(steps, target, (i) => Math.pow(b, i < halfway ? s + step * i : e - step * (steps - i - 1)));
  }
  return withRequiresGrad(out, requiresGrad);
}

const RANGE_DEPRECATED =
  "torch.range is deprecated and will be removed in a future release because its behavior is inconsistent " +
  "with Python's range builtin. Instead, use torch.arange, which produces values in [start, end).";

/** torch.range(start, end, step=1): [start, end] inclusive, deprecated with PyTorch's warning. */
export function range(
  start: Scalar,
  end: Scalar,
  step: Scalar,
  ...[dtype, layout, device, pin, rg]: Options
): Tensor {
  emitWarning(RANGE_DEPRECATED);
  checkOptions(layout, device, pin);
  const target = dtype ?? defaultFloatDtype();
  if (target === bool) throw new RuntimeError(`"range_cpu" not implemented for 'Bool'`);
  // accscalar_t: double for floating results, int64 for integer ones.
  const acc = target.category === Category.Integral ? int64 : target === bool ? int64 : null;
  const read = (v: Scalar) => (acc !== null ? acc.cast(Number(v)) : Number(v));
  const [x0, x1, dx] = [read(start), read(end), read(step)];
  if (!(dx > 0 || dx < 0)) throw new RuntimeError("step must be nonzero");
  if (!Number.isFinite(x0) || !Number.isFinite(x1))
    throw new RuntimeError(`unsupported range: ${x0} -> ${x1}`);
  if (!((dx > 0 && x1 >= x0) || (dx < 0 && x1 <= x0)))
    throw new RuntimeError("upper bound and lower bound inconsistent with step sign");
  const size = Math.trunc((x1 - x0) / dx + 1);
  return withRequiresGrad(
    filled(size, target, (i) => x0 + i * dx),
    rg,
  );
}

/** torch.scalar_tensor(s): a 0-dim tensor of s, in the default float dtype unless told. */
export function scalar_tensor(s: Scalar, ...[dtype, layout, device, pin, rg]: Options): Tensor {
  checkOptions(layout, device, pin);
  const target = dtype ?? defaultFloatDtype();
  const data = allocate(target, 1);
  data[0] = target.cast(Number(s));
  return withRequiresGrad(Tensor._fromData(data, [], target), rg);
}

defineOps("torch", {
  "logspace(Scalar start, Scalar end, int64_t steps, double base=10.0, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    logspace,
  // Bound by hand in PyTorch (python_torch_functions_manual.cpp): one parser signature, with a Layout that
  // must not be None and no pin_memory (native_functions.yaml's overloads are never seen from Python).
  "range(Scalar start, Scalar end, Scalar step=1, *, Tensor out=None, ScalarType? dtype=None, Layout layout=torch.strided, Device? device=None, bool? requires_grad=False) -> Tensor":
    (start, end, step, dtype, layout, device, requiresGrad) =>
      range(start, end, step, dtype, layout, device, false, requiresGrad),
  "scalar_tensor(Scalar s, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    scalar_tensor,
  "detach(Tensor input) -> Tensor": detach,
  "detach_(Tensor input) -> Tensor": detach_,
});
