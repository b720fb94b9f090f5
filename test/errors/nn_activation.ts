// The activations of src/ops/nn_activation.ts and their modules given bad input: dtypes their CPU kernels
// lack, glu's halving, prelu's weight, the bounds of softshrink, rrelu, celu and nn.Hardtanh.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const { nn } = torch;
const F = nn.functional;
const ints = () => torch.tensor([1n, -2n, 3n]);
const ones = (...shape: number[]) => torch.ones(shape);

export const NN_ACTIVATION_ERRORS: ErrorTable = {
  setup: `
def ints():
    return torch.tensor([1, -2, 3])
ones = torch.ones
`,
  rows: [
    { py: "F.hardtanh(torch.tensor([True]))", ts: () => F.hardtanh(torch.tensor([true])) },
    {
      py: "torch.threshold(torch.tensor([True]), 0, 1)",
      ts: () => torch.threshold(torch.tensor([true]), 0, 1),
    },
    { py: "F.hardshrink(ints())", ts: () => F.hardshrink(ints()) },
    { py: "F.softshrink(ints())", ts: () => F.softshrink(ints()) },
    { py: "F.softshrink(ones(3), -1.0)", ts: () => F.softshrink(ones(3), -1) },
    { py: "F.softshrink(ones(3), -0.25)", ts: () => F.softshrink(ones(3), -0.25) },
    { py: "F.hardsigmoid(ints())", ts: () => F.hardsigmoid(ints()) },
    { py: "F.hardswish(ints())", ts: () => F.hardswish(ints()) },
    { py: "F.mish(ints())", ts: () => F.mish(ints()) },
    { py: "F.selu(ints())", ts: () => F.selu(ints()) },
    { py: "F.celu(ints())", ts: () => F.celu(ints()) },
    { py: "F.celu(ones(3), 0.0)", ts: () => F.celu(ones(3), 0) },
    { py: "F.rrelu(ints())", ts: () => F.rrelu(ints()) },
    { py: "F.rrelu(ones(3), 0.5, 0.2, True)", ts: () => F.rrelu(ones(3), 0.5, 0.2, true) },
    { py: "F.glu(ones(3))", ts: () => F.glu(ones(3)) },
    { py: "F.glu(ones(2, 3), 1)", ts: () => F.glu(ones(2, 3), 1) },
    { py: "F.glu(torch.tensor(1.0))", ts: () => F.glu(torch.tensor(1)) },
    { py: "F.glu(ones(4), 1)", ts: () => F.glu(ones(4), 1) },
    { py: "F.glu(ints().repeat(2))", ts: () => F.glu(ints().repeat(2)) },
    { py: "F.prelu(ones(3), ones(2))", ts: () => F.prelu(ones(3), ones(2)) },
    { py: "F.prelu(ones(2, 3), ones(2))", ts: () => F.prelu(ones(2, 3), ones(2)) },
    { py: "F.prelu(ones(2, 3), ones(1, 3))", ts: () => F.prelu(ones(2, 3), ones(1, 3)) },
    { py: "F.prelu(ints(), ones(1))", ts: () => F.prelu(ints(), ones(1)) },
    { py: "F.prelu(torch.tensor(-2.0), ones(3))", ts: () => F.prelu(torch.tensor(-2), ones(3)) },
    { py: "F.softsign(1.5)", ts: () => F.softsign(bad(1.5)) },
    { py: "F.tanhshrink(2)", ts: () => F.tanhshrink(bad(2)) },
    { py: "nn.Hardtanh(1.0, -1.0)", ts: () => new nn.Hardtanh(1, -1) },
    { py: "nn.Hardtanh(0.5, 0.5)", ts: () => new nn.Hardtanh(0.5, 0.5) },
    { py: "nn.GLU()(torch.tensor(2.0))", ts: () => new nn.GLU().forward(torch.tensor(2)) },
  ],
};
