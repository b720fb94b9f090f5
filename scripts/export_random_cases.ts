// Writes the random and creation cases (test/ops/random_cases.ts) as JSON for gen_random_fixtures.py:
// `tsx scripts/export_random_cases.ts OUT.json`.
import { writeFileSync } from "node:fs";
import { RANDOM_CASES } from "../test/ops/random_cases.js";

const [out] = process.argv.slice(2);
if (out === undefined) throw new Error("usage: export_random_cases.ts OUT.json");
writeFileSync(
  out,
  JSON.stringify(
    RANDOM_CASES.map(({ name, py, seed }) => ({ name, py, seed })),
    null,
    1,
  ),
);
