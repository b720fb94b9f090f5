// torch.as_strided / Tensor.as_strided against PyTorch 1.13 (the "as_strided" part of
// test/fixtures/numerics/math_float.json, from scripts/gen_math_float_fixtures.py), on every backend: the view's
// values, strides and storage offset, that it shares its input's storage and version counter, its grad_fn and
// the input's gradient (overlapping views, an expanded input, storage elements the input does not hold),
// PyTorch's errors, and float64 gradcheck and gradgradcheck.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { onBackend } from "../helpers/backends.js";

interface Encoded {
  dtype: string;
  shape: number[];
  bits: string;
}
interface Case {
  values: Encoded;
  stride: number[];
  storage_offset: number;
  grad_fn: string;
  grad: Encoded;
  is_view: boolean;
}
const fixture = (
  JSON.parse(readFileSync(new URL("../fixtures/numerics/math_float.json", import.meta.url), "utf8")) as {
    as_strided: {
      cases: Record<string, Case>;
      inplace: Record<string, Omit<Case, "is_view"> & { version_bump: number; same: boolean }>;
      versions: { values: number[]; base_version: number; view_version: number };
      errors: Record<string, { error: string; message: string }>;
    };
  }
).as_strided;

function float32s(e: Encoded): number[] {
  const bytes = Buffer.from(e.bits, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return Array.from(new Float32Array(copy.buffer));
}

type T = Tensor;
/** The AS_STRIDED table of the script: leaf size, the input made from the leaf L, size, stride, offset. */
const CASES: Record<string, [number, (L: T) => T, number[], number[], number | null]> = {
  "overlapping windows": [12, (L) => L, [3, 3], [1, 1], null],
  transposed: [12, (L) => L, [3, 4], [1, 3], null],
  offset: [12, (L) => L, [2, 2], [1, 2], 5],
  "of a narrow, offset kept": [12, (L) => L.narrow(0, 2, 10), [2, 2], [1, 2], null],
  "of a narrow, absolute offset": [12, (L) => L.narrow(0, 2, 10), [2, 2], [1, 2], 0],
  "stride 0": [6, (L) => L, [2, 3], [0, 1], null],
  "of an expand": [3, (L) => L.expand(2, 3), [3], [1], null],
  "outside a strided input": [6, (L) => L.view(3, 2).select(1, 0), [4], [1], 0],
  "of a transpose": [6, (L) => L.view(2, 3).t(), [2, 2], [2, 1], null],
  "of a product": [6, (L) => L.mul(2), [3, 2], [1, 1], null],
  "0-dim": [6, (L) => L, [], [], 3],
  empty: [6, (L) => L, [0, 2], [1, 1], null],
};
/** The AS_STRIDED_INPLACE table of the script: leaf size, Y made from the leaf L, size, stride, offset. */
const INPLACE: Record<string, [number, (L: T) => T, number[], number[], number | null]> = {
  "of a product": [6, (L) => L.mul(1), [2, 2], [1, 2], 1],
  "of a narrow view, offset kept": [6, (L) => L.mul(1).narrow(0, 1, 5), [2], [2], null],
  "of an expand": [3, (L) => L.mul(1).expand(2, 3), [3], [1], null],
};
const f32 = { dtype: torch.float32 };
const ERRORS: Record<string, () => unknown> = {
  "in place out of bounds": () => torch.arange(6, f32).as_strided_([7], [1]),
  "in place on a leaf": () =>
    torch.arange(6, { dtype: torch.float32, requires_grad: true }).as_strided_([2], [2]),
  "out of bounds": () => torch.arange(12, f32).as_strided([3, 5], [4, 1]),
  "offset out of bounds": () => torch.arange(12, f32).as_strided([3], [1], 10),
  "int64 out of bounds": () => torch.arange(12).as_strided([13], [1]),
  "negative offset": () => torch.arange(12, f32).as_strided([3], [1], -1),
  "length mismatch": () => torch.arange(12, f32).as_strided([3, 2], [1]),
  "negative size": () => torch.arange(12, f32).as_strided([-1], [1]),
  "negative stride": () => torch.arange(12, f32).as_strided([3], [-1], 5),
  "size not a tuple": () => torch.arange(12, f32).as_strided(3 as unknown as number[], [1]),
};

describe.each(availableBackends())("as_strided on the %s backend", (backendName) => {
  onBackend(backendName);

  it("makes PyTorch's views and gradients", () => {
    for (const [name, want] of Object.entries(fixture.cases)) {
      const [n, input, size, stride, offset] = CASES[name];
      const L = torch.arange(n, { dtype: torch.float32, requires_grad: true });
      const src = input(L);
      const v = offset === null ? src.as_strided(size, stride) : torch.as_strided(src, size, stride, offset);
      expect(v.shape, name).toEqual(want.values.shape);
      expect(Array.from(v.values()), name).toEqual(float32s(want.values));
      expect(v.stride(), name).toEqual(want.stride);
      expect(v.storage_offset(), name).toBe(want.storage_offset);
      expect(v.grad_fn?.name(), name).toBe(want.grad_fn);
      expect(v._base !== null, name).toBe(want.is_view);
      expect(v._storage, name).toBe(src._storage);
      const w = torch.arange(v.numel(), f32).add(1).reshape(v.shape);
      v.mul(w).sum().backward();
      expect(Array.from(L.grad!.values()), `${name} grad`).toEqual(float32s(want.grad));
    }
  });

  it("restrides in place as PyTorch does", () => {
    for (const [name, want] of Object.entries(fixture.inplace)) {
      const [n, make, size, stride, offset] = INPLACE[name];
      const L = torch.arange(n, { dtype: torch.float32, requires_grad: true });
      const y = make(L);
      const before = y._version;
      const r = offset === null ? y.as_strided_(size, stride) : torch.as_strided_(y, size, stride, offset);
      expect(r === y, name).toBe(want.same);
      expect(y._version - before, name).toBe(want.version_bump);
      expect(y.shape, name).toEqual(want.values.shape);
      expect(Array.from(y.values()), name).toEqual(float32s(want.values));
      expect([y.stride(), y.storage_offset()], name).toEqual([want.stride, want.storage_offset]);
      expect(y.grad_fn?.name(), name).toBe(want.grad_fn);
      y.mul(torch.arange(y.numel(), f32).add(1).reshape(y.shape)).sum().backward();
      expect(Array.from(L.grad!.values()), `${name} grad`).toEqual(float32s(want.grad));
    }
  });

  it("shares the version counter", () => {
    const a = torch.zeros(4);
    const b = a.as_strided([2], [2]);
    b.add_(1);
    const want = fixture.versions;
    expect([Array.from(a.values()), a._version, b._version]).toEqual([
      want.values,
      want.base_version,
      want.view_version,
    ]);
  });

  it("raises PyTorch's errors", () => {
    for (const [name, want] of Object.entries(fixture.errors)) {
      let thrown: Error | null = null;
      try {
        ERRORS[name]();
      } catch (e) {
        thrown = e as Error;
      }
      expect(thrown && [thrown.name, thrown.message], name).toEqual([want.error, want.message]);
    }
  });

  it("passes float64 gradcheck and gradgradcheck", () => {
    const { gradcheck, gradgradcheck } = torch.autograd;
    const x = torch.randn([6], { dtype: torch.float64, requires_grad: true });
    const fns: [string, (x: T) => T][] = [
      ["windows", (t) => t.as_strided([3, 3], [1, 1])],
      ["offset", (t) => torch.as_strided(t, [2, 2], [1, 2], 1)],
      ["of an expand", (t) => t.expand(2, 6).as_strided([3], [2])],
      ["of a transpose", (t) => t.view(2, 3).t().as_strided([2, 2], [2, 1])],
      ["in place", (t) => t.mul(1).as_strided_([2, 2], [1, 2], 1)],
    ];
    for (const [name, fn] of fns) {
      expect(gradcheck(fn, [x]), `${name} gradcheck`).toBe(true);
      expect(gradgradcheck(fn, [x]), `${name} gradgradcheck`).toBe(true);
    }
  });
});
