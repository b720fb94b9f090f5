// Derivative rows for losses.
import { row } from "./row.js";

export const LOSSES_DERIVATIVES = {} satisfies Record<string, ReturnType<typeof row>>;
