// torch.format(t, spec), Python's f"{t:spec}", against PyTorch (test/fixtures/python.json "tensor_format",
// scripts/gen_format_fixtures.py).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

type JsonNumber = number | "nan" | "inf" | "-inf";

interface TensorFormatCase {
  class: "Tensor" | "Parameter";
  dtype: "float32" | "float64" | "int64" | "int32" | "bool";
  shape: number[];
  values: JsonNumber[];
  requires_grad: boolean;
  spec: string;
  result?: string;
  error?: [string, string];
}

const cases = (
  JSON.parse(readFileSync(new URL("../fixtures/python.json", import.meta.url), "utf8")) as {
    tensor_format: TensorFormatCase[];
  }
).tensor_format;

const decode = (v: JsonNumber): number =>
  v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v;

function build(c: TensorFormatCase): torch.Tensor {
  const values = c.values.map(decode);
  const flat = torch.tensor(c.dtype === "bool" ? values.map((v) => v !== 0) : values, {
    dtype: torch[c.dtype],
  });
  const t = flat.reshape(c.shape);
  if (c.class === "Parameter") return new torch.nn.Parameter(t);
  return c.requires_grad ? t.requires_grad_(true) : t;
}

describe('torch.format(t, spec) is Python\'s f"{t:spec}"', () => {
  it("has the fixture cases", () => expect(cases.length).toBeGreaterThan(60));

  for (const c of cases) {
    const name = `${c.class}(${c.dtype}, [${c.shape.join(", ")}]) with '${c.spec}'`;
    it(name, () => {
      const t = build(c);
      if (c.result !== undefined) expect(torch.format(t, c.spec)).toBe(c.result);
      else {
        const [errorClass, message] = c.error!;
        let thrown: unknown;
        try {
          torch.format(t, c.spec);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(Error);
        expect([(thrown as Error).name, (thrown as Error).message]).toEqual([errorClass, message]);
      }
    });
  }

  it("matches the template literal for the empty spec", () => {
    const t = torch.tensor(2.5);
    expect(torch.format(t)).toBe(`${t}`);
    expect(torch.format(torch.tensor([1.0, 2.0]))).toBe(`${torch.tensor([1.0, 2.0])}`);
  });

  it("refuses a spec that is not a string", () => {
    expect(() => torch.format(torch.tensor(1.0), 2 as unknown as string)).toThrow(TypeError);
  });
});
