// Cases for the random and creation ops (and, from tensor_method_cases.ts, the Tensor's factory and in-place shape
// methods and the legacy constructors), run in PyTorch by scripts/gen_random_fixtures.py
// (test/fixtures/random.json) and here by test/ops/random.test.ts. The case type is in random_case.ts.
import * as torch from "../../src/index.js";
import { f32, f64, leaf, withGrads, type RandomCase } from "./random_case.js";
import { TENSOR_METHOD_CASES } from "./tensor_method_cases.js";
import { RANDOM_FILL_CASES } from "./random_fill_cases.js";
import { TENSOR_METHODS_INPLACE_CASES } from "./tensor_methods_inplace_cases.js";

export type { RandomCase };

const MEAN = "[[0.5, -1.0, 2.0], [3.0, 0.0, -2.5]]";
const STD = "[[1.0, 0.5, 2.0], [0.25, 3.0, 1.5]]";
const MEAN_V = [
  [0.5, -1.0, 2.0],
  [3.0, 0.0, -2.5],
];
const STD_V = [
  [1.0, 0.5, 2.0],
  [0.25, 3.0, 1.5],
];

const RANDOM_OP_CASES: RandomCase[] = [
  // ---- torch.eye ----
  { name: "eye 3", py: "out = torch.eye(3)", ts: () => torch.eye(3) },
  {
    name: "eye 2x4 int64",
    py: "out = torch.eye(2, 4, dtype=torch.int64)",
    ts: () => torch.eye(2, 4, { dtype: torch.int64 }),
  },
  {
    name: "eye 4x2 bool",
    py: "out = torch.eye(4, 2, dtype=torch.bool)",
    ts: () => torch.eye(4, 2, { dtype: torch.bool }),
  },
  { name: "eye 0", py: "out = torch.eye(0)", ts: () => torch.eye(0) },
  {
    name: "eye requires_grad",
    py: "out = torch.eye(2, requires_grad=True)",
    ts: () => torch.eye(2, { requires_grad: true }),
  },
  {
    name: "eye m keyword",
    py: "out = torch.eye(2, m=3, dtype=torch.float64)",
    ts: () => torch.eye(2, { m: 3, dtype: torch.float64 }),
  },
  {
    name: "eye out",
    py: "o = torch.empty(0); torch.eye(2, 3, out=o); out = o",
    ts: () => {
      const o = torch.empty(0);
      torch.eye(2, 3, { out: o });
      return o;
    },
  },
  { name: "eye negative n", py: "out = torch.eye(-1)", ts: () => torch.eye(-1) },
  { name: "eye negative m", py: "out = torch.eye(2, -3)", ts: () => torch.eye(2, -3) },
  {
    name: "eye int requires_grad",
    py: "out = torch.eye(2, dtype=torch.int64, requires_grad=True)",
    ts: () => torch.eye(2, { dtype: torch.int64, requires_grad: true }),
  },

  // ---- torch.normal, its four overloads ----
  {
    name: "normal tensor tensor",
    py: `m = torch.tensor(${MEAN}, requires_grad=True); s = torch.tensor(${STD}, requires_grad=True); out = torch.normal(m, s); out.sum().backward(); grads = [m.grad, s.grad]`,
    ts: () => {
      const m = leaf(f32(MEAN_V));
      const s = leaf(f32(STD_V));
      return withGrads(torch.normal(m, s), [m, s]);
    },
  },
  {
    name: "normal tensor tensor broadcast float64 std",
    py: `m = torch.tensor([1.0, 2.0, 3.0], requires_grad=True); s = torch.tensor([[0.5], [2.0]], dtype=torch.float64, requires_grad=True); out = torch.normal(m, s); out.sum().backward(); grads = [m.grad, s.grad]`,
    ts: () => {
      const m = leaf(f32([1, 2, 3]));
      const s = leaf(f64([[0.5], [2.0]]));
      return withGrads(torch.normal(m, s), [m, s]);
    },
  },
  {
    name: "normal tensor tensor 40 elements float64",
    seed: 7,
    py: "out = torch.normal(torch.arange(40, dtype=torch.float64), torch.full((40,), 0.5, dtype=torch.float64))",
    ts: () =>
      torch.normal(
        torch.arange(40, { dtype: torch.float64 }),
        torch.full([40], 0.5, { dtype: torch.float64 }),
      ),
  },
  {
    name: "normal tensor float",
    py: `m = torch.tensor(${MEAN}, requires_grad=True); out = torch.normal(m, 2.0); out.sum().backward(); grads = [m.grad]`,
    ts: () => {
      const m = leaf(f32(MEAN_V));
      return withGrads(torch.normal(m, 2.0), [m]);
    },
  },
  {
    name: "normal tensor default std 20 elements",
    seed: 3,
    py: "out = torch.normal(torch.linspace(-1, 1, 20))",
    ts: () => torch.normal(torch.linspace(-1, 1, 20)),
  },
  {
    name: "normal float tensor",
    py: `s = torch.tensor(${STD}, dtype=torch.float64, requires_grad=True); out = torch.normal(1.5, s); out.sum().backward(); grads = [s.grad]`,
    ts: () => {
      const s = leaf(f64(STD_V));
      return withGrads(torch.normal(1.5, s), [s]);
    },
  },
  {
    name: "normal float float size",
    py: "out = torch.normal(2.0, 3.0, (2, 3))",
    ts: () => torch.normal(2.0, 3.0, [2, 3]),
  },
  {
    name: "normal float float size 33 float64 requires_grad",
    seed: 11,
    py: "out = torch.normal(-1.0, 0.5, (3, 11), dtype=torch.float64, requires_grad=True)",
    ts: () => torch.normal(-1.0, 0.5, [3, 11], { dtype: torch.float64, requires_grad: true }),
  },
  {
    name: "normal generator",
    py: "g = torch.Generator().manual_seed(5); out = torch.normal(torch.zeros(5), 1.0, generator=g)",
    ts: () => torch.normal(torch.zeros(5), 1.0, { generator: new torch.Generator().manual_seed(5) }),
  },
  {
    name: "normal out",
    py: "o = torch.empty(0); torch.normal(torch.zeros(4), torch.ones(4), out=o); out = o",
    ts: () => {
      const o = torch.empty(0);
      torch.normal(torch.zeros(4), torch.ones(4), { out: o });
      return o;
    },
  },
  {
    name: "normal negative std tensor",
    py: "out = torch.normal(torch.zeros(2), torch.tensor([1.0, -1.0]))",
    ts: () => torch.normal(torch.zeros(2), f32([1, -1])),
  },
  {
    name: "normal negative std float",
    py: "out = torch.normal(torch.zeros(2), -0.5)",
    ts: () => torch.normal(torch.zeros(2), -0.5),
  },
  {
    name: "normal negative std size",
    py: "out = torch.normal(0.0, -2.0, (3,))",
    ts: () => torch.normal(0.0, -2.0, [3]),
  },
  {
    name: "normal int64 mean",
    py: "out = torch.normal(torch.tensor([1, 2]), 1.0)",
    ts: () => torch.normal(torch.tensor([1n, 2n]), 1.0),
  },
  {
    name: "normal mismatched shapes",
    py: "out = torch.normal(torch.zeros(3), torch.ones(2))",
    ts: () => torch.normal(torch.zeros(3), torch.ones(2)),
  },

  // ---- torch.bernoulli, Tensor.bernoulli, bernoulli_ ----
  {
    name: "bernoulli tensor",
    py: "p = torch.tensor([[0.1, 0.5, 0.9], [0.0, 1.0, 0.3]], requires_grad=True); out = torch.bernoulli(p); out.sum().backward(); grads = [p.grad]",
    ts: () => {
      const p = leaf(
        f32([
          [0.1, 0.5, 0.9],
          [0.0, 1.0, 0.3],
        ]),
      );
      return withGrads(torch.bernoulli(p), [p]);
    },
  },
  {
    name: "bernoulli float64 method",
    seed: 2,
    py: "out = torch.linspace(0, 1, 10, dtype=torch.float64).bernoulli()",
    ts: () => torch.linspace(0, 1, 10, { dtype: torch.float64 }).bernoulli(),
  },
  {
    name: "bernoulli p",
    py: "out = torch.bernoulli(torch.zeros(2, 4, requires_grad=True), 0.3)",
    ts: () => torch.bernoulli(torch.zeros(2, 4, { requires_grad: true }), 0.3),
  },
  {
    name: "bernoulli p int64 method",
    py: "out = torch.zeros(6, dtype=torch.int64).bernoulli(0.5)",
    ts: () => torch.zeros(6, { dtype: torch.int64 }).bernoulli(0.5),
  },
  {
    name: "bernoulli generator",
    py: "g = torch.Generator().manual_seed(3); out = torch.bernoulli(torch.full((6,), 0.5), generator=g)",
    ts: () => torch.bernoulli(torch.full([6], 0.5), { generator: new torch.Generator().manual_seed(3) }),
  },
  {
    name: "bernoulli_ tensor p transposed self",
    py: "s = torch.zeros(3, 2).t(); out = s.bernoulli_(torch.tensor([0.2, 0.5, 0.8]))",
    ts: () =>
      torch
        .zeros(3, 2)
        .t()
        .bernoulli_(f32([0.2, 0.5, 0.8])),
  },
  {
    name: "bernoulli_ tensor p in graph",
    py: "x = torch.zeros(3, requires_grad=True); p = torch.tensor([0.2, 0.5, 0.8], requires_grad=True); y = x * 2; out = y.bernoulli_(p); out.sum().backward(); grads = [x.grad, p.grad]",
    ts: () => {
      const x = torch.zeros(3, { requires_grad: true });
      const p = leaf(f32([0.2, 0.5, 0.8]));
      return withGrads(x.mul(2).bernoulli_(p), [x, p]);
    },
  },
  {
    name: "bernoulli_ float in graph",
    py: "x = torch.zeros(4, requires_grad=True); out = (x + 1).bernoulli_(0.25); out.sum().backward(); grads = [x.grad]",
    ts: () => {
      const x = torch.zeros(4, { requires_grad: true });
      return withGrads(x.add(1).bernoulli_(0.25), [x]);
    },
  },
  {
    name: "bernoulli int64 p",
    py: "out = torch.bernoulli(torch.tensor([0, 1]))",
    ts: () => torch.bernoulli(torch.tensor([0n, 1n])),
  },
  {
    name: "bernoulli p above 1",
    py: "out = torch.bernoulli(torch.tensor([0.5, 1.5]))",
    ts: () => torch.bernoulli(f32([0.5, 1.5])),
  },
  {
    name: "bernoulli float p above 1",
    py: "out = torch.bernoulli(torch.zeros(2), 2.0)",
    ts: () => torch.bernoulli(torch.zeros(2), 2.0),
  },

  // ---- torch.poisson: small rates by Knuth's product, from 10 on by transformed rejection ----
  {
    name: "poisson rates",
    py: "r = torch.tensor([[0.0, 0.5, 1.0, 3.7], [9.99, 10.0, 42.5, 1000.0]], requires_grad=True); out = torch.poisson(r); out.sum().backward(); grads = [r.grad]",
    ts: () => {
      const r = leaf(
        f32([
          [0.0, 0.5, 1.0, 3.7],
          [9.99, 10.0, 42.5, 1000.0],
        ]),
      );
      return withGrads(torch.poisson(r), [r]);
    },
  },
  {
    name: "poisson many large rates float64",
    seed: 5,
    py: "out = torch.poisson(torch.linspace(10, 400, 200, dtype=torch.float64))",
    ts: () => torch.poisson(torch.linspace(10, 400, 200, { dtype: torch.float64 })),
  },
  {
    name: "poisson many small rates",
    seed: 9,
    py: "out = torch.poisson(torch.linspace(0, 9.5, 100))",
    ts: () => torch.poisson(torch.linspace(0, 9.5, 100)),
  },
  {
    name: "poisson generator",
    py: "g = torch.Generator().manual_seed(1); out = torch.poisson(torch.full((5,), 12.0), g)",
    ts: () =>
      torch.poisson(torch.full([5], 12.0, { dtype: torch.float32 }), new torch.Generator().manual_seed(1)),
  },
  {
    name: "poisson negative rate",
    py: "out = torch.poisson(torch.tensor([1.0, -1.0]))",
    ts: () => torch.poisson(f32([1, -1])),
  },
  {
    name: "poisson int64",
    py: "out = torch.poisson(torch.tensor([1, 2]))",
    ts: () => torch.poisson(torch.tensor([1n, 2n])),
  },

  // ---- rand_like, randn_like, randint_like ----
  {
    name: "rand_like",
    py: "out = torch.rand_like(torch.zeros(2, 3, dtype=torch.float64))",
    ts: () => torch.rand_like(torch.zeros(2, 3, { dtype: torch.float64 })),
  },
  {
    name: "rand_like transposed keeps layout",
    py: "out = torch.rand_like(torch.zeros(3, 2).t())",
    ts: () => torch.rand_like(torch.zeros(3, 2).t()),
  },
  {
    name: "rand_like contiguous_format",
    py: "out = torch.rand_like(torch.zeros(3, 2).t(), memory_format=torch.contiguous_format)",
    ts: () => torch.rand_like(torch.zeros(3, 2).t(), { memory_format: torch.contiguous_format }),
  },
  {
    name: "randn_like channels_last",
    py: "out = torch.randn_like(torch.zeros(2, 3, 2, 2), memory_format=torch.channels_last)",
    ts: () => torch.randn_like(torch.zeros(2, 3, 2, 2), { memory_format: torch.channels_last }),
  },
  {
    name: "rand_like requires_grad",
    py: "out = torch.rand_like(torch.zeros(2), requires_grad=True)",
    ts: () => torch.rand_like(torch.zeros(2), { requires_grad: true }),
  },
  {
    name: "rand_like int64",
    py: "out = torch.rand_like(torch.zeros(2, dtype=torch.int64))",
    ts: () => torch.rand_like(torch.zeros(2, { dtype: torch.int64 })),
  },
  {
    name: "randn_like 20",
    py: "out = torch.randn_like(torch.zeros(4, 5))",
    ts: () => torch.randn_like(torch.zeros(4, 5)),
  },
  {
    name: "randn_like transposed 20",
    py: "out = torch.randn_like(torch.zeros(5, 4).t())",
    ts: () => torch.randn_like(torch.zeros(5, 4).t()),
  },
  {
    name: "randn_like dtype",
    py: "out = torch.randn_like(torch.zeros(3), dtype=torch.float64)",
    ts: () => torch.randn_like(torch.zeros(3), { dtype: torch.float64 }),
  },
  {
    name: "randn_like int64",
    py: "out = torch.randn_like(torch.zeros(2, dtype=torch.int64))",
    ts: () => torch.randn_like(torch.zeros(2, { dtype: torch.int64 })),
  },
  {
    name: "randint_like high",
    py: "out = torch.randint_like(torch.zeros(2, 3), 10)",
    ts: () => torch.randint_like(torch.zeros(2, 3), 10),
  },
  {
    name: "randint_like low high int64",
    py: "out = torch.randint_like(torch.zeros(5, dtype=torch.int64), -3, 3)",
    ts: () => torch.randint_like(torch.zeros(5, { dtype: torch.int64 }), -3, 3),
  },
  {
    name: "randint_like empty range",
    py: "out = torch.randint_like(torch.zeros(2), 5, 2)",
    ts: () => torch.randint_like(torch.zeros(2), 5, 2),
  },

  // ---- the in-place fills on tensors in the graph (#13 random-inplace-grad-fn) ----
  {
    name: "uniform_ in graph",
    py: "x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True); y = x.dot(x); out = y.uniform_(0.5, 2.5); out.backward(); grads = [x.grad]",
    ts: () => {
      const x = leaf(f32([1, 2, 3]));
      const out = x.dot(x).uniform_(0.5, 2.5);
      out.backward();
      return { out, grads: [x.grad] };
    },
  },
  {
    name: "normal_ in graph",
    py: "x = torch.ones(2, 3, dtype=torch.float64, requires_grad=True); out = x.exp().normal_(1.0, 2.0); out.sum().backward(); grads = [x.grad]",
    ts: () => {
      const x = torch.ones(2, 3, { dtype: torch.float64, requires_grad: true });
      return withGrads(x.exp().normal_(1.0, 2.0), [x]);
    },
  },
  {
    name: "normal_ empty in graph",
    py: "x = torch.zeros((0, 3), dtype=torch.float64, requires_grad=True); out = x.expm1().normal_(0, 1)",
    ts: () => torch.zeros([0, 3], { dtype: torch.float64, requires_grad: true }).expm1().normal_(0, 1),
  },
  {
    name: "uniform_ on a leaf requiring grad",
    py: "out = torch.zeros(2, requires_grad=True).uniform_()",
    ts: () => torch.zeros(2, { requires_grad: true }).uniform_(),
  },
  {
    name: "uniform_ under no_grad",
    py: "x = torch.zeros(2, requires_grad=True)\nwith torch.no_grad():\n    x.uniform_()\nout = x",
    ts: () => {
      const x = torch.zeros(2, { requires_grad: true });
      torch.no_grad(() => x.uniform_());
      return x;
    },
  },
  // The native backend draws in C from the generator's words: fills that cross its twist at word 624.
  {
    name: "uniform_ float32 across the twist",
    py: "torch.rand(600); out = torch.empty(50).uniform_(-2, 3)",
    ts: () => {
      torch.rand(600);
      return torch.empty(50).uniform_(-2, 3);
    },
  },
  {
    name: "uniform_ float64 across the twist",
    py: "torch.rand(300); out = torch.empty(20, dtype=torch.float64).uniform_(-0.3, 0.7)",
    ts: () => {
      torch.rand(300);
      return torch.empty(20, { dtype: torch.float64 }).uniform_(-0.3, 0.7);
    },
  },
  {
    name: "rand float64 over several twists",
    py: "out = torch.rand(2, 350, dtype=torch.float64)",
    ts: () => torch.rand(2, 350, { dtype: torch.float64 }),
  },
  {
    name: "uniform_ of a transposed view",
    py: "x = torch.zeros(3, 700); x.t().uniform_(); out = x",
    ts: () => {
      const x = torch.zeros(3, 700);
      x.t().uniform_();
      return x;
    },
  },
];

export const RANDOM_CASES: RandomCase[] = [
  ...RANDOM_OP_CASES,
  ...TENSOR_METHOD_CASES,
  ...RANDOM_FILL_CASES,
  ...TENSOR_METHODS_INPLACE_CASES,
];
