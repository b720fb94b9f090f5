import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { FunctionCtx } from "../../src/autograd/index.js";
import { expectAllClose, expectPyError, fx } from "./fixtures.js";

class NoSave extends torch.autograd.Function {
  static override forward(_ctx: FunctionCtx, x: torch.Tensor): torch.Tensor {
    return x.mul(2);
  }
  static override backward(_ctx: FunctionCtx, g: torch.Tensor): torch.Tensor {
    return g.mul(2);
  }
}

class Saves extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: torch.Tensor): torch.Tensor {
    ctx.save_for_backward(x);
    return x.mul(2);
  }
  static override backward(ctx: FunctionCtx, g: torch.Tensor): torch.Tensor {
    void ctx.saved_tensors;
    return g.mul(2);
  }
}

/** scripts/gen_autograd_fixtures.py's SECOND_BACKWARD programs. */
const SECOND_BACKWARD: Record<string, (x: torch.Tensor) => torch.Tensor> = {
  add: (x) => x.add(1).sum(),
  sum: (x) => x.sum(),
  mul_scalar: (x) => x.mul(3).sum(),
  sub_neg: (x) => x.sub(1).neg().sum(),
  mean: (x) => x.mean(),
  view_t: (x) => x.view(2, 1).t().sum(),
  exp: (x) => x.exp().sum(),
  cat: (x) => torch.cat([x, x]).sum(),
  index: (x) => x.get(torch.tensor([0, 1], { dtype: torch.int64 })).sum(),
  function_no_save: (x) => (NoSave.apply(x) as torch.Tensor).sum(),
  function_saves: (x) => (Saves.apply(x) as torch.Tensor).sum(),
  copy_slices: (x) => {
    const z = torch.zeros(2);
    z.narrow(0, 0, 1).copy_(x.narrow(0, 0, 1));
    return z.sum();
  },
  copy_slices_add: (x) => {
    const z = x.clone();
    z.narrow(0, 0, 1).add_(1);
    return z.sum();
  },
  add_in_place: (x) => x.clone().add_(1).sum(),
  expand: (x) => x.expand(2, 2).sum(),
};

describe("graph lifetime (vs PyTorch)", () => {
  it("frees saved tensors after backward: a second backward fails with PyTorch's text", () => {
    const x = torch.tensor(1.0, { requires_grad: true });
    const y = x.exp();
    y.backward();
    expectPyError(() => y.backward(), fx.second_backward);
  });

  it.each(Object.keys(SECOND_BACKWARD))(
    "a second backward through %s raises only when a node saved tensors, as PyTorch",
    (key) => {
      const x = torch.tensor([1.0, 2.0], { requires_grad: true });
      const y = SECOND_BACKWARD[key](x);
      y.backward();
      const expected = fx.second_backward_by_op[key];
      if (Array.isArray(expected)) {
        y.backward();
        expect(x.grad!.tolist()).toEqual(expected);
      } else expectPyError(() => y.backward(), expected);
    },
  );

  it("retain_graph keeps the graph for a second backward (grads accumulate)", () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = x.pow(3);
    y.backward(null, { retain_graph: true });
    y.backward();
    expect(x.grad!.item()).toBe(fx.retain_graph_grad);
  });

  it("checks implicit and explicit root gradients", () => {
    const v = torch.tensor([1.0, 2.0], { requires_grad: true }).mul(2);
    expectPyError(() => v.backward(), fx.non_scalar);
    expectPyError(() => v.backward(torch.ones(3)), fx.gradient_shape);
  });

  it("autograd.grad with create_graph gives 2nd and 3rd derivatives of x**3 at 2", () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const [d1] = torch.autograd.grad(x.pow(3), x, { create_graph: true });
    const [d2] = torch.autograd.grad(d1!, x, { create_graph: true });
    const [d3] = torch.autograd.grad(d2!, x, { create_graph: true });
    expect([d1!.item(), d2!.item(), d3!.item(), d3!.requires_grad]).toEqual(fx.higher);
  });

  it("double backward of sin(x*x) matches PyTorch's float32 digits", () => {
    const x = torch.tensor([0.5, -1.5, 2.0], { requires_grad: true });
    const [g] = torch.autograd.grad(torch.sin(x.mul(x)).sum(), x, { create_graph: true });
    const [gg] = torch.autograd.grad(g!.sum(), x);
    expectAllClose(g!.tolist(), fx.sin_sq_second.g, 1e-6);
    expectAllClose(gg!.tolist(), fx.sin_sq_second.gg, 1e-6);
  });

  it("autograd.grad rejects unused inputs unless allow_unused", () => {
    const x = torch.tensor(1.0, { requires_grad: true });
    const z = torch.tensor(1.0, { requires_grad: true });
    expectPyError(() => torch.autograd.grad(x.mul(2), [x, z]), fx.unused);
    const [gx, gz] = torch.autograd.grad(x.mul(2), [x, z], { allow_unused: true });
    expect(gx!.item()).toBe(2);
    expect(gz).toBeNull();
  });
});
