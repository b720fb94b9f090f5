// Shape, view, join and indexing ops at their edges (size-0 operands, 0-d indices, bounds given as tensors)
// and PyTorch's calling convention for them. Their errors are rows of test/errors/shape.ts, checked against
// PyTorch's texts there.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

const x = () => torch.zeros(2, 3, 4);
const long = (v: number[]) => torch.tensor(v.map(BigInt));
const longShape = (shape: number[], v = 0) => torch.full(shape, BigInt(v));

describe("view ops", () => {
  it("narrow of length 0 at the end", () => {
    expect(x().narrow(1, 3, 0).shape).toEqual([2, 0, 4]);
  });
});

describe("join and split", () => {
  it("cat skips 1-d size-0 operands", () => {
    expect(torch.cat([torch.zeros(0), x()]).shape).toEqual([2, 3, 4]);
  });

  it("chunk and split sizes", () => {
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
});

describe("indexing", () => {
  it("index_select with a 0-d index", () => {
    expect(x().index_select(0, torch.tensor(1n)).shape).toEqual([1, 3, 4]);
  });

  it("gather with an index longer than self along dim", () => {
    expect(x().gather(1, longShape([2, 5, 1])).shape).toEqual([2, 5, 1]);
  });

  it("masked_fill broadcasts self to the mask", () => {
    expect(torch.zeros(4).masked_fill(torch.ones(2, 4, { dtype: torch.bool }), 1).shape).toEqual([2, 4]);
  });
});

describe("PyTorch's calling convention for shape ops", () => {
  const m = () => torch.arange(6).float().reshape(2, 3);
  const values = (t: torch.Tensor) => t.tolist();

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

  it("view(dtype)", () => {
    expect(m().view(torch.float32).shape).toEqual([2, 3]);
  });

  it("split takes a 0-d tensor as its size", () => {
    expect(m().split(torch.tensor(1n)).length).toBe(2);
  });

  it("scatter's reduce, narrow's tensor start, index_add's alpha on ints, the empty cat", () => {
    const index = torch.tensor([[0n], [2n]]);
    expect(values(torch.scatter(m(), 1, index, torch.tensor([[2], [3]]), { reduce: "multiply" }))).toEqual([
      [0, 1, 2],
      [3, 4, 15],
    ]);
    expect(values(torch.scatter(m(), 1, index, 10, { reduce: "add" }))).toEqual([
      [10, 1, 2],
      [3, 4, 15],
    ]);
    expect(values(torch.narrow(m(), 1, torch.tensor(1n), 2))).toEqual([
      [1, 2],
      [4, 5],
    ]);
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
  });

  it("names PyTorch does not have are not public", () => {
    for (const name of ["view", "expand", "expand_as", "contiguous", "repeat", "slice", "pad"])
      expect((torch as Record<string, unknown>)[name], `torch.${name}`).toBeUndefined();
    for (const name of ["slice", "constant_pad_nd"])
      expect((m() as unknown as Record<string, unknown>)[name], `Tensor.${name}`).toBeUndefined();
  });
});
