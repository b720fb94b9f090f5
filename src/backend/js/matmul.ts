// Matrix products for the TypeScript backend.
import type { StridedArray } from "../backend.js";
import { allocate, type DType, type TypedArray } from "../../tensor/dtype.js";

/**
 * Copies batch `p` of a strided [B, R, C] array into a dense Float64Array (reused across batches), row-major
 * or, with `transpose`, column-major. Packing once makes the inner loop unit-stride whatever the strides.
 */
function pack(x: StridedArray, p: number, into: Float64Array, transpose: boolean): Float64Array {
  const [, rows, cols] = x.shape;
  const [sb, sr, sc] = x.strides;
  const data = x.data;
  const base = x.offset + p * sb;
  let k = 0;
  if (transpose) {
    for (let c = 0; c < cols; c++)
      for (let r = 0, off = base + c * sc; r < rows; r++, off += sr) into[k++] = data[off];
  } else {
    for (let r = 0; r < rows; r++)
      for (let c = 0, off = base + r * sr; c < cols; c++, off += sc) into[k++] = data[off];
  }
  return into;
}

/**
 * Batched product of a [B, M, K] and b [B, K, N] (any strides, stride 0 for a broadcast batch) into a
 * contiguous [B, M, N]. Each output element is one dot product summed over k in order, like OpenBLAS's
 * kernels. For float32 every step is a fused multiply-add rounded to float32 (the product of two float32s
 * is exact in a double, so fround(acc + a * b) rounds once), which reproduces PyTorch's sgemm digits.
 * Other dtypes accumulate in float64 and round at the end. Four output columns share each pass over a row
 * of a, on packed copies (a row-major, b column-major) so every load is unit-stride.
 */
export function matmul(a: StridedArray, b: StridedArray, outDtype: DType): TypedArray {
  const [batch, m, k] = a.shape;
  const n = b.shape[2];
  const out = allocate(outDtype, batch * m * n);
  if (batch === 0 || m === 0 || n === 0) return out;
  const round = outDtype.cast;
  const fusedFloat32 = outDtype.name === "float32";
  const aPacked = new Float64Array(m * k);
  const bPacked = new Float64Array(k * n);
  // A broadcast batch (stride 0) has the same matrix in every batch: pack it once.
  const aShared = a.strides[0] === 0 || batch === 1;
  const bShared = b.strides[0] === 0 || batch === 1;
  if (aShared) pack(a, 0, aPacked, false);
  if (bShared) pack(b, 0, bPacked, true);
  for (let p = 0; p < batch; p++) {
    if (!aShared) pack(a, p, aPacked, false);
    if (!bShared) pack(b, p, bPacked, true);
    const outBatch = p * m * n;
    if (fusedFloat32) productFloat32(aPacked, bPacked, out, outBatch, m, k, n);
    else productFloat64(aPacked, bPacked, out, outBatch, m, k, n, round);
  }
  return out;
}

// Two copies of the same loop, one per accumulation rule: calling Math.fround directly (not through a
// variable holding either it or an identity) keeps V8's optimised code fast (~6x in measurements).

/** out[i, j] = sum over q of a[i, q] * b[q, j], each step a float32-rounded fused multiply-add. */
function productFloat32(
  a: Float64Array,
  b: Float64Array,
  out: TypedArray,
  base: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const outRow = base + i * n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const c0 = j * k;
      const c1 = c0 + k;
      const c2 = c1 + k;
      const c3 = c2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let q = 0; q < k; q++) {
        const av = a[aRow + q];
        s0 = Math.fround(s0 + av * b[c0 + q]);
        s1 = Math.fround(s1 + av * b[c1 + q]);
        s2 = Math.fround(s2 + av * b[c2 + q]);
        s3 = Math.fround(s3 + av * b[c3 + q]);
      }
      out[outRow + j] = s0;
      out[outRow + j + 1] = s1;
      out[outRow + j + 2] = s2;
      out[outRow + j + 3] = s3;
    }
    for (; j < n; j++) {
      const c0 = j * k;
      let s0 = 0;
      for (let q = 0; q < k; q++) s0 = Math.fround(s0 + a[aRow + q] * b[c0 + q]);
      out[outRow + j] = s0;
    }
  }
}

/** The same product accumulated in float64 and rounded once to the output dtype. */
function productFloat64(
  a: Float64Array,
  b: Float64Array,
  out: TypedArray,
  base: number,
  m: number,
  k: number,
  n: number,
  round: (v: number) => number,
): void {
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const outRow = base + i * n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const c0 = j * k;
      const c1 = c0 + k;
      const c2 = c1 + k;
      const c3 = c2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let q = 0; q < k; q++) {
        const av = a[aRow + q];
        s0 += av * b[c0 + q];
        s1 += av * b[c1 + q];
        s2 += av * b[c2 + q];
        s3 += av * b[c3 + q];
      }
      out[outRow + j] = round(s0);
      out[outRow + j + 1] = round(s1);
      out[outRow + j + 2] = round(s2);
      out[outRow + j + 3] = round(s3);
    }
    for (; j < n; j++) {
      const c0 = j * k;
      let s0 = 0;
      for (let q = 0; q < k; q++) s0 += a[aRow + q] * b[c0 + q];
      out[outRow + j] = round(s0);
    }
  }
}
