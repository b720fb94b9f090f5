// The native backend's fused optimizer updates (native/optim.c through src/optim/fused.ts) against the
// TypeScript path's tensor ops (the js backend), bit for bit, over the options that change the arithmetic;
// test/optim/optimizers.test.ts compares both backends with PyTorch's trajectories.
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, get_backend, set_backend } from "../../src/backend/backend.js";
import { dispatchCounts, setDispatchCounting } from "../../src/backend/dispatch_count.js";
import { registerNativeBackend } from "../../src/backend/native/register.js";

const built = existsSync(new URL("../../build/Release/tensorgrad_native.node", import.meta.url));

// Values across magnitudes, with a gradient that turns tiny every third step.
const INIT = Array.from({ length: 37 }, (_, i) => Math.sin(i * 1.7) * 3 * 10 ** ((i % 5) - 2));

type Make = (params: torch.Tensor[]) => { zero_grad(): void; step(): unknown };
const CASES: [string, string, Make][] = [
  ["sgd", "sgd", (p) => new torch.optim.SGD(p, { lr: 0.1 })],
  ["sgd momentum", "sgd", (p) => new torch.optim.SGD(p, { lr: 0.1, momentum: 0.9 })],
  [
    "sgd dampening, weight decay, maximize",
    "sgd",
    (p) =>
      new torch.optim.SGD(p, { lr: 0.1, momentum: 0.9, dampening: 0.3, weight_decay: 0.01, maximize: true }),
  ],
  [
    "sgd nesterov, momentum 1, weight decay 1",
    "sgd",
    (p) => new torch.optim.SGD(p, { lr: 0.01, momentum: 1, nesterov: true, weight_decay: 1 }),
  ],
  ["adam", "adam", (p) => new torch.optim.Adam(p, { lr: 0.1 })],
  [
    "adam amsgrad, weight decay, maximize",
    "adam",
    (p) => new torch.optim.Adam(p, { lr: 0.1, amsgrad: true, weight_decay: 0.1, maximize: true }),
  ],
  [
    "adam beta2 0, weight decay 1",
    "adam",
    (p) => new torch.optim.Adam(p, { lr: 0.01, betas: [0.5, 0], weight_decay: 1 }),
  ],
  ["adamw", "adam", (p) => new torch.optim.AdamW(p, { lr: 0.05 })],
  [
    "adamw amsgrad, beta1 0, eps 1e-3",
    "adam",
    (p) => new torch.optim.AdamW(p, { lr: 0.05, amsgrad: true, betas: [0, 0.5], eps: 1e-3 }),
  ],
  ["rmsprop", "step.rmsprop", (p) => new torch.optim.RMSprop(p, { lr: 0.01 })],
  [
    "rmsprop centered, momentum, weight decay, maximize",
    "step.rmsprop",
    (p) =>
      new torch.optim.RMSprop(p, {
        lr: 0.01,
        alpha: 0.9,
        centered: true,
        momentum: 0.9,
        weight_decay: 0.1,
        maximize: true,
      }),
  ],
  [
    "rmsprop momentum, eps 0.1",
    "step.rmsprop",
    (p) => new torch.optim.RMSprop(p, { momentum: 0.5, eps: 0.1 }),
  ],
  ["adagrad", "step.adagrad", (p) => new torch.optim.Adagrad(p, { lr: 0.1 })],
  [
    "adagrad lr decay, weight decay, initial accumulator, maximize",
    "step.adagrad",
    (p) =>
      new torch.optim.Adagrad(p, {
        lr: 0.1,
        lr_decay: 0.3,
        weight_decay: 0.1,
        initial_accumulator_value: 0.5,
        maximize: true,
      }),
  ],
  ["adamax", "step.adamax", (p) => new torch.optim.Adamax(p, { lr: 0.1 })],
  [
    "adamax weight decay, maximize, eps 0",
    "step.adamax",
    (p) => new torch.optim.Adamax(p, { weight_decay: 0.1, maximize: true, eps: 0 }),
  ],
  ["nadam", "step.nadam", (p) => new torch.optim.NAdam(p, { lr: 0.1 })],
  [
    "nadam weight decay, momentum decay",
    "step.nadam",
    (p) => new torch.optim.NAdam(p, { weight_decay: 0.1, momentum_decay: 0.1, betas: [0.5, 0.9] }),
  ],
  ["radam", "step.radam", (p) => new torch.optim.RAdam(p, { lr: 0.1 })],
  [
    "radam beta2 0.9 (rectified from step 6), weight decay",
    "step.radam",
    (p) => new torch.optim.RAdam(p, { lr: 0.1, betas: [0.9, 0.9], weight_decay: 0.1 }),
  ],
  ["adadelta", "step.adadelta", (p) => new torch.optim.Adadelta(p)],
  [
    "adadelta rho 0.5, weight decay, maximize",
    "step.adadelta",
    (p) => new torch.optim.Adadelta(p, { lr: 0.5, rho: 0.5, weight_decay: 0.1, maximize: true }),
  ],
];

/** Eight steps of `make`'s optimizer on a fresh parameter; the final parameter values. */
function trajectory(backendName: string, dtype: torch.DType, make: Make): number[] {
  set_backend(backendName);
  const p = torch.tensor(INIT, { dtype, requires_grad: true });
  const optimizer = make([p]);
  for (let i = 0; i < 8; i++) {
    optimizer.zero_grad();
    p.mul(p)
      .sin()
      .mul(i % 3 === 2 ? 1e-3 : 1)
      .sum()
      .backward();
    optimizer.step();
  }
  return p.tolist() as number[];
}

describe.skipIf(!built)("fused optimizer updates on the native backend", () => {
  let previous = "js";
  beforeAll(() => {
    previous = get_backend();
    if (!availableBackends().includes("native")) registerNativeBackend();
  });
  afterAll(() => {
    setDispatchCounting(false);
    set_backend(previous);
  });

  for (const dtype of [torch.float32, torch.float64]) {
    for (const [name, kernel, make] of CASES) {
      it(`${name} (${dtype.toString()}): the same bits as the tensor ops`, () => {
        const expected = trajectory("js", dtype, make);
        set_backend("native");
        setDispatchCounting(true);
        let actual: number[];
        try {
          actual = trajectory("native", dtype, make);
        } finally {
          setDispatchCounting(false);
        }
        const fused = dispatchCounts().get(`optim.${kernel} ${dtype.toString().replace("torch.", "")}`);
        // SGD's first step with momentum creates the buffer in TypeScript.
        expect(fused?.native).toBeGreaterThanOrEqual(5);
        expect(actual.map((v, i) => Object.is(v, expected[i]) || `${i}: ${v} vs ${expected[i]}`)).toEqual(
          expected.map(() => true),
        );
      });
    }
  }
});
