// The C kernels that moved the last TypeScript fallbacks of the training models (issue #16) to the native
// backend, bit for bit against the TypeScript kernels (-0 included; a NaN is any NaN): abs, gelu (oneDNN's float32
// kernel), pow_scalar's exact exponents, where with a bool condition, and dense and strided copies of float and
// int64 data. Inputs cover every float exponent, both signs, subnormals, zeros, infinities and NaN.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Backend, StridedArray, UnaryOp } from "../../src/backend/backend.js";
import * as jsGradKernels from "../../src/backend/js/grad_kernels.js";
import { jsBackend } from "../../src/backend/js/index.js";
import { loadAddon } from "../../src/backend/native/addon.js";
import { createNativeBackend } from "../../src/backend/native/index.js";
import { bool, float32, float64, int64, type DType } from "../../src/tensor/dtype.js";
import { contiguousStrides } from "../../src/tensor/shape.js";

const built = existsSync(new URL("../../build/Release/tensorgrad_native.node", import.meta.url));
if (!built) console.warn("native_elementwise: addon not built; skipping (npm rebuild tensorgrad)");

function native(): Backend {
  const loaded = loadAddon();
  if (!("addon" in loaded)) throw new Error(loaded.error);
  return createNativeBackend(loaded.addon);
}

/** n floats of random bit patterns (every exponent), then the specials. */
function values(n: number, dtype: DType): Float32Array | Float64Array {
  const words = new Uint32Array(dtype === float32 ? n : 2 * n);
  let s = 987654321;
  for (let i = 0; i < words.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    words[i] = (s * 2 + (i & 1)) >>> 0;
  }
  const out = dtype === float32 ? new Float32Array(words.buffer) : new Float64Array(words.buffer);
  const specials = [
    0,
    -0,
    1,
    -1,
    0.5,
    -3,
    1e-40,
    -1e-40,
    1e-45,
    88.7,
    -88.7,
    10,
    -10,
    Infinity,
    -Infinity,
    NaN,
  ];
  specials.forEach((v, i) => (out[i] = v));
  // Half the rest in [-8, 8), where gelu's polynomial and exp matter most.
  for (let i = specials.length; i < n; i += 2) out[i] = ((i * 7919) % 16000) / 1000 - 8;
  return out;
}

const view = (
  data: Float32Array | Float64Array,
  shape: number[],
  dtype: DType,
  strides = contiguousStrides(shape),
  offset = 0,
): StridedArray => ({ data, shape, strides, offset, dtype });

function sameBits(
  a: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number },
  b: typeof a,
): void {
  expect(a.length).toBe(b.length);
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  const size = a.byteLength / a.length;
  for (let i = 0; i < x.length; i++)
    if (x[i] !== y[i]) {
      const k = Math.floor(i / size);
      // A NaN's payload and sign are V8's business (it may quiet or canonicalize a NaN it loads): any NaN.
      if (Number.isNaN(a[k]) && Number.isNaN(b[k])) continue;
      expect([k, a[k]]).toEqual([k, b[k]]);
      expect(`element ${k}: bits differ`).toBe("");
    }
}

type Arr = Float32Array | Float64Array;

describe.skipIf(!built)(
  "the native kernels of issue 16's fallbacks match the TypeScript kernels bit for bit",
  () => {
    const nb = built ? native() : jsBackend;
    const cases: [UnaryOp, number[], DType[]][] = [
      ["abs", [], [float32, float64]],
      ["exp", [], [float64]],
      ["log", [], [float64]],
      ["tanh", [], [float64]],
      ["sigmoid", [], [float64]],
      ["gelu", [], [float32, float64]],
      ...[0, 1, 2, 3, 0.5, -0.5, -1, -2].map((e): [UnaryOp, number[], DType[]] => [
        "pow_scalar",
        [e],
        [float32, float64],
      ]),
    ];
    it.each(cases)("unary %s %j: contiguous, offset, transposed", (op, params, dtypes) => {
      for (const dtype of dtypes) {
        const data = values(200_001, dtype);
        const views = [
          view(data, [200_000], dtype),
          view(data, [199_999], dtype, [1], 2),
          view(data, [400, 500], dtype, [1, 400], 1),
        ];
        for (const x of views) {
          // gelu: oneDNN's kernel only on contiguous inputs, as PyTorch; the transposed view stays in TypeScript.
          const got = nb.unary(op, x, dtype, dtype, params) as Arr;
          const want = jsBackend.unary(op, x, dtype, dtype, params) as Arr;
          sameBits(got, want);
        }
      }
    });

    it("softmax and log_softmax float64: along the last dim and others, rows of every lane remainder", () => {
      for (const [outer, dimSize, inner] of [
        [50, 10, 1],
        [7, 13, 1],
        [3, 3, 1],
        [20, 1, 1],
        [4, 7, 9],
        [2, 5, 4],
        [3, 6, 3],
      ]) {
        const n = outer * dimSize * inner;
        const data = values(n + 1, float64);
        // Mostly moderate logits (a row of random bit patterns is all NaN or infinite after the max).
        for (let i = 16; i < data.length; i++) if (i % 5 !== 0) data[i] = ((i * 7919) % 4001) / 100 - 20;
        const shape = inner === 1 ? [outer, dimSize] : [outer, dimSize, inner];
        for (const x of [view(data, shape, float64), view(data, shape, float64, contiguousStrides(shape), 1)])
          for (const log of [false, true])
            sameBits(nb.softmax!(x, 1, log) as Arr, jsBackend.softmax!(x, 1, log) as Arr);
      }
    });

    it("softmax backward float64 (log_softmax's stays in TypeScript): last dim and others", () => {
      for (const [outer, dimSize, inner] of [
        [40, 10, 1],
        [100, 3, 1],
        [8, 7, 9],
        [20, 5, 4],
      ]) {
        // At least CUTOVER.gradKernel (256) elements, so the native backend takes them.
        const n = outer * dimSize * inner;
        const g = values(n, float64);
        const y = values(n + 2, float64);
        for (let i = 16; i < n; i++) g[i] = ((i * 31) % 2001) / 1000 - 1;
        for (let i = 16; i < n + 2; i++) y[i] = ((i * 7919) % 1000) / 1000;
        const shape = inner === 1 ? [outer, dimSize] : [outer, dimSize, inner];
        const gv = view(g, shape, float64);
        const yv = view(y, shape, float64, contiguousStrides(shape), 2);
        sameBits(
          nb.softmaxBackward!(gv, yv, 1, false) as Arr,
          jsGradKernels.softmaxBackward(gv, yv, 1, false) as Arr,
        );
      }
    });

    it("gelu backward: float32 (oneDNN's derivative) and float64 (GeluBackwardKernel's blocks)", () => {
      for (const dtype of [float32, float64])
        for (const n of [100_000, 1001, 300]) {
          const x = view(values(n + 1, dtype), [n], dtype, [1], 1);
          const g = view(values(n, dtype), [n], dtype);
          sameBits(nb.geluBackward!(g, x) as Arr, jsGradKernels.geluBackward(g, x) as Arr);
        }
    });

    it("copy: dense and strided float32, float64 and int64", () => {
      for (const dtype of [float32, float64, int64]) {
        const data =
          dtype === int64
            ? Float64Array.from({ length: 60_001 }, (_, i) => ((i * 7919) % 100_003) - 5000)
            : values(60_001, dtype);
        for (const x of [
          view(data, [60_000], dtype, [1], 1),
          view(data, [200, 300], dtype, [1, 200]),
          view(data, [300, 2, 100], dtype, [100, 0, 1]),
        ]) {
          sameBits(nb.copy(x, dtype) as Arr, jsBackend.copy(x, dtype) as Arr);
        }
      }
    });

    it("where with a bool condition: broadcast and strided operands", () => {
      for (const dtype of [float32, float64]) {
        const cond = Uint8Array.from({ length: 6000 }, (_, i) => ((i * 31) % 7 < 3 ? 1 : 0));
        const a = values(6000, dtype);
        const b = values(6001, dtype).subarray(1);
        const shape = [60, 100];
        const c = { data: cond, shape, strides: [100, 1], offset: 0, dtype: bool };
        const ct = { data: cond, shape, strides: [1, 60], offset: 0, dtype: bool };
        for (const [cv, av, bv] of [
          [c, view(a, shape, dtype), view(b, shape, dtype)],
          [ct, view(a, shape, dtype, [1, 60]), view(b, shape, dtype, [0, 1], 7)],
          [c, view(a, shape, dtype, [0, 0], 5), view(b, shape, dtype, [1, 0])],
        ] as [StridedArray, StridedArray, StridedArray][])
          sameBits(nb.where(cv, av, bv, dtype) as Arr, jsBackend.where(cv, av, bv, dtype) as Arr);
      }
    });
  },
);
