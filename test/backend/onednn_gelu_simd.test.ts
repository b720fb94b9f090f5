// native/onednn_gelu.h's intrinsics loops (AVX-512F, AVX2 + FMA) and its scalar loop: float32 gelu and gelu
// backward bit for bit against the TypeScript oneDNN kernels (a NaN is any NaN there: V8 may canonicalize one),
// and bit for bit against each other, NaN payloads included, by running each TENSORGRAD_GELU_ISA cap (0 scalar,
// 1 AVX2, 2 AVX-512; a cap above what the CPU has runs the best it has) in a child process.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as jsGradKernels from "../../src/backend/js/grad_kernels.js";
import { jsBackend } from "../../src/backend/js/index.js";
import { loadAddon } from "../../src/backend/native/addon.js";
import { createNativeBackend } from "../../src/backend/native/index.js";
import { float32 } from "../../src/tensor/dtype.js";
import { geluSamples } from "./onednn_gelu_simd_samples.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const built = existsSync(`${root}build/Release/tensorgrad_native.node`);
if (!built) console.warn("onednn_gelu_simd: addon not built; skipping (npm rebuild tensorgrad)");
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
const child = fileURLToPath(new URL("./onednn_gelu_simd_child.ts", import.meta.url));

function sameBits(got: Float32Array, want: Float32Array, what: string): void {
  expect(got.length).toBe(want.length);
  const a = new Uint32Array(got.buffer, got.byteOffset, got.length);
  const b = new Uint32Array(want.buffer, want.byteOffset, want.length);
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i] && !(Number.isNaN(got[i]) && Number.isNaN(want[i])))
      expect(`${what} element ${i}: ${a[i].toString(16)}`).toBe(b[i].toString(16));
}

describe.skipIf(!built)("native float32 gelu (oneDNN's kernel through SIMD intrinsics)", () => {
  it("forward and backward match the TypeScript kernels on every 4099th bit pattern and the specials", () => {
    const loaded = loadAddon();
    if (!("addon" in loaded)) throw new Error(loaded.error);
    const nb = createNativeBackend(loaded.addon);
    for (const [name, x, g] of geluSamples()) {
      const xs = { data: x, shape: [x.length], strides: [1], offset: 0, dtype: float32 };
      const gs = { data: g, shape: [g.length], strides: [1], offset: 0, dtype: float32 };
      sameBits(
        nb.unary("gelu", xs, float32, float32, []) as Float32Array,
        jsBackend.unary("gelu", xs, float32, float32, []) as Float32Array,
        `forward ${name}`,
      );
      sameBits(
        nb.geluBackward!(gs, xs) as Float32Array,
        jsGradKernels.geluBackward(gs, xs) as Float32Array,
        `backward ${name}`,
      );
    }
  });

  it("the scalar, AVX2 and AVX-512 paths give the same bytes, NaN payloads included", () => {
    const hashes = ["0", "1", "2"].map((cap) => {
      const r = spawnSync(process.execPath, [tsx, child], {
        cwd: root,
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, TENSORGRAD_GELU_ISA: cap },
      });
      expect(r.status, r.stderr.slice(-500)).toBe(0);
      return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Record<string, string>;
    });
    expect(Object.keys(hashes[0]).length).toBe(2 * geluSamples().length);
    expect(hashes[1]).toEqual(hashes[0]);
    expect(hashes[2]).toEqual(hashes[0]);
  });
});
