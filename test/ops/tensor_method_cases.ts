// Cases for the Tensor's factory methods (new_*), view_as/reshape_as, type/element_size/item, the in-place shape
// methods, apply_/map_, the legacy constructors and torch.Size: part of test/ops/random_cases.ts's table.
import * as torch from "../../src/index.js";
import { f32, leaf, withGrads, type RandomCase } from "./random_case.js";

export const TENSOR_METHOD_CASES: RandomCase[] = [
  // ---- the Tensor's factories ----
  {
    name: "new_zeros",
    py: "out = torch.zeros(1, dtype=torch.float64).new_zeros(2, 3)",
    ts: () => torch.zeros(1, { dtype: torch.float64 }).new_zeros(2, 3),
  },
  {
    name: "new_zeros list",
    py: "out = torch.zeros(1, dtype=torch.int64).new_zeros([2])",
    ts: () => torch.zeros(1, { dtype: torch.int64 }).new_zeros([2]),
  },
  {
    name: "new_ones dtype",
    py: "out = torch.zeros(1).new_ones(2, dtype=torch.int64)",
    ts: () => torch.zeros(1).new_ones(2, { dtype: torch.int64 }),
  },
  {
    name: "new_ones requires_grad",
    py: "out = torch.zeros(1, requires_grad=True).new_ones((2,), requires_grad=True)",
    ts: () => torch.zeros(1, { requires_grad: true }).new_ones([2], { requires_grad: true }),
  },
  {
    name: "new_full int fill on float",
    py: "out = torch.zeros(1).new_full((2, 2), 3)",
    ts: () => torch.zeros(1).new_full([2, 2], 3),
  },
  {
    name: "new_full bool fill on int64",
    py: "out = torch.zeros(1, dtype=torch.int64).new_full((2,), True)",
    ts: () => torch.zeros(1, { dtype: torch.int64 }).new_full([2], true),
  },
  {
    name: "new_empty shape",
    py: "out = torch.zeros(1, dtype=torch.bool).new_empty(2, 3).shape",
    ts: () => torch.zeros(1, { dtype: torch.bool }).new_empty(2, 3).size(),
  },
  {
    name: "new_zeros negative",
    py: "out = torch.zeros(1).new_zeros(-1)",
    ts: () => torch.zeros(1).new_zeros(-1),
  },
  {
    name: "new_tensor keeps self's dtype",
    py: "out = torch.zeros(1, dtype=torch.int64).new_tensor([[1.5, 2.7]])",
    ts: () => torch.zeros(1, { dtype: torch.int64 }).new_tensor([[1.5, 2.7]]),
  },
  {
    name: "new_tensor bools as float64",
    py: "out = torch.zeros(1, dtype=torch.float64).new_tensor([True, False])",
    ts: () => torch.zeros(1, { dtype: torch.float64 }).new_tensor([true, false]),
  },
  {
    name: "new_tensor dtype",
    py: "out = torch.zeros(1, dtype=torch.int64).new_tensor([1.5], dtype=torch.float32)",
    ts: () => torch.zeros(1, { dtype: torch.int64 }).new_tensor([1.5], { dtype: torch.float32 }),
  },
  {
    name: "new_tensor of a tensor warns",
    py: "x = torch.tensor([1.0, 2.0], requires_grad=True); out = torch.zeros(1, dtype=torch.float64).new_tensor(x * 2)",
    ts: () => torch.zeros(1, { dtype: torch.float64 }).new_tensor(leaf(f32([1, 2])).mul(2)),
  },
  {
    name: "new_tensor requires_grad",
    py: "out = torch.zeros(1).new_tensor([1.0], requires_grad=True)",
    ts: () => torch.zeros(1).new_tensor([1.0], { requires_grad: true }),
  },
  {
    name: "new_tensor int requires_grad",
    py: "out = torch.zeros(1, dtype=torch.int64).new_tensor([1], requires_grad=True)",
    ts: () => torch.zeros(1, { dtype: torch.int64 }).new_tensor([1], { requires_grad: true }),
  },

  // ---- view_as, reshape_as, type, element_size, item ----
  {
    name: "view_as",
    py: "x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True); out = x.view_as(torch.zeros(4)); out.sum().backward(); grads = [x.grad]",
    ts: () => {
      const x = leaf(
        f32([
          [1, 2],
          [3, 4],
        ]),
      );
      return withGrads(x.view_as(torch.zeros(4)), [x]);
    },
  },
  {
    name: "reshape_as non-contiguous",
    py: "x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True); out = x.t().reshape_as(torch.zeros(1, 4)); (out * torch.arange(4.0)).sum().backward(); grads = [x.grad]",
    ts: () => {
      const x = leaf(
        f32([
          [1, 2],
          [3, 4],
        ]),
      );
      const out = x.t().reshape_as(torch.zeros(1, 4));
      out
        .mul(torch.arange(4, { dtype: torch.float32 }))
        .sum()
        .backward();
      return { out, grads: [x.grad] };
    },
  },
  {
    name: "view_as wrong size",
    py: "out = torch.zeros(2, 2).view_as(torch.zeros(3))",
    ts: () => torch.zeros(2, 2).view_as(torch.zeros(3)),
  },
  {
    name: "type name",
    py: "out = torch.zeros(1, dtype=torch.int32).type()",
    ts: () => torch.zeros(1, { dtype: torch.int32 }).type(),
  },
  {
    name: "type dtype",
    py: "out = torch.tensor([1.5, -2.5]).type(torch.int64)",
    ts: () => f32([1.5, -2.5]).type(torch.int64),
  },
  {
    name: "type string",
    py: "out = torch.tensor([1, 0]).type('torch.BoolTensor')",
    ts: () => torch.tensor([1n, 0n]).type("torch.BoolTensor"),
  },
  {
    name: "element_size float64",
    py: "out = torch.zeros(1, dtype=torch.float64).element_size()",
    ts: () => torch.zeros(1, { dtype: torch.float64 }).element_size(),
  },
  {
    name: "element_size bool",
    py: "out = torch.zeros(1, dtype=torch.bool).element_size()",
    ts: () => torch.zeros(1, { dtype: torch.bool }).element_size(),
  },
  {
    name: "item bool",
    py: "out = torch.isfinite(torch.tensor(-3.0)).item()",
    ts: () => torch.isfinite(torch.tensor(-3.0)).item(),
  },
  {
    name: "item bool false",
    py: "out = torch.tensor([False]).item()",
    ts: () => torch.tensor([false]).item(),
  },
  { name: "item int64", py: "out = torch.tensor([[7]]).item()", ts: () => torch.tensor([[7n]]).item() },
  {
    name: "item int32",
    py: "out = torch.tensor(-4, dtype=torch.int32).item()",
    ts: () => torch.tensor(-4, { dtype: torch.int32 }).item(),
  },
  { name: "item float32", py: "out = torch.tensor(0.1).item()", ts: () => torch.tensor(0.1).item() },
  {
    name: "item float64",
    py: "out = torch.tensor(0.1, dtype=torch.float64).item()",
    ts: () => torch.tensor(0.1, { dtype: torch.float64 }).item(),
  },
  { name: "item of many", py: "out = torch.zeros(2).item()", ts: () => torch.zeros(2).item() },

  // ---- in-place shape methods ----
  {
    name: "unsqueeze_",
    version: true,
    py: "out = torch.zeros(2, 3).unsqueeze_(1)",
    ts: () => torch.zeros(2, 3).unsqueeze_(1),
  },
  {
    name: "unsqueeze_ last",
    version: true,
    py: "out = torch.zeros(2, 3).unsqueeze_(-1)",
    ts: () => torch.zeros(2, 3).unsqueeze_(-1),
  },
  {
    name: "squeeze_",
    version: true,
    py: "out = torch.zeros(2, 1, 3, 1).squeeze_()",
    ts: () => torch.zeros(2, 1, 3, 1).squeeze_(),
  },
  {
    name: "squeeze_ dim",
    version: true,
    py: "out = torch.zeros(2, 1, 3).squeeze_(1)",
    ts: () => torch.zeros(2, 1, 3).squeeze_(1),
  },
  {
    name: "squeeze_ dim not 1",
    version: true,
    py: "out = torch.zeros(2, 1, 3).squeeze_(0)",
    ts: () => torch.zeros(2, 1, 3).squeeze_(0),
  },
  {
    name: "transpose_",
    version: true,
    py: "out = torch.arange(6.0).reshape(2, 3).transpose_(0, 1)",
    ts: () => torch.arange(6, { dtype: torch.float32 }).reshape(2, 3).transpose_(0, 1),
  },
  {
    name: "transpose_ of a 0-dim tensor",
    version: true,
    py: "out = torch.tensor(3.0).transpose_(0, -1)",
    ts: () => torch.tensor(3.0).transpose_(0, -1),
  },
  {
    name: "swapaxes_ of a 0-dim int64 tensor",
    py: "out = torch.tensor(3).swapaxes_(0, 0)",
    ts: () => torch.tensor(3n).swapaxes_(0, 0),
  },
  {
    name: "t_",
    version: true,
    py: "out = torch.arange(6.0).reshape(2, 3).t_()",
    ts: () => torch.arange(6, { dtype: torch.float32 }).reshape(2, 3).t_(),
  },
  {
    name: "in-place shape methods in graph",
    version: true,
    py: "x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True); y = x * 1; y.t_(); y.unsqueeze_(0); out = y; (y * torch.tensor([[[1.0, 10.0], [100.0, 1000.0]]])).sum().backward(); grads = [x.grad]",
    ts: () => {
      const x = leaf(
        f32([
          [1, 2],
          [3, 4],
        ]),
      );
      const y = x.mul(1);
      y.t_();
      y.unsqueeze_(0);
      y.mul(
        torch.tensor([
          [
            [1, 10],
            [100, 1000],
          ],
        ]),
      )
        .sum()
        .backward();
      return { out: y, grads: [x.grad] };
    },
  },
  {
    name: "squeeze_ and transpose_ in graph",
    py: "x = torch.arange(6.0).reshape(2, 1, 3).requires_grad_(); y = x * 2; y.squeeze_(); y.transpose_(0, 1); out = y; (y * torch.arange(6.0).reshape(3, 2)).sum().backward(); grads = [x.grad]",
    ts: () => {
      const x = torch.arange(6, { dtype: torch.float32 }).reshape(2, 1, 3).requires_grad_();
      const y = x.mul(2);
      y.squeeze_();
      y.transpose_(0, 1);
      y.mul(torch.arange(6, { dtype: torch.float32 }).reshape(3, 2))
        .sum()
        .backward();
      return { out: y, grads: [x.grad] };
    },
  },
  {
    name: "unsqueeze_ on a view",
    py: "x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True).clone(); out = x[0].unsqueeze_(0)",
    ts: () =>
      leaf(
        f32([
          [1, 2],
          [3, 4],
        ]),
      )
        .clone()
        .select(0, 0)
        .unsqueeze_(0),
  },
  {
    name: "unsqueeze_ on a leaf requiring grad",
    py: "out = torch.zeros(2, requires_grad=True).unsqueeze_(0)",
    ts: () => torch.zeros(2, { requires_grad: true }).unsqueeze_(0),
  },
  { name: "t_ of 3-D", py: "out = torch.zeros(2, 2, 2).t_()", ts: () => torch.zeros(2, 2, 2).t_() },
  {
    name: "transpose_ bad dim",
    py: "out = torch.zeros(2, 2).transpose_(0, 2)",
    ts: () => torch.zeros(2, 2).transpose_(0, 2),
  },
  {
    name: "resize_ shrink",
    version: true,
    py: "out = torch.arange(6.0).resize_(2, 2)",
    ts: () => torch.arange(6, { dtype: torch.float32 }).resize_(2, 2),
  },
  {
    name: "resize_ non-contiguous",
    py: "out = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]).t().resize_(2, 2)",
    ts: () =>
      torch
        .tensor([
          [1, 2, 3],
          [4, 5, 6],
        ])
        .t()
        .resize_(2, 2),
  },
  {
    name: "resize_ grow keeps values",
    py: "x = torch.arange(3.0); x.resize_(5); out = x[:3]",
    ts: () => {
      const x = torch.arange(3, { dtype: torch.float32 });
      x.resize_(5);
      return x.narrow(0, 0, 3);
    },
  },
  {
    name: "resize_ requires grad",
    py: "out = torch.zeros(3, requires_grad=True).resize_(3)",
    ts: () => torch.zeros(3, { requires_grad: true }).resize_(3),
  },
  { name: "resize_ negative", py: "out = torch.zeros(3).resize_(-1)", ts: () => torch.zeros(3).resize_(-1) },

  // ---- apply_ and map_ ----
  {
    name: "apply_",
    py: "out = torch.tensor([1.0, -2.0, 3.5]).apply_(lambda v: v * 2 + 1)",
    ts: () => f32([1, -2, 3.5]).apply_((v: number) => v * 2 + 1),
  },
  {
    name: "apply_ int64 on a transposed view",
    py: "out = torch.tensor([[1, 2], [3, 4]]).t().apply_(lambda v: v * 10)",
    ts: () =>
      torch
        .tensor([
          [1n, 2n],
          [3n, 4n],
        ])
        .t()
        .apply_((v: number) => v * 10),
  },
  {
    name: "apply_ bool",
    py: "out = torch.tensor([True, False]).apply_(lambda v: not v)",
    ts: () => torch.tensor([true, false]).apply_((v: boolean) => !v),
  },
  {
    name: "apply_ returns a string",
    py: "out = torch.tensor([1.0]).apply_(lambda v: 'a')",
    ts: () => f32([1]).apply_(() => "a"),
  },
  {
    name: "apply_ requires grad",
    py: "out = torch.tensor([1.0], requires_grad=True).apply_(lambda v: v)",
    ts: () => leaf(f32([1])).apply_((v: number) => v),
  },
  {
    name: "map_ broadcast",
    py: "out = torch.tensor([[1.0, 2.0], [3.0, 4.0]]).map_(torch.tensor([10.0, 20.0]), lambda a, b: a * b - 1)",
    ts: () =>
      f32([
        [1, 2],
        [3, 4],
      ]).map_(f32([10, 20]), (a: number, b: number) => a * b - 1),
  },
  {
    name: "map_ other dtype",
    py: "out = torch.tensor([1.0, 2.0]).map_(torch.tensor([3, 4]), lambda a, b: a + b)",
    ts: () => f32([1, 2]).map_(torch.tensor([3n, 4n]), (a: number, b: number) => a + b),
  },
  {
    name: "map_ requires grad",
    py: "out = torch.tensor([1.0, 2.0]).map_(torch.tensor([3.0, 4.0], requires_grad=True), lambda a, b: a + b)",
    ts: () => f32([1, 2]).map_(leaf(f32([3, 4])), (a: number, b: number) => a + b),
  },

  // ---- legacy constructors and torch.Size ----
  { name: "FloatTensor()", py: "out = torch.FloatTensor()", ts: () => torch.FloatTensor() },
  {
    name: "LongTensor sizes",
    py: "out = torch.LongTensor(2, 3).shape",
    ts: () => torch.LongTensor(2, 3).size(),
  },
  {
    name: "LongTensor Size",
    py: "out = torch.LongTensor(torch.Size([2, 3])).shape",
    ts: () => torch.LongTensor(torch.Size([2, 3])).size(),
  },
  { name: "LongTensor data", py: "out = torch.LongTensor([2, 3])", ts: () => torch.LongTensor([2, 3]) },
  {
    name: "IntTensor data truncates",
    py: "out = torch.IntTensor([1.7, -2.2])",
    ts: () => torch.IntTensor([1.7, -2.2]),
  },
  { name: "BoolTensor data", py: "out = torch.BoolTensor([1, 0, 2])", ts: () => torch.BoolTensor([1, 0, 2]) },
  {
    name: "DoubleTensor nested",
    py: "out = torch.DoubleTensor([[1, 2], [3, 4]])",
    ts: () =>
      torch.DoubleTensor([
        [1, 2],
        [3, 4],
      ]),
  },
  {
    name: "FloatTensor of a FloatTensor",
    py: "out = torch.FloatTensor(torch.ones(2))",
    ts: () => torch.FloatTensor(torch.ones(2)),
  },
  {
    name: "FloatTensor of a LongTensor",
    py: "out = torch.FloatTensor(torch.zeros(2, dtype=torch.int64))",
    ts: () => torch.FloatTensor(torch.zeros(2, { dtype: torch.int64 })),
  },
  { name: "FloatTensor of a number", py: "out = torch.FloatTensor(3.5)", ts: () => torch.FloatTensor(3.5) },
  { name: "FloatTensor negative size", py: "out = torch.FloatTensor(-1)", ts: () => torch.FloatTensor(-1) },
  { name: "FloatTensor of a string", py: "out = torch.FloatTensor('a')", ts: () => torch.FloatTensor("a") },
  {
    name: "FloatTensor cuda",
    py: "out = torch.FloatTensor([1.0], device='cuda')",
    ts: () => torch.FloatTensor([1.0], { device: "cuda" }),
  },
  {
    name: "isinstance LongTensor",
    py: "out = isinstance(torch.zeros(2, dtype=torch.int64), torch.LongTensor)",
    ts: () => torch.zeros(2, { dtype: torch.int64 }) instanceof torch.LongTensor,
  },
  {
    name: "isinstance FloatTensor requires grad",
    py: "out = isinstance(torch.zeros(2, requires_grad=True), torch.FloatTensor)",
    ts: () => torch.zeros(2, { requires_grad: true }) instanceof torch.FloatTensor,
  },
  {
    name: "isinstance DoubleTensor of float32",
    py: "out = isinstance(torch.zeros(2), torch.DoubleTensor)",
    ts: () => torch.zeros(2) instanceof torch.DoubleTensor,
  },
  { name: "Size repr", py: "out = str(torch.Size([2, 3]))", ts: () => String(torch.Size([2, 3])) },
  { name: "Size empty repr", py: "out = str(torch.Size([]))", ts: () => String(torch.Size([])) },
  {
    name: "size() repr",
    py: "out = str(torch.zeros(2, 1, 3).size())",
    ts: () => String(torch.zeros(2, 1, 3).size()),
  },
  { name: "Size numel", py: "out = torch.Size([2, 3, 4]).numel()", ts: () => torch.Size([2, 3, 4]).numel() },
  { name: "Size of a float", py: "out = torch.Size([2, 2.5])", ts: () => torch.Size([2, 2.5]) },
  { name: "Size of a string", py: "out = torch.Size('ab')", ts: () => torch.Size("ab") },
];
