// Signature-walk overrides for torch.nn.utils' weight_norm, spectral_norm, orthogonal and parametrize functions: each
// takes a module (a Linear(3, 2), whose `weight` they reparametrize), not the generic None.
import type { SampleOverrides, Value } from "../calls.js";

const linear: Value = { new: "torch.nn.Linear", args: [3, 2] };
const identity: Value = { new: "torch.nn.Identity", args: [] };
const onModule = { module: { value: linear } };

export const NN_UTILS_NORM_SAMPLES: SampleOverrides = {
  "torch.nn.utils.weight_norm": onModule,
  "torch.nn.utils.remove_weight_norm": onModule,
  "torch.nn.utils.spectral_norm": onModule,
  "torch.nn.utils.remove_spectral_norm": onModule,
  "torch.nn.utils.parametrizations.spectral_norm": onModule,
  "torch.nn.utils.parametrizations.orthogonal": onModule,
  "torch.nn.utils.parametrize.is_parametrized": onModule,
  "torch.nn.utils.parametrize.remove_parametrizations": { ...onModule, tensor_name: { value: "weight" } },
  "torch.nn.utils.parametrize.register_parametrization": {
    ...onModule,
    tensor_name: { value: "weight" },
    parametrization: { value: identity },
  },
};

const CONTEXT_MANAGER =
  "a JS adaptation of a Python context manager (`with parametrize.cached(): body` is `parametrize.cached(() => body)`): PyTorch's takes no callback";

/** parametrize.cached's walk: every case is the JS adaptation's. */
export const NN_UTILS_NORM_EXCEPTIONS: Record<string, string> = Object.fromEntries(
  ["base", "extra-positional", "kw:func", "missing", "wrong-type:func"].map((c) => [
    `torch.nn.utils.parametrize.cached/0/${c}`,
    CONTEXT_MANAGER,
  ]),
);
