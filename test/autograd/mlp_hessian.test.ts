// The acceptance check for higher-order autograd: the Hessian of a small MLP's cross-entropy loss
// (linear, tanh, matmul, log_softmax, nll_loss) matches PyTorch's to 1e-5 in float64.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";

const fx = JSON.parse(readFileSync(new URL("../fixtures/mlp_hessian.json", import.meta.url), "utf8"));
const f64 = { dtype: torch.float64 };
const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

it("Hessian of an MLP loss w.r.t. all its parameters matches PyTorch (float64)", () => {
  const x = torch.tensor(fx.x, f64);
  const labels = torch.tensor(fx.labels, { dtype: torch.int64 });
  const params = (fx.params as number[][]).map((p) => torch.tensor(p, f64));
  const lossFn = (w1: Tensor, b1: Tensor, w2: Tensor) => {
    const hidden = torch.tanh(torch.nn.functional.linear(x, w1, b1));
    return torch.nn.functional.cross_entropy(hidden.matmul(w2.t()), labels);
  };
  expect((lossFn as (...p: Tensor[]) => Tensor)(...params).item()).toBeCloseTo(fx.loss, 12);
  const H = torch.autograd.functional.hessian(lossFn as (...p: Tensor[]) => Tensor, params) as Tensor[][];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const expected = flat(fx.hessian[i][j]);
      const actual = Array.from(H[i][j].values());
      expect(actual.length).toBe(expected.length);
      actual.forEach((a, k) => expect(Math.abs(a - expected[k]), `H[${i}][${j}][${k}]`).toBeLessThan(1e-5));
    }
  }
});
