// Writes the op table's rows (name, Python expression, input specs) as JSON for gen_fixtures.py.
import { writeFileSync } from "node:fs";
import { OP_TABLE } from "../test/ops/op_table.js";

const rows = OP_TABLE.map(({ name, py, inputs }) => ({ name, py, inputs }));
writeFileSync(process.argv[2] ?? "/dev/stdout", JSON.stringify(rows, null, 1));
