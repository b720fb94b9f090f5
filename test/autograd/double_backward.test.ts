// autograd.grad w.r.t. a non-leaf keeps the graph behind it, backward(create_graph=True) warns and gives
// .grad a CopyBackwards history, and prod/cumprod have PyTorch's second derivatives at inputs with zeros.
// Expected values: scripts/gen_autograd_fixtures.py (real PyTorch 1.13).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { warningSink } from "../helpers/warnings.js";
import { expectAllClose, fx } from "./fixtures.js";

const f64 = (values: unknown) =>
  torch.tensor(values as number[], { dtype: torch.float64, requires_grad: true });

describe("autograd.grad with respect to a non-leaf", () => {
  it("runs nothing behind the requested tensor: a second grad and a backward through it still work", () => {
    const a = torch.tensor(2.0, { requires_grad: true });
    const b = a.pow(2);
    const out = b.mul(5);
    const g1 = torch.autograd.grad(out, b, { retain_graph: true })[0]!.item();
    const g2 = torch.autograd.grad(out, b)[0]!.item();
    b.backward();
    expect({ grads: [g1, g2], a_grad: a.grad!.item() }).toEqual(fx.grad_nonleaf);
  });

  it("captures the gradient before the tensor's hooks, and runs the node only on the way to another input", () => {
    const a = torch.tensor(2.0, { requires_grad: true });
    const b = a.mul(3);
    b.register_hook((g) => g.mul(10));
    b.retain_grad();
    const out = b.mul(5);
    const captured = torch.autograd.grad(out, b, { retain_graph: true })[0]!.item();
    const bGradAfterCapture = b.grad;
    const through = torch.autograd.grad(out, a, { retain_graph: true })[0]!.item();
    expect({
      captured,
      b_grad_after_capture: bGradAfterCapture,
      through,
      b_grad: b.grad!.item(),
    }).toEqual(fx.grad_capture_hooks);
  });
});

describe("backward(create_graph=True)", () => {
  it("warns once about the reference cycle, and .grad's history starts with CopyBackwards", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    x.mul(x).sum().backward({ create_graph: true });
    const node = x.grad!.grad_fn!;
    const first = {
      repr: String(x.grad),
      type: String(node).replace(" object>", "").slice(1),
      name: node.name(),
      next: node.next_functions.map(([n]) => (n === null ? null : n.name())),
    };
    x.mul(x).sum().backward({ create_graph: true });
    const again = String(x.grad);
    const y = torch.tensor([1.0, 2.0], { requires_grad: true });
    torch.autograd.grad(y.mul(y).sum(), y, { create_graph: true });
    const warned = warningSink.recorded.map((w) => [w.category, w.message]);
    const expected = fx.create_graph;
    expect({ warnings: warned, first, again }).toEqual({
      warnings: expected.warnings,
      first: expected.first,
      again: expected.again,
    });
  });

  it("differentiates through the copy: the grad of .grad accumulates into the same tensor", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    x.mul(x).mul(x).sum().backward({ create_graph: true });
    const g = x.grad;
    x.grad!.sum().backward();
    expect(x.grad!.tolist()).toEqual(fx.create_graph.grad_of_grad);
    expect(x.grad === g).toBe(fx.create_graph.same);
  });
});

describe("prod and cumprod at inputs with zeros", () => {
  const weights = (v: number[][]) => torch.tensor(v, { dtype: torch.float64 });
  const cases: Record<string, [(t: torch.Tensor) => torch.Tensor, unknown]> = {
    prod_one_zero: [(t) => t.prod(), [0, 2, 3]],
    prod_two_zeros: [(t) => t.prod(), [0, 2, 0]],
    prod_dim_zero: [
      (t) => t.prod(1).sum(),
      [
        [0, 2, 3],
        [1.5, 0, -1],
      ],
    ],
    prod_dim0_keepdim: [
      (t) =>
        t
          .prod(0, { keepdim: true })
          .mul(weights([[1, 2]]))
          .sum(),
      [
        [0, 2],
        [3, 0],
        [0.5, 4],
      ],
    ],
    cumprod_one_zero: [(t) => t.cumprod(0).sum(), [0, 2, 3]],
    cumprod_two_zeros: [(t) => t.cumprod(0).sum(), [0, 2, 0]],
    cumprod_weighted: [
      (t) =>
        t
          .cumprod(0)
          .mul(torch.tensor([1, -2, 0.5, 3], { dtype: torch.float64 }))
          .sum(),
      [1.5, 0, 2, -1],
    ],
    cumprod_dim1: [
      (t) => t.cumprod(1).pow(2).sum(),
      [
        [1, 0, 2],
        [0, 3, 0],
      ],
    ],
  };
  it.each(Object.entries(cases))("%s has PyTorch's Hessian", (name, [fn, values]) => {
    const h = torch.autograd.functional.hessian(fn, f64(values)) as torch.Tensor;
    expectAllClose(h.tolist(), fx.prod_cumprod_hessians[name], 1e-12, 1e-12);
  });

  it("cumprod's first derivative along a dim with zeros matches", () => {
    const x = torch.tensor(
      [
        [1.0, 0.0, 2.0],
        [0.0, 3.0, -1.0],
      ],
      { requires_grad: true },
    );
    x.cumprod(1)
      .mul(
        torch.tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      )
      .sum()
      .backward();
    expect(x.grad!.tolist()).toEqual(fx.cumprod_zero_grad);
  });
});
