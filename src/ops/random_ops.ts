// In-place random fills (x.uniform_(), x.normal_(), x.bernoulli_()) drawing from PyTorch's generator,
// so nn.init and dropout give PyTorch's numbers after the same manual_seed.
import { RuntimeError } from "../errors.js";
import { allocate, float64 } from "../tensor/dtype.js";
import {
  bernoulliFill,
  default_generator,
  normalFill,
  uniformFill,
  type Generator,
} from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor, fromData, inPlace, installMethods, type AsMethod } from "./core.js";

export interface GeneratorOption {
  generator?: Generator | null;
}

function fillWith(self: Tensor, fn: string, fill: (data: ReturnType<typeof allocate>) => void): Tensor {
  checkTensor(self, fn);
  if (!self.dtype.is_floating_point && fn !== "bernoulli_") {
    throw new RuntimeError(
      `"${fn === "uniform_" ? "check_uniform_bounds" : "normal_kernel_cpu"}" not implemented for '${self.dtype.name === "int64" ? "Long" : self.dtype.name}'`,
    );
  }
  // The new values depend on nothing, so no history is kept (as PyTorch records no grad for a fill).
  return inPlace(self, () => {
    const data = allocate(self.dtype, self.numel());
    fill(data);
    return fromData(data, self.shape, self.dtype);
  });
}

/** Tensor.uniform_(from = 0, to = 1): fills in place with uniform draws. */
export function uniform_(self: Tensor, from = 0, to = 1, opts: GeneratorOption = {}): Tensor {
  if (!(from <= to))
    throw new RuntimeError(
      `uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`,
    );
  return fillWith(self, "uniform_", (d) =>
    uniformFill(d, from, to, opts.generator ?? default_generator, self.dtype === float64),
  );
}

/** Tensor.normal_(mean = 0, std = 1): fills in place with normal draws. */
export function normal_(self: Tensor, mean = 0, std = 1, opts: GeneratorOption = {}): Tensor {
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  return fillWith(self, "normal_", (d) =>
    normalFill(d, mean, std, opts.generator ?? default_generator, self.dtype === float64),
  );
}

/** Tensor.bernoulli_(p = 0.5): fills in place with 1 (probability p) or 0. */
export function bernoulli_(self: Tensor, p = 0.5, opts: GeneratorOption = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  return fillWith(self, "bernoulli_", (d) => bernoulliFill(d, p, opts.generator ?? default_generator));
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    uniform_: AsMethod<typeof uniform_>;
    normal_: AsMethod<typeof normal_>;
    bernoulli_: AsMethod<typeof bernoulli_>;
  }
}
installMethods({ uniform_, normal_, bernoulli_ });
