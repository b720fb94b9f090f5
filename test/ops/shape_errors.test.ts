// Bad input to shape, view and indexing ops gets PyTorch 1.13's error class and text.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
// PyTorch slices by indexing and pads with F.pad; these are tensorgrad's internal forms of both.
import { pad } from "../../src/ops/join.js";
import { slice } from "../../src/ops/shape.js";

const x = () => torch.zeros(2, 3, 4);
const long = (v: number[]) => torch.tensor(v.map(BigInt));
const longShape = (shape: number[], v = 0) => torch.full(shape, BigInt(v));

function expectError(fn: () => unknown, name: string, message: string) {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${name}: ${message}`).toBeInstanceOf(Error);
  expect((caught as Error).name).toBe(name);
  expect((caught as Error).message).toBe(message);
}

const dimError = (lo: number, hi: number, got: number) =>
  `Dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${got})`;

describe("view op errors", () => {
  it("slicing", () => {
    expectError(() => slice(x(), 1, null, null, -1), "ValueError", "step must be greater than zero");
    expectError(() => slice(x(), 1, null, null, 0), "ValueError", "slice step cannot be zero");
    expectError(
      () => slice(torch.tensor(1), 0, 0, 1),
      "IndexError",
      "slice() cannot be applied to a 0-dim tensor.",
    );
    expectError(() => slice(x(), 3), "IndexError", dimError(-3, 2, 3));
  });

  it("select and narrow", () => {
    expectError(
      () => x().select(0, 2),
      "IndexError",
      "select(): index 2 out of range for tensor of size [2, 3, 4] at dimension 0",
    );
    expectError(
      () => x().select(0, -3),
      "IndexError",
      "select(): index -3 out of range for tensor of size [2, 3, 4] at dimension 0",
    );
    expectError(() => x().select(3, 0), "IndexError", dimError(-3, 2, 3));
    expectError(
      () => torch.tensor(1).select(0, 0),
      "IndexError",
      "select() cannot be applied to a 0-dim tensor.",
    );
    expectError(
      () => x().narrow(1, 2, 2),
      "RuntimeError",
      "start (2) + length (2) exceeds dimension size (3).",
    );
    expectError(
      () => x().narrow(1, 0, -1),
      "RuntimeError",
      "start (0) + length (-1) exceeds dimension size (3).",
    );
    expectError(() => x().narrow(1, 4, 0), "IndexError", dimError(-3, 2, 4));
    expectError(
      () => torch.tensor(1).narrow(0, 0, 1),
      "RuntimeError",
      "narrow() cannot be applied to a 0-dim tensor.",
    );
    expect(x().narrow(1, 3, 0).shape).toEqual([2, 0, 4]);
  });

  it("transpose, permute, t, mT, flatten, unflatten, movedim", () => {
    expectError(() => x().transpose(0, 3), "IndexError", dimError(-3, 2, 3));
    expectError(
      () => x().permute(0, 1),
      "RuntimeError",
      "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2",
    );
    expectError(() => x().permute(0, 1, 1), "RuntimeError", "permute(): duplicate dims are not allowed.");
    expectError(() => x().permute(0, 1, 3), "IndexError", dimError(-3, 2, 3));
    expectError(() => x().t(), "RuntimeError", "t() expects a tensor with <= 2 dimensions, but self is 3D");
    expectError(
      () => torch.zeros(3).mT,
      "RuntimeError",
      "tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.",
    );
    expectError(
      () => x().flatten(2, 1),
      "RuntimeError",
      "flatten() has invalid args: start_dim cannot come after end_dim",
    );
    expectError(() => x().flatten(0, 3), "IndexError", dimError(-3, 2, 3));
    expectError(
      () => x().unflatten(1, [2, 2]),
      "RuntimeError",
      "unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the input tensor",
    );
    expectError(() => x().unflatten(1, []), "RuntimeError", "unflatten: sizes must be non-empty");
    expectError(() => x().movedim(0, 3), "IndexError", dimError(-3, 2, 3));
    expectError(
      () => x().movedim([0, 1], [1, 1]),
      "RuntimeError",
      "movedim: repeated dim in `destination` ([1, 1])",
    );
    expectError(
      () => x().movedim([0, 1], [2]),
      "RuntimeError",
      "movedim: Invalid source or destination dims: source ([0, 1] dims) should contain the same number of dims as destination ([2] dims)",
    );
    expectError(
      () => x().expand_as(torch.zeros(3)),
      "RuntimeError",
      "expand(torch.FloatTensor{[2, 3, 4]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (3)",
    );
    expectError(
      () => x().view(4, 6).t().view(-1),
      "RuntimeError",
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  });
});

describe("join and split errors", () => {
  it("cat and stack", () => {
    expectError(() => torch.cat([]), "RuntimeError", "torch.cat(): expected a non-empty list of Tensors");
    expectError(
      () => torch.cat([x(), torch.zeros(3, 4)]),
      "RuntimeError",
      "Tensors must have same number of dimensions: got 3 and 2",
    );
    expectError(
      () => torch.cat([x(), torch.zeros(2, 4, 4)]),
      "RuntimeError",
      "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.",
    );
    expectError(() => torch.cat([x(), x()], 3), "IndexError", dimError(-3, 2, 3));
    expectError(
      () => torch.cat([torch.tensor(1), torch.tensor(2)]),
      "RuntimeError",
      "zero-dimensional tensor (at position 0) cannot be concatenated",
    );
    expect(torch.cat([torch.zeros(0), x()]).shape).toEqual([2, 3, 4]);
    expectError(() => torch.stack([]), "RuntimeError", "stack expects a non-empty TensorList");
    expectError(
      () => torch.stack([x(), torch.zeros(3, 4)]),
      "RuntimeError",
      "stack expects each tensor to be equal size, but got [2, 3, 4] at entry 0 and [3, 4] at entry 1",
    );
    expectError(() => torch.stack([x(), x()], 4), "IndexError", dimError(-4, 3, 4));
  });

  it("split, chunk and unbind", () => {
    expectError(
      () => x().split(0),
      "RuntimeError",
      "split_size can only be 0 if dimension size is 0, but got dimension size of 2",
    );
    expectError(
      () => x().split(-1),
      "RuntimeError",
      "split expects split_size be non-negative, but got split_size=-1",
    );
    expectError(
      () => x().split([1, 1], 1),
      "RuntimeError",
      "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 1), but got split_sizes=[1, 1]",
    );
    expectError(
      () => x().split([1, -1, 3], 1),
      "RuntimeError",
      "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[1, -1, 3]",
    );
    expectError(
      () => x().split(2.5),
      "TypeError",
      "split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not float",
    );
    expectError(() => x().split(2, 5), "IndexError", dimError(-3, 2, 5));
    expectError(
      () => torch.tensor(1).split(1),
      "RuntimeError",
      "split expects at least a 1-dimensional tensor",
    );
    expectError(() => x().chunk(0), "RuntimeError", "chunk expects `chunks` to be greater than 0, got: 0");
    expectError(
      () => torch.tensor(1).chunk(1),
      "RuntimeError",
      "chunk expects at least a 1-dimensional tensor",
    );
    expectError(() => x().unbind(3), "IndexError", dimError(-3, 2, 3));
    expect(
      x()
        .chunk(4, 2)
        .map((t) => t.shape),
    ).toEqual([
      [2, 3, 1],
      [2, 3, 1],
      [2, 3, 1],
      [2, 3, 1],
    ]);
    expect(
      torch
        .zeros(5)
        .chunk(3)
        .map((t) => t.shape),
    ).toEqual([[2], [2], [1]]);
    expect(
      torch
        .zeros(3)
        .chunk(5)
        .map((t) => t.shape),
    ).toEqual([[1], [1], [1]]);
    expect(
      torch
        .zeros(0)
        .split(2)
        .map((t) => t.shape),
    ).toEqual([[0]]);
  });

  it("flip, roll, repeat, tril and pad", () => {
    expectError(() => x().flip(0, 0), "RuntimeError", "dim 0 appears multiple times in the list of dims");
    expectError(() => x().flip(3), "IndexError", dimError(-3, 2, 3));
    expectError(
      () => x().roll(1, [0, 1]),
      "RuntimeError",
      "shifts and dimensions must align. shifts: 1, dims:2",
    );
    expectError(
      () => x().roll([1, 2]),
      "RuntimeError",
      "shifts and dimensions must align. shifts: 2, dims:0",
    );
    expectError(
      () => x().repeat(2),
      "RuntimeError",
      "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
    );
    expectError(
      () => x().repeat(-1, 1, 1),
      "RuntimeError",
      "Trying to create tensor with negative dimension -2: [-2, 3, 4]",
    );
    expectError(() => torch.zeros(3).tril(), "IndexError", dimError(-1, 0, -2));
    expectError(() => pad(x(), [1]), "RuntimeError", "Padding length must be divisible by 2");
    expectError(() => pad(x(), [1, 1, 1, 1, 1, 1, 1, 1]), "RuntimeError", "Padding length too large");
    expectError(
      () => pad(x(), [-3, -2]),
      "RuntimeError",
      "start (0) + length (-1) exceeds dimension size (1).",
    );
    expectError(() => pad(x(), [-5, 1]), "IndexError", dimError(-4, 3, 5));
    expectError(() => pad(x(), [1, 1], "foo"), "NotImplementedError", "Unrecognised padding mode foo");
  });
});

describe("indexing errors", () => {
  it("index_select", () => {
    expectError(
      () => x().index_select(1, torch.tensor([0, 1])),
      "RuntimeError",
      "index_select(): Expected dtype int32 or int64 for index",
    );
    expectError(
      () => x().index_select(1, long([3])),
      "RuntimeError",
      "INDICES element is out of DATA bounds, id=3 axis_dim=3",
    );
    expectError(
      () => x().index_select(1, long([-1])),
      "RuntimeError",
      "INDICES element is out of DATA bounds, id=-1 axis_dim=3",
    );
    expectError(
      () => x().index_select(1, longShape([1, 1])),
      "IndexError",
      "index_select(): Index is supposed to be a vector",
    );
    expect(x().index_select(0, torch.tensor(1n)).shape).toEqual([1, 3, 4]);
  });

  it("gather", () => {
    expectError(
      () => x().gather(1, longShape([1, 1, 1], 3)),
      "RuntimeError",
      "index 3 is out of bounds for dimension 1 with size 3",
    );
    expectError(
      () => x().gather(1, longShape([1, 1, 1], -1)),
      "RuntimeError",
      "index -1 is out of bounds for dimension 1 with size 3",
    );
    expectError(
      () => x().gather(1, torch.zeros(1, 1, 1)),
      "RuntimeError",
      "gather(): Expected dtype int64 for index",
    );
    expectError(
      () => x().gather(1, longShape([1, 1])),
      "RuntimeError",
      "Index tensor must have the same number of dimensions as input tensor",
    );
    expectError(
      () => x().gather(1, longShape([3, 1, 1])),
      "RuntimeError",
      "Size does not match at dimension 0 expected index [3, 1, 1] to be smaller than self [2, 3, 4] apart from dimension 1",
    );
    expect(x().gather(1, longShape([2, 5, 1])).shape).toEqual([2, 5, 1]);
  });

  it("scatter and scatter_add", () => {
    expectError(
      () => x().scatter(1, longShape([1, 1, 1], 3), 1),
      "RuntimeError",
      "index 3 is out of bounds for dimension 1 with size 3",
    );
    expectError(
      () => x().scatter(1, longShape([3, 1, 1]), 1),
      "RuntimeError",
      "Expected index [3, 1, 1] to be smaller than self [2, 3, 4] apart from dimension 1",
    );
    expectError(
      () => x().scatter(1, longShape([1, 1, 1]), torch.zeros(1, 1, 1, { dtype: torch.float64 })),
      "RuntimeError",
      "scatter(): Expected self.dtype to be equal to src.dtype",
    );
    expectError(
      () => x().scatter(1, longShape([2, 4, 1]), torch.zeros(2, 3, 1)),
      "RuntimeError",
      "Expected index [2, 4, 1] to be smaller than self [2, 3, 4] apart from dimension 1 and to be smaller size than src [2, 3, 1]",
    );
    expectError(
      () => x().scatter(1, torch.zeros(1, 1, 1, { dtype: torch.int32 }), 1),
      "RuntimeError",
      "scatter(): Expected dtype int64 for index",
    );
    expectError(
      () => x().scatter_add(1, torch.zeros(1, 1, 1), x()),
      "RuntimeError",
      "scatter(): Expected dtype int64 for index",
    );
  });

  it("masked_fill, index_add and the scatter ops", () => {
    expectError(
      () => torch.randn(2, 3).masked_fill(torch.randn(2, 3), 1),
      "RuntimeError",
      "Mask tensor can take 0 and 1 values only",
    );
    expectError(
      () => x().masked_fill(torch.ones(5, { dtype: torch.bool }), 1),
      "RuntimeError",
      "The size of tensor a (5) must match the size of tensor b (4) at non-singleton dimension 2",
    );
    expectError(
      () => x().masked_fill(torch.ones(4, { dtype: torch.bool }), torch.ones(2)),
      "RuntimeError",
      "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).",
    );
    expect(torch.zeros(4).masked_fill(torch.ones(2, 4, { dtype: torch.bool }), 1).shape).toEqual([2, 4]);
    expectError(
      () => x().index_add(1, long([0]), torch.ones(2, 2, 4)),
      "RuntimeError",
      "index_add_(): Number of indices (1) should be equal to source.size(dim): (2), for dim: 1",
    );
    expectError(
      () => x().index_add(1, long([5]), torch.ones(2, 1, 4)),
      "RuntimeError",
      "index out of range in self",
    );
    expectError(
      () => x().index_add(1, long([0]), torch.ones(2, 1, 4, { dtype: torch.float64 })),
      "RuntimeError",
      "index_add_(): self (Float) and source (Double) must have the same scalar type",
    );
    expectError(
      () => torch.select_scatter(x(), torch.zeros(3), 0, 0),
      "RuntimeError",
      "expected src to have a size equal to the slice of self. src size = [3], slice size = [3, 4]",
    );
    expectError(
      () => torch.slice_scatter(x(), x(), 0, 0, 1),
      "RuntimeError",
      "expected src to have a size equal to the slice of self. src size = [2, 3, 4], slice size = [1, 3, 4]",
    );
  });
});

describe("PyTorch's calling convention for shape ops", () => {
  const m = () => torch.arange(6).float().reshape(2, 3);
  const values = (t: torch.Tensor) => t.tolist();

  it("sizes must be integers", () => {
    const sizes = "must be tuple of SymInts";
    expectError(
      () => m().expand([2.5, 3]),
      "TypeError",
      `expand(): argument 'size' (position 1) ${sizes}, not list`,
    );
    expectError(
      () => m().view(1, 6).expand(NaN, 6),
      "TypeError",
      `expand(): argument 'size' (position 1) ${sizes}, not float`,
    );
    expectError(
      () => m().repeat([2.5, 1]),
      "TypeError",
      `repeat(): argument 'repeats' (position 1) ${sizes}, not list`,
    );
    expectError(
      () => m().repeat(2.5, 1),
      "TypeError",
      `repeat(): argument 'repeats' (position 1) ${sizes}, not float`,
    );
    expectError(
      () => m().reshape([2, 2.5]),
      "TypeError",
      "reshape(): argument 'shape' must be tuple of SymInts, but found element of type float at pos 2",
    );
    expectError(() => m().view(-3), "RuntimeError", "invalid shape dimension -3");
  });

  it("options objects work as Python's keywords", () => {
    expect(values(m().tril({ diagonal: 1 }))).toEqual([
      [0, 1, 0],
      [3, 4, 5],
    ]);
    expect(values(torch.triu(m(), { diagonal: 1 }))).toEqual([
      [0, 1, 2],
      [0, 0, 5],
    ]);
    expect(torch.cat([m(), m()], { dim: 1 }).shape).toEqual([2, 6]);
    expect(torch.stack([m(), m()], { dim: 2 }).shape).toEqual([2, 3, 2]);
    expect(torch.split(m(), 1, { dim: 1 }).map((t) => t.shape)).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
    expect(
      m()
        .split(2, { dim: 1 })
        .map((t) => t.shape),
    ).toEqual([
      [2, 2],
      [2, 1],
    ]);
    expect(torch.chunk(m(), 3, { dim: 1 }).length).toBe(3);
    expect(m().flatten({ start_dim: 0 }).shape).toEqual([6]);
    expect(m().view({ size: [3, 2] }).shape).toEqual([3, 2]);
    expect(values(torch.slice_scatter(m(), torch.zeros(2, 1), { dim: 1, start: 1, end: 2 }))).toEqual([
      [0, 0, 2],
      [3, 0, 5],
    ]);
  });

  it("tril and triu need a matrix", () => {
    expectError(
      () => torch.tril(torch.tensor(1)),
      "IndexError",
      "Dimension specified as -2 but tensor has no dimensions",
    );
    expectError(() => torch.triu(torch.ones(3)), "IndexError", dimError(-1, 0, -2));
  });

  it("view(dtype)", () => {
    expect(m().view(torch.float32).shape).toEqual([2, 3]);
    expectError(
      () => m().view(torch.float64),
      "RuntimeError",
      "self.size(-1) must be divisible by 2 to view Float as Double (different element sizes), but got 3",
    );
    expectError(
      () => torch.tensor(1).view(torch.bool),
      "RuntimeError",
      "self.dim() cannot be 0 to view Float as Bool (different element sizes)",
    );
  });

  it("split and unflatten are PyTorch's Python-level methods", () => {
    expectError(
      () => m().split([1, 2.5], 1),
      "TypeError",
      "split_with_sizes(): argument 'split_sizes' must be tuple of ints, but found element of type float at pos 2",
    );
    expect(m().split(torch.tensor(1n)).length).toBe(2);
    expectError(() => m().unflatten(1, []), "RuntimeError", "unflatten: sizes must be non-empty");
    expectError(
      () => m().unflatten(1, [-1, -1]),
      "RuntimeError",
      "unflatten got an unexpected error:\nonly one dimension can be inferred",
    );
    expectError(
      () => m().unflatten(-1, [2, 2]),
      "RuntimeError",
      "unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the input tensor",
    );
    expectError(
      () => m().unflatten(1.5, [3]),
      "TypeError",
      "unflatten(): argument 'dim' (position 1) must be int, not float",
    );
  });

  it("scatter's reduce, narrow's tensor start, masked_fill's value range, the empty cat", () => {
    const index = torch.tensor([[0n], [2n]]);
    expect(values(torch.scatter(m(), 1, index, torch.tensor([[2], [3]]), { reduce: "multiply" }))).toEqual([
      [0, 1, 2],
      [3, 4, 15],
    ]);
    expect(values(torch.scatter(m(), 1, index, 10, { reduce: "add" }))).toEqual([
      [10, 1, 2],
      [3, 4, 15],
    ]);
    expectError(
      () => torch.scatter(m(), 1, index, 10, { reduce: "sum" }),
      "RuntimeError",
      "reduce argument must be either add or multiply.",
    );
    expect(values(torch.narrow(m(), 1, torch.tensor(1n), 2))).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expectError(
      () => torch.narrow(m(), 1, torch.tensor(1), 2),
      "RuntimeError",
      "start must be an 0-dim integral Tensor.",
    );
    expectError(
      () =>
        m()
          .int()
          .masked_fill(m().gt(2), 2 ** 40),
      "RuntimeError",
      "value cannot be converted to type int without overflow",
    );
    expect(
      values(
        m()
          .long()
          .index_add(0, long([1]), torch.ones(1, 3, { dtype: torch.int64 }), { alpha: 2.5 }),
      ),
    ).toEqual([
      [0, 1, 2],
      [5, 6, 7],
    ]);
    expect(torch.cat([torch.zeros(0), torch.zeros(0)], 3).shape).toEqual([0]);
    expectError(() => m().roll([], []), "RuntimeError", "`shifts` required");
    expectError(
      () => m().gather("a" as never, longShape([2, 3])),
      "RuntimeError",
      "gather: You passed a dimname (string) to this op in place of a dimension index but it does not yet support this behavior. Please pass a dimension index to work around this.",
    );
  });

  it("names PyTorch does not have are not public", () => {
    for (const name of ["view", "expand", "expand_as", "contiguous", "repeat", "slice", "pad"])
      expect((torch as Record<string, unknown>)[name], `torch.${name}`).toBeUndefined();
    for (const name of ["slice", "constant_pad_nd"])
      expect((m() as unknown as Record<string, unknown>)[name], `Tensor.${name}`).toBeUndefined();
  });
});
