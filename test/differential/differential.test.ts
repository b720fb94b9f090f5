// The differential test: thousands of random programs over the public API (test/differential/generate.ts),
// recorded in PyTorch 1.13 (scripts/gen_differential_fixtures.py, committed under
// test/fixtures/differential/), replayed here on every backend and compared statement by statement: reprs,
// format() strings, errors (class and message), grad_fn names, flags and float bits (docs/differential.md).
// Known differences are listed in known.ts with their triage category: a to-do list, not a licence.
import { afterAll, describe, expect, it } from "vitest";
import ts from "typescript";
import { availableBackends, get_backend, set_backend } from "../../src/backend/backend.js";
import { toPython, toTypeScript } from "./emit.js";
import { KNOWN } from "./known.js";
import { formatDiff, loadPrograms, replay } from "./replay.js";

const programs = loadPrograms();
const initial = get_backend();
/** known difference id -> programs it matched, over every backend */
const matched = new Map<string, number>();

afterAll(() => set_backend(initial));

describe("differential programs against PyTorch 1.13", () => {
  it("has at least 3,000 recorded programs (npm run fixtures -- differential)", () => {
    expect(programs.length).toBeGreaterThanOrEqual(3000);
  });

  it.each(availableBackends())(
    "replays every program on the %s backend as PyTorch ran it",
    (backend) => {
      set_backend(backend);
      const unexpected: string[] = [];
      for (const p of programs) {
        const { diffs, known } = replay(p, backend);
        if (diffs.length === 0) continue;
        if (known !== null) matched.set(known.id, (matched.get(known.id) ?? 0) + 1);
        else unexpected.push(formatDiff(p, diffs[0]).slice(0, 600));
      }
      // `npx tsx test/differential/cli.ts show ID` prints a program as Python and TypeScript, with its differences
      expect(unexpected.slice(0, 20), `${unexpected.length} programs differ from PyTorch`).toEqual([]);
    },
    120_000,
  );

  it("emits programs as TypeScript that parses and Python that names no JS value", () => {
    const bad: string[] = [];
    for (const p of programs.filter((x) => x.id % 10 === 0)) {
      const out = ts.transpileModule(toTypeScript(p, p.r), { reportDiagnostics: true });
      if ((out.diagnostics ?? []).length > 0)
        bad.push(`#${p.id} TypeScript: ${String(out.diagnostics![0].messageText)}`);
      const py = toPython(p, p.r);
      if (/\b(NaN|Infinity|undefined|null|true|false)\b|\d\.\d+\.\d/.test(py.replace(/"[^"]*"/g, "")))
        bad.push(`#${p.id} Python: ${py}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("lists only known differences that still occur", () => {
    expect(KNOWN.filter((k) => !matched.has(k.id)).map((k) => k.id)).toEqual([]);
  });
});
