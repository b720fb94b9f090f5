// Writes the module repr table's Python side (each row's name and py) as JSON for gen_repr_fixtures.py:
// `tsx scripts/export_repr_cases.ts OUT.json`.
import { writeFileSync } from "node:fs";
import { REPR_CASES, reprRowName } from "../test/nn/reprs.js";

const [out] = process.argv.slice(2);
if (out === undefined) throw new Error("usage: export_repr_cases.ts OUT.json");
writeFileSync(
  out,
  JSON.stringify(
    REPR_CASES.map((row) => ({ name: reprRowName(row), py: row.py })),
    null,
    1,
  ),
);
