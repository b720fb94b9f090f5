// Bad input to reductions gets PyTorch 1.13's error class and text (checked with /usr/bin/python3).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { IndexError, RuntimeError } from "../../src/errors.js";

const x = () => torch.randn(3, 4);
const ints = () => torch.tensor([1n, 2n]);
const range = (got: number) => `Dimension out of range (expected to be in range of [-2, 1], but got ${got})`;

type ErrorClass = new (message: string) => Error;

const CASES: [string, () => unknown, ErrorClass, string][] = [
  ["sum(2)", () => x().sum(2), IndexError, range(2)],
  ["sum((0, 0))", () => x().sum([0, 0]), RuntimeError, "dim 0 appears multiple times in the list of dims"],
  ["max(2)", () => x().max(2), IndexError, range(2)],
  ["argmax(-3)", () => x().argmax(-3), IndexError, range(-3)],
  [
    "empty argmax()",
    () => torch.empty(0).argmax(),
    IndexError,
    "argmax(): Expected reduction dim to be specified for input.numel() == 0.",
  ],
  [
    "empty max()",
    () => torch.empty(0).max(),
    RuntimeError,
    "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
  ],
  [
    "empty min()",
    () => torch.empty(0).min(),
    RuntimeError,
    "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
  ],
  [
    "max over an empty dim",
    () => torch.empty(0, 3).max(0),
    IndexError,
    "max(): Expected reduction dim 0 to have non-zero size.",
  ],
  [
    "empty amax()",
    () => torch.empty(0).amax(),
    RuntimeError,
    "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
  ],
  [
    "argmin over an empty dim",
    () => torch.empty(0, 3).argmin(0),
    IndexError,
    "argmin(): Expected reduction dim 0 to have non-zero size.",
  ],
  ["amin((1, 1))", () => x().amin([1, 1]), RuntimeError, "dim 1 appears multiple times in the list of dims"],
  [
    "var of ints",
    () => ints().var(),
    RuntimeError,
    "std and var only support floating point and complex dtypes",
  ],
  [
    "std of ints",
    () => ints().std(0),
    RuntimeError,
    "std and var only support floating point and complex dtypes",
  ],
  [
    "norm of ints",
    () => ints().norm(),
    RuntimeError,
    "norm(): input dtype should be either floating point or complex. Got Long instead.",
  ],
  [
    "vector_norm of ints",
    () => torch.linalg_vector_norm(ints()),
    RuntimeError,
    "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long",
  ],
  [
    "softmax of ints",
    () => ints().softmax(0),
    RuntimeError,
    `"softmax_lastdim_kernel_impl" not implemented for 'Long'`,
  ],
  [
    "log_softmax of ints over dim 0",
    () => torch.ones([2, 3], { dtype: torch.int64 }).log_softmax(0),
    RuntimeError,
    `"softmax_kernel_impl" not implemented for 'Long'`,
  ],
  ["cumsum(5)", () => x().cumsum(5), IndexError, range(5)],
  ["softmax(2)", () => x().softmax(2), IndexError, range(2)],
  ["logsumexp(3)", () => x().logsumexp(3), IndexError, range(3)],
  ["prod(4)", () => x().prod(4), IndexError, range(4)],
  ["all(2)", () => x().all(2), IndexError, range(2)],
];

describe("reduction errors", () => {
  it.each(CASES)("%s", (_name, fn, ErrorClass, message) => {
    expect(fn).toThrow(ErrorClass);
    expect(fn).toThrow(message);
  });

  it("max/min with a dim destructure like PyTorch's namedtuple", () => {
    const t = torch.tensor([
      [1, 5, 2],
      [7, 0, 3],
    ]);
    const result = t.max(1);
    const [values, indices] = result;
    expect(values.tolist()).toEqual([5, 7]);
    expect(indices.tolist()).toEqual([1, 0]);
    expect(result.values.tolist()).toEqual([5, 7]);
    expect(result.indices.dtype).toBe(torch.int64);
    expect(result[0]).toBe(result.values);
  });
});
