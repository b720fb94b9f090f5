// Writes the error tables' Python side (each table's setup and rows' name and py) as JSON for
// gen_error_fixtures.py: `tsx scripts/export_error_cases.ts OUT.json [table ...]`.
import { writeFileSync } from "node:fs";
import { rowName } from "../test/errors/error_table.js";
import { ERROR_TABLES } from "../test/errors/index.js";

const [out, ...wanted] = process.argv.slice(2);
if (out === undefined) throw new Error("usage: export_error_cases.ts OUT.json [table ...]");
const unknown = wanted.filter((t) => !(t in ERROR_TABLES));
if (unknown.length > 0)
  throw new Error(`no error table ${unknown.join(", ")}; tables: ${Object.keys(ERROR_TABLES).join(", ")}`);
const tables = Object.fromEntries(
  Object.entries(ERROR_TABLES)
    .filter(([name]) => wanted.length === 0 || wanted.includes(name))
    .map(([name, { setup, rows }]) => [
      name,
      { setup, rows: rows.map((row) => ({ name: rowName(row), py: row.py })) },
    ]),
);
writeFileSync(out, JSON.stringify({ all: wanted.length === 0, tables }, null, 1));
