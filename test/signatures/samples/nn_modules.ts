// Signature-walk overrides for torch.nn's module constructors, and the cases tensorgrad cannot reproduce.
import type { SampleOverrides, Value } from "../calls.js";

const tanh: Value = { new: "torch.nn.Tanh", args: [] };
const noop: Value = { returns: null };

/** Class methods (class_calls.ts) whose parameters the generic samples don't fit: modules, callables, dicts. */
export const NN_MODULES_SAMPLES: SampleOverrides = {
  "torch.nn.Module.apply": { fn: { value: noop } },
  "torch.nn.Module.register_forward_hook": { hook: { value: noop } },
  "torch.nn.Module.register_forward_pre_hook": { hook: { value: noop } },
  "torch.nn.Module.register_backward_hook": { hook: { value: noop } },
  "torch.nn.Module.register_full_backward_hook": { hook: { value: noop } },
  "torch.nn.Module._register_state_dict_hook": { hook: { value: noop } },
  "torch.nn.Module._register_load_state_dict_pre_hook": { hook: { value: noop } },
  "torch.nn.Module.register_load_state_dict_post_hook": { hook: { value: noop } },
  // Part of BatchNorm1d(2)'s state: strict loading fails on the rest, strict=False loads it.
  "torch.nn.Module.load_state_dict": {
    state_dict: { value: { dict: { weight: { tensor: "f2" }, bias: { tensor: "f2" } } } },
  },
  // Without GPUs it fails on its device arguments before calling the module (test/nn/parallel.test.ts).
  "torch.nn.parallel.data_parallel": { module: { value: tanh }, inputs: { value: { tensor: "f3" } } },
  "torch.nn.Sequential.append": { module: { value: tanh } },
  "torch.nn.Sequential.insert": { module: { value: tanh } },
  "torch.nn.Sequential.extend": { sequential: { value: [tanh] } },
  "torch.nn.ModuleList.append": { module: { value: tanh } },
  "torch.nn.ModuleList.insert": { module: { value: tanh } },
  "torch.nn.ModuleList.extend": { modules: { value: [tanh] } },
  "torch.nn.ModuleDict.update": { modules: { value: { dict: { b: tanh } } } },
  "torch.nn.ModuleDict.pop": { key: { value: "a" } },
  // The layer a TransformerEncoder/Decoder deep-copies: a small one of its kind.
  "torch.nn.TransformerEncoder": {
    encoder_layer: { value: { new: "torch.nn.TransformerEncoderLayer", args: [2, 1] } },
  },
  "torch.nn.TransformerDecoder": {
    decoder_layer: { value: { new: "torch.nn.TransformerDecoderLayer", args: [2, 1] } },
  },
  "torch.nn.Transformer": { activation: { value: "relu", alt: "gelu" } },
  "torch.nn.TransformerEncoderLayer": { activation: { value: "relu", alt: "gelu" } },
  "torch.nn.TransformerDecoderLayer": { activation: { value: "relu", alt: "gelu" } },
  // MultiheadAttention(2, 1) on unbatched (L=2, E=2) input, without masks.
  "torch.nn.MultiheadAttention.forward": {
    query: { value: { tensor: "f22" } },
    key: { value: { tensor: "f22" } },
    value: { value: { tensor: "f22" } },
    key_padding_mask: { value: null, alt: null },
    attn_mask: { value: null, alt: null },
  },
};

// Module constructors are Python-level: PyTorch does not check their arguments' types (docs/signatures.md),
// tensorgrad checks each against its annotation when the module is built. A wrong type therefore fails in
// tensorgrad with "X.__init__(): argument 'name' (position n) must be T, not U" where PyTorch either
// accepts it or fails further in.
const UNCHECKED =
  "PyTorch stores this argument unchecked (the module fails only when it runs); tensorgrad checks its annotation when the module is built";
const SET_ORDER =
  "PyTorch's message prints a Python set, whose order changes from run to run (str hashing is randomized)";
const DICT_ARGUMENT =
  "JS cannot tell a dict argument from an options object: a plain object where the signature takes a dict is the dict (docs/signatures.md)";
const ODICT_VIEWS =
  "PyTorch returns an OrderedDict view (odict_keys([...])); JS has no such view: tensorgrad returns an array";

const NO_HALF =
  "tensorgrad has no float16 or bfloat16 tensors: Module.half() and bfloat16() raise a TypeError saying so";

/** Calls whose PyTorch outcome tensorgrad cannot reproduce, by case id, with the reason. */
export const NN_MODULES_EXCEPTIONS: Record<string, string> = {
  "torch.nn.ModuleDict/0/kw:modules": DICT_ARGUMENT,
  "torch.nn.ModuleDict/0/unknown-keyword": DICT_ARGUMENT,
  "torch.nn.ParameterDict/0/kw:parameters": DICT_ARGUMENT,
  "torch.nn.ParameterDict/0/unknown-keyword": DICT_ARGUMENT,
  "torch.nn.Conv1d/0/wrong-type:padding": SET_ORDER,
  "torch.nn.Conv1d/0/wrong-type:padding_mode": SET_ORDER,
  "torch.nn.Conv2d/0/wrong-type:padding": SET_ORDER,
  "torch.nn.Conv2d/0/wrong-type:padding_mode": SET_ORDER,
  "torch.nn.Conv3d/0/wrong-type:padding": SET_ORDER,
  "torch.nn.Conv3d/0/wrong-type:padding_mode": SET_ORDER,
  "torch.nn.LazyConv1d/0/wrong-type:padding": SET_ORDER,
  "torch.nn.LazyConv1d/0/wrong-type:padding_mode": SET_ORDER,
  "torch.nn.LazyConv2d/0/wrong-type:padding": SET_ORDER,
  "torch.nn.LazyConv2d/0/wrong-type:padding_mode": SET_ORDER,
  "torch.nn.LazyConv3d/0/wrong-type:padding": SET_ORDER,
  "torch.nn.LazyConv3d/0/wrong-type:padding_mode": SET_ORDER,
  // Class methods (class_calls.ts).
  "torch.nn.Module.load_state_dict/0/kw:state_dict": DICT_ARGUMENT,
  "torch.nn.Module.register_forward_hook/0/wrong-type:hook": UNCHECKED,
  "torch.nn.Module.register_forward_pre_hook/0/wrong-type:hook": UNCHECKED,
  "torch.nn.Module.register_backward_hook/0/wrong-type:hook": UNCHECKED,
  "torch.nn.Module.register_full_backward_hook/0/wrong-type:hook": UNCHECKED,
  "torch.nn.Module._register_state_dict_hook/0/wrong-type:hook": UNCHECKED,
  "torch.nn.Module._register_load_state_dict_pre_hook/0/wrong-type:hook": UNCHECKED,
  "torch.nn.Module.register_load_state_dict_post_hook/0/wrong-type:hook": UNCHECKED,
  "torch.nn.Module.half/0/base": NO_HALF,
  "torch.nn.Module.bfloat16/0/base": NO_HALF,
  "torch.nn.ModuleDict.update/0/kw:modules": DICT_ARGUMENT,
  "torch.nn.ModuleDict.keys/0/base": ODICT_VIEWS,
  "torch.nn.ModuleDict.values/0/base": ODICT_VIEWS,
  "torch.nn.ModuleDict.items/0/base": ODICT_VIEWS,
};
