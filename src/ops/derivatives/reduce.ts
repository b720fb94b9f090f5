// Derivative rows for reductions, scans and softmax (PyTorch's derivatives.yaml / FunctionsManual.cpp).
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { arange, tensor, zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { Shape } from "../../tensor/shape.js";
import { row } from "./row.js";
import { where } from "../elementwise.js";

/** Re-inserts reduced dims (sorted ascending) as size 1. */
function unsqueezeDims(g: Tensor, dims: readonly number[]): Tensor {
  return dims.reduce((t, d) => t.unsqueeze(d), g);
}

/** restore_reduced_dims / unsqueeze_multiple: puts back the dims a reduction without keepdim dropped. */
function restore(g: Tensor, dims: readonly number[], keepdim: boolean, ndim: number): Tensor {
  return keepdim || ndim === 0 ? g : unsqueezeDims(g, dims);
}

/**
 * prod_safe_zeros_backward's factor: for each element the product of the others along `dim`, as
 * cumprod([1, x0, x1, ...]) * flip(cumprod([1, x_{n-1}, ...])) in x's dtype. It is a constant: the second
 * derivative of a product with zeros does not flow back through it.
 */
function productOfOthers(x: Tensor, dim: number): Tensor {
  const values = x.contiguous().values();
  const shape = x.shape;
  const size = shape[dim];
  const inner = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const outer = size === 0 ? 0 : values.length / (size * inner);
  const r = x.dtype.cast;
  const out = new Array<number>(values.length).fill(1);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (i: number) => o * size * inner + i * inner + j;
      const before = new Array<number>(size);
      let acc = 1;
      for (let i = 0; i < size; i++) {
        before[i] = acc;
        acc = r(acc * values[at(i)]);
      }
      acc = 1;
      for (let i = size - 1; i >= 0; i--) {
        out[at(i)] = r(before[i] * acc);
        acc = r(acc * values[at(i)]);
      }
    }
  }
  return tensor(out, { dtype: x.dtype }).reshape([...shape]);
}

/** prod_backward for one dim (the whole tensor flattened when dim is null). */
function prodBackward(g: Tensor, self: Tensor, result: Tensor, dim: number | null, keepdim: boolean): Tensor {
  if (self.ndim === 0) return g;
  if (dim !== null && !keepdim) {
    g = g.unsqueeze(dim);
    result = result.unsqueeze(dim);
  }
  const zeroCount = self.eq(0).sum().item();
  if (zeroCount === 0) return g.mul(result.div(self));
  if (dim === null) {
    if (!is_grad_enabled() && zeroCount > 1) return zeros([...self.shape], { dtype: self.dtype });
    const flat = self.reshape([-1]);
    return g.mul(productOfOthers(flat, 0)).reshape([...self.shape]);
  }
  return g.mul(productOfOthers(self, dim));
}

/** evenly_distribute_backward: the gradient of a full max/min shared among the elements equal to it. */
function evenlyDistribute(g: Tensor, self: Tensor, result: Tensor): Tensor {
  const mask = Number.isNaN(result.item()) ? self.ne(self) : self.eq(result);
  return where(mask, g.div(mask.sum()), 0);
}

/** value_selecting_reduction_backward: the gradient lands where `indices` point along `dim`. */
function selectAtIndices(g: Tensor, s: { selfShape: Shape; dim: number; indices: Tensor; keepdim: boolean }) {
  if (s.selfShape.length === 0) return g;
  const grad = s.keepdim ? g : g.unsqueeze(s.dim);
  const indices = s.keepdim ? s.indices : s.indices.unsqueeze(s.dim);
  const positions = s.selfShape.map((_, d) => (d === s.dim ? s.selfShape[d] : 1));
  const mask = arange(s.selfShape[s.dim], { dtype: indices.dtype }).reshape(positions).eq(indices);
  return where(mask, grad, 0);
}

/** scale_grad_by_count: amax/amin's gradient split evenly among ties. */
function amaxBackward(g: Tensor, s: { self: Tensor; result: Tensor; dims: number[]; keepdim: boolean }) {
  const ndim = s.self.ndim;
  const mask = restore(s.result, s.dims, s.keepdim, ndim).eq(s.self);
  return restore(g, s.dims, s.keepdim, ndim).div(mask.sum(s.dims, true)).mul(mask);
}

export interface VarSaved {
  self: Tensor;
  result: Tensor;
  dims: number[] | null;
  correction: number;
  keepdim: boolean;
}

function varBackward(g: Tensor, s: VarSaved): Tensor {
  const self = s.self;
  if (self.ndim === 0 || s.dims === null) {
    const n = self.numel();
    if (n === s.correction) return g.mul(Infinity);
    return g.mul(2 / (n - s.correction)).mul(self.sub(self.mean()));
  }
  const grad = !s.keepdim && self.ndim > 1 ? unsqueezeDims(g, s.dims) : g;
  const dof = s.dims.reduce((n, d) => n * self.shape[d], 1) - s.correction;
  return grad.mul(2 / dof).mul(self.sub(self.mean(s.dims, true)));
}

export interface NormSaved {
  self: Tensor;
  result: Tensor;
  ord: number;
  dims: number[];
  keepdim: boolean;
}

/** norm_backward (also linalg_vector_norm_backward). */
function normBackward(g: Tensor, s: NormSaved): Tensor | null {
  const { self, ord: p } = s;
  let grad = g;
  let norm = s.result;
  if (!s.keepdim && self.ndim !== 0) {
    grad = unsqueezeDims(grad, s.dims);
    norm = unsqueezeDims(norm, s.dims);
  }
  if (p === 0) return null;
  if (p === 1) return self.sign().mul(grad);
  if (p === 2) return grad.mul(where(norm.ne(0), self.div(norm), 0));
  if (!Number.isFinite(p)) {
    const selfAbs = self.abs();
    const mask = selfAbs.eq(norm).logical_or(selfAbs.isnan());
    return self.sign().mul(grad.div(mask.sum(s.dims, true)).mul(mask));
  }
  if (p < 1) {
    const selfScaled = self.sign().mul(where(self.ne(0), self.abs().pow(p - 1), 0));
    return selfScaled.mul(grad).mul(norm.pow(1 - p));
  }
  const selfScaled = p < 2 ? self.sign().mul(self.abs().pow(p - 1)) : self.mul(self.abs().pow(p - 2));
  const scale = where(norm.ne(0), grad.div(norm.pow(p - 1)), 0);
  return selfScaled.mul(scale);
}

/** cumprod_backward: the sum over later outputs of grad * output / input, with zeros handled exactly. */
function cumprodBackward(g: Tensor, s: { self: Tensor; result: Tensor; dim: number }): Tensor {
  const { self, result, dim } = s;
  if (self.numel() <= 1 || self.ndim === 0 || self.shape[dim] === 1) return g;
  if (self.eq(0).sum().item() === 0) return result.mul(g).flip(dim).cumsum(dim).flip(dim).div(self);
  // With zeros: d out_k / d x_i = prod_{j <= k, j != i} x_j, summed directly (a constant in the graph).
  const x = self.contiguous().values();
  const gv = g.contiguous().values();
  const shape = self.shape;
  const size = shape[dim];
  const inner = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const outer = x.length / (size * inner);
  const out = new Array<number>(x.length).fill(0);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (i: number) => o * size * inner + i * inner + j;
      for (let i = 0; i < size; i++) {
        let others = 1;
        for (let k = 0; k < i; k++) others *= x[at(k)];
        let total = 0;
        for (let k = i; k < size; k++) {
          if (k > i) others *= x[at(k)];
          total += gv[at(k)] * others;
        }
        out[at(i)] = total;
      }
    }
  }
  return tensor(out, { dtype: self.dtype }).reshape([...shape]);
}

export const REDUCE_DERIVATIVES = {
  SumBackward0: row<{ selfShape: Shape }>((g, s) => [g.expand(s.selfShape)]),
  SumBackward1: row<{ selfShape: Shape; dims: number[]; keepdim: boolean }>((g, s) => [
    (s.keepdim ? g : unsqueezeDims(g, s.dims)).expand(s.selfShape),
  ]),
  MeanBackward0: row<{ selfShape: Shape; count: number }>((g, s) => [g.expand(s.selfShape).div(s.count)]),
  MeanBackward1: row<{ selfShape: Shape; dims: number[]; keepdim: boolean; count: number }>((g, s) => [
    (s.keepdim ? g : unsqueezeDims(g, s.dims)).expand(s.selfShape).div(s.count),
  ]),
  ProdBackward0: row<{ self: Tensor; result: Tensor }>((g, s) => [
    prodBackward(g, s.self, s.result, null, false),
  ]),
  ProdBackward1: row<{ self: Tensor; result: Tensor; dim: number; keepdim: boolean }>((g, s) => [
    prodBackward(g, s.self, s.result, s.dim, s.keepdim),
  ]),
  MaxBackward1: row<{ self: Tensor; result: Tensor }>((g, s) => [evenlyDistribute(g, s.self, s.result)]),
  MinBackward1: row<{ self: Tensor; result: Tensor }>((g, s) => [evenlyDistribute(g, s.self, s.result)]),
  MaxBackward0: row<{ selfShape: Shape; dim: number; indices: Tensor; keepdim: boolean }>((g, s) => [
    selectAtIndices(g, s),
  ]),
  MinBackward0: row<{ selfShape: Shape; dim: number; indices: Tensor; keepdim: boolean }>((g, s) => [
    selectAtIndices(g, s),
  ]),
  AmaxBackward0: row<{ self: Tensor; result: Tensor; dims: number[]; keepdim: boolean }>((g, s) => [
    amaxBackward(g, s),
  ]),
  AminBackward0: row<{ self: Tensor; result: Tensor; dims: number[]; keepdim: boolean }>((g, s) => [
    amaxBackward(g, s),
  ]),
  VarBackward0: row<VarSaved>((g, s) => [varBackward(g, s)]),
  StdBackward0: row<VarSaved>((g, s) => {
    const gradVar = where(s.result.ne(0), g.div(s.result.mul(2)), 0);
    return [varBackward(gradVar, s)];
  }),
  NormBackward1: row<NormSaved>((g, s) => [normBackward(g, s)]),
  // norm with a dtype: `self` is saved in that dtype; the engine casts the gradient back to the input's.
  NormBackward3: row<NormSaved>((g, s) => [normBackward(g, s)]),
  LinalgVectorNormBackward0: row<NormSaved>((g, s) => [normBackward(g, s)]),
  LogsumexpBackward0: row<{ self: Tensor; result: Tensor; dims: number[]; keepdim: boolean }>((g, s) => {
    const ndim = s.self.ndim;
    return [
      restore(g, s.dims, s.keepdim, ndim).mul(s.self.sub(restore(s.result, s.dims, s.keepdim, ndim)).exp()),
    ];
  }),
  CumsumBackward0: row<{ dim: number; selfDtype: Tensor["dtype"] }>((g, s) => {
    const grad = g.to(s.selfDtype);
    if (grad.numel() <= 1 || grad.ndim === 0 || grad.shape[s.dim] === 1) return [grad];
    return [grad.flip(s.dim).cumsum(s.dim).flip(s.dim)];
  }),
  CumprodBackward0: row<{ self: Tensor; result: Tensor; dim: number }>((g, s) => [cumprodBackward(g, s)]),
  SoftmaxBackward0: row<{ result: Tensor; dim: number }>((g, s) => [
    g._softmax_backward_data(s.result, s.dim),
  ]),
  LogSoftmaxBackward0: row<{ result: Tensor; dim: number }>((g, s) => [
    g._log_softmax_backward_data(s.result, s.dim),
  ]),
};
