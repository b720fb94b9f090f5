// Element conversions between dtypes against PyTorch 1.13 on x86 (test/fixtures/casts.json,
// scripts/gen_cast_fixtures.py; docs/int64.md): an integer into a narrower integer type wraps as C's cast does,
// in conversions, in-place ops with an int32 self, copy_, out= and number operands; and the out= of ops autograd
// does not differentiate accepts inputs that require grad.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

type DtypeName = "int64" | "int32" | "bool" | "float32" | "float64";
type Element = string | number;
/** PyTorch's outcome: the elements (integers as exact decimal strings), repr and grad state, or the error. */
interface Outcome {
  dtype?: string;
  values?: Element[];
  repr?: string;
  requires_grad?: boolean;
  grad_fn?: string | null;
  error?: [string, string];
}
interface Fixtures {
  conversions: {
    from: DtypeName;
    to: DtypeName;
    input: Element[];
    to_: Outcome;
    method: Outcome;
    type: Outcome;
    strided: Outcome;
  }[];
  inplace: ({ op: string; self: string[]; other: string[] | string; zero_dim?: boolean } & Outcome)[];
  scalar_ops: ({ op: string; self: string[]; scalar: string } & Outcome)[];
  outs: ({ op: string } & Outcome)[];
  writes: ({ call: string } & Outcome)[];
  not_differentiable: ({ call: string } & Outcome)[];
}

const fixtures = JSON.parse(
  readFileSync(new URL("../fixtures/casts.json", import.meta.url), "utf8"),
) as Fixtures;

const decode = (v: Element): number =>
  v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v);
const INTEGRAL = new Set(["int64", "int32", "bool"]);

function outcomeOf(make: () => torch.Tensor): Outcome {
  try {
    const t = make();
    const integral = INTEGRAL.has(t.dtype.name);
    const values = Array.from(t.values(), (v: number) => (integral ? BigInt(v).toString() : encodeFloat(v)));
    const gradFn = t.grad_fn === null ? null : t.grad_fn.name().replace(/^.*::/, "");
    return {
      dtype: t.dtype.name,
      values,
      repr: t.toString(),
      requires_grad: t.requires_grad,
      grad_fn: gradFn,
    };
  } catch (e) {
    return { error: [(e as Error).name, (e as Error).message] };
  }
}
const encodeFloat = (v: number): Element =>
  Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : v;

const tensorOf = (values: Element[], dtype: DtypeName) =>
  torch.tensor(values.map(decode), { dtype: torch[dtype] });
const METHODS = { int64: "long", int32: "int", bool: "bool", float32: "float", float64: "double" } as const;

type Method = (other: unknown) => torch.Tensor;
const method = (self: torch.Tensor, name: string): Method =>
  (self as unknown as Record<string, Method>)[name].bind(self);

describe.each(availableBackends())("dtype conversions on the %s backend", (backendName) => {
  onBackend(backendName);

  it.each(fixtures.conversions.map((c) => [c.from, c.to, c] as const))("%s → %s", (_, __, c) => {
    const t = tensorOf(c.input, c.from);
    expect(outcomeOf(() => t.to(torch[c.to]))).toEqual(c.to_);
    expect(outcomeOf(() => (t as unknown as Record<string, () => torch.Tensor>)[METHODS[c.to]]())).toEqual(
      c.method,
    );
    expect(outcomeOf(() => t.type(torch[c.to]))).toEqual(c.type);
    const strided = tensorOf([...c.input, ...c.input], c.from)
      .reshape([2, -1])
      .t();
    expect(outcomeOf(() => strided.to(torch[c.to]))).toEqual(c.strided);
  });

  it.each(fixtures.inplace.map((c) => [c.op, c.zero_dim ? "a 0-dim int64" : "int64", c] as const))(
    "int32 self.%s(%s tensor) wraps the result into int32",
    (op, _, c) => {
      const self = tensorOf(c.self, "int32");
      const other =
        typeof c.other === "string" ? tensorOf([c.other], "int64").reshape([]) : tensorOf(c.other, "int64");
      const { error, ...want } = c as Outcome;
      expect(outcomeOf(() => method(self, op)(other))).toEqual(error ? { error } : pick(want));
      if (!error) expect(outcomeOf(() => self)).toEqual(pick(want));
    },
  );

  it.each(fixtures.scalar_ops.map((c) => [c.op, c.scalar, c] as const))(
    "int32 tensor .%s(%s): the number wraps into int32",
    (op, scalar, c) => {
      const self = tensorOf(c.self, "int32");
      expect(outcomeOf(() => method(self, op)(Number(scalar)))).toEqual(pick(c));
      // A bigint operand is the same Python int.
      expect(outcomeOf(() => method(tensorOf(c.self, "int32"), op)(BigInt(scalar)))).toEqual(pick(c));
    },
  );

  it.each(fixtures.outs.map((c) => [c.op, c] as const))("torch.%s(int64, out=int32)", (op, c) => {
    const a = tensorOf(["3000000000", String(2 ** 40 + 5), "-7"], "int64");
    const b = tensorOf(["1", "2", "3"], "int32");
    const fn = (torch as unknown as Record<string, (...args: unknown[]) => torch.Tensor>)[op];
    const out = torch.zeros([3], { dtype: torch.int32 });
    const binary = op === "add" || op === "sub" || op === "mul";
    const got = outcomeOf(() => (binary ? fn(a, b, { out }) : fn(a, { out })));
    expect(got).toEqual(c.error ? { error: c.error } : pick(c));
  });
});

const i32 = () => torch.zeros([3], { dtype: torch.int32 });
const MASK = () => torch.tensor([true, false, true]);
/** torch.tensor(v) of a Python number: an int is int64, a float the default float dtype. */
const pyTensor = (v: number) => torch.tensor(v, { dtype: Number.isInteger(v) ? torch.int64 : torch.float32 });
function setitem(key: unknown, value: unknown): torch.Tensor {
  const t = i32();
  (t as unknown as { set(...args: unknown[]): torch.Tensor }).set(key, value);
  return t;
}

/** The calls of scripts/gen_cast_fixtures.py's WRITES, by name. */
const WRITES: Record<string, () => torch.Tensor> = {
  "x[0] = tensor(3000000000)": () => setitem(0, pyTensor(3000000000)),
  "x[0:2] = int64 tensor": () => setitem("0:2", int64s()),
  "x[mask] = int64 tensor": () => setitem(MASK(), int64s()),
  "torch.tensor(int64 tensor, dtype=int32)": () =>
    torch.tensor(torch.tensor([3000000000, 2 ** 40 + 5, -7], { dtype: torch.int64 }), { dtype: torch.int32 }),
  "int32.new_tensor(int64 tensor)": () =>
    i32().new_tensor(torch.tensor([3000000000, 2 ** 40 + 5, -7], { dtype: torch.int64 })),
  "put_ accumulate int32": () =>
    torch
      .tensor([2 ** 31 - 1, 5, -(2 ** 31)], { dtype: torch.int32 })
      .put_(
        torch.tensor([0, 2, 0], { dtype: torch.int64 }),
        torch.tensor([5, -3, 2 ** 31 - 1], { dtype: torch.int32 }),
        true,
      ),
  "index_put_ int64 values": () => i32().index_put_([torch.tensor([0, 2], { dtype: torch.int64 })], int64s()),
};
function int64s(): torch.Tensor {
  return torch.tensor([3000000000, 2 ** 40 + 5], { dtype: torch.int64 });
}
for (const v of [3000000000, -(2 ** 31) - 1, 2.5, NaN, 2 ** 31 - 1]) {
  const index = () => torch.tensor([0, 1], { dtype: torch.int64 });
  const s = Number.isNaN(v) ? "nan" : String(v);
  WRITES[`fill_(${s})`] = () => i32().fill_(v);
  WRITES[`fill_(tensor(${s}))`] = () => i32().fill_(pyTensor(v));
  WRITES[`masked_fill_(mask, ${s})`] = () => i32().masked_fill_(MASK(), v);
  WRITES[`masked_fill_(mask, tensor(${s}))`] = () => i32().masked_fill_(MASK(), pyTensor(v));
  WRITES[`index_fill_(0, index, ${s})`] = () => i32().index_fill_(0, index(), v);
  WRITES[`index_fill_(0, index, tensor(${s}))`] = () => i32().index_fill_(0, index(), pyTensor(v));
  WRITES[`x[0] = ${s}`] = () => setitem(0, v);
}

describe.each(availableBackends())("writes into an int32 tensor on the %s backend", (backendName) => {
  onBackend(backendName);

  it("covers every recorded call", () => {
    expect(Object.keys(WRITES).sort()).toEqual(fixtures.writes.map((c) => c.call).sort());
  });

  it.each(fixtures.writes.map((c) => [c.call, c] as const))("%s", (call, c) => {
    expect(outcomeOf(WRITES[call])).toEqual(pick(c));
  });
});

/** The fields outcomeOf reports, from a fixture case. */
function pick(c: Outcome): Outcome {
  if (c.error) return { error: c.error };
  const { dtype, values, repr, requires_grad, grad_fn } = c;
  return { dtype, values, repr, requires_grad, grad_fn };
}

const x = () => torch.tensor([1, 2, 0.5], { requires_grad: true });
const bools = () => torch.zeros([3], { dtype: torch.bool });
const longs = (...shape: number[]) => torch.zeros(shape, { dtype: torch.int64 });
const T = torch as unknown as Record<string, (...args: unknown[]) => torch.Tensor>;

/** The calls of scripts/gen_cast_fixtures.py's NOT_DIFFERENTIABLE, by name. */
const NOT_DIFFERENTIABLE: Record<string, () => torch.Tensor> = {
  ...Object.fromEntries(
    ["eq", "ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less", "less_equal", "not_equal"].map(
      (n) => [n, () => T[n](x(), 1, { out: bools() })],
    ),
  ),
  eq_tensor: () => torch.eq(x(), x(), { out: bools() }),
  ...Object.fromEntries(
    ["logical_and", "logical_or", "logical_xor"].map((n) => [n, () => T[n](x(), x(), { out: bools() })]),
  ),
  logical_not: () => torch.logical_not(x(), { out: bools() }),
  logical_not_float_out: () => torch.logical_not(x(), { out: torch.zeros([3]) }),
  all: () => torch.all(x(), { out: torch.zeros([], { dtype: torch.bool }) }),
  any_dim: () => T.any(x(), 0, { out: torch.zeros([], { dtype: torch.bool }) }),
  argmax: () => torch.argmax(x(), { out: longs() }),
  argmin_dim: () => T.argmin(x(), 0, { out: longs() }),
  bucketize: () => torch.bucketize(x(), torch.tensor([1, 2]), { out: longs(3) }),
  searchsorted: () =>
    torch.searchsorted(torch.tensor([1, 2], { requires_grad: true }), x(), { out: longs(3) }),
  nonzero: () => torch.nonzero(x(), { out: longs(0, 1) }) as torch.Tensor,
  heaviside: () => torch.heaviside(x(), x(), { out: torch.zeros([3]) }),
  histc: () => torch.histc(x(), { bins: 4, out: torch.zeros([4]) }),
  floor_divide: () => torch.floor_divide(x(), 2, { out: torch.zeros([3]) }),
  eq_out_requires_grad: () =>
    torch.eq(torch.ones([3]), 1, { out: torch.zeros([3], { requires_grad: true }) }),
  sign: () => torch.sign(x(), { out: torch.zeros([3]) }),
  floor: () => torch.floor(x(), { out: torch.zeros([3]) }),
  clamp: () => torch.clamp(x(), 0, 1, { out: torch.zeros([3]) }),
};

describe("out= of ops autograd does not differentiate", () => {
  it("covers every recorded call", () => {
    expect(Object.keys(NOT_DIFFERENTIABLE).sort()).toEqual(
      fixtures.not_differentiable.map((c) => c.call).sort(),
    );
  });

  it.each(fixtures.not_differentiable.map((c) => [c.call, c] as const))("%s", (call, c) => {
    expect(outcomeOf(NOT_DIFFERENTIABLE[call])).toEqual(pick(c));
  });
});
