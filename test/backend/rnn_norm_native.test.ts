// The native recurrent-cell kernels (native/rnn.c) and the native 2-norm (native/norm.c's twoNormRows) against
// their TypeScript kernels (src/backend/js/rnn.ts, norm_reduce.ts), bit for bit, on values that reach the
// sigmoid's and tanh's saturation and both sides of the vectorized blocks; and the entry points refusing
// operands too short for the sizes they are given.
import { describe, expect, it } from "vitest";
import { loadAddon } from "../../src/backend/native/addon.js";
import { jsRnnKernels } from "../../src/backend/js/rnn.js";
import { twoNorms } from "../../src/backend/js/norm_reduce.js";
import { nativeRnnKernels } from "../../src/backend/native/rnn.js";
import { nativeTwoNorms } from "../../src/backend/native/norm_reduce.js";
import type { StridedArray } from "../../src/backend/backend.js";
import { float32, float64, type DType, type TypedArray } from "../../src/tensor/dtype.js";

const loaded = loadAddon();
const raw = "addon" in loaded ? loaded.addon : null;
const f32 = (n: number) => new Float32Array(n);

/** A deterministic spread of values, a few of them large (saturating sigmoid and tanh) or tiny. */
function values(dtype: DType, n: number, seed: number, scale = 3): TypedArray {
  const out = dtype === float32 ? new Float32Array(n) : new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const u = s / 2147483648 - 0.5;
    out[i] = i % 17 === 5 ? u * 60 : i % 23 === 7 ? u * 1e-6 : u * scale;
  }
  return out;
}

const bits = (a: TypedArray) => Array.from(a, (v) => (Object.is(v, -0) ? "-0" : String(v)));

describe.skipIf(raw === null)("native recurrent cells and 2-norms", () => {
  const native = nativeRnnKernels(raw!, { transcendental: 0 });
  const sizes = [
    [1, 1],
    [3, 5],
    [2, 17],
    [4, 40],
    [20, 256],
  ];
  for (const dtype of [float32, float64])
    for (const [B, H] of sizes)
      it(`LSTM and GRU cells, ${dtype.name}, batch ${B}, hidden ${H}: the TypeScript kernels' bits`, () => {
        const d = (n: number, seed: number, offset = 0) => ({
          data: values(dtype, n + offset, seed),
          offset,
        });
        const ig = d(4 * B * H, 1, 3);
        const hg = d(4 * B * H, 2);
        const cx = d(B * H, 3, 1);
        const a = jsRnnKernels.lstmCell(ig, hg, cx, B, H, dtype);
        const b = native.lstmCell(ig, hg, cx, B, H, dtype);
        expect(bits(b.hy)).toEqual(bits(a.hy));
        expect(bits(b.cy)).toEqual(bits(a.cy));
        expect(bits(b.workspace)).toEqual(bits(a.workspace));
        const ws = { data: a.workspace, offset: 0 };
        for (const [dhy, dcy] of [
          [d(B * H, 4, 2), d(B * H, 5)],
          [d(B * H, 4), null],
          [null, d(B * H, 5, 1)],
        ]) {
          const ga = jsRnnKernels.lstmCellBackward(dhy, dcy, cx, ws, B, H, dtype);
          const gb = native.lstmCellBackward(dhy, dcy, cx, ws, B, H, dtype);
          expect(bits(gb.dgates)).toEqual(bits(ga.dgates));
          expect(bits(gb.dcx)).toEqual(bits(ga.dcx));
        }
        const gig = d(3 * B * H, 6, 2);
        const ghg = d(3 * B * H, 7);
        const hx = d(B * H, 8, 1);
        const ra = jsRnnKernels.gruCell(gig, ghg, hx, B, H, dtype);
        const rb = native.gruCell(gig, ghg, hx, B, H, dtype);
        expect(bits(rb.hy)).toEqual(bits(ra.hy));
        expect(bits(rb.workspace)).toEqual(bits(ra.workspace));
        const dhy = d(B * H, 9, 1);
        const gws = { data: ra.workspace, offset: 0 };
        const ba = jsRnnKernels.gruCellBackward(dhy, ghg, hx, gws, B, H, dtype);
        const bb = native.gruCellBackward(dhy, ghg, hx, gws, B, H, dtype);
        expect(bits(bb.dig)).toEqual(bits(ba.dig));
        expect(bits(bb.dhg)).toEqual(bits(ba.dhg));
        expect(bits(bb.dhx)).toEqual(bits(ba.dhx));
      });

  it("2-norms of dense runs: the TypeScript kernel's bits, every tail length", () => {
    const twoNormsC = nativeTwoNorms(raw!, { reduce: 0 });
    for (const dtype of [float32, float64])
      for (const cols of [1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 15, 16, 31, 1000, 4099]) {
        const rows = 3;
        const data = values(dtype, rows * cols + 2, cols, 40);
        const view = (shape: number[], strides: number[]): StridedArray => ({
          data,
          shape,
          strides,
          offset: 2,
          dtype,
        });
        const byRow = view([rows, cols], [cols, 1]);
        expect(bits(twoNormsC(byRow, [1], rows))).toEqual(bits(twoNorms(byRow, [1], rows)));
        expect(bits(twoNormsC(byRow, [0, 1], 1))).toEqual(bits(twoNorms(byRow, [0, 1], 1)));
        // Not trailing dims: the TypeScript kernel runs.
        expect(bits(twoNormsC(byRow, [0], cols))).toEqual(bits(twoNorms(byRow, [0], cols)));
      }
  });

  it("the entry points refuse operands shorter than their sizes", () => {
    const r = raw!;
    expect(() => r.twoNormRows(f32(8), 1, 2, 4, f32(2))).toThrow(/twoNormRows: x has 8 elements/);
    expect(() => r.twoNormRows(f32(8), 0, 2, 4, f32(1))).toThrow(/out has 1 elements/);
    expect(() => r.twoNormRows(f32(8), 0, 2 ** 40, 2 ** 40, f32(1))).toThrow(/overflows/);
    expect(() => r.lstmCell(f32(8), 1, f32(8), 0, f32(2), 0, 1, 2, f32(2), f32(2), f32(10))).toThrow(
      /lstmCell: ig has 8 elements/,
    );
    expect(() => r.lstmCell(f32(8), 0, f32(8), 0, f32(2), 0, 1, 2, f32(2), f32(2), f32(9))).toThrow(
      /workspace has 9 elements/,
    );
    expect(() =>
      r.lstmCellBackward(f32(2), 0, 1, f32(0), 0, 1, f32(2), 0, f32(10), 0, 1, 2, f32(8), f32(2)),
    ).toThrow(/dcy has 0 elements/);
    expect(() =>
      r.lstmCellBackward(f32(0), 0, 0, f32(0), 0, 0, f32(2), 0, f32(10), 1, 1, 2, f32(8), f32(2)),
    ).toThrow(/workspace has 10 elements/);
    expect(() => r.gruCell(f32(6), 0, f32(6), 0, f32(2), 0, 1, 2, f32(1), f32(6))).toThrow(
      /hy has 1 elements/,
    );
    expect(() =>
      r.gruCellBackward(f32(2), 0, f32(6), 0, f32(2), 0, f32(6), 0, 1, 2, f32(6), f32(5), f32(2)),
    ).toThrow(/dhg has 5 elements/);
    expect(() => r.gruCell(f32(6), 0, f32(6), 0, f32(2), 0, 2 ** 40, 2 ** 40, f32(1), f32(6))).toThrow(
      /overflows/,
    );
    expect(() =>
      r.lstmCell(f32(8), 0, new Float64Array(8), 0, f32(2), 0, 1, 2, f32(2), f32(2), f32(10)),
    ).toThrow();
  });
});
