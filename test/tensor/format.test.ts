import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { DTYPES, type DTypeName, float32, float64, int64, int32, bool } from "../../src/tensor/dtype.js";
import {
  get_printoptions,
  parameterRepr,
  set_printoptions,
  tensorFormat,
  tensorRepr,
  type PrintableTensor,
  type SetPrintOptions,
} from "../../src/tensor/format.js";
import { formatExponential, formatFixed, padLeft } from "../../src/tensor/printf.js";
import { pythonFloatRepr, pythonScalarRepr } from "../../src/tensor/pyfloat.js";

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

interface PyFloatFixtures {
  repr: { value: JsonNumber; repr: string }[];
  printf: { value: JsonNumber; spec: string; result: string }[];
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
const pyfloat = loadJson<PyFloatFixtures>("pyfloat.json");

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

describe("pythonFloatRepr matches Python's repr(float)", () => {
  for (const c of pyfloat.repr) {
    it(`${c.repr}`, () => expect(pythonFloatRepr(decode(c.value))).toBe(c.repr));
  }

  it("lays out the documented examples", () => {
    const expected: [number, string][] = [
      [4, "4.0"],
      [12, "12.0"],
      [-0, "-0.0"],
      [0.02370944619178772, "0.02370944619178772"],
      [9.999999747378752e-6, "9.999999747378752e-06"],
      [1e-5, "1e-05"],
      [1.0000000272564224e16, "1.0000000272564224e+16"],
      [1e16, "1e+16"],
      [123456789012345, "123456789012345.0"],
      [0.0001, "0.0001"],
      [1e22, "1e+22"],
      [Infinity, "inf"],
      [-Infinity, "-inf"],
      [NaN, "nan"],
    ];
    for (const [x, text] of expected) expect(pythonFloatRepr(x)).toBe(text);
  });

  it("prints scalars per dtype", () => {
    expect(pythonScalarRepr(3, int64)).toBe("3");
    expect(pythonScalarRepr(-(2 ** 63), int64)).toBe("-9223372036854775808");
    expect(pythonScalarRepr(7, int32)).toBe("7");
    expect(pythonScalarRepr(1, bool)).toBe("True");
    expect(pythonScalarRepr(0, bool)).toBe("False");
    expect(pythonScalarRepr(9, float32)).toBe("9.0");
    expect(pythonScalarRepr(0.1, float64)).toBe("0.1");
  });
});

/** Applies a Python format spec of the forms the printer uses: ".Nf", ".Ne", "W.Ne". */
function applySpec(x: number, spec: string): string {
  const match = /^(\d*)\.(\d+)([fe])$/.exec(spec);
  if (!match) throw new Error(`unsupported spec ${spec}`);
  const [, width = "", precision = "0", kind] = match;
  const text = kind === "f" ? formatFixed(x, Number(precision)) : formatExponential(x, Number(precision));
  return padLeft(text, width === "" ? 0 : Number(width));
}

describe("printf-compatible formatting matches Python's format()", () => {
  it(`${pyfloat.printf.length} fixture cases`, () => {
    const failures = pyfloat.printf
      .map((c) => ({ ...c, got: applySpec(decode(c.value), c.spec) }))
      .filter((c) => c.got !== c.result);
    expect(failures).toEqual([]);
  });

  it("rounds exact ties to even, like printf", () => {
    expect(formatFixed(0.125, 2)).toBe("0.12");
    expect(formatFixed(0.375, 2)).toBe("0.38");
    expect(formatFixed(2.5, 0)).toBe("2");
    expect(formatFixed(3.5, 0)).toBe("4");
    expect(formatFixed(-2.5, 0)).toBe("-2");
    expect(formatFixed(0.03125, 4)).toBe("0.0312");
    expect(formatExponential(1.03125, 4)).toBe("1.0312e+00");
    expect(formatExponential(2.5, 0)).toBe("2e+00");
  });

  it("rounds non-ties by the exact binary value", () => {
    // 0.00005 is slightly above 5e-5 as a double, so it rounds up.
    expect(formatFixed(0.00005, 4)).toBe("0.0001");
    expect(formatFixed(0.00015, 4)).toBe("0.0001");
    expect(formatFixed(4.35, 1)).toBe("4.3");
    expect(formatFixed(1.005, 2)).toBe("1.00");
  });

  it("prints large values in full and keeps signs", () => {
    expect(formatFixed(1e22, 0)).toBe("10000000000000000000000");
    expect(formatFixed(1e22, 4)).toBe("10000000000000000000000.0000");
    expect(formatFixed(-0, 4)).toBe("-0.0000");
    expect(formatFixed(-0.00001, 4)).toBe("-0.0000");
    expect(formatFixed(-0.4, 0)).toBe("-0");
  });

  it("uses at least two exponent digits", () => {
    expect(formatExponential(1e-5, 4)).toBe("1.0000e-05");
    expect(formatExponential(1e100, 4)).toBe("1.0000e+100");
    expect(formatExponential(0, 4)).toBe("0.0000e+00");
    expect(formatExponential(-0, 4)).toBe("-0.0000e+00");
    expect(formatExponential(5e-324, 4)).toBe("4.9407e-324");
    expect(formatExponential(9.99994, 4)).toBe("9.9999e+00");
    // 9.99995 is a hair above the tie as a double, so it carries into the exponent.
    expect(formatExponential(9.99995, 4)).toBe("1.0000e+01");
  });

  it("prints non-finite values as Python does", () => {
    expect(formatFixed(NaN, 4)).toBe("nan");
    expect(formatExponential(Infinity, 4)).toBe("inf");
    expect(formatExponential(-Infinity, 4)).toBe("-inf");
    expect(padLeft("nan", 10)).toBe("       nan");
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
