// clip_grad_norm_ / clip_grad_value_ vs PyTorch 1.13 (test/fixtures/optim.json).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { expectValuesClose, fixtures, lossFn, makeParams } from "./fixtures.js";

const { clip_grad_norm_, clip_grad_value_ } = torch.nn.utils;

const RTOL = 2e-6;

function normType(encoded: number | string | null): number {
  if (encoded === "Infinity") return Infinity;
  return encoded as number;
}

describe("clip_grad matches PyTorch", () => {
  for (const c of fixtures.clip) {
    it(c.name, () => {
      const params = makeParams();
      lossFn(params).backward();
      if (c.kind === "norm") {
        const total = clip_grad_norm_(params, c.limit, normType(c.norm_type));
        expect(total).toBeInstanceOf(torch.Tensor);
        expect(total.shape).toEqual([]);
        expect(total.dtype).toBe(torch.float32);
        expectValuesClose([Number(total.item())], [c.total_norm!], RTOL, `${c.name} total norm`);
      } else {
        expect(clip_grad_value_(params, c.limit)).toBeUndefined();
      }
      params.forEach((p, i) => {
        const expected = c.grads[i];
        if (expected === null) expect(p.grad).toBeNull();
        else expectValuesClose(p.grad!.values(), expected, RTOL, `${c.name} grad ${i}`);
      });
    });
  }

  it("accepts a single tensor", () => {
    const p = torch.tensor(fixtures.problem.P2, { requires_grad: true });
    p.mul(torch.tensor(fixtures.problem.C2)).pow(2).sum().backward();
    const total = clip_grad_norm_(p, 0.5);
    expectValuesClose([Number(total.item())], [fixtures.clip_single_tensor.total_norm], RTOL, "total norm");
    expectValuesClose(p.grad!.values(), fixtures.clip_single_tensor.grad, RTOL, "grad");
  });

  it("is torch.nn.utils', not torch.optim's", () => {
    expect("clip_grad_norm_" in torch.optim).toBe(false);
    expect("clip_grad_value_" in torch.optim).toBe(false);
  });

  it("returns tensor(0.) when no parameter has a gradient, and keyword options work", () => {
    const p = torch.tensor([1.0, 2.0], { requires_grad: true });
    expect(clip_grad_norm_([p], 1.0).item()).toBe(0);
    p.grad = torch.tensor([3.0, 4.0]);
    const total = clip_grad_norm_([p], 1.0, { norm_type: 1 });
    expect(total.item()).toBe(7);
    expect(p.requires_grad).toBe(true);
    expect(p.grad!.requires_grad).toBe(false);
  });
});
