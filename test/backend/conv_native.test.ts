// The backends' convolution and max pooling kernels (src/backend/js/conv.ts and pool.ts, native/conv.c and
// pool.c): F.conv1d/2d/3d and F.max_pool2d with their first-order backward against PyTorch 1.13 on every
// backend (scripts/gen_conv_native_fixtures.py: padding, stride, dilation, groups, no bias; pooling with ties,
// NaN, -inf, padding, dilation, ceil_mode; float32 and float64), and the native kernels against the TypeScript
// ones: pooling bit for bit, convolution within BLAS's summation order.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, set_backend, type StridedArray } from "../../src/backend/backend.js";
import { jsConvKernels, windowGeometry, type WindowGeometry } from "../../src/backend/js/conv.js";
import { jsPoolKernels } from "../../src/backend/js/pool.js";
import { loadAddon } from "../../src/backend/native/addon.js";
import { createNativeBackend } from "../../src/backend/native/index.js";
import { float32, float64, type DType } from "../../src/tensor/dtype.js";
import { contiguousStrides, numel } from "../../src/tensor/shape.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { onBackend } from "../helpers/backends.js";

interface ConvCase {
  name: string;
  dtype: "float32" | "float64";
  dims: 1 | 2 | 3;
  input: number[];
  weight: number[];
  bias: boolean;
  stride: number[];
  padding: number[];
  dilation: number[];
  groups: number;
  seeds: number[];
  out_shape: number[];
  out: number[];
  grad_input: number[];
  grad_weight: number[];
  grad_bias: number[] | null;
}

interface PoolCase {
  name: string;
  dtype: "float32" | "float64";
  input: number[];
  kernel: number[];
  stride: number[];
  padding: number[];
  dilation: number[];
  ceil_mode: boolean;
  seeds: number[];
  out_shape: number[];
  values: (number | string)[];
  indices: number[];
  grad_input: number[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/backend/conv_native.json", import.meta.url), "utf8"),
) as { conv: ConvCase[]; transpose: (ConvCase & { output_padding: number[] })[]; pool: PoolCase[] };

/** scripts/gen_conv_native_fixtures.py's lcg: values in [-1, 1). */
function lcg(count: number, seed: number): number[] {
  let s = seed;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    s = Number((BigInt(s) * 1103515245n + 12345n) % 2147483648n);
    out.push(s / 1073741824 - 1);
  }
  return out;
}

const prod = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const dtypeOf = (name: string) => (name === "float32" ? torch.float32 : torch.float64);
const make = (shape: number[], seed: number, dtype: string) =>
  torch
    .tensor(lcg(prod(shape), seed), { dtype: torch.float64 })
    .reshape(shape)
    .to(dtypeOf(dtype));

/** The generator's pool_input: few distinct values (ties), NaN and -inf. */
function poolInput(shape: number[], seed: number, dtype: string): Tensor {
  const values = lcg(prod(shape), seed).map((v, i) =>
    i % 17 === 5 ? NaN : i % 13 === 7 ? -Infinity : Math.round(v * 2) + 0,
  );
  return torch.tensor(values, { dtype: torch.float64 }).reshape(shape).to(dtypeOf(dtype));
}

const decode = (v: number | string) =>
  v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : (v as number);

/** Float32 results differ from PyTorch's by BLAS's (and MKLDNN's) summation order: a tolerance scaled to the data. */
function expectNear(actual: Tensor, expected: number[], dtype: string): void {
  const got = Array.from(actual.contiguous().values() as ArrayLike<number>);
  expect(got.length).toBe(expected.length);
  const scale = Math.max(1, ...expected.map(Math.abs));
  const tol = (dtype === "float32" ? 2e-5 : 1e-12) * scale;
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
  expect(worst).toBeLessThanOrEqual(tol);
}

const CONV = { 1: torch.nn.functional.conv1d, 2: torch.nn.functional.conv2d, 3: torch.nn.functional.conv3d };

describe.each(availableBackends())(
  "convolution and max pooling on the %s backend against PyTorch",
  (name) => {
    onBackend(name);

    it.each(fixture.conv.map((c) => [`${c.name} ${c.dtype}`, c] as const))("conv %s", (_label, c) => {
      set_backend(name);
      const x = make(c.input, c.seeds[0], c.dtype).requires_grad_();
      const w = make(c.weight, c.seeds[1], c.dtype).requires_grad_();
      const b = c.bias ? make([c.weight[0]], c.seeds[2], c.dtype).requires_grad_() : null;
      const conv = CONV[c.dims] as (...args: unknown[]) => Tensor;
      const y = conv(x, w, b, c.stride, c.padding, c.dilation, c.groups);
      expect(y.shape).toEqual(c.out_shape);
      expect(y.grad_fn?.name()).toBe("ConvolutionBackward0");
      expectNear(y, c.out, c.dtype);
      y.backward(make(c.out_shape, c.seeds[3], c.dtype));
      expectNear(x.grad!, c.grad_input, c.dtype);
      expectNear(w.grad!, c.grad_weight, c.dtype);
      if (b !== null) expectNear(b.grad!, c.grad_bias!, c.dtype);
    });

    it.each(fixture.transpose.map((c) => [`${c.name} ${c.dtype}`, c] as const))("%s", (_label, c) => {
      set_backend(name);
      const x = make(c.input, c.seeds[0], c.dtype).requires_grad_();
      const w = make(c.weight, c.seeds[1], c.dtype).requires_grad_();
      const b = c.bias ? make([c.weight[1] * c.groups], c.seeds[2], c.dtype).requires_grad_() : null;
      const F = torch.nn.functional;
      const convT = (c.dims === 1 ? F.conv_transpose1d : F.conv_transpose2d) as (
        ...args: unknown[]
      ) => Tensor;
      const y = convT(x, w, b, c.stride, c.padding, c.output_padding, c.groups, c.dilation);
      expect(y.shape).toEqual(c.out_shape);
      expectNear(y, c.out, c.dtype);
      y.backward(make(c.out_shape, c.seeds[3], c.dtype));
      expectNear(x.grad!, c.grad_input, c.dtype);
      expectNear(w.grad!, c.grad_weight, c.dtype);
      if (b !== null) expectNear(b.grad!, c.grad_bias!, c.dtype);
    });

    it.each(fixture.pool.map((c) => [`${c.name} ${c.dtype}`, c] as const))("max_pool2d %s", (_label, c) => {
      set_backend(name);
      const x = poolInput(c.input, c.seeds[0], c.dtype).requires_grad_();
      const F = torch.nn.functional;
      const pool = c.input.length === 5 ? F.max_pool3d_with_indices : F.max_pool2d_with_indices;
      const [values, indices] = (pool as (...args: unknown[]) => [Tensor, Tensor])(
        x,
        c.kernel,
        c.stride,
        c.padding,
        c.dilation,
        c.ceil_mode,
      );
      expect(values.shape).toEqual(c.out_shape);
      expect(values.grad_fn?.name()).toBe(
        c.input.length === 5 ? "MaxPool3DWithIndicesBackward0" : "MaxPool2DWithIndicesBackward0",
      );
      // Exact: indices, and values (NaN where PyTorch has NaN).
      expect(Array.from(indices.values() as ArrayLike<number>)).toEqual(c.indices);
      expect(Array.from(values.values() as ArrayLike<number>)).toEqual(c.values.map(decode));
      values.backward(make(c.out_shape, c.seeds[1], c.dtype));
      const grad = Array.from(x.grad!.values() as ArrayLike<number>);
      const expected = c.dtype === "float32" ? c.grad_input.map(Math.fround) : c.grad_input;
      expect(grad).toEqual(expected);
    });
  },
);

describe.each(availableBackends())("double backward through the kernels' nodes on the %s backend", (name) => {
  onBackend(name);

  // The first-order backward runs the kernels; under create_graph the derivative rows record tensor ops.
  it("conv2d (padding, stride, groups, bias) passes gradgradcheck", () => {
    set_backend(name);
    const x = make([2, 4, 5, 6], 1, "float64").requires_grad_();
    const w = make([4, 2, 3, 2], 2, "float64").requires_grad_();
    const b = make([4], 3, "float64").requires_grad_();
    const conv = (xi: Tensor, wi: Tensor, bi: Tensor) =>
      torch.nn.functional.conv2d(xi, wi, bi, [2, 1], [1, 1], [1, 2], 2);
    expect(torch.autograd.gradgradcheck(conv, [x, w, b])).toBe(true);
  });

  it("max_pool2d passes gradgradcheck", () => {
    set_backend(name);
    const x = make([2, 3, 6, 7], 4, "float64").requires_grad_();
    const pool = (xi: Tensor) => torch.nn.functional.max_pool2d(xi, [3, 2], [2, 2], [1, 1], [1, 1], true);
    expect(torch.autograd.gradgradcheck(pool, [x])).toBe(true);
  });
});

const built = existsSync(new URL("../../build/Release/tensorgrad_native.node", import.meta.url));

function native() {
  const loaded = loadAddon();
  if (!("addon" in loaded)) throw new Error(loaded.error);
  return createNativeBackend(loaded.addon);
}

function dense(shape: number[], dtype: DType, values: number[], offset = 0): StridedArray {
  const data =
    dtype === float32 ? new Float32Array(offset + values.length) : new Float64Array(offset + values.length);
  data.set(values, offset);
  return { data, shape, strides: contiguousStrides(shape), offset, dtype };
}

/** Geometries over 1-3 spatial dims: [input [N, C, *spatial], weight [Cout, C/groups, *kernel], stride, padding, dilation, groups]. */
const GEOMETRIES: [number[], number[], number[], number[], number[], number][] = [
  [[64, 1, 28, 28], [16, 1, 5, 5], [1, 1], [2, 2], [1, 1], 1],
  [[9, 16, 14, 14], [32, 16, 5, 5], [1, 1], [2, 2], [1, 1], 1],
  [[3, 6, 13, 11], [9, 2, 3, 2], [2, 3], [1, 0], [2, 1], 3],
  [[5, 4, 40], [6, 2, 5], [2], [3], [3], 2],
  [[2, 3, 6, 7, 5], [4, 3, 3, 2, 3], [2, 1, 1], [1, 1, 0], [1, 2, 1], 1],
];

function geometryOf(
  input: number[],
  weight: number[],
  stride: number[],
  pad: number[],
  dil: number[],
): WindowGeometry {
  const sizes = input.slice(2);
  const kernel = weight.slice(2);
  const out = sizes.map(
    (s, d) => Math.floor((s + 2 * pad[d] - dil[d] * (kernel[d] - 1) - 1) / stride[d]) + 1,
  );
  return windowGeometry(input[0], input[1], sizes, kernel, stride, pad, dil, out);
}

describe.runIf(built)("native convolution and pooling kernels against the TypeScript ones", () => {
  it.each([float32, float64].flatMap((dt) => GEOMETRIES.map((g, i) => [`${dt.name} ${i}`, dt, g] as const)))(
    "convForward and convBackward agree (%s)",
    (_label, dtype, [input, weight, stride, pad, dil, groups]) => {
      const kernels = native().conv;
      const g = geometryOf(input, weight, stride, pad, dil);
      const x = dense(input, dtype, lcg(prod(input), 3), 2);
      const w = dense(weight, dtype, lcg(prod(weight), 4), 1);
      const b = dense([weight[0]], dtype, lcg(weight[0], 5));
      const outShape = [input[0], weight[0], ...g.outShape.slice(3 - (input.length - 2))];
      const gy = dense(outShape, dtype, lcg(prod(outShape), 6), 3);
      const close = (a: ArrayLike<number>, e: ArrayLike<number>) => {
        expect(a.length).toBe(e.length);
        let scale = 1;
        let worst = 0;
        for (let i = 0; i < e.length; i++) {
          scale = Math.max(scale, Math.abs(e[i]));
          worst = Math.max(worst, Math.abs(a[i] - e[i]));
        }
        expect(worst).toBeLessThanOrEqual((dtype === float32 ? 1e-5 : 1e-13) * scale);
      };
      close(kernels.convForward(x, w, b, g, groups), jsConvKernels.convForward(x, w, b, g, groups));
      close(kernels.convForward(x, w, null, g, groups), jsConvKernels.convForward(x, w, null, g, groups));
      const [gi, gw] = kernels.convBackward(gy, x, w, g, groups, true, true);
      const [ji, jw] = jsConvKernels.convBackward(gy, x, w, g, groups, true, true);
      close(gi!, ji!);
      close(gw!, jw!);
      const [onlyInput, noWeight] = kernels.convBackward(gy, x, w, g, groups, true, false);
      expect(noWeight).toBeNull();
      close(onlyInput!, ji!);
    },
  );

  it.each([float32, float64].map((dt) => [dt.name, dt] as const))(
    "maxPool and maxPoolBackward give the TypeScript kernels' bits (%s)",
    (_label, dtype) => {
      const kernels = native().pool;
      for (const [shape, k, s, p, d] of [
        [
          [64, 16, 28, 28],
          [2, 2],
          [2, 2],
          [0, 0],
          [1, 1],
        ],
        [
          [3, 5, 17, 12],
          [3, 4],
          [2, 3],
          [1, 2],
          [2, 1],
        ],
        [
          [2, 3, 4, 9, 10],
          [2, 3, 2],
          [1, 2, 2],
          [1, 1, 0],
          [2, 1, 3],
        ],
      ] as number[][][]) {
        const spatial = shape.slice(2);
        const out = spatial.map((n, i) => Math.floor((n + 2 * p[i] - d[i] * (k[i] - 1) - 1) / s[i]) + 1);
        const g = windowGeometry(shape[0], shape[1], spatial, k, s, p, d, out);
        const values = lcg(prod(shape), 9).map((v, i) =>
          i % 11 === 3 ? NaN : i % 7 === 2 ? -Infinity : Math.round(v * 3),
        );
        const x = dense(shape, dtype, values, 5);
        const [nv, ni] = kernels.maxPool(x, g);
        const [jv, ji] = jsPoolKernels.maxPool(x, g);
        expect(Array.from(nv)).toEqual(Array.from(jv));
        expect(Array.from(ni)).toEqual(Array.from(ji));
        const outShape = [shape[0], shape[1], ...out];
        const gy = dense(outShape, dtype, lcg(prod(outShape), 10), 1);
        const idx: StridedArray = {
          data: ni,
          shape: outShape,
          strides: contiguousStrides(outShape),
          offset: 0,
          dtype: float64,
        };
        expect(Array.from(kernels.maxPoolBackward(gy, idx, g))).toEqual(
          Array.from(jsPoolKernels.maxPoolBackward(gy, idx, g)),
        );
        expect(numel(outShape)).toBe(nv.length);
      }
    },
  );

  it("refuses a bad geometry or short arrays with the entry point's error", () => {
    const { addon } = loadAddon() as { addon: Parameters<typeof createNativeBackend>[0] };
    const x = new Float32Array(16);
    const bad = new Float64Array(20);
    expect(() => addon.maxPool(x, 0, bad, new Float32Array(1), new Float64Array(1))).toThrow(
      /maxPool: bad geometry/,
    );
    const g = windowGeometry(1, 1, [4, 4], [2, 2], [2, 2], [0, 0], [1, 1], [2, 2]);
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
    expect(() => addon.maxPool(x, 8, geometry, new Float32Array(4), new Float64Array(4))).toThrow(
      /x has fewer/,
    );
    expect(() =>
      addon.convForward(
        x,
        0,
        new Float32Array(3),
        0,
        new Float32Array(0),
        0,
        geometry,
        1,
        1,
        new Float32Array(4),
      ),
    ).toThrow(/weight is too short/);
  });
});
