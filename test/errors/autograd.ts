// The engine refusing a backward pass: nothing to differentiate, a non-scalar output without a gradient,
// a gradient of the wrong shape, a freed graph, an in-place write into a leaf that requires grad.
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const v = () => torch.tensor([1, 2], { requires_grad: true }).mul(2);

export const AUTOGRAD_ERRORS: ErrorTable = {
  setup: `
def v():
    return torch.tensor([1., 2.], requires_grad=True).mul(2)
`,
  rows: [
    { py: "torch.tensor(2.0).pow(2).backward()", ts: () => torch.tensor(2.0).pow(2).backward() },
    { py: "v().backward()", ts: () => v().backward() },
    { py: "v().backward(torch.ones(3))", ts: () => v().backward(torch.ones(3)) },
    {
      name: "backward twice",
      py: "y = torch.tensor(1.0, requires_grad=True).exp()\ny.backward()\ny.backward()",
      ts: () => {
        const y = torch.tensor(1.0, { requires_grad: true }).exp();
        y.backward();
        y.backward();
      },
    },
    {
      py: "torch.tensor(1.0, requires_grad=True).add_(1)",
      ts: () => torch.tensor(1.0, { requires_grad: true }).add_(1),
    },
  ],
};
