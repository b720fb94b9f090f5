// torch.unique and torch.unique_consecutive (native/Unique.cpp of PyTorch 1.13, CPU). Without a dim, unique
// puts the elements in a std::unordered_set and returns them in its iteration order (sorted=False) or
// std::sort's order of that (sorted=True; NaNs, never equal to anything, each stay and land where std::sort
// leaves them, and their inverse and counts read 0 as PyTorch's unordered_map lookups do). bool inputs count
// their falses and trues. With a dim, slices are ordered lexicographically with std::sort and merged when equal.
import { sort as stdSort } from "../backend/js/libstdcxx_sort.js";
import { stdHash, UnorderedSet } from "../backend/js/libstdcxx_hashtable.js";
import { IndexError, RuntimeError } from "../errors.js";
import { bindNative, bindPython } from "../signatures/bind.js";
import { definePython } from "../signatures/registry.js";
import { parseSignature, type Signature } from "../signatures/schema.js";
import { allocate, bool, float32, float64, int64, type DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, record } from "./core.js";
import { contiguous, movedim } from "./shape.js";

type Triple = [Tensor, Tensor, Tensor];

const int64s = (values: ArrayLike<number>, shape: readonly number[]): Tensor =>
  fromData(Float64Array.from(values), shape, int64);
const emptyIndices = (): Tensor => fromData(new Float64Array(0), [0], int64);

function hashKind(dtype: DType): "integer" | "float32" | "float64" {
  return dtype === float32 ? "float32" : dtype === float64 ? "float64" : "integer";
}

/** unique_cpu_bool_template: false first (when present), then true. */
function uniqueBool(input: Tensor, returnInverse: boolean, returnCounts: boolean): Triple {
  const values = input.values();
  let trues = 0;
  for (const v of values) if (v) trues++;
  const falses = values.length - trues;
  const out = [...(falses > 0 ? [0] : []), ...(trues > 0 ? [1] : [])];
  const trueIndex = falses > 0 ? 1 : 0;
  const inverse = returnInverse
    ? int64s(
        Array.from(values, (v) => (v ? trueIndex : 0)),
        input.shape,
      )
    : emptyIndices();
  const counts = returnCounts
    ? int64s(
        out.map((v) => (v ? trues : falses)),
        [out.length],
      )
    : emptyIndices();
  return [fromData(Uint8Array.from(out), [out.length], bool), inverse, counts];
}

/** unique_cpu_template: a std::unordered_set of the elements, then inverse and counts by lookups. */
function uniqueFlat(input: Tensor, sorted: boolean, returnInverse: boolean, returnCounts: boolean): Triple {
  if (input.dtype === bool) return uniqueBool(input, returnInverse, returnCounts);
  const values = input.values();
  const set = new UnorderedSet();
  const kind = hashKind(input.dtype);
  for (const v of values) set.insert(v, stdHash(v, kind));
  const unique = set.values();
  if (sorted) stdSort(unique, 0, unique.length, (a, b) => a < b);
  const data = allocate(input.dtype, unique.length);
  data.set(unique);
  const output = fromData(data, [unique.length], input.dtype);
  let inverse = emptyIndices();
  let counts = emptyIndices();
  if (returnInverse || returnCounts) {
    // std::unordered_map lookups: a NaN is never found, and operator[] makes it a 0.
    const position = new Map<number, number>();
    unique.forEach((v, i) => position.set(v === 0 ? 0 : v, i));
    const at = (v: number) => (Number.isNaN(v) ? 0 : position.get(v === 0 ? 0 : v)!);
    inverse = int64s(Array.from(values, at), input.shape);
    if (returnCounts) {
      const tally = new Array<number>(unique.length).fill(0);
      for (const v of values) if (!Number.isNaN(v)) tally[at(v)]++;
      counts = int64s(tally, [unique.length]);
    }
  }
  return [output, inverse, counts];
}

/** unique_consecutive_cpu_template: runs of equal (==) elements of the flattened input. */
function uniqueConsecutiveFlat(input: Tensor, returnInverse: boolean, returnCounts: boolean): Triple {
  const values = input.values();
  const kept: number[] = [];
  const runs: number[] = [];
  const inverse: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (i === 0 || values[i] !== kept[kept.length - 1]) {
      kept.push(values[i]);
      runs.push(0);
    }
    runs[runs.length - 1]++;
    inverse.push(kept.length - 1);
  }
  const data = allocate(input.dtype, kept.length);
  data.set(kept);
  return [
    fromData(data, [kept.length], input.dtype),
    returnInverse ? int64s(inverse, input.shape) : emptyIndices(),
    returnCounts ? int64s(runs, [runs.length]) : emptyIndices(),
  ];
}

/** _unique_dim_cpu_template: slices along dim, sorted lexicographically (unless consecutive), equal ones merged. */
function uniqueDim(input: Tensor, dim: number, consecutive: boolean): Triple {
  // maybe_wrap_dim without wrapping scalars: a 0-dim tensor has no dim to take slices along.
  if (input.ndim === 0) throw new IndexError(`Dimension specified as ${dim} but tensor has no dimensions`);
  const d = normalizeDim(dim, input.ndim);
  if (input.numel() === 0) {
    const zeroDims = input.shape.filter((s) => s === 0).length;
    if (input.shape[d] === 0) {
      if (zeroDims !== 1)
        throw new RuntimeError(
          "Number of zero sized dimensions is more than one, so unique cannot be applied ",
        );
      return [fromData(allocate(input.dtype, 0), input.shape, input.dtype), emptyIndices(), emptyIndices()];
    }
    throw new RuntimeError(
      "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied",
    );
  }
  const moved = contiguous(movedim(input.detach(), d, 0));
  const rows = moved.shape[0];
  const width = rows === 0 ? 0 : moved.numel() / rows;
  const flat = moved.values();
  const slice = (r: number) => flat.subarray(r * width, (r + 1) * width);
  const order = Array.from({ length: rows }, (_, i) => i);
  if (!consecutive)
    stdSort(order, 0, rows, (a, b) => {
      for (let i = 0; i < width; i++) {
        const [lhs, rhs] = [flat[a * width + i], flat[b * width + i]];
        if (lhs < rhs) return true;
        if (lhs > rhs) return false;
      }
      return false;
    });
  // at::equal: every element == (so a slice with a NaN equals nothing).
  const equal = (a: number, b: number) => slice(a).every((v, i) => v === flat[b * width + i]);
  const kept: number[] = [];
  const counts: number[] = [];
  const inverse = new Array<number>(rows);
  for (let i = 0; i < rows; i++) {
    if (i === 0 || !equal(order[i], kept[kept.length - 1])) {
      kept.push(order[i]);
      counts.push(0);
    }
    counts[counts.length - 1]++;
    inverse[order[i]] = kept.length - 1;
  }
  const data = allocate(input.dtype, kept.length * width);
  kept.forEach((r, i) => data.set(slice(r), i * width));
  const out = fromData(data, [kept.length, ...moved.shape.slice(1)], input.dtype);
  return [movedim(out, 0, d), int64s(inverse, [rows]), int64s(counts, [counts.length])];
}

type UniqueGradFn = "Unique2Backward0" | "UniqueDimBackward0" | "UniqueConsecutiveBackward0";

/** The values are differentiable in name only: PyTorch 1.13 records a node whose backward raises. */
function withNode(name: UniqueGradFn, input: Tensor, result: Triple): Triple {
  record(name, [input], result[0], () => ({}));
  return result;
}

/** What torch.unique's boolean_dispatch returns for the flags: the values alone, or a tuple. */
function pick(result: Triple, returnInverse: boolean, returnCounts: boolean): Tensor | Tensor[] {
  const [output, inverse, counts] = result;
  if (returnInverse && returnCounts) return [output, inverse, counts];
  if (returnInverse) return [output, inverse];
  if (returnCounts) return [output, counts];
  return output;
}

// The native ops torch.unique and torch.unique_consecutive hand their arguments to, whose parser raises the
// type errors users see (`_unique2(): argument 'sorted' must be bool, not NoneType`).
const UNIQUE2 = parseSignature(
  "_unique2(Tensor input, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)",
  "native",
);
const UNIQUE_DIM = parseSignature(
  "unique_dim(Tensor input, int64_t dim, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)",
  "native",
);
const UNIQUE_CONSECUTIVE = parseSignature(
  "unique_consecutive(Tensor input, bool return_inverse=False, bool return_counts=False, int64_t? dim=None) -> (Tensor, Tensor, Tensor)",
  "native",
);

/** torch.unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None). */
export function unique(
  input: Tensor,
  sorted = true,
  return_inverse = false,
  return_counts = false,
  dim: number | null = null,
): Tensor | Tensor[] {
  const flags = { sorted, return_inverse, return_counts };
  let result: Triple;
  if (dim === null) {
    const [x, s, inverse, counts] = bindNative([UNIQUE2], [input], flags).values as [Tensor, ...boolean[]];
    result = withNode("Unique2Backward0", x, uniqueFlat(x, s, inverse, counts));
  } else {
    const [x, d] = bindNative([UNIQUE_DIM], [input, dim], flags).values as [Tensor, number];
    result = withNode("UniqueDimBackward0", x, uniqueDim(x, d, false));
  }
  return pick(result, return_inverse, return_counts);
}

/** torch.unique_consecutive(input, return_inverse=False, return_counts=False, dim=None). */
export function unique_consecutive(
  input: Tensor,
  return_inverse = false,
  return_counts = false,
  dim: number | null = null,
): Tensor | Tensor[] {
  const bound = bindNative([UNIQUE_CONSECUTIVE], [input], { return_inverse, return_counts, dim }).values;
  const [x, inverse, counts, d] = bound as [Tensor, boolean, boolean, number | null];
  if (d !== null) normalizeDim(d, x.ndim);
  const result =
    d === null || (d === 0 && x.ndim === 1)
      ? uniqueConsecutiveFlat(x, inverse, counts)
      : uniqueDim(x, d, true);
  return pick(withNode("UniqueConsecutiveBackward0", x, result), return_inverse, return_counts);
}

// `~`: handed unchecked to the native ops above, which check them.
const UNIQUE_PARAMS =
  "(input: ~Tensor, sorted: ~bool = True, return_inverse: ~bool = False, return_counts: ~bool = False, dim: ~int | None = None)";
const CONSECUTIVE_PARAMS =
  "(input: ~Tensor, return_inverse: ~bool = False, return_counts: ~bool = False, dim: ~int | None = None)";

/** The functions torch/functional.py's boolean_dispatch picks, by (return_inverse, return_counts). */
const UNIQUE_TARGETS = ["_return_output", "_return_counts", "_return_inverse", "_unique_impl"].map((name) =>
  parseSignature(`${name}${UNIQUE_PARAMS} -> Tensor`, "python"),
);
const CONSECUTIVE_TARGETS = [
  "_consecutive_return_output",
  "_consecutive_return_counts",
  "_consecutive_return_inverse",
  "_unique_consecutive_impl",
].map((name) => parseSignature(`${name}${CONSECUTIVE_PARAMS} -> Tensor`, "python"));

/** Python's truth value of a flag as boolean_dispatch reads it (by keyword, else by position). */
function flag(args: unknown[], kwargs: Record<string, unknown>, name: string, index: number): boolean {
  const v = name in kwargs ? kwargs[name] : index < args.length ? args[index] : false;
  return !(
    v === false ||
    v === null ||
    v === undefined ||
    v === 0 ||
    v === "" ||
    (Array.isArray(v) && v.length === 0)
  );
}

function dispatch(
  targets: Signature[],
  inverseAt: number,
  args: unknown[],
  kwargs: Record<string, unknown>,
): Signature {
  const inverse = flag(args, kwargs, "return_inverse", inverseAt);
  const counts = flag(args, kwargs, "return_counts", inverseAt + 1);
  return targets[(inverse ? 2 : 0) + (counts ? 1 : 0)];
}

/** torch.unique(*args, **kwargs). */
function uniqueDispatch(args: unknown[], kwargs: Record<string, unknown>): Tensor | Tensor[] {
  const bound = bindPython(dispatch(UNIQUE_TARGETS, 2, args, kwargs), args, kwargs);
  return unique(...(bound as Parameters<typeof unique>));
}

/** torch.unique_consecutive(*args, **kwargs). */
function uniqueConsecutiveDispatch(args: unknown[], kwargs: Record<string, unknown>): Tensor | Tensor[] {
  const bound = bindPython(dispatch(CONSECUTIVE_TARGETS, 1, args, kwargs), args, kwargs);
  return unique_consecutive(...(bound as Parameters<typeof unique_consecutive>));
}

definePython(
  "torch",
  {
    "_return_output(*args, **kwargs) -> Tensor | Tensor[]": uniqueDispatch,
    "_consecutive_return_output(*args, **kwargs) -> Tensor | Tensor[]": uniqueConsecutiveDispatch,
  },
  { publicNames: { _return_output: "unique", _consecutive_return_output: "unique_consecutive" } },
);
definePython("Tensor", {
  "Tensor.unique(sorted: ~bool = True, return_inverse: ~bool = False, return_counts: ~bool = False, dim: ~int | None = None) -> Tensor | Tensor[]":
    unique,
  "Tensor.unique_consecutive(return_inverse: ~bool = False, return_counts: ~bool = False, dim: ~int | None = None) -> Tensor | Tensor[]":
    unique_consecutive,
});
