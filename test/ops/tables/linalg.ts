// Op table rows: linalg ops.
import { type OpCase } from "../op_case.js";

export const LINALG_OPS: OpCase[] = [];
