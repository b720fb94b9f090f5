// Warnings in tests: the setup (test/helpers/setup.ts) routes every warning to `warningSink.emit` instead of
// stderr, so `npm test` prints no expected warnings and tests assert them:
//   const warn = vi.spyOn(warningSink, "emit");   ...   expect(warn).toHaveBeenCalledWith(message, "UserWarning");
// or read `warningSink.recorded` (this test's warnings so far), or use catch_warnings from src/warnings.ts.
import type { WarningRecord } from "../../src/warnings.js";

export const warningSink = {
  /** The warnings the current test raised (cleared before each test). */
  recorded: [] as WarningRecord[],
  emit(message: string, category: string): void {
    warningSink.recorded.push({ message, category });
  },
};
