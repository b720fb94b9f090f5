// Backend selection when the native addon is registered: native becomes active on its own,
// TENSORGRAD_BACKEND=js|native chooses explicitly. Each case runs in a fresh process (tsx).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const built = existsSync(`${root}build/Release/tensorgrad_native.node`);
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
const script = [
  'import { registerNativeBackend } from "./src/backend/native/register.ts";',
  'import { availableBackends, get_backend } from "./src/backend/backend.ts";',
  'import { jsBackend } from "./src/backend/js/index.ts";',
  'import { registerBackend } from "./src/backend/backend.ts";',
  "registerBackend(jsBackend);",
  "const ok = registerNativeBackend();",
  "console.log(JSON.stringify({ ok, active: get_backend(), available: availableBackends() }));",
].join("\n");

function select(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [tsx, "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TENSORGRAD_BACKEND: "", ...env },
  });
  return {
    result: JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>,
    stderr: r.stderr,
  };
}

describe.skipIf(!built)("native backend selection", () => {
  it("is registered and made active when it loads", () => {
    expect(select({}).result).toEqual({ ok: true, active: "native", available: ["js", "native"] });
  });

  it("TENSORGRAD_BACKEND=js keeps js active with native still available", () => {
    expect(select({ TENSORGRAD_BACKEND: "js" }).result).toEqual({
      ok: true,
      active: "js",
      available: ["js", "native"],
    });
  });

  it("TENSORGRAD_BACKEND=native selects native", () => {
    expect(select({ TENSORGRAD_BACKEND: "native" }).result.active).toBe("native");
  });
});
