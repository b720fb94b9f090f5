// A tensor as ATen's C++ `operator<<` prints it (aten/src/ATen/core/Formatting.cpp, at::print with a line width
// of 80), which some of PyTorch's error messages embed ("torch.meshgrid: Expected 0D or 1D tensor in the tensor
// list but got: ..."). Values print as doubles, in one format per matrix chosen from their magnitudes.
import { cppDoubleStr, formatExponential, formatFixed } from "../python.js";
import { bool } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";

const LINE_WIDTH = 80;

/** How __printFormat says one matrix's values print: divided by `scale`, in `width` columns. */
interface CppFormat {
  scale: number;
  width: number;
  text: (x: number) => string;
}

/** __printFormat: integers in %g unless huge; others fixed with 4 decimals, scaled, or scientific. */
function printFormat(values: readonly number[]): CppFormat {
  const intMode = values.every((z) => !Number.isFinite(z) || z === Math.ceil(z));
  const first = values.findIndex((z) => Number.isFinite(z));
  let expMin = 1;
  let expMax = 1;
  if (first >= 0) {
    expMin = Math.abs(values[first]);
    expMax = Math.abs(values[first]);
    for (const z of values.slice(first)) {
      if (!Number.isFinite(z)) continue;
      if (Math.abs(z) < expMin) expMin = Math.abs(z);
      // ATen compares the signed value here, so a negative one never raises the maximum.
      if (z > expMax) expMax = Math.abs(z);
    }
    expMin = expMin !== 0 ? Math.floor(Math.log10(expMin)) + 1 : 1;
    expMax = expMax !== 0 ? Math.floor(Math.log10(expMax)) + 1 : 1;
  }
  const fixed = (x: number) => formatFixed(x, 4);
  const scientific = (x: number) => formatExponential(x, 4);
  if (intMode) {
    return expMax > 9
      ? { scale: 1, width: 11, text: scientific }
      : { scale: 1, width: expMax + 1, text: cppDoubleStr };
  }
  if (expMax - expMin > 4) {
    const width = Math.abs(expMax) > 99 || Math.abs(expMin) > 99 ? 12 : 11;
    return { scale: 1, width, text: scientific };
  }
  if (expMax > 5 || expMax < 0) return { scale: 10 ** (expMax - 1), width: 7, text: fixed };
  return { scale: 1, width: expMax === 0 ? 7 : expMax + 6, text: fixed };
}

/** __printMatrix: rows of right-aligned values, split into column blocks that fit the line width. */
function printMatrix(rows: number[][], indent: number): string {
  const format = printFormat(rows.flat());
  const pad = " ".repeat(indent);
  const columns = rows[0].length;
  const perLine = Math.floor((LINE_WIDTH - indent) / (format.width + 1));
  let out = pad;
  for (let first = 0; first < columns;) {
    const last = Math.min(first + perLine, columns) - 1;
    if (perLine < columns) {
      if (first !== 0) out += "\n";
      out += `Columns ${first + 1} to ${last + 1}${pad}`;
    }
    if (format.scale !== 1) out += `${cppDoubleStr(format.scale)} *\n${pad}`;
    rows.forEach((row, r) => {
      for (let c = first; c <= last; c++) {
        out += format.text(row[c] / format.scale).padStart(format.width);
        if (c !== last) out += " ";
      }
      out += "\n";
      if (r !== rows.length - 1) out += format.scale !== 1 ? `${pad} ` : pad;
    });
    first = last + 1;
  }
  return out;
}

/** The rows of the matrix at `index` of the leading dims, from row-major values. */
function matrixAt(values: readonly number[], shape: readonly number[], index: number): number[][] {
  const [rows, cols] = shape.slice(-2);
  const start = index * rows * cols;
  return Array.from({ length: rows }, (_, r) => values.slice(start + r * cols, start + (r + 1) * cols));
}

/** `tensor.toString()` in ATen: the legacy type name ("torch.FloatTensor"; bool's is "CPUBoolType"). */
function typeName(t: Tensor): string {
  return t.dtype === bool ? "CPUBoolType" : `torch.${t.dtype.scalarTypeName}Tensor`;
}

/** at::print(stream, tensor, 80) for a tensor of two dims or more. */
export function cppTensorText(t: Tensor): string {
  const values = Array.from(t.contiguous().values(), Number);
  const shape = t.shape;
  let body = "";
  if (values.length > 0) {
    if (shape.length === 2) body = printMatrix(matrixAt(values, shape, 0), 0);
    else {
      // __printTensor: each matrix under its "(i,j,.,.) = " heading; ATen's counter steps the first dim fastest.
      const lead = shape.slice(0, -2);
      const count = lead.reduce((a, b) => a * b, 1);
      const parts: string[] = [];
      for (let k = 0; k < count; k++) {
        const index: number[] = [];
        let rest = k;
        for (let d = 0; d < lead.length; d++) {
          index[d] = rest % lead[d];
          rest = Math.floor(rest / lead[d]);
        }
        const flat = index.reduce((acc, i, d) => acc * lead[d] + i, 0);
        parts.push(
          `(${index.map((i) => i + 1).join(",")},.,.) = \n${printMatrix(matrixAt(values, shape, flat), 1)}`,
        );
      }
      body = parts.join("\n");
    }
  }
  return `${body}[ ${typeName(t)}{${shape.join(",")}} ]`;
}
