// PyTorch 1.13's exact bits for torch.randn / normal_, var / std and the 2-norm (test/fixtures/numerics, written by
// scripts/gen_numerics_fixtures.py), and torch.mv, whose BLAS bits depend on the CPU, within float precision.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, backend, set_backend, type StridedArray } from "../../src/backend/backend.js";
import type { NativeBackend } from "../../src/backend/native/index.js";
import { float32, float64, type DType } from "../../src/tensor/dtype.js";
import { Tensor } from "../../src/tensor/tensor.js";

type Floats = Float32Array | Float64Array;

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/numerics/${name}.json`, import.meta.url), "utf8")) as T;
}

function decode(b64: string, dtype: string): Floats {
  const bytes = Buffer.from(b64, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return dtype === "float32" ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer);
}

const dtypeOf = (name: string): DType => (name === "float32" ? float32 : float64);

/** Indices whose bits differ (NaN equals NaN). */
function mismatches(actual: ArrayLike<number>, expected: Floats): number[] {
  expect(actual.length).toBe(expected.length);
  const bad: number[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!Object.is(a, e) && !(Number.isNaN(a) && Number.isNaN(e))) bad.push(i);
  }
  return bad;
}

function expectBits(actual: ArrayLike<number>, expected: Floats, what: string): void {
  const bad = mismatches(actual, expected);
  const shown = bad.slice(0, 5).map((i) => `[${i}]: got ${actual[i]}, PyTorch ${expected[i]}`);
  expect(shown, `${what}: ${bad.length} of ${expected.length} differ`).toEqual([]);
}

interface RandnCase {
  dtype: string;
  seed: number;
  n: number;
  mean: number;
  std: number;
  /** A permuted tensor of this shape (else 1-D of n). */
  shape?: number[];
  perm?: number[];
  out: string;
}
interface VarCase {
  dtype: string;
  shape: number[];
  transposed: boolean;
  dims: number[] | null;
  unbiased: boolean;
  fn: "var" | "std";
  input: number;
  out: string;
}
interface MvCase {
  dtype: string;
  n: number;
  m: number;
  a: string;
  v: string;
  out: string;
}

const randn = load<{
  cases: RandnCase[];
  fills: { dtype: string; kind: "uniform_" | "bernoulli_"; out: string }[];
}>("randn");
const varStd = load<{ inputs: string[]; cases: VarCase[] }>("var_std");
const mv = load<{ cases: MvCase[] }>("mv");
const norm = load<{ inputs: string[]; cases: Omit<VarCase, "fn" | "unbiased">[] }>("norm");

describe.each(availableBackends())("torch.randn / normal_ bits (%s backend)", (name) => {
  const previous = backend().name;
  afterAll(() => set_backend(previous));
  for (const c of randn.cases) {
    const what = `${c.mean === 0 && c.std === 1 ? "randn" : `normal_(${c.mean}, ${c.std})`}(${c.shape ? `[${c.shape.join(", ")}].permute(${c.perm!.join(", ")})` : c.n}) ${c.dtype} seed ${c.seed}`;
    it(what, () => {
      set_backend(name);
      const dtype = dtypeOf(c.dtype);
      let out: torch.Tensor;
      if (c.mean === 0 && c.std === 1) {
        torch.manual_seed(c.seed);
        out = torch.randn(c.n, { dtype });
      } else {
        const gen = new torch.Generator().manual_seed(c.seed);
        const target = c.shape
          ? torch.empty(c.shape, { dtype }).permute(c.perm!)
          : torch.empty(c.n, { dtype });
        out = target.normal_(c.mean, c.std, { generator: gen }).contiguous();
      }
      // float64 normals take glibc's log, cos and sin: C's on the native backend, their ports on the js one.
      expectBits(out.values(), decode(c.out, c.dtype), what);
    });
  }
});

describe("uniform_ / bernoulli_ on a transposed tensor (memory order)", () => {
  for (const c of randn.fills) {
    it(`${c.kind} ${c.dtype}`, () => {
      const gen = new torch.Generator().manual_seed(9);
      const x = torch.empty([6, 5], { dtype: dtypeOf(c.dtype) }).t();
      const out =
        c.kind === "uniform_" ? x.uniform_(-1, 2, { generator: gen }) : x.bernoulli_(0.3, { generator: gen });
      expectBits(out.contiguous().values(), decode(c.out, c.dtype), c.kind);
    });
  }
});

describe.each(availableBackends())("var / std bits (%s backend)", (name) => {
  const previous = backend().name;
  afterAll(() => set_backend(previous));
  for (const c of varStd.cases) {
    const what = `${c.fn}(x[${c.shape.join(", ")}]${c.transposed ? ".T" : ""}, ${c.dims === null ? "all" : `[${c.dims.join(", ")}]`}, unbiased=${c.unbiased}) ${c.dtype}`;
    it(what, () => {
      set_backend(name);
      const x0 = Tensor._fromData(decode(varStd.inputs[c.input], c.dtype), c.shape, dtypeOf(c.dtype));
      const x = c.transposed ? x0.transpose(0, -1) : x0;
      const fn = c.fn === "var" ? torch.var : torch.std;
      const out = c.dims === null ? fn(x, { unbiased: c.unbiased }) : fn(x, c.dims, { unbiased: c.unbiased });
      expectBits(out.contiguous().values(), decode(c.out, c.dtype), what);
    });
  }
});

describe.each(availableBackends())("2-norm bits (%s backend)", (name) => {
  const previous = backend().name;
  afterAll(() => set_backend(previous));
  for (const c of norm.cases) {
    const what = `${c.dims === null ? "norm" : "vector_norm"}(x[${c.shape.join(", ")}]${c.transposed ? ".T" : ""}, ${c.dims === null ? "all" : `[${c.dims.join(", ")}]`}) ${c.dtype}`;
    it(what, () => {
      set_backend(name);
      const x0 = Tensor._fromData(decode(norm.inputs[c.input], c.dtype), c.shape, dtypeOf(c.dtype));
      const x = c.transposed ? x0.transpose(0, -1) : x0;
      const out = c.dims === null ? torch.norm(x) : torch.linalg.vector_norm(x, 2, c.dims);
      expectBits(out.contiguous().values(), decode(c.out, c.dtype), what);
    });
  }
});

/** |got - expected| within the deterministic error bound of an m-term dot product in `dtype`. */
function expectDotPrecision(got: ArrayLike<number>, c: MvCase, a: Floats, v: Floats): void {
  const expected = decode(c.out, c.dtype);
  const eps = c.dtype === "float32" ? 2 ** -24 : 2 ** -53;
  expect(got.length).toBe(c.n);
  for (let i = 0; i < c.n; i++) {
    let magnitude = 0;
    for (let j = 0; j < c.m; j++) magnitude += Math.abs(a[i * c.m + j] * v[j]);
    const bound = 2 * c.m * eps * magnitude;
    expect(Math.abs(got[i] - expected[i]), `row ${i}`).toBeLessThanOrEqual(bound);
  }
}

describe.each(availableBackends())("torch.mv within float precision (%s backend)", (name) => {
  const previous = backend().name;
  afterAll(() => set_backend(previous));
  for (const c of mv.cases) {
    it(`mv(${c.n}x${c.m}) ${c.dtype}`, () => {
      set_backend(name);
      const dtype = dtypeOf(c.dtype);
      const a = decode(c.a, c.dtype);
      const v = decode(c.v, c.dtype);
      const rowMajor = Tensor._fromData(a, [c.n, c.m], dtype);
      const vec = Tensor._fromData(v, [c.m], dtype);
      expectDotPrecision(torch.mv(rowMajor, vec).values(), c, a, v);
      const colMajor = rowMajor.t().contiguous().t();
      expectDotPrecision(torch.mv(colMajor, vec).values(), c, a, v);
    });
  }
});

describe.runIf(availableBackends().includes("native"))("native gemv (PyTorch's addmv layouts)", () => {
  const previous = backend().name;
  afterAll(() => set_backend(previous));
  const nativeMv = (mat: StridedArray, vec: StridedArray, dtype: DType) => {
    set_backend("native");
    return (backend() as NativeBackend).mv(mat, vec, dtype);
  };
  for (const c of mv.cases) {
    it(`gemv ${c.n}x${c.m} ${c.dtype}: 't', 'n', copied, strided and broadcast vectors`, () => {
      const dtype = dtypeOf(c.dtype);
      const a = decode(c.a, c.dtype);
      const v = decode(c.v, c.dtype);
      const vec: StridedArray = { data: v, shape: [c.m], strides: [1], offset: 0, dtype };
      const rowMajor: StridedArray = { data: a, shape: [c.n, c.m], strides: [c.m, 1], offset: 0, dtype };
      expectDotPrecision(nativeMv(rowMajor, vec, dtype), c, a, v);
      // Column-major: 'n'.
      const transposedData = a.map((_, k) => a[(k % c.n) * c.m + Math.floor(k / c.n)]) as Floats;
      const colMajor: StridedArray = {
        data: transposedData,
        shape: [c.n, c.m],
        strides: [1, c.n],
        offset: 0,
        dtype,
      };
      expectDotPrecision(nativeMv(colMajor, vec, dtype), c, a, v);
      // Every other element of a wider array: neither layout, so PyTorch (and this) copies first.
      const spread =
        dtype === float32 ? new Float32Array(2 * a.length + 1) : new Float64Array(2 * a.length + 1);
      a.forEach((x, k) => (spread[1 + 2 * k] = x));
      const strided: StridedArray = {
        data: spread,
        shape: [c.n, c.m],
        strides: [2 * c.m, 2],
        offset: 1,
        dtype,
      };
      expectDotPrecision(nativeMv(strided, vec, dtype), c, a, v);
      // A strided vector goes to BLAS as incx.
      const wideVec = dtype === float32 ? new Float32Array(3 * c.m) : new Float64Array(3 * c.m);
      v.forEach((x, k) => (wideVec[3 * k + 2] = x));
      const stridedVec: StridedArray = { data: wideVec, shape: [c.m], strides: [3], offset: 2, dtype };
      expectDotPrecision(nativeMv(rowMajor, stridedVec, dtype), c, a, v);
      // A broadcast vector (stride 0) is not BLAS's: PyTorch's reference loop; checked for precision.
      const ones = { ...vec, data: (dtype === float32 ? Float32Array : Float64Array).of(1), strides: [0] };
      const rowSums = nativeMv(rowMajor, ones, dtype);
      for (let i = 0; i < c.n; i++) {
        let exact = 0;
        let magnitude = 0;
        for (let j = 0; j < c.m; j++) {
          exact += a[i * c.m + j];
          magnitude += Math.abs(a[i * c.m + j]);
        }
        const eps = dtype === float32 ? 2 ** -24 : 2 ** -53;
        expect(Math.abs(rowSums[i] - exact)).toBeLessThanOrEqual(2 * c.m * eps * magnitude);
      }
    });
  }
});
