// Random cases for src/ops/random_fill.ts: random_, exponential_, geometric_, log_normal_ and cauchy_ after
// torch.manual_seed, in every dtype they take, on strided tensors (memory-order draws), with a Generator, and
// in the graph (their zero gradients).
import * as torch from "../../src/index.js";
import { withGrads, type RandomCase } from "./random_case.js";

const f64 = { dtype: torch.float64 };
const i64 = { dtype: torch.int64 };
const i32 = { dtype: torch.int32 };

export const RANDOM_FILL_CASES: RandomCase[] = [
  { name: "random_ float32", py: "out = torch.empty(5).random_()", ts: () => torch.empty(5).random_() },
  {
    name: "random_ float64",
    py: "out = torch.empty(5, dtype=torch.float64).random_()",
    ts: () => torch.empty(5, f64).random_(),
  },
  {
    name: "random_ int32",
    py: "out = torch.empty(5, dtype=torch.int32).random_()",
    ts: () => torch.empty(5, i32).random_(),
  },
  {
    name: "random_ bool",
    py: "out = torch.empty(6, dtype=torch.bool).random_()",
    ts: () => torch.empty(6, { dtype: torch.bool }).random_(),
  },
  { name: "random_ to", py: "out = torch.empty(6).random_(5)", ts: () => torch.empty(6).random_(5) },
  {
    name: "random_ from to int64",
    py: "out = torch.empty(6, dtype=torch.int64).random_(-3, 4)",
    ts: () => torch.empty(6, i64).random_(-3, 4),
  },
  {
    name: "random_ wide range",
    py: "out = torch.empty(4, dtype=torch.float64).random_(-3, 2**40)",
    ts: () => torch.empty(4, f64).random_(-3, 2 ** 40),
  },
  {
    name: "random_ from None",
    py: "out = torch.empty(4).random_(2, None)",
    ts: () => torch.empty(4).random_(2, null),
  },
  {
    name: "random_ strided",
    py: "out = torch.empty(3, 4).t().random_(0, 100)",
    ts: () => torch.empty(3, 4).t().random_(0, 100),
  },
  {
    name: "exponential_ float64",
    py: "out = torch.empty(6, dtype=torch.float64).exponential_()",
    ts: () => torch.empty(6, f64).exponential_(),
  },
  {
    name: "exponential_ float32 lambd",
    py: "out = torch.empty(2, 5).exponential_(2.5)",
    ts: () => torch.empty(2, 5).exponential_(2.5),
  },
  {
    name: "exponential_ zero rate",
    py: "out = torch.empty(2).exponential_(0)",
    ts: () => torch.empty(2).exponential_(0),
  },
  {
    name: "exponential_ strided",
    py: "out = torch.empty(2, 3, dtype=torch.float64).t().exponential_()",
    ts: () => torch.empty(2, 3, f64).t().exponential_(),
  },
  {
    name: "geometric_ float64",
    py: "out = torch.empty(8, dtype=torch.float64).geometric_(0.3)",
    ts: () => torch.empty(8, f64).geometric_(0.3),
  },
  {
    name: "geometric_ int64",
    py: "out = torch.empty(8, dtype=torch.int64).geometric_(0.6)",
    ts: () => torch.empty(8, i64).geometric_(0.6),
  },
  {
    name: "log_normal_ float64",
    py: "out = torch.empty(5, dtype=torch.float64).log_normal_()",
    ts: () => torch.empty(5, f64).log_normal_(),
  },
  {
    name: "log_normal_ float32",
    py: "out = torch.empty(20).log_normal_(0.5, 0.25)",
    ts: () => torch.empty(20).log_normal_(0.5, 0.25),
  },
  {
    // float32 only: float64 draws differ from PyTorch's in the last bit for about 3% of them (V8's fdlibm tan,
    // not glibc's), which a float32 result rounds away.
    name: "cauchy_ median sigma",
    py: "out = torch.empty(50).cauchy_(1, 2)",
    ts: () => torch.empty(50).cauchy_(1, 2),
  },
  {
    name: "cauchy_ float32",
    py: "out = torch.empty(7).cauchy_()",
    ts: () => torch.empty(7).cauchy_(),
  },
  {
    name: "exponential_ generator",
    py: "g = torch.Generator().manual_seed(3); out = torch.empty(4).exponential_(generator=g)",
    ts: () => {
      const g = new torch.Generator().manual_seed(3);
      return torch.empty(4).exponential_({ generator: g });
    },
  },
  {
    name: "exponential_ in graph",
    py: "x = torch.ones(2, 3, dtype=torch.float64, requires_grad=True); out = x.exp().exponential_(); out.sum().backward(); grads = [x.grad]",
    ts: () => {
      const x = torch.ones(2, 3, { dtype: torch.float64, requires_grad: true });
      return withGrads(x.exp().exponential_(), [x]);
    },
  },
  {
    name: "random_ in graph",
    py: "x = torch.ones(3, requires_grad=True); out = (x * 2).random_(0, 9); out.sum().backward(); grads = [x.grad]",
    ts: () => {
      const x = torch.ones(3, { requires_grad: true });
      return withGrads(x.mul(2).random_(0, 9), [x]);
    },
  },
  {
    name: "cauchy_ in graph",
    py: "x = torch.ones(3, requires_grad=True); out = (x * 2).cauchy_(); out.sum().backward(); grads = [x.grad]",
    ts: () => {
      const x = torch.ones(3, { requires_grad: true });
      return withGrads(x.mul(2).cauchy_(), [x]);
    },
  },
];
