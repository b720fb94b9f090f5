// Gaps that porting real PyTorch programs found (issue #15), each checked against PyTorch 1.13's behaviour:
// texts below were printed by /usr/bin/python3 with python3-torch 1.13.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { ZeroDivisionError } from "../../src/errors.js";
import { catch_warnings } from "../../src/warnings.js";

const { nn } = torch;

describe("Tensor.type's declared return types", () => {
  it("x.type(dtype) is a Tensor and x.type() a string, for tsc as at run time", () => {
    const x = torch.ones([2, 3]);
    const s: number = x.type(torch.float64).sum().item() as number;
    expect(s).toBe(6);
    const name: string = x.type();
    expect(name).toBe("torch.FloatTensor");
    expect(x.type("torch.DoubleTensor").dtype).toBe(torch.float64);
    expect(x.type({ dtype: torch.int64 }).dtype).toBe(torch.int64);
  });
});

describe("a @staticmethod's argument counts", () => {
  it("Transformer.generate_square_subsequent_mask counts no self, as PyTorch's errors do", () => {
    const mask = nn.Transformer.generate_square_subsequent_mask as (...args: unknown[]) => torch.Tensor;
    expect(mask(3).tolist()).toEqual([
      [0, -Infinity, -Infinity],
      [0, 0, -Infinity],
      [0, 0, 0],
    ]);
    const name = "Transformer.generate_square_subsequent_mask()";
    expect(() => mask(1, "cpu", 3)).toThrow(
      new TypeError(`${name} takes from 1 to 2 positional arguments but 3 were given`),
    );
    expect(() => mask()).toThrow(new TypeError(`${name} missing 1 required positional argument: 'sz'`));
    expect(() => mask(2, "cpu", { device: "cpu" })).toThrow(
      new TypeError(`${name} got multiple values for argument 'device'`),
    );
  });
});

describe("nn.init's divisions by zero", () => {
  it("TransformerEncoderLayer(0, 1) raises Python's ZeroDivisionError from xavier_uniform_", () => {
    const quiet = <T>(fn: () => T) => catch_warnings(fn).result;
    expect(() => quiet(() => new nn.TransformerEncoderLayer(0, 1))).toThrow(
      new ZeroDivisionError("float division by zero"),
    );
    expect(() => nn.init.xavier_normal_(torch.empty([0, 0]))).toThrow(
      new ZeroDivisionError("float division by zero"),
    );
    // A fan of 0 on one side only divides by the other, as in PyTorch.
    expect(nn.init.xavier_uniform_(torch.empty([0, 3])).shape).toEqual([0, 3]);
  });
});

describe("lazy modules' methods, bound by PyTorch's signatures", () => {
  const quiet = <T>(fn: () => T) => catch_warnings(fn).result;
  it("has_uninitialized_params and initialize_parameters raise CPython's argument errors", () => {
    const m = quiet(() => new nn.LazyLinear(3));
    const call =
      (f: unknown, ...args: unknown[]) =>
      () =>
        (f as (...a: unknown[]) => unknown).apply(m, args);
    expect(call(m.has_uninitialized_params, 1)).toThrow(
      new TypeError(
        "LazyModuleMixin.has_uninitialized_params() takes 1 positional argument but 2 were given",
      ),
    );
    expect(call(m.initialize_parameters)).toThrow(
      new TypeError("LazyLinear.initialize_parameters() missing 1 required positional argument: 'input'"),
    );
    // The forward pre-hook passes every input on, so a second input fails there as in PyTorch.
    const forward = m.forward.bind(m) as (...inputs: torch.Tensor[]) => unknown;
    expect(() => forward(torch.ones([2, 4]), torch.ones([1]))).toThrow(
      new TypeError("LazyLinear.initialize_parameters() takes 2 positional arguments but 3 were given"),
    );
    const bn = quiet(() => new nn.LazyBatchNorm1d());
    expect(() =>
      (bn.initialize_parameters as (...a: unknown[]) => void)({ input: torch.ones([2, 4]), x: 1 }),
    ).toThrow(new TypeError("_LazyNormBase.initialize_parameters() got an unexpected keyword argument 'x'"));
  });

  it("initialize_parameters materialises a lazy conv from its input", () => {
    const m = quiet(() => new nn.LazyConv1d(3, 2));
    expect(m.has_uninitialized_params()).toBe(true);
    m.initialize_parameters(torch.ones([1, 4, 5]));
    expect(m.weight.shape).toEqual([3, 4, 2]);
    expect(m.has_uninitialized_params()).toBe(false);
  });
});

describe("normalization modules' state_dict version", () => {
  it("BatchNorm and InstanceNorm are version 2 (num_batches_tracked), LayerNorm and GroupNorm 1", () => {
    // PyTorch 1.13: c._version and c.state_dict()._metadata[''] for each.
    const versions: [torch.nn.Module, number][] = [
      [new nn.BatchNorm1d(2), 2],
      [new nn.InstanceNorm1d(2), 2],
      [new nn.LayerNorm(2), 1],
      [new nn.GroupNorm(1, 2), 1],
    ];
    for (const [m, version] of versions) {
      expect(m._version, m._get_name()).toBe(version);
      const sd = m.state_dict() as unknown as { _metadata: Map<string, { version: number }> };
      expect(sd._metadata.get("")?.version, m._get_name()).toBe(version);
    }
  });
});
