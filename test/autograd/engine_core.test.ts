// The backward engine: deep chains, broadcasting, grad modes, grad_fn names. PyTorch's errors for a backward
// pass it refuses are rows of test/errors/autograd.ts.
import { describe, expect, it, vi } from "vitest";
import * as torch from "../../src/index.js";
import type { FunctionCtx } from "../../src/autograd/index.js";
import { warningSink } from "../helpers/warnings.js";

describe("backward engine", () => {
  it("backpropagates through a 100,000-op chain without recursion", () => {
    const x = torch.tensor(0.5, { requires_grad: true });
    let h = x;
    for (let i = 0; i < 100_000; i++) h = h.mul(1.0000001).add(0);
    h.backward();
    expect(x.grad!.item()).toBeGreaterThan(1);
  });

  it("runs the newest ready node first, like PyTorch (x*(-1e8) + x*1e8 + x*1 gives grad 0)", () => {
    const x = torch.tensor(1.0, { requires_grad: true });
    x.mul(-1e8).add(x.mul(1e8)).add(x.mul(1)).backward();
    expect(x.grad!.item()).toBe(0);
  });

  it("accumulates into .grad across backward calls until zero_()", () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    for (const expected of [4, 8, 12]) {
      x.pow(2).backward();
      expect(x.grad!.item()).toBe(expected);
    }
    x.grad!.zero_();
    x.pow(2).backward();
    expect(x.grad!.item()).toBe(4);
  });

  it("sums broadcast gradients back to each input's shape", () => {
    const a = torch.ones([2, 3], { requires_grad: true });
    const b = torch.ones([3], { requires_grad: true });
    a.mul(b).sum().backward();
    expect(b.grad!.tolist()).toEqual([2, 2, 2]);
    expect(a.grad!.shape).toEqual([2, 3]);
  });

  it("warns (UserWarning) and returns null for .grad of a non-leaf", () => {
    const spy = vi.spyOn(warningSink, "emit").mockImplementation(() => undefined);
    const x = torch.tensor(4.0, { requires_grad: true });
    const y = x.pow(2);
    torch.sin(y).backward();
    expect(y.grad).toBeNull();
    expect(spy).toHaveBeenCalledWith(
      expect.stringMatching(/^The \.grad attribute of a Tensor that is not a leaf/),
      "UserWarning",
    );
    spy.mockRestore();
  });

  it("records nothing under no_grad and set_grad_enabled(false)", () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = torch.no_grad(() => x.pow(6));
    expect(y.requires_grad).toBe(false);
    expect(y.grad_fn).toBeNull();
    expect(torch.is_grad_enabled()).toBe(true);
    torch.set_grad_enabled(false);
    expect(x.mul(2).requires_grad).toBe(false);
    expect(torch.enable_grad(() => x.mul(2)).requires_grad).toBe(true);
    torch.set_grad_enabled(true);
    // JS only: no_grad would be left at an async function's first await; tensorgrad's own error refuses it.
    expect(() => torch.no_grad(async () => 1)).toThrow(/synchronous/);
  });

  it("exposes grad_fn names and next_functions like PyTorch", () => {
    const w = torch.tensor(1.0, { requires_grad: true });
    const x = torch.tensor(3.73);
    const z = w.mul(x);
    expect(z.grad_fn!.name()).toBe("MulBackward0");
    expect(z.grad_fn!.next_functions.map(([n]) => n?.name() ?? null)).toEqual(["AccumulateGrad", null]);
    expect(torch.sub(1, z).grad_fn!.name()).toBe("RsubBackward1");
    expect(z.is_leaf).toBe(false);
    expect(w.is_leaf).toBe(true);
  });

  it("torch.autograd.grad computes higher derivatives with create_graph", () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = x.pow(3);
    const [d1] = torch.autograd.grad(y, x, { create_graph: true });
    expect(d1!.item()).toBe(12);
    const [d2] = torch.autograd.grad(d1!, x, { create_graph: true });
    expect(d2!.item()).toBe(12);
    const [d3] = torch.autograd.grad(d2!, x);
    expect(d3!.item()).toBe(6);
  });
});

describe("backward with the same root twice", () => {
  it("adds both root gradients, as PyTorch does (x**2 at 2 twice gives 8)", () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = x.pow(2);
    torch.autograd.backward([y, y]);
    expect(x.grad!.item()).toBe(8);
  });
});

// .grad keeps the engine's fresh gradient instead of a copy only when nothing else can hold it.
describe("gradients kept as .grad without a copy", () => {
  it("two leaves fed the same gradient (add) never share memory", () => {
    const x = torch.ones(4, { requires_grad: true });
    const y = torch.ones(4, { requires_grad: true });
    x.add(y).mul(3).sum().backward();
    x.grad!.zero_();
    expect(y.grad!.tolist()).toEqual([3, 3, 3, 3]);
  });

  it("a gradient passed in by the user is copied, so changing it later leaves .grad alone", () => {
    const x = torch.ones(3, { requires_grad: true });
    const g = torch.tensor([1.0, 2.0, 3.0]);
    x.add(1).backward(g);
    g.zero_();
    expect(x.grad!.tolist()).toEqual([1, 2, 3]);
  });

  it("a gradient a leaf's hook saw (and may keep) is copied", () => {
    const x = torch.ones(3, { requires_grad: true });
    let seen: torch.Tensor | null = null;
    x.register_hook((g) => {
      seen = g;
    });
    x.mul(2).sum().backward();
    x.grad!.zero_();
    expect(seen!.tolist()).toEqual([2, 2, 2]);
  });

  it("a gradient a custom Function returned (and may keep) is copied", () => {
    const kept: torch.Tensor[] = [];
    class Keep extends torch.autograd.Function {
      static override forward(_ctx: FunctionCtx, x: torch.Tensor): torch.Tensor {
        return x.clone();
      }
      static override backward(_ctx: FunctionCtx, g: torch.Tensor | null): (torch.Tensor | null)[] {
        const out = g!.mul(5);
        kept.push(out);
        return [out];
      }
    }
    const x = torch.ones(2, { requires_grad: true });
    (Keep.apply(x) as torch.Tensor).sum().backward();
    kept[0].zero_();
    expect(x.grad!.tolist()).toEqual([5, 5]);
  });

  // The values below are PyTorch's, whose reference count sees the hook's or the Function's reference.
  it("a gradient a non-leaf's tensor hook saw is copied, though it flows on unchanged to a leaf", () => {
    const x = torch.ones(3, { requires_grad: true });
    const y = x.add(1);
    let seen: torch.Tensor | null = null;
    y.register_hook((g) => {
      seen = g;
    });
    y.mul(2).sum().backward();
    x.grad!.zero_();
    expect(seen!.tolist()).toEqual([2, 2, 2]);
  });

  it("a gradient a node's pre-hook saw is copied (on an op node and on a leaf's AccumulateGrad)", () => {
    const x = torch.ones(3, { requires_grad: true });
    const y = x.add(1);
    let seenByOp: (torch.Tensor | null)[] = [];
    y.grad_fn!.register_prehook((grads) => {
      seenByOp = grads;
    });
    const z = x.mul(2);
    let seenByLeaf: (torch.Tensor | null)[] = [];
    z.grad_fn!.next_functions[0][0]!.register_prehook((grads) => {
      seenByLeaf = grads;
    });
    y.mul(2).sum().backward();
    z.mul(2).sum().backward();
    x.grad!.zero_();
    expect(seenByOp[0]!.tolist()).toEqual([2, 2, 2]);
    expect(seenByLeaf[0]!.tolist()).toEqual([4, 4, 4]);
  });

  it("a gradient handed to a custom Function's backward is copied where it also reaches a leaf", () => {
    const given: torch.Tensor[] = [];
    class Keep extends torch.autograd.Function {
      static override forward(_ctx: FunctionCtx, x: torch.Tensor): torch.Tensor {
        return x.clone();
      }
      static override backward(_ctx: FunctionCtx, g: torch.Tensor | null): (torch.Tensor | null)[] {
        given.push(g!);
        return [g!.mul(5)];
      }
    }
    const x = torch.ones(2, { requires_grad: true });
    const z = torch.ones(2, { requires_grad: true });
    // add hands one gradient to both inputs: x's AccumulateGrad runs first, then Keep's backward.
    x.add(Keep.apply(z) as torch.Tensor)
      .mul(3)
      .sum()
      .backward();
    x.grad!.zero_();
    expect(given[0].tolist()).toEqual([3, 3]);
    expect(z.grad!.tolist()).toEqual([15, 15]);
  });

  it("a post-accumulate hook writing .grad in place leaves the gradient other nodes still read alone", () => {
    const x = torch.ones(3, { requires_grad: true });
    const w = torch.ones(3, { requires_grad: true });
    x.register_post_accumulate_grad_hook((t) => {
      t.grad!.mul_(0);
    });
    // add hands one gradient to x and to w's MulBackward; x's AccumulateGrad runs first.
    x.add(w.mul(2)).mul(3).sum().backward();
    expect(x.grad!.tolist()).toEqual([0, 0, 0]);
    expect(w.grad!.tolist()).toEqual([6, 6, 6]);
  });

  it("a kept gradient accumulates in place on the next backward, as before", () => {
    const w = torch.ones(2, 3, { requires_grad: true });
    const x = torch.ones(4, 3);
    for (let i = 0; i < 3; i++) x.matmul(w.t()).sum().backward();
    expect(w.grad!.tolist()).toEqual([
      [12, 12, 12],
      [12, 12, 12],
    ]);
  });
});
