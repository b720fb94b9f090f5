import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { DTYPES, type DTypeName } from "../../src/tensor/dtype.js";
import {
  get_printoptions,
  parameterRepr,
  set_printoptions,
  tensorFormat,
  tensorRepr,
  type PrintableTensor,
  type SetPrintOptions,
} from "../../src/tensor/format.js";

/** A number as the fixtures store it: non-finite values are strings, since JSON has none. */
type JsonNumber = number | "nan" | "inf" | "-inf";

interface FormatCase {
  dtype: DTypeName;
  shape: number[];
  values: JsonNumber[];
  requires_grad: boolean;
  grad_fn: string | null;
  repr: string;
  format: string;
  parameter?: boolean;
  options?: SetPrintOptions;
}

function loadJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8")) as T;
}

function decode(v: JsonNumber): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return v;
}

function printable(dtypeName: DTypeName, shape: number[], values: readonly number[]): PrintableTensor {
  return { shape, dtype: DTYPES[dtypeName], values: () => values };
}

const formatCases = loadJson<FormatCase[]>("format.json");

function caseName(c: FormatCase, index: number): string {
  const opts = c.options ? ` ${JSON.stringify(c.options)}` : "";
  return `#${index} ${c.dtype}[${c.shape.join(",")}]${c.grad_fn ? " " + c.grad_fn : ""}${opts}`;
}

afterEach(() => set_printoptions({ profile: "default" }));

describe("tensor printing matches PyTorch 1.13", () => {
  it("has fixtures", () => expect(formatCases.length).toBeGreaterThan(200));

  formatCases.forEach((c, index) => {
    it(caseName(c, index), () => {
      const t = printable(c.dtype, c.shape, c.values.map(decode));
      const suffixes = { requiresGrad: c.requires_grad, gradFnName: c.grad_fn };
      if (c.options) set_printoptions(c.options);
      if (c.parameter) {
        expect(parameterRepr(t, c.requires_grad)).toBe(c.repr);
      } else {
        expect(tensorRepr(t, suffixes)).toBe(c.repr);
        expect(tensorFormat(t, suffixes)).toBe(c.format);
      }
    });
  });
});

describe("set_printoptions", () => {
  const t = printable("float32", [3], [Math.fround(1.23456), 2, 3]);

  it("changes precision and restores with the default profile", () => {
    set_printoptions({ precision: 2 });
    expect(tensorRepr(t)).toBe("tensor([1.23, 2.00, 3.00])");
    set_printoptions({ profile: "default" });
    expect(tensorRepr(t)).toBe("tensor([1.2346, 2.0000, 3.0000])");
  });

  it("reports the current options", () => {
    expect(get_printoptions()).toEqual({
      precision: 4,
      threshold: 1000,
      edgeitems: 3,
      linewidth: 80,
      sci_mode: null,
    });
    set_printoptions({ profile: "full", sci_mode: true });
    expect(get_printoptions()).toMatchObject({ threshold: Infinity, sci_mode: true });
  });

  it("resets sci_mode on every call that does not pass it, like PyTorch", () => {
    set_printoptions({ sci_mode: true });
    set_printoptions({ precision: 4 });
    expect(get_printoptions().sci_mode).toBeNull();
  });

  it("summarizes with a small threshold", () => {
    set_printoptions({ threshold: 5 });
    const arange = printable("int64", [10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(tensorRepr(arange)).toBe("tensor([0, 1, 2,  ..., 7, 8, 9])");
  });

  it("rejects unknown profiles", () => {
    expect(() => set_printoptions({ profile: "tiny" as "short" })).toThrow(/profile/);
  });
});

describe("repr suffixes", () => {
  it("orders dtype before grad_fn and prefers grad_fn over requires_grad", () => {
    const t = printable("float64", [2], [1, 2]);
    expect(tensorRepr(t, { requiresGrad: true, gradFnName: "MulBackward0" })).toBe(
      "tensor([1., 2.], dtype=torch.float64, grad_fn=<MulBackward0>)",
    );
    expect(tensorRepr(t, { requiresGrad: true })).toBe(
      "tensor([1., 2.], dtype=torch.float64, requires_grad=True)",
    );
  });

  it("names empty tensors' size and non-float32 dtypes", () => {
    expect(tensorRepr(printable("float32", [0], []))).toBe("tensor([])");
    expect(tensorRepr(printable("int64", [0, 3], []))).toBe("tensor([], size=(0, 3), dtype=torch.int64)");
  });

  it("formats 0-dim tensors as Python scalars", () => {
    expect(tensorFormat(printable("float32", [], [9]), { gradFnName: "PowBackward0" })).toBe("9.0");
    expect(tensorRepr(printable("float32", [], [9]), { gradFnName: "PowBackward0" })).toBe(
      "tensor(9., grad_fn=<PowBackward0>)",
    );
  });
});
