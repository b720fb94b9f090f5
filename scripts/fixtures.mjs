// `npm run fixtures [-- table ...]`: exports the op tables (all, or the named ones) and runs them in
// real PyTorch (/usr/bin/python3 with python3-torch), writing test/fixtures/ops/<table>.json.
import { spawnSync } from "node:child_process";

const tables = process.argv.slice(2);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run("npx", ["tsx", "scripts/export_op_cases.ts", ...tables]);
run("/usr/bin/python3", ["scripts/gen_fixtures.py", "build/op_cases", "test/fixtures/ops", ...tables]);
