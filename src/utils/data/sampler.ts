// torch.utils.data samplers (PyTorch 1.13): index streams drawing random numbers exactly when and as
// PyTorch's do, so that the same seed gives the same order. A sampler is iterable and has `length`
// (Python's len()); every new iteration is a new epoch.
import { ValueError } from "../../errors.js";
import { pyFloat, pyList } from "../../optim/python.js";
import { multinomial } from "../../ops/multinomial.js";
import { randintValues } from "../../ops/creation.js";
import { pyStr } from "../../python.js";
import { pyTypeName } from "../../signatures/messages.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { tensor } from "../../tensor/creation.js";
import { float64, int64 } from "../../tensor/dtype.js";
import { default_generator, drawInt64Seed, Generator, randpermIndices } from "../../tensor/random.js";
import { datasetLength } from "./dataset.js";

const MODULE = "torch.utils.data";

/** torch.utils.data.Sampler: subclass it and implement `[Symbol.iterator]` (and `length` if it has one). */
export abstract class Sampler implements Iterable<number> {
  abstract [Symbol.iterator](): Iterator<number>;

  toString(): string {
    return `<torch.utils.data.sampler.${this.constructor.name} object>`;
  }
}

const SEQUENTIAL_INIT = new PySignature(MODULE, "SequentialSampler.__init__(data_source)");

/** 0, 1, ..., len(data_source) - 1. */
export class SequentialSampler extends Sampler {
  readonly data_source: unknown;
  constructor(...args: CallArgs<"SequentialSampler.__init__">) {
    super();
    [this.data_source] = SEQUENTIAL_INIT.bind(args);
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = datasetLength(this.data_source);
    for (let i = 0; i < n; i++) yield i;
  }
  get length(): number {
    return datasetLength(this.data_source);
  }
}

/** The generator to draw from: the given one, or (PyTorch's way without one) a fresh one seeded from the global generator. */
function epochGenerator(generator: Generator | null): Generator {
  return generator ?? new Generator().manual_seed(drawInt64Seed(default_generator));
}

const isPyInt = (x: unknown): boolean => typeof x === "number" && Number.isInteger(x);

const RANDOM_INIT = new PySignature(
  MODULE,
  "RandomSampler.__init__(data_source, replacement: bool = False, num_samples: int | None = None, generator=None)",
);

/** A random permutation per epoch (num_samples of them, permutation after permutation), or draws with replacement. */
export class RandomSampler extends Sampler {
  readonly data_source: unknown;
  readonly replacement: boolean;
  readonly _num_samples: number | null;
  readonly generator: Generator | null;

  constructor(...args: CallArgs<"RandomSampler.__init__">) {
    super();
    const [data_source, replacement, num_samples, generator] = RANDOM_INIT.bind(args);
    this.data_source = data_source;
    this.replacement = replacement;
    this._num_samples = num_samples;
    this.generator = generator as Generator | null;
    if (typeof replacement !== "boolean")
      throw new TypeError(`replacement should be a boolean value, but got replacement=${pyStr(replacement)}`);
    if (!isPyInt(this.num_samples) || this.num_samples <= 0)
      throw new ValueError(
        `num_samples should be a positive integer value, but got num_samples=${pyStr(this.num_samples)}`,
      );
  }

  get num_samples(): number {
    return this._num_samples ?? datasetLength(this.data_source);
  }

  get length(): number {
    return this.num_samples;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = datasetLength(this.data_source);
    const generator = epochGenerator(this.generator);
    const count = this.num_samples;
    if (this.replacement) {
      // PyTorch draws in blocks of 32.
      for (let b = 0; b < Math.floor(count / 32); b++)
        yield* Array.from(randintValues(0, n, 32, int64, generator), Number);
      yield* Array.from(randintValues(0, n, count % 32, int64, generator), Number);
      return;
    }
    for (let p = 0; p < Math.floor(count / n); p++) yield* randpermIndices(n, generator);
    yield* randpermIndices(n, generator).slice(0, count % n);
  }
}

const SUBSET_RANDOM_INIT = new PySignature(MODULE, "SubsetRandomSampler.__init__(indices, generator=None)");

/** The given indices in a random order (one randperm of their count per epoch). */
export class SubsetRandomSampler extends Sampler {
  readonly indices: readonly number[];
  readonly generator: Generator | null;
  constructor(...args: CallArgs<"SubsetRandomSampler.__init__">) {
    super();
    const [indices, generator] = SUBSET_RANDOM_INIT.bind(args);
    this.indices = indices as number[];
    this.generator = generator as Generator | null;
  }
  *[Symbol.iterator](): Iterator<number> {
    const list = pyList(this.indices) as number[];
    for (const i of randpermIndices(list.length, this.generator ?? default_generator)) yield list[i];
  }
  get length(): number {
    return pyList(this.indices).length;
  }
}

const WEIGHTED_INIT = new PySignature(
  MODULE,
  "WeightedRandomSampler.__init__(weights: float[], num_samples: int, replacement: bool = True, generator=None)",
);

/** num_samples indices drawn by torch.multinomial from the weights (float64, as PyTorch makes them). */
export class WeightedRandomSampler extends Sampler {
  readonly weights: ReturnType<typeof tensor>;
  readonly num_samples: number;
  readonly replacement: boolean;
  readonly generator: Generator | null;
  constructor(...args: CallArgs<"WeightedRandomSampler.__init__">) {
    super();
    const [weights, num_samples, replacement, generator] = WEIGHTED_INIT.bind(args);
    if (!isPyInt(num_samples) || num_samples <= 0)
      throw new ValueError(
        `num_samples should be a positive integer value, but got num_samples=${pyStr(num_samples)}`,
      );
    if (typeof replacement !== "boolean")
      throw new ValueError(
        `replacement should be a boolean value, but got replacement=${pyStr(replacement)}`,
      );
    const values = (pyList(weights) as unknown[]).map(pyFloat);
    const weights_tensor = tensor(values, { dtype: float64 });
    if (weights_tensor.ndim !== 1)
      throw new ValueError(
        `weights should be a 1d sequence but given weights have shape ${pyStr(weights_tensor.shape)}`,
      );
    this.weights = weights_tensor;
    this.num_samples = num_samples;
    this.replacement = replacement;
    this.generator = generator as Generator | null;
  }
  *[Symbol.iterator](): Iterator<number> {
    const drawn = multinomial(this.weights, this.num_samples, this.replacement, this.generator);
    yield* Array.from(drawn.values(), Number);
  }
  get length(): number {
    return this.num_samples;
  }
}

// sampler is unannotated: PyTorch iterates it; batch_size and drop_last are checked with isinstance.
const BATCH_INIT = new PySignature(
  MODULE,
  "BatchSampler.__init__(sampler, batch_size: int, drop_last: bool)",
);

/** Groups a sampler's indices into lists of batch_size (the last one shorter unless drop_last). */
export class BatchSampler implements Iterable<number[]> {
  readonly sampler: Iterable<number>;
  readonly batch_size: number;
  readonly drop_last: boolean;
  constructor(...args: CallArgs<"BatchSampler.__init__">) {
    const [sampler, batch_size, drop_last] = BATCH_INIT.bind(args);
    if (!isPyInt(batch_size) || batch_size <= 0)
      throw new ValueError(
        `batch_size should be a positive integer value, but got batch_size=${pyStr(batch_size)}`,
      );
    if (typeof drop_last !== "boolean")
      throw new ValueError(`drop_last should be a boolean value, but got drop_last=${pyStr(drop_last)}`);
    this.sampler = sampler as Iterable<number>;
    this.batch_size = batch_size;
    this.drop_last = drop_last;
  }
  *[Symbol.iterator](): Iterator<number[]> {
    const sampler = this.sampler as unknown;
    if (sampler === null || typeof sampler !== "object" || !(Symbol.iterator in sampler)) pyList(sampler);
    const it = this.sampler[Symbol.iterator]();
    for (;;) {
      const batch: number[] = [];
      let next = it.next();
      while (!next.done) {
        batch.push(next.value);
        if (batch.length === this.batch_size) break;
        next = it.next();
      }
      if (batch.length === this.batch_size) yield batch;
      else {
        if (batch.length > 0 && !this.drop_last) yield batch;
        return;
      }
    }
  }
  get length(): number {
    const n = samplerLength(this.sampler);
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
  toString(): string {
    return "<torch.utils.data.sampler.BatchSampler object>";
  }
}

/** len() of a sampler: an array's, a Set's or Map's size, a `length`; Python's error for one without (an iterator). */
export function samplerLength(sampler: unknown): number {
  if (Array.isArray(sampler)) return sampler.length;
  if (sampler instanceof Set || sampler instanceof Map) return sampler.size;
  const n = (sampler as { length?: unknown } | null)?.length;
  if (typeof n === "number") return n;
  throw new TypeError(`object of type '${pyTypeName(sampler)}' has no len()`);
}
