// Random values for the differential generator: a seeded generator, shapes (0-dim, size-0, broadcast
// partners), tensor literals with awkward values (negatives, zeros, -0.0, huge, tiny, inf, nan) and scalars
// that keep JS's number rule (a float scalar is never integral).
import type { DTypeName, Lit, Scalar } from "./ir.js";

export class Rng {
  private a: number;
  constructor(seed: number) {
    // mulberry32, with the seed spread so that neighbouring seeds start far apart
    this.a = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** true with probability p */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** an integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** picks by weight: [[weight, value], ...] */
  weighted<T>(xs: readonly (readonly [number, T])[]): T {
    let r = this.next() * xs.reduce((s, [w]) => s + w, 0);
    for (const [w, x] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1][1];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

export const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** A small random shape: 0-dim, 1-D to 4-D, sometimes with a size-0 dim. */
export function randomShape(r: Rng, maxDims = 3): number[] {
  const nd = r.weighted([
    [3, 0],
    [5, 1],
    [6, 2],
    [maxDims >= 3 ? 3 : 0, 3],
    [maxDims >= 4 ? 1 : 0, 4],
  ]);
  const shape = Array.from({ length: Math.min(nd, maxDims) }, () =>
    r.weighted([
      [2, 1],
      [4, 2],
      [4, 3],
      [2, 4],
    ]),
  );
  if (shape.length > 0 && r.chance(0.07)) shape[r.int(0, shape.length - 1)] = 0;
  while (numel(shape) > 24) shape[shape.indexOf(Math.max(...shape))]--;
  return shape;
}

/**
 * A shape that broadcasts with `s`: the same dims, some set to 1, leading ones dropped; with `grow`, sometimes
 * new leading dims (the result is then bigger than `s`).
 */
export function partnerShape(r: Rng, s: readonly number[], grow = true): number[] {
  if (r.chance(0.15)) return [];
  let out = s.map((d) => (r.chance(0.25) ? 1 : d));
  if (out.length > 0 && r.chance(0.3)) out = out.slice(r.int(1, out.length));
  if (grow && r.chance(0.15) && out.length < 4) out = [r.pick([1, 2]), ...out];
  return out;
}

/** A shape that does not broadcast with `s` (null when every shape does: `s` all ones). */
export function clashingShape(r: Rng, s: readonly number[]): number[] | null {
  const dims = s.map((d, i) => [d, i] as const).filter(([d]) => d !== 1);
  if (dims.length === 0) return null;
  const [d, i] = r.pick(dims);
  const out = [...s];
  out[i] = d === 2 ? 3 : 2;
  return out;
}

const NICE = [0, 0.5, -0.5, 1, -1, 1.5, -1.5, 2, -2, 0.25, -0.75, 3, -3, 2.5, 4, -4, 0.125];
const HUGE32 = [1e30, -1e30, 3e38, -2e38, 1e20, 65504];
const HUGE64 = [1e300, -1e300, 1e200, 1.7e308];
const TINY32 = [1e-30, -1e-30, 1e-40, 1e-45, 1e-38];
const TINY64 = [1e-300, 5e-324, -1e-310];
const SPECIAL: Scalar[] = ["nan", "inf", "-inf", "-0", 0];

/** A float value: mostly ordinary, sometimes special (flavour "wild"). */
function floatValue(r: Rng, dtype: DTypeName, wild: boolean): Scalar {
  const kind = r.weighted([
    [6, "nice"],
    [4, "random"],
    [wild ? 2 : 0, "special"],
    [wild ? 1 : 0, "huge"],
    [wild ? 1 : 0, "tiny"],
  ]);
  switch (kind) {
    case "nice":
      return r.pick(NICE);
    case "random":
      // up to 6 significant digits, within a few orders of magnitude
      return Number(((r.next() * 2 - 1) * 10 ** r.int(-2, 2)).toPrecision(r.int(2, 6)));
    case "special":
      return r.pick(SPECIAL);
    case "huge":
      return r.pick(dtype === "float64" && r.chance(0.6) ? HUGE64 : HUGE32);
    default:
      return r.pick(dtype === "float64" && r.chance(0.6) ? TINY64 : TINY32);
  }
}

function intValue(r: Rng, wild: boolean): number {
  if (wild && r.chance(0.2)) return r.pick([2 ** 31, -(2 ** 31), 2 ** 40, -(2 ** 40), 1e9, 2 ** 53 - 1]);
  return r.int(-5, 6);
}

export interface LitOptions {
  /** value range: "any" (default), "positive", "unit" (in [0, 1]), "index" (ints in [0, bound)) */
  range?: "any" | "positive" | "unit" | "index";
  bound?: number;
  requiresGrad?: boolean;
  wild?: boolean;
}

/** A tensor literal of this dtype and shape. */
export function literal(r: Rng, dtype: DTypeName, shape: readonly number[], opts: LitOptions = {}): Lit {
  const n = numel(shape);
  const wild = opts.wild ?? r.chance(0.25);
  const v: Scalar[] = [];
  for (let i = 0; i < n; i++) {
    if (dtype === "bool") v.push(r.chance(0.5));
    else if (opts.range === "index") v.push(r.int(0, Math.max(0, (opts.bound ?? 1) - 1)));
    else if (dtype === "int64") v.push(opts.range === "positive" ? r.int(1, 5) : intValue(r, wild));
    else if (opts.range === "unit") v.push(r.pick([0, 0.25, 0.5, 0.75, 1, 0.1, 0.9, 0.333]));
    else if (opts.range === "positive") v.push(r.pick([0.5, 1, 1.5, 2, 0.25, 3, 0.1]));
    else v.push(floatValue(r, dtype, wild));
  }
  const lit: Lit = { d: dtype, s: [...shape], v };
  if (opts.requiresGrad) lit.rg = 1;
  return lit;
}

export function randomDtype(r: Rng): DTypeName {
  return r.weighted([
    [6, "float32"],
    [2, "float64"],
    [2, "int64"],
    [1, "bool"],
  ]);
}

/** A float scalar (never integral: JS would pass an integral one as a Python int). */
export function floatScalar(r: Rng): number {
  return r.pick([0.5, -1.5, 2.5, 0.1, -0.25, 1e-3, 3.75, -2.5, 1.25, 0.3]);
}

/** A Number-typed scalar: ints, floats, sometimes bool or a special float. */
export function numberScalar(r: Rng): unknown {
  return r.weighted<unknown>([
    [4, r.pick([0, 1, 2, -1, 3, -2])],
    [4, floatScalar(r)],
    [1, r.pick([{ f: "nan" }, { f: "inf" }, { f: "-inf" }, 2 ** 40])],
    [1, r.pick([true, false])],
  ]);
}
