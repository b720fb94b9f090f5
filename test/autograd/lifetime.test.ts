import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { expectAllClose, expectPyError, fx } from "./fixtures.js";

describe("graph lifetime (vs PyTorch)", () => {
  it("frees saved tensors after backward: a second backward fails with PyTorch's text", () => {
    const x = torch.tensor(1.0, { requires_grad: true });
    const y = x.exp();
    y.backward();
    expectPyError(() => y.backward(), fx.second_backward);
  });

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
