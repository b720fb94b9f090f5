// torch.nn.utils.weight_norm / remove_weight_norm and spectral_norm / remove_spectral_norm against real PyTorch
// 1.13 (scripts/gen_weight_norm_fixtures.py, test/fixtures/nn/weight_norm.json and spectral_norm.json), on both
// backends: each case replays the module after manual_seed, its parameters and buffers (spectral_norm's u and v
// are drawn from the generator), a few forwards and backwards (power iteration in training, none in eval) and
// the module left by the remove function. Values go through matrix products and norms, so within a tolerance.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";
import { expectClose } from "../helpers/compare.js";

const nn = torch.nn;
type Tensor = torch.Tensor;

interface State {
  params: Record<string, number[]>;
  buffers: Record<string, number[]>;
  state_dict_keys: string[];
}
interface Step {
  x: number[];
  y: number[];
  weight: number[];
  weight_grad_fn: string | null;
  grads: Record<string, number[]>;
  buffers: Record<string, number[]>;
}
interface Case {
  kind: "linear" | "conv2d" | "conv_transpose2d";
  kwargs: Record<string, unknown>;
  seed: number;
  applied: State;
  weight?: number[];
  weight_grad_fn?: string;
  steps: Step[];
  removed: State;
}

const MODULES = {
  linear: () => new nn.Linear(4, 3),
  conv2d: () => new nn.Conv2d(2, 3, 3),
  conv_transpose2d: () => new nn.ConvTranspose2d(3, 2, 2),
};
const INPUTS = { linear: [5, 4], conv2d: [2, 2, 5, 5], conv_transpose2d: [1, 3, 3, 3] };
const flat = (t: Tensor) => Array.from(t.detach().values(), Number);
// Gradients through spectral_norm's sigma = u . W v cancel: they get an absolute slack besides the ulps.
const close = (actual: number[], expected: number[], what: string, atol = 1e-6) =>
  expectClose(actual, expected, "float32", 64, what, atol);

function checkState(m: torch.nn.Module, s: State): void {
  expect([...m.named_parameters()].map(([n]) => n)).toEqual(Object.keys(s.params));
  for (const [n, p] of m.named_parameters()) close(flat(p), s.params[n], n);
  for (const [n, b] of m.named_buffers()) close(flat(b), s.buffers[n], n);
  expect(Object.keys(m.state_dict())).toEqual(s.state_dict_keys);
}

function replay(
  file: string,
  apply: (m: torch.nn.Module, kwargs: Record<string, unknown>) => void,
  remove: (m: torch.nn.Module, kwargs: Record<string, unknown>) => void,
): void {
  const cases = JSON.parse(readFileSync(file, "utf8")) as Case[];
  for (const backend of availableBackends()) {
    describe(`${file} on ${backend}`, () => {
      onBackend(backend);
      cases.forEach((c, i) => {
        it(`${i} ${c.kind} ${JSON.stringify(c.kwargs)}`, () => {
          torch.manual_seed(c.seed);
          const m = MODULES[c.kind]();
          apply(m, c.kwargs);
          checkState(m, c.applied);
          const module = m as unknown as { weight: Tensor; forward: (x: Tensor) => Tensor };
          if (c.weight) close(flat(module.weight), c.weight, "weight");
          if (c.weight_grad_fn) expect(module.weight.grad_fn?.name()).toBe(c.weight_grad_fn);
          c.steps.forEach((step, k) => {
            m.train(k < c.steps.length - 1 || c.weight !== undefined);
            const x = torch.tensor(step.x).reshape(INPUTS[c.kind]);
            const y = module.forward(x);
            y.pow(2).sum().backward();
            close(flat(y), step.y, `y[${k}]`);
            close(flat(module.weight), step.weight, `weight[${k}]`);
            expect(module.weight.grad_fn?.name() ?? null).toBe(step.weight_grad_fn);
            for (const [n, p] of m.named_parameters())
              close(flat(p.grad!), step.grads[n], `${n}.grad[${k}]`, 2e-5);
            for (const [n, b] of m.named_buffers()) close(flat(b), step.buffers[n], `${n}[${k}]`);
            for (const p of m.parameters()) p.grad = null;
          });
          remove(m, c.kwargs);
          checkState(m, c.removed);
        });
      });
    });
  }
}

const U = torch.nn.utils as unknown as Record<string, (...args: unknown[]) => torch.nn.Module>;
replay(
  "test/fixtures/nn/weight_norm.json",
  (m, kwargs) => U.weight_norm(m, kwargs),
  (m, kwargs) => U.remove_weight_norm(m, (kwargs.name as string | undefined) ?? "weight"),
);
replay(
  "test/fixtures/nn/spectral_norm.json",
  (m, kwargs) => U.spectral_norm(m, kwargs),
  (m) => U.remove_spectral_norm(m),
);
