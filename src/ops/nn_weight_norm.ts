// torch._weight_norm and torch.norm_except_dim (PyTorch 1.13's aten/src/ATen/native/WeightNorm.cpp): w = g * v /
// ||v||, the norm over every dim but `dim`. With dim the first or last, PyTorch runs its fused kernel,
// _weight_norm_interface, whose node is WeightNormInterfaceBackward0; any other dim is composed of
// differentiable ops. nn.utils.weight_norm (src/nn/utils/weight_norm.ts) is built on it.
import { no_grad } from "../autograd/grad_mode.js";
import { defineOps } from "../signatures/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { zeros } from "../tensor/creation.js";
import { record } from "./core.js";
import { cat } from "./join.js";

/** norm_except_dim(v, pow, dim): the pow-norm of v over every dim but `dim` (of all of v for dim -1), keeping dims. */
export function norm_except_dim(v: Tensor, pow = 2, dim = 0): Tensor {
  if (dim === -1) return v.norm(pow);
  const keep = (d: number) => v.shape.map((s, i) => (i === d ? s : 1));
  if (dim === 0) return v.contiguous().view(v.shape[0], -1).norm(pow, 1).view(keep(0));
  const last = v.ndim - 1;
  if (dim === last) return v.contiguous().view(-1, v.shape[last]).norm(pow, 0).view(keep(last));
  return norm_except_dim(v.transpose(0, dim), pow, 0).transpose(0, dim);
}

/** What WeightNormInterfaceBackward0 reads: v, g, the norms (shaped to broadcast) and the dim. */
export interface WeightNormSaved {
  v: Tensor;
  g: Tensor;
  /** g as the kernel reads it: one value per slice, shaped to broadcast against v. */
  gSlices: Tensor;
  norms: Tensor;
  dim: number;
}

/** torch._weight_norm(v, g, dim=0): v * (g / norm_except_dim(v, 2, dim)). */
export function _weight_norm(v: Tensor, g: Tensor, dim = 0): Tensor {
  const vc = v.contiguous();
  const gc = g.contiguous();
  if (dim !== 0 && dim !== vc.ndim - 1) return vc.mul(gc.div(norm_except_dim(vc, 2, dim)));
  // _weight_norm_interface: the fused kernel, one node for both inputs. It reads g as one value per slice of
  // v along dim (g's first entries in memory, whatever g's shape).
  const slices = vc.shape[dim];
  const bcast = vc.shape.map((size, i) => (i === dim ? size : 1));
  const [w, norms, gSlices] = no_grad(() => {
    const n = norm_except_dim(vc.detach(), 2, dim);
    const gs = gc.detach().reshape(-1).narrow(0, 0, slices).view(bcast);
    return [vc.detach().mul(gs.div(n)), n, gs];
  });
  return record("WeightNormInterfaceBackward0", [vc, gc], w, () => ({
    v: vc,
    g: gc,
    gSlices: gc.numel() === slices ? gc.view(bcast) : gSlices,
    norms,
    dim,
  }));
}

/**
 * _weight_norm_differentiable_backward: with s the per-slice sums of grad * v, grad_v = (g / norms) * (grad -
 * v * (s / norms^2)) and grad_g = s / norms.
 */
export function weightNormBackward(grad: Tensor, s: WeightNormSaved): [Tensor, Tensor] {
  const { v, dim } = s;
  const g = s.gSlices;
  const norms = s.norms.to(g.dtype);
  const last = v.ndim - 1;
  const bcast = v.shape.map((size, i) => (i === dim ? size : 1));
  const products = grad.contiguous().mul(v);
  const perDimSums =
    dim === 0
      ? products.view(v.shape[0], -1).sum(1).view(bcast)
      : products.view(-1, v.shape[last]).sum(0).view(bcast);
  const gradV = g.div(norms).mul(grad.sub(v.mul(perDimSums.div(norms.mul(norms)))));
  let gradG = perDimSums.div(norms);
  // A g of another shape gets its slices' gradients in its first entries (the kernel writes no others).
  if (gradG.numel() !== s.g.numel() || gradG.ndim !== s.g.ndim)
    gradG = cat([gradG.reshape(-1), zeros([s.g.numel() - gradG.numel()], { dtype: gradG.dtype })]).view(
      s.g.shape,
    );
  return [gradV, gradG];
}

defineOps("torch", {
  "_weight_norm(Tensor v, Tensor g, int64_t dim=0) -> Tensor": _weight_norm,
  "norm_except_dim(Tensor v, int64_t pow=2, int64_t dim=0) -> Tensor": norm_except_dim,
});
