// Runs a describe block's tests on one backend. On the native backend every size cutover is set to 0: test
// tensors are small, and without this the native backend would hand them all to the TypeScript kernels.
import { afterAll, beforeAll } from "vitest";
import { get_backend, set_backend } from "../../src/backend/backend.js";
import { CUTOVER } from "../../src/backend/native/index.js";

/** Call inside a describe block: its tests run on `name`, with the native cutovers at 0; both are restored. */
export function onBackend(name: string): void {
  const cutovers = { ...CUTOVER };
  let previous = get_backend();
  beforeAll(() => {
    previous = get_backend();
    set_backend(name);
    if (name === "native")
      for (const key of Object.keys(CUTOVER) as (keyof typeof CUTOVER)[]) CUTOVER[key] = 0;
  });
  afterAll(() => {
    Object.assign(CUTOVER, cutovers);
    set_backend(previous);
  });
}
