// torch.randperm's draws on the CPU (the op is declared in src/ops/creation.ts): PyTorch's randperm_cpu fills
// 0..n-1 and then does a Fisher-Yates pass where step i swaps with i + random() % (n - i), one 32-bit draw per step.
import { default_generator, type Generator } from "../../tensor/random.js";

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

/**
 * A fresh 63-bit seed drawn as `torch.empty((), dtype=torch.int64).random_(generator=g)` does:
 * random64() (first 32-bit draw is the high word) modulo 2^63.
 */
export function drawInt64Seed(generator: Generator): bigint {
  const hi = generator.random();
  const lo = generator.random();
  return (BigInt(hi & 0x7fffffff) << 32n) | BigInt(lo);
}
