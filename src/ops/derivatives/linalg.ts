// Derivative rows for linalg ops.
import { row } from "./row.js";

export const LINALG_DERIVATIVES = {} satisfies Record<string, ReturnType<typeof row>>;
