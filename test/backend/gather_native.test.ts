// The native backend's gather and scatter (native/im2col.c, src/backend/native/gather.ts) against the
// TypeScript kernels: the same bits, for transposed and offset inputs, broadcast (stride 0) and reversed
// indices, and scatter-adds that hit one element many times (the summation order must be the same); and
// max/min/argmax/argmin along a dim that is not the dense last one (max_pool2d's), with ties and NaNs.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { StridedArray } from "../../src/backend/backend.js";
import { jsBackend } from "../../src/backend/js/index.js";
import { loadAddon } from "../../src/backend/native/addon.js";
import { createNativeBackend } from "../../src/backend/native/index.js";
import { float32, float64, int64, type DType } from "../../src/tensor/dtype.js";
import { contiguousStrides, numel } from "../../src/tensor/shape.js";

const built = existsSync(new URL("../../build/Release/tensorgrad_native.node", import.meta.url));

function native() {
  const loaded = loadAddon();
  if (!("addon" in loaded)) throw new Error(loaded.error);
  return createNativeBackend(loaded.addon);
}

let seed = 7;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function dense(shape: number[], dtype: DType, value: () => number): StridedArray {
  const n = numel(shape);
  const data = dtype === float32 ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = value();
  return { data, shape, strides: contiguousStrides(shape), offset: 0, dtype };
}

/** x [a, b, c] stored as [c, b, a] plus a 3-element prefix: transposed, offset. */
function transposed(shape: [number, number, number], dtype: DType): StridedArray {
  const [a, b, c] = shape;
  const n = a * b * c;
  const data = dtype === float32 ? new Float32Array(n + 3) : new Float64Array(n + 3);
  for (let i = 0; i < data.length; i++) data[i] = next() * 8 - 4;
  return { data, shape, strides: [1, a, a * b], offset: 3, dtype };
}

describe.skipIf(!built)("native gather and scatter against the TypeScript kernels", () => {
  for (const dtype of [float32, float64, int64]) {
    it(`gather along each dim of a transposed input, with broadcast and reversed indices (${dtype.name})`, () => {
      const x = transposed([6, 40, 9], dtype);
      for (let dim = 0; dim < 3; dim++) {
        const outShape = [6, 40, 9];
        outShape[dim] = 30;
        const index = dense(outShape, int64, () => Math.floor(next() * x.shape[dim]));
        const broadcast: StridedArray = {
          ...index,
          strides: index.strides.map((s, d) => (d === dim ? s : 0)),
        };
        const reversed: StridedArray = {
          ...index,
          strides: index.strides.map((s, d) => (d === dim ? -s : s)),
          offset: (outShape[dim] - 1) * index.strides[dim],
        };
        for (const ix of [index, broadcast, reversed]) {
          const expected = jsBackend.gather(x, dim, ix);
          const actual = native().gather(x, dim, ix);
          expect(actual).toEqual(expected);
        }
      }
    });

    it(`scatter set and add, with many hits per element, from a strided source (${dtype.name})`, () => {
      const outShape = [5, 7, 8];
      for (let dim = 0; dim < 3; dim++) {
        const shape = [5, 7, 8];
        shape[dim] = 60;
        const index = dense(shape, int64, () => Math.floor(next() * outShape[dim]));
        const src = transposed(shape as [number, number, number], dtype);
        for (const mode of ["set", "add"] as const) {
          const start = () => {
            const out = dtype === float32 ? new Float32Array(280) : new Float64Array(280);
            for (let i = 0; i < out.length; i++) out[i] = Math.sin(i) * 1e3;
            return out;
          };
          const expected = start();
          jsBackend.scatter(expected, outShape, dim, index, src, mode);
          const actual = start();
          native().scatter(actual, outShape, dim, index, src, mode);
          expect(actual).toEqual(expected);
        }
      }
    });
  }

  for (const dtype of [float32, float64]) {
    it(`max, min, argmax and argmin along each dim of a transposed input with ties and NaNs (${dtype.name})`, () => {
      const x = transposed([6, 40, 9], dtype);
      // Few distinct values make ties; a few NaNs must win wherever they are.
      for (let i = 0; i < x.data.length; i++) x.data[i] = Math.round((x.data[i] as number) * 2) / 2;
      for (const i of [10, 500, 1500]) x.data[i] = NaN;
      for (let dim = 0; dim < 3; dim++) {
        for (const op of ["max", "min"] as const)
          expect(native().reduce(op, x, [dim], dtype)).toEqual(jsBackend.reduce(op, x, [dim], dtype));
        for (const op of ["argmax", "argmin"] as const)
          expect(native().argReduce(op, x, dim)).toEqual(jsBackend.argReduce(op, x, dim));
      }
    });
  }
});
