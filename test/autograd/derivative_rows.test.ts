// Every row of the derivatives table (src/ops/derivatives/) is written in derivatives.yaml's form: each
// differentiable input's formula with its text, which torch.autograd.explain prints.
import { describe, expect, it } from "vitest";
import "../../src/index.js";
import { allFormulas } from "../../src/autograd/formulas.js";

describe("derivatives table", () => {
  const rows = [...allFormulas()];

  it("is loaded", () => {
    expect(rows.length).toBeGreaterThan(100);
  });

  it.each(rows)("%s gives every formula its text", (_name, row) => {
    expect(row.formulas.length, "a row with no formula").toBeGreaterThan(0);
    for (const f of row.formulas) {
      expect(f.text.trim(), `formula for ${f.inputs.map((i) => row.inputNames[i]).join(", ")}`).not.toBe("");
      for (const i of f.inputs) expect(row.inputNames[i]).toMatch(/^\w+$/);
    }
  });
});
