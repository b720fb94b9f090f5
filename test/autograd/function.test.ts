import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { FunctionCtx } from "../../src/autograd/index.js";
import type { Tensor } from "../../src/index.js";
import { expectAllClose, expectPyError, fx } from "./fixtures.js";

class MyExp extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor, scale: number): Tensor {
    const r = x.exp().mul(scale);
    ctx.save_for_backward(r);
    return r;
  }
  static override backward(ctx: FunctionCtx, g: Tensor | null): (Tensor | null)[] {
    const [r] = ctx.saved_tensors;
    return [g!.mul(r), null];
  }
}

class NoneGrads extends torch.autograd.Function {
  static override forward(_ctx: FunctionCtx, x: Tensor, k: number): Tensor {
    return x.mul(k);
  }
  static override backward(_ctx: FunctionCtx, g: Tensor | null): Tensor | null {
    return g;
  }
}

class WrongShape extends torch.autograd.Function {
  static override forward(_ctx: FunctionCtx, x: Tensor): Tensor {
    return x.mul(2);
  }
  static override backward(): Tensor {
    return torch.ones(3);
  }
}

class Dirty extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    ctx.mark_dirty(x);
    return x.mul_(2);
  }
  static override backward(_ctx: FunctionCtx, g: Tensor | null): Tensor {
    return g!.mul(2);
  }
}

class SplitMax extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor[] {
    ctx.needs = ctx.needs_input_grad.slice();
    const idx = torch.tensor([1n]);
    ctx.mark_non_differentiable(idx);
    return [x.mul(2), idx];
  }
  static override backward(_ctx: FunctionCtx, g: Tensor | null, gIdx: Tensor | null): Tensor {
    expect(gIdx!.tolist()).toEqual([0]); // materialized zeros, like PyTorch
    return g!.mul(2);
  }
}

describe("torch.autograd.Function (vs PyTorch)", () => {
  it("names grad_fn <Class>Backward, runs backward with saved tensors, allows non-tensor args", () => {
    const x = torch.tensor([0.5, 1.0], { requires_grad: true });
    const y = MyExp.apply(x, 2.0);
    expect(y.grad_fn!.name()).toBe(fx.custom_name);
    y.sum().backward();
    expectAllClose(x.grad!.tolist(), fx.custom_grad);
  });

  it("runs forward without recording a graph, and records nothing when no input requires grad", () => {
    class Probe extends torch.autograd.Function {
      static override forward(_ctx: FunctionCtx, x: Tensor): Tensor {
        expect(torch.is_grad_enabled()).toBe(false);
        return x.mul(2);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor | null): Tensor | null {
        return g;
      }
    }
    const x = torch.tensor([1.0], { requires_grad: true });
    expect(Probe.apply(x).grad_fn!.name()).toBe("ProbeBackward");
    expect(Probe.apply(torch.tensor([1.0])).grad_fn).toBeNull();
  });

  it("needs_input_grad and mark_non_differentiable", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const [y, idx] = SplitMax.apply(x);
    expect(idx.requires_grad).toBe(false);
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([2, 2]);
  });

  it("saved_tensors are freed after backward", () => {
    const x = torch.tensor([0.5], { requires_grad: true });
    const y = MyExp.apply(x, 1);
    y.sum().backward();
    expectPyError(() => y.sum().backward(), fx.second_backward);
  });

  it("gives PyTorch's errors for wrong gradient counts, shapes, and dirty leaves", () => {
    expectPyError(
      () =>
        NoneGrads.apply(torch.ones(2, { requires_grad: true }), 3)
          .sum()
          .backward(),
      fx.custom_wrong_count,
    );
    expectPyError(
      () =>
        WrongShape.apply(torch.ones(2, { requires_grad: true }))
          .sum()
          .backward(),
      fx.custom_wrong_shape,
    );
    expectPyError(() => Dirty.apply(torch.ones(2, { requires_grad: true })), fx.custom_dirty_leaf);
  });

  it("mark_dirty rebases a non-leaf's history on the function", () => {
    const x = torch.tensor([1.0, 3.0], { requires_grad: true });
    const y = x.mul(1);
    const z = Dirty.apply(y);
    expect(z).toBe(y);
    expect(y.grad_fn!.name()).toBe("DirtyBackward");
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([2, 2]);
  });

  it("supports double backward when backward uses differentiable ops", () => {
    const x = torch.tensor([0.5], { requires_grad: true });
    const [g] = torch.autograd.grad(MyExp.apply(x, 1).sum(), x, { create_graph: true });
    const [gg] = torch.autograd.grad(g!.sum(), x);
    expectAllClose(gg!.tolist(), [Math.exp(0.5)], 1e-6);
  });
});
