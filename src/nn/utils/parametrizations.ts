// torch.nn.utils.parametrizations (PyTorch 1.13's torch/nn/utils/parametrizations.py): spectral_norm as a
// parametrization (src/nn/utils/parametrize.ts), whose _SpectralNorm module keeps u and v as buffers, starts
// them with 15 power iterations from the default generator (so numbers match after manual_seed), and runs
// n_power_iterations more per access in training. orthogonal is not implemented yet.
import { no_grad } from "../../autograd/grad_mode.js";
import { IndexError, ValueError } from "../../errors.js";
import { normalize } from "../../ops/nn_distance.js";
import { definePython, publicFunction } from "../../signatures/registry.js";
import { empty } from "../../tensor/creation.js";
import { Tensor } from "../../tensor/tensor.js";
import { ConvTranspose1d, ConvTranspose2d } from "../modules/conv.js";
import { Module } from "../module.js";
import { register_parametrization } from "./parametrize.js";

/** The parametrization: weight / sigma, sigma estimated by power iteration (weight normalized when 1-D). */
class _SpectralNorm extends Module {
  readonly dim: number;
  readonly eps: number;
  readonly n_power_iterations: number = 0;
  declare _u: Tensor;
  declare _v: Tensor;

  constructor(weight: Tensor, n_power_iterations = 1, dim = 0, eps = 1e-12) {
    super();
    const ndim = weight.ndim;
    if (dim >= ndim || dim < -ndim)
      throw new IndexError(
        `Dimension out of range (expected to be in range of [-${ndim}, ${ndim - 1}] but got ${dim})`,
      );
    if (n_power_iterations <= 0)
      throw new ValueError(
        `Expected n_power_iterations to be positive, but got n_power_iterations=${n_power_iterations}`,
      );
    this.dim = dim >= 0 ? dim : dim + ndim;
    this.eps = eps;
    if (ndim > 1) {
      this.n_power_iterations = n_power_iterations;
      const mat = this.toMatrix(weight);
      const [h, w] = mat.shape;
      const u = empty([h], { dtype: mat.dtype }).normal_(0, 1);
      const v = empty([w], { dtype: mat.dtype }).normal_(0, 1);
      this.register_buffer("_u", normalize(u, 2, 0, this.eps));
      this.register_buffer("_v", normalize(v, 2, 0, this.eps));
      this.powerMethod(mat, 15);
    }
  }

  private toMatrix(weight: Tensor): Tensor {
    let w = weight;
    if (this.dim !== 0) {
      const rest = Array.from({ length: w.ndim }, (_, d) => d).filter((d) => d !== this.dim);
      w = w.permute(this.dim, ...rest);
    }
    return w.flatten(1);
  }

  private powerMethod(mat: Tensor, iterations: number): void {
    no_grad(() => {
      for (let i = 0; i < iterations; i++) {
        this._u = normalize(mat.mv(this._v), 2, 0, this.eps, this._u);
        this._v = normalize(mat.t().mv(this._u), 2, 0, this.eps, this._v);
      }
    });
  }

  forward(weight: Tensor): Tensor {
    if (weight.ndim === 1) return normalize(weight, 2, 0, this.eps);
    const mat = this.toMatrix(weight);
    if (this.training) this.powerMethod(mat, this.n_power_iterations);
    const u = this._u.clone();
    const v = this._v.clone();
    const sigma = u.dot(mat.mv(v));
    return weight.div(sigma);
  }

  right_inverse(value: Tensor): Tensor {
    return value;
  }
}

/** parametrizations.spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None). */
function spectralNorm<M extends Module>(
  module: M,
  name = "weight",
  n_power_iterations = 1,
  eps = 1e-12,
  dim: number | null = null,
): M {
  const weight = (module as unknown as Record<string, unknown>)[name];
  if (!(weight instanceof Tensor))
    throw new ValueError(`Module '${module.toString()}' has no parameter or buffer with name '${name}'`);
  const d = dim ?? (module instanceof ConvTranspose1d || module instanceof ConvTranspose2d ? 1 : 0);
  return register_parametrization(module, name, new _SpectralNorm(weight, n_power_iterations, d, eps));
}

const NS = "torch.nn.utils.parametrizations";
definePython(NS, {
  "spectral_norm(module: Module, name: str = 'weight', n_power_iterations: int = 1, eps: float = 1e-12, dim: int | None = None) -> Module":
    spectralNorm,
});

export const spectral_norm = publicFunction(NS, "spectral_norm") as <M extends Module>(
  module: M,
  name?: string | { name?: string; n_power_iterations?: number; eps?: number; dim?: number | null },
  ...rest: unknown[]
) => M;
