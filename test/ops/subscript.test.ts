// Python subscripts against PyTorch (test/ops/tables/subscript.ts, fixtures from
// scripts/gen_subscript_fixtures.py), on every backend: values, dtype, shape, view vs copy (a view shares
// its base's storage and so its version counter), grad_fn names, version counters after assignment,
// gradients, error classes and texts, and float64 gradcheck and gradgradcheck of every differentiable case.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, set_backend } from "../../src/backend/backend.js";
import { DTYPES, type DTypeName } from "../../src/tensor/dtype.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";
import { SUBSCRIPT_CASES, type SubscriptCase } from "./tables/subscript.js";

interface FixtureTensor {
  dtype: string;
  shape: number[];
  values: Encoded;
}
interface Fixture {
  name: string;
  inputs: FixtureTensor[];
  output?: FixtureTensor;
  grad_fn?: string | null;
  view?: boolean;
  version?: number;
  error?: { type: string; message: string };
  grad_output?: Encoded;
  grads?: (Encoded | null)[];
}

const file = new URL("../fixtures/ops/subscript.json", import.meta.url);
const fixtures = new Map<string, Fixture>(
  (JSON.parse(readFileSync(file, "utf8")).cases as Fixture[]).map((c) => [c.name, c]),
);

function makeInputs(c: SubscriptCase, fx: Fixture, float?: torch.DType): torch.Tensor[] {
  return fx.inputs.map((spec, i) => {
    const floating = spec.dtype.startsWith("float");
    const dtype = float && floating ? float : DTYPES[spec.dtype as DTypeName];
    // clone(): a fresh leaf, not a view of the flat tensor (views of leaves follow other in-place rules).
    const t = torch.tensor(decodeFlat(spec.values), { dtype }).reshape(spec.shape).clone();
    return (c.inputs[i].grad ?? floating) ? t.requires_grad_(true) : t;
  });
}

const run = (c: SubscriptCase, inputs: torch.Tensor[]) => c.ts(inputs[0], inputs[1]);

describe.each(availableBackends())("subscripts on the %s backend", (backendName) => {
  it("has a PyTorch fixture for every case (npm run fixtures -- subscript)", () => {
    expect(SUBSCRIPT_CASES.filter((c) => !fixtures.has(c.name)).map((c) => c.name)).toEqual([]);
    expect(new Set(SUBSCRIPT_CASES.map((c) => c.name)).size).toBe(SUBSCRIPT_CASES.length);
  });

  describe.each(SUBSCRIPT_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const fx = fixtures.get(c.name)!;
    if (fx.error) {
      it(`raises PyTorch's ${fx.error.type}`, () => {
        set_backend(backendName);
        const inputs = makeInputs(c, fx);
        let caught: unknown = null;
        try {
          run(c, inputs);
        } catch (e) {
          caught = e;
        }
        expect(caught, "no error raised").toBeInstanceOf(Error);
        expect((caught as Error).name).toBe(fx.error!.type);
        expect((caught as Error).message).toBe(fx.error!.message);
      });
      return;
    }

    it("matches PyTorch's values, dtype, shape, grad_fn, views and versions", () => {
      set_backend(backendName);
      const inputs = makeInputs(c, fx);
      const out = run(c, inputs);
      expect(out.dtype.name).toBe(fx.output!.dtype);
      expect([...out.shape]).toEqual(fx.output!.shape);
      expectClose(out.values(), decodeFlat(fx.output!.values), fx.output!.dtype, 0);
      expect(out.grad_fn?.name() ?? null).toBe(fx.grad_fn);
      if (c.kind === "get") {
        const isView = out._storage === inputs[0]._storage;
        expect(isView, "a view of the input (shares storage and version counter)").toBe(fx.view);
        if (isView) expect(out._version).toBe(inputs[0]._version);
      } else {
        expect(out._version, "version counter after assignment").toBe(fx.version);
      }
    });

    if (fx.grads) {
      it("matches PyTorch's gradients", () => {
        set_backend(backendName);
        const inputs = makeInputs(c, fx);
        const out = run(c, inputs);
        const gradOut = torch
          .tensor(decodeFlat(fx.grad_output!), { dtype: out.dtype })
          .reshape([...out.shape]);
        out.backward(gradOut);
        fx.grads!.forEach((expected, i) => {
          if (expected === null) return;
          expect(inputs[i].grad, `grad of input ${i}`).not.toBeNull();
          expectClose(inputs[i].grad!.values(), decodeFlat(expected), fx.inputs[i].dtype, 4, `grad[${i}]`);
        });
      });

      it.skipIf(c.gradcheck === false)("passes a float64 gradcheck", () => {
        set_backend(backendName);
        const inputs = makeInputs(c, fx, torch.float64);
        expect(torch.autograd.gradcheck((...x: torch.Tensor[]) => run(c, x), inputs)).toBe(true);
      });

      it.skipIf(c.gradcheck === false)(
        "passes a float64 gradgradcheck (the backward is differentiable)",
        () => {
          set_backend(backendName);
          const inputs = makeInputs(c, fx, torch.float64);
          expect(torch.autograd.gradgradcheck((...x: torch.Tensor[]) => run(c, x), inputs)).toBe(true);
        },
      );
    }
  });
});

describe("subscript views share the version counter", () => {
  it("a write through x.get(...) is seen by x, and x's saved values are checked", () => {
    const x = torch.zeros([2, 3]);
    const row = x.get(0);
    row.set(1, 5);
    expect(x._version).toBe(1);
    expect(row._version).toBe(1);
    expect(Array.from(x.values())).toEqual([0, 5, 0, 0, 0, 0]);
    const copy = x.get([0]);
    copy.set(0, 1, 7);
    expect(x.values()[1]).toBe(5);
    expect(copy._storage === x._storage).toBe(false);
  });

  it("an in-place write after a use in the graph fails backward as in PyTorch", () => {
    const w = torch.ones([3], { requires_grad: true });
    const h = w.mul(2);
    const y = h.pow(2);
    h.set(0, 1);
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
  });
});
