// Saving and loading state dicts in the safetensors format. torch.save/torch.load keep PyTorch's names
// but write and read safetensors files (no pickle), so their signatures are tensorgrad's own, as are the
// in-memory saveToBytes/loadFromBytes/metadataFromBytes.
import { registerPyType } from "../signatures/bind.js";
import { definePython } from "../signatures/registry.js";
import { toCpuDevice } from "../tensor/device.js";
import type { Tensor } from "../tensor/tensor.js";
import {
  load,
  loadFromBytes,
  metadataFromBytes,
  save,
  saveToBytes,
  type Metadata,
  type StateDict,
  type StateDictLike,
} from "./safetensors.js";

export { SafetensorError, type Metadata, type SaveOptions } from "./safetensors.js";

// The bytes of a file: a Uint8Array (Node's Buffer is one) or an ArrayBuffer.
registerPyType("bytes", (v) => v instanceof Uint8Array || v instanceof ArrayBuffer);
// A state dict (a dict or a Map of tensors), checked by the writer with safetensors' own messages;
// `dict | StateDictLike` keeps a plain object in first position a positional dict, not the options.
registerPyType("StateDictLike", () => true);

const stateDictOf = (obj: Record<string, unknown> | StateDictLike) => obj as StateDict | Map<string, Tensor>;

definePython("torch", {
  "save(obj: dict | StateDictLike, f: str, *, metadata: dict | None = None) -> Promise<void>": (
    obj,
    f,
    metadata,
  ) => save(stateDictOf(obj), f, { metadata: metadata as Metadata | null }),
  "load(f: str, map_location: device | None = None) -> Promise<Record<string, Tensor>>": (f, mapLocation) => {
    if (mapLocation !== null) toCpuDevice(mapLocation);
    return load(f);
  },
  "saveToBytes(obj: dict | StateDictLike, *, metadata: dict | None = None) -> Uint8Array": (obj, metadata) =>
    saveToBytes(stateDictOf(obj), { metadata: metadata as Metadata | null }),
  "loadFromBytes(data: bytes) -> Record<string, Tensor>": (data) => loadFromBytes(data),
  "metadataFromBytes(data: bytes) -> Record<string, string> | null": (data) => metadataFromBytes(data),
});
