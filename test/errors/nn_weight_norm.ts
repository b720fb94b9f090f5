// torch.nn.utils.weight_norm and spectral_norm given bad input: a second hook on the same parameter, removing
// one that is not there, a missing attribute, and a non-positive number of power iterations.
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const U = torch.nn.utils;
const lin = () => new torch.nn.Linear(3, 2);

export const NN_WEIGHT_NORM_ERRORS: ErrorTable = {
  setup: `
from torch.nn.utils import weight_norm, remove_weight_norm, spectral_norm, remove_spectral_norm
def lin():
    return nn.Linear(3, 2)
`,
  rows: [
    { py: "weight_norm(weight_norm(lin()))", ts: () => U.weight_norm(U.weight_norm(lin())) },
    { py: "remove_weight_norm(lin())", ts: () => U.remove_weight_norm(lin()) },
    {
      py: "remove_weight_norm(weight_norm(lin()), 'bias')",
      ts: () => U.remove_weight_norm(U.weight_norm(lin()), "bias"),
    },
    { py: "weight_norm(lin(), 'kernel')", ts: () => U.weight_norm(lin(), "kernel") },
    { py: "spectral_norm(spectral_norm(lin()))", ts: () => U.spectral_norm(U.spectral_norm(lin())) },
    { py: "remove_spectral_norm(lin())", ts: () => U.remove_spectral_norm(lin()) },
    {
      py: "spectral_norm(lin(), n_power_iterations=0)",
      ts: () => U.spectral_norm(lin(), { n_power_iterations: 0 }),
    },
    {
      py: "remove_spectral_norm(weight_norm(lin()))",
      ts: () => U.remove_spectral_norm(U.weight_norm(lin())),
    },
  ],
};
