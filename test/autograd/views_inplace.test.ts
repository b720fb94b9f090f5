// In-place writes and views as PyTorch 1.13 records them: CopySlices/CopyBackwards reprs, fill_/zero_
// nodes, views taken under no_grad, in-place on var's result, and writes into expanded tensors.
// Expected values: scripts/gen_autograd_fixtures.py (real PyTorch 1.13).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, set_backend } from "../../src/backend/backend.js";
import { expectPyError, fx, type ExpectedError } from "./fixtures.js";

const typeOf = (node: torch.autograd.Node | null) => String(node).split(" object")[0];

describe("in-place nodes", () => {
  it("print CopySlices and CopyBackwards as PyTorch's reprs do (name() keeps the C++ namespace)", () => {
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const z = torch.zeros(3);
    z.narrow(0, 0, 2).copy_(x.narrow(0, 0, 2).mul(2));
    const c = torch.zeros(2);
    c.copy_(x.narrow(0, 1, 2));
    const y = torch.ones(2, { requires_grad: true }).clone();
    expect({
      copy_slices: [String(z), typeOf(z.grad_fn), z.grad_fn!.name()],
      copy: [String(c), typeOf(c.grad_fn), c.grad_fn!.name()],
      fill_scalar: y.clone().fill_(3).grad_fn!.name(),
      fill_tensor: y.clone().fill_(torch.tensor(3.0)).grad_fn!.name(),
      zero: y.clone().zero_().grad_fn!.name(),
      zero_view: String(y.clone().narrow(0, 1, 1).zero_()),
    }).toEqual(fx.inplace_reprs);
  });

  it("var(...).add_() leaves var's backward intact (it saves no result); std's raises", () => {
    const run = (f: () => unknown) => {
      try {
        return { value: f() };
      } catch (e) {
        return { type: (e as Error).name, message: (e as Error).message.split("\n")[0] };
      }
    };
    const grads = (x: torch.Tensor, y: torch.Tensor) => {
      y.add_(1);
      y.sum().backward();
      return x.grad!.tolist();
    };
    const x1 = () => torch.tensor([1.0, 2.0, 4.0], { requires_grad: true });
    const x2 = torch.tensor(
      [
        [1.0, 2.0, 4.0],
        [0.0, 1.0, 3.0],
      ],
      { requires_grad: true },
    );
    const a = x1();
    const b = x1();
    expect({
      var: run(() => grads(a, a.var())),
      var_dim: run(() => grads(x2, x2.var(1))),
      std: run(() => grads(b, b.std())),
    }).toEqual(fx.var_inplace);
  });
});

describe("views taken under no_grad", () => {
  it("require grad when their base does, stay leaves, and refuse in-place writes under grad mode", () => {
    const leaf = torch.ones(3, { requires_grad: true });
    const nonleaf = leaf.mul(2);
    const plain = torch.ones(3);
    const made = torch.no_grad(() => ({
      views: {
        narrow: leaf.narrow(0, 0, 2),
        view: leaf.view(3),
        unsqueeze: leaf.unsqueeze(0),
        of_nonleaf: nonleaf.narrow(0, 1, 2),
        of_plain: plain.narrow(0, 0, 2),
      },
      others: { detach: leaf.detach(), mul: leaf.mul(1) },
      fresh: torch.ones(3).narrow(0, 0, 2),
    }));
    const viewOfView = torch.no_grad(() => made.views.narrow.narrow(0, 0, 1));
    const all: Record<string, torch.Tensor> = { ...made.views, ...made.others };
    const flags: Record<string, unknown> = {};
    for (const [k, t] of Object.entries(all))
      flags[k] = [t.requires_grad, t.is_leaf, t.grad_fn === null, String(t)];
    plain.requires_grad_();
    const ofPlain = made.views.of_plain;
    flags.of_plain_after = [ofPlain.requires_grad, ofPlain.is_leaf, true, String(ofPlain)];
    expect(flags).toEqual(fx.no_grad_views.flags);

    const used = made.views.narrow.mul(2);
    used.sum().backward();
    expect([used.grad_fn!.name(), used.grad_fn!.next_functions.map(([n]) => n === null)]).toEqual(
      fx.no_grad_views.used_grad_fn,
    );
    expect(leaf.grad).toBe(fx.no_grad_views.leaf_grad);

    const expected = fx.no_grad_views as Record<string, ExpectedError>;
    expectPyError(() => made.views.narrow.mul_(2), expected.inplace);
    expectPyError(() => made.views.of_nonleaf.add_(1), expected.inplace_nonleaf);
    expectPyError(() => viewOfView.add_(1), expected.inplace_view_of_view);
    expectPyError(() => ofPlain.add_(1), expected.inplace_plain);
    expectPyError(
      () => made.fresh.add_(torch.ones(2, { requires_grad: true })),
      expected.inplace_other_requires_grad,
    );
    torch.no_grad(() => made.views.narrow.mul_(2));
    expect([leaf.tolist(), made.views.narrow.requires_grad]).toEqual(fx.no_grad_views.after_no_grad_write);
  });
});

describe.each(availableBackends())("writes into expanded tensors on the %s backend", (backendName) => {
  const expanded = () => torch.zeros(1, 3).expand(2, 3);
  /** scripts/gen_autograd_fixtures.py's EXPANDED_WRITES. */
  const WRITES: Record<string, (e: torch.Tensor) => unknown> = {
    add_: (e) => e.add_(1),
    mul_: (e) => e.mul_(2),
    sub_tensor: (e) => e.sub_(torch.ones(3)),
    div_: (e) => e.div_(2),
    pow_: (e) => e.pow_(2),
    neg_: (e) => e.neg_(),
    exp_: (e) => e.exp_(),
    sigmoid_: (e) => e.sigmoid_(),
    clamp_: (e) => e.clamp_(0, 1),
    copy_: (e) => e.copy_(torch.ones(2, 3)),
    copy_broadcast: (e) => e.copy_(torch.ones(3)),
    zero_: (e) => e.zero_(),
    fill_: (e) => e.fill_(1),
    fill_tensor: (e) => e.fill_(torch.tensor(2.0)),
    row_add_: (e) => e.select(0, 0).add_(1),
    transposed_add_: (e) => e.t().add_(1),
    out: (e) => torch.add(torch.ones(2, 3), 1, { out: e }),
    uniform_: (e) => e.uniform_(),
    relu_inplace: (e) => torch.nn.functional.relu(e, { inplace: true }),
  };
  it.each(Object.keys(WRITES))("%s raises PyTorch's overlap error or writes as PyTorch", (key) => {
    set_backend(backendName);
    const e = expanded();
    const expected = fx.expanded_writes[key];
    if (Array.isArray(expected)) {
      WRITES[key](e);
      expect(e.tolist()).toEqual(expected);
    } else expectPyError(() => WRITES[key](e), expected);
  });
});
