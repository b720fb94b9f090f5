// nn.CTCLoss against real PyTorch 1.13 (scripts/gen_ctc_fixtures.py, test/fixtures/nn/ctc.json), on both
// backends: reprs, and the loss and input gradient of problems longer than the op table's (30 steps, 10
// classes, padded and concatenated targets, an empty target, an impossible alignment zeroed by zero_infinity,
// lengths as int32 tensors, float64).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";

interface CtcCase {
  name: string;
  kwargs: { blank?: number; reduction?: "none" | "mean" | "sum"; zero_infinity?: boolean };
  repr: string;
  dtype: "float32" | "float64";
  x: number[];
  shape: number[];
  targets: number[] | number[][];
  input_lengths: number[];
  target_lengths: number[];
  loss: Encoded;
  loss_shape: number[];
  grad: Encoded;
}

const CASES = JSON.parse(readFileSync("test/fixtures/nn/ctc.json", "utf8")) as CtcCase[];

for (const backend of availableBackends()) {
  describe(`nn.CTCLoss on ${backend}`, () => {
    onBackend(backend);
    for (const c of CASES) {
      it(c.name, () => {
        const m = new torch.nn.CTCLoss(c.kwargs);
        expect(m.toString()).toBe(c.repr);
        const x = torch.tensor(c.x, { dtype: torch[c.dtype] }).reshape(c.shape).requires_grad_();
        const int32 = (v: number[]) => torch.tensor(v, { dtype: torch.int32 });
        const targets = torch.tensor(c.targets, { dtype: torch.int64 });
        const loss = m.forward(x.log_softmax(2), targets, int32(c.input_lengths), int32(c.target_lengths));
        expect([...loss.shape]).toEqual(c.loss_shape);
        expectClose(Array.from(loss.detach().values()), decodeFlat(c.loss), c.dtype, 8, "loss");
        loss.backward(torch.ones_like(loss));
        expectClose(Array.from(x.grad!.values()), decodeFlat(c.grad), c.dtype, 16, "grad", 1e-7);
      });
    }
  });
}
