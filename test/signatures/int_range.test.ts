// Numbers beyond int64 as operands against PyTorch 1.13 (test/fixtures/numerics/int_overflow.json, from
// scripts/gen_int_overflow_fixtures.py; docs/int64.md): a bigint outside [-2^63, 2^63) given for a Scalar, a
// Tensor that takes numbers or a Scalar list raises PyTorch's "Overflow when unpacking long", as a Python int
// does; a JS number of that size is the Python float it also spells (`t + 1e19`, `finfo.min` masks).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

type Outcome =
  | { expr: string; error: string; message: string }
  | { expr: string; dtype: string; shape: number[]; values: unknown };
const { cases } = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/int_overflow.json", import.meta.url), "utf8"),
) as { cases: Record<string, Outcome> };

const t = torch.tensor([1, 2], { dtype: torch.float32 });
const ti = torch.tensor([1n, 2n]);
const P63 = 2n ** 63n;

/** The fixture's Python expressions, as a port writes them (Python ints as bigints, floats as numbers). */
const CALLS: Record<string, () => torch.Tensor> = {
  add_2p63: () => t.add(P63),
  add_2p64: () => t.add(2n ** 64n),
  add_neg: () => t.add(-P63 - 1n),
  add_min: () => t.add(-P63),
  add_alpha: () => t.add(1, { alpha: P63 }),
  add_int_tensor: () => ti.add(P63),
  sub: () => t.sub(P63),
  rsub: () => torch.rsub(t, P63),
  mul: () => t.mul(P63),
  div: () => t.div(P63),
  pow: () => t.pow(P63),
  pow_scalar_base: () => torch.pow(P63, t),
  remainder: () => t.remainder(P63),
  full: () => torch.full([2], P63),
  full_min: () => torch.full([2], -P63),
  full_float_dtype: () => torch.full([2], P63, { dtype: torch.float32 }),
  full_like: () => torch.full_like(t, P63),
  fill_: () => t.clone().fill_(2n ** 70n),
  lt: () => t.lt(P63),
  eq: () => torch.eq(t, P63),
  clamp: () => t.clamp({ max: P63 }),
  where: () => torch.where(t.gt(1), t, P63),
  masked_fill: () => t.masked_fill(t.gt(1), P63),
  lerp: () => t.lerp(t, P63),
  bitwise_and: () => ti.bitwise_and(P63),
  tensor: () => torch.tensor(P63),
  tensor_list: () => torch.tensor([1n, 2n ** 64n]),
  arange: () => torch.arange(P63),
  f_add_2p63: () => t.add(2 ** 63),
  f_add_1e19: () => t.add(1e19),
  f_add_int_tensor: () => ti.add(2 ** 63),
  f_full: () => torch.full([2], 2 ** 63),
  f_full_1e19: () => torch.full([2], 1e19),
  f_fill_: () => t.clone().fill_(2 ** 70),
  f_lt: () => t.lt(2 ** 63),
  f_masked_fill_min: () => t.masked_fill(t.gt(1), -3.4028234663852886e38),
  f_clamp: () => t.clamp({ max: 1e20 }),
  f_fill_int64: () => ti.clone().fill_(2 ** 63),
  f_masked_fill_int64: () => ti.masked_fill(ti.gt(1), 2 ** 63),
  f_fill_int64_over: () => ti.clone().fill_(2 ** 63 + 2 ** 11),
  f_full_int64: () => torch.full([2], 2 ** 63, { dtype: torch.int64 }),
  f_fill_int32_frac: () => ti.int().fill_(2147483647.5),
  f_index_fill_int32_min: () => ti.int().index_fill(0, torch.tensor([0n]), -2147483648),
  f_eq_int: () => ti.eq(2 ** 63),
  f_mul_int: () => ti.mul(2 ** 63),
};

describe("numbers beyond int64 as operands (PyTorch 1.13)", () => {
  it("the table covers every recorded case", () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(cases).sort());
  });
  it.each(Object.entries(cases))("%s", (key, outcome) => {
    const call = CALLS[key]!;
    if ("error" in outcome) {
      let thrown: unknown = null;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, outcome.expr).toBeInstanceOf(Error);
      expect((thrown as Error).constructor.name, outcome.expr).toBe(outcome.error);
      expect((thrown as Error).message, outcome.expr).toBe(outcome.message);
      return;
    }
    const r = call();
    expect(r.dtype.name, outcome.expr).toBe(outcome.dtype);
    expect([...r.shape], outcome.expr).toEqual(outcome.shape);
    expect(r.tolist(), outcome.expr).toEqual(outcome.values);
  });
});
