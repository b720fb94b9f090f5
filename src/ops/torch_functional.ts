// The torch.* spellings of functional ops (torch.conv2d, torch.batch_norm, torch.dropout, ...): PyTorch binds the
// aten ops at the top level with their native signatures, which differ from torch.nn.functional's Python ones
// (positional running stats and a cudnn flag for batch_norm, an int reduction for the losses, `train` for
// dropout, weight-first embedding). Each runs the same implementation as its F counterpart, less the checks
// torch/nn/functional.py adds in Python (F.margin_ranking_loss's dims, F.binary_cross_entropy_with_logits'
// sizes, F.kl_div's 'batchmean'). The losses' `reduction=at::Reduction::Mean` default is no number to
// PyTorch 1.13's parser, which reads it as 0: torch.kl_div(a, b) returns the unreduced loss
// (src/signatures/schema.ts).
import { defineOps } from "../signatures/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { bilinear, embedding } from "./nn_embedding.js";
import { conv1d, conv2d } from "./nn_conv.js";
import { conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d } from "./nn_conv_transpose.js";
import { dropout } from "./nn_dropout.js";
import { alpha_dropout, feature_alpha_dropout } from "./nn_dropout_feature.js";
import { group_norm, instanceNorm } from "./nn_group_norm.js";
import { bceWithLogits, klDiv, type Reduction } from "./nn_losses.js";
import {
  cosine_embedding_loss,
  hinge_embedding_loss,
  marginRankingLoss,
  poisson_nll_loss,
  triplet_margin_loss,
} from "./nn_losses_margin.js";
import { batchNorm, layer_norm } from "./nn_norm.js";

/** apply_loss_reduction's reading of at::Reduction (None = 0, Mean = 1, Sum = 2): any other int is None. */
const reduction = (r: number): Reduction => (r === 1 ? "mean" : r === 2 ? "sum" : "none");

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
      batchNorm(input, mean, variance, weight, bias, training, momentum, eps),
  "layer_norm(Tensor input, IntArrayRef normalized_shape, Tensor? weight=None, Tensor? bias=None, double eps=1e-05, bool cudnn_enable=True) -> Tensor":
    (input: Tensor, shape, weight, bias, eps) => layer_norm(input, shape, weight, bias, eps),
  "group_norm(Tensor input, int64_t num_groups, Tensor? weight=None, Tensor? bias=None, double eps=1e-05, bool cudnn_enabled=True) -> Tensor":
    (input: Tensor, groups, weight, bias, eps) => group_norm(input, groups, weight, bias, eps),
  "instance_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool use_input_stats, double momentum, double eps, bool cudnn_enabled) -> Tensor":
    (input: Tensor, weight, bias, mean, variance, useInputStats, momentum, eps) =>
      instanceNorm(input, mean, variance, weight, bias, useInputStats, momentum, eps),
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
  "kl_div(Tensor input, Tensor target, int64_t reduction=at::Reduction::Mean, *, bool log_target=False) -> Tensor":
    (input: Tensor, target: Tensor, r, logTarget) => klDiv(input, target, reduction(r), logTarget),
  "binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight=None, Tensor? pos_weight=None, int64_t reduction=at::Reduction::Mean) -> Tensor":
    (input: Tensor, target: Tensor, weight, posWeight, r) =>
      bceWithLogits(input, target, weight, posWeight, reduction(r)),
  "cosine_embedding_loss(Tensor input1, Tensor input2, Tensor target, double margin=0.0, int64_t reduction=at::Reduction::Mean) -> Tensor":
    (input1: Tensor, input2: Tensor, target: Tensor, margin, r) =>
      cosine_embedding_loss(input1, input2, target, margin, null, null, reduction(r)),
  "hinge_embedding_loss(Tensor input, Tensor target, double margin=1.0, int64_t reduction=at::Reduction::Mean) -> Tensor":
    (input: Tensor, target: Tensor, margin, r) =>
      hinge_embedding_loss(input, target, margin, null, null, reduction(r)),
  "margin_ranking_loss(Tensor input1, Tensor input2, Tensor target, double margin=0.0, int64_t reduction=at::Reduction::Mean) -> Tensor":
    (input1: Tensor, input2: Tensor, target: Tensor, margin, r) =>
      marginRankingLoss(input1, input2, target, margin, reduction(r)),
  "triplet_margin_loss(Tensor anchor, Tensor positive, Tensor negative, double margin=1.0, double p=2, double eps=1e-06, bool swap=False, int64_t reduction=at::Reduction::Mean) -> Tensor":
    (anchor: Tensor, positive: Tensor, negative: Tensor, margin, p, eps, swap, r) =>
      triplet_margin_loss(anchor, positive, negative, margin, p, eps, swap, null, null, reduction(r)),
});
