import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import type { Node } from "../../src/autograd/index.js";

const { checkpoint } = torch.utils.checkpoint;

/** Nodes reachable from t's grad_fn: each holds its saved tensors until backward. */
function graphSize(t: Tensor): number {
  const seen = new Set<Node>();
  const stack = [t.grad_fn!];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const [next] of n.next_functions) if (next) stack.push(next);
  }
  return seen.size;
}

const block = (w: Tensor) => (h: Tensor) => {
  let out = h;
  for (let i = 0; i < 50; i++) out = out.mul(w).sin();
  return out;
};

describe("torch.utils.checkpoint.checkpoint", () => {
  it("keeps one node per checkpointed segment and gives the same gradients", () => {
    const run = (useCheckpoint: boolean) => {
      const x = torch.tensor([0.3, -0.2], { requires_grad: true });
      const w = torch.tensor(0.9, { requires_grad: true });
      let h = x;
      for (let s = 0; s < 4; s++) h = useCheckpoint ? checkpoint(block(w), h) : block(w)(h);
      const loss = h.sum();
      const size = graphSize(loss);
      loss.backward();
      return { size, gx: x.grad!.tolist(), gw: w.grad!.item() };
    };
    const plain = run(false);
    const ckpt = run(true);
    expect(ckpt.size).toBeLessThan(10);
    expect(plain.size).toBeGreaterThan(400);
    expect(ckpt.gx).toEqual(plain.gx);
    expect(ckpt.gw).toBeCloseTo(plain.gw, 6);
    const x = torch.tensor([1.0], { requires_grad: true });
    expect(checkpoint(block(torch.tensor(1.0)), x).grad_fn!.name()).toBe("CheckpointFunctionBackward");
  });
});
