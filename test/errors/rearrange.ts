// Errors of the diagonal, repeat, rotate, atleast and combinatorics families (src/ops/diagonal.ts, repeat.ts,
// rotate.ts, atleast.ts, combinatorics.ts) given bad input.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const x = () => torch.zeros(2, 3, 4);
const m = () => torch.zeros(3, 4);
const v = () => torch.zeros(3);
const long = (values: number[]) => torch.tensor(values.map(BigInt));

export const REARRANGE_ERRORS: ErrorTable = {
  setup: `
def x():
    return torch.zeros(2, 3, 4)
def m():
    return torch.zeros(3, 4)
def v():
    return torch.zeros(3)
def long(values):
    return torch.tensor(values)
`,
  rows: [
    { py: "torch.diag(x())", ts: () => torch.diag(x()) },
    { py: "torch.diag(torch.tensor(1.))", ts: () => torch.diag(torch.tensor(1.0)) },
    { py: "torch.diag(m(), 5)", ts: () => torch.diag(m(), 5) },
    { py: "m().diag(-4)", ts: () => m().diag(-4) },
    { py: "torch.diagonal(m(), 0, 0, 0)", ts: () => torch.diagonal(m(), 0, 0, 0) },
    { py: "torch.diagonal(m(), 0, 0, -2)", ts: () => torch.diagonal(m(), 0, 0, -2) },
    { py: "m().diagonal(0, 0, 2)", ts: () => m().diagonal(0, 0, 2) },
    { py: "torch.diagonal(torch.tensor(1.))", ts: () => torch.diagonal(torch.tensor(1.0)) },
    { py: "torch.diag_embed(torch.tensor(1.))", ts: () => torch.diag_embed(torch.tensor(1.0)) },
    { py: "torch.diag_embed(m(), 0, 1, 1)", ts: () => torch.diag_embed(m(), 0, 1, 1) },
    { py: "m().diag_embed(0, 0, 3)", ts: () => m().diag_embed(0, 0, 3) },
    { py: "torch.trace(x())", ts: () => torch.trace(x()) },
    { py: "v().trace()", ts: () => v().trace() },
    {
      py: "torch.trace(torch.ones(2, 2, dtype=torch.bool))",
      ts: () => torch.trace(torch.ones(2, 2, { dtype: torch.bool })),
    },
    { py: "torch.tile(m(), (-1,))", ts: () => torch.tile(m(), [-1]) },
    { py: "torch.repeat_interleave(m(), -1)", ts: () => torch.repeat_interleave(m(), -1) },
    {
      py: "torch.repeat_interleave(m(), long([1, 2]), 0)",
      ts: () => torch.repeat_interleave(m(), long([1, 2]), 0),
    },
    {
      py: "torch.repeat_interleave(m(), long([[1, 2]]), 0)",
      ts: () => torch.repeat_interleave(m(), torch.tensor([[1n, 2n]]), 0),
    },
    {
      py: "m().repeat_interleave(torch.tensor([1., 2., 1.]), 0)",
      ts: () => m().repeat_interleave(torch.tensor([1, 2, 1.5]), 0),
      name: "repeat_interleave with float repeats",
    },
    {
      py: "torch.repeat_interleave(m(), long([1, -2, 1]), 0)",
      ts: () => torch.repeat_interleave(m(), long([1, -2, 1]), 0),
    },
    { py: "torch.repeat_interleave(long([1, -2, 1]))", ts: () => torch.repeat_interleave(long([1, -2, 1])) },
    {
      py: "torch.repeat_interleave(long([[1, 2]]))",
      ts: () => torch.repeat_interleave(torch.tensor([[1n, 2n]])),
    },
    {
      py: "torch.repeat_interleave(torch.tensor([1., 2.]))",
      ts: () => torch.repeat_interleave(torch.tensor([1.5, 2])),
    },
    {
      py: "torch.repeat_interleave(m(), 2, 0, output_size=7)",
      ts: () => torch.repeat_interleave(m(), 2, 0, { output_size: 7 }),
    },
    {
      py: "torch.repeat_interleave(long([1, 2]), output_size=2)",
      ts: () => torch.repeat_interleave(long([1, 2]), { output_size: 2 }),
    },
    { py: "torch.repeat_interleave(m(), 2, 3)", ts: () => torch.repeat_interleave(m(), 2, 3) },
    {
      py: "torch.repeat_interleave(torch.tensor(2.), 2, 0)",
      ts: () => torch.repeat_interleave(torch.tensor(2.0), 2, 0),
    },
    { py: "torch.rot90(m(), 1, [0])", ts: () => torch.rot90(m(), 1, [0]) },
    { py: "torch.rot90(v())", ts: () => torch.rot90(v()) },
    { py: "torch.rot90(m(), 1, [0, 0])", ts: () => torch.rot90(m(), 1, [0, 0]) },
    { py: "torch.rot90(m(), 1, [0, -2])", ts: () => torch.rot90(m(), 1, [0, -2]) },
    { py: "m().rot90(1, [0, 2])", ts: () => m().rot90(1, [0, 2]) },
    { py: "torch.rot90(m(), 1, [-3, 1])", ts: () => torch.rot90(m(), 1, [-3, 1]) },
    { py: "torch.rot90(x(), 1, [0, 3])", ts: () => torch.rot90(x(), 1, [0, 3]) },
    { py: "torch.fliplr(v())", ts: () => torch.fliplr(v()) },
    { py: "torch.tensor(1.).flipud()", ts: () => torch.tensor(1.0).flipud() },
    { py: "torch.atleast_1d(1)", ts: () => torch.atleast_1d(bad(1)) },
    { py: "torch.atleast_2d([1])", ts: () => torch.atleast_2d(bad([1])) },
    { py: "torch.atleast_3d(m(), 1)", ts: () => torch.atleast_3d(m(), bad(1)) },
    { py: "torch.block_diag(x())", ts: () => torch.block_diag(x()) },
    { py: "torch.block_diag(m(), 1)", ts: () => torch.block_diag(m(), bad(1)) },
    { py: "torch.cartesian_prod(m())", ts: () => torch.cartesian_prod(m()) },
    { py: "torch.cartesian_prod()", ts: () => torch.cartesian_prod() },
    {
      py: "torch.cartesian_prod(v(), long([1, 2]))",
      ts: () => torch.cartesian_prod(v(), long([1, 2])),
    },
    { py: "torch.cartesian_prod(v(), 1)", ts: () => torch.cartesian_prod(v(), bad(1)) },
    { py: "torch.combinations(m())", ts: () => torch.combinations(m()) },
    { py: "torch.combinations(v(), -1)", ts: () => torch.combinations(v(), -1) },
    { py: "torch.tril_indices(-1, 3)", ts: () => torch.tril_indices(-1, 3) },
    { py: "torch.triu_indices(3, -1)", ts: () => torch.triu_indices(3, -1) },
    {
      py: "torch.triu_indices(3, 3, dtype=torch.bool)",
      ts: () => torch.triu_indices(3, 3, { dtype: torch.bool }),
    },
    {
      py: "torch.tril_indices(3, 3, dtype=torch.float32)",
      ts: () => torch.tril_indices(3, 3, { dtype: torch.float32 }),
    },
    {
      py: "torch.tril_indices(3, 3, requires_grad=True)",
      ts: () => torch.tril_indices(3, 3, { requires_grad: true }),
    },
    { py: "torch.vander(m())", ts: () => torch.vander(m()) },
    { py: "torch.vander(v(), -1)", ts: () => torch.vander(v(), -1) },
    // The cumprod of its columns saves a slice of the result that the next copy overwrites.
    {
      name: "vander backward",
      py: "torch.vander(torch.ones(3, requires_grad=True)).sum().backward()",
      ts: () =>
        torch
          .vander(torch.ones(3, { requires_grad: true }))
          .sum()
          .backward(),
    },
    { py: "torch.meshgrid()", ts: () => torch.meshgrid() },
    {
      py: "torch.meshgrid(v(), long([1]), indexing='ij')",
      ts: () => torch.meshgrid(v(), long([1]), { indexing: "ij" }),
    },
    { py: "torch.meshgrid(v(), indexing='ab')", ts: () => torch.meshgrid(v(), { indexing: "ab" }) },
    { py: "torch.meshgrid(v(), 1)", ts: () => torch.meshgrid(v(), bad(1)) },
    // The message embeds ATen's C++ print of the tensor (src/ops/cpp_print.ts).
    {
      py: "torch.meshgrid(v(), torch.arange(6.).reshape(2, 3) / 7, indexing='ij')",
      ts: () => torch.meshgrid(v(), torch.arange(6).float().reshape(2, 3).div(7), { indexing: "ij" }),
    },
    {
      py: "torch.meshgrid(long([1]), torch.arange(24).reshape(2, 3, 2, 2), indexing='xy')",
      ts: () => torch.meshgrid(long([1]), torch.arange(24).reshape(2, 3, 2, 2), { indexing: "xy" }),
    },
    {
      py: "torch.meshgrid(v(), torch.tensor([[0.001, 0.002], [float('nan'), 1e-8]]), indexing='ij')",
      ts: () =>
        torch.meshgrid(
          v(),
          torch.tensor([
            [0.001, 0.002],
            [NaN, 1e-8],
          ]),
          { indexing: "ij" },
        ),
    },
    { py: "torch.meshgrid(x(), x(), indexing='ij')", ts: () => torch.meshgrid(x(), x(), { indexing: "ij" }) },
    { py: "torch.meshgrid(v(), v(), indexing=3)", ts: () => torch.meshgrid(v(), v(), { indexing: bad(3) }) },
  ],
};
