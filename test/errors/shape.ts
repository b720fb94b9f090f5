// Shape, view, join and indexing ops given bad input.
import * as torch from "../../src/index.js";
// PyTorch slices by indexing and pads with F.pad; these are tensorgrad's internal forms of both.
import { pad } from "../../src/ops/join.js";
import { slice } from "../../src/ops/shape.js";
import type { ErrorTable } from "./error_table.js";

const x = () => torch.zeros(2, 3, 4);
const m = () => torch.arange(6).float().reshape(2, 3);
const long = (v: number[]) => torch.tensor(v.map(BigInt));
const longShape = (shape: number[], v = 0) => torch.full(shape, BigInt(v));
const index = torch.tensor([[0n], [2n]]);

export const SHAPE_ERRORS: ErrorTable = {
  setup: `
def x():
    return torch.zeros(2, 3, 4)
def m():
    return torch.arange(6).float().reshape(2, 3)
def long(v):
    return torch.tensor(v)
def longShape(shape, v=0):
    return torch.full(shape, v)
`,
  rows: [
    { py: "x()[:, ::-1]", ts: () => slice(x(), 1, null, null, -1) },
    { py: "x()[:, ::0]", ts: () => slice(x(), 1, null, null, 0) },
    { py: "torch.tensor(1.)[0:1]", ts: () => slice(torch.tensor(1), 0, 0, 1) },
    { py: "torch.ops.aten.slice(x(), 3)", ts: () => slice(x(), 3) },
    { py: "x().select(0, 2)", ts: () => x().select(0, 2) },
    { py: "x().select(0, -3)", ts: () => x().select(0, -3) },
    { py: "x().select(3, 0)", ts: () => x().select(3, 0) },
    { py: "torch.tensor(1.).select(0, 0)", ts: () => torch.tensor(1).select(0, 0) },
    { py: "x().narrow(1, 2, 2)", ts: () => x().narrow(1, 2, 2) },
    { py: "x().narrow(1, 0, -1)", ts: () => x().narrow(1, 0, -1) },
    { py: "x().narrow(1, 4, 0)", ts: () => x().narrow(1, 4, 0) },
    { py: "torch.tensor(1.).narrow(0, 0, 1)", ts: () => torch.tensor(1).narrow(0, 0, 1) },
    { py: "x().transpose(0, 3)", ts: () => x().transpose(0, 3) },
    { py: "x().permute(0, 1)", ts: () => x().permute(0, 1) },
    { py: "x().permute(0, 1, 1)", ts: () => x().permute(0, 1, 1) },
    { py: "x().permute(0, 1, 3)", ts: () => x().permute(0, 1, 3) },
    { py: "x().t()", ts: () => x().t() },
    { py: "torch.zeros(3).mT", ts: () => torch.zeros(3).mT },
    { py: "x().flatten(2, 1)", ts: () => x().flatten(2, 1) },
    { py: "x().flatten(0, 3)", ts: () => x().flatten(0, 3) },
    { py: "x().unflatten(1, [2, 2])", ts: () => x().unflatten(1, [2, 2]) },
    { py: "x().unflatten(1, [])", ts: () => x().unflatten(1, []) },
    { py: "x().movedim(0, 3)", ts: () => x().movedim(0, 3) },
    { py: "x().movedim([0, 1], [1, 1])", ts: () => x().movedim([0, 1], [1, 1]) },
    { py: "x().movedim([0, 1], [2])", ts: () => x().movedim([0, 1], [2]) },
    { py: "x().expand_as(torch.zeros(3))", ts: () => x().expand_as(torch.zeros(3)) },
    { py: "x().view(4, 6).t().view(-1)", ts: () => x().view(4, 6).t().view(-1) },
    { py: "torch.cat([])", ts: () => torch.cat([]) },
    { py: "torch.cat([x(), torch.zeros(3, 4)])", ts: () => torch.cat([x(), torch.zeros(3, 4)]) },
    { py: "torch.cat([x(), torch.zeros(2, 4, 4)])", ts: () => torch.cat([x(), torch.zeros(2, 4, 4)]) },
    { py: "torch.cat([x(), x()], 3)", ts: () => torch.cat([x(), x()], 3) },
    {
      py: "torch.cat([torch.tensor(1.), torch.tensor(2.)])",
      ts: () => torch.cat([torch.tensor(1), torch.tensor(2)]),
    },
    { py: "torch.stack([])", ts: () => torch.stack([]) },
    { py: "torch.stack([x(), torch.zeros(3, 4)])", ts: () => torch.stack([x(), torch.zeros(3, 4)]) },
    { py: "torch.stack([x(), x()], 4)", ts: () => torch.stack([x(), x()], 4) },
    { py: "x().split(0)", ts: () => x().split(0) },
    { py: "x().split(-1)", ts: () => x().split(-1) },
    { py: "x().split([1, 1], 1)", ts: () => x().split([1, 1], 1) },
    { py: "x().split([1, -1, 3], 1)", ts: () => x().split([1, -1, 3], 1) },
    { py: "x().split(2.5)", ts: () => x().split(2.5) },
    { py: "x().split(2, 5)", ts: () => x().split(2, 5) },
    { py: "torch.tensor(1.).split(1)", ts: () => torch.tensor(1).split(1) },
    { py: "x().chunk(0)", ts: () => x().chunk(0) },
    { py: "torch.tensor(1.).chunk(1)", ts: () => torch.tensor(1).chunk(1) },
    { py: "x().unbind(3)", ts: () => x().unbind(3) },
    { py: "x().flip(0, 0)", ts: () => x().flip(0, 0) },
    { py: "x().flip(3)", ts: () => x().flip(3) },
    { py: "x().roll(1, [0, 1])", ts: () => x().roll(1, [0, 1]) },
    { py: "x().roll([1, 2])", ts: () => x().roll([1, 2]) },
    { py: "x().repeat(2)", ts: () => x().repeat(2) },
    { py: "x().repeat(-1, 1, 1)", ts: () => x().repeat(-1, 1, 1) },
    { py: "torch.zeros(3).tril()", ts: () => torch.zeros(3).tril() },
    { py: "F.pad(x(), [1])", ts: () => pad(x(), [1]) },
    { py: "F.pad(x(), [1, 1, 1, 1, 1, 1, 1, 1])", ts: () => pad(x(), [1, 1, 1, 1, 1, 1, 1, 1]) },
    { py: "F.pad(x(), [-3, -2])", ts: () => pad(x(), [-3, -2]) },
    { py: "F.pad(x(), [-5, 1])", ts: () => pad(x(), [-5, 1]) },
    { py: "F.pad(x(), [1, 1], 'foo')", ts: () => pad(x(), [1, 1], "foo") },
    {
      py: "x().index_select(1, torch.tensor([0., 1.]))",
      ts: () => x().index_select(1, torch.tensor([0, 1])),
    },
    { py: "x().index_select(1, long([3]))", ts: () => x().index_select(1, long([3])) },
    { py: "x().index_select(1, long([-1]))", ts: () => x().index_select(1, long([-1])) },
    { py: "x().index_select(1, longShape([1, 1]))", ts: () => x().index_select(1, longShape([1, 1])) },
    { py: "x().gather(1, longShape([1, 1, 1], 3))", ts: () => x().gather(1, longShape([1, 1, 1], 3)) },
    { py: "x().gather(1, longShape([1, 1, 1], -1))", ts: () => x().gather(1, longShape([1, 1, 1], -1)) },
    { py: "x().gather(1, torch.zeros(1, 1, 1))", ts: () => x().gather(1, torch.zeros(1, 1, 1)) },
    { py: "x().gather(1, longShape([1, 1]))", ts: () => x().gather(1, longShape([1, 1])) },
    { py: "x().gather(1, longShape([3, 1, 1]))", ts: () => x().gather(1, longShape([3, 1, 1])) },
    {
      py: "x().scatter(1, longShape([1, 1, 1], 3), 1)",
      ts: () => x().scatter(1, longShape([1, 1, 1], 3), 1),
    },
    { py: "x().scatter(1, longShape([3, 1, 1]), 1)", ts: () => x().scatter(1, longShape([3, 1, 1]), 1) },
    {
      py: "x().scatter(1, longShape([1, 1, 1]), torch.zeros(1, 1, 1, dtype=torch.float64))",
      ts: () => x().scatter(1, longShape([1, 1, 1]), torch.zeros(1, 1, 1, { dtype: torch.float64 })),
    },
    {
      py: "x().scatter(1, longShape([2, 4, 1]), torch.zeros(2, 3, 1))",
      ts: () => x().scatter(1, longShape([2, 4, 1]), torch.zeros(2, 3, 1)),
    },
    {
      py: "x().scatter(1, torch.zeros(1, 1, 1, dtype=torch.int32), 1)",
      ts: () => x().scatter(1, torch.zeros(1, 1, 1, { dtype: torch.int32 }), 1),
    },
    {
      py: "x().scatter_add(1, torch.zeros(1, 1, 1), x())",
      ts: () => x().scatter_add(1, torch.zeros(1, 1, 1), x()),
    },
    {
      py: "torch.randn(2, 3).masked_fill(torch.randn(2, 3), 1)",
      ts: () => torch.randn(2, 3).masked_fill(torch.randn(2, 3), 1),
    },
    {
      py: "x().masked_fill(torch.ones(5, dtype=torch.bool), 1)",
      ts: () => x().masked_fill(torch.ones(5, { dtype: torch.bool }), 1),
    },
    {
      py: "x().masked_fill(torch.ones(4, dtype=torch.bool), torch.ones(2))",
      ts: () => x().masked_fill(torch.ones(4, { dtype: torch.bool }), torch.ones(2)),
    },
    {
      py: "x().index_add(1, long([0]), torch.ones(2, 2, 4))",
      ts: () => x().index_add(1, long([0]), torch.ones(2, 2, 4)),
    },
    {
      py: "x().index_add(1, long([0]), torch.ones(2, 1, 4, dtype=torch.float64))",
      ts: () => x().index_add(1, long([0]), torch.ones(2, 1, 4, { dtype: torch.float64 })),
    },
    {
      py: "torch.select_scatter(x(), torch.zeros(3), 0, 0)",
      ts: () => torch.select_scatter(x(), torch.zeros(3), 0, 0),
    },
    { py: "torch.slice_scatter(x(), x(), 0, 0, 1, 1)", ts: () => torch.slice_scatter(x(), x(), 0, 0, 1, 1) },
    { py: "m().expand([2.5, 3])", ts: () => m().expand([2.5, 3]) },
    { py: "m().view(1, 6).expand(math.nan, 6)", ts: () => m().view(1, 6).expand(NaN, 6) },
    { py: "m().repeat([2.5, 1])", ts: () => m().repeat([2.5, 1]) },
    { py: "m().repeat(2.5, 1)", ts: () => m().repeat(2.5, 1) },
    { py: "m().reshape([2, 2.5])", ts: () => m().reshape([2, 2.5]) },
    { py: "m().view(-3)", ts: () => m().view(-3) },
    { py: "torch.tril(torch.tensor(1.))", ts: () => torch.tril(torch.tensor(1)) },
    { py: "torch.triu(torch.ones(3))", ts: () => torch.triu(torch.ones(3)) },
    { py: "m().view(torch.float64)", ts: () => m().view(torch.float64) },
    { py: "torch.tensor(1.).view(torch.bool)", ts: () => torch.tensor(1).view(torch.bool) },
    { py: "m().split([1, 2.5], 1)", ts: () => m().split([1, 2.5], 1) },
    { py: "m().unflatten(1, [])", ts: () => m().unflatten(1, []) },
    { py: "m().unflatten(1, [-1, -1])", ts: () => m().unflatten(1, [-1, -1]) },
    { py: "m().unflatten(-1, [2, 2])", ts: () => m().unflatten(-1, [2, 2]) },
    { py: "m().unflatten(1.5, [3])", ts: () => m().unflatten(1.5, [3]) },
    {
      py: "torch.scatter(m(), 1, torch.tensor([[0], [2]]), 10, reduce='sum')",
      ts: () => torch.scatter(m(), 1, index, 10, { reduce: "sum" }),
    },
    { py: "torch.narrow(m(), 1, torch.tensor(1.), 2)", ts: () => torch.narrow(m(), 1, torch.tensor(1), 2) },
    {
      py: "m().int().masked_fill(m().gt(2), 2 ** 40)",
      ts: () =>
        m()
          .int()
          .masked_fill(m().gt(2), 2 ** 40),
    },
    { py: "m().roll([], [])", ts: () => m().roll([], []) },
    { py: 'm().gather("a", longShape([2, 3]))', ts: () => m().gather("a" as never, longShape([2, 3])) },
    // 0-d tensors: dims 0 and -1 exist for transpose, not for roll or unbind; tril/triu need 2 dims.
    { py: "torch.tensor(1.).transpose(0, 1)", ts: () => torch.tensor(1).transpose(0, 1) },
    { py: "torch.tensor(1.).roll(1, 0)", ts: () => torch.tensor(1).roll(1, 0) },
    { py: "torch.tensor(1.).roll(1, -1)", ts: () => torch.tensor(1).roll(1, -1) },
    { py: "torch.tensor(1.).unbind(0)", ts: () => torch.tensor(1).unbind(0) },
    { py: "torch.zeros(3).unbind(1)", ts: () => torch.zeros(3).unbind(1) },
    // unbind and unflatten wrap the dim (-1 names dim 0) before they ask a 0-d tensor for its size there.
    { py: "torch.tensor(1.).unbind(-1)", ts: () => torch.tensor(1).unbind(-1) },
    { py: "torch.tensor(1.).unbind(1)", ts: () => torch.tensor(1).unbind(1) },
    { py: "torch.tensor(1.).unflatten(0, [1])", ts: () => torch.tensor(1).unflatten(0, [1]) },
    {
      py: "torch.unflatten(torch.tensor(1.), -1, [1, -1])",
      ts: () => torch.unflatten(torch.tensor(1), -1, [1, -1]),
    },
    { py: "torch.tensor(1.).unflatten(1, [1])", ts: () => torch.tensor(1).unflatten(1, [1]) },
    { py: "torch.unflatten(torch.tensor(1.), 0, [])", ts: () => torch.unflatten(torch.tensor(1), 0, []) },
    // size(dim) and stride(dim) of a 0-d tensor do not wrap: no dim exists to name.
    { py: "torch.tensor(1.).stride(0)", ts: () => torch.tensor(1).stride(0) },
    { py: "torch.tensor(1.).stride(-1)", ts: () => torch.tensor(1).stride(-1) },
    { py: "torch.tensor(1.).size(0)", ts: () => torch.tensor(1).size(0) },
    { py: "torch.tensor(1.).size(-1)", ts: () => torch.tensor(1).size(-1) },
    // movedim of a 0-d tensor checks its dims (0 and -1 only) and repeats, then returns an alias.
    { py: "torch.tensor(1.).movedim(1, 0)", ts: () => torch.tensor(1).movedim(1, 0) },
    { py: "torch.moveaxis(torch.tensor(1.), 0, -2)", ts: () => torch.moveaxis(torch.tensor(1), 0, -2) },
    { py: "torch.tensor(1.).movedim([0, -1], [0, 0])", ts: () => torch.tensor(1).movedim([0, -1], [0, 0]) },
    { py: "torch.tensor(1.).movedim([0], [0, 1])", ts: () => torch.tensor(1).movedim([0], [0, 1]) },
    { py: "torch.tensor(1.).triu()", ts: () => torch.tensor(1).triu() },
    { py: "torch.zeros(3).tril(1)", ts: () => torch.zeros(3).tril(1) },
    // index_add and index_select raise IndexError out of range, except index_select's own loop for dim 1.
    {
      py: "torch.zeros(3).index_add(0, long([5]), torch.ones(1))",
      ts: () => torch.zeros(3).index_add(0, long([5]), torch.ones(1)),
    },
    {
      py: "torch.tensor(1.).index_add(0, long([1]), torch.ones(1))",
      ts: () => torch.tensor(1).index_add(0, long([1]), torch.ones(1)),
    },
    {
      py: "torch.tensor(1.).index_add(0, long([0]), torch.ones(1, 1))",
      ts: () => torch.tensor(1).index_add(0, long([0]), torch.ones(1, 1)),
    },
    // A 0-d source stands for one slice: other index counts fail reading its size along dim.
    {
      py: "torch.tensor(0.).index_add(0, long([0, 0]), torch.tensor(1.))",
      ts: () => torch.tensor(0).index_add(0, long([0, 0]), torch.tensor(1)),
    },
    {
      py: "torch.zeros(2).index_add(0, long([0, 1]), torch.tensor(1.))",
      ts: () => torch.zeros(2).index_add(0, long([0, 1]), torch.tensor(1)),
    },
    {
      py: "torch.tensor(0.).index_add(0, long([0, 0]), torch.ones(1))",
      ts: () => torch.tensor(0).index_add(0, long([0, 0]), torch.ones(1)),
    },
    {
      name: "index_select of a 0-d tensor, backward",
      py: "a = torch.tensor(1.5, requires_grad=True); torch.autograd.grad(a.index_select(0, long([0, 0])), a)",
      ts: () => {
        const a = torch.tensor(1.5, { requires_grad: true });
        return torch.autograd.grad(a.index_select(0, long([0, 0])), a);
      },
    },
    {
      py: "torch.zeros(3).index_select(0, long([-1]))",
      ts: () => torch.zeros(3).index_select(0, long([-1])),
    },
    {
      py: "torch.tensor(1.).index_select(0, long([1]))",
      ts: () => torch.tensor(1).index_select(0, long([1])),
    },
    { py: "x().index_select(2, long([4]))", ts: () => x().index_select(2, long([4])) },
    { py: "x().index_select(0, long([2]))", ts: () => x().index_select(0, long([2])) },
  ],
};
