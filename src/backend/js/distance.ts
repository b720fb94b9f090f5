// cdist's kernels, ported from PyTorch 1.13's aten/src/ATen/native/cpu/DistanceOpsKernel.cpp: the forward pass is
// a scalar loop per (row of x1, row of x2) pair, and the backward pass sums, per element of x1, the gradient terms
// of the rows of x2 in order. `round` rounds to the compute dtype after every step, as scalar_t arithmetic does.
// Both take contiguous [batch, rows, cols] operands; the native backend runs these too.
import type { TypedArray } from "../../tensor/dtype.js";
import { pow } from "./glibc_pow.js";

export type Round = (x: number) => number;

/**
 * How the compiled 2-norm loop adds up squares. GCC vectorises `agg + diff * diff` in blocks of `lanes` (4
 * floats, 2 doubles): a block's squares are rounded products added in order; the elements after the last
 * full block are fused multiply-adds.
 */
export interface SquareSum {
  lanes: number;
  fma: (a: number, b: number, c: number) => number;
}

/** PyTorch's Dist<scalar_t>::sign, min(max(0, ceil(x)), 1) + min(max(-1, floor(x)), 0): NaN-free sign. */
const sign = (x: number) => Math.min(Math.max(0, Math.ceil(x)), 1) + Math.min(Math.max(-1, Math.floor(x)), 0);

/** The map, reduce and finish steps of each norm (zdist, odist, tdist, idist, pdist). */
function normSteps(p: number, round: Round) {
  if (p === 0)
    return {
      map: (d: number) => Math.min(Math.ceil(d), 1),
      red: (a: number, b: number) => round(a + b),
      finish: (a: number) => a,
    };
  if (p === 1)
    return { map: (d: number) => d, red: (a: number, b: number) => round(a + b), finish: (a: number) => a };
  if (p === 2)
    return {
      map: (d: number) => round(d * d),
      red: (a: number, b: number) => round(a + b),
      finish: (a: number) => round(Math.sqrt(a)),
    };
  if (p === Infinity)
    return { map: (d: number) => d, red: (a: number, b: number) => Math.max(a, b), finish: (a: number) => a };
  // std::pow(scalar_t, scalar_t) per element; the finish is std::pow(agg, 1.0 / p) in double.
  const inverse = 1.0 / p;
  return {
    map: (d: number) => round(pow(d, p)),
    red: (a: number, b: number) => round(a + b),
    finish: (a: number) => round(pow(a, inverse)),
  };
}

/** run_parallel_cdist: out[l, i, j] = the p-norm of x1[l, i] - x2[l, j] (p already in the compute dtype). */
export function cdistForward(
  x1: TypedArray,
  x2: TypedArray,
  batch: number,
  r1: number,
  r2: number,
  m: number,
  p: number,
  out: TypedArray,
  round: Round,
  squares: SquareSum,
): void {
  const { map, red, finish } = normSteps(p, round);
  const blocked = Math.floor(m / squares.lanes) * squares.lanes;
  let k = 0;
  for (let l = 0; l < batch; l++) {
    for (let i = 0; i < r1; i++) {
      const a0 = (l * r1 + i) * m;
      for (let j = 0; j < r2; j++, k++) {
        const b0 = (l * r2 + j) * m;
        let agg = 0;
        if (p === 2) {
          for (let x = 0; x < m; x++) {
            const d = Math.abs(round(x1[a0 + x] - x2[b0 + x]));
            agg = x < blocked ? round(agg + round(d * d)) : squares.fma(d, d, agg);
          }
        } else {
          for (let x = 0; x < m; x++) agg = red(agg, map(Math.abs(round(x1[a0 + x] - x2[b0 + x]))));
        }
        out[k] = finish(agg);
      }
    }
  }
}

/** The gradient term of one (element, row of x2) pair for each norm (odist, lttdist, tdist, idist, pdist). */
function backwardTerm(p: number, round: Round): (diff: number, grad: number, dist: number) => number {
  const powf = (x: number, y: number) => round(pow(x, y));
  if (p === 1) return (diff, grad) => round(grad * sign(diff));
  if (p < 2) {
    const pm1 = round(p - 1);
    return (diff, grad, dist) =>
      dist === 0 ? 0 : round(round(round(sign(diff) * powf(Math.abs(diff), pm1)) * grad) / powf(dist, pm1));
  }
  if (p === 2) return (diff, grad, dist) => (dist === 0 ? 0 : round(round(grad * diff) / dist));
  if (p === Infinity)
    return (diff, grad, dist) =>
      round(
        round(grad * sign(diff)) * round(1 - Math.min(1, Math.ceil(Math.abs(round(Math.abs(diff) - dist))))),
      );
  const pm2 = round(p - 2);
  const pm1 = round(p - 1);
  return (diff, grad, dist) =>
    dist === 0 ? 0 : round(round(round(diff * powf(Math.abs(diff), pm2)) * grad) / powf(dist, pm1));
}

/**
 * run_backward_parallel_cdist: out[l, i, x] = the sum over j, in order, of the gradient term of
 * x1[l, i, x] - x2[l, j, x] with grad[l, i, j] and dist[l, i, j]; p = 0 gives zeros.
 */
export function cdistBackward(
  grad: TypedArray,
  x1: TypedArray,
  x2: TypedArray,
  dist: TypedArray,
  batch: number,
  r1: number,
  r2: number,
  m: number,
  p: number,
  out: TypedArray,
  round: Round,
): void {
  out.fill(0);
  if (p === 0) return;
  const term = backwardTerm(p, round);
  for (let l = 0; l < batch; l++) {
    for (let i = 0; i < r1; i++) {
      const row = (l * r1 + i) * m;
      const pair = (l * r1 + i) * r2;
      for (let x = 0; x < m; x++) {
        let acc = 0;
        for (let j = 0; j < r2; j++) {
          const diff = round(x1[row + x] - x2[(l * r2 + j) * m + x]);
          acc = round(acc + term(diff, grad[pair + j], dist[pair + j]));
        }
        out[row + x] = acc;
      }
    }
  }
}
