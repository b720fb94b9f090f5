// The fused LSTM and GRU cells (src/ops/nn_rnn_fused.ts, src/backend/js/rnn.ts, native/rnn.c) against the
// separate ops they replace, on both backends: outputs, final states and every gradient bit for bit (the
// fused kernels repeat PyTorch's CPU ops element by element, so nothing may move by an ulp), with hidden
// sizes that put elements on both sides of the sigmoid's vectorized blocks (16 floats, 8 doubles). Then
// the higher derivatives (create_graph runs the cells' backward as tensor ops) and the kernels alone.
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import { jsRnnKernels } from "../../src/backend/js/rnn.js";
import * as torch from "../../src/index.js";
import { FUSED_CELLS } from "../../src/ops/nn_rnn_fused.js";
import { FUSED_LAYERS } from "../../src/ops/nn_rnn_layer.js";
import { onBackend } from "../helpers/backends.js";

const nn = torch.nn;
const U = torch.nn.utils.rnn;
type Tensor = torch.Tensor;
type AnyRnn = torch.nn.Module & { forward: (...args: unknown[]) => unknown };

interface Case {
  name: string;
  cls: "LSTM" | "GRU";
  input: number;
  hidden: number;
  kwargs: Record<string, unknown>;
  /** [T, B] (or [B, T] with batch_first) */
  steps: number;
  batch: number;
  /** pack_padded_sequence lengths */
  lengths?: number[];
  /** the outputs (output, h_n, c_n) the loss uses; all by default */
  used?: number[];
  withState?: boolean;
}

const CASES: Case[] = [
  {
    name: "LSTM, H = 20 (a block and a tail)",
    cls: "LSTM",
    input: 5,
    hidden: 20,
    kwargs: {},
    steps: 4,
    batch: 3,
  },
  {
    name: "LSTM, 2 layers, H = 17, given state",
    cls: "LSTM",
    input: 4,
    hidden: 17,
    kwargs: { num_layers: 2 },
    steps: 3,
    batch: 2,
    withState: true,
  },
  {
    name: "LSTM, bidirectional, projections, batch_first",
    cls: "LSTM",
    input: 3,
    hidden: 9,
    kwargs: { bidirectional: true, proj_size: 4, batch_first: true },
    steps: 3,
    batch: 2,
  },
  {
    name: "LSTM over a packed sequence, H = 1",
    cls: "LSTM",
    input: 2,
    hidden: 1,
    kwargs: { bidirectional: true },
    steps: 4,
    batch: 3,
    lengths: [4, 2, 1],
  },
  {
    name: "GRU, H = 7, B = 3 (blocks across rows)",
    cls: "GRU",
    input: 4,
    hidden: 7,
    kwargs: {},
    steps: 3,
    batch: 3,
  },
  {
    name: "GRU, 2 layers, bidirectional, given state",
    cls: "GRU",
    input: 3,
    hidden: 16,
    kwargs: { num_layers: 2, bidirectional: true },
    steps: 3,
    batch: 2,
    withState: true,
  },
  {
    name: "GRU over a packed sequence",
    cls: "GRU",
    input: 2,
    hidden: 5,
    kwargs: {},
    steps: 4,
    batch: 3,
    lengths: [4, 3, 1],
  },
];

/**
 * Outputs, states and every gradient of one forward and backward, as plain number lists. `fused` turns the
 * fused cells (and with them the one-node LSTM layer) on; `layers` false keeps a node per step.
 */
function run(c: Case, dtype: torch.DType, fused: boolean, layers = true): number[][] {
  FUSED_CELLS.enabled = fused;
  FUSED_LAYERS.enabled = layers;
  try {
    torch.manual_seed(11);
    const Ctor = (nn as unknown as Record<string, new (...a: unknown[]) => AnyRnn>)[c.cls];
    const m = new Ctor(c.input, c.hidden, { ...c.kwargs, dtype });
    const first = c.kwargs.batch_first ? [c.batch, c.steps] : [c.steps, c.batch];
    const x = torch.randn([...first, c.input], { dtype }).requires_grad_(true);
    const directions = c.kwargs.bidirectional ? 2 : 1;
    const layers = (c.kwargs.num_layers as number | undefined) ?? 1;
    const stateSize = (c.kwargs.proj_size as number | undefined) || c.hidden;
    const h0 = torch.randn([directions * layers, c.batch, stateSize], { dtype }).requires_grad_(true);
    const c0 = torch.randn([directions * layers, c.batch, c.hidden], { dtype }).requires_grad_(true);
    const state = c.withState ? (c.cls === "LSTM" ? [h0, c0] : h0) : undefined;
    const input = c.lengths
      ? U.pack_padded_sequence(x, c.lengths, { batch_first: Boolean(c.kwargs.batch_first) })
      : x;
    const [out, hidden] = (state === undefined ? m.forward(input) : m.forward(input, state)) as [
      Tensor | torch.nn.utils.rnn.PackedSequence,
      Tensor | Tensor[],
    ];
    const outputs = [
      out instanceof U.PackedSequence ? out.data : out,
      ...(Array.isArray(hidden) ? hidden : [hidden]),
    ];
    // Weighted sums, so each output's gradient differs from element to element.
    outputs
      .filter((_, i) => !c.used || c.used.includes(i))
      .map((t) => t.mul(torch.randn(t.shape, { dtype })).sum())
      .reduce((a, b) => a.add(b))
      .backward();
    const grads = [x, ...(c.withState ? (c.cls === "LSTM" ? [h0, c0] : [h0]) : [])].map(
      (t) => t.grad as Tensor,
    );
    for (const p of m.parameters()) grads.push(p.grad as Tensor);
    return [...outputs, ...grads].map((t) => Array.from((t?.values() ?? []) as ArrayLike<number>));
  } finally {
    FUSED_CELLS.enabled = true;
    FUSED_LAYERS.enabled = true;
  }
}

/**
 * The one-node LSTM layer (src/ops/nn_rnn_layer.ts) against the node-per-step layer: W8's batch (BLAS sums
 * w_hh's gradient in place), a batch past that kernel's 128 (mm and add), no biases, and only some outputs
 * used (steps whose h gets one gradient term).
 */
const LAYER_CASES: Case[] = [
  {
    name: "2 layers, B = 20, H = 32",
    cls: "LSTM",
    input: 8,
    hidden: 32,
    kwargs: { num_layers: 2 },
    steps: 5,
    batch: 20,
  },
  {
    name: "B = 130, given state",
    cls: "LSTM",
    input: 3,
    hidden: 8,
    kwargs: {},
    steps: 3,
    batch: 130,
    withState: true,
  },
  {
    name: "no biases, batch_first, given state",
    cls: "LSTM",
    input: 4,
    hidden: 24,
    kwargs: { bias: false, batch_first: true },
    steps: 4,
    batch: 6,
    withState: true,
  },
  {
    name: "only h_n used",
    cls: "LSTM",
    input: 4,
    hidden: 16,
    kwargs: { num_layers: 2 },
    steps: 4,
    batch: 5,
    used: [1],
  },
  {
    name: "only c_n used, given state",
    cls: "LSTM",
    input: 4,
    hidden: 16,
    kwargs: {},
    steps: 3,
    batch: 4,
    used: [2],
    withState: true,
  },
  {
    name: "one step, B = 1, H = 1",
    cls: "LSTM",
    input: 2,
    hidden: 1,
    kwargs: {},
    steps: 1,
    batch: 1,
    withState: true,
  },
  {
    name: "dropout between layers",
    cls: "LSTM",
    input: 4,
    hidden: 16,
    kwargs: { num_layers: 2, dropout: 0.5 },
    steps: 3,
    batch: 4,
  },
];

for (const backendName of availableBackends()) {
  describe(`fused recurrent cells on the ${backendName} backend`, () => {
    onBackend(backendName);
    for (const c of CASES)
      for (const dtype of [torch.float32, torch.float64])
        it(`${c.name}, ${dtype.name}: the separate ops' bits`, () => {
          const separate = run(c, dtype, false);
          const fused = run(c, dtype, true);
          expect(fused.length).toBe(separate.length);
          fused.forEach((values, i) => expect(values, `result ${i}`).toEqual(separate[i]));
        });

    for (const c of LAYER_CASES)
      for (const dtype of [torch.float32, torch.float64])
        it(`one-node LSTM layer, ${c.name}, ${dtype.name}: the node-per-step layer's bits`, () => {
          const perStep = run(c, dtype, true, false);
          const layer = run(c, dtype, true);
          expect(layer.length).toBe(perStep.length);
          layer.forEach((values, i) => expect(values, `result ${i}`).toEqual(perStep[i]));
        });

    it("an LSTM layer is one MkldnnRnnLayerBackward0 node (a node per step when packed); the outputs keep PyTorch's nodes", () => {
      torch.manual_seed(3);
      const lstm = new nn.LSTM(3, 4);
      const [out, [h, c]] = lstm.forward(torch.randn(2, 1, 3));
      expect([out, h, c].map((t) => t.grad_fn?.name())).toEqual([
        "StackBackward0",
        "StackBackward0",
        "StackBackward0",
      ]);
      const steps = out.grad_fn!.next_functions.map(([node]) => node?.name());
      expect(steps).toEqual(["MkldnnRnnLayerBackward0", "MkldnnRnnLayerBackward0"]);
      expect(out.grad_fn!.next_functions[0][0]).toBe(out.grad_fn!.next_functions[1][0]);
      const packed = U.pack_padded_sequence(torch.randn(2, 2, 3), [2, 1]);
      const packedOut = lstm.forward(packed)[0] as torch.nn.utils.rnn.PackedSequence;
      const cells = packedOut.data.grad_fn!.next_functions.map(([node]) => node?.name());
      expect(cells).toEqual(["ThnnFusedLstmCellBackward0", "ThnnFusedLstmCellBackward0"]);
      torch.manual_seed(3);
      const gru = new nn.GRU(3, 4);
      const [gout] = gru.forward(torch.randn(2, 1, 3));
      expect(gout.grad_fn!.next_functions.map(([node]) => node?.name())).toEqual([
        "ThnnFusedGruCellBackward0",
        "ThnnFusedGruCellBackward0",
      ]);
    });

    it("the cells as functions keep their separate ops (LSTMCell, GRUCell)", () => {
      const [hy, cy] = new nn.LSTMCell(3, 4).forward(torch.randn(2, 3));
      expect([hy.grad_fn?.name(), cy.grad_fn?.name()]).toEqual(["MulBackward0", "AddBackward0"]);
      expect(new nn.GRUCell(3, 4).forward(torch.randn(2, 3)).grad_fn?.name()).toBe("AddBackward0");
    });

    it("second derivatives through the fused cells (create_graph runs their backward as tensor ops)", () => {
      const d = (...shape: number[]) => torch.randn(shape, { dtype: torch.float64 }).requires_grad_(true);
      torch.manual_seed(5);
      const lstm = new nn.LSTM(2, 3, { dtype: torch.float64 });
      expect(
        torch.autograd.gradgradcheck(
          (x: Tensor, h: Tensor, c: Tensor) => {
            const [out, [hn, cn]] = lstm.forward(x, [h, c]);
            return [out, cn, hn];
          },
          [d(3, 2, 2), d(1, 2, 3), d(1, 2, 3)],
        ),
      ).toBe(true);
      // Only c_n used: the last step's hy gets no gradient.
      expect(torch.autograd.gradgradcheck((x: Tensor) => lstm.forward(x)[1][1], [d(2, 2, 2)])).toBe(true);
      const gru = new nn.GRU(2, 3, { dtype: torch.float64 });
      expect(
        torch.autograd.gradgradcheck(
          (x: Tensor, h: Tensor) => gru.forward(x, h)[0],
          [d(3, 2, 2), d(1, 2, 3)],
        ),
      ).toBe(true);
    });

    it("first derivatives agree with finite differences", () => {
      const d = (...shape: number[]) => torch.randn(shape, { dtype: torch.float64 }).requires_grad_(true);
      torch.manual_seed(6);
      const lstm = new nn.LSTM(2, 3, { num_layers: 2, dtype: torch.float64 });
      expect(torch.autograd.gradcheck((x: Tensor) => lstm.forward(x)[0], [d(3, 2, 2)])).toBe(true);
      const gru = new nn.GRU(2, 3, { dtype: torch.float64 });
      expect(torch.autograd.gradcheck((x: Tensor) => gru.forward(x)[0], [d(3, 2, 2)])).toBe(true);
    });
  });
}

describe("the fused cells' kernels", () => {
  it("an LSTM cell with only cy's gradient leaves the output gate's gradient +0", () => {
    const H = 2;
    const ws = new Float32Array([0.5, 0.25, -0.5, 0.75, -0.25, 0.5, 0.25, -0.5, 0.75, -0.25]);
    const r = jsRnnKernels.lstmCellBackward(
      null,
      { data: new Float32Array([1, -1]), offset: 0 },
      { data: new Float32Array([2, 3]), offset: 0 },
      { data: ws, offset: 0 },
      1,
      H,
      torch.float32,
    );
    expect(Array.from(r.dgates.slice(3 * H))).toEqual([0, 0]);
    expect(Object.is(r.dgates[3 * H], 0)).toBe(true);
    // dcx = dcy * forget gate
    expect(Array.from(r.dcx)).toEqual([-0.5, -0.75]);
  });
});
