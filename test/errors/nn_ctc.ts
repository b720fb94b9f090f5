// F.ctc_loss, torch.ctc_loss and nn.CTCLoss given bad input: ctc_loss_cpu's argument checks (dims, blank, the
// lengths, the targets' sizes), lengths of a floating dtype, log_probs of an integer dtype, the reduction, and
// double backward (_ctc_loss_backward has no derivative).
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const F = torch.nn.functional;
const lp = (...shape: number[]) => torch.randn(shape).log_softmax(-1);
const long = (v: number[] | number[][]) => torch.tensor(v, { dtype: torch.int64 });
const tg = () =>
  long([
    [1, 2, 2],
    [3, 1, 1],
  ]);

export const NN_CTC_ERRORS: ErrorTable = {
  setup: `
def lp(*shape):
    return torch.randn(shape).log_softmax(-1)
def long(v):
    return torch.tensor(v, dtype=torch.int64)
def tg():
    return long([[1, 2, 2], [3, 1, 1]])
`,
  rows: [
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [3, 2], blank=5)",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [3, 2], { blank: 5 }),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [3, 2], blank=-1)",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [3, 2], { blank: -1 }),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg(), [6], [3, 2])",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg(), [6], [3, 2]),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [3, 2, 1])",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [3, 2, 1]),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg(), [7, 5], [3, 2])",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg(), [7, 5], [3, 2]),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [4, 2])",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [4, 2]),
    },
    {
      py: "F.ctc_loss(lp(6, 3, 5), tg(), [6, 5, 4], [3, 2, 1])",
      ts: () => F.ctc_loss(lp(6, 3, 5), tg(), [6, 5, 4], [3, 2, 1]),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), long([1, 2, 3, 4]), [6, 5], [3, 2])",
      ts: () => F.ctc_loss(lp(6, 2, 5), long([1, 2, 3, 4]), [6, 5], [3, 2]),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg().reshape(2, 3, 1), [6, 5], [3, 2])",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg().reshape(2, 3, 1), [6, 5], [3, 2]),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5, 1), tg(), [6, 5], [3, 2])",
      ts: () => F.ctc_loss(lp(6, 2, 5, 1), tg(), [6, 5], [3, 2]),
    },
    { py: "F.ctc_loss(lp(6), tg(), [6, 5], [3, 2])", ts: () => F.ctc_loss(lp(6), tg(), [6, 5], [3, 2]) },
    {
      py: "F.ctc_loss(torch.zeros(6, 2, 5, dtype=torch.long), tg(), [6, 5], [3, 2])",
      ts: () => F.ctc_loss(torch.zeros([6, 2, 5], { dtype: torch.int64 }), tg(), [6, 5], [3, 2]),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg(), torch.tensor([6., 5.]), long([3, 2]))",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg(), torch.tensor([6, 5], { dtype: torch.float32 }), long([3, 2])),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg(), long([6, 5]), torch.tensor([3., 2.]))",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg(), long([6, 5]), torch.tensor([3, 2], { dtype: torch.float32 })),
    },
    {
      py: "F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [3, 2], reduction='avg')",
      ts: () => F.ctc_loss(lp(6, 2, 5), tg(), [6, 5], [3, 2], { reduction: bad("avg") }),
    },
    {
      name: "double backward",
      py: `
x = lp(6, 2, 5).requires_grad_()
g, = torch.autograd.grad(F.ctc_loss(x, tg(), [6, 5], [3, 2]), x, create_graph=True)
g.sum().backward()`,
      ts: () => {
        const x = lp(6, 2, 5).requires_grad_();
        const [g] = torch.autograd.grad(F.ctc_loss(x, tg(), [6, 5], [3, 2]), x, { create_graph: true });
        g!.sum().backward();
      },
    },
    {
      py: "nn.CTCLoss(blank=3)(lp(6, 2, 3), tg(), [6, 5], [3, 2])",
      ts: () => new torch.nn.CTCLoss({ blank: 3 }).forward(lp(6, 2, 3), tg(), [6, 5], [3, 2]),
    },
  ],
};
