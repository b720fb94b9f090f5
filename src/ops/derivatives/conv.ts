// Derivative rows for conv.
import { row } from "./row.js";

export const CONV_DERIVATIVES = {} satisfies Record<string, ReturnType<typeof row>>;
