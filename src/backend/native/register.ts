// Registers the native backend when its addon loads and picks the active backend: TENSORGRAD_BACKEND=js|native
// chooses explicitly; otherwise native is made active when it loads. If the addon can't load, one warning
// and tensorgrad stays on "js". Never throws: a missing addon must not break importing tensorgrad.
import { emitWarning } from "../../warnings.js";
import { registerBackend, set_backend } from "../backend.js";
import { loadAddon } from "./addon.js";
import { createNativeBackend } from "./index.js";

let warned = false;

function requestedBackend(): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.TENSORGRAD_BACKEND?.trim() || undefined;
}

function warnOnce(message: string): void {
  if (warned) return;
  warned = true;
  emitWarning(message); // at import, not on a later tick
}

/** Registers "native" if it loads and applies TENSORGRAD_BACKEND; returns whether native is available. */
export function registerNativeBackend(): boolean {
  const requested = requestedBackend();
  const loaded = loadAddon();
  const onNode = "addon" in loaded || loaded.error !== "not running on Node.js";
  if (!("addon" in loaded)) {
    if (onNode && requested !== "js")
      warnOnce(
        `tensorgrad: native backend unavailable (${loaded.error}); using the TypeScript backend ` +
          "(apt-get install libopenblas-dev && npm rebuild tensorgrad)",
      );
    return false;
  }
  registerBackend(createNativeBackend(loaded.addon));
  if (requested === "js") set_backend("js");
  else set_backend("native");
  if (requested && requested !== "js" && requested !== "native")
    warnOnce(`tensorgrad: unknown TENSORGRAD_BACKEND '${requested}' (expected js or native); using native`);
  return true;
}
