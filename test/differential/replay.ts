// Loading the recorded programs and replaying them in tensorgrad: shared by the test and the CLI.
import { readdirSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { compareProgram, type Diff } from "./compare.js";
import { runProgram } from "./interpret.js";
import type { FixtureFile, Recorded } from "./ir.js";
import { KNOWN, type Known } from "./known.js";

export const FIXTURE_DIR = new URL("../fixtures/differential/", import.meta.url);

export function loadPrograms(): Recorded[] {
  const files = readdirSync(FIXTURE_DIR)
    .filter((f) => /^programs-\d+\.json\.gz$/.test(f))
    .sort();
  // gzipped: thousands of programs with their outcomes are ~6 MB of JSON, ~1 MB compressed
  return files.flatMap(
    (f) =>
      (JSON.parse(gunzipSync(readFileSync(new URL(f, FIXTURE_DIR))).toString("utf8")) as FixtureFile)
        .programs,
  );
}

export interface Outcome {
  program: Recorded;
  diffs: Diff[];
  /** the known difference the first one is, if any */
  known: Known | null;
}

/** Replays a program on the current backend; a crash of the interpreter itself counts as a difference. */
export function replay(p: Recorded, backend: string): Outcome {
  let diffs: Diff[];
  try {
    const { recs, session } = runProgram(p, p.r);
    diffs = compareProgram(p, recs, { vars: session.tainted, grads: session.blas, f32: session.blas32 });
  } catch (e) {
    diffs = [
      {
        stmt: -1,
        where: "interpreter",
        kind: "unexpected-error",
        expected: "",
        actual: String((e as Error)?.stack ?? e),
      },
    ];
  }
  const first = diffs[0];
  const known =
    first === undefined
      ? null
      : (KNOWN.find((k) => (k.backends === undefined || k.backends.includes(backend)) && k.match(first, p)) ??
        null);
  return { program: p, diffs, known };
}

/** One line per difference, for reports. */
export function formatDiff(p: Recorded, d: Diff): string {
  const s = p.b[d.stmt];
  const what =
    s === undefined
      ? ""
      : (s.f ??
        s.c ??
        (s.m !== undefined
          ? `.${s.m}`
          : s.attr !== undefined
            ? `.${s.attr}`
            : s.i !== undefined
              ? "[i]"
              : "literal"));
  return `#${p.id} stmt ${d.stmt} ${what} ${d.where} ${d.kind}: PyTorch ${JSON.stringify(d.expected)} / tensorgrad ${JSON.stringify(d.actual)}`;
}
