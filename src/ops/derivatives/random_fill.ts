// Derivative rows of src/ops/random_fill.ts: a random fill's values depend on nothing (derivatives.yaml's
// zeros_like(grad) for random_, exponential_, geometric_, log_normal_ and cauchy_).
import { derivative } from "../../autograd/derivative.js";
import { zeros_like } from "../../tensor/creation.js";

const zeroRow = () => derivative<object>({ self: ["zeros_like(grad)", (g) => zeros_like(g)] });

export const RANDOM_FILL_DERIVATIVES = {
  RandomBackward0: zeroRow(),
  RandomBackward1: zeroRow(),
  RandomBackward2: zeroRow(),
  ExponentialBackward0: zeroRow(),
  GeometricBackward0: zeroRow(),
  LogNormalBackward0: zeroRow(),
  CauchyBackward0: zeroRow(),
};
