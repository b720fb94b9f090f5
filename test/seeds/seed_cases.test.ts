// Every section of the five seed notebooks (test/seeds/seed_cases.json, recorded with real PyTorch 1.13),
// ported line for line in test/seeds/cases/, must print exactly what PyTorch printed.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as torch from "../../src/index.js";
import { seed000Cases } from "./cases/seed000.js";
import { seed001Cases } from "./cases/seed001.js";
import { seed002Cases } from "./cases/seed002.js";
import { seed003Cases } from "./cases/seed003.js";
import { seed004Cases } from "./cases/seed004.js";
import { diffOutputs, type RefCase } from "./compare_outputs.js";
import { Recorder } from "./recorder.js";
import { warningSink } from "../helpers/warnings.js";

const reference = JSON.parse(
  readFileSync(new URL("./seed_cases.json", import.meta.url), "utf8"),
) as RefCase[];

const ports: Record<string, (rec: Recorder) => void> = {
  ...seed000Cases,
  ...seed001Cases,
  ...seed002Cases,
  ...seed003Cases,
  ...seed004Cases,
};

/** Runs a port with its warnings captured, as Python's warnings are. */
function record(port: (rec: Recorder) => void): Recorder {
  const rec = new Recorder();
  vi.spyOn(warningSink, "emit").mockImplementation((message, category) => rec.warning(message, category));
  port(rec);
  return rec;
}

afterEach(() => {
  vi.restoreAllMocks();
  torch.set_grad_enabled(true);
});

describe("seed notebooks: every case of seed_cases.json", () => {
  it("has 47 cases, and no port without a case", () => {
    expect(reference).toHaveLength(47);
    const ids = new Set(reference.map((c) => c.id));
    expect(Object.keys(ports).filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const refCase of reference) {
    it(`${refCase.id}: ${refCase.title}`, () => {
      const port = ports[refCase.id];
      expect(port, `no TypeScript port of case ${refCase.id}`).toBeDefined();
      const rec = record(port);
      expect(diffOutputs(refCase.outputs, rec.outputs)).toEqual([]);
      expect(rec.outputs).toHaveLength(refCase.outputs.length);
    });
  }
});

describe("the seed-case comparison itself", () => {
  const refCase = reference.find((c) => c.id === "002_sin_square_x3")!;
  const recorded = (): Recorder => record(ports[refCase.id]);

  it("flags a changed text, a value off by more than a few ulps, and a missing or extra output", () => {
    const text = recorded();
    text.outputs[0] = { ...text.outputs[0], text: "tensor(3.)" };
    expect(diffOutputs(refCase.outputs, text.outputs)).toHaveLength(1);

    const value = recorded();
    const index = value.outputs.findIndex((o) => o.kind === "values");
    value.outputs[index] = { ...value.outputs[index], values: 3 * (1 + 2 ** -20) };
    expect(diffOutputs(refCase.outputs, value.outputs)).toHaveLength(1);

    const nearby = recorded();
    nearby.outputs[index] = { ...nearby.outputs[index], values: 3 * (1 + 2 ** -23) };
    expect(diffOutputs(refCase.outputs, nearby.outputs)).toEqual([]);

    expect(diffOutputs(refCase.outputs, recorded().outputs.slice(1))).not.toEqual([]);
    expect(diffOutputs(refCase.outputs.slice(0, -1), recorded().outputs)).toHaveLength(1);
  });

  it("flags a warning that was not emitted or has another message", () => {
    const rec = recorded();
    const warningAt = rec.outputs.findIndex((o) => o.kind === "warning");
    expect(warningAt).toBeGreaterThan(0);
    const changed = [...rec.outputs];
    changed[warningAt] = { ...changed[warningAt], text: "something else" };
    expect(diffOutputs(refCase.outputs, changed)).toHaveLength(1);
    expect(
      diffOutputs(
        refCase.outputs,
        rec.outputs.filter((o) => o.kind !== "warning"),
      ),
    ).not.toEqual([]);
  });
});
