// torch.utils
import * as generatedCheckpoint from "../generated/utils_checkpoint.js";

export * as data from "./data/index.js";

type Outputs = import("../tensor/tensor.js").Tensor | readonly import("../tensor/tensor.js").Tensor[];

/** torch.utils.checkpoint, whose checkpoint() returns what the checkpointed function returns. */
export const checkpoint = {
  checkpoint: generatedCheckpoint.checkpoint as (<F extends (...args: never[]) => Outputs>(
    fn: F,
    ...args: Parameters<F> | [...Parameters<F>, { use_reentrant?: boolean; preserve_rng_state?: boolean }]
  ) => ReturnType<F>) &
    typeof generatedCheckpoint.checkpoint,
};
