// torch.nn
export { Module, RemovableHandle, LoadResult, type StateDict } from "./module.js";
export { Parameter, UninitializedParameter, UninitializedBuffer } from "./parameter.js";
export * as parameter from "./parameter.js";
export { Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict } from "./containers.js";
export { Linear } from "./modules/linear.js";
export {
  Identity,
  Flatten,
  Dropout,
  Dropout1d,
  Dropout2d,
  Dropout3d,
  AlphaDropout,
  FeatureAlphaDropout,
} from "./modules/basic.js";
export { CosineSimilarity, PairwiseDistance, ChannelShuffle, Unflatten } from "./modules/distance.js";
export { DataParallel } from "./data_parallel.js";
export { Container, NLLLoss2d, CrossMapLRN2d } from "./modules/legacy.js";
export { AdaptiveLogSoftmaxWithLoss } from "./modules/adaptive.js";
export {
  ReLU,
  Sigmoid,
  Tanh,
  SiLU,
  LogSigmoid,
  LeakyReLU,
  ELU,
  GELU,
  Softplus,
  Softmax,
  LogSoftmax,
  Softmin,
  Softmax2d,
  Hardtanh,
  ReLU6,
  SELU,
  CELU,
  Mish,
  Hardswish,
  Hardsigmoid,
  PReLU,
  RReLU,
  Hardshrink,
  Softshrink,
  Softsign,
  Tanhshrink,
  Threshold,
  GLU,
} from "./modules/activation.js";
export {
  Conv1d,
  Conv2d,
  Conv3d,
  ConvTranspose1d,
  ConvTranspose2d,
  ConvTranspose3d,
  type PaddingMode,
} from "./modules/conv.js";
export {
  MaxPool1d,
  MaxPool2d,
  AvgPool1d,
  AvgPool2d,
  AdaptiveAvgPool1d,
  AdaptiveAvgPool2d,
  AdaptiveMaxPool1d,
  AdaptiveMaxPool2d,
  LPPool1d,
  LPPool2d,
  MaxUnpool1d,
  MaxUnpool2d,
  MaxUnpool3d,
  MaxPool3d,
  AvgPool3d,
  AdaptiveAvgPool3d,
  AdaptiveMaxPool3d,
} from "./modules/pooling.js";
export {
  ConstantPad1d,
  ConstantPad2d,
  ConstantPad3d,
  ZeroPad2d,
  ReflectionPad1d,
  ReflectionPad2d,
  ReflectionPad3d,
  ReplicationPad1d,
  ReplicationPad2d,
  ReplicationPad3d,
} from "./modules/padding.js";
export { PixelShuffle, PixelUnshuffle } from "./modules/pixelshuffle.js";
export { Upsample, UpsamplingBilinear2d, UpsamplingNearest2d } from "./modules/upsampling.js";
export { Fold, Unfold } from "./modules/fold.js";
export {
  BatchNorm1d,
  BatchNorm2d,
  BatchNorm3d,
  GroupNorm,
  InstanceNorm1d,
  InstanceNorm2d,
  InstanceNorm3d,
  LayerNorm,
  LocalResponseNorm,
} from "./modules/normalization.js";
export { Embedding, EmbeddingBag, Bilinear } from "./modules/embedding.js";
export { MultiheadAttention } from "./modules/attention.js";
export {
  Transformer,
  TransformerEncoder,
  TransformerDecoder,
  TransformerEncoderLayer,
  TransformerDecoderLayer,
} from "./modules/transformer.js";
export {
  LazyLinear,
  LazyConv1d,
  LazyConv2d,
  LazyConv3d,
  LazyConvTranspose1d,
  LazyConvTranspose2d,
  LazyConvTranspose3d,
  LazyBatchNorm1d,
  LazyBatchNorm2d,
  LazyBatchNorm3d,
  LazyInstanceNorm1d,
  LazyInstanceNorm2d,
  LazyInstanceNorm3d,
} from "./modules/lazy.js";
export { RNNBase, RNN, LSTM, GRU } from "./modules/rnn.js";
export { RNNCellBase, RNNCell, LSTMCell, GRUCell } from "./modules/rnn_cells.js";
export {
  L1Loss,
  MSELoss,
  SmoothL1Loss,
  HuberLoss,
  BCELoss,
  BCEWithLogitsLoss,
  NLLLoss,
  CrossEntropyLoss,
  KLDivLoss,
  CTCLoss,
} from "./modules/loss.js";
export {
  SoftMarginLoss,
  MarginRankingLoss,
  HingeEmbeddingLoss,
  CosineEmbeddingLoss,
  MultiLabelSoftMarginLoss,
  PoissonNLLLoss,
  GaussianNLLLoss,
  TripletMarginLoss,
  TripletMarginWithDistanceLoss,
  MultiMarginLoss,
  MultiLabelMarginLoss,
} from "./modules/loss_margin.js";
export * as init from "../generated/nn_init.js";
export * as functional from "../generated/nn_functional.js";
export * as utils from "./utils.js";
export * as parallel from "./parallel.js";
