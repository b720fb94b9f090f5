// Signature-walk overrides for torch.optim (optimizers, lr schedulers), torch.nn.utils' gradient clipping,
// torch.utils.data and torch.utils.checkpoint, and the cases tensorgrad cannot reproduce.
import type { SampleOverrides, Value } from "../calls.js";

/** What an optimizer optimizes: a list with one leaf that requires grad. */
const PARAMS: Value = [{ tensor: "f3", requires_grad: true }];
const SGD: Value = { new: "torch.optim.SGD", args: [PARAMS, 0.5] };
const SGD_MOMENTUM: Value = { new: "torch.optim.SGD", args: [PARAMS, 0.5, 0.75] };
const DATASET: Value = [0.5, 1.5, 2.5];

// PyTorch compares these with 0.0 (or 1.0) itself, so they are unannotated and would get None.
const RATE = { value: 0.5, alt: 0.25 };
const optimizer = (extra: SampleOverrides[string] = {}): SampleOverrides[string] => ({
  params: { value: PARAMS },
  lr: RATE,
  weight_decay: RATE,
  eps: RATE,
  ...extra,
});

const optimizerOf = (name: string, ...args: Value[]): Value => ({
  new: `torch.optim.${name}`,
  args: [PARAMS, ...args],
});
const schedulerOf = (name: string, ...args: Value[]): Value => ({
  new: `torch.optim.lr_scheduler.${name}`,
  args: [SGD, ...args],
});

/** The instances the walk calls the classes' methods on (test/signatures/class_calls.ts). */
export const OPTIM_INSTANCES: Record<string, Value> = {
  Optimizer: optimizerOf("SGD", 0.5),
  SGD: optimizerOf("SGD", 0.5, 0.75),
  Adam: optimizerOf("Adam"),
  AdamW: optimizerOf("AdamW"),
  RMSprop: optimizerOf("RMSprop"),
  Adagrad: optimizerOf("Adagrad"),
  _LRScheduler: schedulerOf("StepLR", 1),
  LambdaLR: schedulerOf("LambdaLR", { returns: 0.5 }),
  StepLR: schedulerOf("StepLR", 2),
  MultiStepLR: schedulerOf("MultiStepLR", [1, 3]),
  ExponentialLR: schedulerOf("ExponentialLR", 0.5),
  CosineAnnealingLR: schedulerOf("CosineAnnealingLR", 4),
  OneCycleLR: {
    new: "torch.optim.lr_scheduler.OneCycleLR",
    args: [SGD_MOMENTUM, 0.5],
    kwargs: { total_steps: 10 },
  },
  ReduceLROnPlateau: schedulerOf("ReduceLROnPlateau"),
};

/** A saved optimizer state to load: one group over one parameter. */
const OPTIMIZER_STATE: Value = {
  dict: { state: { dict: {} }, param_groups: [{ dict: { lr: 0.25, momentum: 0, params: [0] } }] },
};

export const OPTIM_DATA_SAMPLES: SampleOverrides = {
  "torch.optim.Optimizer.add_param_group": {
    param_group: { value: { dict: { params: [{ tensor: "f2", requires_grad: true }], lr: 0.25 } } },
  },
  "torch.optim.Optimizer.load_state_dict": { state_dict: { value: OPTIMIZER_STATE } },
  "torch.optim.lr_scheduler._LRScheduler.load_state_dict": {
    state_dict: { value: { dict: { last_epoch: 3, base_lrs: [0.25] } } },
  },
  "torch.optim.lr_scheduler.LambdaLR.load_state_dict": {
    state_dict: { value: { dict: { last_epoch: 3, lr_lambdas: [null] } } },
  },
  "torch.optim.lr_scheduler.ReduceLROnPlateau.load_state_dict": {
    state_dict: { value: { dict: { patience: 3, mode: "max" } } },
  },
  "torch.optim.lr_scheduler.ReduceLROnPlateau.step": {
    metrics: { value: 0.5, alt: 0.25 },
    epoch: { value: 2, alt: 3 },
  },
  "torch.optim.lr_scheduler._LRScheduler.print_lr": {
    is_verbose: { value: false, alt: true },
    group: { value: 0, alt: 1 },
    lr: { value: 0.5, alt: 0.25 },
  },
  "torch.optim.Optimizer": { params: { value: PARAMS }, defaults: { value: { dict: { lr: 0.5 } } } },
  "torch.optim.SGD": optimizer({ momentum: { value: 0.5, alt: 0.75 } }),
  "torch.optim.Adam": optimizer({ betas: { value: [0.5, 0.75], alt: [0.25, 0.5] } }),
  "torch.optim.AdamW": optimizer({ betas: { value: [0.5, 0.75], alt: [0.25, 0.5] } }),
  "torch.optim.RMSprop": optimizer({ alpha: RATE, momentum: { value: 0.5, alt: 0.75 } }),
  "torch.optim.Adagrad": optimizer({ lr_decay: RATE, initial_accumulator_value: RATE }),
  "torch.optim.lr_scheduler._LRScheduler": { optimizer: { value: SGD } },
  "torch.optim.lr_scheduler.StepLR": { optimizer: { value: SGD } },
  "torch.optim.lr_scheduler.MultiStepLR": { optimizer: { value: SGD } },
  "torch.optim.lr_scheduler.ExponentialLR": { optimizer: { value: SGD } },
  "torch.optim.lr_scheduler.CosineAnnealingLR": { optimizer: { value: SGD } },
  "torch.optim.lr_scheduler.LambdaLR": { optimizer: { value: SGD }, lr_lambda: { value: { returns: 0.5 } } },
  "torch.optim.lr_scheduler.OneCycleLR": {
    optimizer: { value: SGD_MOMENTUM },
    total_steps: { value: 10, alt: 10 },
    pct_start: { value: 0.25, alt: 0.25 },
    anneal_strategy: { value: "cos", alt: "linear" },
  },
  "torch.optim.lr_scheduler.ReduceLROnPlateau": {
    optimizer: { value: SGD },
    mode: { value: "min", alt: "max" },
    factor: RATE,
    threshold_mode: { value: "rel", alt: "abs" },
  },
  "torch.nn.utils.clip_grad_norm_": {
    parameters: { value: PARAMS },
    max_norm: { value: 1.5 },
    norm_type: { value: 2, alt: 1 },
  },
  "torch.nn.utils.clip_grad_value_": { parameters: { value: PARAMS }, clip_value: { value: 0.5 } },
  "torch.utils.data.Subset": { dataset: { value: DATASET }, indices: { value: [2, 0] } },
  "torch.utils.data.DataLoader": {
    dataset: { value: DATASET },
    batch_size: { value: 1, alt: 2 },
    num_workers: { value: 0, alt: 2 },
    drop_last: { value: false, alt: true },
    timeout: { value: 0, alt: 1.5 },
  },
  "torch.utils.data.random_split": { dataset: { value: DATASET }, lengths: { value: [1, 2] } },
  "torch.utils.data.default_collate": { batch: { value: DATASET } },
  "torch.utils.checkpoint.checkpoint": { function: { value: { returns: { tensor: "f3" } } } },
};

// Arguments PyTorch stores without looking at them (or only tests for truth) are annotated here, so a
// wrong type fails when the object is built, naming the argument (docs/signatures.md).
const NOT_DIFFERENTIABLE =
  "not implemented: tensorgrad's Adam and RMSprop cannot differentiate through step() (differentiable=True raises NotImplementedError)";
const DICT_ARGUMENT =
  "JS cannot tell a dict argument (Optimizer's defaults, a param_group, a state_dict) from an options object: a plain object there is the dict (docs/signatures.md)";

/** Calls whose PyTorch outcome tensorgrad cannot reproduce, by case id, with the reason. */
export const OPTIM_DATA_EXCEPTIONS: Record<string, string> = {
  "torch.optim.Optimizer/0/kw:defaults": DICT_ARGUMENT,
  "torch.optim.Optimizer.add_param_group/0/kw:param_group": DICT_ARGUMENT,
  "torch.optim.Optimizer.load_state_dict/0/kw:state_dict": DICT_ARGUMENT,
  "torch.optim.lr_scheduler.LambdaLR.load_state_dict/0/kw:state_dict": DICT_ARGUMENT,
  "torch.optim.Adam/0/kw:differentiable": NOT_DIFFERENTIABLE,
  "torch.optim.RMSprop/0/kw:differentiable": NOT_DIFFERENTIABLE,
  "torch.optim.RMSprop/0/all-positional": NOT_DIFFERENTIABLE,
  "torch.utils.data.default_convert/0/kw:data": DICT_ARGUMENT,
};
