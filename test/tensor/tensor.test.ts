// Tensors: creation, dtype inference, promotion, properties and printing. PyTorch's error texts for bad
// data, sizes and ranges are rows of the error table test/errors/tensor.ts.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

describe("torch.tensor", () => {
  it("infers float32 for numbers, int64 for bigints and bool for booleans", () => {
    expect(torch.tensor(3).dtype).toBe(torch.float32);
    expect(torch.tensor([1.5, 2]).dtype).toBe(torch.float32);
    expect(torch.tensor([1n, 2n]).dtype).toBe(torch.int64);
    expect(torch.tensor([true, false]).dtype).toBe(torch.bool);
    expect(
      torch.tensor([
        [1, 2],
        [3, 4],
      ]).shape,
    ).toEqual([2, 2]);
    expect(torch.tensor([]).shape).toEqual([0]);
  });

  it("takes typed arrays and an explicit dtype", () => {
    expect(torch.tensor(new Float64Array([1, 2])).dtype).toBe(torch.float64);
    expect(torch.tensor(new Int32Array([1, 2])).dtype).toBe(torch.int32);
    const t = torch.tensor([1.7, -2.7], { dtype: torch.int64 });
    expect(t.tolist()).toEqual([1, -2]);
    expect(torch.tensor([1, 2], { dtype: torch.float64 }).dtype).toBe(torch.float64);
  });

  it("rounds float32 data to float32", () => {
    expect(torch.tensor(0.1).item()).toBe(Math.fround(0.1));
    expect(torch.tensor(0.1, { dtype: torch.float64 }).item()).toBe(0.1);
  });
});

describe("creation functions", () => {
  it("zeros/ones/full accept PyTorch's size spellings", () => {
    expect(torch.zeros(2, 3).shape).toEqual([2, 3]);
    expect(torch.ones([4]).tolist()).toEqual([1, 1, 1, 1]);
    expect(torch.zeros([2], { dtype: torch.int64 }).dtype).toBe(torch.int64);
    expect(torch.full([2], 7).tolist()).toEqual([7, 7]);
    expect(torch.full([1], 7n).dtype).toBe(torch.int64);
    expect(torch.zeros_like(torch.ones(2, 2)).tolist()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("arange and linspace match PyTorch", () => {
    expect(torch.arange(5).toString()).toBe("tensor([0, 1, 2, 3, 4])");
    expect(torch.arange(1, 2.5, 0.5).toString()).toBe("tensor([1.0000, 1.5000, 2.0000])");
    expect(torch.linspace(-1, 1, 5).toString()).toBe("tensor([-1.0000, -0.5000,  0.0000,  0.5000,  1.0000])");
    expect(torch.linspace(0, 1, 7).tolist()).toEqual([
      0.0, 0.1666666716337204, 0.3333333432674408, 0.5, 0.6666666269302368, 0.8333333134651184, 1.0,
    ]);
  });

  it("rand and randn reproduce PyTorch's numbers after manual_seed", () => {
    torch.manual_seed(0);
    expect(torch.rand(3).tolist()).toEqual([0.49625658988952637, 0.7682217955589294, 0.08847743272781372]);
    torch.manual_seed(0);
    expect(torch.randn(3).tolist()).toEqual([1.5409960746765137, -0.293428897857666, -2.1787893772125244]);
    torch.manual_seed(0);
    expect(torch.randn(3, { dtype: torch.float64 }).tolist()).toEqual([
      1.5409961082440433, -0.2934289057609464, -2.1787893820745574,
    ]);
    torch.manual_seed(0);
    expect((torch.randn(20, { dtype: torch.float64 }).tolist() as number[]).slice(-2)).toEqual([
      0.15429517864658948, -0.7498915228391941,
    ]);
    torch.manual_seed(3);
    expect(torch.randint(0, 10, [5]).tolist()).toEqual([6, 8, 7, 7, 0]);
    // 16+ float32 normals: PyTorch may use AVX2 log/sin/cos, so allow an ulp or two.
    torch.manual_seed(0);
    const big = torch.randn(17).tolist() as number[];
    [-1.1258398294448853, -1.6959311962127686, 0.5666506290435791].forEach((v, i) =>
      expect(big[i]).toBeCloseTo(v, 6),
    );
  });
});

describe("type promotion", () => {
  const t = (data: number[] | bigint[], dtype?: torch.DType) =>
    torch.tensor(data, dtype ? { dtype } : undefined);
  it("follows torch.result_type", () => {
    expect(t([1n, 2n]).add(1.5).dtype).toBe(torch.float32);
    expect(t([1n, 2n]).mul(torch.tensor(2.5)).dtype).toBe(torch.float32);
    expect(t([1, 2], torch.float64).add(torch.tensor(1)).dtype).toBe(torch.float64);
    expect(t([1, 2]).add(t([1], torch.float64)).dtype).toBe(torch.float64);
    expect(t([1n, 2n], torch.int32).add(torch.tensor(5n)).dtype).toBe(torch.int32);
    expect(torch.tensor([true]).add(1).dtype).toBe(torch.int64);
  });
});

describe("Tensor properties", () => {
  it("size, dim, numel, item and tolist", () => {
    const x = torch.tensor([1, 2, 3]);
    expect(x.size()).toEqual([3]);
    expect(x.size(-1)).toBe(3);
    expect(x.dim()).toBe(1);
    expect(x.numel()).toBe(3);
    expect(torch.tensor(2.5).item()).toBe(2.5);
    expect(torch.tensor([true, false]).tolist()).toEqual([true, false]);
  });

  it("prints repr with console.log/toString and Python's format in template literals", () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = x.pow(2);
    expect(y.toString()).toBe("tensor(4., grad_fn=<PowBackward0>)");
    expect(`${y}`).toBe("4.0");
    expect(`${torch.tensor([1, 2])}`).toBe("tensor([1., 2.])");
    expect(+torch.tensor(3)).toBe(3);
  });

  it("clone, to, float, double, long", () => {
    const x = torch.tensor([1.5, -2.5]);
    expect(x.double().dtype).toBe(torch.float64);
    expect(x.long().tolist()).toEqual([1, -2]);
    expect(x.float()).toBe(x);
    const c = x.clone();
    c.add_(1);
    expect(x.tolist()).toEqual([1.5, -2.5]);
  });

  it("detach shares storage and requires_grad_ returns the tensor", () => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const d = x.detach();
    expect(d.requires_grad).toBe(false);
    d.add_(1);
    expect(x.tolist()).toEqual([2, 3]);
    expect(x.requires_grad_(false)).toBe(x);
  });
});
