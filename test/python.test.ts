// src/python.ts against Python itself (test/fixtures/python.json, scripts/gen_format_fixtures.py): repr(float),
// format(x, spec), C's "%g" (ATen's messages), repr(str); and str()/repr() of the values PyTorch's texts print.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  cppDoubleStr,
  formatExponential,
  formatFixed,
  padLeft,
  PyFloat,
  pyFloatRepr,
  pyFormat,
  pyRepr,
  pyScalarRepr,
  pyStr,
  pyTuple,
  pyTupleStr,
} from "../src/python.js";
import { bool, float32, float64, int32, int64 } from "../src/tensor/dtype.js";

/** A number as the fixtures store it: non-finite values are strings, since JSON has none. */
type JsonNumber = number | "nan" | "inf" | "-inf";

const fixtures = JSON.parse(readFileSync(new URL("./fixtures/python.json", import.meta.url), "utf8")) as {
  repr: { value: JsonNumber; repr: string }[];
  printf: { value: JsonNumber; spec: string; result: string }[];
  cpp_double: { value: JsonNumber; text: string }[];
  str_repr: { value: string; repr: string }[];
  format_spec: FormatSpecCase[];
};

/** format(value, spec) in Python: its result, or the error's class and text. Ints are strings (exact bigints). */
interface FormatSpecCase {
  kind: "float" | "int" | "bool";
  value: JsonNumber | string | boolean;
  spec: string;
  result?: string;
  error?: [string, string];
}

function decode(v: JsonNumber): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return v;
}

describe("pyFloatRepr matches Python's repr(float)", () => {
  for (const c of fixtures.repr) {
    it(`${c.repr}`, () => expect(pyFloatRepr(decode(c.value))).toBe(c.repr));
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
    for (const [x, text] of expected) expect(pyFloatRepr(x)).toBe(text);
  });

  it("prints scalars per dtype", () => {
    expect(pyScalarRepr(3, int64)).toBe("3");
    expect(pyScalarRepr(-(2 ** 63), int64)).toBe("-9223372036854775808");
    expect(pyScalarRepr(7, int32)).toBe("7");
    expect(pyScalarRepr(1, bool)).toBe("True");
    expect(pyScalarRepr(0, bool)).toBe("False");
    expect(pyScalarRepr(9, float32)).toBe("9.0");
    expect(pyScalarRepr(0.1, float64)).toBe("0.1");
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
  it(`${fixtures.printf.length} fixture cases`, () => {
    const failures = fixtures.printf
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

describe("pyFormat matches Python's format(value, spec) for floats, ints and bools", () => {
  const outcome = (c: FormatSpecCase): string => {
    const value =
      c.kind === "int"
        ? BigInt(c.value as string)
        : c.kind === "bool"
          ? (c.value as boolean)
          : decode(c.value as JsonNumber);
    try {
      return pyFormat(value, c.spec, c.kind);
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };
  for (const kind of ["float", "int", "bool"] as const) {
    const cases = fixtures.format_spec.filter((c) => c.kind === kind);
    it(`${cases.length} ${kind} cases, results and ValueErrors`, () => {
      const failures = cases
        .map((c) => ({
          value: c.value,
          spec: c.spec,
          expected: c.result ?? c.error!.join(": "),
          got: outcome(c),
        }))
        .filter((f) => f.got !== f.expected);
      expect(failures).toEqual([]);
    });
  }

  it("formats a JS number as a float unless told it is an int", () => {
    expect(pyFormat(3, ".2f")).toBe("3.00");
    expect(pyFormat(3, "")).toBe("3.0");
    expect(pyFormat(3, "", "int")).toBe("3");
    expect(pyFormat(255, "#x", "int")).toBe("0xff");
    expect(pyFormat(10n, "b")).toBe("1010");
    expect(pyFormat(true, "")).toBe("True");
  });
});

describe("cppDoubleStr matches C's %g (an ostream's << of a double)", () => {
  it(`${fixtures.cpp_double.length} fixture cases`, () => {
    const failures = fixtures.cpp_double
      .map((c) => ({ ...c, got: cppDoubleStr(decode(c.value)) }))
      .filter((c) => c.got !== c.text);
    expect(failures).toEqual([]);
  });
});

describe("pyRepr of a str matches Python's repr(str)", () => {
  it(`${fixtures.str_repr.length} fixture cases`, () => {
    const failures = fixtures.str_repr
      .map((c) => ({ ...c, got: pyRepr(c.value) }))
      .filter((c) => c.got !== c.repr);
    expect(failures).toEqual([]);
  });
});

describe("pyStr and pyRepr of values", () => {
  it("prints ints, floats, bools and None as Python does", () => {
    expect(pyStr(3)).toBe("3");
    expect(pyStr(1e21)).toBe("1000000000000000000000");
    expect(pyStr(2n ** 70n)).toBe("1180591620717411303424");
    expect(pyStr(0.1)).toBe("0.1");
    expect(pyStr(-1e-5)).toBe("-1e-05");
    expect(pyStr(new PyFloat(0))).toBe("0.0");
    expect(pyStr(true)).toBe("True");
    expect(pyStr(null)).toBe("None");
    expect(pyStr(undefined)).toBe("None");
  });

  it("quotes strs in repr only, and inside containers", () => {
    expect(pyStr("x")).toBe("x");
    expect(pyRepr("x")).toBe("'x'");
    expect(pyStr(["a", 1, null])).toBe("['a', 1, None]");
    expect(pyStr({ lr: 0.1, name: "sgd" })).toBe("{'lr': 0.1, 'name': 'sgd'}");
    expect(pyStr(new Map([[1, "one"]]))).toBe("{1: 'one'}");
    expect(pyStr(new Set([1]))).toBe("{1}");
    expect(pyStr(new Set())).toBe("set()");
  });

  it("prints arrays marked as tuples as tuples", () => {
    expect(pyStr(pyTuple([0.9, 0.999]))).toBe("(0.9, 0.999)");
    expect(pyStr(pyTuple([3]))).toBe("(3,)");
    expect(pyStr(pyTuple([]))).toBe("()");
    expect(pyTupleStr([3, null])).toBe("(3, None)");
    expect(pyStr(pyTuple(2))).toBe("2");
  });

  it("prints functions without the address JS cannot share", () => {
    function lr_lambda(): number {
      return 1;
    }
    expect(pyStr(lr_lambda)).toBe("<function lr_lambda>");
    expect(pyStr(Object.defineProperty(() => 1, "name", { value: "" }))).toBe("<function <lambda>>");
  });
});
