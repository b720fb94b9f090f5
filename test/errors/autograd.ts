// The engine refusing a backward pass: nothing to differentiate, a non-scalar output without a gradient,
// a gradient of the wrong shape, a freed graph, an in-place write into a leaf that requires grad, into a
// view taken under no_grad, or into an expanded tensor; gradgradcheck with nothing to differentiate.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

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
    {
      name: "in-place into a view that requires grad of a plain leaf",
      py: "a = torch.tensor([1., 2., 3.]).reshape(3, 1).requires_grad_()\na[0] = 1",
      ts: () => torch.tensor([1.0, 2.0, 3.0]).reshape([3, 1]).requires_grad_().set(0, 1),
    },
    {
      name: "backward twice through a node that saved a tensor",
      py: "x = torch.ones(2, requires_grad=True)\ny = (x * 3).sum()\ny.backward()\ny.backward()",
      ts: () => {
        const x = torch.ones(2, { requires_grad: true });
        const y = x.mul(3).sum();
        y.backward();
        y.backward();
      },
    },
    {
      name: "in-place into a view taken under no_grad",
      py: "x = torch.ones(3, requires_grad=True)\nwith torch.no_grad():\n    v = x[:2]\nv.mul_(2)",
      ts: () => {
        const x = torch.ones(3, { requires_grad: true });
        const v = torch.no_grad(() => x.narrow(0, 0, 2));
        v.mul_(2);
      },
    },
    {
      py: "torch.zeros(1, 3).expand(2, 3).add_(1)",
      ts: () => torch.zeros(1, 3).expand(2, 3).add_(1),
    },
    {
      py: "torch.add(torch.ones(2, 3), 1, out=torch.zeros(3).expand(2, 3))",
      ts: () => torch.add(torch.ones(2, 3), 1, { out: torch.zeros(3).expand(2, 3) }),
    },
    {
      py: "torch.autograd.gradgradcheck(lambda t: t * 2, torch.ones(2, dtype=torch.float64))",
      ts: () =>
        torch.autograd.gradgradcheck((t: torch.Tensor) => t.mul(2), torch.ones(2, { dtype: torch.float64 })),
    },
    {
      name: "checkpoint with an unknown keyword",
      py: "from torch.utils.checkpoint import checkpoint\ncheckpoint(lambda h: h, torch.ones(2, requires_grad=True), foo=1)",
      ts: () =>
        torch.utils.checkpoint.checkpoint(
          (h: torch.Tensor) => h,
          torch.ones(2, { requires_grad: true }),
          bad({ foo: 1 }),
        ),
    },
    {
      name: "checkpoint of a non-callable",
      py: "from torch.utils.checkpoint import checkpoint\ncheckpoint('x', torch.ones(2, requires_grad=True))",
      ts: () => torch.utils.checkpoint.checkpoint(bad("x"), torch.ones(2, { requires_grad: true })),
    },
  ],
};
