// Views share storage with their base exactly where PyTorch's do, with PyTorch's strides and offsets.
import { describe, expect, it, vi } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, backend } from "../../src/backend/backend.js";
import type { Tensor } from "../../src/index.js";
// PyTorch slices by indexing (x[:, 1::2]); tensorgrad's internal slice is that view.
import { slice } from "../../src/ops/shape.js";

const base = () => torch.arange(24).float().reshape(2, 3, 4);

// [shape, stride, storage_offset] from PyTorch 1.13 for x = torch.arange(24.).reshape(2, 3, 4).
const EXPECTED: [string, (x: Tensor) => Tensor, number[], number[], number][] = [
  ["transpose", (x) => x.transpose(0, 2), [4, 3, 2], [1, 4, 12], 0],
  ["permute", (x) => x.permute(1, 2, 0), [3, 4, 2], [4, 1, 12], 0],
  ["t", (x) => x.select(0, 0).t(), [4, 3], [1, 4], 0],
  ["mT", (x) => x.mT, [2, 4, 3], [12, 1, 4], 0],
  ["T", (x) => x.select(0, 0).T, [4, 3], [1, 4], 0],
  ["select", (x) => x.select(1, 2), [2, 4], [12, 1], 8],
  ["slice", (x) => slice(slice(x, 1, 1, null, 2), 2, 1, 3), [2, 1, 2], [12, 8, 1], 5],
  ["narrow", (x) => x.narrow(2, 1, 2), [2, 3, 2], [12, 4, 1], 1],
  ["unsqueeze_slice", (x) => slice(x, 1, 1).unsqueeze(1), [2, 1, 2, 4], [12, 8, 4, 1], 4],
  ["flatten_view", (x) => slice(x, 2, null, 2).flatten(0, 1), [6, 2], [4, 1], 0],
  ["unflatten", (x) => x.unflatten(2, [2, 2]), [2, 3, 2, 2], [12, 4, 2, 1], 0],
  ["movedim", (x) => x.movedim(0, -1), [3, 4, 2], [4, 1, 12], 0],
  ["expand_as", (x) => slice(x, 1, null, 1).expand_as(x), [2, 3, 4], [12, 0, 1], 0],
  ["split1", (x) => x.split(2, 2)[1], [2, 3, 2], [12, 4, 1], 2],
  ["chunk2", (x) => x.chunk(3, 1)[2], [2, 1, 4], [12, 4, 1], 8],
  ["unbind1", (x) => x.unbind(1)[1], [2, 4], [12, 1], 4],
  ["reshape_view", (x) => slice(x.transpose(1, 2), 1, null, 2).reshape(2, 2, 3), [2, 2, 3], [12, 1, 4], 0],
];

describe("views", () => {
  it.each(EXPECTED)(
    "%s has PyTorch's shape, strides and offset, and shares storage",
    (_n, make, shape, stride, offset) => {
      const x = base();
      const v = make(x);
      expect([...v.shape]).toEqual(shape);
      expect(v.stride()).toEqual(stride);
      expect(v.storage_offset()).toBe(offset);
      expect(v._storage).toBe(x._storage);
    },
  );

  it("writes through a view reach the base", () => {
    const x = base();
    x.select(1, 2).fill_(-1);
    expect(x.select(1, 2).tolist()).toEqual([
      [-1, -1, -1, -1],
      [-1, -1, -1, -1],
    ]);
    slice(x, 2, 1, null, 2).add_(100);
    expect(x.select(0, 0).select(0, 0).tolist()).toEqual([0, 101, 2, 103]);
    x.mT.narrow(1, 0, 1).zero_();
    expect(x.select(2, 0).tolist()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const [, second] = x.split(1, 0);
    second.mul_(0);
    expect(x.select(0, 1).sum().item()).toBe(0);
  });

  it("in-place writes bump the version shared with the base", () => {
    const x = base();
    const v = x.transpose(0, 1);
    const before = x._version;
    v.add_(1);
    expect(x._version).toBe(before + 1);
  });

  it("copying ops do not share storage", () => {
    const x = base();
    for (const out of [
      torch.cat([x, x]),
      torch.stack([x, x]),
      x.flip(0),
      x.roll(1),
      x.repeat(1, 1, 1),
      torch.constant_pad_nd(x, [1, 1]),
      x.transpose(0, 1).flatten(),
      x.index_select(0, torch.tensor([0n])),
      x.tril(),
      x.masked_fill(x.gt(3), 0),
    ]) {
      expect(out._storage).not.toBe(x._storage);
    }
  });

  it("split outputs share one SplitBackward0 node with output numbers 0, 1, ...", () => {
    const x = torch.randn(4, 3).requires_grad_();
    const parts = x.split(2);
    expect(parts.map((p) => p.grad_fn?.name())).toEqual(["SplitBackward0", "SplitBackward0"]);
    expect(parts[0].grad_fn).toBe(parts[1].grad_fn);
    expect(parts.map((p) => p._outputNr)).toEqual([0, 1]);
    parts[1].sum().backward();
    expect(x.grad!.tolist()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it("double backward through views and indexing", () => {
    const x = torch.tensor([1, 2, 3], { dtype: torch.float64 }).requires_grad_();
    const y = slice(x.unsqueeze(0).expand(2, 3).select(0, 1), 0, 1).pow(3).sum();
    const [g] = torch.autograd.grad(y, [x], { create_graph: true });
    expect(g!.tolist()).toEqual([0, 12, 27]);
    const [gg] = torch.autograd.grad(g!.sum(), [x]);
    expect(gg!.tolist()).toEqual([0, 12, 18]);
  });
});

// Large in-place arithmetic without a graph is written straight into the storage by the native backend.
describe.each(availableBackends())("in-place add_/sub_/mul_/div_ on large tensors (%s backend)", (name) => {
  const run = <T>(fn: () => T): T => {
    const previous = torch.get_backend();
    torch.set_backend(name);
    try {
      return fn();
    } finally {
      torch.set_backend(previous);
    }
  };
  const values = (n: number, k: number) => Array.from({ length: n }, (_, i) => Math.sin(i * k) * 3);

  it("matches the out-of-place op, bumps the version and updates views", () =>
    run(() => {
      // The native backend takes the direct path (it has binaryInto); the JS one computes and copies back.
      const direct = backend().binaryInto ? vi.spyOn(backend(), "binaryInto") : null;
      const base = torch.tensor(values(4000, 1)).reshape([40, 100]);
      const other = torch.tensor(values(4000, 2)).reshape([40, 100]);
      for (const op of ["add", "sub", "mul", "div"] as const) {
        const x = base.clone();
        const view = x.narrow(0, 10, 5);
        const before = x._version;
        const want = x[op](other);
        const returned = x[`${op}_`](other);
        expect(returned).toBe(x);
        expect(x.tolist()).toEqual(want.tolist());
        expect(x._version).toBe(before + 1);
        expect(view.tolist()).toEqual(want.narrow(0, 10, 5).tolist());
      }
      if (direct) expect(direct).toHaveBeenCalledTimes(4);
      direct?.mockRestore();
    }));

  it("broadcasts a row, a scalar tensor and a number, under no_grad on a parameter", () =>
    run(() => {
      const p = torch.tensor(values(3000, 3)).reshape([30, 100]).requires_grad_(true);
      const row = torch.tensor(values(100, 5));
      const want = p.detach().sub(row).mul(0.5).add(torch.tensor(2.0));
      torch.no_grad(() => {
        p.sub_(row);
        p.mul_(0.5);
        p.add_(torch.tensor(2.0));
      });
      expect(p.tolist()).toEqual(want.tolist());
      expect(p.requires_grad).toBe(true);
    }));
});
