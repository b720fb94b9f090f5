// tensorgrad's int64 semantics (docs/int64.md) against PyTorch 1.13 on x86 (test/fixtures/int64.json,
// scripts/gen_int64_fixtures.py): float → int casts, torch.tensor of numbers and bigints, integer wraparound.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, get_backend, set_backend } from "../../src/backend/backend.js";
import { int32, int64 } from "../../src/tensor/dtype.js";
import { onBackend } from "../helpers/backends.js";

type JsonFloat = number | "nan" | "inf" | "-inf";
/** PyTorch's outcome: the elements as exact decimal strings with the repr, or the error's class and text. */
interface Outcome {
  values?: string[];
  repr?: string;
  error?: [string, string];
}
interface Fixtures {
  casts: ({ from: "float32" | "float64"; to: "int64" | "int32"; input: JsonFloat[] } & Outcome)[];
  from_floats: ({ value: JsonFloat; dtype: "int64" | "int32" } & Outcome)[];
  from_full: ({ value: JsonFloat; dtype: "int64" | "int32" } & Outcome)[];
  from_ints: ({ value: string; dtype: "default" | "int64" | "int32" } & Outcome)[];
  arithmetic: ({
    a: string;
    b: string;
    op: "add" | "sub" | "mul";
    dtype: "int64" | "int32";
    exact: string;
  } & Outcome)[];
}

const fixtures = JSON.parse(
  readFileSync(new URL("../fixtures/int64.json", import.meta.url), "utf8"),
) as Fixtures;
const decode = (v: JsonFloat): number =>
  v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v;
/** An int tensor's elements as exact decimal strings (a double beyond 2^53 is still one exact integer). */
const exactValues = (t: torch.Tensor): string[] =>
  Array.from(t.values(), (v: number) => BigInt(v).toString());

function outcomeOf(make: () => torch.Tensor): Outcome {
  try {
    const t = make();
    return { values: exactValues(t), repr: t.toString() };
  } catch (e) {
    return { error: [(e as Error).name, (e as Error).message] };
  }
}

describe.each(availableBackends())("int64 semantics on the %s backend", (backendName) => {
  onBackend(backendName);

  it.each(fixtures.casts.map((c) => [`${c.from} → ${c.to}`, c] as const))(
    "casts %s as PyTorch does on x86: toward zero, NaN/±inf/out of range to the minimum",
    (_, c) => {
      const source = torch.tensor(c.input.map(decode), { dtype: torch[c.from] });
      expect(outcomeOf(() => source.to(torch[c.to]))).toEqual({ values: c.values, repr: c.repr });
      expect(outcomeOf(() => (c.to === "int64" ? source.long() : source.int()))).toEqual({
        values: c.values,
        repr: c.repr,
      });
    },
  );
});

describe("torch.tensor of numbers and bigints into integer dtypes", () => {
  it.each(fixtures.from_floats.map((c) => [String(c.value), c.dtype, c] as const))(
    "torch.tensor(%s, dtype=%s)",
    (_, __, c) => {
      const { values, repr, error } = c;
      expect(outcomeOf(() => torch.tensor(decode(c.value), { dtype: torch[c.dtype] }))).toEqual(
        error ? { error } : { values, repr },
      );
    },
  );

  it.each(fixtures.from_full.map((c) => [String(c.value), c.dtype, c] as const))(
    "torch.full([2], %s, dtype=%s)",
    (_, __, c) => {
      const { values, repr, error } = c;
      expect(outcomeOf(() => torch.full([2], decode(c.value), { dtype: torch[c.dtype] }))).toEqual(
        error ? { error } : { values, repr },
      );
    },
  );

  const exactInDouble = (v: string) => BigInt(Number(BigInt(v))) === BigInt(v);
  it.each(fixtures.from_ints.map((c) => [c.value, c.dtype, c] as const))(
    "torch.tensor(%sn, dtype=%s)",
    (_, __, c) => {
      const make = () =>
        torch.tensor(BigInt(c.value), c.dtype === "default" ? {} : { dtype: torch[c.dtype] });
      const got = outcomeOf(make);
      if (c.error || exactInDouble(c.value)) {
        expect(got).toEqual(c.error ? { error: c.error } : { values: c.values, repr: c.repr });
      } else {
        // The documented difference: PyTorch holds it exactly; tensorgrad's doubles cannot, so it refuses it.
        expect(got.error?.[0]).toBe("RuntimeError");
        expect(got.error?.[1]).toMatch(new RegExp(`^int64 value ${c.value} cannot be stored exactly`));
      }
    },
  );

  it("refuses a bigint that is not exact in a double in typed-array data too", () => {
    expect(() => torch.tensor(new BigInt64Array([2n ** 53n + 1n]))).toThrow(/cannot be stored exactly/);
    expect(torch.tensor(new BigInt64Array([-(2n ** 63n)])).toString()).toBe("tensor([-9223372036854775808])");
  });
});

describe("integer arithmetic wraps around like PyTorch's (dtype.wrap)", () => {
  const wrapOf = { int64: int64.wrap, int32: int32.wrap };
  for (const c of fixtures.arithmetic) {
    const exact = BigInt(c.exact);
    const representable = BigInt(Number(exact)) === exact;
    it(`${c.dtype}: ${c.a} ${c.op} ${c.b}`, () => {
      const got = BigInt(wrapOf[c.dtype](Number(exact))).toString();
      // When the exact result is no double (-2^63 - 1), the double nearest to it is what tensorgrad can wrap.
      if (representable) expect(got).toBe(c.values![0]);
      else expect(got).not.toBe(c.values![0]);
    });
  }
});

/**
 * Integer ops whose exact result leaves the dtype's range wrap around as PyTorch's do (dtype.wrap), except where
 * the exact result is no double: listed here, so the test fails when one starts to match.
 */
const KNOWN_NOT_WRAPPED = new Set([
  // Not a kernel matter: the exact result, -2^63 - 1, is no double, so the sum is already -2^63 before any wrap.
  "int64: -9223372036854775808 add -1",
]);

describe.each(availableBackends())("integer ops out of range on the %s backend", (backendName) => {
  let previous = get_backend();
  beforeAll(() => {
    previous = get_backend();
    set_backend(backendName);
  });
  afterAll(() => set_backend(previous));

  for (const c of fixtures.arithmetic) {
    const name = `${c.dtype}: ${c.a} ${c.op} ${c.b}`;
    it(name, () => {
      const dtype = torch[c.dtype];
      const x = torch.tensor([BigInt(c.a)], { dtype });
      const y = torch.tensor([BigInt(c.b)], { dtype });
      const got = exactValues(x[c.op](y));
      if (KNOWN_NOT_WRAPPED.has(name)) expect(got).not.toEqual(c.values);
      else expect(got).toEqual(c.values);
    });
  }
});
