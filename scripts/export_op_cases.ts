// Writes each op table's rows (name, Python expression, input specs) as JSON for gen_fixtures.py:
// build/op_cases/<table>.json. With table names as arguments, only those tables.
import { mkdirSync, writeFileSync } from "node:fs";
import { OP_TABLES } from "../test/ops/op_table.js";

const wanted = process.argv.slice(2);
mkdirSync("build/op_cases", { recursive: true });
for (const [table, rows] of Object.entries(OP_TABLES)) {
  if (wanted.length > 0 && !wanted.includes(table)) continue;
  const json = rows.map(({ name, py, inputs }) => ({ name, py, inputs }));
  writeFileSync(`build/op_cases/${table}.json`, JSON.stringify(json, null, 1));
}
