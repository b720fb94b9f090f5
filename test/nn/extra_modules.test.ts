// The nn names of scripts/gen_nn_extra_fixtures.py against real PyTorch 1.13 (test/fixtures/nn/extra.json), on
// both backends: ReflectionPad3d, ReplicationPad3d, ConstantPad3d, LPPool1d, MaxUnpool1d/3d, CrossMapLRN2d,
// NLLLoss2d, Container, AdaptiveLogSoftmaxWithLoss (forward, log_prob, predict), F's in-place activations,
// F.lp_pool1d / max_unpool1d / max_unpool3d / pdist / 3-D pads, and nn.utils' parameters_to_vector,
// vector_to_parameters, fuse_conv_bn_eval, fuse_conv_bn_weights, clip_grad_norm and skip_init: reprs,
// warnings, outputs and gradients (within float32 tolerance), grad_fn names and PyTorch's error texts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { catch_warnings } from "../../src/warnings.js";
import { onBackend } from "../helpers/backends.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";

const nn = torch.nn;
const F = torch.nn.functional as unknown as Record<string, (...a: unknown[]) => unknown>;
const utils = torch.nn.utils as unknown as Record<string, (...a: unknown[]) => unknown>;
type Tensor = torch.Tensor;

type InputSpec =
  | { randn: number[] }
  | { long: Encoded }
  | { pool: number; shape: number[]; kernel: number | number[]; pool_kwargs?: Record<string, unknown> };

interface Common {
  args: unknown[];
  kwargs?: Record<string, unknown>;
  inputs: InputSpec[];
  input_values: Encoded[];
  output: Encoded;
  shape: number[];
  grad_fn: string | null;
  upstream: Encoded;
  input_grads: Encoded[];
}
interface ModuleCase extends Common {
  cls: string;
  seed: number;
  warnings: string[];
  repr: string;
  params: Record<string, Encoded>;
  param_grads: Record<string, Encoded | null>;
  loss?: Encoded;
  loss_grad_fn?: string;
  asm_repr_prefix?: string;
  log_prob?: Encoded;
  log_prob_grad_fn?: string;
  predict?: Encoded;
}
interface FunctionCase extends Common {
  fn: string;
}
interface InplaceCase {
  fn?: string;
  args: unknown[];
  x: Encoded;
  same: boolean;
  output: Encoded;
  grad_fn: string;
  upstream: Encoded;
  x_grad: Encoded;
}

const fx = JSON.parse(readFileSync(new URL("../fixtures/nn/extra.json", import.meta.url), "utf8")) as {
  modules: Record<string, ModuleCase>;
  inplace: Record<string, InplaceCase>;
  functions: Record<string, FunctionCase>;
  utils: Record<string, Record<string, Encoded>>;
  container: { repr: string; warnings: string[]; children: string[]; forward: string };
  errors: Record<string, string>;
};

const warningTexts = (ws: { category: string; message: string }[]) =>
  ws.map((w) => `${w.category}: ${w.message}`);
const quiet = <T>(fn: () => T): T => catch_warnings(fn).result;
const flat = (t: Tensor) => Array.from(t.values(), Number);
const close = (t: Tensor, expected: Encoded, what: string, absTol = 2e-6) =>
  expectClose(t.values(), decodeFlat(expected), "float32", 64, what, absTol);

/** The fixture's inputs, drawn in its order: leaves that require grad, long targets, pooled values and indices. */
function makeInputs(specs: InputSpec[]): Tensor[] {
  const out: Tensor[] = [];
  for (const s of specs) {
    if ("randn" in s) out.push(torch.randn(s.randn).requires_grad_(true));
    else if ("long" in s) out.push(torch.tensor(s.long as never, { dtype: torch.int64 }));
    else {
      const pool = F[`max_pool${s.pool}d`];
      const [y, i] = pool(torch.randn(s.shape), s.kernel, {
        ...s.pool_kwargs,
        return_indices: true,
      }) as Tensor[];
      out.push(y.detach().requires_grad_(true), i);
    }
  }
  return out;
}

/** Forward's checks shared by modules and functions: values, shape, grad_fn, then the gradients. */
function checkOutput(y: Tensor, inputs: Tensor[], f: Common): void {
  inputs.forEach((x, i) => expect(flat(x), `input ${i}`).toEqual(decodeFlat(f.input_values[i])));
  expect(y.shape).toEqual(f.shape);
  expect(y.grad_fn?.name() ?? null).toBe(f.grad_fn);
  close(y, f.output, "output");
  y.mul(torch.tensor(f.upstream as never))
    .sum()
    .backward();
  const leaves = inputs.filter((x) => x.requires_grad);
  leaves.forEach((x, i) => close(x.grad!, f.input_grads[i], `input grad ${i}`, 1e-5));
}

function runModule(f: ModuleCase): void {
  torch.manual_seed(f.seed);
  const Ctor = (nn as unknown as Record<string, new (...a: unknown[]) => torch.nn.Module>)[f.cls];
  const { result: m, warnings } = catch_warnings(() => new Ctor(...f.args, ...(f.kwargs ? [f.kwargs] : [])));
  expect(warningTexts(warnings)).toEqual(f.warnings);
  expect(String(m)).toBe(f.repr);
  const named = [...m.named_parameters()];
  expect(named.map(([n]) => n)).toEqual(Object.keys(f.params));
  for (const [n, p] of named) expect(flat(p), n).toEqual(decodeFlat(f.params[n]));
  const inputs = makeInputs(f.inputs);
  const forward = (m as unknown as { forward: (...a: Tensor[]) => unknown }).forward.bind(m);
  let y = forward(...inputs) as Tensor;
  if (f.cls === "AdaptiveLogSoftmaxWithLoss") {
    const asm = m as torch.nn.AdaptiveLogSoftmaxWithLoss;
    const out = y as unknown as { output: Tensor; loss: Tensor };
    expect(out.loss.grad_fn?.name()).toBe(f.loss_grad_fn);
    close(out.loss, f.loss!, "loss");
    const x = inputs[0].ndim === 2 ? inputs[0] : inputs[0].unsqueeze(0);
    const logProb = asm.log_prob(x);
    expect(logProb.grad_fn?.name()).toBe(f.log_prob_grad_fn);
    close(logProb, f.log_prob!, "log_prob", 1e-5);
    expect(flat(asm.predict(x))).toEqual(decodeFlat(f.predict!));
    expect(Array.from(out as unknown as Tensor[])).toEqual([out.output, out.loss]);
    y = out.output;
  }
  checkOutput(y, inputs, f);
  for (const [n, p] of named) {
    const g = f.param_grads[n];
    if (g === null) expect(p.grad, n).toBeNull();
    else close(p.grad!, g, `grad ${n}`, 1e-5);
  }
}

function runFunction(f: FunctionCase, seed: number): void {
  torch.manual_seed(seed);
  const inputs = makeInputs(f.inputs);
  const args = f.args.map((a) => (a === "inf" ? Infinity : a));
  const y = F[f.fn](...inputs, ...args, ...(f.kwargs ? [f.kwargs] : [])) as Tensor;
  checkOutput(y, inputs, f);
}

function runInplace(name: string, f: InplaceCase, seed: number): void {
  torch.manual_seed(seed);
  const x = torch.randn([3, 4]).requires_grad_(true);
  expect(flat(x)).toEqual(decodeFlat(f.x));
  const y = x.mul(1);
  const r = F[f.fn ?? name](y, ...f.args);
  expect(r === y).toBe(f.same);
  expect(y.grad_fn?.name()).toBe(f.grad_fn);
  close(y, f.output, "output");
  y.mul(torch.randn([3, 4]))
    .sum()
    .backward();
  close(x.grad!, f.x_grad, "x grad", 1e-5);
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
const long = (shape: number[], value = 0) => torch.full(shape, value, { dtype: torch.int64 });
const pooled = (d: number, shape: number[], k = 2) =>
  F[`max_pool${d}d`](r(...shape), k, { return_indices: true }) as [Tensor, Tensor];
const asm = (...args: unknown[]) =>
  quiet(
    () =>
      new (
        nn.AdaptiveLogSoftmaxWithLoss as unknown as new (
          ...a: unknown[]
        ) => torch.nn.AdaptiveLogSoftmaxWithLoss
      )(...args),
  );
const New = (cls: string, ...args: unknown[]) =>
  new (nn as unknown as Record<string, new (...a: unknown[]) => { forward: (...a: unknown[]) => unknown }>)[
    cls
  ](...args);

/** The calls of scripts/gen_nn_extra_fixtures.py's ERRORS, by name. */
const ERRORS: Record<string, () => unknown> = {
  reflection_pad3d_too_big: () => New("ReflectionPad3d", 2).forward(r(1, 1, 2, 2, 2)),
  replication_pad3d_dims: () => New("ReplicationPad3d", 1).forward(r(2, 2, 2)),
  constant_pad3d_kwarg: () => New("ConstantPad3d", 1),
  lppool1d_kwarg: () => New("LPPool1d", 2),
  max_unpool3d_float_indices: () => F.max_unpool3d(r(1, 1, 2, 2, 2), r(1, 1, 2, 2, 2), 2),
  max_unpool3d_dims: () => F.max_unpool3d(r(2, 2, 2), long([2, 2, 2]), 2),
  max_unpool3d_shape: () => F.max_unpool3d(r(1, 1, 2, 2, 2), long([1, 1, 2, 2, 1]), 2),
  max_unpool3d_empty: () => F.max_unpool3d(r(1, 1, 0, 2, 2), long([1, 1, 0, 2, 2]), 2),
  max_unpool3d_stride: () =>
    F.max_unpool3d(r(1, 1, 2, 2, 2), long([1, 1, 2, 2, 2]), 2, { stride: [0, 2, 2] }),
  max_unpool3d_bad_index: () => F.max_unpool3d(r(1, 1, 2, 2, 2), long([1, 1, 2, 2, 2], 100), 2),
  max_unpool3d_long_input: () => F.max_unpool3d(long([1, 1, 2, 2, 2], 1), long([1, 1, 2, 2, 2]), 2),
  max_unpool3d_output_size: () =>
    F.max_unpool3d(...pooled(3, [1, 1, 4, 4, 4]), 2, { output_size: [9, 4, 4] }),
  max_unpool3d_output_size_len: () =>
    F.max_unpool3d(...pooled(3, [1, 1, 4, 4, 4]), 2, { output_size: [4, 4] }),
  max_unpool1d_output_size: () => F.max_unpool1d(...pooled(1, [1, 1, 8]), 2, { output_size: [2] }),
  max_unpool1d_dims: () => F.max_unpool1d(r(1, 1, 2, 2), long([1, 1, 2, 2]), 2),
  lrn_not_4d: () => New("CrossMapLRN2d", 3).forward(r(2, 3, 4)),
  nll_loss2d_kwarg: () => quiet(() => New("NLLLoss2d", { bogus: 1 })),
  asm_cutoffs_unsorted: () => asm(8, 10, [6, 3]),
  asm_cutoffs_too_big: () => asm(8, 10, [3, 10]),
  asm_cutoffs_float: () => asm(8, 10, [2.5]),
  asm_cutoffs_int: () => asm(8, 10, 3),
  asm_batch_mismatch: () => asm(4, 6, [2]).forward(r(3, 4), torch.tensor([0, 1])),
  asm_input_dims: () => asm(4, 6, [2]).forward(r(2, 3, 4), torch.tensor([0, 1])),
  asm_unbatched_dims: () => asm(4, 6, [2]).forward(r(2, 4), torch.tensor(1)),
  asm_target_dims: () => asm(4, 6, [2]).forward(r(2, 4), long([2, 2])),
  asm_target_range: () => asm(4, 6, [2]).forward(r(2, 4), torch.tensor([0, 7])),
  fuse_training: () => utils.fuse_conv_bn_eval(new nn.Conv2d(1, 2, 1), new nn.BatchNorm2d(2)),
  vector_to_parameters_list: () => utils.vector_to_parameters([1.0], new nn.Linear(1, 1).parameters()),
  vector_to_parameters_short: () =>
    utils.vector_to_parameters(torch.zeros([3]), new nn.Linear(2, 2).parameters()),
  parameters_to_vector_int: () => utils.parameters_to_vector(3),
  skip_init_no_device: () => utils.skip_init(nn.ReLU),
  elu_int: () => F.elu_(long([3], 1)),
  leaky_relu_negative_backward: () => {
    const y = r(3).requires_grad_(true).mul(1);
    F.leaky_relu_(y, -0.1);
    y.sum().backward();
  },
  hardtanh_bool: () => F.hardtanh_(torch.ones([2], { dtype: torch.bool })),
  relu_leaf: () => F.relu_(r(2).requires_grad_(true)),
  pdist_1d: () => F.pdist(r(3)),
  pdist_negative_p: () => F.pdist(r(3, 2), -1),
  pdist_long: () => F.pdist(torch.ones([3, 2], { dtype: torch.int64 })),
  torch_pdist_3d: () => torch.pdist(r(2, 3, 2)),
};

describe.each(availableBackends())("nn extras against PyTorch 1.13 (%s backend)", (backend) => {
  onBackend(backend);

  for (const [name, f] of Object.entries(fx.modules)) it(`module ${name}`, () => runModule(f));

  const sortedInplace = Object.keys(fx.inplace).sort();
  for (const [name, f] of Object.entries(fx.inplace))
    it(`F.${name}`, () => runInplace(name, f, 900 + sortedInplace.indexOf(name)));

  const sortedFunctions = Object.keys(fx.functions).sort();
  for (const [name, f] of Object.entries(fx.functions))
    it(`F.${f.fn}: ${name}`, () => runFunction(f, 950 + sortedFunctions.indexOf(name)));

  it("nn.utils.parameters_to_vector and vector_to_parameters", () => {
    const f = fx.utils;
    torch.manual_seed(1);
    const lin = new nn.Linear(3, 2);
    const vec = utils.parameters_to_vector(lin.parameters()) as Tensor;
    expect(flat(vec)).toEqual(decodeFlat(f.parameters_to_vector.values));
    expect(vec.grad_fn?.name() ?? null).toBe(f.parameters_to_vector.grad_fn);
    utils.vector_to_parameters(torch.arange(8).float(), lin.parameters());
    expect(flat(lin.weight)).toEqual(decodeFlat(f.vector_to_parameters.weight));
    expect(flat(lin.bias!)).toEqual(decodeFlat(f.vector_to_parameters.bias));
    expect(String(lin.weight)).toBe(f.vector_to_parameters.repr);
  });

  it("nn.utils.fuse_conv_bn_eval and fuse_conv_bn_weights", () => {
    const f = fx.utils.fuse_conv_bn_eval as unknown as Record<string, Encoded>;
    torch.manual_seed(2);
    const conv = new nn.Conv2d(2, 3, 2);
    const bn = new nn.BatchNorm2d(3);
    torch.no_grad(() => {
      bn.running_mean!.copy_(torch.randn([3]));
      bn.running_var!.copy_(torch.rand([3]).add(0.5));
      bn.weight!.copy_(torch.randn([3]));
      bn.bias!.copy_(torch.randn([3]));
    });
    conv.eval();
    bn.eval();
    const fused = utils.fuse_conv_bn_eval(conv, bn) as torch.nn.Conv2d;
    const x = torch.randn([1, 2, 4, 4]);
    expect(String(fused)).toBe(f.repr);
    expect(fused === conv).toBe(f.same_object);
    expect(fused.weight).toBeInstanceOf(nn.Parameter);
    expect(fused.weight.grad_fn?.name() ?? null).toBe(f.weight_grad_fn);
    close(fused.weight, f.weight, "fused weight");
    close(fused.bias!, f.bias, "fused bias");
    expect(flat(conv.weight)).toEqual(decodeFlat(f.conv_weight_kept));
    close(fused.forward(x), f.output, "fused output", 1e-5);
    close(bn.forward(conv.forward(x)), f.unfused, "unfused output", 1e-5);

    const t = fx.utils.fuse_conv_bn_eval_transpose;
    torch.manual_seed(3);
    const convt = new nn.ConvTranspose2d(3, 2, 2, { bias: false });
    const bn2 = new nn.BatchNorm2d(2, { affine: false });
    torch.no_grad(() => {
      bn2.running_mean!.copy_(torch.randn([2]));
      bn2.running_var!.copy_(torch.rand([2]).add(0.5));
    });
    convt.eval();
    bn2.eval();
    const fusedT = utils.fuse_conv_bn_eval(convt, bn2, { transpose: true }) as torch.nn.ConvTranspose2d;
    close(fusedT.weight, t.weight, "transposed weight");
    close(fusedT.bias!, t.bias, "transposed bias");

    const w = fx.utils.fuse_conv_bn_weights;
    torch.manual_seed(4);
    const [cw, rm, rv] = [torch.randn([4, 2, 3]), torch.randn([4]), torch.rand([4]).add(0.1)];
    const [fw, fb] = utils.fuse_conv_bn_weights(cw, null, rm, rv, 1e-3, null, null) as Tensor[];
    expect([fw, fb].map((p) => (p instanceof nn.Parameter ? "Parameter" : "Tensor"))).toEqual(w.types);
    close(fw, w.weight, "weights");
    close(fb, w.bias, "bias");
  });

  it("nn.utils.clip_grad_norm warns and clips as clip_grad_norm_", () => {
    const f = fx.utils.clip_grad_norm;
    torch.manual_seed(5);
    const lin = new nn.Linear(4, 3);
    lin
      .forward(torch.randn([2, 4]))
      .pow(2)
      .sum()
      .backward();
    const { result, warnings } = catch_warnings(() => utils.clip_grad_norm(lin.parameters(), 0.5) as Tensor);
    expect(warningTexts(warnings)).toEqual(f.warnings);
    close(result, f.total, "total norm", 1e-5);
    close(lin.weight.grad!, f.weight_grad, "weight grad", 1e-6);
    close(lin.bias!.grad!, f.bias_grad, "bias grad", 1e-6);
  });

  it("nn.utils.skip_init builds the module without drawing its init", () => {
    const f = fx.utils.skip_init;
    torch.manual_seed(6);
    const m = utils.skip_init(nn.Linear, 5, 2) as torch.nn.Linear;
    expect(flat(torch.rand([3]))).toEqual(decodeFlat(f.rand_after));
    const m2 = utils.skip_init(nn.Conv1d, {
      in_channels: 2,
      out_channels: 3,
      kernel_size: 2,
      bias: false,
    }) as torch.nn.Conv1d;
    expect(String(m)).toBe(f.repr);
    expect(String(m2)).toBe(f.repr2);
    expect([...m.parameters()].map((p) => p.shape)).toEqual(f.shapes);
    expect([...m2.parameters()].map((p) => p.shape)).toEqual(f.shapes2);
    expect([...m.parameters()].map((p) => p.requires_grad)).toEqual(f.requires_grad);
  });

  it("nn.Container warns and registers its keyword modules", () => {
    const f = fx.container;
    const { result: c, warnings } = catch_warnings(
      () => new nn.Container({ a: new nn.Linear(2, 3), b: new nn.ReLU() }),
    );
    expect(warningTexts(warnings)).toEqual(f.warnings);
    expect(String(c)).toBe(f.repr);
    expect([...c.named_children()].map(([n]) => n)).toEqual(f.children);
    expect(errorOf(() => c.forward())).toBe(f.forward);
  });

  it("errors", () => {
    expect(Object.keys(ERRORS)).toEqual(Object.keys(fx.errors));
    for (const [name, fn] of Object.entries(ERRORS)) {
      torch.manual_seed(0);
      expect(errorOf(fn), name).toBe(fx.errors[name]);
    }
  });
});
