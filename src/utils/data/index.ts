// torch.utils.data: datasets, samplers' permutations and the DataLoader.
export { Dataset, TensorDataset, Subset, random_split, type DatasetLike } from "./dataset.js";
export { AssertionError } from "../../errors.js";
export { DataLoader, type DataLoaderOptions } from "./dataloader.js";
export { default_collate, type Collated } from "./collate.js";
export { randperm, type RandpermOptions } from "./randperm.js";
