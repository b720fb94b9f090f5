// Bit-exactness of the port of glibc's double sin and cos (src/backend/js/glibc_sincos.ts) against the system
// glibc's FMA build (test/fixtures/numerics/sincos.json, from scripts/gen_sincos_fixtures.py): every output bit
// over each range s_sin.c branches on, Box-Muller's angles, values next to multiples of pi/2 and special values.
// NaN payloads are not compared (JavaScript does not keep them); everything else is, -0 included.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cos, sin } from "../../src/backend/js/glibc_sincos.js";

interface Case {
  name: string;
  x: string;
  sin: string;
  cos: string;
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/sincos.json", import.meta.url), "utf8"),
) as { libc: string; cases: Case[] };

function decode(b64: string): Float64Array {
  const bytes = Buffer.from(b64, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

const bitsOf = (v: number): string => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, v);
  return b.getBigUint64(0).toString(16).padStart(16, "0");
};

/** "x: got, expected" for each input whose result differs from glibc's (any NaN equals any NaN). */
function mismatches(f: (x: number) => number, xs: Float64Array, expected: Float64Array): string[] {
  const bad: string[] = [];
  xs.forEach((x, i) => {
    const got = f(x);
    if (!Object.is(got, expected[i]) && !(Number.isNaN(got) && Number.isNaN(expected[i])))
      bad.push(`${x} (${bitsOf(x)}): ${bitsOf(got)}, glibc ${bitsOf(expected[i])}`);
  });
  return bad;
}

describe(`glibc's sin and cos (recorded from ${fixture.libc})`, () => {
  for (const c of fixture.cases) {
    const xs = decode(c.x);
    it(`${c.name}: ${xs.length} inputs`, () => {
      expect(xs.length).toBeGreaterThan(0);
      expect(mismatches(sin, xs, decode(c.sin))).toEqual([]);
      expect(mismatches(cos, xs, decode(c.cos))).toEqual([]);
    });
  }

  it("keeps the sign of zero and returns NaN for infinities", () => {
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(cos(-0)).toBe(1);
    expect(sin(Infinity)).toBeNaN();
    expect(cos(-Infinity)).toBeNaN();
    expect(sin(NaN)).toBeNaN();
  });
});
