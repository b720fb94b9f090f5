// The torch.* spellings of functional ops (torch.conv2d, torch.batch_norm, torch.dropout, ...): PyTorch binds the
// aten ops at the top level with their native signatures, which differ from torch.nn.functional's Python ones
// (positional running stats and a cudnn flag for batch_norm, an int reduction for the losses, `train` for
// dropout, weight-first embedding). Each runs the same implementation as its F counterpart.
// Not here yet: the losses whose int reduction defaults to at::Reduction::Mean (kl_div,
// binary_cross_entropy_with_logits, cosine/hinge_embedding_loss, margin_ranking_loss, triplet_margin_loss):
// PyTorch 1.13's parser reads that default as 0 (no reduction), src/signatures/schema.ts as 1.
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { bilinear, embedding } from "./nn_embedding.js";
import { conv1d, conv2d } from "./nn_conv.js";
import { conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d } from "./nn_conv_transpose.js";
import { dropout } from "./nn_dropout.js";
import { alpha_dropout, feature_alpha_dropout } from "./nn_dropout_feature.js";
import { group_norm, instance_norm } from "./nn_group_norm.js";
import { poisson_nll_loss } from "./nn_losses_margin.js";
import { batch_norm, layer_norm } from "./nn_norm.js";

/** at::Reduction: None = 0, Mean = 1, Sum = 2. */
const reduction = (r: number): string => (r === 0 ? "none" : r === 2 ? "sum" : "mean");

/** _check_layer_norm_inputs' test of weight / bias against normalized_shape. */
function checkAffineShape(name: string, t: Tensor | null, shape: readonly number[]): void {
  if (t === null || (t.ndim === shape.length && t.shape.every((d, i) => d === shape[i]))) return;
  throw new RuntimeError(
    `Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape [${t.shape.join(", ")}] and normalized_shape = [${shape.join(", ")}]`,
  );
}

defineOps("torch", {
  "conv1d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[1] stride=1, IntArrayRef[1] padding=0, IntArrayRef[1] dilation=1, int64_t groups=1) -> Tensor":
    conv1d,
  'conv1d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[1] stride=1, c10::string_view padding="valid", IntArrayRef[1] dilation=1, int64_t groups=1) -> Tensor':
    conv1d,
  "conv2d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[2] stride=1, IntArrayRef[2] padding=0, IntArrayRef[2] dilation=1, int64_t groups=1) -> Tensor":
    conv2d,
  'conv2d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[2] stride=1, c10::string_view padding="valid", IntArrayRef[2] dilation=1, int64_t groups=1) -> Tensor':
    conv2d,
  "conv3d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[3] stride=1, IntArrayRef[3] padding=0, IntArrayRef[3] dilation=1, int64_t groups=1) -> Tensor":
    conv3d,
  'conv3d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[3] stride=1, c10::string_view padding="valid", IntArrayRef[3] dilation=1, int64_t groups=1) -> Tensor':
    conv3d,
  "conv_transpose1d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[1] stride=1, IntArrayRef[1] padding=0, IntArrayRef[1] output_padding=0, int64_t groups=1, IntArrayRef[1] dilation=1) -> Tensor":
    conv_transpose1d,
  "conv_transpose2d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[2] stride=1, IntArrayRef[2] padding=0, IntArrayRef[2] output_padding=0, int64_t groups=1, IntArrayRef[2] dilation=1) -> Tensor":
    conv_transpose2d,
  "conv_transpose3d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[3] stride=1, IntArrayRef[3] padding=0, IntArrayRef[3] output_padding=0, int64_t groups=1, IntArrayRef[3] dilation=1) -> Tensor":
    conv_transpose3d,
  "bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias=None) -> Tensor": bilinear,
  "batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, double momentum, double eps, bool cudnn_enabled) -> Tensor":
    (input: Tensor, weight, bias, mean, variance, training, momentum, eps) =>
      batch_norm(input, mean, variance, weight, bias, training, momentum, eps),
  "layer_norm(Tensor input, IntArrayRef normalized_shape, Tensor? weight=None, Tensor? bias=None, double eps=1e-05, bool cudnn_enable=True) -> Tensor":
    (input: Tensor, shape, weight, bias, eps) => {
      // aten checks the affine parameters' shapes before the input's.
      checkAffineShape("weight", weight, shape);
      checkAffineShape("bias", bias, shape);
      return layer_norm(input, shape, weight, bias, eps);
    },
  "group_norm(Tensor input, int64_t num_groups, Tensor? weight=None, Tensor? bias=None, double eps=1e-05, bool cudnn_enabled=True) -> Tensor":
    (input: Tensor, groups, weight, bias, eps) => group_norm(input, groups, weight, bias, eps),
  "instance_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool use_input_stats, double momentum, double eps, bool cudnn_enabled) -> Tensor":
    (input: Tensor, weight, bias, mean, variance, useInputStats, momentum, eps) =>
      instance_norm(input, mean, variance, weight, bias, useInputStats, momentum, eps),
  "dropout(Tensor input, double p, bool train) -> Tensor": (input: Tensor, p, train) =>
    dropout(input, p, train),
  "alpha_dropout(Tensor input, double p, bool train) -> Tensor": (input: Tensor, p, train) =>
    alpha_dropout(input, p, train),
  "feature_alpha_dropout(Tensor input, double p, bool train) -> Tensor": (input: Tensor, p, train) =>
    feature_alpha_dropout(input, p, train),
  // aten's padding_idx -1 (any negative) is "no padding index"; aten never range-checks it (F.embedding does).
  "embedding(Tensor weight, Tensor indices, int64_t padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False) -> Tensor":
    (weight: Tensor, indices: Tensor, paddingIdx, scale, sparse) =>
      embedding(
        indices,
        weight,
        paddingIdx >= 0 && paddingIdx < weight.shape[0] ? paddingIdx : null,
        null,
        2,
        scale,
        sparse,
      ),
  "poisson_nll_loss(Tensor input, Tensor target, bool log_input, bool full, double eps, int64_t reduction) -> Tensor":
    (input: Tensor, target, logInput, full, eps, r) =>
      poisson_nll_loss(input, target, logInput, full, null, eps, null, reduction(r)),
});
