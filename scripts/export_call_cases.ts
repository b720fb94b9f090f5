// Writes the signature walk's calls (test/signatures/calls.ts) for gen_call_fixtures.py:
// `tsx scripts/export_call_cases.ts OUT.json`.
import { writeFileSync } from "node:fs";
import "../src/register.js";
import { allCases, SAMPLE_TENSORS } from "../test/signatures/calls.js";

const out = process.argv[2];
if (out === undefined) throw new Error("usage: export_call_cases.ts OUT.json");
writeFileSync(out, JSON.stringify({ samples: SAMPLE_TENSORS, cases: allCases() }));
