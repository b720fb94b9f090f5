// Sorting, selection, quantiles, binning and unique given bad input: k out of range, empty dims, dtypes
// PyTorch's kernels refuse, bad q and interpolation, mismatched boundaries and sorters, and the backward of
// unique, which PyTorch 1.13 declares not implemented.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const x = () => torch.randn(3, 4);
const flags = () => torch.tensor([true, false, true]);
const ints = () => torch.tensor([1n, 2n, 3n]);
const sorted = () => torch.tensor([1, 2, 3]);

export const SORTING_ERRORS: ErrorTable = {
  setup: `
def x():
    return torch.randn(3, 4)
def flags():
    return torch.tensor([True, False, True])
def ints():
    return torch.tensor([1, 2, 3])
def sorted():
    return torch.tensor([1., 2., 3.])
`,
  rows: [
    {
      name: "sort(stable=None)",
      py: "torch.sort(x(), stable=None)",
      ts: () => torch.sort(x(), { stable: bad(null) }),
    },
    { name: "sort(dim=2)", py: "x().sort(2)", ts: () => x().sort(2) },
    {
      name: "argsort(stable=None)",
      py: "torch.argsort(x(), stable=None)",
      ts: () => torch.argsort(x(), { stable: bad(null) }),
    },
    { name: "topk of bools", py: "torch.topk(flags(), 1)", ts: () => torch.topk(flags(), 1) },
    { name: "topk(k=5) of 4", py: "x().topk(5)", ts: () => x().topk(5) },
    { name: "topk(k=-1)", py: "x().topk(-1)", ts: () => x().topk(-1) },
    { name: "kthvalue(k=5) of 4", py: "x().kthvalue(5)", ts: () => x().kthvalue(5) },
    { name: "kthvalue(k=0)", py: "torch.kthvalue(x(), 0, 0)", ts: () => torch.kthvalue(x(), 0, 0) },
    { name: "kthvalue of bools", py: "flags().kthvalue(1)", ts: () => flags().kthvalue(1) },
    {
      name: "kthvalue over an empty dim",
      py: "torch.kthvalue(torch.empty(2, 0), 1, 1)",
      ts: () => torch.kthvalue(torch.empty(2, 0), 1, 1),
    },
    { name: "median of bools", py: "flags().median()", ts: () => flags().median() },
    { name: "median(dim) of bools", py: "flags().median(0)", ts: () => flags().median(0) },
    { name: "nanmedian of bools", py: "flags().nanmedian()", ts: () => flags().nanmedian() },
    {
      name: "median over an empty dim",
      py: "torch.median(torch.empty(2, 0), 1)",
      ts: () => torch.median(torch.empty(2, 0), 1),
    },
    {
      name: "nanmedian over an empty dim",
      py: "torch.nanmedian(torch.empty(2, 0), 1)",
      ts: () => torch.nanmedian(torch.empty(2, 0), 1),
    },
    { name: "mode over an empty dim", py: "torch.empty(2, 0).mode(1)", ts: () => torch.empty(2, 0).mode(1) },
    { name: "mode(dim=3)", py: "x().mode(3)", ts: () => x().mode(3) },
    { name: "quantile of ints", py: "torch.quantile(ints(), 0.5)", ts: () => torch.quantile(ints(), 0.5) },
    { name: "quantile(q=1.5)", py: "torch.quantile(x(), 1.5)", ts: () => torch.quantile(x(), 1.5) },
    {
      name: "quantile with a q tensor out of range",
      py: "x().quantile(torch.tensor([0.5, 1.5]))",
      ts: () => x().quantile(torch.tensor([0.5, 1.5])),
    },
    {
      name: "quantile with a 2-D q",
      py: "torch.quantile(x(), torch.full((2, 2), 0.5))",
      ts: () => torch.quantile(x(), torch.full([2, 2], 0.5)),
    },
    {
      name: "quantile with a float64 q",
      py: "torch.quantile(x(), torch.tensor([0.5], dtype=torch.float64))",
      ts: () => torch.quantile(x(), torch.tensor([0.5], { dtype: torch.float64 })),
    },
    {
      name: "quantile(interpolation='foo')",
      py: "torch.quantile(x(), 0.5, interpolation='foo')",
      ts: () => torch.quantile(x(), 0.5, { interpolation: "foo" }),
    },
    {
      name: "quantile of nothing",
      py: "torch.quantile(torch.empty(0), 0.5)",
      ts: () => torch.quantile(torch.empty(0), 0.5),
    },
    {
      name: "quantile with an out of another dtype",
      py: "torch.quantile(x(), 0.5, out=torch.empty(0, dtype=torch.float64))",
      ts: () => torch.quantile(x(), 0.5, { out: torch.empty(0, { dtype: torch.float64 }) }),
    },
    {
      name: "quantile(q=1.5) with an out of another dtype",
      py: "torch.quantile(x(), 1.5, out=torch.empty(0, dtype=torch.float64))",
      ts: () => torch.quantile(x(), 1.5, { out: torch.empty(0, { dtype: torch.float64 }) }),
    },
    {
      name: "nanquantile(q=-0.25)",
      py: "torch.nanquantile(x(), -0.25)",
      ts: () => torch.nanquantile(x(), -0.25),
    },
    {
      name: "searchsorted with rows that do not match",
      py: "torch.searchsorted(torch.tensor([[1., 2]]), sorted())",
      ts: () => torch.searchsorted(torch.tensor([[1, 2]]), sorted()),
    },
    {
      name: "searchsorted(side='foo')",
      py: "torch.searchsorted(sorted(), sorted(), side='foo')",
      ts: () => torch.searchsorted(sorted(), sorted(), { side: "foo" }),
    },
    {
      name: "searchsorted(side='left', right=True)",
      py: "torch.searchsorted(sorted(), sorted(), side='left', right=True)",
      ts: () => torch.searchsorted(sorted(), sorted(), { side: "left", right: true }),
    },
    {
      name: "searchsorted with a short sorter",
      py: "torch.searchsorted(sorted(), sorted(), sorter=torch.tensor([0]))",
      ts: () => torch.searchsorted(sorted(), sorted(), { sorter: torch.tensor([0n]) }),
    },
    {
      name: "searchsorted with a float sorter",
      py: "torch.searchsorted(sorted(), sorted(), sorter=sorted())",
      ts: () => torch.searchsorted(sorted(), sorted(), { sorter: sorted() }),
    },
    {
      name: "searchsorted with 0-dim boundaries",
      py: "torch.searchsorted(torch.tensor(1.), sorted())",
      ts: () => torch.searchsorted(torch.tensor(1), sorted()),
    },
    {
      name: "searchsorted with an out of the other dtype",
      py: "torch.searchsorted(sorted(), sorted(), out=torch.empty(3))",
      ts: () => torch.searchsorted(sorted(), sorted(), { out: torch.empty(3) }),
    },
    {
      name: "bucketize with 2-D boundaries",
      py: "torch.bucketize(sorted(), torch.tensor([[1., 2]]))",
      ts: () => torch.bucketize(sorted(), torch.tensor([[1, 2]])),
    },
    { name: "histc(bins=0)", py: "torch.histc(x(), 0)", ts: () => torch.histc(x(), 0) },
    { name: "histc(min > max)", py: "torch.histc(x(), 4, 3, 1)", ts: () => torch.histc(x(), 4, 3, 1) },
    { name: "histc of ints", py: "ints().histc(4)", ts: () => ints().histc(4) },
    {
      name: "histc over an infinite range",
      py: "torch.histc(torch.tensor([1., float('inf')]), 4)",
      ts: () => torch.histc(torch.tensor([1, Infinity]), 4),
    },
    {
      name: "histc of a NaN",
      py: "torch.histc(torch.tensor([float('nan')]), 4)",
      ts: () => torch.histc(torch.tensor([NaN]), 4),
    },
    {
      name: "histc of elements with a NaN",
      py: "torch.histc(torch.tensor([1., float('nan')], dtype=torch.float64), 4)",
      ts: () => torch.histc(torch.tensor([1, NaN], { dtype: torch.float64 }), 4),
    },
    { name: "histogram(bins=0)", py: "torch.histogram(x(), 0)", ts: () => torch.histogram(x(), 0) },
    {
      name: "histogram of one edge",
      py: "torch.histogram(x(), torch.tensor([1.]))",
      ts: () => torch.histogram(x(), torch.tensor([1])),
    },
    { name: "histogram of ints", py: "ints().histogram(4)", ts: () => ints().histogram(4) },
    {
      name: "histogram of ints in a range",
      py: "ints().histogram(4, range=(0., 3.))",
      ts: () => ints().histogram(4, { range: [0, 3] }),
    },
    {
      name: "histogram over an infinite range",
      py: "torch.histogram(torch.tensor([1., float('inf')]), 4)",
      ts: () => torch.histogram(torch.tensor([1, Infinity]), 4),
    },
    {
      name: "histogram of elements with a NaN",
      py: "torch.histogram(torch.tensor([1., float('nan')]), 4)",
      ts: () => torch.histogram(torch.tensor([1, NaN]), 4),
    },
    {
      name: "histogram(range min > max)",
      py: "torch.histogram(x(), 3, range=(2., 1.))",
      ts: () => torch.histogram(x(), 3, { range: [2, 1] }),
    },
    {
      name: "histogram with three range values",
      py: "torch.histogram(x(), 3, range=(0., 1., 2.))",
      ts: () => torch.histogram(x(), 3, { range: [0, 1, 2] }),
    },
    {
      name: "histogram with float64 bins",
      py: "torch.histogram(x(), torch.tensor([0., 1.], dtype=torch.float64))",
      ts: () => torch.histogram(x(), torch.tensor([0, 1], { dtype: torch.float64 })),
    },
    {
      name: "histogram with 2-D bins",
      py: "torch.histogram(x(), torch.tensor([[0., 1.]]))",
      ts: () => torch.histogram(x(), torch.tensor([[0, 1]])),
    },
    {
      name: "histogram with empty bins",
      py: "torch.histogram(x(), torch.tensor([]))",
      ts: () => torch.histogram(x(), torch.tensor([])),
    },
    {
      name: "histogram with a short weight",
      py: "torch.histogram(x(), 3, weight=torch.tensor([1.]))",
      ts: () => torch.histogram(x(), 3, { weight: torch.tensor([1]) }),
    },
    {
      name: "backward through histogram",
      py: "torch.histogram(x().requires_grad_(), 3).hist.sum().backward()",
      ts: () => torch.histogram(x().requires_grad_(), 3).hist.sum().backward(),
    },
    {
      name: "histogram with a float64 weight",
      py: "torch.histogram(x(), 3, weight=x().double())",
      ts: () => torch.histogram(x(), 3, { weight: x().double() }),
    },
    {
      name: "bincount of a matrix",
      py: "torch.bincount(ints().view(1, 3))",
      ts: () => torch.bincount(ints().view(1, 3)),
    },
    {
      name: "bincount of a negative",
      py: "torch.bincount(-ints())",
      ts: () => torch.bincount(ints().neg()),
    },
    { name: "bincount of floats", py: "torch.bincount(sorted())", ts: () => torch.bincount(sorted()) },
    {
      name: "bincount(minlength=-1)",
      py: "ints().bincount(minlength=-1)",
      ts: () => ints().bincount({ minlength: -1 }),
    },
    {
      name: "bincount with weights of another length",
      py: "torch.bincount(ints(), torch.ones(2))",
      ts: () => torch.bincount(ints(), torch.ones(2)),
    },
    {
      name: "bincount's backward",
      py: "torch.bincount(ints(), torch.ones(3, requires_grad=True)).sum().backward()",
      ts: () =>
        torch
          .bincount(ints(), torch.ones(3, { requires_grad: true }))
          .sum()
          .backward(),
    },
    { name: "unique(dim=3)", py: "torch.unique(x(), dim=3)", ts: () => torch.unique(x(), { dim: 3 }) },
    {
      name: "unique_consecutive(dim=3)",
      py: "torch.unique_consecutive(x(), dim=3)",
      ts: () => torch.unique_consecutive(x(), { dim: 3 }),
    },
    {
      name: "unique's backward",
      py: "torch.unique(x().requires_grad_()).sum().backward()",
      ts: () => (torch.unique(x().requires_grad_()) as torch.Tensor).sum().backward(),
    },
    {
      name: "unique(dim=0)'s backward",
      py: "torch.unique(x().requires_grad_(), dim=0, return_inverse=True)[0].sum().backward()",
      ts: () =>
        (torch.unique(x().requires_grad_(), { dim: 0, return_inverse: true }) as torch.Tensor[])[0]
          .sum()
          .backward(),
    },
    {
      name: "unique_consecutive's backward",
      py: "x().requires_grad_().unique_consecutive().sum().backward()",
      ts: () => (x().requires_grad_().unique_consecutive() as torch.Tensor).sum().backward(),
    },
    { name: "unique()", py: "torch.unique()", ts: () => (torch.unique as unknown as () => unknown)() },
    {
      name: "unique with an unknown keyword",
      py: "torch.unique(x(), return_inverse=True, foo=1)",
      ts: () => torch.unique(x(), bad({ return_inverse: true, foo: 1 })),
    },
    {
      name: "unique of zero-sized dims",
      py: "torch.unique(torch.empty(0, 0), dim=0)",
      ts: () => torch.unique(torch.empty(0, 0), { dim: 0 }),
    },
    {
      name: "unique of a zero-sized dim not selected",
      py: "torch.unique(torch.empty(2, 0), dim=0)",
      ts: () => torch.unique(torch.empty(2, 0), { dim: 0 }),
    },
  ],
};
