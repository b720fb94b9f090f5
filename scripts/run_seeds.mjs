// Runs every seed tutorial in examples/seeds/ (files named NNN_*.ts) in order, printing a header for each.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const dir = new URL("../examples/seeds/", import.meta.url);
const scripts = readdirSync(dir)
  .filter((f) => /^\d{3}_.*\.ts$/.test(f))
  .sort();
let failed = 0;
for (const file of scripts) {
  console.log(`\n===== examples/seeds/${file} =====\n`);
  const run = spawnSync("npx", ["tsx", `examples/seeds/${file}`], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
