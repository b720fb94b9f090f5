// Replays the signature walk (calls.ts) in tensorgrad and compares each outcome with what PyTorch 1.13 did
// (test/fixtures/calls.json, `npm run fixtures -- calls`): keyword arguments change results exactly as
// there, and bad calls raise PyTorch's error class and message. No message may show JS internals.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, set_backend } from "../../src/backend/backend.js";
import { PYTHON_TYPE } from "../../src/signatures/messages.js";
import { allCases, SAMPLE_TENSORS, type CallCase, type Value } from "./calls.js";
import { EXCEPTIONS } from "./samples/index.js";

type Encoded =
  | { tensor: { dtype: string; shape: number[]; values: (number | string | boolean)[] } }
  | { list: Encoded[] }
  | { bool: boolean }
  | { number: number | string }
  | { none: true }
  | { str: string }
  | { dtype: string }
  | { dict: [string, Encoded][] }
  | { repr: string };
type Outcome = { ok: Encoded; self?: Encoded } | { error: string; message: string };

const FIXTURE = JSON.parse(readFileSync(new URL("../fixtures/calls.json", import.meta.url), "utf8")) as {
  outcomes: Record<string, Outcome>;
};

/** Python's Unmatchable(): an object no parameter takes. */
class Unmatchable {
  readonly [PYTHON_TYPE] = "Unmatchable";
}

const DTYPES: Record<string, torch.DType> = {
  float32: torch.float32,
  float64: torch.float64,
  int64: torch.int64,
  int32: torch.int32,
  bool: torch.bool,
};

/** A public class or function by its Python path ("torch.optim.SGD"). */
function resolve(target: string): unknown {
  let found: unknown = torch;
  for (const p of target.split(".").slice(1)) found = (found as Record<string, unknown>)[p];
  return found;
}

function build(v: Value): unknown {
  if (Array.isArray(v)) return v.map(build);
  if (v === null || typeof v !== "object") return v;
  if ("tensor" in v) {
    const s = SAMPLE_TENSORS[v.tensor];
    const dtype = DTYPES[s.dtype];
    const data = s.dtype === "bool" ? s.data.map((x) => x !== 0) : s.data;
    const t = torch.tensor(data as number[], { dtype }).reshape(s.shape);
    return v.requires_grad ? t.requires_grad_(true) : t;
  }
  if ("dict" in v) return Object.fromEntries(Object.entries(v.dict).map(([k, x]) => [k, build(x)]));
  if ("new" in v) {
    const args = v.args.map(build);
    if (v.kwargs) args.push(Object.fromEntries(Object.entries(v.kwargs).map(([k, x]) => [k, build(x)])));
    const target = resolve(v.new);
    return /^_*[A-Z]/.test(v.new.split(".").pop()!)
      ? new (target as new (...a: unknown[]) => unknown)(...args)
      : (target as (...a: unknown[]) => unknown)(...args);
  }
  if ("returns" in v) {
    const value = build(v.returns);
    return () => value;
  }
  if ("float" in v) return Number(v.float === "inf" ? Infinity : v.float === "-inf" ? -Infinity : NaN);
  if ("dtype" in v) return DTYPES[v.dtype];
  if ("bigint" in v) return BigInt(v.bigint);
  if ("object" in v) return new Unmatchable();
  return new torch.Generator().manual_seed(v.generator);
}

function encodeNumber(x: number): number | string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return x;
}

function encode(r: unknown): Encoded {
  if (r instanceof torch.Tensor) {
    const values = [...r.detach().reshape(-1).values()].map((x) =>
      r.dtype === torch.bool ? x !== 0 : encodeNumber(x),
    );
    return { tensor: { dtype: r.dtype.name, shape: [...r.shape], values } };
  }
  if (Array.isArray(r)) return { list: r.map(encode) };
  // A tuple-like result (ValuesIndices); an iterable with its own repr (a DataLoader, a Sequential) is not one.
  if (r !== null && typeof r === "object" && Symbol.iterator in r && r.toString === Object.prototype.toString)
    return { list: [...(r as Iterable<unknown>)].map(encode) };
  // A dict (a state_dict): its items in order.
  if (r !== null && typeof r === "object" && Object.getPrototypeOf(r) === Object.prototype)
    return { dict: Object.entries(r).map(([k, v]) => [k, encode(v)]) };
  if (typeof r === "boolean") return { bool: r };
  if (typeof r === "number") return { number: encodeNumber(r) };
  if (r === null || r === undefined) return { none: true };
  if (typeof r === "string") return { str: r };
  if (r instanceof torch.DType) return { dtype: r.name };
  return { repr: String(r) };
}

function run(c: CallCase): Outcome {
  try {
    // Every case starts from the same state as in gen_call_fixtures.py: the generator's, grad mode on.
    torch.manual_seed(0);
    torch.set_grad_enabled(true);
    const args = c.args.map(build);
    if (c.kwargs !== null)
      args.push(Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, build(v)])));
    if (c.self !== undefined) {
      // A Tensor method ("Tensor.add") or a class's ("torch.nn.Module.train") on the object `self` builds.
      const self = build(c.self) as torch.Tensor;
      const method = (self as unknown as Record<string, (...a: unknown[]) => unknown>)[
        c.target.slice(c.target.lastIndexOf(".") + 1)
      ];
      const result = method.apply(self, args);
      return { ok: encode(result), self: encode(self) };
    }
    const path = c.target.split(".").slice(1);
    let target: unknown = torch;
    for (const p of path) target = (target as Record<string, unknown>)[p];
    // A class, public or private (torch.optim.lr_scheduler._LRScheduler).
    const isClass = /^_*[A-Z]/.test(path[path.length - 1]);
    const result = isClass
      ? new (target as new (...a: unknown[]) => unknown)(...args)
      : (target as (...a: unknown[]) => unknown)(...args);
    return { ok: encode(result) };
  } catch (e) {
    return { error: (e as Error).name, message: (e as Error).message };
  }
}

/** Values equal to float32 precision (the walk checks arguments, not numerics). */
function expectSame(actual: Encoded, expected: Encoded, where: string): void {
  if ("tensor" in expected && "tensor" in actual) {
    expect(actual.tensor.dtype, where).toBe(expected.tensor.dtype);
    expect(actual.tensor.shape, where).toEqual(expected.tensor.shape);
    actual.tensor.values.forEach((v, i) => {
      const e = expected.tensor.values[i];
      if (typeof v === "number" && typeof e === "number") expect(v, `${where}[${i}]`).toBeCloseTo(e, 5);
      else expect(v, `${where}[${i}]`).toEqual(e);
    });
    return;
  }
  if ("dict" in expected && "dict" in actual) {
    expect(
      actual.dict.map(([k]) => k),
      where,
    ).toEqual(expected.dict.map(([k]) => k));
    actual.dict.forEach(([k, a], i) => expectSame(a, expected.dict[i][1], `${where}[${k}]`));
    return;
  }
  if ("list" in expected && "list" in actual) {
    expect(actual.list.length, where).toBe(expected.list.length);
    actual.list.forEach((a, i) => expectSame(a, expected.list[i], `${where}[${i}]`));
    return;
  }
  expect(actual, where).toEqual(expected);
}

function sameOutcome(actual: Outcome, expected: Outcome): boolean {
  return "error" in expected
    ? "error" in actual && actual.error === expected.error && actual.message === expected.message
    : !("error" in actual);
}

const JS_INTERNALS = /Cannot read properties|is not a function|\[object Object\]|undefined|=>|function \(/;

const cases = allCases();

describe.each(availableBackends())("the signature walk on the %s backend", (backend) => {
  it("has a PyTorch outcome for every call (run `npm run fixtures -- calls` after declaring an op)", () => {
    expect(cases.filter((c) => !(c.id in FIXTURE.outcomes)).map((c) => c.id)).toEqual([]);
  });

  it("lists only exceptions that are still cases", () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(EXCEPTIONS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(cases.filter((c) => !(c.id in EXCEPTIONS)).map((c) => [c.id, c] as const))("%s", (_id, c) => {
    set_backend(backend);
    const expected = FIXTURE.outcomes[c.id];
    if (expected === undefined) return;
    const actual = run(c);
    if (c.annotation !== undefined && !sameOutcome(actual, expected)) {
      // Python-level: PyTorch checks no types there (it fails further in, or later, or not at all);
      // tensorgrad checks the annotation up front and names the argument.
      const { name, param } = c.annotation;
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      expect(actual).toMatchObject({ error: "TypeError" });
      if ("error" in actual)
        expect(actual.message).toMatch(
          new RegExp(`^${escaped}\\(\\): argument '${param}' (\\(position \\d+\\) )?must be .+, not \\S+$`),
        );
    } else if ("error" in expected) {
      expect(actual).toEqual(expected);
    } else {
      expect("error" in actual ? `${actual.error}: ${actual.message}` : "ok").toBe("ok");
      if ("error" in actual) return;
      expectSame(actual.ok, expected.ok, "result");
      if (expected.self) expectSame(actual.self!, expected.self, "self");
    }
    if ("error" in actual) expect(actual.message).not.toMatch(JS_INTERNALS);
  });
});
