// Bad input to reductions gets PyTorch 1.13's error class and text (checked with /usr/bin/python3).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { IndexError, RuntimeError } from "../../src/errors.js";

const x = () => torch.randn(3, 4);
const ints = () => torch.tensor([1n, 2n]);
const range = (got: number) => `Dimension out of range (expected to be in range of [-2, 1], but got ${got})`;

type ErrorClass = new (message: string) => Error;

const CASES: [string, () => unknown, ErrorClass, string][] = [
  [
    "softmax(dim=None)",
    () => torch.softmax(x(), null as never),
    RuntimeError,
    "Please look up dimensions by name, got: name = None.",
  ],
  [
    "norm over three dims with 'fro'",
    () => torch.norm(x(), "fro", [0, 1, 0]),
    RuntimeError,
    "Expected at most 2 dimensions, but got 3 dimensions instead.",
  ],
  [
    "norm with p='abc'",
    () => torch.norm(x(), "abc"),
    RuntimeError,
    "only valid string values are 'fro' and 'nuc', found abc",
  ],
  [
    "argmax of bools",
    () => torch.tensor([true, false]).argmax(),
    RuntimeError,
    `"argmax_cpu" not implemented for 'Bool'`,
  ],
  [
    "all with out of another dtype",
    () => torch.all(x(), { out: torch.empty(0) }),
    RuntimeError,
    "all only supports bool tensor for result, got: Float",
  ],
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
    () => torch.linalg.vector_norm(ints()),
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

  it("honours keepdim given by keyword, and max's three call forms", () => {
    const t = torch.tensor([
      [1, 5, 2],
      [7, 0, 3],
    ]);
    expect(torch.max(t, 0, { keepdim: false }).values.shape).toEqual([3]);
    expect(torch.max(t, 1, { keepdim: true }).values.shape).toEqual([2, 1]);
    expect([...torch.max(t, { dim: 0 }).values.values()]).toEqual([7, 5, 3]);
    expect([...torch.max(t, t.neg()).values()]).toEqual([1, 5, 2, 7, 0, 3]);
    expect([...torch.argmin(t, 1, { keepdim: true }).values()]).toEqual([0, 1]);
    expect(torch.argmin(t, 1, { keepdim: true }).shape).toEqual([2, 1]);
    expect(torch.any(t.gt(4), 1, { keepdim: true }).shape).toEqual([2, 1]);
    expect(torch.all(t.gt(0), 0, { keepdim: true }).shape).toEqual([1, 3]);
    expect([...torch.prod(t, 1, { keepdim: true }).values()]).toEqual([10, 0]);
    expect([...torch.sum(t, { dim: 1, keepdim: true }).values()]).toEqual([8, 10]);
    expect(t.sum({ dim: 1, keepdim: true }).shape).toEqual([2, 1]);
  });

  it("differentiates a norm computed in another dtype back into the input's", () => {
    const a = torch
      .tensor([
        [1, 5, 2],
        [7, 0, 3],
      ])
      .requires_grad_();
    const n = torch.norm(a, 2, 1, { dtype: torch.float64 });
    expect(n.dtype).toBe(torch.float64);
    expect(n.grad_fn?.name()).toBe("NormBackward3");
    n.sum().backward();
    expect(a.grad!.dtype).toBe(torch.float32);
    expect(a.grad!.values()[1]).toBeCloseTo(0.9129, 4);
    const b = a.detach().requires_grad_();
    torch.linalg.vector_norm(b, 2, [1], { dtype: torch.float64 }).sum().backward();
    expect(b.grad!.dtype).toBe(torch.float32);
    expect(b.grad!.values()[3]).toBeCloseTo(0.9191, 4);
  });

  it("has no derivative for remainder with a number dividend, as PyTorch", () => {
    const x = torch.tensor([1.5, 2.5]).requires_grad_();
    const r = torch.remainder(2, x);
    expect(r.grad_fn?.name()).toBe("torch::autograd::NotImplemented");
    expect(() => r.sum().backward()).toThrow(
      new torch.RuntimeError("derivative for aten::remainder is not implemented"),
    );
  });

  it("runs in place", () => {
    const t = torch.tensor([1.5, -2.5]);
    expect(t.floor_()).toBe(t);
    expect([...t.values()]).toEqual([1, -3]);
    expect([...torch.abs_(t).values()]).toEqual([1, 3]);
    expect([...t.cumsum_(0).values()]).toEqual([1, 4]);
    expect(() => t.cumsum_(0, { dtype: torch.float64 })).toThrow(
      new torch.RuntimeError(
        "Bad in-place call: input tensor dtype float and output tensor dtype double should match",
      ),
    );
  });
});
