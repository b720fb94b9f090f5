// Which of the diagonal, atleast, combinatorics, rotate, repeat and products ops return views (sharing storage
// and version counter with their input, with PyTorch's strides) and which return copies, as in PyTorch 1.13;
// their warnings; the tuple forms of atleast_*; and the graph vander records.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { catch_warnings } from "../../src/warnings.js";

const m = () => torch.arange(12).float().reshape(3, 4);
const x = () => torch.arange(24).float().reshape(2, 3, 4);

// [shape, stride, storage_offset] from PyTorch 1.13 for m = arange(12.).reshape(3, 4), x = arange(24.).reshape(2, 3, 4).
const VIEWS: [string, () => [Tensor, Tensor], number[], number[], number][] = [];
/** A row of VIEWS: `make` applied to a fresh `base`. */
const view = (
  name: string,
  base: () => Tensor,
  make: (t: Tensor) => Tensor,
  shape: number[],
  stride: number[],
  offset: number,
) =>
  VIEWS.push([
    name,
    () => {
      const b = base();
      return [b, make(b)];
    },
    shape,
    stride,
    offset,
  ]);
view("diagonal", m, (t) => t.diagonal(), [3], [5], 0);
view("diagonal offset", m, (t) => torch.diagonal(t, 1), [3], [5], 1);
view("diagonal below", m, (t) => t.diagonal(-1), [2], [5], 4);
view("diagonal of dims 0, 2", x, (t) => t.diagonal(1, 0, 2), [3, 2], [4, 13], 1);
view("diagonal off the end", m, (t) => t.diagonal(5), [0], [5], 0);
view("ravel", m, (t) => torch.ravel(t), [12], [1], 0);
view("atleast_2d of a vector", m, (t) => torch.atleast_2d(t.select(0, 0)) as Tensor, [1, 4], [4, 1], 0);
view("atleast_3d of a matrix", m, (t) => torch.atleast_3d(t) as Tensor, [3, 4, 1], [4, 1, 1], 0);
view(
  "meshgrid ij 0",
  m,
  (t) => torch.meshgrid(t.select(0, 0), t.select(0, 1).narrow(0, 0, 3), { indexing: "ij" })[0],
  [4, 3],
  [1, 0],
  0,
);
view(
  "meshgrid ij 1",
  m,
  (t) => torch.meshgrid(t.select(0, 0), t.select(0, 1).narrow(0, 0, 3), { indexing: "ij" })[1],
  [4, 3],
  [0, 1],
  4,
);
view(
  "meshgrid xy 0",
  m,
  (t) => torch.meshgrid(t.select(0, 0), t.select(0, 1).narrow(0, 0, 3), { indexing: "xy" })[0],
  [3, 4],
  [0, 1],
  0,
);

describe("views", () => {
  it.each(VIEWS)(
    "%s has PyTorch's shape, strides and offset, and shares storage",
    (_n, make, shape, stride, offset) => {
      const [base, v] = make();
      expect([...v.shape]).toEqual(shape);
      expect(v.stride()).toEqual(stride);
      expect(v.storage_offset()).toBe(offset);
      expect(v._storage).toBe(base._storage);
    },
  );

  it("diagonal writes reach the base, bump its version, and record DiagonalBackward0", () => {
    const base = m();
    const d = base.diagonal(1);
    const before = base._version;
    d.fill_(-1);
    expect(base._version).toBe(before + 1);
    expect(base.tolist()).toEqual([
      [0, -1, 2, 3],
      [4, 5, -1, 7],
      [8, 9, 10, -1],
    ]);
    const leaf = torch.randn(3, 3).requires_grad_();
    expect(leaf.diagonal().grad_fn?.name()).toBe("DiagonalBackward0");
  });

  it("an in-place op on the diagonal of a non-leaf rebases the graph as PyTorch does", () => {
    const a = torch.ones(3, 3).requires_grad_();
    const x = a.mul(1);
    const d = x.diagonal();
    d.mul_(torch.tensor([2, 3, 4]));
    expect([x.grad_fn?.name(), d.grad_fn?.name()]).toEqual([
      "torch::autograd::CopySlices",
      "AsStridedBackward0",
    ]);
    x.sum().backward();
    expect(a.grad!.tolist()).toEqual([
      [2, 1, 1],
      [1, 3, 1],
      [1, 1, 4],
    ]);
  });

  it("atleast_* return a tensor with enough dims itself, and ravel of a non-contiguous tensor copies", () => {
    const t = m();
    expect(torch.atleast_1d(t)).toBe(t);
    expect(torch.atleast_2d(t)).toBe(t);
    const row = t.select(0, 0);
    expect(torch.cartesian_prod(row)).toBe(row);
    expect(torch.ravel(t.t())._storage).not.toBe(t._storage);
  });

  it("tensordot's result views its matrix product, not its inputs", () => {
    const a = x();
    const out = torch.tensordot(a, torch.ones(4, 2), 1);
    expect([...out.shape]).toEqual([2, 3, 2]);
    expect(out.stride()).toEqual([6, 2, 1]);
    expect(out._base).not.toBeNull();
    expect(out._storage).not.toBe(a._storage);
  });

  it("kron keeps the layout PyTorch's mul gives a transposed input", () => {
    const t = m();
    const out = torch.kron(t.t().unsqueeze(0), torch.ones(1, 1, 1));
    expect([...out.shape]).toEqual([1, 4, 3]);
    expect(out.stride()).toEqual([4, 1, 4]);
    expect(out.tolist()).toEqual([t.t().tolist()]);
  });

  it("rot90 returns a copy in PyTorch's transposed layout", () => {
    const t = m();
    for (const [k, stride] of [
      [1, [1, 4]],
      [3, [1, 4]],
      [2, [4, 1]],
      [0, [4, 1]],
    ] as const) {
      const r = torch.rot90(t, k);
      expect(r.stride()).toEqual(stride);
      expect(r._storage).not.toBe(t._storage);
    }
  });

  it("copying ops do not share storage", () => {
    const t = m();
    const v = t.select(0, 0);
    for (const out of [
      torch.diag(t),
      torch.diag(v),
      torch.diag_embed(t),
      torch.diagflat(t),
      torch.tile(t, [1, 1]),
      torch.repeat_interleave(t, 1),
      torch.fliplr(t),
      torch.flipud(t),
      torch.kron(t, torch.ones(1)),
      torch.cross(t.narrow(1, 0, 3), t.narrow(1, 1, 3), 0),
      torch.cdist(t, t),
      torch.block_diag(t),
      torch.cartesian_prod(v, v),
      torch.combinations(v),
      torch.vander(v),
    ]) {
      expect(out._storage).not.toBe(t._storage);
    }
  });
});

describe("tuple forms and warnings", () => {
  it("atleast_* take one tensor, several, or one sequence", () => {
    const a = torch.tensor(1.0);
    const b = torch.zeros(2);
    expect(torch.atleast_1d()).toEqual([]);
    const many = torch.atleast_1d(a, b) as Tensor[];
    expect(many.map((t) => [...t.shape])).toEqual([[1], [2]]);
    const listed = torch.atleast_3d([a, b]) as Tensor[];
    expect(listed.map((t) => [...t.shape])).toEqual([
      [1, 1, 1],
      [1, 2, 1],
    ]);
  });

  it("meshgrid without indexing warns once (TORCH_WARN_ONCE), with indexing never", () => {
    const v = torch.zeros(2);
    const first = catch_warnings(() => torch.meshgrid(v, { indexing: "ij" }));
    expect(first.warnings).toEqual([]);
    const second = catch_warnings(() => {
      torch.meshgrid(v, v);
      torch.meshgrid([v, v]);
    });
    expect(second.warnings).toEqual([
      {
        message: "torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.",
        category: "UserWarning",
      },
    ]);
  });

  it("chain_matmul warns once that it is deprecated, and copies a single matrix", () => {
    const t = torch.ones(2, 2);
    const { warnings, result } = catch_warnings(() => {
      const one = torch.chain_matmul(t);
      torch.chain_matmul(t, t);
      return one;
    });
    // One matrix comes back as a contiguous copy (CloneBackward0 in a graph).
    expect(result._storage).not.toBe(t._storage);
    expect(warnings.map((w) => w.message)).toEqual([
      "torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use torch.linalg.multi_dot " +
        "instead, which accepts a list of two or more tensors rather than multiple parameters.",
    ]);
  });

  it("vander records PyTorch's copies into slices: CopySlices, then FlipBackward0 unless increasing", () => {
    const v = torch.randn(3).requires_grad_();
    expect(torch.vander(v).grad_fn?.name()).toBe("FlipBackward0");
    expect(torch.vander(v, 4, true).grad_fn?.name()).toBe("torch::autograd::CopySlices");
  });
});
