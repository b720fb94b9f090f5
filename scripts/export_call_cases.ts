// Writes the signature walk's calls (test/signatures/calls.ts) for gen_call_fixtures.py: build/calls/cases.json.
import { mkdirSync, writeFileSync } from "node:fs";
import "../src/register.js";
import { allCases, SAMPLE_TENSORS } from "../test/signatures/calls.js";

mkdirSync("build/calls", { recursive: true });
writeFileSync("build/calls/cases.json", JSON.stringify({ samples: SAMPLE_TENSORS, cases: allCases() }));
