// Types of bench/models.mjs for the TypeScript that imports it (test/backend/dispatch.test.ts).
import type * as tensorgrad from "../src/index.js";

/** A factory per training workload: builds the model, data and optimizer, returns one training step. */
export function trainingModels(torch: typeof tensorgrad): Record<"w4" | "w6" | "w7" | "w8", () => () => void>;
