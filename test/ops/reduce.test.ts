// Reductions' call forms, dtypes and in-place variants. PyTorch's error texts for bad input to reductions are
// rows of the error table test/errors/reduce.ts.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

describe("reductions", () => {
  it("max/min with a dim destructure like PyTorch's namedtuple", () => {
    const t = torch.tensor([
      [1, 5, 2],
      [7, 0, 3],
    ]);
    const result = t.max(1);
    const [values, indices] = result;
    expect(values.tolist()).toEqual([5, 7]);
    expect(indices.tolist()).toEqual([1, 0]);
    expect(result.values.tolist()).toEqual([5, 7]);
    expect(result.indices.dtype).toBe(torch.int64);
    expect(result[0]).toBe(result.values);
  });

  it("honours keepdim given by keyword, and max's three call forms", () => {
    const t = torch.tensor([
      [1, 5, 2],
      [7, 0, 3],
    ]);
    expect(torch.max(t, 0, { keepdim: false }).values.shape).toEqual([3]);
    expect(torch.max(t, 1, { keepdim: true }).values.shape).toEqual([2, 1]);
    expect([...torch.max(t, { dim: 0 }).values.values()]).toEqual([7, 5, 3]);
    expect([...torch.max(t, t.neg()).values()]).toEqual([1, 5, 2, 7, 0, 3]);
    expect([...torch.argmin(t, 1, { keepdim: true }).values()]).toEqual([0, 1]);
    expect(torch.argmin(t, 1, { keepdim: true }).shape).toEqual([2, 1]);
    expect(torch.any(t.gt(4), 1, { keepdim: true }).shape).toEqual([2, 1]);
    expect(torch.all(t.gt(0), 0, { keepdim: true }).shape).toEqual([1, 3]);
    expect([...torch.prod(t, 1, { keepdim: true }).values()]).toEqual([10, 0]);
    expect([...torch.sum(t, { dim: 1, keepdim: true }).values()]).toEqual([8, 10]);
    expect(t.sum({ dim: 1, keepdim: true }).shape).toEqual([2, 1]);
  });

  it("differentiates a norm computed in another dtype back into the input's", () => {
    const a = torch
      .tensor([
        [1, 5, 2],
        [7, 0, 3],
      ])
      .requires_grad_();
    const n = torch.norm(a, 2, 1, { dtype: torch.float64 });
    expect(n.dtype).toBe(torch.float64);
    expect(n.grad_fn?.name()).toBe("NormBackward3");
    n.sum().backward();
    expect(a.grad!.dtype).toBe(torch.float32);
    expect(a.grad!.values()[1]).toBeCloseTo(0.9129, 4);
    const b = a.detach().requires_grad_();
    torch.linalg.vector_norm(b, 2, [1], { dtype: torch.float64 }).sum().backward();
    expect(b.grad!.dtype).toBe(torch.float32);
    expect(b.grad!.values()[3]).toBeCloseTo(0.9191, 4);
  });

  it("has no derivative for remainder with a number dividend, as PyTorch (its error is a row)", () => {
    const x = torch.tensor([1.5, 2.5]).requires_grad_();
    expect(torch.remainder(2, x).grad_fn?.name()).toBe("torch::autograd::NotImplemented");
  });

  it("runs in place", () => {
    const t = torch.tensor([1.5, -2.5]);
    expect(t.floor_()).toBe(t);
    expect([...t.values()]).toEqual([1, -3]);
    expect([...torch.abs_(t).values()]).toEqual([1, 3]);
    expect([...t.cumsum_(0).values()]).toEqual([1, 4]);
  });
});
