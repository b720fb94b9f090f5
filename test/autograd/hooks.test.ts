import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { expectAllClose, expectPyError, fx } from "./fixtures.js";

describe("hooks (vs PyTorch)", () => {
  it("tensor hooks see the gradient and may replace it, in registration order", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const y = x.mul(3);
    const seen: unknown[] = [];
    y.register_hook((g) => {
      seen.push(g.tolist());
    });
    y.register_hook((g) => g.mul(10));
    y.mul(y).sum().backward();
    expect(seen).toEqual(fx.tensor_hook.seen);
    expect(x.grad!.tolist()).toEqual(fx.tensor_hook.grad);
  });

  it("handle.remove() unregisters a hook", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const y = x.mul(3);
    const handle = y.register_hook((g) => g.mul(10));
    handle.remove();
    y.mul(y).sum().backward();
    expect(x.grad!.tolist()).toEqual(fx.tensor_hook_removed);
  });

  it("a leaf's hook runs before accumulation", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    x.register_hook((g) => g.add(1));
    x.mul(x).sum().backward();
    expect(x.grad!.tolist()).toEqual(fx.leaf_hook);
  });

  it("refuses hooks on tensors that don't require grad", () => {
    expectPyError(() => torch.ones(2).register_hook((g) => g), fx.hook_no_grad);
  });

  it("grad_fn pre-hooks replace incoming gradients; post-hooks see both sides", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const y = x.sin();
    const log: unknown[] = [];
    y.grad_fn!.register_prehook((go) => [go[0]!.mul(2)]);
    y.grad_fn!.register_hook((gi, go) => {
      log.push([gi[0]!.tolist(), go[0]!.tolist()]);
    });
    y.sum().backward();
    expectAllClose(log, fx.node_hooks.log);
    expectAllClose(x.grad!.tolist(), fx.node_hooks.grad);
  });

  it("register_post_accumulate_grad_hook runs after .grad is updated (PyTorch 2.1 API)", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    const seen: unknown[] = [];
    const handle = x.register_post_accumulate_grad_hook((t) => {
      seen.push(t.grad!.tolist());
    });
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    handle.remove();
    x.mul(3).sum().backward();
    expect(seen).toEqual([
      [3, 3],
      [6, 6],
    ]);
    // register_post_accumulate_grad_hook is PyTorch 2.1's (1.13 has none, so no fixture can record it); the
    // text is 2.1's.
    expect(() => x.mul(2).register_post_accumulate_grad_hook(() => undefined)).toThrow(
      "post accumulate grad hooks cannot be registered on non-leaf tensors",
    );
  });
});
