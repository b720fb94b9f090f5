// The rule that lets a leaf keep a gradient as .grad without a copy (src/autograd/grad_ownership.ts), guard
// by guard. engine_core.test.ts checks the same through backward().
import { afterEach, describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import {
  beginRun,
  endRun,
  handToUserCode,
  mayKeepAsGrad,
  type OwnershipScope,
} from "../../src/autograd/grad_ownership.js";

let outer: OwnershipScope | null | undefined;
function openRun(): void {
  outer = beginRun();
}
afterEach(() => {
  if (outer !== undefined) endRun(outer);
  outer = undefined;
});

describe("may a leaf keep a gradient without a copy", () => {
  const leaf = () => torch.zeros(3, { requires_grad: true });

  it("not outside a backward run", () => {
    expect(mayKeepAsGrad(torch.ones(3), leaf())).toBe(false);
  });

  it("a gradient made during the run, seen by no user code: yes, once", () => {
    openRun();
    const g = torch.ones(3);
    expect(mayKeepAsGrad(g, leaf())).toBe(true);
    // Another leaf, or a view of the same memory: no.
    expect(mayKeepAsGrad(g, leaf())).toBe(false);
    expect(mayKeepAsGrad(g.view([3]), leaf())).toBe(false);
  });

  it("a gradient made before the run began: no", () => {
    const g = torch.ones(3);
    openRun();
    expect(mayKeepAsGrad(g, leaf())).toBe(false);
  });

  it("a gradient user code has seen or made: no", () => {
    openRun();
    const g = torch.ones(3);
    handToUserCode([g]);
    expect(mayKeepAsGrad(g, leaf())).toBe(false);
  });

  it("a non-contiguous gradient, or one of another dtype than the leaf: no", () => {
    openRun();
    expect(mayKeepAsGrad(torch.ones(2, 3).t(), torch.zeros(3, 2, { requires_grad: true }))).toBe(false);
    expect(mayKeepAsGrad(torch.ones(3, { dtype: torch.float64 }), leaf())).toBe(false);
  });

  it("before user code runs, a leaf that kept a gradient gets its own copy", () => {
    openRun();
    const x = leaf();
    const g = torch.ones(3);
    expect(mayKeepAsGrad(g, x)).toBe(true);
    x._grad = g.detach();
    handToUserCode([]);
    g.zero_();
    expect(x._grad.tolist()).toEqual([1, 1, 1]);
  });

  it("a run inside another (a hook calling backward) has its own scope, and gives the outer one back", () => {
    openRun();
    const g = torch.ones(3);
    const inner = beginRun();
    expect(mayKeepAsGrad(g, leaf())).toBe(false);
    endRun(inner);
    expect(mayKeepAsGrad(g, leaf())).toBe(true);
  });
});
