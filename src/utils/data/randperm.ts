// torch.randperm on the CPU, draw for draw: PyTorch's randperm_cpu fills 0..n-1 and then does a
// Fisher-Yates pass where step i swaps with i + random() % (n - i), one 32-bit draw per step.
import { RuntimeError } from "../../errors.js";
import { allocate, describe, int64, toDType, type DType } from "../../tensor/dtype.js";
import { default_generator, Generator } from "../../tensor/random.js";
import { Tensor } from "../../tensor/tensor.js";

export interface RandpermOptions {
  generator?: Generator | null;
  dtype?: DType | string | null;
  requires_grad?: boolean;
}

/** The permutation itself as JS numbers (what RandomSampler and random_split use via `.tolist()`). */
export function randpermIndices(n: number, generator: Generator = default_generator): number[] {
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n - 1; i++) {
    const z = generator.random() % (n - i);
    const saved = perm[i];
    perm[i] = perm[z + i];
    perm[z + i] = saved;
  }
  return perm;
}

/** torch.randperm(n, { generator, dtype = torch.int64 }): a random permutation of 0..n-1. */
export function randperm(n: number, opts: RandpermOptions = {}): Tensor {
  if (typeof n !== "number" || !Number.isInteger(n))
    throw new TypeError(
      `randperm(): argument 'n' (position 1) must be int, not ${typeof n === "number" ? "float" : describe(n)}`,
    );
  if (n < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  const dtype = opts.dtype ? toDType(opts.dtype) : int64;
  if (dtype.name === "bool") throw new RuntimeError(`"randperm" not implemented for 'Bool'`);
  if (opts.generator != null && !(opts.generator instanceof Generator))
    throw new TypeError(
      `randperm(): argument 'generator' must be torch.Generator, not ${describe(opts.generator)}`,
    );
  const perm = randpermIndices(n, opts.generator ?? default_generator);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = dtype.cast(perm[i]);
  const out = Tensor._fromData(data, [n], dtype);
  if (opts.requires_grad) {
    if (!dtype.is_floating_point)
      throw new RuntimeError("Only Tensors of floating point and complex dtype can require gradients");
    out._requiresGrad = true;
  }
  return out;
}

/**
 * A fresh 63-bit seed drawn as `torch.empty((), dtype=torch.int64).random_(generator=g)` does:
 * random64() (first 32-bit draw is the high word) modulo 2^63.
 */
export function drawInt64Seed(generator: Generator): bigint {
  const hi = generator.random();
  const lo = generator.random();
  return (BigInt(hi & 0x7fffffff) << 32n) | BigInt(lo);
}
