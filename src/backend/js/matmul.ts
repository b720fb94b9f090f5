// Matrix products for the TypeScript backend.
import type { StridedArray } from "../backend.js";
import { allocate, type DType, type TypedArray } from "../../tensor/dtype.js";

/** Batched product of a [B, M, K] and b [B, K, N] (any strides) into a contiguous [B, M, N]. */
export function matmul(a: StridedArray, b: StridedArray, outDtype: DType): TypedArray {
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
}
