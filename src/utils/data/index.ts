// torch.utils.data: datasets, the DataLoader, default_collate and random_split.
import type { Generator } from "../../tensor/random.js";
import * as generated from "../../generated/utils_data.js";
import type { Collated } from "./collate.js";
import type { DatasetLike, Subset } from "./dataset.js";

export { Dataset, TensorDataset, Subset, type DatasetLike } from "./dataset.js";
export { DataLoader, type DataLoaderOptions } from "./dataloader.js";
export { type Collated } from "./collate.js";

// The generated callables, with a generic form first so that TypeScript follows the samples' types.
export const default_collate = generated.default_collate as (<T>(batch: readonly T[]) => Collated<T>) &
  typeof generated.default_collate;
export const random_split = generated.random_split as (<T>(
  dataset: DatasetLike<T>,
  lengths: readonly number[],
  generator?: Generator | null,
) => Subset<T>[]) &
  typeof generated.random_split;
