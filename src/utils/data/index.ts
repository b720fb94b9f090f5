// torch.utils.data: datasets, the DataLoader, default_collate and random_split.
import type { Generator } from "../../tensor/random.js";
import * as generated from "../../generated/utils_data.js";
import type { Collated, Converted } from "./collate.js";
import type { DatasetLike, Subset } from "./dataset.js";

export {
  Dataset,
  IterableDataset,
  TensorDataset,
  Subset,
  ConcatDataset,
  ChainDataset,
  type DatasetLike,
} from "./dataset.js";
export { WorkerInfo } from "./worker.js";
export { DataLoader, type DataLoaderOptions } from "./dataloader.js";
export {
  BatchSampler,
  RandomSampler,
  Sampler,
  SequentialSampler,
  SubsetRandomSampler,
  WeightedRandomSampler,
} from "./sampler.js";
export { type Collated, type Converted } from "./collate.js";

export const get_worker_info = generated.get_worker_info;
export const default_convert = generated.default_convert as (<T>(data: T) => Converted<T>) &
  typeof generated.default_convert;

// The generated callables, with a generic form first so that TypeScript follows the samples' types.
export const default_collate = generated.default_collate as (<T>(batch: readonly T[]) => Collated<T>) &
  typeof generated.default_collate;
export const random_split = generated.random_split as (<T>(
  dataset: DatasetLike<T>,
  lengths: readonly number[],
  generator?: Generator | null,
) => Subset<T>[]) &
  typeof generated.random_split;
