// torch.utils.checkpoint.checkpoint's arguments and its random state: the recomputation in backward
// draws what forward drew (preserve_rng_state=True, PyTorch's default), and leaves the global generator
// where it was.
import { describe, expect, it, vi } from "vitest";
import * as torch from "../../src/index.js";
import { warningSink } from "../helpers/warnings.js";

const { checkpoint } = torch.utils.checkpoint;
const F = torch.nn.functional;

/** Gradients of sum(dropout(x * w)) and the next global draw after backward. */
function run(useCheckpoint: boolean, preserve = true) {
  torch.manual_seed(3);
  const x = torch.tensor([0.5, -1, 2, 1.5, -0.25, 0.75], { requires_grad: true });
  const w = torch.tensor(1.5, { requires_grad: true });
  const block = (h: torch.Tensor) => F.dropout(h.mul(w), 0.5, true);
  const out = useCheckpoint ? checkpoint(block, x, { preserve_rng_state: preserve }) : block(x);
  out.sum().backward();
  return { gx: x.grad!.tolist(), gw: Number(w.grad!.item()), next: torch.rand(3).tolist() };
}

describe("torch.utils.checkpoint.checkpoint", () => {
  it("recomputes with the random state forward had, and restores the global one", () => {
    expect(run(true)).toEqual(run(false));
  });

  it("draws afresh with preserve_rng_state=False", () => {
    const warn = vi.spyOn(warningSink, "emit").mockImplementation(() => undefined);
    expect(run(true, false).gx).not.toEqual(run(false).gx);
    warn.mockRestore();
  });

  it("refuses the non-reentrant variant with its own error", () => {
    const x = torch.tensor([1.0, 2.0], { requires_grad: true });
    // PyTorch's errors for bad arguments are rows of test/errors/autograd.ts. use_reentrant=False (PyTorch's
    // saved-tensor-hooks checkpoint) runs in PyTorch; tensorgrad refuses it with its own NotImplementedError.
    expect(() => checkpoint((h: torch.Tensor) => h.mul(2), x, { use_reentrant: false })).toThrow(
      torch.NotImplementedError,
    );
  });
});
