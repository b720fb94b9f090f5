// Conv, pooling, normalization, embedding, bilinear and attention layers against real PyTorch 1.13
// (scripts/gen_layer_fixtures.py): reprs, default init after manual_seed, outputs, grad_fn names,
// gradients, BatchNorm buffers; plus double backward, attention's float64 gradcheck and PyTorch's error
// messages. The functional ops themselves are checked op by op in the op tables (test/ops/tables/nn_*.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";

const nn = torch.nn;
const F = torch.nn.functional;
type Tensor = torch.Tensor;

interface CaseFixture {
  seed: number;
  repr: string;
  params: Record<string, Encoded>;
  param_names: string[];
  inputs: Encoded[];
  input_dtypes: string[];
  outputs: (Encoded | null)[];
  output_dtypes: (string | null)[];
  grad_fns: (string | null)[];
  upstream: (Encoded | null)[];
  input_grads: (Encoded | null)[];
  param_grads: Record<string, Encoded | null>;
  buffers: Record<string, Encoded>;
}

const fx = JSON.parse(readFileSync(new URL("../fixtures/layers.json", import.meta.url), "utf8")) as {
  cases: Record<string, CaseFixture>;
  batchnorm_steps: Record<string, Record<string, unknown>>;
};

interface LayerCase {
  build: () => torch.nn.Module;
  /** How the fixture's distinct inputs are passed (attention: "self" = q=k=v, "kv" = k=v). */
  call?: (m: torch.nn.Module, inputs: Tensor[]) => Tensor | (Tensor | null)[];
  /** Looser float32 tolerance (ulps, absolute) where PyTorch sums in another order. */
  tol?: [number, number];
  /** Absolute slack on the initial weights: normal_ on 16+ elements is not bit-exact with PyTorch's
   * vectorised float32 Box-Muller (src/ops/random_ops.ts), so Embedding's N(0, 1) init differs by ~1e-6. */
  initAtol?: number;
}

const mha = (m: torch.nn.Module) => m as torch.nn.MultiheadAttention;
const CASES: Record<string, LayerCase> = {
  conv2d_basic: { build: () => new nn.Conv2d(3, 4, 3) },
  conv2d_pad_stride: { build: () => new nn.Conv2d(2, 4, [3, 2], { stride: [2, 1], padding: [1, 2] }) },
  conv2d_dil_groups: {
    build: () => new nn.Conv2d(4, 6, 3, { padding: 2, dilation: 2, groups: 2, bias: false }),
  },
  conv2d_same_even: { build: () => new nn.Conv2d(2, 3, 4, { padding: "same" }) },
  conv2d_valid: { build: () => new nn.Conv2d(2, 3, 3, { padding: "valid" }) },
  conv2d_unbatched: { build: () => new nn.Conv2d(2, 3, 3, { padding: 1 }) },
  conv1d_basic: { build: () => new nn.Conv1d(3, 5, 3, { stride: 2, padding: 1 }) },
  conv1d_same_dil_groups: {
    build: () => new nn.Conv1d(2, 4, 3, { padding: "same", dilation: 2, groups: 2 }),
  },
  maxpool_basic: { build: () => new nn.MaxPool2d(2) },
  maxpool_full: {
    build: () => new nn.MaxPool2d(3, { stride: 2, padding: 1, ceil_mode: true, return_indices: true }),
  },
  maxpool_dilation: { build: () => new nn.MaxPool2d([2, 3], { stride: [1, 2], dilation: 2 }) },
  maxpool_unbatched: { build: () => new nn.MaxPool2d(2, { stride: 1, return_indices: true }) },
  avgpool_basic: { build: () => new nn.AvgPool2d(2) },
  avgpool_pad_exclude: {
    build: () => new nn.AvgPool2d(3, { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }),
  },
  avgpool_pad_include: { build: () => new nn.AvgPool2d(3, { stride: 2, padding: 1, ceil_mode: true }) },
  avgpool_divisor: { build: () => new nn.AvgPool2d([2, 3], { divisor_override: 4 }) },
  adaptive_none: { build: () => new nn.AdaptiveAvgPool2d([3, null]) },
  adaptive_4: { build: () => new nn.AdaptiveAvgPool2d(4) },
  adaptive_1: { build: () => new nn.AdaptiveAvgPool2d(1) },
  batchnorm2d: { build: () => new nn.BatchNorm2d(3) },
  batchnorm1d_3d_cumulative: { build: () => new nn.BatchNorm1d(3, { momentum: null }) },
  batchnorm1d_plain: {
    build: () => new nn.BatchNorm1d(4, { eps: 1e-3, affine: false, track_running_stats: false }),
  },
  layernorm: { build: () => new nn.LayerNorm(5) },
  layernorm_2d_plain: { build: () => new nn.LayerNorm([3, 5], { eps: 1e-3, elementwise_affine: false }) },
  embedding: { build: () => new nn.Embedding(10, 4), initAtol: 1e-5 },
  embedding_padding: { build: () => new nn.Embedding(6, 3, { padding_idx: 2 }), initAtol: 1e-5 },
  bilinear: {
    build: () => new nn.Bilinear(3, 4, 2),
    call: (m, [a, b]) => (m as torch.nn.Bilinear).forward(a, b),
  },
  bilinear_nobias_3d: {
    build: () => new nn.Bilinear(2, 3, 4, { bias: false }),
    call: (m, [a, b]) => (m as torch.nn.Bilinear).forward(a, b),
  },
  mha_self: { build: () => new nn.MultiheadAttention(8, 2), call: (m, [x]) => mha(m).forward(x, x, x) },
  mha_batch_first_kpm: {
    build: () => new nn.MultiheadAttention(6, 3, { batch_first: true }),
    call: (m, [q, kv]) =>
      mha(m).forward(q, kv, kv, {
        key_padding_mask: torch.tensor([
          [false, false, true, false, true],
          [false, false, false, false, false],
        ]),
      }),
  },
  mha_kdim_mask_heads: {
    build: () => new nn.MultiheadAttention(4, 2, { kdim: 3, vdim: 5 }),
    call: (m, [q, k, v]) =>
      mha(m).forward(q, k, v, {
        attn_mask: torch.tensor([0, 1, 0, 0].map(Boolean)).expand(3, 4).contiguous(),
        average_attn_weights: false,
      }),
  },
  mha_unbatched_float_mask_nobias: {
    build: () => new nn.MultiheadAttention(4, 1, { bias: false }),
    call: (m, [x]) => mha(m).forward(x, x, x, { attn_mask: torch.tensor([0, -1, 0.5]).expand(3, 3) }),
  },
  mha_no_weights: {
    build: () => new nn.MultiheadAttention(4, 2),
    call: (m, [x]) => mha(m).forward(x, x, x, { need_weights: false }),
  },
  conv_transpose1d_output_padding: {
    build: () => new nn.ConvTranspose1d(3, 4, 3, { stride: 2, padding: 1, output_padding: 1 }),
  },
  conv_transpose2d_groups_dilation: {
    build: () =>
      new nn.ConvTranspose2d(4, 6, [3, 2], {
        stride: [2, 1],
        padding: [1, 0],
        groups: 2,
        dilation: [1, 2],
        bias: false,
      }),
  },
  conv_transpose2d_output_size: {
    build: () => new nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1 }),
    call: (m, [x]) => (m as torch.nn.ConvTranspose2d).forward(x, [8, 8]),
  },
  conv_transpose2d_unbatched: { build: () => new nn.ConvTranspose2d(2, 3, 2) },
  conv3d_basic: { build: () => new nn.Conv3d(2, 3, [2, 3, 2], { stride: [1, 2, 1], padding: 1 }) },
  conv3d_same_groups: {
    build: () => new nn.Conv3d(4, 2, 3, { padding: "same", dilation: [1, 2, 1], groups: 2, bias: false }),
  },
  conv_transpose3d_output_size: {
    build: () =>
      new nn.ConvTranspose3d(2, 4, [2, 3, 2], { stride: [2, 1, 3], padding: [0, 1, 1], groups: 2 }),
    call: (m, [x]) => (m as torch.nn.ConvTranspose3d).forward(x, [5, 3, 5]),
  },
  avgpool3d: {
    build: () =>
      new nn.AvgPool3d(3, { stride: [1, 2, 2], padding: 1, ceil_mode: true, count_include_pad: false }),
  },
  adaptive_avg3d: { build: () => new nn.AdaptiveAvgPool3d([2, null, 3]) },
  adaptive_max3d_indices: { build: () => new nn.AdaptiveMaxPool3d(3, true) },
  maxpool1d_indices: {
    build: () => new nn.MaxPool1d(3, { stride: 2, padding: 1, ceil_mode: true, return_indices: true }),
  },
  avgpool1d: { build: () => new nn.AvgPool1d(3, { stride: 2, padding: 1, count_include_pad: false }) },
  adaptive_avg1d: { build: () => new nn.AdaptiveAvgPool1d(3) },
  adaptive_max1d_indices: { build: () => new nn.AdaptiveMaxPool1d(4, true) },
  adaptive_max2d_none: { build: () => new nn.AdaptiveMaxPool2d([null, 3]) },
  zeropad2d: { build: () => new nn.ZeroPad2d([1, 2, 0, 1]) },
  constantpad1d: { build: () => new nn.ConstantPad1d(2, 3.5) },
  constantpad2d: { build: () => new nn.ConstantPad2d([1, 0, 2, 1], -1) },
  reflectionpad1d: { build: () => new nn.ReflectionPad1d([2, 1]) },
  reflectionpad2d: { build: () => new nn.ReflectionPad2d(1) },
  replicationpad1d: { build: () => new nn.ReplicationPad1d(2) },
  replicationpad2d: { build: () => new nn.ReplicationPad2d([1, 2, 2, 0]) },
  pixelshuffle: { build: () => new nn.PixelShuffle(2) },
  pixelunshuffle: { build: () => new nn.PixelUnshuffle(2) },
  fold: { build: () => new nn.Fold({ output_size: 4, kernel_size: [2, 1], stride: [1, 2] }) },
  unfold: { build: () => new nn.Unfold(2, { padding: 1 }) },
  lppool2d: { build: () => new nn.LPPool2d(2, [2, 3], { stride: 1 }) },
  lppool2d_ceil: { build: () => new nn.LPPool2d(1.5, 2, { ceil_mode: true }) },
  maxunpool2d: {
    build: () => new nn.MaxUnpool2d([2, 1], { stride: [2, 1] }),
    call: (m, [x, indices]) => (m as torch.nn.MaxUnpool2d).forward(x, indices, [5, 3]),
  },
  maxpool3d_indices: {
    build: () =>
      new nn.MaxPool3d([1, 2, 3], { stride: 1, padding: [0, 1, 1], ceil_mode: true, return_indices: true }),
  },
};

const asList = (v: Tensor | null | (Tensor | null)[]) => (Array.isArray(v) ? v : [v]);
const forwardOf = (m: torch.nn.Module) =>
  (m as unknown as { forward: (x: Tensor) => Tensor }).forward.bind(m);

const DTYPES: Record<string, torch.DType> = {
  float32: torch.float32,
  float64: torch.float64,
  int64: torch.int64,
};

function tensorOf(values: Encoded, dtype: string): Tensor {
  return torch.tensor(values as never, { dtype: DTYPES[dtype] });
}

describe("layers against PyTorch 1.13", () => {
  for (const [name, spec] of Object.entries(CASES)) {
    it(name, () => {
      const f = fx.cases[name];
      torch.manual_seed(f.seed);
      const m = spec.build();
      expect(String(m)).toBe(f.repr);
      const named = [...m.named_parameters()];
      expect(named.map(([n]) => n)).toEqual(f.param_names);
      for (const [n, p] of named)
        expectClose(p.values(), decodeFlat(f.params[n]), "float32", 2, `init ${n}`, spec.initAtol ?? 1e-7);

      const inputs = f.inputs.map((v, i) => {
        const t = tensorOf(v, f.input_dtypes[i]);
        return t.dtype.name === "float32" ? t.requires_grad_(true) : t;
      });
      const outs = asList(spec.call ? spec.call(m, inputs) : forwardOf(m)(inputs[0]));
      const [ulps, atol] = spec.tol ?? [64, 2e-6];
      let loss: Tensor | null = null;
      outs.forEach((o, i) => {
        const expected = f.outputs[i];
        if (expected === null) {
          expect(o).toBeNull();
          return;
        }
        expect(o).not.toBeNull();
        const out = o as Tensor;
        expect(out.dtype.name).toBe(f.output_dtypes[i]);
        expectClose(out.values(), decodeFlat(expected), "float32", ulps, `output ${i}`, atol);
        expect(out.grad_fn?.name() ?? null).toBe(f.grad_fns[i]);
        const up = f.upstream[i];
        if (up !== null && out.requires_grad) {
          const term = out.mul(tensorOf(up, "float32")).sum();
          loss = loss === null ? term : loss.add(term);
        }
      });
      (loss as Tensor | null)?.backward();
      inputs.forEach((t, i) => {
        const g = f.input_grads[i];
        if (g === null) expect(t.grad).toBeNull();
        else
          expectClose(
            (t.grad as Tensor).values(),
            decodeFlat(g),
            "float32",
            ulps,
            `input grad ${i}`,
            atol * 5,
          );
      });
      for (const [n, p] of named) {
        const g = f.param_grads[n];
        if (g === null) expect(p.grad).toBeNull();
        else expectClose((p.grad as Tensor).values(), decodeFlat(g), "float32", ulps, `grad ${n}`, atol * 5);
      }
      for (const [n, b] of m.named_buffers()) {
        expectClose(b.values(), decodeFlat(f.buffers[n]), "float32", 4, `buffer ${n}`, 1e-6);
      }
    });
  }
});

describe("BatchNorm buffers", () => {
  const builds: Record<string, () => torch.nn.Module> = {
    bn2d: () => new nn.BatchNorm2d(3),
    bn1d_cumulative: () => new nn.BatchNorm1d(3, { momentum: null }),
    bn1d_momentum: () => new nn.BatchNorm1d(2, { momentum: 0.3, affine: false }),
  };
  for (const [name, build] of Object.entries(builds)) {
    it(`${name}: running stats after two training steps, then eval`, () => {
      const f = fx.batchnorm_steps[name] as {
        x: Encoded[];
        buffers: Record<string, Encoded>;
        eval_out: Encoded;
        eval_grad_fn: string;
        eval_input_grad: Encoded;
        state_dict_keys: string[];
      };
      const bn = build();
      expect(Object.keys(bn.state_dict())).toEqual(f.state_dict_keys);
      const [x1, x2, x3] = f.x.map((v) => tensorOf(v, "float32"));
      forwardOf(bn)(x1);
      forwardOf(bn)(x2);
      const buffers = Object.fromEntries(bn.named_buffers());
      expect(Object.keys(buffers)).toEqual(Object.keys(f.buffers));
      for (const [n, b] of Object.entries(buffers)) {
        expectClose(b.values(), decodeFlat(f.buffers[n]), "float32", 8, n, 1e-7);
      }
      expect(buffers.num_batches_tracked.dtype.name).toBe("int64");
      bn.eval();
      x3.requires_grad_(true);
      const y = forwardOf(bn)(x3);
      expectClose(y.values(), decodeFlat(f.eval_out), "float32", 16, "eval output", 1e-6);
      expect(y.grad_fn?.name()).toBe(f.eval_grad_fn);
      y.sum().backward();
      expectClose(
        (x3.grad as Tensor).values(),
        decodeFlat(f.eval_input_grad),
        "float32",
        16,
        "eval grad",
        1e-6,
      );
    });
  }
});

describe("float64 gradcheck", () => {
  const d = (...shape: number[]) => torch.randn(shape, { dtype: torch.float64 }).requires_grad_(true);
  const check = (fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[]) =>
    expect(torch.autograd.gradcheck(fn, inputs)).toBe(true);
  // The functional ops' own gradchecks are the op tables' (test/ops/tables/nn_*.ts); here the module's.
  it("attention", () => {
    torch.manual_seed(4);
    const m = new nn.MultiheadAttention(4, 2, { dtype: torch.float64 });
    check((q, kv) => mha(m).forward(q, kv, kv)[0], [d(3, 2, 4), d(5, 2, 4)]);
  });
  it("double backward: the backward formulas are themselves differentiable", () => {
    torch.manual_seed(5);
    const gradOf = (f: (x: Tensor, w: Tensor) => Tensor) => (x: Tensor, w: Tensor) =>
      torch.enable_grad(() => {
        const [gx, gw] = torch.autograd.grad(f(x, w).pow(2).sum(), [x, w], { create_graph: true });
        return (gx as Tensor).sum().add((gw as Tensor).pow(2).sum());
      });
    check(
      gradOf((x, w) => F.conv2d(x, w, null, { padding: 1, stride: 2 })),
      [d(1, 2, 4, 4), d(3, 2, 3, 3)],
    );
    check(
      gradOf((x, w) => F.batch_norm(x, null, null, { weight: w, training: true })),
      [d(3, 2, 2), d(2)],
    );
    check(
      gradOf((x, w) => F.layer_norm(x, [3], w)),
      [d(2, 3), d(3)],
    );
    check(
      gradOf((x, w) => F.max_pool2d(x, 2).mul(w)),
      [d(1, 1, 4, 4), d(1)],
    );
    check(
      gradOf((x, w) => F.avg_pool2d(x, 3, { padding: 1 }).mul(w)),
      [d(1, 1, 4, 4), d(1)],
    );
  });
});

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return "NO ERROR";
}

// Bad input to the layers is checked against PyTorch's texts in test/errors/nn.ts. This one is no row there:
// PyTorch prints the valid strings as a Python set, whose order follows the process's hash seed; tensorgrad
// prints one of its two orders.
describe("bad input gets PyTorch's errors", () => {
  it("Conv2d padding string", () => {
    expect(["{'valid', 'same'}", "{'same', 'valid'}"]).toContain(
      errorOf(() => new nn.Conv2d(4, 4, 3, { padding: "foo" as never })).replace(
        "ValueError: Invalid padding string 'foo', should be one of ",
        "",
      ),
    );
  });
});

describe("speed", () => {
  it("a small MNIST CNN step (batch 64, Conv2d(1,8,3) + Conv2d(8,16,3)) runs in well under a few seconds", () => {
    torch.manual_seed(0);
    const c1 = new nn.Conv2d(1, 8, 3);
    const c2 = new nn.Conv2d(8, 16, 3);
    const x = torch.randn(64, 1, 28, 28);
    c2.forward(c1.forward(x).relu()).sum().backward(); // warm-up
    const t0 = performance.now();
    const y = c2.forward(F.max_pool2d(c1.forward(x).relu(), 2));
    const forwardMs = performance.now() - t0;
    y.sum().backward();
    expect(forwardMs).toBeLessThan(1000);
    expect(performance.now() - t0).toBeLessThan(4000);
  });
});
