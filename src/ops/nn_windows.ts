// Sliding-window plans (im2col) shared by conv and pooling forwards and their derivative rows.
// A plan lists, for every kernel offset k and output position l, the flat spatial position of the
// input it reads (clamped to 0 where the window falls on padding, with `valid` false there). The
// forward is then `x.reshape(N, C, S).index_select(2, index)`, and the backward an `index_add`: tensor
// ops, so the derivative rows that use them (derivatives/nn_conv.ts, nn_pool.ts) stay differentiable.
import { RuntimeError } from "../errors.js";
import { pyIntRepr } from "../python.js";
import { bool, checkAllocation, float32, float64, int64, type DType } from "../tensor/dtype.js";
import { numel } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { mul } from "./elementwise.js";
import { index_add, index_select, masked_fill } from "./indexing.js";
import { reshape } from "./shape.js";

const INT64_MAX = 2n ** 63n - 1n;

/**
 * An adaptive pool's output shape, checked before any window is planned (an output size of 2**40 would
 * otherwise plan for ever): a count past int64 is "numel: integer multiplication overflow" where PyTorch
 * multiplies the sizes first (`numelFirst`, the average pools) and at::empty's storage-size error otherwise;
 * bytes past int64 are the storage-size error; sizes that fit but exceed memory get the allocator's error.
 */
export function checkOutputSize(shape: readonly number[], dtype: DType, numelFirst: boolean): void {
  let count = 1n;
  for (const d of shape) count *= BigInt(d);
  if (numelFirst && count > INT64_MAX) throw new RuntimeError("numel: integer multiplication overflow");
  if (count * BigInt(dtype.itemsize) > INT64_MAX)
    throw new RuntimeError(
      `Storage size calculation overflowed with sizes=[${shape.map(pyIntRepr).join(", ")}]`,
    );
  checkAllocation(dtype, Number(count));
}

/** Per spatial dim: for output position o and kernel offset k, the input position or -1 (padding). */
export type DimTable = Int32Array[];

export interface WindowPlan {
  /** Product of the kernel extents (K). */
  readonly kernelCount: number;
  /** Output spatial shape and its product (L). */
  readonly outShape: readonly number[];
  readonly outCount: number;
  /** Product of the input spatial extents (S). */
  readonly inCount: number;
  /** int64 [K * L]: flat input position read by (k, l); 0 where the window falls outside the input. */
  readonly index: Tensor;
  /** Whether every (k, l) reads a real input element. */
  readonly allValid: boolean;
  /** 1/0 per (k, l), as [K, L], in the dtype asked for (cached per dtype). */
  mask(dtype: DType): Tensor;
  /** bool [K, L]: true where (k, l) falls outside the input. */
  invalid(): Tensor;
}

/** Input positions of a strided, dilated, padded window along one dim. */
export function slidingDim(
  size: number,
  kernel: number,
  stride: number,
  padBefore: number,
  dilation: number,
  outSize: number,
): DimTable {
  const table: DimTable = [];
  for (let o = 0; o < outSize; o++) {
    const row = new Int32Array(kernel);
    for (let k = 0; k < kernel; k++) {
      const p = o * stride - padBefore + k * dilation;
      row[k] = p >= 0 && p < size ? p : -1;
    }
    table.push(row);
  }
  return table;
}

/** Adaptive pooling's windows along one dim: [floor(o*size/out), ceil((o+1)*size/out)). */
export function adaptiveDim(size: number, outSize: number): DimTable {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let o = 0; o < outSize; o++) {
    starts.push(Math.floor((o * size) / outSize));
    ends.push(Math.ceil(((o + 1) * size) / outSize));
  }
  const kernel = Math.max(...ends.map((e, o) => e - starts[o]));
  return starts.map((s, o) => {
    const row = new Int32Array(kernel);
    for (let k = 0; k < kernel; k++) row[k] = s + k < ends[o] ? s + k : -1;
    return row;
  });
}

/** Combines per-dim tables into one plan over all spatial dims (row-major kernel and output order). */
export function makePlan(sizes: readonly number[], tables: readonly DimTable[]): WindowPlan {
  const dims = sizes.length;
  const kernels = tables.map((t) => (t.length > 0 ? t[0].length : 0));
  const outShape = tables.map((t) => t.length);
  const kernelCount = numel(kernels);
  const outCount = numel(outShape);
  const inCount = numel(sizes);
  const index = new Float64Array(kernelCount * outCount);
  const validity = new Uint8Array(kernelCount * outCount);
  const inStrides = new Array<number>(dims).fill(1);
  for (let d = dims - 2; d >= 0; d--) inStrides[d] = inStrides[d + 1] * sizes[d + 1];
  const k = new Array<number>(dims).fill(0);
  const o = new Array<number>(dims).fill(0);
  let allValid = true;
  for (let ki = 0; ki < kernelCount; ki++) {
    o.fill(0);
    for (let oi = 0; oi < outCount; oi++) {
      let pos = 0;
      let ok = true;
      for (let d = 0; d < dims; d++) {
        const p = tables[d][o[d]][k[d]];
        if (p < 0) ok = false;
        else pos += p * inStrides[d];
      }
      const at = ki * outCount + oi;
      index[at] = ok ? pos : 0;
      validity[at] = ok ? 1 : 0;
      if (!ok) allValid = false;
      increment(o, outShape);
    }
    increment(k, kernels);
  }
  const masks = new Map<DType, Tensor>();
  let invalidMask: Tensor | null = null;
  return {
    kernelCount,
    outShape,
    outCount,
    inCount,
    index: Tensor._fromData(index, [index.length], int64),
    allValid,
    mask(dtype: DType): Tensor {
      let m = masks.get(dtype);
      if (!m) {
        const data = dtype === float64 ? new Float64Array(validity) : new Float32Array(validity);
        m = Tensor._fromData(data, [kernelCount, outCount], dtype === float64 ? float64 : float32);
        masks.set(dtype, m);
      }
      return m;
    },
    invalid(): Tensor {
      invalidMask ??= Tensor._fromData(
        validity.map((v) => 1 - v),
        [kernelCount, outCount],
        bool,
      );
      return invalidMask;
    },
  };
}

function increment(counter: number[], extents: readonly number[]): void {
  for (let d = counter.length - 1; d >= 0; d--) {
    if (++counter[d] < extents[d]) return;
    counter[d] = 0;
  }
}

const cache = new Map<string, WindowPlan>();

/** Plans are pure functions of their geometry: keep the recent ones (a training loop reuses them). */
export function cachedPlan(key: string, build: () => WindowPlan): WindowPlan {
  let plan = cache.get(key);
  if (!plan) {
    plan = build();
    if (cache.size >= 64) cache.delete(cache.keys().next().value as string);
    cache.set(key, plan);
  }
  return plan;
}

/** Geometry of a sliding window over the input's spatial dims (conv, max/avg pooling). */
export interface SlidingGeometry {
  readonly sizes: readonly number[];
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly padBefore: readonly number[];
  readonly dilation: readonly number[];
  readonly outShape: readonly number[];
}

export function slidingPlan(g: SlidingGeometry): WindowPlan {
  const key = `s|${g.sizes}|${g.kernel}|${g.stride}|${g.padBefore}|${g.dilation}|${g.outShape}`;
  return cachedPlan(key, () =>
    makePlan(
      g.sizes,
      g.sizes.map((size, d) =>
        slidingDim(size, g.kernel[d], g.stride[d], g.padBefore[d], g.dilation[d], g.outShape[d]),
      ),
    ),
  );
}

export function adaptivePlan(sizes: readonly number[], outShape: readonly number[]): WindowPlan {
  // The plan holds an index per output position (a float64 each, and a row per position of each dim): an empty
  // batch passes checkOutputSize with any output size, so the plan's own size is checked before it is built
  // (an error rather than V8 aborting the process; PyTorch, which plans nothing, returns the empty result).
  checkAllocation(float64, Math.max(numel(outShape), outShape.reduce((a, b) => a + b, 0) * 16));
  return cachedPlan(`a|${sizes}|${outShape}`, () =>
    makePlan(
      sizes,
      sizes.map((size, d) => adaptiveDim(size, outShape[d])),
    ),
  );
}

/**
 * im2col: [N, C, *spatial] to [N, C, K, L], reading each window's elements (zero on padding).
 * Written in tensor ops so a derivative row can rebuild it under create_graph.
 */
export function unfoldWindows(input: Tensor, plan: WindowPlan): Tensor {
  const [n, c] = input.shape;
  const flat = index_select(reshape(input, [n, c, plan.inCount]), 2, plan.index);
  const cols = reshape(flat, [n, c, plan.kernelCount, plan.outCount]);
  // Padding reads as zeros: filled rather than multiplied by a 0 mask, which would turn inf and nan into nan.
  return plan.allValid ? cols : masked_fill(cols, plan.invalid(), 0);
}

/** col2im, the adjoint of unfoldWindows: sums [N, C, K, L] back onto [N, C, *spatial]. */
export function foldWindows(cols: Tensor, plan: WindowPlan, inputShape: readonly number[]): Tensor {
  const [n, c] = inputShape;
  const masked = plan.allValid ? cols : mul(cols, plan.mask(cols.dtype));
  const src = reshape(masked, [n, c, plan.kernelCount * plan.outCount]);
  const zeros = Tensor._fromData(
    new (cols.dtype === float64 ? Float64Array : Float32Array)(n * c * plan.inCount),
    [n, c, plan.inCount],
    cols.dtype,
  );
  return reshape(index_add(zeros, 2, plan.index, src), inputShape);
}

/**
 * Max pooling over a plan's windows of [N, C, *spatial]: each window's maximum and the flat input position it
 * came from, both shaped `outShape`, outside the graph (the pooling op records its own node). Padding never wins.
 */
export function windowMax(
  input: Tensor,
  plan: WindowPlan,
  n: number,
  c: number,
  outShape: readonly number[],
): [values: Tensor, indices: Tensor] {
  let cols = input
    .reshape(n, c, plan.inCount)
    .index_select(2, plan.index)
    .reshape(n, c, plan.kernelCount, plan.outCount);
  if (!plan.allValid) cols = cols.masked_fill(plan.invalid(), -Infinity);
  const best = cols.max(2);
  const positions = plan.index
    .reshape(plan.kernelCount, plan.outCount)
    .expand(n, c, plan.kernelCount, plan.outCount);
  const at = positions.gather(2, best.indices.unsqueeze(2)).squeeze(2);
  return [best.values.reshape(outShape).detach(), at.reshape(outShape).detach()];
}
