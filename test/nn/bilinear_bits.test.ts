// F.bilinear against PyTorch 1.13 (test/fixtures/numerics/bilinear_bits.json, from scripts/gen_bilinear_fixtures.py),
// on every backend: the output's exact values (float32 sums run in float32 as bmm's small-size loop does, so
// overflowing products give PyTorch's inf and nan), its grad_fn chain (ReshapeAliasBackward0 over
// TrilinearBackward0), and the gradients of x1, x2 and weight within a few ulps where they are finite.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";
import { expectClose } from "../helpers/compare.js";

type Num = number | "nan" | "inf" | "-inf";
interface Enc {
  dtype: "float32" | "float64";
  shape: number[];
  values: Num[];
}
interface BilinearCase {
  x1: Enc;
  x2: Enc;
  weight: Enc;
  bias: Enc | null;
  out: Enc;
  grad_fn: string;
  grad_fn_next: string;
  x1_grad: Enc | null;
  x2_grad: Enc | null;
  weight_grad: Enc | null;
  huge: boolean;
}
const { cases } = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/bilinear_bits.json", import.meta.url), "utf8"),
) as { cases: BilinearCase[] };

const number = (v: Num) => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v);
const values = (e: Enc) => e.values.map(number);
/** An absolute tolerance for sums that cancel: a few ulps of the largest finite magnitude. */
function scaleOf(e: Enc): number {
  const finite = values(e).filter(Number.isFinite).map(Math.abs);
  return Math.max(0, ...finite) * (e.dtype === "float32" ? 2 ** -18 : 2 ** -44);
}
const tensorOf = (e: Enc) => torch.tensor(values(e), { dtype: torch[e.dtype] }).reshape(e.shape);

describe.each(availableBackends())("F.bilinear bits on the %s backend", (name) => {
  onBackend(name);
  it.each(
    cases.map(
      (c, i) =>
        [`${c.out.dtype} ${c.x1.shape} x ${c.weight.shape}${c.huge ? " huge" : ""} #${i}`, c] as const,
    ),
  )("%s", (_, c) => {
    const [x1, x2, w] = [tensorOf(c.x1), tensorOf(c.x2), tensorOf(c.weight)].map((t) => t.requires_grad_());
    const y = torch.nn.functional.bilinear(x1!, x2!, w!, c.bias === null ? null : tensorOf(c.bias));
    expect(y.dtype.name).toBe(c.out.dtype);
    expect([...y.shape]).toEqual(c.out.shape);
    // Exact where both bmms run PyTorch's small-size loop; BLAS (400 multiply-adds or more) within ulps.
    const in1 = c.x1.shape.at(-1)!;
    const in2 = c.x2.shape.at(-1)!;
    const batch = c.x1.values.length / in1;
    if (in1 * batch * in2 < 400 && in2 < 400) expect(y.reshape([-1]).tolist()).toEqual(values(c.out));
    else
      expectClose(
        y.reshape([-1]).values(),
        values(c.out) as number[],
        c.out.dtype,
        64,
        "out",
        scaleOf(c.out),
      );
    expect(y.grad_fn!.name()).toBe(c.grad_fn);
    expect(y.grad_fn!.next_functions[0]![0]!.name()).toBe(c.grad_fn_next);
    if (c.huge) return;
    y.sum().backward();
    const grads: [torch.Tensor, Enc, string][] = [
      [x1!, c.x1_grad!, "x1"],
      [x2!, c.x2_grad!, "x2"],
      [w!, c.weight_grad!, "weight"],
    ];
    for (const [t, e, what] of grads) {
      expect([...t.grad!.shape], what).toEqual(e.shape);
      expectClose(t.grad!.reshape([-1]).values(), values(e) as number[], e.dtype, 64, what, scaleOf(e));
    }
  });
});
