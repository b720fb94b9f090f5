// Op table rows: src/ops/shape.ts (views: reshape, expand, squeeze, transpose, permute, select, slice, ...).
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";
// PyTorch slices by indexing (a[:, 1:]); tensorgrad's internal slice is that view.
import { slice } from "../../../src/ops/shape.js";

export const SHAPE_OPS: OpCase[] = [
  { name: "clone", py: "a.clone()", inputs: [f(3)], ts: (a) => a.clone() },
  { name: "to.double", py: "a.double()", inputs: [f(3)], ts: (a) => a.double() },
  {
    name: "to.float_from_double",
    py: "a.float()",
    inputs: [{ shape: [3], dtype: "float64" }],
    ts: (a) => a.float(),
    gradcheck: false,
  },
  { name: "reshape", py: "a.reshape(3, 2)", inputs: [f(2, 3)], ts: (a) => a.reshape(3, 2) },
  {
    name: "reshape.copy",
    py: "a.t().reshape(-1)",
    inputs: [f(2, 3)],
    ts: (a) => a.t().reshape(-1),
  },
  {
    name: "reshape.view_of_strided",
    py: "a[:, :, :2].reshape(6, 2)",
    inputs: [f(2, 3, 4)],
    ts: (a) => slice(a, 2, null, 2).reshape(6, 2),
  },
  { name: "view", py: "a.view(-1)", inputs: [f(2, 3)], ts: (a) => a.view(-1) },
  { name: "expand", py: "a.expand(4, 3)", inputs: [f(1, 3)], ts: (a) => a.expand(4, 3) },
  {
    name: "expand_as",
    py: "a.expand_as(b)",
    inputs: [f(3, 1), noGrad(f(2, 3, 4))],
    ts: (a, b) => a.expand_as(b),
  },
  { name: "unsqueeze", py: "a.unsqueeze(1)", inputs: [f(2, 3)], ts: (a) => a.unsqueeze(1) },
  { name: "squeeze", py: "a.squeeze()", inputs: [f(2, 1, 3)], ts: (a) => a.squeeze() },
  { name: "squeeze.dim", py: "a.squeeze(1)", inputs: [f(2, 1, 3)], ts: (a) => a.squeeze(1) },
  {
    name: "sum_to_size",
    py: "a.sum_to_size(3, 1)",
    inputs: [f(2, 3, 4)],
    ts: (a) => a.sum_to_size([3, 1]),
    ulps: 8,
  },
  { name: "flatten", py: "a.flatten()", inputs: [f(2, 3, 4)], ts: (a) => a.flatten() },
  { name: "flatten.range", py: "a.flatten(1, 2)", inputs: [f(2, 3, 4, 2)], ts: (a) => a.flatten(1, 2) },
  { name: "flatten.strided", py: "a.mT.flatten(0, 1)", inputs: [f(2, 3, 4)], ts: (a) => a.mT.flatten(0, 1) },
  { name: "flatten.0d", py: "a.flatten()", inputs: [f()], ts: (a) => a.flatten() },
  { name: "unflatten", py: "a.unflatten(1, (2, -1))", inputs: [f(3, 4)], ts: (a) => a.unflatten(1, [2, -1]) },
  { name: "transpose", py: "a.transpose(0, 2)", inputs: [f(2, 3, 4)], ts: (a) => a.transpose(0, 2) },
  { name: "transpose.neg", py: "a.transpose(-1, 0)", inputs: [f(2, 3)], ts: (a) => a.transpose(-1, 0) },
  { name: "swapaxes", py: "a.swapaxes(0, 1)", inputs: [f(2, 3)], ts: (a) => a.swapaxes(0, 1) },
  { name: "permute", py: "a.permute(2, 0, 1)", inputs: [f(2, 3, 4)], ts: (a) => a.permute(2, 0, 1) },
  {
    name: "permute.neg",
    py: "torch.permute(a, (-1, 0, 1))",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.permute(a, [-1, 0, 1]),
  },
  { name: "t", py: "a.t()", inputs: [f(2, 3)], ts: (a) => a.t() },
  { name: "t.1d", py: "a.t()", inputs: [f(3)], ts: (a) => a.t() },
  { name: "mT", py: "a.mT", inputs: [f(2, 3, 4)], ts: (a) => a.mT },
  { name: "T", py: "a.T", inputs: [f(2, 3)], ts: (a) => a.T },
  { name: "movedim", py: "a.movedim(0, 2)", inputs: [f(2, 3, 4)], ts: (a) => a.movedim(0, 2) },
  {
    name: "movedim.list",
    py: "torch.movedim(a, (0, 1), (2, 0))",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.movedim(a, [0, 1], [2, 0]),
  },
  // A 0-d tensor comes back as an alias (AliasBackward0): its dims 0 and -1 both name the tensor itself.
  {
    name: "movedim.zero_dim",
    py: "torch.movedim(a, 0, -1)",
    inputs: [f()],
    ts: (a) => torch.movedim(a, 0, -1),
  },
  {
    name: "moveaxis.zero_dim_list",
    py: "a.moveaxis([-1], [0])",
    inputs: [f()],
    ts: (a) => a.moveaxis([-1], [0]),
  },
  {
    name: "moveaxis.zero_dim_empty",
    py: "torch.moveaxis(a, [], [])",
    inputs: [f()],
    ts: (a) => torch.moveaxis(a, [], []),
  },
  { name: "select", py: "a.select(1, 2)", inputs: [f(2, 3, 4)], ts: (a) => a.select(1, 2) },
  { name: "select.neg", py: "a[-1]", inputs: [f(2, 3)], ts: (a) => a.select(0, -1) },
  { name: "slice", py: "a[:, 1:]", inputs: [f(2, 3, 4)], ts: (a) => slice(a, 1, 1) },
  { name: "slice.step", py: "a[:, :, 1::2]", inputs: [f(2, 3, 5)], ts: (a) => slice(a, 2, 1, null, 2) },
  { name: "slice.negative", py: "a[-3:-1]", inputs: [f(5, 2)], ts: (a) => slice(a, 0, -3, -1) },
  { name: "slice.clamped", py: "a[1:10:3]", inputs: [f(6)], ts: (a) => slice(a, 0, 1, 10, 3) },
  { name: "narrow", py: "a.narrow(1, 1, 2)", inputs: [f(2, 4)], ts: (a) => a.narrow(1, 1, 2) },
  {
    name: "narrow.neg_start",
    py: "torch.narrow(a, 0, -2, 2)",
    inputs: [f(4, 2)],
    ts: (a) => torch.narrow(a, 0, -2, 2),
  },
  // 0-d inputs: dims 0 and -1 name the one element (issue 13).
  { name: "transpose.0d", py: "a.transpose(0, -1)", inputs: [f()], ts: (a) => a.transpose(0, -1) },
  { name: "swapaxes.0d", py: "torch.swapaxes(a, 0, 0)", inputs: [f()], ts: (a) => torch.swapaxes(a, 0, 0) },
  // sum_to_size: SumBackward1 when no leading dim is dropped, ViewBackward0 (of the sum) when some are;
  // to its own size it returns the input itself: a leaf, no grad_fn, its dtype.
  {
    name: "sum_to_size.kept_dims",
    py: "a.sum_to_size(2, 1, 4)",
    inputs: [f(2, 3, 4)],
    ts: (a) => a.sum_to_size(2, 1, 4),
  },
  {
    name: "sum_to_size.leading",
    py: "a.sum_to_size(4)",
    inputs: [f(2, 3, 4)],
    ts: (a) => a.sum_to_size(4),
    ulps: 8,
  },
  { name: "sum_to_size.same", py: "a.sum_to_size(2, 3)", inputs: [f(2, 3)], ts: (a) => a.sum_to_size(2, 3) },
  {
    name: "sum_to_size.int",
    py: "a.sum_to_size(1, 3)",
    inputs: [{ shape: [2, 3], dtype: "int64" }],
    ts: (a) => a.sum_to_size(1, 3),
  },
  {
    name: "sum_to_size.bool",
    py: "a.sum_to_size(1, 3)",
    inputs: [{ shape: [2, 3], dtype: "bool" }],
    ts: (a) => a.sum_to_size(1, 3),
  },
  {
    name: "sum_to_size.bool_same",
    py: "a.sum_to_size(2, 3)",
    inputs: [{ shape: [2, 3], dtype: "bool" }],
    ts: (a) => a.sum_to_size(2, 3),
  },
];
