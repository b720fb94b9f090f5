// binary_cross_entropy_with_logits against PyTorch 1.13 with mixed dtypes and broadcast shapes
// (test/fixtures/numerics/bce_logits_mixed.json, from scripts/gen_bce_logits_mixed_fixtures.py), on every backend:
// the loss, and each gradient's dtype and exact values, of plain backward (PyTorch's in-place backward rounds
// every step to the input's dtype) and of create_graph backward (out of place, promoting); then the outcome of
// input and target shapes that broadcast (the forward may pass where the backward fails, with PyTorch's text).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

interface Enc {
  dtype: "float32" | "float64";
  shape: number[];
  values: number[];
}
interface Case {
  reduction: "mean" | "sum" | "none";
  input: Enc;
  target: Enc;
  weight: Enc | null;
  pos_weight: Enc | null;
  grad_output: Enc;
  loss: Enc;
  input_grad: Enc;
  target_grad: Enc;
  input_grad_create_graph: Enc;
  target_grad_create_graph: Enc;
}
type Outcome = { ok: Enc } | { error: string; message: string };
interface Broadcast {
  input: Enc;
  target: Enc;
  reduction: number;
  requires_grad: "input" | "target";
  forward: Outcome;
  backward?: Outcome;
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/bce_logits_mixed.json", import.meta.url), "utf8"),
) as { cases: Case[]; broadcast: Broadcast[] };

const tensorOf = (e: Enc) => torch.tensor(e.values, { dtype: torch[e.dtype] }).reshape(e.shape);
const tensorOrNull = (e: Enc | null) => (e === null ? null : tensorOf(e));

function expectSame(t: torch.Tensor, e: Enc, what: string): void {
  expect(t.dtype.name, what).toBe(e.dtype);
  expect(t.shape, what).toEqual(e.shape);
  expect(t.reshape([-1]).tolist(), what).toEqual(e.values);
}

function describeCase(c: Case): string {
  const opt = (e: Enc | null) => (e === null ? "none" : e.dtype);
  return `${c.input.dtype} input, ${c.target.dtype} target, weight ${opt(c.weight)}, pos_weight ${opt(c.pos_weight)}, ${c.reduction}`;
}

describe.each(availableBackends())("binary_cross_entropy_with_logits parity on the %s backend", (name) => {
  onBackend(name);
  it.each(fixture.cases.map((c) => [describeCase(c), c] as const))("%s", (_, c) => {
    const x = tensorOf(c.input).requires_grad_(true);
    const y = tensorOf(c.target).requires_grad_(true);
    const loss = torch.nn.functional.binary_cross_entropy_with_logits(x, y, {
      weight: tensorOrNull(c.weight),
      pos_weight: tensorOrNull(c.pos_weight),
      reduction: c.reduction,
    });
    expectSame(loss, c.loss, "loss");
    const g = tensorOf(c.grad_output);
    const [gx, gy] = torch.autograd.grad([loss], [x, y], [g], { retain_graph: true });
    expectSame(gx!, c.input_grad, "input grad");
    expectSame(gy!, c.target_grad, "target grad");
    const [cx, cy] = torch.autograd.grad([loss], [x, y], [g], { create_graph: true });
    expectSame(cx!, c.input_grad_create_graph, "input grad (create_graph)");
    expectSame(cy!, c.target_grad_create_graph, "target grad (create_graph)");
  });

  it("input and target shapes that broadcast: PyTorch's forward and backward outcome", () => {
    for (const b of fixture.broadcast) {
      const x = tensorOf(b.input).requires_grad_(b.requires_grad === "input");
      const y = tensorOf(b.target).requires_grad_(b.requires_grad === "target");
      const what = `${b.input.shape} / ${b.target.shape}, reduction ${b.reduction}, ${b.requires_grad}`;
      const run = () => torch.binary_cross_entropy_with_logits(x, y, null, null, b.reduction);
      if ("error" in b.forward) {
        expect(run, what).toThrow(b.forward.message);
        continue;
      }
      expectSame(run(), b.forward.ok, what);
      const backward = () => {
        run().sum().backward();
        return (b.requires_grad === "input" ? x : y).grad!;
      };
      const bwd = b.backward!;
      if ("error" in bwd) {
        let thrown: unknown = null;
        try {
          backward();
        } catch (e) {
          thrown = e;
        }
        expect((thrown as Error).constructor.name, what).toBe(bwd.error);
        expect((thrown as Error).message, what).toBe(bwd.message);
      } else expectSame(backward(), bwd.ok, what);
    }
  });
});
