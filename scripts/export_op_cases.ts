// Writes each op table's rows (name, Python expression, input specs) as JSON for gen_fixtures.py:
// `tsx scripts/export_op_cases.ts OUT_DIR [table ...]` writes OUT_DIR/<table>.json (only the named tables, if any).
import { mkdirSync, writeFileSync } from "node:fs";
import { OP_TABLES } from "../test/ops/op_table.js";

const [outDir, ...wanted] = process.argv.slice(2);
if (outDir === undefined) throw new Error("usage: export_op_cases.ts OUT_DIR [table ...]");
const unknown = wanted.filter((t) => !(t in OP_TABLES));
if (unknown.length > 0)
  throw new Error(`no op table ${unknown.join(", ")}; tables: ${Object.keys(OP_TABLES).join(", ")}`);
mkdirSync(outDir, { recursive: true });
for (const [table, rows] of Object.entries(OP_TABLES)) {
  if (wanted.length > 0 && !wanted.includes(table)) continue;
  const json = rows.map(({ name, py, inputs }) => ({ name, py, inputs }));
  writeFileSync(`${outDir}/${table}.json`, JSON.stringify(json, null, 1));
}
