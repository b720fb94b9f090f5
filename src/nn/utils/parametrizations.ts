// torch.nn.utils.parametrizations (PyTorch 1.13's torch/nn/utils/parametrizations.py): spectral_norm as a
// parametrization (src/nn/utils/parametrize.ts), whose _SpectralNorm module keeps u and v as buffers, starts
// them with 15 power iterations from the default generator (so numbers match after manual_seed), and runs
// n_power_iterations more per access in training; and orthogonal, whose _Orthogonal module maps a matrix (or
// batch) to an orthogonal one by matrix_exp or the Cayley map of a skew-symmetric matrix, or by a product of
// Householder reflectors (geqrf / householder_product), with the dynamic trivialization's `base` buffer.
import { no_grad } from "../../autograd/grad_mode.js";
import { IndexError, NotImplementedError, ValueError } from "../../errors.js";
import { cat } from "../../ops/join.js";
import { geqrf, linalg_householder_product } from "../../ops/linalg_householder.js";
import { eye } from "../../ops/linalg_common.js";
import { linalg_solve } from "../../ops/linalg_lu.js";
import { linalg_matrix_exp } from "../../ops/linalg_norms.js";
import { allclose } from "../../ops/math_pointwise.js";
import { normalize } from "../../ops/nn_distance.js";
import { definePython, publicFunction } from "../../signatures/registry.js";
import { empty, zeros, zeros_like } from "../../tensor/creation.js";
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

// ---- orthogonal ----

type OrthMap = "matrix_exp" | "cayley" | "householder";

/** _is_orthogonal: Q^H Q is the identity to 10 n eps. */
function isOrthogonal(Q: Tensor): boolean {
  const [n, k] = Q.shape.slice(-2);
  const eps = 10 * n * (Q.dtype.name === "float64" ? 2 ** -52 : 2 ** -23);
  return allclose(Q.mT.matmul(Q), eye(k, Q.dtype), 1e-5, eps);
}

/** _make_orthogonal: Q of A = QR with R's diagonal non-negative (A tall; real, so sgn is sign). */
function makeOrthogonal(A: Tensor): Tensor {
  const [X, tau] = geqrf(A);
  const Q = linalg_householder_product(X, tau);
  return Q.mul(X.diagonal(0, -2, -1).sign().unsqueeze(-2));
}

class _Orthogonal extends Module {
  readonly shape: number[];
  readonly orthogonal_map: OrthMap;
  /** PyTorch's hasattr(self, "base"): the buffer exists (None until right_inverse) with use_trivialization. */
  private readonly trivialization: boolean;
  declare base: Tensor | null;

  constructor(weight: Tensor, orthogonal_map: OrthMap, use_trivialization = true) {
    super();
    this.shape = [...weight.shape];
    this.orthogonal_map = orthogonal_map;
    this.trivialization = use_trivialization;
    if (use_trivialization) this.register_buffer("base", null);
  }

  forward(input: Tensor): Tensor {
    let X = input;
    let [n, k] = X.shape.slice(-2);
    const transposed = n < k;
    if (transposed) {
      X = X.mT;
      [n, k] = [k, n];
    }
    let Q: Tensor;
    if (this.orthogonal_map === "matrix_exp" || this.orthogonal_map === "cayley") {
      X = X.tril();
      if (n !== k) {
        const pad = zeros([n, n - k], { dtype: X.dtype }).expand([...X.shape.slice(0, -2), -1, -1]);
        X = cat([X, pad], -1);
      }
      const A = X.sub(X.mT);
      if (this.orthogonal_map === "matrix_exp") Q = linalg_matrix_exp(A);
      else {
        const Id = eye(n, A.dtype);
        Q = linalg_solve(Id.add(A, { alpha: -0.5 }), Id.add(A, { alpha: 0.5 }));
      }
      if (n !== k) Q = Q.narrow(-1, 0, k);
    } else {
      const A = X.tril(-1);
      const tau = A.mul(A).sum(-2).add(1).reciprocal().mul(2);
      Q = linalg_householder_product(A, tau);
      Q = Q.mul(X.diagonal(0, -2, -1).int().unsqueeze(-2));
    }
    if (this.trivialization) Q = (this.base as Tensor).matmul(Q);
    return transposed ? Q.mT : Q;
  }

  right_inverse(input: Tensor): Tensor {
    return no_grad(() => this.rightInverse(input));
  }

  private rightInverse(input: Tensor): Tensor {
    if (!sameShape(input.shape, this.shape))
      throw new ValueError(
        `Expected a matrix or batch of matrices of shape ${sizeRepr(this.shape)}. Got a tensor of shape ${sizeRepr(input.shape)}.`,
      );
    let Q = input;
    let [n, k] = Q.shape.slice(-2);
    const transpose = n < k;
    if (transpose) {
      Q = Q.mT;
      [n, k] = [k, n];
    }
    if (!this.trivialization) {
      if (this.orthogonal_map === "cayley" || this.orthogonal_map === "matrix_exp")
        throw new NotImplementedError(
          "It is not possible to assign to the matrix exponential or the Cayley parametrizations when use_trivialization=False.",
        );
      const [A, tau] = geqrf(Q);
      // diag(A) := sign(diag(A)), negated where LAPACK used no reflection (tau == 0).
      const d = A.diagonal(0, -2, -1);
      d.sign_();
      d.copy_(d.mul(tau.eq(0).to(d.dtype).mul(-2).add(1)));
      return transpose ? A.mT : A;
    }
    if (n === k) Q = isOrthogonal(Q) ? Q.clone() : makeOrthogonal(Q);
    else {
      const N = empty([...Q.shape.slice(0, -2), n, n - k], { dtype: Q.dtype }).normal_(0, 1);
      Q = makeOrthogonal(cat([Q, N], -1));
    }
    this.base = Q;
    const negId = zeros_like(input);
    negId.diagonal(0, -2, -1).fill_(-1);
    return negId;
  }
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);
const sizeRepr = (shape: readonly number[]) => `torch.Size([${shape.join(", ")}])`;

/** parametrizations.orthogonal(module, name='weight', orthogonal_map=None, *, use_trivialization=True). */
function orthogonalParametrization<M extends Module>(
  module: M,
  name = "weight",
  orthogonal_map: string | null = null,
  use_trivialization = true,
): M {
  const weight = (module as unknown as Record<string, unknown>)[name];
  if (!(weight instanceof Tensor))
    throw new ValueError(`Module '${module.toString()}' has no parameter or buffer with name '${name}'`);
  if (weight.ndim < 2)
    throw new ValueError(
      `Expected a matrix or batch of matrices. Got a tensor of ${weight.ndim} dimensions.`,
    );
  const [m, n] = weight.shape.slice(-2);
  const map = orthogonal_map ?? (m === n || weight.dtype.is_complex ? "matrix_exp" : "householder");
  if (map !== "matrix_exp" && map !== "cayley" && map !== "householder")
    throw new ValueError(
      `orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: ${orthogonal_map}`,
    );
  if (weight.dtype.is_complex && map === "householder")
    throw new ValueError("The householder parametrization does not support complex tensors.");
  const orth = new _Orthogonal(weight, map, use_trivialization);
  return register_parametrization(module, name, orth, { unsafe: true });
}

const NS = "torch.nn.utils.parametrizations";
definePython(NS, {
  "orthogonal(module: Module, name: str = 'weight', orthogonal_map: str | None = None, *, use_trivialization: bool = True) -> Module":
    orthogonalParametrization,
  "spectral_norm(module: Module, name: str = 'weight', n_power_iterations: int = 1, eps: float = 1e-12, dim: int | None = None) -> Module":
    spectralNorm,
});

export const spectral_norm = publicFunction(NS, "spectral_norm") as <M extends Module>(
  module: M,
  name?: string | { name?: string; n_power_iterations?: number; eps?: number; dim?: number | null },
  ...rest: unknown[]
) => M;

export const orthogonal = publicFunction(NS, "orthogonal") as <M extends Module>(
  module: M,
  name?:
    | string
    | {
        name?: string;
        orthogonal_map?: "matrix_exp" | "cayley" | "householder" | null;
        use_trivialization?: boolean;
      },
  ...rest: unknown[]
) => M;
