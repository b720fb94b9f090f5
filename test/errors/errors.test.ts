// Runs every row of the error tables (test/errors/<table>.ts) on every backend: the call must raise exactly
// the class and message PyTorch 1.13 raised for the same call (test/fixtures/errors/<table>.json, written by
// `npm run fixtures -- errors`).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { rowName, type ErrorCase } from "./error_table.js";
import { ERROR_TABLES } from "./index.js";
import { warningSink } from "../helpers/warnings.js";
import { onBackend } from "../helpers/backends.js";

interface Raised {
  error: string;
  message: string;
}

function fixturesOf(table: string): Record<string, Raised> {
  const file = new URL(`../fixtures/errors/${table}.json`, import.meta.url);
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { errors: Record<string, Raised> }).errors
    : {};
}

/** What the row raises in tensorgrad, from the same starting state as gen_error_fixtures.py's. */
function raised(row: ErrorCase): Raised | string {
  torch.manual_seed(0);
  torch.set_grad_enabled(true);
  torch.autograd.set_detect_anomaly(false);
  // Warnings are ignored, as gen_error_fixtures.py ignores them.
  const quiet = vi.spyOn(warningSink, "emit").mockImplementation(() => {});
  try {
    row.ts();
  } catch (e) {
    if (!(e instanceof Error)) return `threw a non-Error: ${String(e)}`;
    return { error: e.name, message: e.message };
  } finally {
    quiet.mockRestore();
  }
  return "did not raise";
}

describe.each(availableBackends())("PyTorch's errors on the %s backend", (backendName) => {
  onBackend(backendName);

  describe.each(Object.entries(ERROR_TABLES))("%s", (table, { rows }) => {
    const fixtures = fixturesOf(table);

    it("has a PyTorch fixture for every row, unique names and no stale fixtures (`npm run fixtures -- errors`)", () => {
      const names = rows.map(rowName);
      expect(names.filter((n) => !(n in fixtures))).toEqual([]);
      expect(Object.keys(fixtures).filter((n) => !names.includes(n))).toEqual([]);
      expect(new Set(names).size).toBe(names.length);
    });

    it.each(rows.map((r) => [rowName(r), r] as const))("%s", (name, row) => {
      const expected = fixtures[name];
      if (expected === undefined) return;
      expect(raised(row)).toEqual(expected);
    });
  });
});
