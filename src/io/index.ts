// Saving and loading state dicts in the safetensors format.
export {
  save,
  load,
  saveToBytes,
  loadFromBytes,
  metadataFromBytes,
  SafetensorError,
  type SaveOptions,
  type Metadata,
} from "./safetensors.js";
