// `npx tsx bench/cutover.ts`: times each native kernel against the TypeScript one across sizes, to choose
// src/backend/native/index.ts's CUTOVER (below it, calls stay in TypeScript). Prints µs per call and the
// smallest size from which C wins at every larger size measured.
import type { Backend, StridedArray } from "../src/backend/backend.js";
import * as jsGrad from "../src/backend/js/grad_kernels.js";
import { jsBackend } from "../src/backend/js/index.js";
import { loadAddon } from "../src/backend/native/addon.js";
import { CUTOVER, createNativeBackend } from "../src/backend/native/index.js";
import { float32 } from "../src/tensor/dtype.js";

const loaded = loadAddon();
if (!("addon" in loaded)) {
  console.log(`native addon unavailable: ${loaded.error}`);
  process.exit(0);
}
for (const key of Object.keys(CUTOVER) as (keyof typeof CUTOVER)[]) CUTOVER[key] = 0;
const native: Backend = createNativeBackend(loaded.addon);

const dense = (shape: number[]): StridedArray => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n).map((_, i) => Math.sin(i) * 2);
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  return { data, shape, strides, offset: 0, dtype: float32 };
};

/** Median µs of fn over enough calls to take ~20 ms. */
function time(fn: () => void): number {
  for (let i = 0; i < 20; i++) fn();
  const samples: number[] = [];
  const until = performance.now() + 20;
  while (performance.now() < until || samples.length < 5) {
    const t = performance.now();
    fn();
    samples.push((performance.now() - t) * 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

type Case = [name: string, cutoverKey: keyof typeof CUTOVER, run: (b: Backend, x: StridedArray) => unknown];
const cases: Case[] = [
  ["neg", "unary", (b, x) => b.unary("neg", x, float32, float32)],
  ["exp", "transcendental", (b, x) => b.unary("exp", x, float32, float32)],
  ["sigmoid", "transcendental", (b, x) => b.unary("sigmoid", x, float32, float32)],
  ["add", "binary", (b, x) => b.binary("add", x, x, float32, float32)],
  ["mul", "binary", (b, x) => b.binary("mul", x, x, float32, float32)],
  ["sum", "sum", (b, x) => b.reduce("sum", x, [0], float32)],
  ["max", "reduce", (b, x) => b.reduce("max", x, [0], float32)],
  ["softmax", "softmax", (b, x) => b.softmax!(x, 0, false)],
  [
    "threshold_backward",
    "gradKernel",
    (b, x) => (b === jsBackend ? jsGrad.thresholdBackward(x, x, 0) : b.thresholdBackward!(x, x, 0)),
  ],
];
const sizes = [4, 16, 64, 256, 1024, 4096, 16384];
console.log(`| kernel | ${sizes.map((n) => `n = ${n}`).join(" | ")} | C wins from |`);
console.log(`| --- | ${sizes.map(() => "---").join(" | ")} | --- |`);
for (const [name, key, run] of cases) {
  const cells: string[] = [];
  const wins: boolean[] = [];
  for (const n of sizes) {
    const x = dense([n]);
    const js = time(() => run(jsBackend, x));
    const c = time(() => run(native, x));
    wins.push(c < js);
    cells.push(`${js.toFixed(2)} / ${c.toFixed(2)}`);
  }
  let from = sizes.length;
  while (from > 0 && wins[from - 1]) from--;
  console.log(`| ${name} (${key}) | ${cells.join(" | ")} | ${from < sizes.length ? sizes[from] : "never"} |`);
}
console.log("\ncells: µs per call, TypeScript / C (median)");
