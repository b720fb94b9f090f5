import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { expectAllClose, expectPyError, fx } from "./fixtures.js";

const F = torch.autograd.functional;
const f64 = { dtype: torch.float64 };

function quartic(x: Tensor, y: Tensor): Tensor {
  return x.mul(x).mul(y).sum().add(y.exp().mul(x).sum());
}

const inputs = (): [Tensor, Tensor] => [torch.tensor([0.3, -0.7], f64), torch.tensor([1.1, 0.4], f64)];

describe("torch.autograd.functional (vs PyTorch, float64)", () => {
  it("hessian of a two-input function", () => {
    const H = F.hessian(quartic, inputs()) as Tensor[][];
    expectAllClose(
      H.map((row) => row.map((h) => h.tolist())),
      fx.hessian,
      1e-5,
      1e-9,
    );
    expect(H[0][1].shape).toEqual([2, 2]);
  });

  it("hessian of a single-input function is one tensor", () => {
    const H = F.hessian((x: Tensor) => x.pow(3).sum(), torch.tensor([1.0, 2.0], f64)) as Tensor;
    expect(H.tolist()).toEqual([
      [6, 0],
      [0, 12],
    ]);
  });

  it("jacobian, vjp, jvp, vhp, hvp", () => {
    const [x] = inputs();
    const J = F.jacobian((t: Tensor) => t.sin().mul(t.sum()), x) as Tensor;
    expectAllClose(J.tolist(), fx.jacobian, 1e-10);
    const v = torch.tensor([1.0, 3.0], f64);
    const [o1, vj] = F.vjp((t: Tensor) => t.exp().mul(2), x, v) as [Tensor, Tensor];
    expectAllClose([o1.tolist(), vj.tolist()], fx.vjp, 1e-10);
    const [o2, jv] = F.jvp((t: Tensor) => t.exp().mul(t.sum()), x, v) as [Tensor, Tensor];
    expectAllClose([o2.tolist(), jv.tolist()], fx.jvp, 1e-10);
    const vs = [torch.tensor([1.0, 2.0], f64), torch.tensor([-1.0, 0.5], f64)];
    const [o3, vh] = F.vhp(quartic, inputs(), vs);
    expectAllClose([o3.item(), (vh as Tensor[]).map((t) => t.tolist())], fx.vhp, 1e-10);
    const [o4, hv] = F.hvp(quartic, inputs(), vs);
    expectAllClose([o4.item(), (hv as Tensor[]).map((t) => t.tolist())], fx.hvp, 1e-10);
    expect(vj.requires_grad).toBe(false);
  });

  it("create_graph keeps results differentiable", () => {
    const x = torch.tensor([0.5, 2.0], { dtype: torch.float64, requires_grad: true });
    const [, g] = F.vjp((t: Tensor) => t.pow(3).sum(), x, null, { create_graph: true }) as [Tensor, Tensor];
    expect(g.requires_grad).toBe(true);
    g.sum().backward();
    expect(x.grad!.tolist()).toEqual([3, 12]);
  });

  it("gives PyTorch's errors for bad v and non-scalar functions", () => {
    const ones2 = torch.ones(2);
    const double = (t: Tensor) => t.mul(2);
    const [e0, e1, e2, e3, e4, e5] = fx.functional_errors;
    expectPyError(() => F.vjp(double, ones2), e0);
    expectPyError(() => F.vjp(double, ones2, torch.ones(3)), e1);
    expectPyError(() => F.jvp(double, ones2), e2);
    expectPyError(() => F.hessian(double, ones2), e3);
    expectPyError(() => F.vjp(double, [ones2], [torch.ones(2), torch.ones(2)]), e4);
    expectPyError(
      () => F.jvp((a: Tensor, b: Tensor) => a.mul(b), [ones2, ones2], [torch.ones(2), torch.ones(3)]),
      e5,
    );
  });
});
