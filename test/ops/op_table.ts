// The op table: one row per op sample drives the forward check against PyTorch fixtures, the
// gradient check against PyTorch's gradients, the grad_fn name and a float64 finite-difference
// gradcheck, on every backend (test/ops/ops.test.ts). `py` is the same call in Python, evaluated by
// scripts/gen_fixtures.py with the inputs bound to a, b, c. Add a row, then `npm run fixtures -- <table>`.
import type { OpCase } from "./op_case.js";
import { ARITHMETIC_OPS } from "./tables/arithmetic.js";
import { INDEXING_OPS } from "./tables/indexing.js";
import { LINALG_OPS } from "./tables/linalg.js";
import { REDUCE_OPS } from "./tables/reduce.js";
import { SHAPE_OPS } from "./tables/shape.js";
import { UNARY_OPS } from "./tables/unary.js";

export type { OpCase } from "./op_case.js";

/** Each table's rows; its fixtures live in test/fixtures/ops/<table>.json. */
export const OP_TABLES: Record<string, OpCase[]> = {
  arithmetic: ARITHMETIC_OPS,
  unary: UNARY_OPS,
  reduce: REDUCE_OPS,
  shape: SHAPE_OPS,
  indexing: INDEXING_OPS,
  linalg: LINALG_OPS,
};

export const OP_TABLE: OpCase[] = Object.values(OP_TABLES).flat();
