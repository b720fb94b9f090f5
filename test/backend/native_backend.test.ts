// The native backend against the JS backend on sizes above the cutovers: elementwise results must be
// bit-identical (same rounding), matmul close (OpenBLAS sums in its own blocked order), for contiguous,
// transposed, broadcast and sliced operands.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Backend, StridedArray } from "../../src/backend/backend.js";
import * as jsGradKernels from "../../src/backend/js/grad_kernels.js";
import { jsBackend } from "../../src/backend/js/index.js";
import { loadAddon } from "../../src/backend/native/addon.js";
import { createNativeBackend } from "../../src/backend/native/index.js";
import { float32, float64, type DType } from "../../src/tensor/dtype.js";
import { contiguousStrides } from "../../src/tensor/shape.js";

const built = existsSync(new URL("../../build/Release/tensorgrad_native.node", import.meta.url));
if (!built) console.warn("native_backend: addon not built; skipping (npm rebuild tensorgrad)");

function native(): Backend {
  const loaded = loadAddon();
  if (!("addon" in loaded)) throw new Error(loaded.error);
  return createNativeBackend(loaded.addon);
}

/** Deterministic values in [-4, 4) with a few specials. */
function values(n: number, dtype: DType): Float32Array | Float64Array {
  const out = dtype === float32 ? new Float32Array(n) : new Float64Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out[i] = (s / 2 ** 31) * 8 - 4;
  }
  out[3] = NaN;
  out[5] = -0;
  out[7] = Infinity;
  out[9] = -Infinity;
  return out;
}

function view(
  shape: number[],
  dtype: DType,
  strides = contiguousStrides(shape),
  offset = 0,
  n?: number,
): StridedArray {
  const size = n ?? shape.reduce((a, b) => a * b, 1) + offset;
  return { data: values(size, dtype), shape, strides, offset, dtype };
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, a[i]]).toEqual([i, b[i]]);
}

describe.skipIf(!built)("native backend matches the JS backend", () => {
  const nb = built ? native() : jsBackend;
  const unaryOps = ["neg", "relu", "exp", "log", "sigmoid", "tanh"] as const;

  it.each(unaryOps)("unary %s (float32: contiguous, offset, transposed) is bit-identical", (op) => {
    for (const x of [
      view([3000], float32),
      view([40, 50], float32, [50, 1], 7),
      view([50, 40], float32, [1, 50]),
    ]) {
      same(nb.unary(op, x, float32, float32), jsBackend.unary(op, x, float32, float32));
    }
  });

  it("unary neg and relu on float64 are bit-identical", () => {
    const x = view([64, 64], float64, [1, 64]);
    for (const op of ["neg", "relu"] as const)
      same(nb.unary(op, x, float64, float64), jsBackend.unary(op, x, float64, float64));
  });

  it.each(["add", "sub", "mul", "div"] as const)(
    "binary %s with broadcasting and strides is bit-identical",
    (op) => {
      for (const dtype of [float32, float64]) {
        const a = view([64, 48], dtype);
        const cases: [StridedArray, StridedArray][] = [
          [a, view([64, 48], dtype, [48, 1], 3, 64 * 48 + 3)],
          [a, { ...view([48], dtype), shape: [64, 48], strides: [0, 1] }],
          [a, { ...view([1], dtype), shape: [64, 48], strides: [0, 0] }],
          [{ ...view([1], dtype), shape: [64, 48], strides: [0, 0] }, a],
          [view([64, 48], dtype, [1, 64]), { ...view([64], dtype), shape: [64, 48], strides: [1, 0] }],
          // Large enough to be split over threads mid-row: a bias row broadcast down, and a transposed operand.
          [view([700, 301], dtype), { ...view([301], dtype), shape: [700, 301], strides: [0, 1] }],
          [view([700, 301], dtype), view([700, 301], dtype, [1, 700])],
        ];
        for (const [x, y] of cases)
          same(nb.binary(op, x, y, dtype, dtype), jsBackend.binary(op, x, y, dtype, dtype));
      }
    },
  );

  it("strided copies (transposed, expanded, sliced) are bit-identical", () => {
    for (const dtype of [float32, float64]) {
      for (const x of [
        view([40, 50], dtype, [1, 40]),
        { ...view([50], dtype), shape: [40, 50], strides: [0, 1] },
        view([20, 30], dtype, [100, 2], 5, 2000),
      ])
        same(nb.copy(x, dtype), jsBackend.copy(x, dtype));
    }
  });

  it("max, min, argmax and argmin over trailing dims are bit-identical (NaN included)", () => {
    for (const dtype of [float32, float64]) {
      const x = view([30, 200], dtype);
      const finite = finiteView(x);
      for (const op of ["max", "min"] as const) {
        for (const v of [x, finite]) {
          same(nb.reduce(op, v, [1], dtype), jsBackend.reduce(op, v, [1], dtype));
          same(nb.reduce(op, v, [0, 1], dtype), jsBackend.reduce(op, v, [0, 1], dtype));
        }
      }
      for (const op of ["argmax", "argmin"] as const) {
        for (const v of [x, finite]) same(nb.argReduce(op, v, 1), jsBackend.argReduce(op, v, 1));
      }
    }
  });

  it("matmul agrees with the JS backend for row-major, transposed, broadcast and sliced operands", () => {
    const [B, M, K, N] = [3, 33, 47, 29];
    const finite = (v: StridedArray): StridedArray => ({
      ...v,
      data: v.data.map((x) => (Number.isFinite(x) ? x : 0.5)),
    });
    const operands: [StridedArray, StridedArray][] = [
      [view([B, M, K], float32), view([B, K, N], float32)],
      // a transposed (column-major), b's batch broadcast.
      [
        view([B, M, K], float32, [M * K, 1, M]),
        { ...view([K, N], float32), shape: [B, K, N], strides: [0, N, 1] },
      ],
      // b with a stride-2 column: not BLAS-able, copied first.
      [view([B, M, K], float32), view([B, K, N], float32, [K * N * 2, N * 2, 2], 0, B * K * N * 2)],
      [view([B, M, K], float64, [M * K, 1, M]), view([B, K, N], float64, [K * N, 1, K])],
    ];
    for (const [a, b] of operands) {
      const [fa, fb] = [finite(a), finite(b)];
      const want = jsBackend.matmul(fa, fb, a.dtype);
      const got = nb.matmul(fa, fb, a.dtype);
      expect(got.length).toBe(want.length);
      for (let i = 0; i < got.length; i++)
        expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4 * (1 + Math.abs(want[i])));
    }
  });

  it("falls back to the JS backend for dtypes and ops it doesn't handle", () => {
    const x = view([1000], float32);
    same(nb.unary("sin", x, float32, float32), jsBackend.unary("sin", x, float32, float32));
    same(nb.reduce("prod", x, [0], float32), jsBackend.reduce("prod", x, [0], float32));
    same(
      nb.softmax!(view([40, 50], float64), 1, false),
      jsBackend.softmax!(view([40, 50], float64), 1, false),
    );
  });

  /** Finite values so sums exercise rounding rather than NaN/Infinity propagation (those are tested too). */
  const finiteView = (v: StridedArray): StridedArray => ({
    ...v,
    data: v.data.map((x) => (Number.isFinite(x) ? x * 1000.5 : 0.25)),
  });

  it("float sums over every layout the cascade handles are bit-identical", () => {
    const sizes = [1, 7, 8, 9, 31, 64, 100, 257, 1000, 4099, 70000];
    for (const dtype of [float32, float64]) {
      for (const n of sizes) {
        const x = finiteView(view([n], dtype));
        same(nb.reduce("sum", x, [0], dtype), jsBackend.reduce("sum", x, [0], dtype));
      }
      const cases: [StridedArray, number[]][] = [
        [view([64, 300], dtype), [1]], // inner (rows)
        [view([300, 64], dtype), [0]], // outer (bias gradient)
        [view([300, 37], dtype), [0]], // outer with leftover columns
        [view([300, 3], dtype), [0]], // scalar outer
        [view([33, 40, 17], dtype), [0, 2]],
        [view([33, 40, 17], dtype), [1]],
        [view([33, 40, 17], dtype), [0, 1, 2]],
        [view([40, 50], dtype, [1, 40]), [0]], // transposed
        [view([40, 50], dtype, [1, 40]), [1]],
        [view([20, 30], dtype, [100, 2], 5, 2000), [1]], // sliced
        [view([20, 30], dtype, [100, 2], 5, 2000), [0]],
        [{ ...view([50], dtype), shape: [40, 50], strides: [0, 1] }, [0]], // expanded
        [view([6, 7, 8, 9], dtype, [1, 6, 42, 336]), [1, 3]],
        [view([0, 5], dtype), [0]],
        [view([1000], dtype), [0]], // NaN and infinities
      ];
      for (const [x, dims] of cases) {
        for (const v of [x, finiteView(x)])
          same(nb.reduce("sum", v, dims, dtype), jsBackend.reduce("sum", v, dims, dtype));
      }
    }
  });

  it("float32 softmax and log_softmax along every dim are bit-identical", () => {
    const cases: StridedArray[] = [
      view([3, 1000], float32),
      view([64, 10], float32),
      view([16, 7], float32),
      view([5, 8], float32),
      view([4, 33, 9], float32),
      view([4, 5, 1], float32),
      view([40, 50], float32, [1, 40]), // transposed
      view([20, 30], float32, [100, 2], 5, 2000), // sliced
    ];
    for (const x of cases) {
      for (const v of [x, finiteView(x)]) {
        for (let dim = 0; dim < v.shape.length; dim++) {
          for (const log of [false, true]) same(nb.softmax!(v, dim, log), jsBackend.softmax!(v, dim, log));
        }
      }
    }
  });

  it("sigmoid and threshold backward kernels are bit-identical (float32 and float64, one thread and several)", () => {
    for (const [dtype, rows] of [
      [float32, 70],
      [float64, 70],
      [float32, 700],
    ] as const) {
      const g = finiteView(view([rows, 300], dtype));
      const y = view([rows, 300], dtype, [300, 1], 11, rows * 300 + 11);
      same(nb.sigmoidBackward!(g, y), jsGradKernels.sigmoidBackward(g, y));
      for (const t of [0, 0.5])
        same(nb.thresholdBackward!(g, y, t), jsGradKernels.thresholdBackward(g, y, t));
    }
  });

  it("float32 softmax and log_softmax backward along every dim are bit-identical", () => {
    for (const shape of [
      [300, 10],
      [64, 37],
      [16, 7],
      [5, 8],
      [4, 33, 9],
      [3, 6, 20],
    ]) {
      const out = finiteView(view(shape, float32));
      const grad = finiteView(view(shape, float32, undefined, 5, numelOf(shape) + 5));
      const y: StridedArray = { ...out, data: out.data.map((v) => (v % 7) / 8) };
      for (let dim = 0; dim < shape.length; dim++) {
        for (const log of [false, true])
          same(nb.softmaxBackward!(grad, y, dim, log), jsGradKernels.softmaxBackward(grad, y, dim, log));
      }
    }
  });
});

function numelOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
