// The PyTorch fixtures of test/fixtures/optim.json (scripts/gen_optim_fixtures.py) and the shared toy problem.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import * as torch from "../../src/index.js";
import * as optim from "../../src/optim/index.js";

export type Json = number | string | boolean | null | Json[] | { [key: string]: Json };
export type Options = Record<string, unknown>;

export interface OptimizerCase {
  name: string;
  dtype: "float32" | "float64";
  optimizer: keyof typeof OPTIMIZERS;
  options: Options;
  groups: [Options, Options] | null;
  losses: number[];
  trajectory: number[][][];
  state_dict: Json;
}
export interface SchedulerCase {
  name: string;
  lrs: number[][];
  momenta?: Array<Array<number | null>>;
  metrics?: number[];
  options?: Options;
  state_dict: Record<string, Json>;
}
export interface ClipCase {
  name: string;
  kind: "norm" | "value";
  limit: number;
  norm_type: number | string | null;
  total_norm: number | null;
  grads: Array<number[] | null>;
}
export interface LBFGSCase {
  name: string;
  options: Options;
  returned: number[];
  trajectory: number[][][];
  evaluations: number;
  func_evals: number;
  n_iter: number;
  state_keys: string[];
}
export interface Fixtures {
  problem: { P1: number[][]; C1: number[][]; P2: number[]; C2: number[]; P3: number[]; steps: number };
  optimizers: OptimizerCase[];
  lbfgs: LBFGSCase[];
  reprs: Record<string, string>;
  closure: { losses: number[]; params: number[][] };
  schedulers: SchedulerCase[];
  clip: ClipCase[];
  clip_single_tensor: { total_norm: number; grad: number[] };
}

export const fixtures = JSON.parse(
  readFileSync(new URL("../fixtures/optim.json", import.meta.url), "utf8"),
) as Fixtures;
const { P1, C1, P2, C2, P3 } = fixtures.problem;

export function makeParams(dtype: "float32" | "float64" = "float32"): torch.Tensor[] {
  const dt = dtype === "float64" ? torch.float64 : torch.float32;
  return [P1, P2, P3].map((v) => torch.tensor(v, { dtype: dt, requires_grad: true }));
}

/** sum((p1*c1)^2) + mean((p2*c2)^2) + 0.1*sum(p1)*sum(p2); p3 never gets a gradient. */
export function lossFn(params: torch.Tensor[]): torch.Tensor {
  const [p1, p2] = params;
  const c1 = torch.tensor(C1, { dtype: p1.dtype });
  const c2 = torch.tensor(C2, { dtype: p1.dtype });
  return p1.mul(c1).pow(2).sum().add(p2.mul(c2).pow(2).mean()).add(p1.sum().mul(p2.sum()).mul(0.1));
}

export const OPTIMIZERS = {
  SGD: optim.SGD,
  Adam: optim.Adam,
  AdamW: optim.AdamW,
  RMSprop: optim.RMSprop,
  Adagrad: optim.Adagrad,
  Adadelta: optim.Adadelta,
  Adamax: optim.Adamax,
  NAdam: optim.NAdam,
  RAdam: optim.RAdam,
  ASGD: optim.ASGD,
  Rprop: optim.Rprop,
} as const;

type AnyOptimizer = optim.Optimizer<object>;

export function buildOptimizer(c: OptimizerCase, params: torch.Tensor[]): AnyOptimizer {
  const Cls = OPTIMIZERS[c.optimizer] as unknown as new (params: unknown, options: Options) => AnyOptimizer;
  if (c.groups === null) return new Cls(params, c.options);
  return new Cls(
    [
      { params: [params[0]], ...c.groups[0] },
      { params: params.slice(1), ...c.groups[1] },
    ],
    c.options,
  );
}

/** The convex loss of the L-BFGS cases: sum((p1*c1 - 0.3)^2) + mean((p2*c2 - 0.5)^4) + 0.01*(sum(p1) - sum(p2))^2. */
export function lbfgsLoss(params: torch.Tensor[]): torch.Tensor {
  const [p1, p2] = params;
  const c1 = torch.tensor(C1);
  const c2 = torch.tensor(C2);
  return p1
    .mul(c1)
    .sub(0.3)
    .pow(2)
    .sum()
    .add(p2.mul(c2).sub(0.5).pow(4).mean())
    .add(p1.sum().sub(p2.sum()).pow(2).mul(0.01));
}

/** One training step: zero_grad, loss, backward, step. Returns the loss. */
export function trainStep(opt: AnyOptimizer, params: torch.Tensor[]): number {
  opt.zero_grad();
  const loss = lossFn(params);
  loss.backward();
  opt.step();
  return Number(loss.item());
}

/** PyTorch's state_dict as the fixture script encodes it (tensors as {tensor, shape, dtype}). */
export function encode(value: unknown): Json {
  if (value instanceof torch.Tensor) {
    return { tensor: Array.from(value.values()), shape: [...value.shape], dtype: value.dtype.name };
  }
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  return value as Json;
}

/** Deep comparison, numbers within rtol * max(1, |expected|); exact for everything else. */
export function expectJsonClose(actual: Json, expected: Json, rtol: number, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const ok = Math.abs(actual - expected) <= rtol * Math.max(1, Math.abs(expected));
    expect(ok, `${path}: got ${actual}, PyTorch ${expected}`).toBe(true);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is a list`).toBe(true);
    const list = actual as Json[];
    expect(list.length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectJsonClose(list[i], e, rtol, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    expect(actual !== null && typeof actual === "object" && !Array.isArray(actual), `${path} is a dict`).toBe(
      true,
    );
    const obj = actual as Record<string, Json>;
    expect(Object.keys(obj).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectJsonClose(obj[k], e, rtol, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

export function expectValuesClose(
  actual: ArrayLike<number>,
  expected: number[],
  rtol: number,
  what: string,
): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= rtol * Math.max(1, Math.abs(expected[i]));
    expect(ok, `${what}[${i}]: got ${actual[i]}, PyTorch ${expected[i]}`).toBe(true);
  }
}
