// Lazy modules and UninitializedParameter/UninitializedBuffer against real PyTorch 1.13
// (scripts/gen_transformer_fixtures.py, test/fixtures/nn/lazy.json), on both backends: the warning, reprs
// and state_dict before the first call, the class each module becomes, the parameters its init draws after
// materialising (exactly), outputs and gradients (within float32 tolerance) and PyTorch's error texts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { catch_warnings } from "../../src/warnings.js";
import { onBackend } from "../helpers/backends.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";

const nn = torch.nn;
type Tensor = torch.Tensor;

interface LazyCase {
  cls: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  input: number[];
  seed: number;
  warnings: string[];
  repr_before: string;
  has_uninitialized_before: boolean;
  params_before: Record<string, string>;
  buffers_before: Record<string, string>;
  state_dict_before: Record<string, Encoded>;
  x: Encoded;
  cls_after: string;
  repr_after: string;
  params: Record<string, Encoded>;
  buffers: Record<string, Encoded>;
  state_dict_keys: string[];
  output: Encoded;
  shape: number[];
  grad_fn: string;
  upstream: Encoded;
  x_grad: Encoded;
  param_grads: Record<string, Encoded>;
}

const fx = JSON.parse(readFileSync(new URL("../fixtures/nn/lazy.json", import.meta.url), "utf8")) as {
  modules: Record<string, LazyCase>;
  load_state_dict: Record<string, Encoded> & { result: string; cls: string; repr: string; cls_after: string };
  reprs: Record<string, string | boolean>;
  errors: Record<string, string>;
};

type LazyModule = torch.nn.Module & {
  forward: (x: Tensor) => Tensor;
  has_uninitialized_params(): boolean;
};
const build = (f: { cls: string; args: unknown[]; kwargs: Record<string, unknown> }) => {
  const Ctor = (nn as unknown as Record<string, new (...a: unknown[]) => LazyModule>)[f.cls];
  return catch_warnings(() => new Ctor(...f.args, f.kwargs));
};
const quiet = <T>(fn: () => T): T => catch_warnings(fn).result;

/** Python's repr of a state_dict value as the fixture holds it: an uninitialized tensor's repr, or values. */
const stateValue = (v: Tensor): Encoded =>
  v instanceof nn.UninitializedParameter || v instanceof nn.UninitializedBuffer
    ? String(v)
    : v.ndim === 0
      ? Number(v.item())
      : Array.from(v.values(), Number);

function runCase(f: LazyCase): void {
  torch.manual_seed(f.seed);
  const { result: m, warnings } = build(f);
  expect(warnings.map((w) => `${w.category}: ${w.message}`)).toEqual(f.warnings);
  expect(String(m)).toBe(f.repr_before);
  expect(m.has_uninitialized_params()).toBe(f.has_uninitialized_before);
  expect(Object.fromEntries([...m.named_parameters()].map(([n, p]) => [n, String(p)]))).toEqual(
    f.params_before,
  );
  const buffersBefore = Object.fromEntries(
    [...m.named_buffers()].map(([n, b]) => [
      n,
      b instanceof nn.UninitializedBuffer ? String(b) : `tensor(${b.item()})`,
    ]),
  );
  expect(buffersBefore).toEqual(f.buffers_before);
  const sd = m.state_dict();
  expect(Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, stateValue(v)]))).toEqual(
    f.state_dict_before,
  );

  // Drawn as the fixture drew it, between construction and the first call (whose init draws next).
  const x = torch.randn(f.input).requires_grad_(true);
  expect(Array.from(x.values())).toEqual(decodeFlat(f.x));
  const y = m.forward(x) as Tensor;
  expect(m.constructor.name).toBe(f.cls_after);
  expect("has_uninitialized_params" in m).toBe(false);
  expect(String(m)).toBe(f.repr_after);
  const named = [...m.named_parameters()];
  expect(named.map(([n]) => n)).toEqual(Object.keys(f.params));
  for (const [n, p] of named) {
    expect(p).toBeInstanceOf(nn.Parameter);
    expect(p).not.toBeInstanceOf(nn.UninitializedParameter);
    expect(Array.from(p.values()), n).toEqual(decodeFlat(f.params[n]));
  }
  for (const [n, b] of m.named_buffers())
    expect(Array.from(b.values(), Number), n).toEqual(decodeFlat(f.buffers[n]));
  expect(Object.keys(m.state_dict())).toEqual(f.state_dict_keys);
  expect(y.shape).toEqual(f.shape);
  expect(y.grad_fn?.name() ?? null).toBe(f.grad_fn);
  expectClose(y.values(), decodeFlat(f.output), "float32", 64, "output", 2e-6);
  y.mul(torch.tensor(f.upstream as never))
    .sum()
    .backward();
  expectClose(x.grad!.values(), decodeFlat(f.x_grad), "float32", 64, "input grad", 1e-5);
  for (const [n, p] of named)
    expectClose(p.grad!.values(), decodeFlat(f.param_grads[n]), "float32", 64, `grad ${n}`, 1e-5);
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return "NO ERROR";
}

const r = (...shape: number[]) => torch.randn(shape);
/** The calls of scripts/gen_transformer_fixtures.py's LAZY_ERRORS, by name. */
const ERRORS: Record<string, () => unknown> = {
  numel: () => quiet(() => new nn.LazyLinear(3)).weight.numel(),
  sum: () => quiet(() => new nn.LazyLinear(3)).weight.sum(),
  count_parameters: () =>
    [...quiet(() => new nn.LazyLinear(3)).parameters()].reduce((s, p) => s + p.numel(), 0),
  buffer_add: () => (quiet(() => new nn.LazyBatchNorm1d()).running_mean as Tensor).add(1),
  conv_groups: () => quiet(() => new nn.LazyConv2d(4, 3, { groups: 2 })).forward(r(1, 3, 5, 5)),
  conv_dims: () => quiet(() => new nn.LazyConv2d(4, 3)).forward(r(5, 5)),
  conv1d_dims: () => quiet(() => new nn.LazyConv1d(4, 3)).forward(r(1, 2, 5, 5)),
  uninitialized_parameter_int: () => new nn.UninitializedParameter({ dtype: torch.int64 }),
  instancenorm_shape1: () => quiet(() => new nn.LazyInstanceNorm1d()).forward(r(4)),
  batchnorm3d_kwarg: () => quiet(() => new nn.LazyBatchNorm3d({ affine: false, bogus: 1 } as never)),
};

describe.each(availableBackends())("lazy modules against PyTorch 1.13 (%s backend)", (backend) => {
  onBackend(backend);

  for (const [name, f] of Object.entries(fx.modules)) it(name, () => runCase(f));

  it("load_state_dict materialises the parameters without inferring in_features, as 1.13 does", () => {
    const f = fx.load_state_dict;
    torch.manual_seed(5);
    const src = new nn.Linear(4, 3);
    const m = quiet(() => new nn.LazyLinear(3));
    expect(String(m.load_state_dict(src.state_dict()))).toBe(f.result);
    expect(m.constructor.name).toBe(f.cls);
    expect(nn.LazyLinear.cls_to_become).toBe(nn.Linear);
    expect(m.has_uninitialized_params()).toBe(f.has_uninitialized);
    expect(String(m)).toBe(f.repr);
    expect(Array.from(m.weight.values())).toEqual(decodeFlat(f.weight));
    const y = m.forward(torch.ones([2, 4])) as Tensor;
    expect(m.constructor.name).toBe(f.cls_after);
    expect(String(m)).toBe(f.repr_after);
    expectClose(y.values(), decodeFlat(f.output), "float32", 64, "output", 2e-6);
  });

  it("UninitializedParameter and UninitializedBuffer", () => {
    const f = fx.reprs;
    expect(String(new nn.UninitializedParameter())).toBe(f.parameter);
    expect(String(new nn.UninitializedBuffer())).toBe(f.buffer);
    expect(`${new nn.UninitializedParameter()}`).toBe(f.parameter);
    expect(new nn.UninitializedParameter().requires_grad).toBe(f.parameter_requires_grad);
    expect(new nn.UninitializedBuffer().requires_grad).toBe(f.buffer_requires_grad);
    expect(`torch.${new nn.UninitializedParameter({ dtype: torch.float64 }).dtype.name}`).toBe(
      f.parameter_dtype,
    );
    expect(nn.parameter.is_lazy(new nn.UninitializedBuffer())).toBe(true);
    expect(nn.parameter.is_lazy(new nn.Parameter(torch.ones([2])))).toBe(false);
    const p = new nn.UninitializedParameter();
    p.materialize([2, 3]);
    expect(p).toBeInstanceOf(nn.Parameter);
    expect(nn.parameter.is_lazy(p)).toBe(false);
    expect(p.shape).toEqual([2, 3]);
    expect(p.numel()).toBe(6);
  });

  it("errors", () => {
    expect(Object.keys(ERRORS)).toEqual(Object.keys(fx.errors));
    for (const [name, fn] of Object.entries(ERRORS)) {
      torch.manual_seed(0);
      expect(errorOf(fn), name).toBe(fx.errors[name]);
    }
  });
});
