// Module reprs print as PyTorch's (test/nn/reprs.ts; fixtures from scripts/gen_repr_fixtures.py).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPR_CASES, reprRowName } from "./reprs.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/nn_reprs.json", import.meta.url), "utf8")) as {
  reprs: Record<string, string>;
};

describe("module reprs", () => {
  it("has a PyTorch fixture for every row and unique row names", () => {
    const names = REPR_CASES.map(reprRowName);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => !(n in fixture.reprs))).toEqual([]);
    expect(Object.keys(fixture.reprs).filter((n) => !names.includes(n))).toEqual([]);
  });

  it.each(REPR_CASES.map((row) => [reprRowName(row), row] as const))("%s", (name, row) => {
    expect(String(row.ts())).toBe(fixture.reprs[name]);
  });
});
