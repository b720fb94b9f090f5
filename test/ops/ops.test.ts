// Runs every row of the op table on every backend: forward values, dtype and shape against PyTorch,
// the grad_fn name, gradients against PyTorch's, and a float64 finite-difference gradcheck.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, set_backend } from "../../src/backend/backend.js";
import { DTYPES, type DTypeName } from "../../src/tensor/dtype.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";
import { OP_TABLE, OP_TABLES, type OpCase } from "./op_table.js";
import { onBackend } from "../helpers/backends.js";

interface FixtureTensor {
  dtype: string;
  shape: number[];
  values: Encoded;
}
interface Fixture {
  name: string;
  inputs: FixtureTensor[];
  output: FixtureTensor;
  grad_fn: string | null;
  grad_output?: Encoded;
  grads?: (Encoded | null)[];
}

const fixtures = new Map<string, Fixture>();
for (const table of Object.keys(OP_TABLES)) {
  const file = new URL(`../fixtures/ops/${table}.json`, import.meta.url);
  if (!existsSync(file)) continue;
  for (const c of JSON.parse(readFileSync(file, "utf8")).cases as Fixture[]) fixtures.set(c.name, c);
}

function makeInputs(op: OpCase, fx: Fixture, dtypeOverride?: torch.DType): torch.Tensor[] {
  return fx.inputs.map((spec, i) => {
    const floating = spec.dtype.startsWith("float");
    const dtype = dtypeOverride && floating ? dtypeOverride : DTYPES[spec.dtype as DTypeName];
    const t = torch.tensor(decodeFlat(spec.values), { dtype }).reshape(spec.shape).detach();
    const wantsGrad = op.inputs[i].grad ?? floating;
    return wantsGrad ? t.requires_grad_(true) : t;
  });
}

describe.each(availableBackends())("op table on the %s backend", (backendName) => {
  onBackend(backendName);

  it("has a PyTorch fixture for every row and unique row names (run `npm run fixtures` after adding one)", () => {
    const missing = OP_TABLE.filter((op) => !fixtures.has(op.name)).map((op) => op.name);
    expect(missing).toEqual([]);
    expect(new Set(OP_TABLE.map((op) => op.name)).size).toBe(OP_TABLE.length);
  });

  // Each row's tests are named after its table and row ("nn_conv conv2d"): `-t nn_conv` runs one table.
  const rows = Object.entries(OP_TABLES).flatMap(([table, ops]) =>
    ops.map((op) => [table, op.name, op] as const),
  );
  describe.each(rows)("%s %s", (_table, _name, op) => {
    const fx = fixtures.get(op.name)!;
    const run = <T>(fn: () => T): T => {
      set_backend(backendName);
      return fn();
    };

    it("matches PyTorch's values, dtype, shape and grad_fn", () =>
      run(() => {
        const out = op.ts(...makeInputs(op, fx));
        expect(out.dtype.name).toBe(fx.output.dtype);
        expect([...out.shape]).toEqual(fx.output.shape);
        expectClose(
          out.values(),
          decodeFlat(fx.output.values),
          fx.output.dtype,
          op.ulps ?? 1,
          "values",
          op.atol,
        );
        expect(out.grad_fn?.name() ?? null).toBe(fx.grad_fn);
      }));

    if (fx?.grads) {
      it("matches PyTorch's gradients", () =>
        run(() => {
          const inputs = makeInputs(op, fx);
          const out = op.ts(...inputs);
          const gradOut = torch
            .tensor(decodeFlat(fx.grad_output!), { dtype: out.dtype })
            .reshape([...out.shape]);
          out.backward(gradOut);
          fx.grads!.forEach((expected, i) => {
            if (expected === null) return;
            const g = inputs[i].grad;
            expect(g, `grad of input ${i}`).not.toBeNull();
            expectClose(
              g!.values(),
              decodeFlat(expected),
              fx.inputs[i].dtype,
              Math.max(op.ulps ?? 1, 4) * 4,
              `grad[${i}]`,
              op.atol,
            );
          });
        }));

      if (op.gradcheck !== false) {
        it("passes a float64 finite-difference gradcheck", () =>
          run(() => {
            const inputs = makeInputs(op, fx, torch.float64);
            expect(torch.autograd.gradcheck(op.ts, inputs)).toBe(true);
          }));
      }
    }
  });
});
