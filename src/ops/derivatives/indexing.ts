// Derivative rows for indexing ops.
import { row } from "./row.js";

export const INDEXING_DERIVATIVES = {} satisfies Record<string, ReturnType<typeof row>>;
