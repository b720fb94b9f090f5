// Loss functions given bad input: targets out of range or of the wrong shape or dtype, reductions, weights.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const F = torch.nn.functional;
const x = () => torch.randn(3, 5);
const long = (a: number[]) => torch.tensor(a, { dtype: torch.int64 });

export const NN_LOSSES_ERRORS: ErrorTable = {
  setup: `
def x():
    return torch.randn(3, 5)
def long(a):
    return torch.tensor(a, dtype=torch.int64)
`,
  rows: [
    // The forwards promote an int64 target; the backward kernels refuse it (l1 and smooth_l1 promote in both).
    {
      py: "F.mse_loss(torch.zeros(3, requires_grad=True), long([1, 2, 3])).backward()",
      ts: () => F.mse_loss(torch.zeros(3, { requires_grad: true }), long([1, 2, 3])).backward(),
    },
    {
      py: "F.huber_loss(torch.zeros(3, requires_grad=True), long([1, 2, 3])).backward()",
      ts: () => F.huber_loss(torch.zeros(3, { requires_grad: true }), long([1, 2, 3])).backward(),
    },
    {
      py: "F.binary_cross_entropy(torch.full((3,), 0.5, requires_grad=True), long([1, 0, 1])).backward()",
      ts: () =>
        F.binary_cross_entropy(torch.full([3], 0.5, { requires_grad: true }), long([1, 0, 1])).backward(),
    },
    {
      py: "F.mse_loss(torch.zeros(3, dtype=torch.float64, requires_grad=True), torch.ones(3)).backward()",
      ts: () =>
        F.mse_loss(torch.zeros(3, { dtype: torch.float64, requires_grad: true }), torch.ones(3)).backward(),
    },
    { py: "F.nll_loss(x(), long([0, 5, 1]))", ts: () => F.nll_loss(x(), long([0, 5, 1])) },
    { py: "F.cross_entropy(x(), long([0, -1, 1]))", ts: () => F.cross_entropy(x(), long([0, -1, 1])) },
    { py: "F.nll_loss(x(), long([0, 1]))", ts: () => F.nll_loss(x(), long([0, 1])) },
    { py: "F.cross_entropy(x(), torch.rand(3, 4))", ts: () => F.cross_entropy(x(), torch.rand(3, 4)) },
    { py: "F.nll_loss(x(), torch.tensor([0., 1., 1.]))", ts: () => F.nll_loss(x(), torch.tensor([0, 1, 1])) },
    {
      py: "F.cross_entropy(x(), long([0, 1, 1]), reduction='mean1')",
      ts: () => F.cross_entropy(x(), long([0, 1, 1]), { reduction: bad("mean1") }),
    },
    {
      py: "F.nll_loss(x(), long([0, 1, 1]), weight=torch.ones(4))",
      ts: () => F.nll_loss(x(), long([0, 1, 1]), { weight: torch.ones(4) }),
    },
    {
      py: "F.cross_entropy(x(), torch.rand(3, 5), weight=torch.ones(4))",
      ts: () => F.cross_entropy(x(), torch.rand(3, 5), { weight: torch.ones(4) }),
    },
    {
      py: "F.cross_entropy(x(), long([0, 1, 1]), label_smoothing=1.5)",
      ts: () => F.cross_entropy(x(), long([0, 1, 1]), { label_smoothing: 1.5 }),
    },
    {
      py: "F.cross_entropy(x(), long([0, 1, 1]), label_smoothing=2)",
      ts: () => F.cross_entropy(x(), long([0, 1, 1]), { label_smoothing: 2 }),
    },
    {
      py: "F.nll_loss(torch.randn([]), long([1]).reshape([]))",
      ts: () => F.nll_loss(torch.randn([]), long([1]).reshape([])),
    },
    {
      py: "F.nll_loss(torch.randn(2, 3, 4), torch.zeros([2, 5], dtype=torch.int64))",
      ts: () => F.nll_loss(torch.randn(2, 3, 4), torch.zeros([2, 5], { dtype: torch.int64 })),
    },
    {
      py: "F.binary_cross_entropy(torch.tensor([0.5, 1.5]), torch.rand(2))",
      ts: () => F.binary_cross_entropy(torch.tensor([0.5, 1.5]), torch.rand(2)),
    },
    {
      py: "F.binary_cross_entropy(torch.rand(2), torch.rand(3))",
      ts: () => F.binary_cross_entropy(torch.rand(2), torch.rand(3)),
    },
    {
      py: "F.binary_cross_entropy_with_logits(torch.rand(2), torch.rand(3))",
      ts: () => F.binary_cross_entropy_with_logits(torch.rand(2), torch.rand(3)),
    },
    {
      py: "F.kl_div(torch.rand(2), torch.rand(2), reduction='foo')",
      ts: () => F.kl_div(torch.rand(2), torch.rand(2), { reduction: bad("foo") }),
    },
    {
      py: "F.nll_loss(x().requires_grad_(True), long([0, 1, 1]), weight=torch.ones(5).requires_grad_(True))",
      ts: () =>
        F.nll_loss(x().requires_grad_(true), long([0, 1, 1]), { weight: torch.ones(5).requires_grad_(true) }),
    },
  ],
};
