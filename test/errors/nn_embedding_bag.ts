// F.embedding_bag, torch.embedding_bag and nn.EmbeddingBag given bad input: functional.py's ValueErrors, ATen's
// argument checks (dtypes, offsets, per_sample_weights, padding_idx) and indices outside the table.
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const F = torch.nn.functional;
const w = () => torch.randn(7, 3);
const long = (v: number[]) => torch.tensor(v, { dtype: torch.int64 });
const idx = () => long([1, 2, 4, 5]);
const offs = () => long([0, 2]);

export const NN_EMBEDDING_BAG_ERRORS: ErrorTable = {
  setup: `
def w():
    return torch.randn(7, 3)
def long(v):
    return torch.tensor(v, dtype=torch.int64)
def idx():
    return long([1, 2, 4, 5])
def offs():
    return long([0, 2])
`,
  rows: [
    { py: "F.embedding_bag(idx(), w())", ts: () => F.embedding_bag(idx(), w()) },
    {
      py: "F.embedding_bag(idx(), w(), long([[0, 2]]))",
      ts: () => F.embedding_bag(idx(), w(), long([0, 2]).reshape(1, 2)),
    },
    {
      py: "F.embedding_bag(long([[1, 2], [3, 4]]), w(), offs())",
      ts: () => F.embedding_bag(long([1, 2, 3, 4]).reshape(2, 2), w(), offs()),
    },
    {
      py: "F.embedding_bag(long([1, 2]).reshape(1, 1, 2), w(), offs())",
      ts: () => F.embedding_bag(long([1, 2]).reshape(1, 1, 2), w(), offs()),
    },
    {
      py: "F.embedding_bag(idx(), w(), offs(), mode='min')",
      ts: () => F.embedding_bag(idx(), w(), offs(), { mode: "min" }),
    },
    {
      py: "F.embedding_bag(idx(), w(), offs(), mode='max', scale_grad_by_freq=True)",
      ts: () => F.embedding_bag(idx(), w(), offs(), { mode: "max", scale_grad_by_freq: true }),
    },
    {
      py: "F.embedding_bag(idx(), w(), offs(), mode='max', sparse=True)",
      ts: () => F.embedding_bag(idx(), w(), offs(), { mode: "max", sparse: true }),
    },
    {
      py: "F.embedding_bag(idx(), w(), offs(), per_sample_weights=torch.ones(3))",
      ts: () => F.embedding_bag(idx(), w(), offs(), { per_sample_weights: torch.ones(3) }),
    },
    {
      py: "F.embedding_bag(idx(), w(), offs(), per_sample_weights=torch.ones(4))",
      ts: () => F.embedding_bag(idx(), w(), offs(), { per_sample_weights: torch.ones(4) }),
    },
    {
      py: "F.embedding_bag(idx(), w(), offs(), mode='sum', per_sample_weights=torch.ones(4, dtype=torch.float64))",
      ts: () =>
        F.embedding_bag(idx(), w(), offs(), {
          mode: "sum",
          per_sample_weights: torch.ones(4, { dtype: torch.float64 }),
        }),
    },
    {
      py: "F.embedding_bag(long([1, 2, 9, 3]), w(), offs())",
      ts: () => F.embedding_bag(long([1, 2, 9, 3]), w(), offs()),
    },
    {
      py: "F.embedding_bag(long([1, 2, 3, -1]), w(), offs(), mode='sum')",
      ts: () => F.embedding_bag(long([1, 2, 3, -1]), w(), offs(), { mode: "sum" }),
    },
    {
      py: "F.embedding_bag(long([1, 2, 9, 3]), w(), offs(), mode='max')",
      ts: () => F.embedding_bag(long([1, 2, 9, 3]), w(), offs(), { mode: "max" }),
    },
    {
      py: "F.embedding_bag(long([1, 2, 7, 3]), w(), offs(), padding_idx=1)",
      ts: () => F.embedding_bag(long([1, 2, 7, 3]), w(), offs(), { padding_idx: 1 }),
    },
    {
      py: "F.embedding_bag(long([1, 2, 7, 3]), w().double(), offs(), mode='sum')",
      ts: () => F.embedding_bag(long([1, 2, 7, 3]), w().double(), offs(), { mode: "sum" }),
    },
    { py: "F.embedding_bag(idx(), w(), long([1, 2]))", ts: () => F.embedding_bag(idx(), w(), long([1, 2])) },
    {
      py: "F.embedding_bag(idx(), w(), torch.tensor([1, 2], dtype=torch.int32))",
      ts: () => F.embedding_bag(idx(), w(), torch.tensor([1, 2], { dtype: torch.int32 })),
    },
    { py: "F.embedding_bag(idx(), w(), long([0, 5]))", ts: () => F.embedding_bag(idx(), w(), long([0, 5])) },
    {
      py: "F.embedding_bag(idx(), w().int(), offs())",
      ts: () => F.embedding_bag(idx(), w().int(), offs()),
    },
    {
      py: "F.embedding_bag(torch.tensor([1., 2.]), w(), offs())",
      ts: () => F.embedding_bag(torch.tensor([1, 2], { dtype: torch.float32 }), w(), offs()),
    },
    {
      py: "F.embedding_bag(idx(), w(), offs(), padding_idx=7)",
      ts: () => F.embedding_bag(idx(), w(), offs(), { padding_idx: 7 }),
    },
    {
      py: "F.embedding_bag(idx(), w(), long([]), include_last_offset=True)",
      ts: () => F.embedding_bag(idx(), w(), long([]), { include_last_offset: true }),
    },
    {
      py: "torch.embedding_bag(w(), idx(), offs(), False, 1, False, torch.ones(4), False, None)",
      ts: () => torch.embedding_bag(w(), idx(), offs(), false, 1, false, torch.ones(4), false, null),
    },
    {
      py: "torch.embedding_bag(w(), idx(), long([[0, 2]]), False, 1, False, None, False, None)",
      ts: () =>
        torch.embedding_bag(w(), idx(), long([0, 2]).reshape(1, 2), false, 1, false, null, false, null),
    },
    {
      py: "F.embedding_bag(idx(), w(), offs(), mode='sum', per_sample_weights=torch.ones(4, requires_grad=True))",
      ts: () =>
        F.embedding_bag(idx(), w(), offs(), {
          mode: "sum",
          per_sample_weights: torch.ones(4, { requires_grad: true }),
        }),
    },
    {
      name: "double backward through the weight's gradient",
      py: `
wt = w().requires_grad_()
g, = torch.autograd.grad(F.embedding_bag(idx(), wt, offs()), wt, torch.ones(2, 3, requires_grad=True), create_graph=True)
g.sum().backward()`,
      ts: () => {
        const wt = w().requires_grad_();
        const [g] = torch.autograd.grad(
          F.embedding_bag(idx(), wt, offs()),
          wt,
          torch.ones(2, 3, { requires_grad: true }),
          {
            create_graph: true,
          },
        );
        g!.sum().backward();
      },
    },
    {
      name: "double backward through per_sample_weights' gradient",
      py: `
wt = w().requires_grad_()
p = torch.ones(4, requires_grad=True)
g, = torch.autograd.grad(F.embedding_bag(idx(), wt, offs(), mode='sum', per_sample_weights=p).sum(), p, create_graph=True)
g.sum().backward()`,
      ts: () => {
        const wt = w().requires_grad_();
        const p = torch.ones(4, { requires_grad: true });
        const out = F.embedding_bag(idx(), wt, offs(), { mode: "sum", per_sample_weights: p });
        const [g] = torch.autograd.grad(out.sum(), p, { create_graph: true });
        g!.sum().backward();
      },
    },
    {
      py: "nn.EmbeddingBag(5, 2, padding_idx=5)",
      ts: () => new torch.nn.EmbeddingBag(5, 2, { padding_idx: 5 }),
    },
    {
      py: "nn.EmbeddingBag(5, 2, _weight=torch.ones(4, 2))",
      ts: () => new torch.nn.EmbeddingBag(5, 2, { _weight: torch.ones(4, 2) }),
    },
    {
      py: "nn.EmbeddingBag.from_pretrained(torch.ones(4))",
      ts: () => torch.nn.EmbeddingBag.from_pretrained(torch.ones(4)),
    },
    {
      py: "nn.Embedding.from_pretrained(torch.ones(4))",
      ts: () => torch.nn.Embedding.from_pretrained(torch.ones(4)),
    },
    {
      py: "nn.EmbeddingBag(5, 2, mode='min')(idx()[:2], long([0]))",
      ts: () => new torch.nn.EmbeddingBag(5, 2, { mode: "min" }).forward(long([1, 2]), long([0])),
    },
  ],
};
