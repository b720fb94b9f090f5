// torch.nn.utils.spectral_norm / remove_spectral_norm (PyTorch 1.13's torch/nn/utils/spectral_norm.py): the
// weight divided by its largest singular value, estimated by power iteration on the buffers name_u and name_v
// (initialised from the default generator, as PyTorch does, so numbers match after manual_seed); one iteration
// per forward in training mode. The state-dict hooks that write the version entry of _metadata are not kept.
import { no_grad } from "../../autograd/grad_mode.js";
import { KeyError, RuntimeError, ValueError } from "../../errors.js";
import { pyRepr } from "../../python.js";
import { normalize } from "../../ops/nn_distance.js";
import { definePython } from "../../signatures/registry.js";
import { empty } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { ConvTranspose1d, ConvTranspose2d } from "../modules/conv.js";
import type { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import { attr, hooksOf } from "./weight_norm.js";

const set = (module: Module, name: string, value: unknown) => {
  (module as unknown as Record<string, unknown>)[name] = value;
};

/** SpectralNorm.reshape_weight_to_matrix: `dim` first, the rest flattened. */
function toMatrix(weight: Tensor, dim: number): Tensor {
  let mat = weight;
  if (dim !== 0) {
    const rest = Array.from({ length: mat.ndim }, (_, d) => d).filter((d) => d !== dim);
    mat = mat.permute(dim, ...rest);
  }
  return mat.reshape(mat.shape[0], -1);
}

interface Options {
  name: string;
  iterations: number;
  dim: number;
  eps: number;
}

/** SpectralNorm.compute_weight: power iteration into the buffers (in training), then weight / (u . W v). */
function computeWeight(module: Module, o: Options, doPowerIteration: boolean): Tensor {
  const weight = attr(module, `${o.name}_orig`);
  let u = attr(module, `${o.name}_u`);
  let v = attr(module, `${o.name}_v`);
  const mat = toMatrix(weight, o.dim);
  if (doPowerIteration) {
    no_grad(() => {
      for (let i = 0; i < o.iterations; i++) {
        v = normalize(mat.t().mv(u), 2, 0, o.eps, v);
        u = normalize(mat.mv(v), 2, 0, o.eps, u);
      }
      if (o.iterations > 0) {
        u = u.clone();
        v = v.clone();
      }
    });
  }
  const sigma = u.dot(mat.mv(v));
  return weight.div(sigma);
}

/**
 * spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None): dim defaults to 1 for the
 * transposed convolutions, 0 otherwise.
 */
export function spectral_norm<M extends Module>(
  module: M,
  name = "weight",
  n_power_iterations = 1,
  eps = 1e-12,
  dim: number | null = null,
): M {
  const d = dim ?? (module instanceof ConvTranspose1d || module instanceof ConvTranspose2d ? 1 : 0);
  const hooks = hooksOf(module);
  if (hooks.some((h) => h.kind === "SpectralNorm" && h.name === name))
    throw new RuntimeError(`Cannot register two spectral_norm hooks on the same parameter ${name}`);
  if (n_power_iterations <= 0)
    throw new ValueError(
      `Expected n_power_iterations to be positive, but got n_power_iterations=${n_power_iterations}`,
    );
  const o: Options = { name, iterations: n_power_iterations, dim: d, eps };
  // module._parameters[name]: KeyError unless a parameter (or one registered as None) has that name.
  const weight = (module as unknown as Record<string, unknown>)[name];
  if (weight === null && module._nullParameters.has(name))
    throw new ValueError(`\`SpectralNorm\` cannot be applied as parameter \`${name}\` is None`);
  if (!(weight instanceof Parameter)) throw new KeyError(pyRepr(name));
  const [u, v] = no_grad(() => {
    const [h, w] = toMatrix(weight, d).shape;
    return [
      normalize(empty([h], { dtype: weight.dtype }).normal_(0, 1), 2, 0, eps),
      normalize(empty([w], { dtype: weight.dtype }).normal_(0, 1), 2, 0, eps),
    ];
  });
  delete (module as unknown as Record<string, unknown>)[name];
  module.register_parameter(`${name}_orig`, weight);
  set(module, name, weight.detach());
  module.register_buffer(`${name}_u`, u);
  module.register_buffer(`${name}_v`, v);
  const handle = module.register_forward_pre_hook((m: Module) => {
    set(m, name, computeWeight(m, o, m.training));
  });
  hooks.push({
    kind: "SpectralNorm",
    name,
    handle,
    remove(m: Module) {
      const w = no_grad(() => computeWeight(m, o, false));
      for (const key of [name, `${name}_u`, `${name}_v`, `${name}_orig`])
        delete (m as unknown as Record<string, unknown>)[key];
      m.register_parameter(name, new Parameter(w.detach()));
    },
  });
  return module;
}

/** remove_spectral_norm(module, name='weight'): the normalized weight as a plain parameter again. */
export function remove_spectral_norm<M extends Module>(module: M, name = "weight"): M {
  const hooks = hooksOf(module);
  const i = hooks.findIndex((h) => h.kind === "SpectralNorm" && h.name === name);
  if (i < 0) throw new ValueError(`spectral_norm of '${name}' not found in ${module.toString()}`);
  hooks[i].remove(module);
  hooks[i].handle.remove();
  hooks.splice(i, 1);
  return module;
}

definePython("torch.nn.utils", {
  "spectral_norm(module: Module, name: str = 'weight', n_power_iterations: int = 1, eps: float = 1e-12, dim: int | None = None) -> Module":
    spectral_norm,
  "remove_spectral_norm(module: Module, name: str = 'weight') -> Module": remove_spectral_norm,
});
