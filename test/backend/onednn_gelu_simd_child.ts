// Child process for onednn_gelu_simd.test.ts: runs the native float32 gelu and gelu backward over the sampled
// bit patterns under the TENSORGRAD_GELU_ISA cap it was started with (read once per process) and prints their
// raw output bytes' FNV-1a hashes as one JSON line, so NaN payloads count too.
import { loadAddon } from "../../src/backend/native/addon.js";
import { createNativeBackend } from "../../src/backend/native/index.js";
import { float32 } from "../../src/tensor/dtype.js";
import { geluSamples } from "./onednn_gelu_simd_samples.js";

const loaded = loadAddon();
if (!("addon" in loaded)) {
  console.log(JSON.stringify({ unavailable: loaded.error }));
  process.exit(0);
}
const nb = createNativeBackend(loaded.addon);
function fnv(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h.toString(16);
}
const out: Record<string, string> = {};
for (const [name, x, g] of geluSamples()) {
  const xs = { data: x, shape: [x.length], strides: [1], offset: 0, dtype: float32 };
  const gs = { data: g, shape: [g.length], strides: [1], offset: 0, dtype: float32 };
  out[`forward ${name}`] = fnv(nb.unary("gelu", xs, float32, float32, []) as Float32Array);
  out[`backward ${name}`] = fnv(nb.geluBackward!(gs, xs) as Float32Array);
}
console.log(JSON.stringify(out));
