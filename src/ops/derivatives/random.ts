// Derivatives of src/ops/random.ts's ops: a random draw depends on nothing differentiable, so every formula
// gives zeros (derivatives.yaml's rows for uniform_, normal_, normal, bernoulli, bernoulli_ and poisson).
import { derivative } from "../../autograd/derivative.js";
import { filled, zeros_like } from "../../tensor/creation.js";

export const RANDOM_DERIVATIVES = {
  UniformBackward0: derivative<object>({ self: ["zeros_like(grad)", (g) => zeros_like(g)] }),
  NormalBackward0: derivative<object>({ self: ["zeros_like(grad)", (g) => zeros_like(g)] }),
  NormalBackward1: derivative<{ meanShape: readonly number[] }>({
    mean: ["at::zeros(mean.sizes(), grad.options())", (g, s) => filled(s.meanShape, g.dtype, 0)],
  }),
  NormalBackward2: derivative<{ stdShape: readonly number[] }>({
    std: ["at::zeros(std.sizes(), grad.options())", (g, s) => filled(s.stdShape, g.dtype, 0)],
  }),
  NormalBackward3: derivative<{ meanShape: readonly number[]; stdShape: readonly number[] }>({
    mean: ["at::zeros(mean.sizes(), grad.options())", (g, s) => filled(s.meanShape, g.dtype, 0)],
    std: ["at::zeros(std.sizes(), grad.options())", (g, s) => filled(s.stdShape, g.dtype, 0)],
  }),
  BernoulliBackward0: derivative<object>({ self: ["zeros_like(grad)", (g) => zeros_like(g)] }),
  // p's gradient is zeros of p itself: the engine casts and sums it back to p's dtype and shape.
  BernoulliBackward1: derivative<object>({
    self: ["zeros_like(grad)", (g) => zeros_like(g)],
    p: ["zeros_like(p)", (g) => zeros_like(g)],
  }),
  BernoulliBackward2: derivative<object>({ self: ["zeros_like(grad)", (g) => zeros_like(g)] }),
  PoissonBackward0: derivative<object>({ self: ["zeros_like(self)", (g) => zeros_like(g)] }),
};
