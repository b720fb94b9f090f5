// Every differentiable row of the op tables (test/ops/tables/*.ts) passes gradcheck and gradgradcheck in
// float64 at the inputs PyTorch's fixtures were recorded at: the derivative rows are themselves written in
// differentiable tensor ops, so second derivatives (Hessians, double backward) are right for every op.
// Rows marked gradcheck: false (piecewise-constant ops) have nothing to check. The formulas do not depend
// on the backend, so this runs on the default one (ops.test.ts runs gradcheck on every backend).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { FunctionCtx } from "../../src/autograd/index.js";
import { DTYPES, type DTypeName } from "../../src/tensor/dtype.js";
import { decodeFlat, type Encoded } from "../helpers/compare.js";
import { OP_TABLES, type OpCase } from "../ops/op_table.js";
import { fx } from "./fixtures.js";

interface FixtureCase {
  name: string;
  inputs: { dtype: string; shape: number[]; values: Encoded }[];
  grads?: (Encoded | null)[];
}

const fixtures = new Map<string, FixtureCase>();
for (const table of Object.keys(OP_TABLES)) {
  const file = new URL(`../fixtures/ops/${table}.json`, import.meta.url);
  if (!existsSync(file)) continue;
  for (const c of JSON.parse(readFileSync(file, "utf8")).cases as FixtureCase[]) fixtures.set(c.name, c);
}

/** The row's inputs in float64 (integer and bool inputs keep their dtype and take no gradient). */
function float64Inputs(op: OpCase, fx: FixtureCase): torch.Tensor[] {
  return fx.inputs.map((spec, i) => {
    const floating = spec.dtype.startsWith("float");
    const dtype = floating ? torch.float64 : DTYPES[spec.dtype as DTypeName];
    const t = torch.tensor(decodeFlat(spec.values), { dtype }).reshape(spec.shape).detach();
    return (op.inputs[i].grad ?? floating) ? t.requires_grad_(true) : t;
  });
}

const rows = Object.entries(OP_TABLES).flatMap(([table, ops]) =>
  ops
    .filter((op) => op.gradcheck !== false && fixtures.get(op.name)?.grads)
    .map((op) => [table, op.name, op] as const),
);

describe.each(rows)("%s %s", (_table, name, op) => {
  const fx = fixtures.get(name)!;
  it("passes float64 gradcheck and gradgradcheck", () => {
    torch.manual_seed(0);
    expect(torch.autograd.gradcheck(op.ts, float64Inputs(op, fx))).toBe(true);
    if (op.gradgradcheck === false)
      expect(() => torch.autograd.gradgradcheck(op.ts, float64Inputs(op, fx))).toThrow();
    else expect(torch.autograd.gradgradcheck(op.ts, float64Inputs(op, fx))).toBe(true);
  });
});

class Detached extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: torch.Tensor): torch.Tensor {
    ctx.save_for_backward(x);
    return x.pow(3);
  }
  static override backward(ctx: FunctionCtx, g: torch.Tensor): torch.Tensor {
    const [x] = ctx.saved_tensors;
    return g.mul(3).mul(x.detach().pow(2));
  }
}

class HalfWrong extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: torch.Tensor): torch.Tensor {
    ctx.save_for_backward(x);
    return x.pow(3);
  }
  static override backward(ctx: FunctionCtx, g: torch.Tensor): torch.Tensor {
    const [x] = ctx.saved_tensors;
    return g.mul(3).mul(x).mul(x.detach());
  }
}

describe("torch.autograd.gradgradcheck", () => {
  const outcome = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (e) {
      return { type: (e as Error).name, message: (e as Error).message.split("\n")[0] };
    }
  };
  const f64 = (values: number[], requiresGrad = true) =>
    torch.tensor(values, { dtype: torch.float64, requires_grad: requiresGrad });

  it("checks second derivatives as PyTorch's does: results, errors and options", () => {
    const xd = f64([0.5, 1.5]);
    const zeros = f64([0, 2, 3]);
    const { gradcheck, gradgradcheck } = torch.autograd;
    const apply = (F: typeof Detached) => (x: torch.Tensor) => F.apply(x) as torch.Tensor;
    expect({
      detached_gradcheck: outcome(() => gradcheck(apply(Detached), xd)),
      detached: outcome(() => gradgradcheck(apply(Detached), xd)),
      detached_no_raise: outcome(() => gradgradcheck(apply(Detached), xd, null, { raise_exception: false })),
      half_wrong: outcome(() => gradgradcheck(apply(HalfWrong), xd)),
      prod_zero: outcome(() => gradgradcheck((t: torch.Tensor) => t.prod(), zeros)),
      cumprod_zero: outcome(() => gradgradcheck((t: torch.Tensor) => t.cumprod(0), zeros)),
      given_grad_outputs: outcome(() =>
        gradgradcheck((t: torch.Tensor) => t.mul(t), xd, f64([1, -2], false)),
      ),
      no_rev_over_rev: outcome(() =>
        gradgradcheck((t: torch.Tensor) => t.mul(2), xd, null, { check_rev_over_rev: false }),
      ),
      nothing_requires_grad: outcome(() => gradgradcheck((t: torch.Tensor) => t.mul(2), f64([1, 1], false))),
    }).toEqual(fx.gradgradcheck);
  });
});
