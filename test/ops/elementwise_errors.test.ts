// Bad input to elementwise ops: PyTorch 1.13's error classes and messages (checked with /usr/bin/python3).
import { describe, it, expect } from "vitest";
import * as torch from "../../src/index.js";

const F = torch.nn.functional;

const ints = () => torch.tensor([1n, -2n, 3n]);
const bools = () => torch.tensor([true, false]);

describe("broadcasting errors", () => {
  it("names the mismatched sizes and the output dimension", () => {
    expect(() => torch.add(torch.ones(3), torch.ones(4))).toThrow(
      new torch.RuntimeError(
        "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0",
      ),
    );
    expect(() => torch.ones(2, 3).mul(torch.ones(2, 4))).toThrow(
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
    );
    expect(() => torch.fmod(torch.ones(2), torch.ones(3))).toThrow(
      "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
    );
    expect(() => torch.maximum(torch.ones(2, 3), torch.ones(4))).toThrow(
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
    );
    expect(() => torch.pow(torch.ones(2, 3), torch.ones(4))).toThrow(torch.RuntimeError);
    expect(() => torch.lerp(torch.ones(3), torch.ones(4), 0.5)).toThrow(
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0",
    );
  });

  it("rejects in-place results that would need a bigger self", () => {
    expect(() => torch.ones(3).add_(torch.ones(2, 3))).toThrow(
      new torch.RuntimeError("output with shape [3] doesn't match the broadcast shape [2, 3]"),
    );
    expect(() => torch.ones(1, 3).mul_(torch.ones(2, 3))).toThrow(
      "output with shape [1, 3] doesn't match the broadcast shape [2, 3]",
    );
    expect(() => torch.ones(2, 3).sub_(torch.ones(4))).toThrow(
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
    );
    expect(() => ints().add_(1.5)).toThrow("result type Float can't be cast to the desired output type Long");
  });
});

describe("dtype errors", () => {
  it("refuses bool subtraction and negation", () => {
    const sub =
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.";
    expect(() => bools().sub(bools())).toThrow(new torch.RuntimeError(sub));
    expect(() => torch.rsub(bools(), bools())).toThrow(sub);
    expect(() => bools().neg()).toThrow(
      new torch.RuntimeError(
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
      ),
    );
  });

  it("refuses integers to negative powers for a number exponent only", () => {
    const msg = "Integers to negative integer powers are not allowed.";
    expect(() => torch.pow(ints(), -1)).toThrow(new torch.RuntimeError(msg));
    expect(() => ints().pow(-2)).toThrow(msg);
    // A tensor exponent follows C's integer pow: 1 and -1 survive, everything else is 0.
    expect(torch.pow(torch.tensor([1n, -1n, 2n, -1n]), torch.tensor([-1n, -1n, -1n, -2n])).tolist()).toEqual([
      1, -1, 0, 1,
    ]);
  });

  it("names the kernel a dtype lacks", () => {
    expect(() => torch.abs(bools())).toThrow(new torch.RuntimeError(`"abs_cpu" not implemented for 'Bool'`));
    expect(() => torch.floor(bools())).toThrow(`"floor_vml_cpu" not implemented for 'Bool'`);
    expect(() => torch.ceil(bools())).toThrow(`"ceil_vml_cpu" not implemented for 'Bool'`);
    expect(() => torch.round(bools())).toThrow(`"round_vml_cpu" not implemented for 'Bool'`);
    expect(() => torch.round(ints(), { decimals: 2 })).toThrow(`"round_cpu" not implemented for 'Long'`);
    expect(() => torch.frac(ints())).toThrow(`"frac_cpu" not implemented for 'Long'`);
    expect(() => F.logsigmoid(ints())).toThrow(`"log_sigmoid_cpu" not implemented for 'Long'`);
    expect(() => F.leaky_relu(ints())).toThrow(`"leaky_relu_cpu" not implemented for 'Long'`);
    expect(() => F.elu(ints())).toThrow(`"elu_cpu" not implemented for 'Long'`);
    expect(() => F.gelu(ints())).toThrow(`"GeluKernelImpl" not implemented for 'Long'`);
    expect(() => F.silu(bools())).toThrow(`"silu_cpu" not implemented for 'Bool'`);
    expect(() => F.softplus(ints())).toThrow(`"softplus_cpu" not implemented for 'Long'`);
    expect(() => torch.fmod(bools(), bools())).toThrow(`"fmod_cpu" not implemented for 'Bool'`);
    expect(() => torch.remainder(bools(), bools())).toThrow(`"remainder_cpu" not implemented for 'Bool'`);
    expect(() => torch.lerp(ints(), ints(), 0.3)).toThrow(`"lerp_kernel_scalar" not implemented for 'Long'`);
    expect(() => torch.lerp(ints(), ints(), ints())).toThrow(
      `"lerp_kernel_tensor" not implemented for 'Long'`,
    );
  });

  it("checks lerp's operand dtypes", () => {
    expect(() => torch.lerp(torch.ones(2), torch.ones(2).double(), 0.3)).toThrow(
      new torch.RuntimeError("expected dtype float for `end` but got dtype double"),
    );
    expect(() => torch.lerp(torch.ones(2), torch.ones(2), torch.ones(2).long())).toThrow(
      "expected dtype float for `weight` but got dtype long int",
    );
  });

  it("raises ZeroDivisionError for integer fmod and remainder by zero", () => {
    expect(() => torch.fmod(torch.tensor([1n]), 0)).toThrow(new torch.RuntimeError("ZeroDivisionError"));
    expect(() => torch.remainder(torch.tensor([1n]), torch.tensor([0n]))).toThrow("ZeroDivisionError");
    expect(
      torch
        .fmod(torch.tensor([1]), 0)
        .isnan()
        .tolist(),
    ).toEqual([true]);
  });

  it("only accepts gelu's two approximations", () => {
    expect(() => F.gelu(torch.ones(2), { approximate: "foo" as "tanh" })).toThrow(
      new torch.RuntimeError("approximate argument must be either none or tanh."),
    );
  });
});

describe("argument types", () => {
  const bad = "a" as unknown as torch.Tensor;
  it("raises TypeError naming the argument", () => {
    expect(() => torch.add(torch.ones(2), bad)).toThrow(TypeError);
    expect(() => torch.add(torch.ones(2), bad)).toThrow(/^add\(\): argument 'other'/);
    expect(() => torch.add(bad, torch.ones(2))).toThrow(/^add\(\): argument 'input'/);
    expect(() => torch.sin(bad)).toThrow(/^sin\(\): argument 'input' .*must be Tensor, not str$/);
    expect(() => torch.abs(null as unknown as torch.Tensor)).toThrow(
      new TypeError("abs(): argument 'input' (position 1) must be Tensor, not NoneType"),
    );
    expect(() => torch.sqrt(2 as unknown as torch.Tensor)).toThrow(
      new TypeError("sqrt(): argument 'input' (position 1) must be Tensor, not int"),
    );
  });

  it("needs tensors where PyTorch has no Scalar overload", () => {
    expect(() => torch.maximum(torch.ones(2), 2 as unknown as torch.Tensor)).toThrow(
      new TypeError("maximum(): argument 'other' (position 2) must be Tensor, not int"),
    );
    expect(() => torch.minimum(torch.ones(2), 2 as unknown as torch.Tensor)).toThrow(
      new TypeError("minimum(): argument 'other' (position 2) must be Tensor, not int"),
    );
    expect(() => torch.atan2(torch.ones(2), 2 as unknown as torch.Tensor)).toThrow(
      new TypeError("atan2(): argument 'other' (position 2) must be Tensor, not int"),
    );
  });

  it("lists pow's and lerp's overloads", () => {
    expect(() => torch.pow(torch.ones(2), bad)).toThrow(
      "pow() received an invalid combination of arguments - got (Tensor, str), but expected one of:\n" +
        " * (Tensor input, Tensor exponent, *, Tensor out)\n" +
        " * (Number self, Tensor exponent, *, Tensor out)\n" +
        " * (Tensor input, Number exponent, *, Tensor out)\n",
    );
    expect(() => torch.pow(2 as unknown as torch.Tensor, 3)).toThrow(TypeError);
    expect(() => torch.lerp(torch.ones(2), torch.ones(2), bad)).toThrow(
      "lerp() received an invalid combination of arguments - got (Tensor, Tensor, str), but expected one of:\n" +
        " * (Tensor input, Tensor end, Tensor weight, *, Tensor out)\n" +
        " * (Tensor input, Tensor end, Number weight, *, Tensor out)\n",
    );
  });

  it("checks activation parameters", () => {
    const notNumber = "a" as unknown as number;
    expect(() => F.leaky_relu(torch.ones(2), notNumber)).toThrow(
      "leaky_relu(): argument 'negative_slope' (position 2) must be Number, not str",
    );
    expect(() => F.softplus(torch.ones(2), { beta: notNumber })).toThrow(
      "softplus(): argument 'beta' must be Number, not str",
    );
    expect(() => F.elu(torch.ones(2), { alpha: notNumber })).toThrow(TypeError);
    expect(() => torch.nan_to_num(torch.ones(2), { nan: notNumber })).toThrow(
      "nan_to_num(): argument 'nan' must be float, not str",
    );
  });
});

describe("lerp broadcasting", () => {
  it("reports sizes in (input, end, weight) order", () => {
    expect(() => torch.lerp(torch.ones(3), torch.ones(3), torch.ones(4))).toThrow(
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0",
    );
  });
});

describe("broadcasting errors name the rightmost mismatching dim, as PyTorch does", () => {
  it.each([
    [
      [2, 3],
      [3, 4],
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
    ],
    [
      [2, 3],
      [4],
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
    ],
    [
      [5, 2, 3],
      [4, 1, 3],
      "The size of tensor a (5) must match the size of tensor b (4) at non-singleton dimension 0",
    ],
    [
      [2, 1, 3],
      [4, 2],
      "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 2",
    ],
  ])("%j + %j", (a, b, message) => {
    expect(() => torch.ones(a as number[]).add(torch.ones(b as number[]))).toThrow(message);
  });
});

describe("the backward functions as methods check their arguments", () => {
  const g = torch.ones(3);
  it.each([
    [
      "sigmoid_backward",
      () => g._sigmoid_backward("y" as never),
      /^sigmoid_backward\(\): argument 'output' .*must be Tensor, not string/,
    ],
    [
      "threshold_backward",
      () => g._threshold_backward(null as never, 0),
      /^threshold_backward\(\): argument 'self' .*must be Tensor/,
    ],
    [
      "threshold_backward threshold",
      () => g._threshold_backward(g, "0" as never),
      /^threshold_backward\(\): argument 'threshold' must be Number, not string/,
    ],
    [
      "_softmax_backward_data",
      () => g._softmax_backward_data(3 as never, 0),
      /^_softmax_backward_data\(\): argument 'output' .*must be Tensor, not number/,
    ],
    [
      "_log_softmax_backward_data dim",
      () => g._log_softmax_backward_data(g, 1),
      /^Dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)$/,
    ],
  ] as const)("%s", (_name, call, message) => {
    expect(call).toThrow(message);
  });
});
