// torch.nn.functional's in-place activations, which functional.py binds to builtins: F.relu_ (torch.relu_),
// F.elu_, F.leaky_relu_ and F.hardtanh_ (torch._C._nn's: EluBackward1 and LeakyReluBackward1 read the
// result, the latter's row in derivatives/nn_activation_inplace.ts; hardtanh_ records HardtanhBackward0),
// F.celu_, F.selu_, F.rrelu_ (torch's) and F.threshold_ (_VF.threshold_).
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { Category } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { inPlace, record, scalarValue, unaryKernel, type Scalar } from "./core.js";
import { relu_ } from "./inplace.js";
import { celu_, rrelu_, selu_, threshold_ } from "./nn_activation.js";

function checkFloating(x: Tensor, kernel: string): void {
  if (x.dtype.category !== Category.Floating)
    throw new RuntimeError(`"${kernel}" not implemented for '${x.dtype.scalarTypeName}'`);
}

/** torch._C._nn.elu_(self, alpha=1, scale=1, input_scale=1). */
export function elu_(self: Tensor, alpha: Scalar = 1, scale: Scalar = 1, input_scale: Scalar = 1): Tensor {
  const [a, s, i] = [scalarValue(alpha), scalarValue(scale), scalarValue(input_scale)];
  return inPlace(self, (x) => {
    checkFloating(x, "elu_cpu");
    const cast = x.dtype.cast;
    const out = unaryKernel("elu", x, x.dtype, [cast(a), cast(s), cast(i)]);
    return record("EluBackward1", [x], out, () => ({ result: out, alpha: a, scale: s, inputScale: i }));
  });
}

/** torch._C._nn.leaky_relu_(self, negative_slope=0.01). */
export function leaky_relu_(self: Tensor, negative_slope: Scalar = 0.01): Tensor {
  const slope = scalarValue(negative_slope);
  return inPlace(self, (x) => {
    checkFloating(x, "leaky_relu_cpu");
    const out = unaryKernel("leaky_relu", x, x.dtype, [x.dtype.cast(slope)]);
    return record("LeakyReluBackward1", [x], out, () => ({ result: out, negativeSlope: slope }));
  });
}

/** torch._C._nn.hardtanh_(self, min_val=-1, max_val=1). */
export function hardtanh_(self: Tensor, min_val: Scalar = -1, max_val: Scalar = 1): Tensor {
  const [lo, hi] = [scalarValue(min_val), scalarValue(max_val)];
  return inPlace(self, (x) => {
    if (x.dtype.category === Category.Bool) throw new RuntimeError("Bool inputs not supported for hardtanh");
    const cast = x.dtype.cast;
    const out = unaryKernel("clamp", x, x.dtype, [cast(lo), cast(hi)]);
    // PyTorch names this node HardtanhBackward0, hardtanh's: its mask read from the result is the same.
    return record("HardtanhBackward0", [x], out, () => ({ self: out, minVal: lo, maxVal: hi }));
  });
}

// Builtins torch.nn.functional re-exports (their errors print these names).
defineOps("torch.nn.functional", {
  "relu_(Tensor input) -> Tensor": relu_,
  "elu_(Tensor input, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor": elu_,
  "leaky_relu_(Tensor input, Scalar negative_slope=0.01) -> Tensor": leaky_relu_,
  "hardtanh_(Tensor input, Scalar min_val=-1, Scalar max_val=1) -> Tensor": hardtanh_,
  "celu_(Tensor input, Scalar alpha=1.0) -> Tensor": celu_,
  "selu_(Tensor input) -> Tensor": selu_,
  "rrelu_(Tensor input, Scalar lower=0.125, Scalar upper=0.3333333333333333, bool training=False, Generator? generator=None) -> Tensor":
    rrelu_,
  "threshold_(Tensor input, Scalar threshold, Scalar value) -> Tensor": threshold_,
});
