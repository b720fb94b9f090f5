// Bad input to the linalg ops gets PyTorch 1.13's error class and text (checked with real PyTorch).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { IndexError, RuntimeError } from "../../src/errors.js";

const r = (...shape: number[]) => torch.zeros(shape);
const d = (...shape: number[]) => torch.zeros(shape, { dtype: torch.float64 });
const bools = (...shape: number[]) => torch.zeros(shape, { dtype: torch.bool });
const longs = (...shape: number[]) => torch.zeros(shape, { dtype: torch.int64 });
const ints = (...shape: number[]) => torch.zeros(shape, { dtype: torch.int32 });

function expectError(fn: () => unknown, cls: new (...args: never[]) => Error, message: string): void {
  expect(fn).toThrow(cls);
  expect(fn).toThrow(message);
}

describe("mm errors", () => {
  it("checks dims, then shapes, then dtypes", () => {
    expectError(() => torch.mm(r(3), r(3, 4)), RuntimeError, "self must be a matrix");
    expectError(() => torch.mm(r(2, 3), r(3)), RuntimeError, "mat2 must be a matrix");
    expectError(() => torch.mm(r(3), d(3, 4)), RuntimeError, "self must be a matrix");
    expectError(
      () => torch.mm(r(2, 3), r(4, 5)),
      RuntimeError,
      "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)",
    );
    expectError(
      () => torch.mm(r(2, 3), d(4, 5)),
      RuntimeError,
      "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)",
    );
    expectError(
      () => torch.mm(r(2, 3), d(3, 5)),
      RuntimeError,
      "expected scalar type Float but found Double",
    );
    expectError(
      () => torch.mm(d(2, 3), r(3, 4)),
      RuntimeError,
      "expected scalar type Double but found Float",
    );
    expectError(
      () => torch.mm(bools(1, 1), bools(1, 1)),
      RuntimeError,
      `"addmm_impl_cpu_" not implemented for 'Bool'`,
    );
  });
  it("names a non-tensor argument", () => {
    expectError(
      () => torch.mm("x" as unknown as torch.Tensor, r(2, 2)),
      TypeError,
      "mm(): argument 'input' (position 1) must be Tensor, not str",
    );
  });
  it("multiplies integer matrices", () => {
    const out = torch.mm(torch.tensor([[1n, 2n]]), torch.tensor([[3n], [4n]]));
    expect(out.dtype).toBe(torch.int64);
    expect(out.tolist()).toEqual([[11]]);
  });
});

describe("bmm errors", () => {
  it("checks dims, batch sizes and dtypes", () => {
    expectError(() => torch.bmm(r(3, 4), r(2, 4, 5)), RuntimeError, "batch1 must be a 3D tensor");
    expectError(() => torch.bmm(r(2, 3, 4), r(4, 5)), RuntimeError, "batch2 must be a 3D tensor");
    expectError(
      () => torch.bmm(r(2, 3, 4), r(3, 4, 5)),
      RuntimeError,
      "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4].",
    );
    expectError(
      () => torch.bmm(r(2, 3, 4), d(3, 5, 5)),
      RuntimeError,
      "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 5].",
    );
    expectError(
      () => torch.bmm(d(2, 3, 4), r(2, 4, 5)),
      RuntimeError,
      "expected scalar type Double but found Float",
    );
    expectError(
      () => torch.bmm(bools(1, 1, 1), bools(1, 1, 1)),
      RuntimeError,
      `"bmm" not implemented for 'Bool'`,
    );
  });
});

describe("dot errors", () => {
  it("checks dims, then dtypes, then sizes", () => {
    expectError(
      () => torch.dot(r(3, 1), r(3)),
      RuntimeError,
      "1D tensors expected, but got 2D and 1D tensors",
    );
    expectError(
      () => torch.dot(r(3, 2), d(4)),
      RuntimeError,
      "1D tensors expected, but got 2D and 1D tensors",
    );
    expectError(
      () => torch.dot(torch.tensor(1), r(4)),
      RuntimeError,
      "1D tensors expected, but got 0D and 1D tensors",
    );
    expectError(
      () => torch.dot(r(3), d(4)),
      RuntimeError,
      "dot : expected both vectors to have same dtype, but found Float and Double",
    );
    expectError(
      () => torch.dot(r(3), r(4)),
      RuntimeError,
      "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively",
    );
    expectError(() => torch.dot(bools(1), bools(1)), RuntimeError, `"dot" not implemented for 'Bool'`);
  });
});

describe("mv errors", () => {
  it("checks dims, then sizes, then dtypes", () => {
    expectError(
      () => torch.mv(torch.tensor(1), r(2)),
      IndexError,
      "Dimension specified as 0 but tensor has no dimensions",
    );
    expectError(() => torch.mv(r(3), r(3)), RuntimeError, "vector + matrix @ vector expected, got 1, 1, 1");
    expectError(
      () => torch.mv(r(2, 3), r(2, 2)),
      RuntimeError,
      "vector + matrix @ vector expected, got 1, 2, 2",
    );
    expectError(
      () => torch.mv(r(2, 3), torch.tensor(1)),
      RuntimeError,
      "vector + matrix @ vector expected, got 1, 2, 0",
    );
    expectError(() => torch.mv(r(3, 2), r(3)), RuntimeError, "size mismatch, got 3, 3x2,3");
    expectError(() => torch.mv(r(2, 3), d(4)), RuntimeError, "size mismatch, got 2, 2x3,4");
    expectError(() => torch.mv(d(2, 3), r(3)), RuntimeError, "expected scalar type Double but found Float");
    expectError(
      () => torch.mv(bools(1, 1), bools(1)),
      RuntimeError,
      `"addmv_impl_cpu" not implemented for 'Bool'`,
    );
  });
});

describe("outer errors", () => {
  it("wants 1-D arguments and promotes dtypes like mul", () => {
    expectError(
      () => torch.outer(r(3, 1), r(4)),
      RuntimeError,
      "outer: Expected 1-D argument self, but got 2-D",
    );
    expectError(
      () => torch.outer(r(3), r(4, 1)),
      RuntimeError,
      "outer: Expected 1-D argument vec2, but got 2-D",
    );
    expect(torch.outer(r(3), d(4)).dtype).toBe(torch.float64);
    expect(torch.outer(longs(2), r(4)).dtype).toBe(torch.float32);
  });
});

describe("matmul errors", () => {
  it("rejects 0-D operands", () => {
    expectError(
      () => torch.matmul(torch.tensor(1), r(4)),
      RuntimeError,
      "both arguments to matmul need to be at least 1D, but they are 0D and 1D",
    );
    expectError(
      () => torch.matmul(r(4), torch.tensor(1)),
      RuntimeError,
      "both arguments to matmul need to be at least 1D, but they are 1D and 0D",
    );
  });
  it("reports shape mismatches from the op each case dispatches to", () => {
    expectError(
      () => torch.matmul(r(2, 3), r(4, 5)),
      RuntimeError,
      "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)",
    );
    expectError(
      () => torch.matmul(r(3), r(4, 5)),
      RuntimeError,
      "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)",
    );
    expectError(() => torch.matmul(r(2, 3), r(4)), RuntimeError, "size mismatch, got 2, 2x3,4");
    expectError(() => torch.matmul(r(5, 2, 3), r(4)), RuntimeError, "size mismatch, got 10, 10x3,4");
    expectError(() => torch.matmul(r(3), r(5, 4, 4)), RuntimeError, "size mismatch, got 20, 20x4,3");
    expectError(
      () => torch.matmul(r(5, 2, 3), r(5, 4, 4)),
      RuntimeError,
      "Expected size for first two dimensions of batch2 tensor to be: [5, 3] but got: [5, 4].",
    );
    expectError(
      () => torch.matmul(r(2, 2, 3), r(3, 3, 4)),
      RuntimeError,
      "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
    );
  });
  it("does not promote dtypes", () => {
    expectError(
      () => torch.matmul(r(2, 3), d(3, 5)),
      RuntimeError,
      "expected scalar type Float but found Double",
    );
    expectError(
      () => torch.matmul(d(2, 3), r(3)),
      RuntimeError,
      "expected scalar type Double but found Float",
    );
    expectError(
      () => torch.matmul(r(3), d(3, 2)),
      RuntimeError,
      "expected scalar type Float but found Double",
    );
    expectError(
      () => torch.matmul(r(2, 2, 3), d(2, 3, 2)),
      RuntimeError,
      "expected scalar type Float but found Double",
    );
    expectError(
      () => torch.matmul(ints(1, 2), longs(2, 1)),
      RuntimeError,
      "expected scalar type Int but found Long",
    );
    expectError(
      () => torch.matmul(r(2), longs(2)),
      RuntimeError,
      "dot : expected both vectors to have same dtype, but found Float and Long",
    );
    expectError(
      () => torch.matmul(bools(1, 1, 1), bools(1, 1, 1)),
      RuntimeError,
      `"bmm" not implemented for 'Bool'`,
    );
    expectError(() => torch.matmul(bools(1), bools(1)), RuntimeError, `"dot" not implemented for 'Bool'`);
  });
  it("names a non-tensor argument", () => {
    expectError(
      () => torch.matmul(r(2, 3), "x" as unknown as torch.Tensor),
      TypeError,
      "matmul(): argument 'other' (position 2) must be Tensor, not str",
    );
  });
});

describe("einsum errors", () => {
  it("checks the equation against the operands", () => {
    expectError(
      () => torch.einsum("ij,jk->ik", r(2, 3), r(4, 5)),
      RuntimeError,
      "einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3",
    );
    expectError(
      () => torch.einsum("ij,jk->ik", r(2, 3)),
      RuntimeError,
      "einsum(): fewer operands were provided than specified in the equation",
    );
    expectError(
      () => torch.einsum("ij,jk->ik", r(2, 3), r(3, 4), r(2)),
      RuntimeError,
      "einsum(): more operands were provided than specified in the equation",
    );
    expectError(
      () => torch.einsum("ijk,jk->ik", r(2, 3), r(3, 4)),
      RuntimeError,
      "einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given",
    );
    expectError(
      () => torch.einsum("ij,jk->il", r(2, 3), r(3, 4)),
      RuntimeError,
      "einsum(): output subscript l does not appear in the equation for any input operand",
    );
    expectError(
      () => torch.einsum("ij,jk->ii", r(2, 3), r(3, 4)),
      RuntimeError,
      "einsum(): output subscript i appears more than once in the output",
    );
    expectError(
      () => torch.einsum("i1->i", r(2, 3)),
      RuntimeError,
      "einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]",
    );
    expectError(
      () => torch.einsum("ii->i", r(2, 3)),
      RuntimeError,
      "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2",
    );
    expectError(
      () => torch.einsum("ij,jk->ik", r(2, 3), d(3, 4)),
      RuntimeError,
      "expected scalar type Float but found Double",
    );
  });
  it("takes its operands as a list too", () => {
    expect(torch.einsum("ij,jk->ik", [r(2, 3), r(3, 4)]).shape).toEqual([2, 4]);
  });
});
