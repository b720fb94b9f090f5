// Derivatives of src/ops/histogram.ts and histogramdd.ts: none. PyTorch 1.13 records a
// torch::autograd::NotImplemented node over every differentiable input (self, weight, each tensor of bin edges),
// whose backward raises for whichever of them needs a gradient.
import { derivative } from "../../autograd/derivative.js";
import { RuntimeError } from "../../errors.js";

export const HISTOGRAM_DERIVATIVES = {
  "torch::autograd::NotImplemented@inputs": derivative<{ op: string }>({
    "inputs[]": [
      "not_implemented(op)",
      (_g, s) => {
        throw new RuntimeError(`derivative for aten::${s.op} is not implemented`);
      },
    ],
  }),
};
