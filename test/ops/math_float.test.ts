// asinh, acosh, atanh, copysign, fmax, fmin, nextafter, ldexp, frexp and float_power against PyTorch 1.13
// (test/fixtures/numerics/math_float.json, from scripts/gen_math_float_fixtures.py), on every backend: every output
// bit on contiguous tensors and 0-dim ones (glibc's asinhf/asinh & co. over their branches, NaNs and signed zeros),
// the result dtypes of integer, bool and mixed operands, gradients' bits, grad_fn names and PyTorch's error texts;
// then float64 gradcheck and gradgradcheck of the differentiable ones.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { DTYPES, type DTypeName } from "../../src/tensor/dtype.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { onBackend } from "../helpers/backends.js";

interface Encoded {
  dtype: string;
  shape: number[];
  bits: string;
}
interface ValueCase {
  op: string;
  inputs: Encoded[];
  out: Encoded;
  out2?: Encoded;
  scalar?: string[];
  scalar_every?: number;
  exponent?: number;
  base?: number;
  other?: number;
}
interface GradCase {
  op: string;
  dtype: string;
  x: Encoded;
  y: Encoded;
  grad_output: Encoded;
  grad_fn: string;
  out: Encoded;
  x_grad: Encoded | null;
  y_grad: Encoded | null;
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/math_float.json", import.meta.url), "utf8"),
) as {
  values: ValueCase[];
  grads: GradCase[];
  grad_fns: Record<string, { grad_fn: string; next: (string | null)[] }>;
  errors: Record<string, { error: string | null; message?: string }>;
  complex_powers: Record<string, { dtype: string; values: number[] }>;
};

function raw(b64: string, dtype: string): ArrayLike<number> {
  const bytes = Buffer.from(b64, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  switch (dtype) {
    case "float32":
      return new Float32Array(copy.buffer);
    case "float64":
      return new Float64Array(copy.buffer);
    case "int32":
      return new Int32Array(copy.buffer);
    case "int64":
      return Array.from(new BigInt64Array(copy.buffer), Number);
    case "bool":
      return copy;
  }
  throw new Error(`no decoder for ${dtype}`);
}

function decode(e: Encoded): Tensor {
  const dtype = DTYPES[e.dtype as DTypeName];
  const values = raw(e.bits, e.dtype);
  const data = dtype.name === "float32" || dtype.name === "float64" ? values : Array.from(values);
  return Tensor._fromData(
    dtype.name === "float32"
      ? (data as Float32Array)
      : dtype.name === "float64"
        ? (data as Float64Array)
        : torch.tensor(data as number[], { dtype }).values(),
    e.shape,
    dtype,
  );
}

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const signOf = (v: number): number => ((scratch[0] = v), words[1] >>> 31);

/** The first few elements whose bits differ (NaNs equal whatever their payload; copysign's keep their sign). */
function mismatches(actual: ArrayLike<number>, expected: ArrayLike<number>, nanSign = false): string[] {
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const same = Number.isNaN(e) ? Number.isNaN(a) && (!nanSign || signOf(a) === signOf(e)) : Object.is(a, e);
    if (!same && bad.length < 5) bad.push(`[${i}] got ${a}, PyTorch ${e}`);
  }
  return bad;
}

/** What differs between a result and PyTorch's (dtype, shape or bits), or null. */
function difference(actual: Tensor, expected: Encoded, what: string, nanSign = false): string | null {
  if (actual.dtype.name !== expected.dtype)
    return `${what}: dtype ${actual.dtype.name}, PyTorch ${expected.dtype}`;
  if (actual.shape.join() !== expected.shape.join())
    return `${what}: shape [${actual.shape}], PyTorch [${expected.shape}]`;
  const bad = mismatches(actual.values(), raw(expected.bits, expected.dtype), nanSign);
  return bad.length === 0 ? null : `${what}: ${bad.join("; ")}`;
}

function expectTensor(actual: Tensor, expected: Encoded, what: string, nanSign = false) {
  expect(difference(actual, expected, what, nanSign)).toBeNull();
}

type Op = (inputs: Tensor[], c: ValueCase) => Tensor;
const OPS: Record<string, Op> = {
  asinh: ([x]) => torch.asinh(x),
  acosh: ([x]) => torch.acosh(x),
  atanh: ([x]) => torch.atanh(x),
  copysign: ([a, b]) => torch.copysign(a, b),
  "copysign.scalar": ([a], c) => torch.copysign(a, c.other!),
  fmax: ([a, b]) => torch.fmax(a, b),
  fmin: ([a, b]) => torch.fmin(a, b),
  nextafter: ([a, b]) => torch.nextafter(a, b),
  float_power: ([a, b]) => torch.float_power(a, b),
  "float_power.scalar": ([a], c) => torch.float_power(a, c.exponent!),
  "float_power.base": ([a], c) => torch.float_power(c.base!, a),
  ldexp: ([a, b]) => torch.ldexp(a, b),
  pow: ([a, b]) => torch.pow(a, b),
};

type T = Tensor;
const i64 = (v: number[]) => torch.tensor(v, { dtype: torch.int64 });
const complex = () => torch.complex(torch.tensor([0]), torch.tensor([1]));
/** The calls of GRAD_FNS in the script; `x` requires grad. */
const GRAD_FN_CALLS: Record<string, (x: T) => T> = {
  asinh: (x) => torch.asinh(x),
  arcsinh: (x) => torch.arcsinh(x),
  acosh_: (x) => x.clone().acosh_(),
  arccosh_: (x) => torch.arccosh_(x.clone()),
  asinh_: (x) => x.clone().asinh_(),
  atanh_: (x) => x.clone().atanh_(),
  copysign: (x) => torch.copysign(x, x),
  "copysign.scalar": (x) => x.copysign(-1),
  copysign_: (x) => x.clone().copysign_(-1),
  fmax: (x) => torch.fmax(x, x),
  fmin: (x) => x.fmin(x),
  nextafter: (x) => torch.nextafter(x, x),
  nextafter_: (x) => x.clone().nextafter_(x),
  ldexp: (x) => torch.ldexp(x, i64([1, 2, 3])),
  frexp: (x) => torch.frexp(x).mantissa,
  float_power: (x) => torch.float_power(x, x),
  "float_power.scalar": (x) => x.float_power(2),
  "float_power.base": (x) => torch.float_power(2, x),
  "float_power.double": (x) => torch.float_power(x.double(), 3),
};
/** The calls of ERRORS in the script. */
const ERROR_CALLS: Record<string, () => unknown> = {
  "asinh_ int": () => torch.asinh_(i64([1, 2])),
  "arctanh_ int": () => i64([1, 2]).arctanh_(),
  "copysign complex": () => torch.copysign(complex(), torch.tensor([1])),
  "copysign_ int": () => i64([1, 2]).copysign_(i64([-1, 2])),
  "fmax complex": () => torch.fmax(complex(), complex()),
  "fmin complex": () => torch.fmin(complex(), complex()),
  "fmax number": () => torch.fmax(torch.tensor([1]), 2 as unknown as T),
  "nextafter int": () => torch.nextafter(i64([1, 2]), i64([1, 2])),
  "nextafter bool": () => torch.nextafter(torch.tensor([true]), torch.tensor([false])),
  "nextafter backward": () =>
    torch
      .nextafter(torch.tensor([1], { requires_grad: true }), torch.tensor([2]))
      .sum()
      .backward(),
  "acosh_ backward": () => torch.tensor([2], { requires_grad: true }).clone().acosh_().sum().backward(),
  "ldexp number": () => torch.ldexp(torch.tensor([1]), 3 as unknown as T),
  "ldexp_ int": () => i64([1, 2]).ldexp_(i64([1, 2])),
  "ldexp_ grad": () =>
    torch
      .tensor([1], { requires_grad: true })
      .clone()
      .ldexp_(i64([1])),
  "frexp int": () => torch.frexp(i64([1, 2])),
  "frexp bool": () => torch.frexp(torch.tensor([true])),
  "float_power_ float": () => torch.tensor([1, 2]).float_power_(2),
  "float_power_ tensor": () => torch.tensor([1, 2]).float_power_(torch.tensor([2])),
  "float_power broadcast": () => torch.float_power(torch.ones(2, 3), torch.ones(4)),
  "copysign broadcast_": () => torch.ones(3).copysign_(torch.ones(2, 3)),
};
/** The differentiable ops of GRAD_OPS in the script: out from x and y. */
const GRAD_OPS: Record<string, (x: T, y: T) => T> = {
  asinh: (x) => torch.asinh(x),
  acosh: (x) => torch.acosh(x),
  atanh: (x) => torch.atanh(x),
  copysign: (x, y) => torch.copysign(x, y),
  "copysign.scalar": (x) => torch.copysign(x, -1.5),
  fmax: (x, y) => torch.fmax(x, y),
  fmin: (x, y) => torch.fmin(x, y),
  frexp: (x) => torch.frexp(x).mantissa,
  ldexp: (x, y) => torch.ldexp(x, y),
  float_power: (x, y) => torch.float_power(x, y),
  "float_power.scalar": (x) => torch.float_power(x, 2.5),
  "float_power.base": (_x, y) => torch.float_power(2.5, y),
};

describe.each(availableBackends())("math_float ops on the %s backend", (backendName) => {
  onBackend(backendName);

  it("gives PyTorch's bits and dtypes on every input", () => {
    const failures: string[] = [];
    const expectTensor = (actual: Tensor, expected: Encoded, what: string, nanSign = false) => {
      const d = difference(actual, expected, what, nanSign);
      if (d !== null) failures.push(d);
    };
    for (const c of fixture.values) {
      const inputs = c.inputs.map(decode);
      const what = `${c.op}(${c.inputs.map((i) => i.dtype).join(", ")})`;
      const nanSign = c.op.startsWith("copysign");
      if (c.op === "frexp") {
        const [m, e] = torch.frexp(inputs[0]);
        expectTensor(m, c.out, `${what} mantissa`);
        expectTensor(e, c.out2!, `${what} exponent`);
        continue;
      }
      expectTensor(OPS[c.op](inputs, c), c.out, what, nanSign);
      if (c.scalar) {
        // 0-dim operands take the scalar path (no backend call).
        const at = (k: number) => inputs.map((t) => t.select(0, k * c.scalar_every!));
        const got = c.scalar.map((_, k) => OPS[c.op](at(k), c).item());
        const want = c.scalar.map((b) => raw(b, c.out.dtype)[0]);
        const bad = mismatches(got, want);
        if (bad.length > 0) failures.push(`${what} 0-dim: ${bad.join("; ")}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("computes strided inputs like contiguous ones", () => {
    const c = fixture.values.find((v) => v.op === "asinh" && v.inputs[0].dtype === "float32")!;
    const x = decode(c.inputs[0]).narrow(0, 0, 1200).view(40, 30);
    expect(mismatches(torch.asinh(x.t()).values(), torch.asinh(x).t().contiguous().values())).toEqual([]);
    const y = x.clone();
    torch.asinh_(y);
    expect(mismatches(y.values(), torch.asinh(x).values())).toEqual([]);
  });

  it("gives PyTorch's gradients and grad_fn names", () => {
    for (const c of fixture.grads) {
      const x = decode(c.x).requires_grad_(true);
      const y = decode(c.y).requires_grad_(true);
      const out = GRAD_OPS[c.op](x, y);
      const what = `${c.op} ${c.dtype}`;
      expect(out.grad_fn?.name(), what).toBe(c.grad_fn);
      expectTensor(out, c.out, `${what} out`);
      out.backward(decode(c.grad_output));
      if (c.x_grad) expectTensor(x.grad!, c.x_grad, `${what} x.grad`);
      else expect(x.grad, `${what} x.grad`).toBeNull();
      if (c.y_grad) expectTensor(y.grad!, c.y_grad, `${what} y.grad`);
      else expect(y.grad, `${what} y.grad`).toBeNull();
    }
  });

  it("records PyTorch's nodes", () => {
    for (const [name, want] of Object.entries(fixture.grad_fns)) {
      const x = torch.tensor([0.5, 1.5, 2.5], { requires_grad: true });
      const node = GRAD_FN_CALLS[name](x).grad_fn!;
      expect(node.name(), name).toBe(want.grad_fn);
      expect(
        node.next_functions.map(([n]) => (n === null ? null : n.name())),
        `${name} next_functions`,
      ).toEqual(want.next);
    }
  });

  it("raises PyTorch's errors", () => {
    for (const [name, want] of Object.entries(fixture.errors)) {
      let thrown: unknown = null;
      try {
        ERROR_CALLS[name]();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, name).not.toBeNull();
      expect([(thrown as Error).name, (thrown as Error).message], name).toEqual([want.error, want.message]);
    }
  });

  it("computes float_power of complex operands in complex128", () => {
    const C = torch.complex(torch.tensor([1, -2, 0.5]), torch.tensor([0.5, 1, -3]));
    const R = torch.tensor([2, 0.5, 3]);
    const calls: Record<string, () => T> = {
      "complex tensor, number": () => torch.float_power(C, 2.5),
      "complex tensor, 2": () => torch.float_power(C, 2),
      "real tensor, complex tensor": () => torch.float_power(R, C),
      "number, complex tensor": () => torch.float_power(1.5, C),
      "complex tensor, real tensor": () => C.float_power(R),
    };
    for (const [name, want] of Object.entries(fixture.complex_powers)) {
      const out = calls[name]();
      expect(out.dtype.name, name).toBe(want.dtype);
      const got = Array.from(torch.view_as_real(out).flatten().values());
      got.forEach((v, i) => expect(v, `${name} [${i}]`).toBeCloseTo(want.values[i], 12));
    }
  });

  it("passes float64 gradcheck and gradgradcheck", () => {
    const { gradcheck, gradgradcheck } = torch.autograd;
    const f64 = (v: number[]) => torch.tensor(v, { dtype: torch.float64, requires_grad: true });
    const mixed = f64([-2.5, -0.7, 0.3, 1.9]);
    const other = f64([1.2, -0.4, -1.5, 2.2]);
    const checks: [string, (...a: T[]) => T, T[]][] = [
      ["asinh", (x) => torch.asinh(x), [mixed]],
      ["acosh", (x) => torch.acosh(x), [f64([1.3, 2.5, 7])]],
      ["atanh", (x) => torch.atanh(x), [f64([-0.8, -0.1, 0.45, 0.9])]],
      ["copysign", (x, y) => torch.copysign(x, y), [mixed, other]],
      ["copysign.scalar", (x) => torch.copysign(x, -1), [mixed]],
      ["fmax", (x, y) => torch.fmax(x, y), [mixed, other]],
      ["fmin", (x, y) => torch.fmin(x, y), [mixed, other]],
      ["frexp", (x) => torch.frexp(x).mantissa, [f64([0.3, 1.7, -5.2, 11])]],
      ["ldexp", (x, y) => torch.ldexp(x, y), [mixed, other]],
      ["float_power", (x, y) => torch.float_power(x, y), [f64([0.5, 1.5, 2.5, 3]), other]],
      ["float_power.scalar", (x) => torch.float_power(x, 2.5), [f64([0.5, 1.5, 2.5, 3])]],
      ["float_power.base", (y) => torch.float_power(1.7, y), [other]],
    ];
    for (const [name, fn, inputs] of checks) {
      expect(gradcheck(fn, inputs), `${name} gradcheck`).toBe(true);
      expect(gradgradcheck(fn, inputs), `${name} gradgradcheck`).toBe(true);
    }
  });
});
