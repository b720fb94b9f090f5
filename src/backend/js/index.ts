// The pure-TypeScript backend: runs everywhere, and is the reference the native backend is tested against.
import type { ArgReduceOp, Backend, BinaryOp, ReduceOp, ScanOp, StridedArray, UnaryOp } from "../backend.js";
import { allocate, type DType, type TypedArray } from "../../tensor/dtype.js";
import { contiguousStrides, numel, type Shape } from "../../tensor/shape.js";
import { BINARY, UNARY } from "./scalar_kernels.js";
import { elementOffsets, isDense, offsetsFor } from "./strided.js";

/** Moves `dims` to the end so a reduction walks [outer..., inner...] in row-major order. */
function splitForReduction(x: StridedArray, dims: readonly number[]) {
  const keep: number[] = [];
  for (let d = 0; d < x.shape.length; d++) if (!dims.includes(d)) keep.push(d);
  const order = [...keep, ...dims];
  const inner = numel(dims.map((d) => x.shape[d]));
  const offsets = offsetsFor(
    order.map((d) => x.shape[d]),
    order.map((d) => x.strides[d]),
    x.offset,
  );
  return { outer: numel(keep.map((d) => x.shape[d])), inner, offsets };
}

function reduceRow(op: ReduceOp, data: TypedArray, offsets: Int32Array, start: number, n: number): number {
  switch (op) {
    case "sum": {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += data[offsets[start + i]];
      return acc;
    }
    case "prod": {
      let acc = 1;
      for (let i = 0; i < n; i++) acc *= data[offsets[start + i]];
      return acc;
    }
    case "max":
    case "min": {
      let acc = op === "max" ? -Infinity : Infinity;
      for (let i = 0; i < n; i++) {
        const v = data[offsets[start + i]];
        if (Number.isNaN(v)) return NaN;
        if (op === "max" ? v > acc : v < acc) acc = v;
      }
      return acc;
    }
    case "all":
      for (let i = 0; i < n; i++) if (data[offsets[start + i]] === 0) return 0;
      return 1;
    case "any":
      for (let i = 0; i < n; i++) if (data[offsets[start + i]] !== 0) return 1;
      return 0;
  }
}

export const jsBackend: Backend = {
  name: "js",

  unary(op: UnaryOp, x: StridedArray, computeDtype: DType, outDtype: DType, params: readonly number[] = []) {
    const kernel = UNARY[op];
    const round = computeDtype.cast;
    const n = numel(x.shape);
    const out = allocate(outDtype, n);
    const src = x.data;
    const castIn = x.dtype === computeDtype ? null : round;
    if (isDense(x)) {
      const o = x.offset;
      for (let i = 0; i < n; i++) {
        const v = castIn ? castIn(src[o + i]) : src[o + i];
        out[i] = kernel(v, round, params);
      }
    } else {
      const offsets = elementOffsets(x);
      for (let i = 0; i < n; i++) {
        const v = castIn ? castIn(src[offsets[i]]) : src[offsets[i]];
        out[i] = kernel(v, round, params);
      }
    }
    if (!outDtype.is_floating_point && outDtype.name !== "bool")
      for (let i = 0; i < n; i++) out[i] = outDtype.cast(out[i]);
    return out;
  },

  binary(op: BinaryOp, a: StridedArray, b: StridedArray, computeDtype: DType, outDtype: DType) {
    const kernel = BINARY[op];
    const round = computeDtype.cast;
    const n = numel(a.shape);
    const out = allocate(outDtype, n);
    const castA = a.dtype === computeDtype ? null : round;
    const castB = b.dtype === computeDtype ? null : round;
    const ad = a.data;
    const bd = b.data;
    if (n === 1) {
      const va = castA ? castA(ad[a.offset]) : ad[a.offset];
      const vb = castB ? castB(bd[b.offset]) : bd[b.offset];
      out[0] = kernel(va, vb, round);
      return out;
    }
    const ao = elementOffsets(a);
    const bo = elementOffsets(b);
    for (let i = 0; i < n; i++) {
      const va = castA ? castA(ad[ao[i]]) : ad[ao[i]];
      const vb = castB ? castB(bd[bo[i]]) : bd[bo[i]];
      out[i] = kernel(va, vb, round);
    }
    return out;
  },

  where(cond: StridedArray, a: StridedArray, b: StridedArray, outDtype: DType) {
    const n = numel(cond.shape);
    const out = allocate(outDtype, n);
    const co = elementOffsets(cond);
    const ao = elementOffsets(a);
    const bo = elementOffsets(b);
    for (let i = 0; i < n; i++) {
      out[i] = outDtype.cast(cond.data[co[i]] !== 0 ? a.data[ao[i]] : b.data[bo[i]]);
    }
    return out;
  },

  reduce(op: ReduceOp, x: StridedArray, dims: readonly number[], outDtype: DType) {
    const { outer, inner, offsets } = splitForReduction(x, dims);
    const out = allocate(outDtype, outer);
    for (let o = 0; o < outer; o++) out[o] = outDtype.cast(reduceRow(op, x.data, offsets, o * inner, inner));
    return out;
  },

  argReduce(op: ArgReduceOp, x: StridedArray, dim: number) {
    const { outer, inner, offsets } = splitForReduction(x, [dim]);
    const out = new Float64Array(outer);
    const better =
      op === "argmax" ? (v: number, best: number) => v > best : (v: number, best: number) => v < best;
    for (let o = 0; o < outer; o++) {
      let bestIndex = 0;
      let best = x.data[offsets[o * inner]];
      for (let i = 1; i < inner && !Number.isNaN(best); i++) {
        const v = x.data[offsets[o * inner + i]];
        if (Number.isNaN(v) || better(v, best)) {
          best = v;
          bestIndex = i;
        }
      }
      out[o] = bestIndex;
    }
    return out;
  },

  scan(op: ScanOp, x: StridedArray, dim: number, outDtype: DType) {
    const n = numel(x.shape);
    const out = allocate(outDtype, n);
    const offsets = elementOffsets(x);
    const size = x.shape[dim];
    const stride = contiguousStrides(x.shape)[dim];
    const round = outDtype.cast;
    for (let i = 0; i < n; i++) {
      const pos = Math.floor(i / stride) % size;
      const v = round(x.data[offsets[i]]);
      if (pos === 0) out[i] = v;
      else out[i] = op === "cumsum" ? round(out[i - stride] + v) : round(out[i - stride] * v);
    }
    return out;
  },

  matmul(a: StridedArray, b: StridedArray, outDtype: DType) {
    const [batch, m, k] = a.shape;
    const nCols = b.shape[2];
    const out = allocate(outDtype, batch * m * nCols);
    const [sab, sam, sak] = a.strides;
    const [sbb, sbk, sbn] = b.strides;
    const round = outDtype.cast;
    const row = new Float64Array(nCols);
    for (let p = 0; p < batch; p++) {
      for (let i = 0; i < m; i++) {
        row.fill(0);
        for (let q = 0; q < k; q++) {
          const av = a.data[a.offset + p * sab + i * sam + q * sak];
          if (av === 0) continue;
          const bBase = b.offset + p * sbb + q * sbk;
          for (let j = 0; j < nCols; j++) row[j] += av * b.data[bBase + j * sbn];
        }
        const base = (p * m + i) * nCols;
        for (let j = 0; j < nCols; j++) out[base + j] = round(row[j]);
      }
    }
    return out;
  },

  copy(x: StridedArray, outDtype: DType) {
    const n = numel(x.shape);
    const out = allocate(outDtype, n);
    const cast = x.dtype === outDtype ? null : outDtype.cast;
    if (isDense(x) && !cast) {
      out.set(x.data.subarray(x.offset, x.offset + n));
      return out;
    }
    const offsets = elementOffsets(x);
    for (let i = 0; i < n; i++) out[i] = cast ? cast(x.data[offsets[i]]) : x.data[offsets[i]];
    return out;
  },

  gather(x: StridedArray, dim: number, index: StridedArray) {
    const n = numel(index.shape);
    const out = allocate(x.dtype, n);
    // Offsets of x restricted to index's shape with x's strides; the index moves along `dim`.
    const base = offsetsFor(index.shape, x.strides, x.offset);
    const io = elementOffsets(index);
    const stride = x.strides[dim];
    const baseStrideInDim = contiguousStrides(index.shape)[dim];
    for (let i = 0; i < n; i++) {
      const posInDim = Math.floor(i / baseStrideInDim) % index.shape[dim];
      out[i] = x.data[base[i] - posInDim * stride + index.data[io[i]] * stride];
    }
    return out;
  },

  scatter(
    out: TypedArray,
    outShape: Shape,
    dim: number,
    index: StridedArray,
    src: StridedArray,
    mode: "set" | "add",
  ) {
    const n = numel(index.shape);
    const outStrides = contiguousStrides(outShape);
    const base = offsetsFor(index.shape, outStrides, 0);
    const io = elementOffsets(index);
    const so = offsetsFor(index.shape, src.strides, src.offset);
    const stride = outStrides[dim];
    const indexStrideInDim = contiguousStrides(index.shape)[dim];
    for (let i = 0; i < n; i++) {
      const posInDim = Math.floor(i / indexStrideInDim) % index.shape[dim];
      const target = base[i] - posInDim * stride + index.data[io[i]] * stride;
      const v = src.data[so[i]];
      out[target] = mode === "add" ? out[target] + v : v;
    }
  },
};
