// `npm run fixtures [-- name ...]`: records what real PyTorch (/usr/bin/python3 with python3-torch) does,
// into test/fixtures/. Every generator runs unless names are given: op table names (unary, reduce, ...),
// `signatures` or `calls`.
import { spawnSync } from "node:child_process";

const wanted = process.argv.slice(2);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const want = (name) => wanted.length === 0 || wanted.includes(name);

if (want("signatures")) {
  run("npx", ["tsx", "scripts/export_signatures.ts"]);
  run("/usr/bin/python3", [
    "scripts/gen_signature_fixtures.py",
    "build/signatures/names.json",
    "test/fixtures/signatures.json",
  ]);
}
if (want("calls")) {
  run("npx", ["tsx", "scripts/export_call_cases.ts"]);
  run("/usr/bin/python3", [
    "scripts/gen_call_fixtures.py",
    "build/calls/cases.json",
    "test/fixtures/calls.json",
  ]);
}
const tables = wanted.filter((n) => n !== "signatures" && n !== "calls");
if (wanted.length === 0 || tables.length > 0) {
  run("npx", ["tsx", "scripts/export_op_cases.ts", ...tables]);
  run("/usr/bin/python3", ["scripts/gen_fixtures.py", "build/op_cases", "test/fixtures/ops", ...tables]);
}
