// The signature layer's fast path binds a call's arguments into a per-signature scratch array (bind.ts,
// FastPlan). Left filled, it kept each op's last operands alive until the op's next call: in a training loop
// those tensors outlived two scavenges, V8 promoted them, and their buffers waited for full GCs (issue #16:
// W5 ran ~16 mark-compacts per 60 steps). After a call, whether it ran, threw or fell through to another
// signature, nothing of it may stay reachable from the layer.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Whether a tensor made by `make` and handed to `use` is collected once both are done with it. */
async function collected(make: () => torch.Tensor, use: (t: torch.Tensor) => unknown): Promise<boolean> {
  let ref: WeakRef<torch.Tensor> | undefined;
  let storage: WeakRef<object> | undefined;
  (() => {
    const t = make();
    ref = new WeakRef(t);
    storage = new WeakRef(t._storage);
    try {
      use(t);
    } catch {
      // the call's error is not what is tested
    }
  })();
  // A WeakRef's target lives until the current job ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  return ref!.deref() === undefined && storage!.deref() === undefined;
}

const big = () => torch.randn([1000]);

describe("the fast path keeps no operand alive after the call", () => {
  it("a method call that ran (self and other)", async () => {
    const y = torch.randn([1000]);
    expect(await collected(big, (t) => t.mul(y))).toBe(true);
    expect(await collected(big, (t) => y.add(t))).toBe(true);
    expect(await collected(big, (t) => t.sum())).toBe(true);
  });

  it("a torch.* function call that ran", async () => {
    expect(await collected(big, (t) => torch.sigmoid(t))).toBe(true);
    expect(await collected(big, (t) => torch.mul(t, 2))).toBe(true);
  });

  it("a signature that failed to bind after taking self (max(input, other) before max(input, dim))", async () => {
    expect(await collected(big, (t) => torch.max(t, 0))).toBe(true);
    expect(await collected(big, (t) => t.max(0))).toBe(true);
  });

  it("a call whose implementation threw", async () => {
    const y = torch.randn([7]);
    expect(() => torch.randn([1000]).add(y)).toThrow(/must match the size of tensor b/);
    expect(await collected(big, (t) => t.add(y))).toBe(true);
  });

  it("an operand the caller still holds stays alive", async () => {
    const keep: torch.Tensor[] = [];
    expect(await collected(big, (t) => keep.push(t.mul(2), t))).toBe(false);
    expect(keep[1].shape).toEqual([1000]);
  });
});
