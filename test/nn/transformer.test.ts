// nn.Transformer, TransformerEncoder(Layer) and TransformerDecoder(Layer) against real PyTorch 1.13
// (scripts/gen_transformer_fixtures.py, test/fixtures/nn/transformer.json), on both backends. Each case is a
// spec replayed here: parameters after manual_seed (and dropout masks in training) are PyTorch's samples,
// compared exactly; outputs and gradients go through matrix products (BLAS), so they are compared within a
// tolerance (docs/testing.md); reprs, state_dict keys, grad_fn names and error texts exactly.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";

const nn = torch.nn;
type Tensor = torch.Tensor;

interface InputSpec {
  name: string;
  kw: boolean;
  values: Encoded;
  dtype: "float32" | "bool";
}
interface Spec {
  cls: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  activation?: string;
  layer?: Spec;
  num_layers?: number;
  norm?: number | null;
  custom_decoder?: Spec;
  dtype?: "float64";
}
interface ModuleCase extends Spec {
  seed: number;
  train?: boolean;
  repr: string;
  param_names: string[];
  params: Record<string, Encoded>;
  state_dict_keys: string[];
  inputs: InputSpec[];
  output: Encoded;
  shape: number[];
  grad_fn: string;
  upstream: Encoded;
  input_grads: (Encoded | null)[];
  param_grads: Record<string, Encoded>;
}

const fx = JSON.parse(readFileSync(new URL("../fixtures/nn/transformer.json", import.meta.url), "utf8")) as {
  modules: Record<string, ModuleCase>;
  init_only: Record<string, Spec & { seed: number; params: Record<string, Encoded>; repr: string }>;
  reprs: Record<string, Spec & { repr: string }>;
  fastpath: { seed: number; x: Encoded; output: Encoded };
  square_masks: Record<string, Encoded>;
  errors: Record<string, string>;
};

type AnyModule = torch.nn.Module & { forward: (...args: unknown[]) => Tensor };

/** The fixture's activations: "relu"/"gelu" as strings, F.gelu, a GELU module, torch.tanh. */
function activation(name: string | undefined): Record<string, unknown> {
  if (name === undefined) return {};
  if (name === "relu" || name === "gelu") return { activation: name };
  if (name === "F.gelu") return { activation: nn.functional.gelu };
  if (name === "F.relu") return { activation: nn.functional.relu };
  if (name === "GELU()") return { activation: new nn.GELU() };
  if (name === "torch.tanh") return { activation: (x: Tensor) => torch.tanh(x) };
  throw new Error(name);
}

function build(spec: Spec): AnyModule {
  const kwargs: Record<string, unknown> = { ...(spec.kwargs ?? {}), ...activation(spec.activation) };
  if (spec.custom_decoder) kwargs.custom_decoder = build(spec.custom_decoder);
  const ctors = nn as unknown as Record<string, new (...a: unknown[]) => AnyModule>;
  if (spec.cls === "TransformerEncoder" || spec.cls === "TransformerDecoder") {
    const norm = spec.norm === null || spec.norm === undefined ? null : new nn.LayerNorm(spec.norm);
    return new ctors[spec.cls](build(spec.layer!), spec.num_layers, norm, kwargs);
  }
  if (spec.dtype) kwargs.dtype = torch.float64;
  return new ctors[spec.cls](...(spec.args ?? []), kwargs);
}

/** A nested fixture list with Python's "inf"/"-inf"/"nan" strings as numbers. */
const decode = (v: Encoded): unknown =>
  Array.isArray(v) ? v.map(decode) : typeof v === "string" ? Number(v.replace("inf", "Infinity")) : v;

const ULPS = 64;
const ATOL = 5e-6;

function runCase(f: ModuleCase): void {
  torch.manual_seed(f.seed);
  const m = build(f);
  expect(String(m)).toBe(f.repr);
  const named = [...m.named_parameters()];
  expect(named.map(([n]) => n)).toEqual(f.param_names);
  for (const [n, p] of named) expect(Array.from(p.values()), `init ${n}`).toEqual(decodeFlat(f.params[n]));
  expect(Object.keys(m.state_dict())).toEqual(f.state_dict_keys);
  if (!f.train) m.eval();

  const args: Tensor[] = [];
  const kwargs: Record<string, Tensor> = {};
  const leaves: Tensor[] = [];
  for (const i of f.inputs) {
    const t =
      i.dtype === "bool"
        ? torch.tensor(i.values as never, { dtype: torch.bool })
        : torch.tensor(decode(i.values) as never, { dtype: f.dtype ? torch.float64 : torch.float32 });
    const input = !i.kw ? t.requires_grad_(true) : t;
    leaves.push(input);
    if (i.kw) kwargs[i.name] = input;
    else args.push(input);
  }
  torch.manual_seed(f.seed + 1);
  const y = m.forward(...args, kwargs) as Tensor;
  const dtype = f.dtype ?? "float32";
  const atol = dtype === "float64" ? 1e-13 : ATOL;
  expect(y.dtype.name).toBe(dtype);
  expect(y.shape).toEqual(f.shape);
  expect(y.grad_fn?.name() ?? null).toBe(f.grad_fn);
  expectClose(y.values(), decodeFlat(f.output), dtype, ULPS, "output", atol);
  y.mul(torch.tensor(f.upstream as never))
    .sum()
    .backward();
  leaves.forEach((t, i) => {
    const expected = f.input_grads[i];
    if (expected === null) expect(t.grad).toBeNull();
    else
      expectClose(
        t.grad!.values(),
        decodeFlat(expected),
        "float32",
        ULPS,
        `grad ${f.inputs[i].name}`,
        4 * ATOL,
      );
  });
  for (const [n, p] of named)
    expectClose(p.grad!.values(), decodeFlat(f.param_grads[n]), dtype, ULPS, `grad ${n}`, 4 * atol);
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
/** The calls of scripts/gen_transformer_fixtures.py's ERRORS, by name. */
const ERRORS: Record<string, () => unknown> = {
  bad_activation: () => new nn.TransformerEncoderLayer(4, 2, { activation: "tanh" }),
  decoder_bad_activation: () => new nn.TransformerDecoderLayer(4, 2, { activation: "swish" }),
  heads_not_dividing: () => new nn.TransformerEncoderLayer(5, 2),
  dropout_range: () => new nn.TransformerEncoderLayer(4, 2, { dropout: 1.5 }),
  batch_mismatch: () => new nn.Transformer(4, 2, 1, 1, 8).forward(r(3, 2, 4), r(3, 3, 4)),
  batch_mismatch_batch_first: () =>
    new nn.Transformer(4, 2, 1, 1, 8, { batch_first: true }).forward(r(2, 3, 4), r(3, 3, 4)),
  d_model_mismatch: () => new nn.Transformer(4, 2, 1, 1, 8).forward(r(3, 2, 4), r(3, 2, 5)),
  int_key_padding_mask: () =>
    new nn.TransformerEncoderLayer(4, 2).forward(r(3, 2, 4), {
      src_key_padding_mask: torch.zeros([2, 3], { dtype: torch.int64 }),
    }),
  encoder_int_key_padding_mask: () =>
    new nn.TransformerEncoder(new nn.TransformerEncoderLayer(4, 2), 1).forward(r(3, 2, 4), {
      src_key_padding_mask: torch.zeros([2, 3], { dtype: torch.int64 }),
    }),
  encoder_no_layers: () =>
    new nn.TransformerEncoder(new nn.TransformerEncoderLayer(4, 2), 0).forward(r(3, 2, 4)),
  key_padding_mask_shape: () =>
    new nn.TransformerEncoderLayer(4, 2).forward(r(3, 2, 4), {
      src_key_padding_mask: torch.zeros([2, 4], { dtype: torch.bool }),
    }),
  src_mask_shape: () =>
    new nn.TransformerEncoderLayer(4, 2).forward(r(3, 2, 4), { src_mask: torch.zeros([4, 4]) }),
  encoder_layer_input_features: () => new nn.TransformerEncoderLayer(4, 2).forward(r(3, 2, 5)),
};

describe.each(availableBackends())("Transformer family against PyTorch 1.13 (%s backend)", (backend) => {
  onBackend(backend);

  for (const [name, f] of Object.entries(fx.modules)) it(name, () => runCase(f));

  it("a small Transformer's init: xavier_uniform_ over every matrix, in parameters() order", () => {
    for (const f of Object.values(fx.init_only)) {
      torch.manual_seed(f.seed);
      const m = build(f);
      expect(String(m)).toBe(f.repr);
      const named = [...m.named_parameters()];
      expect(named.map(([n]) => n)).toEqual(Object.keys(f.params));
      for (const [n, p] of named) expect(Array.from(p.values()), n).toEqual(decodeFlat(f.params[n]));
    }
  });

  it("reprs", () => {
    for (const f of Object.values(fx.reprs)) expect(String(build(f))).toBe(f.repr);
  });

  it("the slow path matches 1.13's fused eval-mode kernel within float32 rounding", () => {
    const f = fx.fastpath;
    torch.manual_seed(f.seed);
    const m = new nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 8, batch_first: true }).eval();
    const x = torch.tensor(f.x as never);
    const y = torch.no_grad(() => m.forward(x)) as Tensor;
    expectClose(y.values(), decodeFlat(f.output), "float32", ULPS, "fast path", 1e-5);
  });

  it("generate_square_subsequent_mask", () => {
    for (const [n, v] of Object.entries(fx.square_masks)) {
      const mask = nn.Transformer.generate_square_subsequent_mask(Number(n));
      expect(mask.dtype).toBe(torch.float32);
      expect(Array.from(mask.values())).toEqual(decodeFlat(v));
    }
  });

  it("layers are deep copies: equal values, separate tensors", () => {
    const layer = new nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 8 });
    const enc = new nn.TransformerEncoder(layer, 2);
    const [a, b] = [...enc.layers] as torch.nn.TransformerEncoderLayer[];
    expect(a).not.toBe(layer);
    expect(a.self_attn.in_proj_weight).not.toBe(b.self_attn.in_proj_weight);
    expect(Array.from(a.linear1.weight.values())).toEqual(Array.from(layer.linear1.weight.values()));
    expect(a.linear1.weight.requires_grad).toBe(true);
    // Each clone keeps its own forward: hooks on one do not fire on the other.
    let calls = 0;
    a.register_forward_hook(() => {
      calls++;
    });
    b.forward(torch.randn([3, 2, 4]));
    expect(calls).toBe(0);
    a.forward(torch.randn([3, 2, 4]));
    expect(calls).toBe(1);
  });

  it("errors", () => {
    expect(Object.keys(ERRORS)).toEqual(Object.keys(fx.errors));
    for (const [name, fn] of Object.entries(ERRORS)) {
      torch.manual_seed(0);
      expect(errorOf(fn), name).toBe(fx.errors[name]);
    }
  });
});
