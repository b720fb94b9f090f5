// Bit-exactness of float32 binary math kernels against PyTorch 1.13 (test/fixtures/numerics/binary.json, from
// scripts/gen_numerics_fixtures.py): atan2 runs Sleef_atan2f8_u10 on the 16-element blocks of its vectorized
// rows and glibc's atan2f elsewhere, so every view below lands elements on both paths.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { float32 } from "../../src/tensor/dtype.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { slice } from "../../src/ops/shape.js";
import { onBackend } from "../helpers/backends.js";

interface BinaryFixture {
  y: string;
  x: string;
  cases: { op: "atan2"; dtype: "float32"; out: Record<string, string> }[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/binary.json", import.meta.url), "utf8"),
) as BinaryFixture;

function decode(b64: string): Float32Array {
  const bytes = Buffer.from(b64, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

const tensorOf = (values: Float32Array, shape = [values.length]): torch.Tensor =>
  Tensor._fromData(values, shape, float32);

type Pair = (t: torch.Tensor) => torch.Tensor;
const grid = (t: torch.Tensor) => slice(t, 0, 0, 253).reshape(11, 23);
/** The generator's BINARY_VIEWS: [view of y, view of x]. */
const VIEWS: Record<string, [Pair, Pair]> = {
  contiguous: [(y) => y, (x) => x],
  offset: [(y) => slice(y, 0, 3), (x) => slice(x, 0, 3)],
  strided: [(y) => slice(y, 0, null, null, 3), (x) => slice(x, 0, null, null, 3)],
  transposed: [(y) => grid(y).t(), (x) => grid(x).t()],
  rows: [(y) => slice(grid(y), 1, 0, 18), (x) => slice(grid(x), 1, 0, 18)],
  broadcast: [(y) => slice(y, 0, 0, 253), (x) => x.select(0, 7)],
  broadcast_row: [(y) => grid(y), (x) => slice(x, 0, 0, 23)],
};
const N_SCALAR = 24;

function expectBits(actual: ArrayLike<number>, expected: Float32Array, what: string): void {
  expect(actual.length).toBe(expected.length);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    if (!Object.is(a, e) && !(Number.isNaN(a) && Number.isNaN(e))) bad.push(`[${i}]: got ${a}, PyTorch ${e}`);
  }
  expect(bad.slice(0, 5), `${what}: ${bad.length} of ${expected.length} elements differ`).toEqual([]);
}

describe.each(availableBackends())("PyTorch's exact binary-op bits on the %s backend", (backendName) => {
  onBackend(backendName);

  const y = decode(fixture.y);
  const x = decode(fixture.x);
  for (const c of fixture.cases) {
    for (const [view, bits] of Object.entries(c.out)) {
      it(`${c.op} ${c.dtype} ${view}`, () => {
        if (view === "scalar") {
          const idx = Array.from({ length: N_SCALAR }, (_, k) => Math.floor((k * y.length) / N_SCALAR));
          const got = idx.map(
            (i) =>
              torch.atan2(tensorOf(y.slice(i, i + 1), []), tensorOf(x.slice(i, i + 1), [])).item() as number,
          );
          expectBits(got, decode(bits), "0-dim");
          return;
        }
        const [vy, vx] = VIEWS[view];
        expectBits(torch.atan2(vy(tensorOf(y)), vx(tensorOf(x))).values(), decode(bits), view);
      });
    }
  }
});
