// The linalg ops' result dtypes and calling forms that the op table does not show. Their errors are rows of
// test/errors/linalg.ts, checked against PyTorch's texts there.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

const r = (...shape: number[]) => torch.zeros(shape);
const d = (...shape: number[]) => torch.zeros(shape, { dtype: torch.float64 });
const longs = (...shape: number[]) => torch.zeros(shape, { dtype: torch.int64 });

describe("linalg ops", () => {
  it("mm multiplies integer matrices", () => {
    const out = torch.mm(torch.tensor([[1n, 2n]]), torch.tensor([[3n], [4n]]));
    expect(out.dtype).toBe(torch.int64);
    expect(out.tolist()).toEqual([[11]]);
  });

  it("outer promotes dtypes like mul", () => {
    expect(torch.outer(r(3), d(4)).dtype).toBe(torch.float64);
    expect(torch.outer(longs(2), r(4)).dtype).toBe(torch.float32);
  });

  it("einsum takes its operands as a list too", () => {
    expect(torch.einsum("ij,jk->ik", [r(2, 3), r(3, 4)]).shape).toEqual([2, 4]);
  });
});
