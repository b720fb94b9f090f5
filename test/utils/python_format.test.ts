// examples/tutorials/python.ts's format(): Python's format spec, sign flags included. The expected texts are
// what /usr/bin/python3 prints for format(value, spec) (floats written as PyFloat where JS cannot tell).
import { describe, expect, it } from "vitest";
import { format, PyFloat } from "../../examples/tutorials/python.js";

const cases: [number | PyFloat, string, string][] = [
  [1.234, "+.2f", "+1.23"],
  [-1.234, "+.2f", "-1.23"],
  [-0, "+.2f", "-0.00"],
  [0, "+.2f", "+0.00"],
  [2.5, " .1f", " 2.5"],
  [-2.5, " .1f", "-2.5"],
  [3, "+d", "+3"],
  [-3, " d", "-3"],
  [0, "+d", "+0"],
  [1.5, "+", "+1.5"],
  [new PyFloat(-0), "", "-0.0"],
  [7, " ", " 7"],
  [1.25, ">+8.1f", "    +1.2"],
  [-1.25, "*<+9.2f", "-1.25****"],
  [1234.56, "+.3e", "+1.235e+03"],
  [-0.00012, " .2e", "-1.20e-04"],
  [-0.001, "-.2f", "-0.00"],
  [0.125, "+.2f", "+0.12"],
];

describe("format() of examples/tutorials/python.ts", () => {
  it.each(cases)("format(%s, '%s') is Python's", (value, spec, expected) => {
    expect(format(value, spec)).toBe(expected);
  });
});
