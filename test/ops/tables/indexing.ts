// Op table rows: indexing ops.
import { type OpCase } from "../op_case.js";

export const INDEXING_OPS: OpCase[] = [];
