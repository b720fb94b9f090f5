// native/conv_direct.c, the native backend's float32 convolution for one group (x86-64 with AVX2 + FMA or
// AVX-512), against the TypeScript kernels (src/backend/js/conv.ts, checked against PyTorch 1.13 in
// conv_native.test.ts) within summation order, on geometries that take each of its paths and fallbacks, and
// the same bits on 1 and 2 threads; native/pool.c's vectorized float max pooling (windows inside the input)
// with the TypeScript kernel's bits, and its backward's index checks.
import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { StridedArray } from "../../src/backend/backend.js";
import { jsConvKernels, windowGeometry, type WindowGeometry } from "../../src/backend/js/conv.js";
import { jsPoolKernels } from "../../src/backend/js/pool.js";
import { loadAddon } from "../../src/backend/native/addon.js";
import { createNativeBackend } from "../../src/backend/native/index.js";
import { float32 } from "../../src/tensor/dtype.js";
import { contiguousStrides } from "../../src/tensor/shape.js";

const built = existsSync(new URL("../../build/Release/tensorgrad_native.node", import.meta.url));

/** Values in [-1, 1) from a seed (the lcg of scripts/gen_conv_native_fixtures.py). */
function lcg(count: number, seed: number): Float32Array {
  let s = seed;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    s = Number((BigInt(s) * 1103515245n + 12345n) % 2147483648n);
    out[i] = s / 1073741824 - 1;
  }
  return out;
}

const prod = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A float32 array of `shape` from `offset` (the entries before it are 0). */
function dense(shape: number[], seed: number, offset: number): StridedArray {
  const data = new Float32Array(offset + prod(shape));
  data.set(lcg(prod(shape), seed), offset);
  return { data, shape, strides: contiguousStrides(shape), offset, dtype: float32 };
}

/** [input [N, C, *spatial], weight [Cout, C, *kernel], stride, padding, dilation, what it exercises]. */
const GEOMETRIES: [number[], number[], number[], number[], number[], string][] = [
  [[3, 5, 9, 11], [10, 5, 3, 4], [2, 1], [1, 2], [1, 2], "part of a vector of output channels, strided rows"],
  [[2, 12, 7, 30], [20, 12, 3, 5], [1, 1], [1, 1], [2, 1], "rows wider than a block, dilated rows"],
  [[4, 9, 50], [17, 9, 7], [1], [3], [2], "conv1d"],
  [[2, 8, 4, 6, 7], [9, 8, 2, 3, 3], [2, 1, 1], [1, 1, 1], [1, 1, 1], "conv3d, strided depth"],
  [[1, 8, 3, 5, 6], [16, 8, 2, 2, 3], [1, 1, 1], [1, 0, 2], [1, 1, 1], "conv3d, stride 1"],
  [[2, 8, 6, 6], [8, 8, 3, 3], [1, 1], [3, 3], [1, 1], "padding past the kernel's reach"],
  [[5, 16, 7, 7], [32, 16, 3, 3], [1, 1], [1, 1], [1, 1], "narrow rows"],
  [[6, 1, 12, 12], [16, 1, 5, 5], [1, 1], [2, 2], [1, 1], "one input channel"],
  [
    [2, 8, 9, 9],
    [40, 8, 3, 3],
    [1, 1],
    [1, 1],
    [1, 1],
    "output channels in a pair of vectors and a single one",
  ],
];

function geometryOf(input: number[], weight: number[], stride: number[], pad: number[], dil: number[]) {
  const sizes = input.slice(2);
  const kernel = weight.slice(2);
  const out = sizes.map(
    (s, d) => Math.floor((s + 2 * pad[d] - dil[d] * (kernel[d] - 1) - 1) / stride[d]) + 1,
  );
  return { g: windowGeometry(input[0], input[1], sizes, kernel, stride, pad, dil, out), out };
}

function nativeKernels() {
  const loaded = loadAddon();
  if (!("addon" in loaded)) throw new Error(loaded.error);
  return { addon: loaded.addon, conv: createNativeBackend(loaded.addon).conv };
}

/** Max |a - e| within 1e-5 of the largest |e| (at least 1): float32 sums in another order. */
function expectClose(a: ArrayLike<number>, e: ArrayLike<number>): void {
  expect(a.length).toBe(e.length);
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < e.length; i++) {
    scale = Math.max(scale, Math.abs(e[i]));
    worst = Math.max(worst, Math.abs(a[i] - e[i]));
  }
  expect(worst).toBeLessThanOrEqual(1e-5 * scale);
}

interface Results {
  out: Float32Array;
  outNoBias: Float32Array;
  gi: Float32Array;
  gw: Float32Array;
  onlyWeight: Float32Array;
}

function run(
  conv: ReturnType<typeof nativeKernels>["conv"] | typeof jsConvKernels,
  [input, weight, stride, pad, dil]: (typeof GEOMETRIES)[number],
): Results {
  const { g, out } = geometryOf(input, weight, stride, pad, dil);
  const x = dense(input, 3, 2);
  const w = dense(weight, 4, 1);
  const b = dense([weight[0]], 5, 0);
  const gy = dense([input[0], weight[0], ...out], 6, 3);
  const [gi, gw] = conv.convBackward(gy, x, w, g as WindowGeometry, 1, true, true);
  const [noInput, onlyWeight] = conv.convBackward(gy, x, w, g, 1, false, true);
  expect(noInput).toBeNull();
  return {
    out: conv.convForward(x, w, b, g, 1) as Float32Array,
    outNoBias: conv.convForward(x, w, null, g, 1) as Float32Array,
    gi: gi as Float32Array,
    gw: gw as Float32Array,
    onlyWeight: onlyWeight as Float32Array,
  };
}

describe.runIf(built)("native direct float32 convolution", () => {
  const threads = torch.get_num_threads();
  afterAll(() => nativeKernels().addon.setNumThreads(threads));

  it.each(GEOMETRIES.map((c) => [c[5], c] as const))("agrees with the TypeScript kernels (%s)", (_l, c) => {
    const native = run(nativeKernels().conv, c);
    const js = run(jsConvKernels, c);
    expectClose(native.out, js.out);
    expectClose(native.outNoBias, js.outNoBias);
    expectClose(native.gi, js.gi);
    expectClose(native.gw, js.gw);
    expect(Array.from(native.onlyWeight)).toEqual(Array.from(native.gw));
  });

  it("gives the same bits on 1 and 2 threads", () => {
    const { addon, conv } = nativeKernels();
    const cases = [GEOMETRIES[1], GEOMETRIES[6], GEOMETRIES[7]];
    addon.setNumThreads(1);
    const one = cases.map((c) => run(conv, c));
    addon.setNumThreads(2);
    const two = cases.map((c) => run(conv, c));
    addon.setNumThreads(threads);
    for (let i = 0; i < cases.length; i++)
      for (const key of ["out", "outNoBias", "gi", "gw"] as const)
        expect(Array.from(two[i][key])).toEqual(Array.from(one[i][key]));
  });
});

describe.runIf(built)("native float max pooling", () => {
  it("gives the TypeScript kernel's bits where 16 windows run at once (ties, NaN, -inf, a partial vector)", () => {
    const pool = createNativeBackend(
      (loadAddon() as { addon: Parameters<typeof createNativeBackend>[0] }).addon,
    ).pool;
    for (const [shape, k, st] of [
      [
        [3, 4, 11, 17],
        [3, 2],
        [2, 3],
      ],
      [
        [2, 3, 8, 40],
        [2, 2],
        [2, 2],
      ],
      [
        [1, 2, 5, 5],
        [5, 5],
        [1, 1],
      ],
    ]) {
      const out = [0, 1].map((d) => Math.floor((shape[2 + d] - k[d]) / st[d]) + 1);
      const g = windowGeometry(shape[0], shape[1], shape.slice(2), k, st, [0, 0], [1, 1], out);
      const x = dense(shape, 7, 4);
      const data = x.data as Float32Array;
      for (let i = x.offset; i < data.length; i++)
        data[i] = i % 11 === 3 ? NaN : i % 7 === 2 ? -Infinity : Math.round(data[i] * 2);
      const [nv, ni] = pool.maxPool(x, g);
      const [jv, ji] = jsPoolKernels.maxPool(x, g);
      expect(Array.from(nv)).toEqual(Array.from(jv));
      expect(Array.from(ni)).toEqual(Array.from(ji));
    }
  });

  it("maxPoolBackward refuses an index outside its plane or not an integer", () => {
    const { addon } = loadAddon() as { addon: Parameters<typeof createNativeBackend>[0] };
    const g = windowGeometry(1, 2, [4, 4], [2, 2], [2, 2], [0, 0], [1, 1], [2, 2]);
    const geometry = Float64Array.from([
      g.n,
      g.c,
      ...g.sizes,
      ...g.kernel,
      ...g.stride,
      ...g.padBefore,
      ...g.dilation,
      ...g.outShape,
    ]);
    const grad = new Float32Array(8).fill(1);
    for (const bad of [16, -1, 1.5, NaN]) {
      const indices = Float64Array.from([0, 2, 8, 10, 0, 2, 8, bad]);
      expect(() => addon.maxPoolBackward(grad, 0, indices, 0, geometry, new Float32Array(32))).toThrow(
        /maxPoolBackward: an index is not an integer in \[0, 16\)/,
      );
    }
    const out = new Float32Array(32).fill(5);
    addon.maxPoolBackward(grad, 0, Float64Array.from([0, 2, 8, 10, 5, 5, 15, 0]), 0, geometry, out);
    const expected = new Float32Array(32);
    for (const i of [0, 2, 8, 10]) expected[i] = 1;
    expected[16 + 5] = 2;
    expected[16 + 15] = 1;
    expected[16] = 1;
    expect(Array.from(out)).toEqual(Array.from(expected));
  });
});
