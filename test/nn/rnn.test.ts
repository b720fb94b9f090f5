// nn.RNN / LSTM / GRU, their cells and torch.nn.utils.rnn against real PyTorch 1.13
// (scripts/gen_rnn_fixtures.py, test/fixtures/nn/rnn.json), on both backends: each fixture case is a spec
// (class, arguments, inputs) replayed here. Parameters after manual_seed and dropout masks are PyTorch's
// samples, compared exactly; outputs and gradients go through matrix products (BLAS), so they are compared
// within a tolerance (docs/testing.md); grad_fn names, reprs, state_dict keys and error texts exactly.
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { catch_warnings } from "../../src/warnings.js";
import { onBackend } from "../helpers/backends.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";

const nn = torch.nn;
const U = torch.nn.utils.rnn;
type Tensor = torch.Tensor;

interface ModuleCase {
  cls: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  input: number[];
  hx?: number[] | number[][];
  packed?: { lengths: number[]; enforce_sorted?: boolean };
  train?: boolean;
  seed: number;
  repr: string;
  param_names: string[];
  params: Record<string, Encoded>;
  state_dict_keys: string[];
  x: Encoded;
  hx_values: Encoded[] | null;
  packed_repr?: string;
  out_batch_sizes?: number[];
  out_unsorted?: number[] | null;
  outputs: Encoded[];
  shapes: number[][];
  grad_fns: (string | null)[];
  upstream: Encoded[];
  x_grad: Encoded;
  hx_grads: Encoded[] | null;
  param_grads: Record<string, Encoded>;
}

const fx = JSON.parse(readFileSync(new URL("../fixtures/nn/rnn.json", import.meta.url), "utf8")) as {
  modules: Record<string, ModuleCase>;
  reprs: Record<string, { cls: string; args: unknown[]; kwargs: Record<string, unknown>; repr: string }>;
  packing: Record<string, Record<string, unknown>>;
  warnings: string[];
  errors: Record<string, string>;
};

type AnyModule = torch.nn.Module & { forward: (...args: unknown[]) => unknown };
const build = (cls: string, args: unknown[], kwargs: Record<string, unknown>): AnyModule => {
  const Ctor = (nn as unknown as Record<string, new (...a: unknown[]) => AnyModule>)[cls];
  return new Ctor(...args, kwargs);
};

const leaf = (v: Encoded): Tensor => torch.tensor(v as never).requires_grad_(true);
const flat = (v: unknown): Tensor[] => (Array.isArray(v) ? (v as Tensor[]) : [v as Tensor]);
/** Matrix products sum in OpenBLAS's order: a few float32 ulps, more where values cancel. */
const ULPS = 64;
const ATOL = 2e-6;

function runModuleCase(f: ModuleCase): void {
  torch.manual_seed(f.seed);
  const m = catch_warnings(() => build(f.cls, f.args, f.kwargs)).result;
  expect(String(m)).toBe(f.repr);
  const named = [...m.named_parameters()];
  expect(named.map(([n]) => n)).toEqual(f.param_names);
  for (const [n, p] of named) expect(Array.from(p.values()), `init ${n}`).toEqual(decodeFlat(f.params[n]));
  expect(Object.keys(m.state_dict())).toEqual(f.state_dict_keys);
  if (!f.train) m.eval();

  const x = leaf(f.x);
  const hxs = f.hx_values?.map(leaf) ?? null;
  let input: Tensor | torch.nn.utils.rnn.PackedSequence = x;
  if (f.packed) {
    input = U.pack_padded_sequence(x, f.packed.lengths, {
      batch_first: Boolean(f.kwargs.batch_first),
      enforce_sorted: f.packed.enforce_sorted ?? true,
    });
    expect(inspect(input)).toBe(f.packed_repr);
  }
  const state = hxs === null ? null : f.cls === "LSTM" || f.cls === "LSTMCell" ? hxs : hxs[0];
  torch.manual_seed(f.seed + 1);
  const result = state === null ? m.forward(input) : m.forward(input, state);
  let outs: Tensor[];
  if (f.cls.endsWith("Cell")) outs = flat(result);
  else {
    const [o, h] = result as [Tensor | torch.nn.utils.rnn.PackedSequence, Tensor | Tensor[]];
    if (o instanceof U.PackedSequence) {
      expect(Array.from(o.batch_sizes.values(), Number)).toEqual(f.out_batch_sizes);
      const unsorted = o.unsorted_indices;
      expect(unsorted === null ? null : Array.from(unsorted.values(), Number)).toEqual(f.out_unsorted);
      outs = [o.data, ...flat(h)];
    } else outs = [o, ...flat(h)];
  }
  expect(outs.map((t) => t.shape)).toEqual(f.shapes);
  expect(outs.map((t) => t.grad_fn?.name() ?? null)).toEqual(f.grad_fns);
  outs.forEach((t, i) =>
    expectClose(t.values(), decodeFlat(f.outputs[i]), "float32", ULPS, `output ${i}`, ATOL),
  );

  outs
    .map((t, i) => t.mul(torch.tensor(f.upstream[i] as never)).sum())
    .reduce((a, b) => a.add(b))
    .backward();
  expectClose((x.grad as Tensor).values(), decodeFlat(f.x_grad), "float32", ULPS, "input grad", 5 * ATOL);
  hxs?.forEach((h, i) =>
    expectClose(
      (h.grad as Tensor).values(),
      decodeFlat(f.hx_grads![i]),
      "float32",
      ULPS,
      `hx grad ${i}`,
      5 * ATOL,
    ),
  );
  for (const [n, p] of named)
    expectClose(
      (p.grad as Tensor).values(),
      decodeFlat(f.param_grads[n]),
      "float32",
      ULPS,
      `grad ${n}`,
      5 * ATOL,
    );
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
/** The calls of scripts/gen_rnn_fixtures.py's ERRORS, by name. */
const ERRORS: Record<string, () => unknown> = {
  lstm_input_size: () => new nn.LSTM(3, 4).forward(r(5, 2, 5)),
  lstm_h0_size: () => new nn.LSTM(3, 4).forward(r(5, 2, 3), [r(1, 3, 4), r(1, 2, 4)]),
  lstm_c0_size: () => new nn.LSTM(3, 4).forward(r(5, 2, 3), [r(1, 2, 4), r(1, 2, 5)]),
  lstm_batched_2d_hx: () => new nn.LSTM(3, 4).forward(r(5, 2, 3), [r(2, 4), r(1, 2, 4)]),
  lstm_unbatched_3d_hx: () => new nn.LSTM(3, 4).forward(r(5, 3), [r(1, 2, 4), r(1, 2, 4)]),
  lstm_empty_sequence: () => new nn.LSTM(3, 4).forward(r(0, 2, 3)),
  lstm_1d_input: () => new nn.LSTM(3, 4).forward(r(5)),
  lstm_proj_h0_size: () => new nn.LSTM(3, 4, { proj_size: 2 }).forward(r(5, 2, 3), [r(1, 2, 4), r(1, 2, 4)]),
  gru_hidden_size: () => new nn.GRU(3, 4).forward(r(5, 2, 3), r(1, 3, 4)),
  gru_batched_2d_hx: () => new nn.GRU(3, 4).forward(r(5, 2, 3), r(2, 4)),
  rnn_unbatched_3d_hx: () => new nn.RNN(3, 4).forward(r(5, 3), r(1, 2, 4)),
  rnn_packed_input_size: () => new nn.RNN(2, 4).forward(U.pack_sequence([r(3, 3), r(2, 3)])),
  rnn_bad_nonlinearity: () => new nn.RNN(3, 4, { nonlinearity: "foo" as never }),
  rnn_proj_size: () => new nn.RNN(3, 4, { proj_size: 2 }),
  gru_proj_size: () => new nn.GRU(3, 4, { proj_size: 2 }),
  lstm_proj_too_big: () => new nn.LSTM(3, 4, { proj_size: 4 }),
  lstm_proj_negative: () => new nn.LSTM(3, 4, { proj_size: -1 }),
  lstm_dropout_range: () => new nn.LSTM(3, 4, { dropout: 1.5 }),
  lstm_dropout_bool: () => new nn.LSTM(3, 4, { dropout: true as never }),
  lstm_dropout_str: () => new nn.LSTM(3, 4, { dropout: "x" as never }),
  lstm_missing_hidden: () => new nn.LSTM(3),
  rnnbase_mode: () => new (nn.RNNBase as unknown as new (...a: unknown[]) => unknown)("FOO", 3, 4),
  lstmcell_input_size: () => new nn.LSTMCell(3, 4).forward(r(2, 5)),
  lstmcell_batch: () => new nn.LSTMCell(3, 4).forward(r(2, 3), [r(3, 4), r(2, 4)]),
  lstmcell_c_size: () => new nn.LSTMCell(3, 4).forward(r(2, 3), [r(2, 4), r(2, 5)]),
  lstmcell_3d: () => new nn.LSTMCell(3, 4).forward(r(2, 3, 3)),
  grucell_hidden_size: () => new nn.GRUCell(3, 4).forward(r(2, 3), r(2, 5)),
  rnncell_batch: () => new nn.RNNCell(3, 4).forward(r(2, 3), r(1, 4)),
  rnncell_nonlinearity: () => new nn.RNNCell(3, 4, { nonlinearity: "foo" }).forward(r(2, 3)),
  pack_unsorted: () => U.pack_padded_sequence(r(3, 2, 2), torch.tensor([2, 3])),
  pack_zero_length: () => U.pack_padded_sequence(r(3, 2, 2), torch.tensor([3, 0])),
  pack_lengths_count: () => U.pack_padded_sequence(r(3, 2, 2), torch.tensor([3, 2, 1])),
  pack_empty: () => U.pack_padded_sequence(r(0, 2, 2), [0, 0]),
  pad_packed_total_length: () => U.pad_packed_sequence(U.pack_sequence([r(3)]), { total_length: 2 }),
  pad_sequence_empty: () => U.pad_sequence([]),
  pad_sequence_int: () => U.pad_sequence(3),
};

const ints = (t: Tensor) => Array.from(t.values(), Number);

describe.each(availableBackends())("recurrent layers against PyTorch 1.13 (%s backend)", (backend) => {
  onBackend(backend);

  for (const [name, f] of Object.entries(fx.modules)) it(name, () => runModuleCase(f));

  it("reprs", () => {
    for (const { cls, args, kwargs, repr } of Object.values(fx.reprs))
      expect(String(catch_warnings(() => build(cls, args, kwargs)).result)).toBe(repr);
  });

  it("dropout with one layer warns as PyTorch does", () => {
    const { warnings } = catch_warnings(() => {
      new nn.LSTM(3, 4, { dropout: 0.5 });
      new nn.GRU(3, 4, { dropout: 1 });
    });
    expect(warnings.map((w) => `${w.category}: ${w.message}`)).toEqual(fx.warnings);
  });

  it("errors", () => {
    expect(Object.keys(ERRORS)).toEqual(Object.keys(fx.errors));
    for (const [name, fn] of Object.entries(ERRORS)) expect(errorOf(fn), name).toBe(fx.errors[name]);
  });

  it("pad_sequence", () => {
    for (const bf of [0, 1]) {
      const f = fx.packing[`pad_sequence_bf${bf}`] as {
        seqs: Encoded[];
        out: Encoded;
        shape: number[];
        grad_fn: string;
      };
      const p = U.pad_sequence(f.seqs.map(leaf), { batch_first: Boolean(bf), padding_value: -1.5 });
      expect(p.shape).toEqual(f.shape);
      expect(Array.from(p.values())).toEqual(decodeFlat(f.out));
      expect(p.grad_fn?.name()).toBe(f.grad_fn);
    }
  });

  it("pack_sequence with enforce_sorted=False, and its gradient", () => {
    const f = fx.packing.pack_sequence_unsorted as Record<string, Encoded> & {
      repr: string;
      grad_fn: string;
    };
    const seqs = (f.seqs as Encoded[]).map(leaf);
    const p = U.pack_sequence(seqs, { enforce_sorted: false });
    expect(inspect(p)).toBe(f.repr);
    expect(Array.from(p.data.values())).toEqual(decodeFlat(f.data));
    expect(p.data.grad_fn?.name()).toBe(f.grad_fn);
    expect(ints(p.batch_sizes)).toEqual(f.batch_sizes);
    expect(ints(p.sorted_indices!)).toEqual(f.sorted_indices);
    expect(ints(p.unsorted_indices!)).toEqual(f.unsorted_indices);
    const [data, batch_sizes, sorted, unsorted] = p;
    expect([data, batch_sizes, sorted, unsorted]).toEqual([
      p.data,
      p.batch_sizes,
      p.sorted_indices,
      p.unsorted_indices,
    ]);
    p.data
      .mul(torch.tensor(f.upstream as never))
      .sum()
      .backward();
    seqs.forEach((s, i) =>
      expect(Array.from(s.grad!.values())).toEqual(decodeFlat((f.grads as Encoded[])[i])),
    );
  });

  it("pack_padded_sequence and pad_packed_sequence (total_length, padding_value, batch_first), with gradients", () => {
    for (const bf of [0, 1]) {
      const f = fx.packing[`pack_pad_roundtrip_bf${bf}`] as Record<string, Encoded> & {
        packed_repr: string;
        padded_grad_fn: string;
      };
      const x = leaf(f.x);
      const p = U.pack_padded_sequence(x, torch.tensor(f.lengths as number[]), {
        batch_first: Boolean(bf),
        enforce_sorted: false,
      });
      expect(inspect(p)).toBe(f.packed_repr);
      const [padded, lengths] = U.pad_packed_sequence(p, {
        batch_first: Boolean(bf),
        padding_value: 0.5,
        total_length: 6,
      }) as [Tensor, Tensor];
      expect(padded.shape).toEqual(f.padded_shape);
      expect(Array.from(padded.values())).toEqual(decodeFlat(f.padded));
      expect(padded.grad_fn?.name()).toBe(f.padded_grad_fn);
      expect(ints(lengths)).toEqual(f.lengths_out);
      padded
        .mul(torch.tensor(f.upstream as never))
        .sum()
        .backward();
      expect(Array.from(x.grad!.values())).toEqual(decodeFlat(f.x_grad));
    }
    const f = fx.packing.pack_sorted_short as Record<string, Encoded> & {
      repr: string;
      padded_grad_fn: string;
    };
    const x = leaf(f.x);
    const p = U.pack_padded_sequence(x, f.lengths as number[]);
    expect(inspect(p)).toBe(f.repr);
    const [padded, lengths] = U.pad_packed_sequence(p) as [Tensor, Tensor];
    expect(padded.shape).toEqual(f.padded_shape);
    expect(Array.from(padded.values())).toEqual(decodeFlat(f.padded));
    expect(padded.grad_fn?.name()).toBe(f.padded_grad_fn);
    expect(ints(lengths)).toEqual(f.lengths_out);
    padded.mul(2).sum().backward();
    expect(Array.from(x.grad!.values())).toEqual(decodeFlat(f.x_grad));
  });
});

describe("unpad_sequence and unpack_sequence", () => {
  it("split a padded batch into its sequences (transposing a time-first one in place, as PyTorch does)", () => {
    const f = fx.packing.unpad_unpack as Record<string, Encoded[]> & { padded_grad_fn: string };
    const x = leaf(f.x);
    const padded = x.mul(1);
    const outs = U.unpad_sequence(padded, torch.tensor([4, 1, 3]));
    expect(padded.shape).toEqual(f.padded_shape);
    expect(padded.grad_fn?.name()).toBe(f.padded_grad_fn);
    expect(outs.map((o) => Array.from(o.values()))).toEqual(f.outs.map(decodeFlat));
    expect(outs.map((o) => o.grad_fn?.name())).toEqual(f.grad_fns);
    outs
      .map((o, i) => o.mul(torch.tensor(f.upstream[i] as never)).sum())
      .reduce((a, b) => a.add(b))
      .backward();
    expect(Array.from(x.grad!.values())).toEqual(decodeFlat(f.x_grad));
    const unpacked = U.unpack_sequence(
      U.pack_sequence(
        f.seqs.map((s) => torch.tensor(s as never)),
        { enforce_sorted: false },
      ),
    );
    expect(unpacked.map((o) => Array.from(o.values()))).toEqual(f.unpacked.map(decodeFlat));
  });
});

describe("float64 gradcheck", () => {
  const d = (...shape: number[]) => torch.randn(shape, { dtype: torch.float64 }).requires_grad_(true);
  const check = (fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[]) =>
    expect(torch.autograd.gradcheck(fn, inputs)).toBe(true);
  it("LSTMCell: input, h, c and every weight", () => {
    torch.manual_seed(3);
    const cell = new nn.LSTMCell(3, 2, { dtype: torch.float64 });
    const { weight_ih, weight_hh, bias_ih, bias_hh } = cell;
    check(
      (x, h, c, wi, wh, bi, bh) => {
        [cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh] = [
          wi,
          wh,
          bi,
          bh,
        ] as torch.nn.Parameter[];
        const [hy, cy] = cell.forward(x, [h, c]);
        return hy.add(cy.mul(2));
      },
      [d(2, 3), d(2, 2), d(2, 2), weight_ih, weight_hh, bias_ih!, bias_hh!],
    );
  });
  it("GRUCell", () => {
    torch.manual_seed(4);
    const cell = new nn.GRUCell(3, 2, { dtype: torch.float64 });
    check((x, h) => cell.forward(x, h), [d(2, 3), d(2, 2)]);
  });
  it("LSTM with projections, bidirectional, over a packed sequence", () => {
    torch.manual_seed(5);
    const lstm = new nn.LSTM(2, 3, { proj_size: 2, bidirectional: true, dtype: torch.float64 });
    check(
      (x) => {
        const [out] = lstm.forward(U.pack_padded_sequence(x, [3, 1]));
        return out.data;
      },
      [d(3, 2, 2)],
    );
  });
  it("double backward through the packing node and the batch-first transpose_", () => {
    torch.manual_seed(7);
    expect(
      torch.autograd.gradgradcheck(
        (x) => U.pack_padded_sequence(x, [3, 2], { batch_first: true }).data.pow(2),
        [d(2, 4, 2)],
      ),
    ).toBe(true);
    const rnn = new nn.RNN(2, 2, { batch_first: true, dtype: torch.float64 });
    expect(torch.autograd.gradgradcheck((x) => rnn.forward(x)[0], [d(2, 3, 2)])).toBe(true);
  });
  it("GRU, two layers, batch_first", () => {
    torch.manual_seed(6);
    const gru = new nn.GRU(2, 3, 2, { batch_first: true, dtype: torch.float64 });
    check((x, h) => gru.forward(x, h)[0], [d(2, 3, 2), d(2, 2, 3)]);
  });
});
