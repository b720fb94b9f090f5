// torch.poisson's sampler: PyTorch's sample_poisson (aten/src/ATen/native/Distributions.cpp), which calls glibc's
// sqrt, log, exp and lgamma. Porting them (glibc's log and exp are already ported; lgamma is below) keeps the
// rejection tests' borderline cases, and so every sample after the same manual_seed, PyTorch's.
import { exp } from "../backend/js/glibc_d.js";
import { RuntimeError } from "../errors.js";
import type { Generator } from "../tensor/random.js";
import { lgamma } from "../backend/js/glibc_lgamma.js";
import { glibcLog } from "../backend/js/glibc_log.js";

/** sample_poisson(lambda, generator): Hoermann's transformed rejection from lambda = 10, else Knuth's product. */
export function samplePoisson(lambda: number, generator: Generator): number {
  if (!(lambda >= 0)) throw new RuntimeError("invalid Poisson rate, expected rate to be non-negative");
  if (lambda >= 10) {
    const slam = Math.sqrt(lambda);
    const loglam = glibcLog(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = generator.uniform53() - 0.5;
      const V = generator.uniform53();
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      // log(V) of a V of 0 is -inf in C (glibcLog takes positive arguments only).
      const logV = V === 0 ? -Infinity : glibcLog(V);
      if (logV + glibcLog(invalpha) - glibcLog(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1))
        return k;
    }
  }
  if (lambda === 0) return 0;
  const enlam = exp(-lambda);
  let count = 0;
  let prod = 1.0;
  for (;;) {
    prod *= generator.uniform53();
    if (prod > enlam) count += 1;
    else return count;
  }
}
