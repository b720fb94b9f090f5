// torch.logaddexp2 bit for bit against PyTorch 1.13 (test/fixtures/numerics/logaddexp2.json, from
// scripts/gen_logaddexp2_fixtures.py), on every backend: float32 and float64, every tail length after the
// vectorized blocks (whose scalar function calls glibc's log2f/powf or log2/pow), broadcast scalar operands and
// 0-dim pairs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";
import { log2 } from "../../src/backend/js/glibc_log2.js";
import { log2f } from "../../src/backend/js/glibc_log2f.js";

interface Enc {
  dtype: "float32" | "float64";
  shape: number[];
  bits: string;
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/logaddexp2.json", import.meta.url), "utf8"),
) as {
  cases: { a: Enc; b: Enc; out: Enc }[];
  glibc: Record<"log2f" | "log2", { x: string; y: string }>;
};

function decode(e: Enc): number[] {
  const bytes = Buffer.from(e.bits, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return [...(e.dtype === "float32" ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer))];
}
const { cases } = fixture;
const tensorOf = (e: Enc) => torch.tensor(decode(e), { dtype: torch[e.dtype] }).reshape(e.shape);

describe.each(availableBackends())("logaddexp2 bits on the %s backend", (name) => {
  onBackend(name);
  for (const dtype of ["float32", "float64"] as const) {
    it(`${dtype}: every case's bits`, () => {
      let checked = 0;
      for (const c of cases.filter((x) => x.a.dtype === dtype)) {
        const y = torch.logaddexp2(tensorOf(c.a), tensorOf(c.b));
        const what = `[${c.a.shape}] with [${c.b.shape}]`;
        expect([...y.shape], what).toEqual(c.out.shape);
        const got = y.reshape([-1]).tolist() as number[];
        const want = decode(c.out);
        // NaN's sign and payload aside, as the other bit tests compare.
        for (let i = 0; i < want.length; i++)
          if (!(Number.isNaN(want[i]) && Number.isNaN(got[i])))
            expect(got[i], `${what} [${i}]`).toBe(want[i]);
        checked++;
      }
      expect(checked).toBeGreaterThan(300);
    });
  }
});

describe("glibc's log2f and log2 ports", () => {
  for (const [name, fn, dtype] of [
    ["log2f", log2f, "float32"],
    ["log2", log2, "float64"],
  ] as const) {
    it(`${name} gives the system glibc's bits`, () => {
      const { x, y } = fixture.glibc[name];
      const xs = decode({ dtype, shape: [], bits: x });
      const ys = decode({ dtype, shape: [], bits: y });
      for (let i = 0; i < xs.length; i++)
        if (!(Number.isNaN(ys[i]) && Number.isNaN(fn(xs[i]))))
          expect(fn(xs[i]), `${name}(${xs[i]})`).toBe(ys[i]);
    });
  }
});
