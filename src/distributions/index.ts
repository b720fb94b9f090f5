// torch.distributions: Distribution, Normal, Categorical, Bernoulli, Uniform, kl_divergence, register_kl and
// constraints, as PyTorch 1.13 has them. Re-exports only.
export { Distribution } from "./distribution.js";
export { Normal } from "./normal.js";
export { Categorical } from "./categorical.js";
export { Bernoulli } from "./bernoulli.js";
export { Uniform } from "./uniform.js";
export { kl_divergence, register_kl } from "./kl.js";
export * as constraints from "./constraints.js";
