// The native addon's entry points and op codes, declared once. `npm run gen:native` writes
// native/entry_points.h from this table (the C enums, argument specs and registration list); addon.ts derives
// the addon's TypeScript type and op codes from it; the C argument parser checks every call against it. See
// docs/native.md for what each argument kind accepts and how to add an entry point.

/** The most dims a `dims` or `strides` argument may have (the C kernels' fixed-size index arrays). */
export const MAX_DIMS = 16;

/**
 * Op codes, by group: each op's code is its index in its list. `cPrefix` names the C enum
 * (unary's neg is U_NEG; U_COUNT ends the list).
 */
export const OP_GROUPS = {
  unary: { cPrefix: "U", ops: ["neg", "relu", "exp", "log", "sigmoid", "tanh", "copy"] },
  binary: { cPrefix: "B", ops: ["add", "sub", "mul", "div"] },
  reduceRows: { cPrefix: "R", ops: ["max", "min", "argmax", "argmin"] },
} as const;

export type OpGroup = keyof typeof OP_GROUPS;

/**
 * What an argument accepts (the C parser checks each; docs/native.md has the list):
 * floats: a Float32Array or Float64Array, all `floats` of one call of one type; f32 / f64: that array type;
 * anyFloats: either, whatever the others are; int: a safe integer >= 0; flag: 0 or 1; number: any number;
 * dims: at most MAX_DIMS ints >= 0; strides: at most MAX_DIMS safe integers, as many as the entry's dims;
 * op:<group>: a code of that op group.
 */
export type ArgKind =
  "floats" | "f32" | "f64" | "anyFloats" | "int" | "flag" | "number" | "dims" | "strides" | `op:${OpGroup}`;

/** `name:kind`, or `name?:kind` for an optional trailing argument (absent: 0). */
export type ArgSpec = `${string}:${ArgKind}`;

interface EntryPoint {
  /** What it computes; copied into the generated header above its argument struct. */
  doc: string;
  args: readonly ArgSpec[];
}

export const ENTRY_POINTS = {
  unary: {
    doc: "out = op(x) over a strided view of x, written densely in row-major order of shape.",
    args: ["op:op:unary", "x:floats", "offset:int", "shape:dims", "strides:strides", "out:floats"],
  },
  binary: {
    doc: "out = a op b over strided views of a and b of one shape (already broadcast), written densely.",
    args: [
      "op:op:binary",
      "a:floats",
      "aOffset:int",
      "aStrides:strides",
      "b:floats",
      "bOffset:int",
      "bStrides:strides",
      "shape:dims",
      "out:floats",
    ],
  },
  gemv: {
    doc:
      "out = A @ x (trans: A^T @ x) by BLAS, where A is m x n column-major with leading dim lda, as " +
      "PyTorch's addmv passes it to sgemv_ / dgemv_ (incx > 0).",
    args: [
      "a:floats",
      "aOffset:int",
      "trans:flag",
      "lda:int",
      "m:int",
      "n:int",
      "x:floats",
      "xOffset:int",
      "incx:int",
      "out:floats",
    ],
  },
  boxMuller16: {
    doc:
      "PyTorch's normal_fill_16 for double on `blocks` blocks of 16 uniforms from offset, in place: glibc's " +
      "log, cos and sin, and radius * cos(theta) * std + mean fused as PyTorch's AVX2 build computes it.",
    args: ["data:f64", "offset:int", "blocks:int", "mean:number", "std:number"],
  },
  normalPairs: {
    doc:
      "PyTorch's normal_distribution<double> on `pairs` pairs of uniforms (u1, u2) in place: r = " +
      "sqrt(-2 log(1 - u2)), theta = 2 pi u1, the pair becoming (r cos(theta), r sin(theta)), with glibc's libm.",
    args: ["data:f64", "pairs:int"],
  },
  gemm: {
    doc:
      "out[p] = a[p] @ b[p] (p < batch) by BLAS: a[p] is m x k, row-major with leading dim lda (aTrans: " +
      "its transpose, column-major), b[p] is k x n; accumulate = 1 adds to what out holds (BLAS beta = 1).",
    args: [
      "a:floats",
      "aOffset:int",
      "aBatchStride:int",
      "aTrans:flag",
      "lda:int",
      "b:floats",
      "bOffset:int",
      "bBatchStride:int",
      "bTrans:flag",
      "ldb:int",
      "out:floats",
      "batch:int",
      "m:int",
      "n:int",
      "k:int",
      "accumulate?:flag",
    ],
  },
  reduceRows: {
    doc:
      "max / min (out: x's type) or argmax / argmin (out: Float64Array of indices, the first extreme, NaN " +
      "winning) of each of `rows` rows of `cols` contiguous elements, rows rowStride apart.",
    args: [
      "x:floats",
      "offset:int",
      "rows:int",
      "cols:int",
      "rowStride:int",
      "op:op:reduceRows",
      "out:anyFloats",
    ],
  },
  sumIter: {
    doc:
      "PyTorch's cascade sum over a TensorIterator TypeScript has reordered and coalesced (dim 0 fastest); " +
      "zeroes out first.",
    args: ["x:floats", "offset:int", "sizes:dims", "inStrides:strides", "outStrides:strides", "out:floats"],
  },
  softmax: {
    doc: "float32 softmax (log: log_softmax) of a contiguous [outer, dimSize, inner] array along dim 1.",
    args: [
      "x:f32",
      "offset:int",
      "outer:int",
      "dimSize:int",
      "inner:int",
      "lastDim:flag",
      "log:flag",
      "out:f32",
    ],
  },
  sigmoidBackward: {
    doc: "out = g * (1 - y) * y over dense operands of out's length.",
    args: ["g:floats", "gOffset:int", "y:floats", "yOffset:int", "out:floats"],
  },
  thresholdBackward: {
    doc: "out = x <= threshold ? 0 : g over dense operands of out's length.",
    args: ["g:floats", "gOffset:int", "x:floats", "xOffset:int", "threshold:number", "out:floats"],
  },
  softmaxBackward: {
    doc: "float32 softmax (log: log_softmax) backward of dense [outer, dimSize, inner] arrays along dim 1.",
    args: [
      "g:f32",
      "gOffset:int",
      "y:f32",
      "yOffset:int",
      "outer:int",
      "dimSize:int",
      "inner:int",
      "log:flag",
      "out:f32",
    ],
  },
  bceWithLogits: {
    doc: "float32 binary_cross_entropy_with_logits per element (no weights), dense operands of out's length.",
    args: ["x:f32", "xOffset:int", "y:f32", "yOffset:int", "out:f32"],
  },
  bceWithLogitsBackward: {
    doc:
      "bceWithLogits' backward: (sigmoid(x) - y) * g / divisor (divisor > 0); g dense (gStride 1) or one broadcast " +
      "value (gStride 0).",
    args: [
      "x:f32",
      "xOffset:int",
      "y:f32",
      "yOffset:int",
      "g:f32",
      "gOffset:int",
      "gStride:flag",
      "divisor:number",
      "out:f32",
    ],
  },
} as const satisfies Record<string, EntryPoint>;

export type EntryPointName = keyof typeof ENTRY_POINTS;

/** Splits `name:kind` (or `name?:kind`) at its first colon. */
export function parseArgSpec(spec: ArgSpec): { name: string; kind: ArgKind; optional: boolean } {
  const colon = spec.indexOf(":");
  const name = spec.slice(0, colon);
  const optional = name.endsWith("?");
  return { name: optional ? name.slice(0, -1) : name, kind: spec.slice(colon + 1) as ArgKind, optional };
}
