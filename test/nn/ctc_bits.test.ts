// F.ctc_loss bit for bit against PyTorch 1.13 (test/fixtures/numerics/ctc_bits.json, from
// scripts/gen_ctc_bits_fixtures.py), on every backend: given log-probabilities, the loss and the gradient of the
// log-probabilities are PyTorch's exact floats (LossCTC.cpp's float template calls glibc's expf and logf).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";

interface CtcBitsCase {
  dtype: "float32" | "float64";
  shape: number[];
  log_probs: number[];
  targets: number[][];
  input_lengths: number[];
  target_lengths: number[];
  reduction: "none" | "mean" | "sum";
  blank: number;
  zero_infinity: boolean;
  grad_output: number[];
  loss: number[];
  loss_shape: number[];
  grad: number[];
}
const { cases } = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/ctc_bits.json", import.meta.url), "utf8"),
) as { cases: CtcBitsCase[] };

describe.each(availableBackends())("ctc_loss bits on the %s backend", (name) => {
  onBackend(name);
  it.each(cases.map((c, i) => [`${c.dtype} [${c.shape}] ${c.reduction} #${i}`, c] as const))("%s", (_, c) => {
    const dtype = torch[c.dtype];
    const x = torch.tensor(c.log_probs, { dtype }).reshape(c.shape).requires_grad_();
    const loss = torch.nn.functional.ctc_loss(
      x,
      torch.tensor(c.targets, { dtype: torch.int64 }),
      torch.tensor(c.input_lengths, { dtype: torch.int64 }),
      torch.tensor(c.target_lengths, { dtype: torch.int64 }),
      { blank: c.blank, reduction: c.reduction, zero_infinity: c.zero_infinity },
    );
    expect([...loss.shape]).toEqual(c.loss_shape);
    expect(loss.reshape([-1]).tolist()).toEqual(c.loss);
    loss.backward(torch.tensor(c.grad_output, { dtype }).reshape(c.loss_shape));
    expect(x.grad!.reshape([-1]).tolist()).toEqual(c.grad);
  });
});
