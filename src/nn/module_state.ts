// Module.state_dict and Module.load_state_dict as PyTorch 1.13 writes them (torch/nn/modules/module.py's
// state_dict, _save_to_state_dict, load_state_dict, _load_from_state_dict): module by module, with version
// metadata, state_dict hooks, load pre- and post-hooks, extra state, and the error texts word for word.
import { no_grad } from "../autograd/grad_mode.js";
import { AssertionError, RuntimeError } from "../errors.js";
import { writeInto } from "../ops/core.js";
import { select } from "../ops/shape.js";
import { isPlainObject } from "../signatures/bind.js";
import { detach, Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import type { Module } from "./module.js";
import { typename } from "./module_utils.js";

/** The version metadata PyTorch attaches to a state dict: per module path, `{ version }`. */
export type StateDictMetadata = Map<string, { version?: number }>;

/** What load_state_dict returns: PyTorch's _IncompatibleKeys, a named pair [missing_keys, unexpected_keys]. */
export class LoadResult extends Array<string[]> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(missing_keys: string[], unexpected_keys: string[]) {
    super();
    this.push(missing_keys, unexpected_keys);
  }

  get missing_keys(): string[] {
    return this[0];
  }

  get unexpected_keys(): string[] {
    return this[1];
  }

  override toString(): string {
    if (this[0].length === 0 && this[1].length === 0) return "<All keys matched successfully>";
    const list = (keys: string[]) => `[${keys.map((k) => `'${k}'`).join(", ")}]`;
    return `_IncompatibleKeys(missing_keys=${list(this[0])}, unexpected_keys=${list(this[1])})`;
  }
}

export const EXTRA_STATE_KEY_SUFFIX = "_extra_state";

/** The metadata of a state dict (PyTorch's `state_dict._metadata`), if it has one. */
export function metadataOf(stateDict: object): StateDictMetadata | undefined {
  return (stateDict as { _metadata?: StateDictMetadata })._metadata;
}

/** A fresh destination: a plain object carrying `_metadata`, not enumerated, as PyTorch's OrderedDict carries it. */
export function newStateDict(): Record<string, unknown> {
  const out = {};
  Object.defineProperty(out, "_metadata", { value: new Map(), enumerable: false, writable: true });
  return out;
}

/** Module.state_dict's arguments, from PyTorch's deprecated positional form state_dict(destination, prefix, keep_vars) too. */
export function stateDictArgs(
  positional: unknown[],
  destination: Record<string, unknown> | null,
  prefix: string,
  keepVars: boolean,
): [Record<string, unknown> | null, string, boolean] {
  if (positional.length > 0) {
    if (destination === null) destination = positional[0] as Record<string, unknown>;
    if (positional.length > 1 && prefix === "") prefix = positional[1] as string;
    if (positional.length > 2 && keepVars === false) keepVars = positional[2] as boolean;
    emitWarning(
      "Positional args are being deprecated, use kwargs instead. Refer to https://pytorch.org/docs/master/generated/torch.nn.Module.html#torch.nn.Module.state_dict for details.",
    );
  }
  return [destination, prefix, keepVars];
}

/** Module.state_dict(destination=..., prefix=..., keep_vars=...) once its arguments are parsed. */
export function saveStateDict(
  module: Module,
  destination: Record<string, unknown> | null,
  prefix: string,
  keepVars: boolean,
): Record<string, unknown> {
  // PyTorch writes into any mapping it is given: anything else fails at the first item.
  if (destination !== null && !isPlainObject(destination))
    throw new TypeError(`'${typename(destination)}' object does not support item assignment`);
  let out = destination ?? newStateDict();
  const localMetadata = { version: module._version };
  metadataOf(out)?.set(prefix.slice(0, -1), localMetadata);
  for (const [name, p] of module._ownParameters()) out[prefix + name] = keepVars ? p : detach(p);
  for (const [name, b] of module._ownBuffers())
    if (!module._nonPersistent.has(name)) out[prefix + name] = keepVars ? b : detach(b);
  if (module._hasExtraState("get_extra_state"))
    out[prefix + EXTRA_STATE_KEY_SUFFIX] = module.get_extra_state();
  for (const [name, child] of module._childEntries())
    if (child !== null) saveStateDict(child, out, `${prefix}${name}.`, keepVars);
  for (const hook of module._stateDictHooks.values()) {
    const result = hook(module, out, prefix, localMetadata);
    if (result !== undefined && result !== null) out = result as Record<string, unknown>;
  }
  return out;
}

/** Module.load_state_dict(state_dict, strict) once its arguments are parsed. */
export function loadStateDict(root: Module, stateDict: unknown, strict: boolean): LoadResult {
  if (!(stateDict instanceof Map) && !isPlainObject(stateDict))
    throw new TypeError(`Expected state_dict to be dict-like, got <class '${typename(stateDict)}'>.`);
  const metadata = metadataOf(stateDict as object);
  // A copy (PyTorch loads from an OrderedDict of its own), which modules may complete for older formats.
  const incoming: Record<string, unknown> =
    stateDict instanceof Map ? Object.fromEntries(stateDict) : { ...(stateDict as Record<string, unknown>) };
  const missing: string[] = [];
  const unexpected: string[] = [];
  const errors: string[] = [];
  const load = (module: Module, local: Record<string, unknown>, prefix: string) => {
    const localMetadata = metadata?.get(prefix.slice(0, -1)) ?? {};
    loadFromStateDict(module, local, prefix, localMetadata, missing, unexpected, errors);
    for (const [name, child] of module._childEntries()) {
      if (child === null) continue;
      const childPrefix = `${prefix}${name}.`;
      const childState: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(local)) if (k.startsWith(childPrefix)) childState[k] = v;
      load(child, childState, childPrefix);
    }
    const incompatible = new LoadResult(missing, unexpected);
    for (const hook of module._loadStateDictPostHooks.values()) {
      const out = hook(module, incompatible);
      if (out !== undefined && out !== null)
        throw new AssertionError(
          "Hooks registered with ``register_load_state_dict_post_hook`` are notexpected to return new values, if incompatible_keys need to be modified,it should be done inplace.",
        );
    }
  };
  load(root, incoming, "");
  if (strict) {
    if (unexpected.length)
      errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}. `);
    if (missing.length)
      errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}. `);
  }
  if (errors.length)
    throw new RuntimeError(
      `Error(s) in loading state_dict for ${root.constructor.name}:\n\t${errors.join("\n\t")}`,
    );
  return new LoadResult(missing, unexpected);
}

const size = (shape: readonly number[]) => `torch.Size([${shape.join(", ")}])`;

/** Module._load_from_state_dict: copies this module's own entries (PyTorch copies each as it goes). */
function loadFromStateDict(
  module: Module,
  stateDict: Record<string, unknown>,
  prefix: string,
  localMetadata: { version?: number },
  missing: string[],
  unexpected: string[],
  errors: string[],
): void {
  for (const hook of module._loadStateDictPreHooks.values())
    hook(stateDict, prefix, localMetadata, true, missing, unexpected, errors);
  // What a module's own _load_from_state_dict does for older versions (BatchNorm's num_batches_tracked).
  if (localMetadata.version === undefined || localMetadata.version < module._version)
    module._upgradeStateDict(stateDict, prefix);
  const local = new Map<string, Tensor>(module._ownParameters());
  for (const [name, b] of module._ownBuffers()) if (!module._nonPersistent.has(name)) local.set(name, b);
  for (const [name, param] of local) {
    const key = prefix + name;
    if (!(key in stateDict)) {
      missing.push(key);
      continue;
    }
    let input = stateDict[key];
    if (!(input instanceof Tensor)) {
      errors.push(
        `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received <class '${typename(input)}'>`,
      );
      continue;
    }
    if (param.ndim === 0 && input.ndim === 1) input = select(input, 0, 0);
    const src = input as Tensor;
    if (src.shape.join() !== param.shape.join() || src.ndim !== param.ndim) {
      errors.push(
        `size mismatch for ${key}: copying a param with shape ${size(src.shape)} from checkpoint, the shape in current model is ${size(param.shape)}.`,
      );
      continue;
    }
    try {
      no_grad(() => writeInto(param, src));
    } catch (e) {
      errors.push(
        `While copying the parameter named "${key}", whose dimensions in the model are ${size(param.shape)} and whose dimensions in the checkpoint are ${size(src.shape)}, an exception occurred : ('${(e as Error).message}',).`,
      );
    }
  }
  const extraKey = prefix + EXTRA_STATE_KEY_SUFFIX;
  if (module._hasExtraState("set_extra_state")) {
    if (extraKey in stateDict) module.set_extra_state(stateDict[extraKey]);
    else missing.push(extraKey);
  } else if (extraKey in stateDict) unexpected.push(extraKey);
  const children = new Set(module._childEntries().map(([n]) => n));
  for (const key of Object.keys(stateDict)) {
    if (!key.startsWith(prefix) || key === extraKey) continue;
    const name = key.slice(prefix.length).split(".", 1)[0]!;
    if (!children.has(name) && !local.has(name)) unexpected.push(key);
  }
}
