// Elementwise ops at the edges of their domains. PyTorch's error texts for bad input are rows of the error
// table test/errors/elementwise.ts; what stays here are results and tensorgrad's own texts.
import { describe, it, expect } from "vitest";
import * as torch from "../../src/index.js";

const F = torch.nn.functional;

describe("integer and float edge cases", () => {
  it("follows C's integer pow for a tensor exponent: 1 and -1 survive, everything else is 0", () => {
    expect(torch.pow(torch.tensor([1n, -1n, 2n, -1n]), torch.tensor([-1n, -1n, -1n, -2n])).tolist()).toEqual([
      1, -1, 0, 1,
    ]);
  });

  it("gives NaN for float fmod by zero", () => {
    expect(
      torch
        .fmod(torch.tensor([1]), 0)
        .isnan()
        .tolist(),
    ).toEqual([true]);
  });

  it("refuses a str alpha for elu", () => {
    // PyTorch passes alpha positionally, so its text says "(position 2)"; tensorgrad's does not yet.
    expect(() => F.elu(torch.ones(2), { alpha: "a" as unknown as number })).toThrow(TypeError);
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
