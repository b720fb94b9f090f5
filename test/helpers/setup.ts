// Vitest setup for every test file: warnings go to warningSink (test/helpers/warnings.ts), not to stderr.
import { afterAll, beforeEach } from "vitest";
import { pushWarningSink } from "../../src/warnings.js";
import { warningSink } from "./warnings.js";

const stop = pushWarningSink((w) => warningSink.emit(w.message, w.category));
beforeEach(() => {
  warningSink.recorded = [];
});
afterAll(stop);
