// torch.nn.parallel: DataParallel and its functional form, as PyTorch runs them without GPUs.
export { data_parallel } from "../generated/nn_parallel.js";
export { DataParallel } from "./data_parallel.js";
