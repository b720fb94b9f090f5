// Adaptive pooling over an empty batch: PyTorch plans no windows and returns the empty result for any output
// size; tensorgrad builds a window plan per output size, so a plan too large to build raises the allocator's
// error up front instead of aborting the process (V8 cannot grow an array past 2^27 entries).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

const F = torch.nn.functional;

describe("adaptive pooling of an empty batch", () => {
  it("gives PyTorch's empty result for an output size it can plan", () => {
    expect(F.adaptive_avg_pool2d(torch.randn(0, 3, 5), 4).shape).toEqual([0, 4, 4]);
    expect(F.adaptive_max_pool2d(torch.randn(0, 3, 5), [2, 3]).shape).toEqual([0, 2, 3]);
  });

  it("raises the allocator's error, not a process abort, for a plan beyond memory", () => {
    for (const size of [2 ** 20, 2 ** 40]) {
      expect(() => F.adaptive_avg_pool2d(torch.randn(0, 3, 5), size)).toThrow(
        /DefaultCPUAllocator: can't allocate memory/,
      );
      expect(() => F.adaptive_max_pool2d(torch.randn(0, 3, 5), size)).toThrow(
        /DefaultCPUAllocator: can't allocate memory/,
      );
    }
  });
});
