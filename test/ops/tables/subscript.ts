// Python subscripts (`x[...]`, `x[...] = v`) against PyTorch: every form of PyTorch's indexing docs. Each case
// runs `py` in PyTorch (scripts/gen_subscript_fixtures.py, `a` and `b` bound to the inputs; a "set" case's
// `py` is a statement on `t = a.clone()`) and `ts` here; test/ops/subscript.test.ts compares values, view vs
// copy, grad_fn names, version counters, gradients and errors. Index arrays in `ts` are Python's
// `torch.tensor(...)` in `py` (Python's own lists follow NumPy's legacy rule for nested lists).
import * as torch from "../../../src/index.js";
import type { Tensor } from "../../../src/index.js";
import type { InputSpec } from "../op_case.js";
import { f, noGrad } from "../op_case.js";

export interface SubscriptCase {
  name: string;
  /** "get": `py` is an expression of a (and b); "set": a statement on t = a.clone(), the result is t. */
  kind: "get" | "set";
  py: string;
  inputs: InputSpec[];
  ts: (a: Tensor, b: Tensor) => Tensor;
  /** false: skip the finite-difference check (a repeated index written twice has no derivative there). */
  gradcheck?: boolean;
}

const long = (v: number[]) => torch.tensor(v.map(BigInt));
const get = (name: string, shape: number[], py: string, ts: (a: Tensor) => Tensor): SubscriptCase => ({
  name,
  kind: "get",
  py,
  inputs: [f(...shape)],
  ts,
});
/** `t[...] = b` (or a number written in `py`): ts receives t = a.clone() and the value b. */
const set = (
  name: string,
  inputs: InputSpec[],
  py: string,
  ts: (t: Tensor, b: Tensor) => void,
): SubscriptCase => ({
  name,
  kind: "set",
  py,
  inputs,
  ts: (a, b) => {
    const t = a.clone();
    ts(t, b);
    return t;
  },
});

const MASK = [
  [true, false, true],
  [false, true, true],
];
const MASK_PY = "torch.tensor([[True, False, True], [False, True, True]])";

export const SUBSCRIPT_CASES: SubscriptCase[] = [
  // ints and negative ints: select, a view
  get("int", [3, 4], "a[1]", (a) => a.get(1)),
  get("int.negative", [3, 4], "a[-1]", (a) => a.get(-1)),
  get("int.pair", [3, 4], "a[1, -2]", (a) => a.get("1, -2")),
  get("int.args", [3, 4], "a[1, -2]", (a) => a.get(1, -2)),
  get("int.out_of_range", [3, 4], "a[3]", (a) => a.get(3)),
  get("int.out_of_range_negative", [3, 4], "a[-4]", (a) => a.get(-4)),
  get("int.out_of_range_dim1", [3, 4], "a[0, 4]", (a) => a.get("0, 4")),
  get("int.after_ellipsis_out_of_range", [2, 3, 4], "a[..., 5]", (a) => a.get("..., 5")),
  get("int.too_many", [3, 4], "a[0, 0, 0]", (a) => a.get("0, 0, 0")),
  get("int.zero_dim", [], "a[0]", (a) => a.get(0)),
  get("int.zero_dim_one", [], "a[1]", (a) => a.get(1)),
  get("int.float", [3, 4], "a[1.5]", (a) => a.get(1.5)),
  // slices: start, stop, step, negative bounds, out of range bounds clamp
  get("slice.full", [3, 4], "a[:]", (a) => a.get(":")),
  get("slice.start_stop", [5, 2], "a[1:3]", (a) => a.get("1:3")),
  get("slice.step", [7], "a[::2]", (a) => a.get("::2")),
  get("slice.start_step", [7], "a[1::3]", (a) => a.get("1::3")),
  get("slice.all_three", [9, 2], "a[1:8:3]", (a) => a.get("1:8:3")),
  get("slice.negative", [6], "a[-4:-1]", (a) => a.get("-4:-1")),
  get("slice.beyond", [4, 2], "a[2:100]", (a) => a.get("2:100")),
  get("slice.empty", [4, 2], "a[3:1]", (a) => a.get("3:1")),
  get("slice.second_dim", [3, 5], "a[:, 1:3]", (a) => a.get(":, 1:3")),
  get("slice.exact_first", [3, 5], "a[0:3, 1:3]", (a) => a.get("0:3, 1:3")),
  get("slice.trailing_comma", [3, 5], "a[0:3,]", (a) => a.get("0:3,")),
  get("slice.negative_step", [4], "a[::-1]", (a) => a.get("::-1")),
  get("slice.zero_step", [4], "a[::0]", (a) => a.get("::0")),
  get("slice.then_int", [3, 4], "a[1:, -1]", (a) => a.get("1:, -1")),
  get("slice.zero_dim", [], "a[:]", (a) => a.get(":")),
  // None and ...
  get("none", [3], "a[None]", (a) => a.get(null)),
  get("none.string", [3], "a[None]", (a) => a.get("None")),
  get("none.middle", [2, 3], "a[:, None]", (a) => a.get(":, None")),
  get("none.several", [2, 3], "a[None, :, None, 1]", (a) => a.get(null, ":", null, 1)),
  get("ellipsis", [2, 3], "a[...]", (a) => a.get("...")),
  get("ellipsis.last", [2, 3, 4], "a[..., 0]", (a) => a.get("..., 0")),
  get("ellipsis.middle", [2, 3, 4, 5], "a[1, ..., 1:3]", (a) => a.get("1, ..., 1:3")),
  get("ellipsis.none_last", [2, 3], "a[..., None, -1]", (a) => a.get("..., None, -1")),
  get("ellipsis.twice", [2, 3], "a[..., ...]", (a) => a.get("..., ...")),
  get("empty_tuple", [2, 3], "a[()]", (a) => a.get()),
  get("bool.true", [2, 3], "a[True]", (a) => a.get(true)),
  get("bool.false", [2, 3], "a[False]", (a) => a.get(false)),
  get("bool.in_tuple", [2, 3], "a[0, True]", (a) => a.get(0, true)),
  // integer index tensors and arrays
  get("tensor.long", [4, 2], "a[torch.tensor([2, 0, 2])]", (a) => a.get(long([2, 0, 2]))),
  get("array.long", [4, 2], "a[torch.tensor([2, 0, 2])]", (a) => a.get([2, 0, 2])),
  get("tensor.negative", [4, 2], "a[torch.tensor([-1, -4])]", (a) => a.get([-1, -4])),
  get("tensor.2d", [4, 2], "a[torch.tensor([[0, 1], [3, 3]])]", (a) =>
    a.get([
      [0, 1],
      [3, 3],
    ]),
  ),
  get("tensor.zero_dim_long", [4, 2], "a[torch.tensor(2)]", (a) => a.get(torch.tensor(2n))),
  get("tensor.second_dim", [2, 5], "a[:, torch.tensor([4, 0])]", (a) => a.get(":", [4, 0])),
  get("tensor.pair", [3, 4], "a[torch.tensor([0, 2]), torch.tensor([1, 3])]", (a) => a.get([0, 2], [1, 3])),
  get("tensor.broadcast", [3, 4], "a[torch.tensor([[0], [2]]), torch.tensor([1, 3, 0])]", (a) =>
    a.get([[0], [2]], [1, 3, 0]),
  ),
  get("tensor.adjacent_middle", [2, 3, 4, 5], "a[:, torch.tensor([0, 2]), torch.tensor([1, 3]), :]", (a) =>
    a.get(":", [0, 2], [1, 3], ":"),
  ),
  get("tensor.separated_go_first", [2, 3, 4], "a[torch.tensor([1, 0]), :, torch.tensor([3, 2])]", (a) =>
    a.get([1, 0], ":", [3, 2]),
  ),
  get("tensor.separated_by_int", [2, 3, 4], "a[:, 1, torch.tensor([3, 2])]", (a) => a.get(":, 1", [3, 2])),
  get("tensor.with_slice_and_none", [3, 4, 5], "a[1:, None, torch.tensor([0, 3])]", (a) =>
    a.get("1:, None", [0, 3]),
  ),
  get("tensor.out_of_range", [3, 4], "a[torch.tensor([3])]", (a) => a.get([3])),
  get("tensor.out_of_range_dim1", [3, 4], "a[:, torch.tensor([0, -5])]", (a) => a.get(":", [0, -5])),
  get("tensor.broadcast_error", [3, 4], "a[torch.tensor([0, 1]), torch.tensor([0, 1, 2])]", (a) =>
    a.get([0, 1], [0, 1, 2]),
  ),
  get("tensor.float_error", [3, 4], "a[torch.tensor([0.5])]", (a) => a.get([0.5])),
  get("tensor.int32_error", [3, 4], "a[torch.tensor([0], dtype=torch.int32)]", (a) =>
    a.get(torch.tensor([0], { dtype: torch.int32 })),
  ),
  get("tensor.empty", [3, 4], "a[torch.tensor([], dtype=torch.long)]", (a) => a.get([])),
  // bool masks
  get("mask.full", [2, 3], `a[${MASK_PY}]`, (a) => a.get(MASK)),
  get("mask.tensor", [2, 3], `a[${MASK_PY}]`, (a) => a.get(torch.tensor(MASK))),
  get("mask.leading", [2, 3, 4], `a[${MASK_PY}]`, (a) => a.get(MASK)),
  get("mask.second_dim", [2, 3], "a[:, torch.tensor([True, False, True])]", (a) =>
    a.get(":", [true, false, true]),
  ),
  get("mask.comparison", [2, 3], "a[a > 0]", (a) => a.get(a.gt(0))),
  get("mask.with_index", [2, 3, 4], `a[${MASK_PY}, torch.tensor([0, 3, 1, 2])]`, (a) =>
    a.get(MASK, [0, 3, 1, 2]),
  ),
  get("mask.then_int_quirk", [2, 3, 4], `a[${MASK_PY}, 0]`, (a) => a.get(MASK, 0)),
  get("mask.shape_mismatch", [3, 4], "a[torch.tensor([True, False])]", (a) => a.get([true, false])),
  get("mask.zero_dim_true", [2], "a[torch.tensor(True)]", (a) => a.get(torch.tensor(true))),
  get("mask.all_false", [2, 3], "a[torch.zeros(2, 3, dtype=torch.bool)]", (a) =>
    a.get(torch.zeros([2, 3], { dtype: torch.bool })),
  ),
  // the combined example of PyTorch's "Tensor Indexing API" page
  get("combined.docs_example", [2, 3, 4, 5], "a[..., 0, True, 1::2, torch.tensor([1, 2])]", (a) =>
    a.get("..., 0, True, 1::2", [1, 2]),
  ),
  get("combined.none_mask_slice", [2, 3, 4], `a[None, ${MASK_PY}, ::2]`, (a) => a.get(null, MASK, "::2")),
  get("combined.index_between_slices", [3, 4, 5], "a[1:, torch.tensor([[0], [3]]), -3:]", (a) =>
    a.get("1:", [[0], [3]], "-3:"),
  ),
  // assignment: views (CopySlices), the whole tensor, index_put_ (IndexPutBackward0)
  set("set.int_number", [f(3, 4)], "t[1] = 2.5", (t) => t.set(1, 2.5)),
  set("set.int_tensor", [f(3, 4), f(4)], "t[1] = b", (t, b) => t.set(1, b)),
  set("set.column_number", [f(3, 4)], "t[:, 0] = 0", (t) => t.set(":, 0", 0)),
  set("set.slice_broadcast", [f(3, 4), f(1, 4)], "t[1:] = b", (t, b) => t.set("1:", b)),
  set("set.slice_leading_ones", [f(3, 4), f(1, 1, 2)], "t[0, 1:3] = b", (t, b) => t.set("0, 1:3", b)),
  set("set.step", [f(6), f(3)], "t[::2] = b", (t, b) => t.set("::2", b)),
  set("set.ellipsis_number", [f(2, 3)], "t[...] = 1.5", (t) => t.set("...", 1.5)),
  set("set.ellipsis_tensor", [f(2, 3), f(2, 3)], "t[...] = b", (t, b) => t.set("...", b)),
  set("set.ellipsis_last", [f(2, 3), f(2)], "t[..., 1] = b", (t, b) => t.set("..., 1", b)),
  set("set.none", [f(2, 3), f(3)], "t[None] = b", (t, b) => t.set(null, b)),
  set("set.false", [f(2, 3)], "t[False] = 1.0", (t) => t.set(false, 1)),
  set("set.true", [f(2, 3)], "t[True] = 1.0", (t) => t.set(true, 1)),
  set("set.zero_dim_value", [f(2, 3), f()], "t[0] = b", (t, b) => t.set(0, b)),
  set("set.index_number", [f(4, 2)], "t[torch.tensor([0, 2])] = -1.0", (t) => t.set([0, 2], -1)),
  set("set.index_tensor", [f(4, 2), f(2, 2)], "t[torch.tensor([3, 1])] = b", (t, b) => t.set([3, 1], b)),
  set("set.index_broadcast_value", [f(4, 2), f(2)], "t[torch.tensor([3, 1])] = b", (t, b) =>
    t.set([3, 1], b),
  ),
  {
    ...set("set.index_duplicates", [f(4), f(3)], "t[torch.tensor([1, 1, 2])] = b", (t, b) =>
      t.set([1, 1, 2], b),
    ),
    gradcheck: false,
  },
  set("set.mask_number", [f(2, 3)], `t[${MASK_PY}] = 0`, (t) => t.set(MASK, 0)),
  set("set.mask_values", [f(2, 3), f(4)], `t[${MASK_PY}] = b`, (t, b) => t.set(MASK, b)),
  set("set.mask_comparison", [f(2, 3)], "t[t > 0] = 0.0", (t) => t.set(t.gt(0), 0)),
  set("set.slice_then_index", [f(3, 4), f(2)], "t[1:, torch.tensor([0])] = b", (t, b) => t.set("1:", [0], b)),
  set("set.int_then_index", [f(3, 4)], "t[0, torch.tensor([1, 2])] = 1.0", (t) => t.set(0, [1, 2], 1)),
  set("set.pair", [f(3, 4), f(2)], "t[torch.tensor([0, 2]), torch.tensor([1, 3])] = b", (t, b) =>
    t.set([0, 2], [1, 3], b),
  ),
  set(
    "set.separated",
    [f(2, 3, 4), f(2, 3)],
    "t[torch.tensor([1, 0]), :, torch.tensor([3, 2])] = b",
    (t, b) => t.set([1, 0], ":", [3, 2], b),
  ),
  set("set.docs_example", [f(2, 3, 4, 5)], "t[..., 0, True, 1::2, torch.tensor([1, 2])] = 1.0", (t) =>
    t.set("..., 0, True, 1::2", [1, 2], 1),
  ),
  set("set.int_dtype", [noGrad({ shape: [4], dtype: "int64" })], "t[1:3] = 7.9", (t) => t.set("1:3", 7.9)),
  set("set.bool_dtype", [noGrad({ shape: [4], dtype: "bool" })], "t[torch.tensor([0, 3])] = True", (t) =>
    t.set([0, 3], true),
  ),
  {
    ...set("set.augmented", [f(4), f(2)], "t[torch.tensor([0, 0])] += b", (t, b) =>
      t.set([0, 0], t.get([0, 0]).add(b)),
    ),
    gradcheck: false,
  },
  set("set.shape_mismatch", [f(3, 4), f(3)], "t[0] = b", (t, b) => t.set(0, b)),
  set("set.index_shape_mismatch", [f(3, 4), f(3)], "t[torch.tensor([0, 1])] = b", (t, b) => t.set([0, 1], b)),
  set("set.out_of_range", [f(3)], "t[5] = 1.0", (t) => t.set(5, 1)),
  set("set.negative_step", [f(3)], "t[::-1] = 1.0", (t) => t.set("::-1", 1)),
  set("set.mask_mismatch", [f(3, 4)], "t[torch.tensor([True, False])] = 1.0", (t) => t.set([true, false], 1)),
  set(
    "set.dtype_mismatch",
    [f(3), noGrad({ shape: [2], dtype: "int64" })],
    "t[torch.tensor([0, 1])] = b",
    (t, b) => t.set([0, 1], b),
  ),
  // index_put_ / index_put with accumulate: `x.index_put_((idx,), v, accumulate=True)`
  set(
    "index_put_.accumulate",
    [f(4), f(3)],
    "t.index_put_((torch.tensor([1, 1, 3]),), b, accumulate=True)",
    (t, b) => t.index_put_([long([1, 1, 3])], b, { accumulate: true }),
  ),
  set(
    "index_put_.pair",
    [f(3, 4), f()],
    "t.index_put_((torch.tensor([0, 2]), torch.tensor([1, 1])), b)",
    (t, b) => t.index_put_([long([0, 2]), long([1, 1])], b),
  ),
  // the related ops' errors
  get("op.masked_select_int_mask", [2, 3], "a.masked_select(torch.tensor([1, 0, 1]))", (a) =>
    a.masked_select(long([1, 0, 1])),
  ),
  get(
    "op.masked_scatter_short_source",
    [2, 3],
    "a.masked_scatter(torch.tensor([True, False, True]), torch.zeros(3))",
    (a) => a.masked_scatter(torch.tensor([true, false, true]), torch.zeros([3])),
  ),
  get("op.take_out_of_range", [2, 3], "a.take(torch.tensor([-7]))", (a) => a.take(long([-7]))),
  get("op.take_int32", [2, 3], "a.take(torch.tensor([0], dtype=torch.int32))", (a) =>
    a.take(torch.tensor([0], { dtype: torch.int32 })),
  ),
  get("op.take_along_dim_int32", [2, 3], "a.take_along_dim(torch.tensor([[0]], dtype=torch.int32), 1)", (a) =>
    a.take_along_dim(torch.tensor([[0]], { dtype: torch.int32 }), 1),
  ),
  get("op.take_along_dim_ndim", [2, 3], "a.take_along_dim(torch.tensor([0]), 1)", (a) =>
    a.take_along_dim(long([0]), 1),
  ),
  get("op.index_fill_out_of_range", [2, 3], "a.index_fill(1, torch.tensor([3]), 1.5)", (a) =>
    a.index_fill(1, long([3]), 1.5),
  ),
  get("op.index_fill_float_index", [2, 3], "a.index_fill(1, torch.tensor([0.]), 1.5)", (a) =>
    a.index_fill(1, torch.tensor([0]), 1.5),
  ),
  get("op.index_copy_negative", [2, 3], "a.index_copy(1, torch.tensor([-1, 0]), torch.zeros(2, 2))", (a) =>
    a.index_copy(1, long([-1, 0]), torch.zeros([2, 2])),
  ),
  get("op.index_copy_count", [2, 3], "a.index_copy(1, torch.tensor([0]), torch.zeros(2, 2))", (a) =>
    a.index_copy(1, long([0]), torch.zeros([2, 2])),
  ),
  get("op.nonzero_zero_dim_tuple", [], "torch.stack(a.nonzero(as_tuple=True))", (a) =>
    torch.stack(a.nonzero({ as_tuple: true }) as Tensor[]),
  ),
  get("op.scatter_reduce_bad_reduce", [2, 3], 'a.scatter_reduce(0, torch.tensor([[0]]), a, "max")', (a) =>
    a.scatter_reduce(0, torch.tensor([[0n]]), a, "max"),
  ),
  get(
    "op.scatter_reduce_int32_index",
    [2, 3],
    'a.scatter_reduce(0, torch.tensor([[0]], dtype=torch.int32), a, "sum")',
    (a) => a.scatter_reduce(0, torch.tensor([[0]], { dtype: torch.int32 }), a, "sum"),
  ),
  get("op.scatter_reduce_out_of_range", [2, 3], 'a.scatter_reduce(0, torch.tensor([[5]]), a, "sum")', (a) =>
    a.scatter_reduce(0, torch.tensor([[5n]]), a, "sum"),
  ),
  get(
    "op.scatter_reduce_index_too_big",
    [2, 3],
    'a.scatter_reduce(0, torch.tensor([[0, 0, 0, 0]]), a, "sum")',
    (a) => a.scatter_reduce(0, torch.tensor([[0n, 0n, 0n, 0n]]), a, "sum"),
  ),
  // assignment into a leaf that requires grad (PyTorch's in-place checks)
  get("set.leaf_view", [3], "a.__setitem__(0, 1.0)", (a) => a.set(0, 1)),
  get("set.leaf_index", [3], "a.__setitem__(torch.tensor([0]), 1.0)", (a) => a.set([0], 1)),
  get("set.leaf_ellipsis", [3], "a.__setitem__(Ellipsis, 1.0)", (a) => a.set("...", 1)),
  get(
    "op.index_copy_dimensionality",
    [2, 3],
    "a.index_copy(1, torch.tensor([0, 1, 2]), torch.zeros(3))",
    (a) => a.index_copy(1, long([0, 1, 2]), torch.zeros([3])),
  ),
  get(
    "op.index_copy_slice_shapes",
    [2, 3, 4],
    "a.index_copy(1, torch.tensor([0, 1, 2]), torch.zeros(3, 3, 5))",
    (a) => a.index_copy(1, long([0, 1, 2]), torch.zeros([3, 3, 5])),
  ),
  get(
    "op.index_copy_scalar_source",
    [2, 3],
    "a.index_copy(1, torch.tensor([0, 1]), torch.tensor(1.0))",
    (a) => a.index_copy(1, long([0, 1]), torch.tensor(1)),
  ),
  get(
    "op.index_copy_float_index",
    [2, 3],
    "a.index_copy(1, torch.tensor([0.0, 1.0]), torch.zeros(2, 2))",
    (a) => a.index_copy(1, torch.tensor([0, 1]), torch.zeros([2, 2])),
  ),
];
