// Writes the subscript cases (test/ops/tables/subscript.ts) as JSON for gen_subscript_fixtures.py:
// `tsx scripts/export_subscript_cases.ts OUT.json`.
import { writeFileSync } from "node:fs";
import { SUBSCRIPT_CASES } from "../test/ops/tables/subscript.js";

const [out] = process.argv.slice(2);
if (out === undefined) throw new Error("usage: export_subscript_cases.ts OUT.json");
const json = SUBSCRIPT_CASES.map(({ name, kind, py, inputs }) => ({ name, kind, py, inputs }));
writeFileSync(out, JSON.stringify(json, null, 1));
