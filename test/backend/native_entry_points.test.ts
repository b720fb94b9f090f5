// The native boundary is declared once: the table (src/backend/native/entry_points.ts), the header generated
// from it (native/entry_points.h) and the built addon must agree on every entry point and op code, and
// loadAddon must refuse a build that doesn't.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { OP_CODES, opCode, staleness } from "../../src/backend/native/addon.js";
import { ENTRY_POINTS, OP_GROUPS } from "../../src/backend/native/entry_points.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const addonFile = `${root}build/Release/tensorgrad_native.node`;
const built = existsSync(addonFile);
const header = readFileSync(`${root}native/entry_points.h`, "utf8");
const tableSignatures = Object.fromEntries(
  Object.entries(ENTRY_POINTS).map(([name, { args }]) => [name, args.join(",")]),
);

describe("native entry point table", () => {
  it("native/entry_points.h is what scripts/gen_native.ts writes from the table", () => {
    const r = spawnSync(
      process.execPath,
      [`${root}node_modules/tsx/dist/cli.mjs`, "scripts/gen_native.ts", "--check"],
      { cwd: root, encoding: "utf8" },
    );
    expect(r.stderr + r.stdout).toBe("");
    expect(r.status).toBe(0);
  });

  it("the header's op-code enums list each group's ops in the table's order", () => {
    for (const { cPrefix, ops } of Object.values(OP_GROUPS)) {
      const names = [...ops.map((op) => `${cPrefix}_${op.toUpperCase()}`), `${cPrefix}_COUNT`];
      expect(header).toContain(`enum { ${names.join(", ")} };`);
    }
  });

  it("the header registers every entry point of the table, with the table's argument list", () => {
    const registered = [...header.matchAll(/^ {2}X\((\w+), \w+, \w+Args, \w+_spec\) \\$/gm)].map((m) => m[1]);
    expect(registered).toEqual(Object.keys(ENTRY_POINTS));
    for (const signature of Object.values(tableSignatures)) expect(header).toContain(`"${signature}"`);
  });

  it("op codes are each op's index in its group; opCode knows only the group's own ops", () => {
    expect(OP_CODES.unary).toEqual({
      neg: 0,
      relu: 1,
      exp: 2,
      log: 3,
      sigmoid: 4,
      tanh: 5,
      copy: 6,
      abs: 7,
      gelu: 8,
      pow: 9,
    });
    expect(OP_CODES.binary).toEqual({ add: 0, sub: 1, mul: 2, div: 3 });
    expect(OP_CODES.reduceRows).toEqual({ max: 0, min: 1, argmax: 2, argmin: 3 });
    expect(opCode("binary", "div")).toBe(3);
    expect(opCode("binary", "pow")).toBeUndefined();
    expect(opCode("unary", "toString")).toBeUndefined();
  });

  it("loadAddon's staleness check names what a stale build lacks or changed", () => {
    const fake = (): Record<string, unknown> => ({
      ...Object.fromEntries(Object.keys(ENTRY_POINTS).map((name) => [name, () => {}])),
      signatures: { ...tableSignatures },
      opCodes: structuredClone(OP_CODES),
    });
    expect(staleness(fake())).toBeUndefined();
    const missing = fake();
    delete missing.softmax;
    expect(staleness(missing)).toMatch(/no entry point 'softmax'/);
    const reordered = fake();
    (reordered.signatures as Record<string, string>).sumIter = "x:floats,offset:int";
    expect(staleness(reordered)).toMatch(/sumIter\(x:floats,offset:int\) differs/);
    const renumbered = fake();
    (renumbered.opCodes as { unary: Record<string, number> }).unary.copy = 5;
    expect(staleness(renumbered)).toMatch(/its unary op codes .* differ/);
  });
});

describe.skipIf(!built)("the built addon matches the table", () => {
  const addon = built ? (createRequire(import.meta.url)(addonFile) as Record<string, unknown>) : {};

  it("exports the table's op codes", () => {
    expect(addon.opCodes).toEqual(OP_CODES);
  });

  it("exports exactly the table's entry points, each with the table's argument list", () => {
    const functions = Object.getOwnPropertyNames(addon).filter((name) => typeof addon[name] === "function");
    expect(functions.sort()).toEqual(Object.keys(ENTRY_POINTS).sort());
    expect(addon.signatures).toEqual(tableSignatures);
    expect(staleness(addon)).toBeUndefined();
  });
});
