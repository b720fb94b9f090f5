import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { expectAllClose, expectPyError, fx } from "./fixtures.js";

function modified(make: (a: Tensor) => Tensor): () => void {
  const a = torch.tensor([1.0, 2.0], { requires_grad: true });
  return () => make(a).sum().backward();
}

describe("in-place ops and version counters (vs PyTorch)", () => {
  it("errors when a saved tensor was modified in place, naming its producer and versions", () => {
    expectPyError(
      modified((a) => {
        const b = a.add(1);
        const c = b.mul(b);
        b.add_(1);
        return c;
      }),
      fx.version_add,
    );
    expectPyError(
      modified((a) => {
        const b = a.exp();
        b.add_(1);
        return b;
      }),
      fx.version_exp,
    );
    expectPyError(
      modified((a) => {
        const b = a.sigmoid();
        const c = b.sin();
        b.mul_(2);
        return c;
      }),
      fx.version_rebased,
    );
  });

  it("an in-place op that saved its result errors when that result is modified again", () => {
    expectPyError(
      modified((a) => {
        const b = a.mul(1);
        b.exp_().neg_();
        return b;
      }),
      fx.version_exp_inplace,
    );
    expectPyError(
      modified((a) => {
        const b = a.mul(1);
        b.sigmoid_().relu_();
        return b;
      }),
      fx.version_sigmoid_relu,
    );
  });

  it("refuses in-place ops on leaves that require grad", () => {
    expectPyError(() => torch.tensor(1.0, { requires_grad: true }).add_(1), fx.leaf_inplace);
  });

  it("chains mul_/sin_/neg_/pow_ with correct values and gradients", () => {
    const a = torch.tensor([0.5, -1.0, 2.0], { requires_grad: true });
    const b = a.mul(1);
    b.mul_(3).sin_().neg_();
    b.pow_(2);
    b.sum().backward();
    expect(b.grad_fn!.name()).toBe(fx.inplace_chain.grad_fn);
    expectAllClose(b.tolist(), fx.inplace_chain.value, 1e-6);
    expectAllClose(a.grad!.tolist(), fx.inplace_chain.grad, 1e-5);
  });

  it("sigmoid_ and relu_", () => {
    for (const [op, key] of [
      [(t: Tensor) => t.sigmoid_(), "inplace_sigmoid"],
      [(t: Tensor) => t.relu_(), "inplace_relu"],
    ] as const) {
      const a = torch.tensor([0.5, -1.0, 2.0], { requires_grad: true });
      const b = a.mul(1);
      op(b);
      b.sum().backward();
      expect(b.grad_fn!.name()).toBe(fx[key].grad_fn);
      expectAllClose(b.tolist(), fx[key].value, 1e-6);
      expectAllClose(a.grad!.tolist(), fx[key].grad, 1e-6);
    }
  });

  it("copy_ broadcasts src into self; the gradient flows to src only", () => {
    const src = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const w = torch.tensor(
      [
        [1.0, 2.0, 3.0],
        [4.0, 5.0, 6.0],
      ],
      { requires_grad: true },
    );
    const dst = w.mul(1);
    dst.copy_(src);
    expect(dst.grad_fn!.name()).toBe(fx.copy.grad_fn);
    dst.mul(dst).sum().backward();
    expect(src.grad!.tolist()).toEqual(fx.copy.src_grad);
    expect(w.grad!.tolist()).toEqual(fx.copy.w_grad);
  });

  it("in-place on a narrow view rebases the base on CopySlices", () => {
    const x = torch.tensor([1.0, 2.0, 3.0, 4.0], { requires_grad: true });
    const base = x.mul(1);
    const v = base.narrow(0, 1, 2);
    v.mul_(2);
    expect(base.grad_fn!.name()).toBe(fx.view_narrow.base_fn);
    expect(v.grad_fn!.name()).toBe(fx.view_narrow.view_fn);
    expect(base.tolist()).toEqual(fx.view_narrow.base);
    base.mul(base).sum().backward();
    expect(x.grad!.tolist()).toEqual(fx.view_narrow.grad);
  });

  it("in-place with another operand on a select view", () => {
    const x = torch.tensor(
      [
        [1.0, 2.0],
        [3.0, 4.0],
      ],
      { requires_grad: true },
    );
    const w = torch.tensor(3.0, { requires_grad: true });
    const b = x.sin();
    b.select(1, 0).mul_(w);
    b.mul(b).sum().backward();
    expectAllClose(x.grad!.tolist(), fx.view_select_other.x_grad, 1e-6);
    expectAllClose([w.grad!.item()], [fx.view_select_other.w_grad], 1e-6);
  });

  it("a view of a base that needs no grad still routes the gradient through the base", () => {
    const w = torch.tensor([2.0, 5.0], { requires_grad: true });
    const z = torch.zeros(3);
    z.narrow(0, 0, 2).mul_(1).add_(w);
    expect(z.grad_fn!.name()).toBe(fx.view_of_no_grad_base.base_fn);
    z.mul(z).sum().backward();
    expect(w.grad!.tolist()).toEqual(fx.view_of_no_grad_base.w_grad);
  });

  it("in-place into a plain tensor with a grad-requiring operand; detached aliases stay out of the graph", () => {
    const w = torch.tensor([2.0, 5.0], { requires_grad: true });
    const z = torch.ones(2);
    z.mul_(w);
    expect(z.grad_fn!.name()).toBe(fx.inplace_into_plain.grad_fn);
    z.sum().backward();
    expect(w.grad!.tolist()).toEqual(fx.inplace_into_plain.w_grad);
    expectPyError(() => torch.ones(3, { requires_grad: true }).narrow(0, 0, 2).mul_(2), fx.view_of_leaf);
    const y = torch.tensor([1.0, 2.0], { requires_grad: true }).mul(1);
    y.detach().mul_(2);
    expect(y.grad_fn!.name()).toBe(fx.detached_inplace.y_fn);
    expect(y.tolist()).toEqual(fx.detached_inplace.y);
  });
});

describe("in-place writes into tensors outside the graph", () => {
  it("keep the old values for a node that saves the written tensor (copied only then)", () => {
    const x = torch.tensor([1.0, 2.0, 3.0]);
    const w = torch.tensor([2.0, 3.0, 4.0], { requires_grad: true });
    x.mul_(w);
    expect(x.grad_fn?.name()).toBe("MulBackward0");
    expect(x.tolist()).toEqual([2, 6, 12]);
    // A later write into x does not reach what MulBackward0 saved: d(sum(x * w))/dw is x before the write.
    x.add_(1);
    x.sum().backward();
    expect(w.grad!.tolist()).toEqual([1, 2, 3]);
  });

  it("record nothing when no operand requires grad", () => {
    const x = torch.tensor([1.0, 2.0, 3.0]);
    const version = x._version;
    x.zero_();
    x.add_(torch.tensor([1.0, 1.0, 1.0]));
    expect(x.grad_fn).toBeNull();
    expect(x.requires_grad).toBe(false);
    expect(x.tolist()).toEqual([1, 1, 1]);
    expect(x._version).toBe(version + 2);
  });

  it("write strided views row by row (unit-stride rows and transposed views)", () => {
    const wide = torch.zeros(3, 40);
    wide.narrow(1, 5, 20).copy_(torch.arange(60, { dtype: torch.float32 }).view(3, 20));
    const rows = wide.tolist() as number[][];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 40; j++) expect(rows[i][j]).toBe(j >= 5 && j < 25 ? i * 20 + j - 5 : 0);
    const base = torch.zeros(4, 5);
    base.t().copy_(torch.arange(20, { dtype: torch.float32 }).view(5, 4));
    const cols = base.tolist() as number[][];
    for (let i = 0; i < 5; i++) for (let j = 0; j < 4; j++) expect(cols[j][i]).toBe(i * 4 + j);
  });
});
