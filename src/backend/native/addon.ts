// Loads the native addon (build/Release/tensorgrad_native.node) and wraps each of its entry points with
// TypeScript checks of every dtype, shape, stride, offset and length, so a bad argument throws a clear
// Error here and never reaches C. The C side checks again, as a second line of defence.
type FloatArray = Float32Array | Float64Array;

/** The raw addon, exactly as C exports it. */
export interface RawAddon {
  unary(op: number, x: FloatArray, offset: number, shape: number[], strides: number[], out: FloatArray): void;
  binary(
    op: number,
    a: FloatArray,
    aOffset: number,
    aStrides: number[],
    b: FloatArray,
    bOffset: number,
    bStrides: number[],
    shape: number[],
    out: FloatArray,
  ): void;
  gemm(
    a: FloatArray,
    aOffset: number,
    aBatchStride: number,
    aTrans: number,
    lda: number,
    b: FloatArray,
    bOffset: number,
    bBatchStride: number,
    bTrans: number,
    ldb: number,
    out: FloatArray,
    batch: number,
    m: number,
    n: number,
    k: number,
    /** 1: add the product to out's values (BLAS beta = 1). */
    accumulate?: number,
  ): void;
  /** op 0/1: max/min of each row (out: x's type); 2/3: argmax/argmin (out: Float64Array of indices). */
  reduceRows(
    x: FloatArray,
    offset: number,
    rows: number,
    cols: number,
    rowStride: number,
    op: number,
    out: FloatArray,
  ): void;
  /** Cascade sum over a reordered, coalesced TensorIterator (dim 0 fastest); zeroes `out` first. */
  sumIter(
    x: FloatArray,
    offset: number,
    sizes: number[],
    inStrides: number[],
    outStrides: number[],
    out: FloatArray,
  ): void;
  /** Float32 softmax (log: 1 for log_softmax) of a contiguous [outer, dimSize, inner] array along dim 1. */
  softmax(
    x: Float32Array,
    offset: number,
    outer: number,
    dimSize: number,
    inner: number,
    lastDim: number,
    log: number,
    out: Float32Array,
  ): void;
  /** out = g * (1 - y) * y over dense operands of out's length. */
  sigmoidBackward(g: FloatArray, gOffset: number, y: FloatArray, yOffset: number, out: FloatArray): void;
  /** out = x <= threshold ? 0 : g over dense operands of out's length. */
  thresholdBackward(
    g: FloatArray,
    gOffset: number,
    x: FloatArray,
    xOffset: number,
    threshold: number,
    out: FloatArray,
  ): void;
  /** Float32 softmax (log: 1 for log_softmax) backward of dense [outer, dimSize, inner] arrays along dim 1. */
  softmaxBackward(
    g: Float32Array,
    gOffset: number,
    y: Float32Array,
    yOffset: number,
    outer: number,
    dimSize: number,
    inner: number,
    log: number,
    out: Float32Array,
  ): void;
  /** Float32 binary_cross_entropy_with_logits per element (no weights), dense operands of out's length. */
  bceWithLogits(x: Float32Array, xOffset: number, y: Float32Array, yOffset: number, out: Float32Array): void;
  /** Its backward: (sigmoid(x) - y) * g / divisor; g dense (gStride 1) or one broadcast value (gStride 0). */
  bceWithLogitsBackward(
    x: Float32Array,
    xOffset: number,
    y: Float32Array,
    yOffset: number,
    g: Float32Array,
    gOffset: number,
    gStride: number,
    divisor: number,
    out: Float32Array,
  ): void;
}

const ADDON_FILE = "build/Release/tensorgrad_native.node";

interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (name: string) => unknown;
}

/**
 * Loads the addon, or returns the reason it could not. Touches no Node module unless running on Node
 * (process.getBuiltinModule), so browser bundles never try to resolve `node:module`.
 */
export function loadAddon(): { addon: RawAddon } | { error: string } {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (!proc?.versions?.node) return { error: "not running on Node.js" };
  if (typeof proc.getBuiltinModule !== "function")
    return { error: "this Node.js lacks process.getBuiltinModule" };
  try {
    const { createRequire } = proc.getBuiltinModule("node:module") as typeof import("node:module");
    const { existsSync } = proc.getBuiltinModule("node:fs") as typeof import("node:fs");
    // src/backend/native/ and dist/backend/native/ are both three levels below the package root.
    const file = new URL(`../../../${ADDON_FILE}`, import.meta.url);
    if (file.protocol !== "file:" || !existsSync(file)) return { error: `${ADDON_FILE} is not built` };
    const addon = createRequire(import.meta.url)(file.pathname) as RawAddon;
    const entryPoints = [
      "unary",
      "binary",
      "gemm",
      "reduceRows",
      "sumIter",
      "softmax",
      "sigmoidBackward",
      "thresholdBackward",
      "softmaxBackward",
      "bceWithLogits",
      "bceWithLogitsBackward",
    ] as const;
    for (const fn of entryPoints) {
      if (typeof addon[fn] !== "function") return { error: `${ADDON_FILE} has no '${fn}'` };
    }
    return { addon };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}

const MAX_DIMS = 16;

function fail(where: string, what: string): never {
  throw new Error(`tensorgrad native ${where}: ${what}`);
}

function checkFloatArray(where: string, name: string, v: unknown): asserts v is FloatArray {
  if (!(v instanceof Float32Array) && !(v instanceof Float64Array))
    fail(where, `${name} must be a Float32Array or Float64Array`);
}

function checkInt(where: string, name: string, v: unknown, min = 0): asserts v is number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min)
    fail(where, `${name} must be an integer >= ${min}, got ${String(v)}`);
}

function checkList(where: string, name: string, v: unknown, length?: number): asserts v is number[] {
  if (!Array.isArray(v) || v.length > MAX_DIMS)
    fail(where, `${name} must be an array of at most ${MAX_DIMS} integers`);
  if (length !== undefined && v.length !== length)
    fail(where, `${name} has ${v.length} entries, expected ${length}`);
  v.forEach((e: unknown, i) => checkInt(where, `${name}[${i}]`, e, name.includes("trides") ? -Infinity : 0));
}

/** Throws unless every element of the view lies inside `data`; returns the element count. */
export function checkView(
  where: string,
  data: FloatArray,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
): number {
  checkInt(where, "offset", offset);
  let n = 1;
  for (const d of shape) n *= d;
  if (n === 0) return 0;
  let lo = offset;
  let hi = offset;
  shape.forEach((d, i) => {
    const span = (d - 1) * strides[i];
    if (span < 0) lo += span;
    else hi += span;
  });
  if (lo < 0 || hi >= data.length)
    fail(
      where,
      `view [${shape.join(", ")}] strides [${strides.join(", ")}] offset ${offset} reads outside an array of ${data.length} elements`,
    );
  return n;
}

function checkOut(where: string, out: unknown, like: FloatArray, n: number): asserts out is FloatArray {
  checkFloatArray(where, "out", out);
  if (out.constructor !== like.constructor) fail(where, "out must have the input's array type");
  if (out.length !== n) fail(where, `out has ${out.length} elements, expected ${n}`);
}

export const UNARY_CODES = { neg: 0, relu: 1, exp: 2, log: 3, sigmoid: 4, tanh: 5 } as const;
/** The identity, for strided copies. */
export const COPY_CODE = 6;
export const BINARY_CODES = { add: 0, sub: 1, mul: 2, div: 3 } as const;

/** The addon's entry points behind full argument validation. */
export interface CheckedAddon {
  unary(op: number, x: FloatArray, offset: number, shape: number[], strides: number[], out: FloatArray): void;
  binary(
    op: number,
    a: FloatArray,
    aOffset: number,
    aStrides: number[],
    b: FloatArray,
    bOffset: number,
    bStrides: number[],
    shape: number[],
    out: FloatArray,
  ): void;
  gemm(...args: Parameters<RawAddon["gemm"]>): void;
  reduceRows(...args: Parameters<RawAddon["reduceRows"]>): void;
  sumIter(...args: Parameters<RawAddon["sumIter"]>): void;
  softmax(...args: Parameters<RawAddon["softmax"]>): void;
  sigmoidBackward(...args: Parameters<RawAddon["sigmoidBackward"]>): void;
  thresholdBackward(...args: Parameters<RawAddon["thresholdBackward"]>): void;
  softmaxBackward(...args: Parameters<RawAddon["softmaxBackward"]>): void;
  bceWithLogits(...args: Parameters<RawAddon["bceWithLogits"]>): void;
  bceWithLogitsBackward(...args: Parameters<RawAddon["bceWithLogitsBackward"]>): void;
}

/** Throws unless `data` has `n` elements from `offset` on. */
function checkDense(
  where: string,
  name: string,
  data: unknown,
  offset: number,
  n: number,
  like: FloatArray,
): void {
  checkFloatArray(where, name, data);
  if (data.constructor !== like.constructor) fail(where, `${name} must have out's array type`);
  checkInt(where, `${name} offset`, offset);
  if (offset + n > data.length)
    fail(where, `${name} has ${data.length} elements, fewer than offset ${offset} + ${n}`);
}

export function checked(raw: RawAddon): CheckedAddon {
  return {
    unary(op, x, offset, shape, strides, out) {
      const where = "unary";
      checkInt(where, "op", op);
      if (op > COPY_CODE) fail(where, `unknown op code ${op}`);
      checkFloatArray(where, "x", x);
      checkList(where, "shape", shape);
      checkList(where, "strides", strides, shape.length);
      const n = checkView(where, x, offset, shape, strides);
      checkOut(where, out, x, n);
      raw.unary(op, x, offset, shape, strides, out);
    },
    binary(op, a, aOffset, aStrides, b, bOffset, bStrides, shape, out) {
      const where = "binary";
      checkInt(where, "op", op);
      if (op > 3) fail(where, `unknown op code ${op}`);
      checkFloatArray(where, "a", a);
      checkFloatArray(where, "b", b);
      if (a.constructor !== b.constructor) fail(where, "a and b must have one array type");
      checkList(where, "shape", shape);
      checkList(where, "aStrides", aStrides, shape.length);
      checkList(where, "bStrides", bStrides, shape.length);
      const n = checkView(where, a, aOffset, shape, aStrides);
      checkView(where, b, bOffset, shape, bStrides);
      checkOut(where, out, a, n);
      raw.binary(op, a, aOffset, aStrides, b, bOffset, bStrides, shape, out);
    },
    gemm(...args) {
      const [a, aOffset, aBatch, aTrans, lda, b, bOffset, bBatch, bTrans, ldb, out, batch, m, n, k] = args;
      const accumulate = args[15] ?? 0;
      const where = "gemm";
      if (accumulate !== 0 && accumulate !== 1) fail(where, "accumulate must be 0 or 1");
      checkFloatArray(where, "a", a);
      checkFloatArray(where, "b", b);
      if (a.constructor !== b.constructor) fail(where, "a and b must have one array type");
      const ints = { aOffset, aBatch, aTrans, lda, bOffset, bBatch, bTrans, ldb, batch, m, n, k };
      for (const [name, v] of Object.entries(ints)) checkInt(where, name, v);
      if (aTrans > 1 || bTrans > 1) fail(where, "aTrans and bTrans must be 0 or 1");
      if (Math.max(m, n, k, lda, ldb) > 0x7fffffff) fail(where, "matrix dimensions exceed 2^31 - 1");
      checkOut(where, out, a, batch * m * n);
      if (batch > 0 && m > 0 && n > 0 && k > 0) {
        // Element (i, j) of a row-major operand is at i * ld + j; of a transposed one at j * ld + i.
        const span = (trans: number, rows: number, cols: number, ld: number): [number[], number[]] =>
          trans
            ? [
                [batch, cols, rows],
                [0, ld, 1],
              ]
            : [
                [batch, rows, cols],
                [0, ld, 1],
              ];
        const [aShape, aStr] = span(aTrans, m, k, lda);
        const [bShape, bStr] = span(bTrans, k, n, ldb);
        if (lda < aShape[2] || ldb < bShape[2]) fail(where, "leading dimension smaller than a row");
        checkView(where, a, aOffset, aShape, [aBatch, aStr[1], 1]);
        checkView(where, b, bOffset, bShape, [bBatch, bStr[1], 1]);
      }
      raw.gemm(...args);
    },
    reduceRows(x, offset, rows, cols, rowStride, op, out) {
      const where = "reduceRows";
      checkFloatArray(where, "x", x);
      checkInt(where, "rows", rows);
      checkInt(where, "cols", cols, 1);
      checkInt(where, "rowStride", rowStride);
      checkInt(where, "op", op);
      if (op > 3) fail(where, `unknown op code ${op}`);
      checkView(where, x, offset, [rows, cols], [rowStride, 1]);
      if (op >= 2) {
        if (!(out instanceof Float64Array)) fail(where, "argmax/argmin need a Float64Array out");
        if (out.length !== rows) fail(where, `out has ${out.length} elements, expected ${rows}`);
      } else checkOut(where, out, x, rows);
      raw.reduceRows(x, offset, rows, cols, rowStride, op, out);
    },
    sumIter(x, offset, sizes, inStrides, outStrides, out) {
      const where = "sumIter";
      checkFloatArray(where, "x", x);
      checkList(where, "sizes", sizes);
      checkList(where, "inStrides", inStrides, sizes.length);
      checkList(where, "outStrides", outStrides, sizes.length);
      checkView(where, x, offset, sizes, inStrides);
      checkFloatArray(where, "out", out);
      if (out.constructor !== x.constructor) fail(where, "out must have the input's array type");
      checkView(where, out, 0, sizes, outStrides);
      raw.sumIter(x, offset, sizes, inStrides, outStrides, out);
    },
    softmax(x, offset, outer, dimSize, inner, lastDim, log, out) {
      const where = "softmax";
      if (!(x instanceof Float32Array)) fail(where, "x must be a Float32Array");
      for (const [name, v] of Object.entries({ outer, dimSize, inner })) checkInt(where, name, v);
      for (const [name, v] of Object.entries({ lastDim, log })) {
        checkInt(where, name, v);
        if (v > 1) fail(where, `${name} must be 0 or 1`);
      }
      if (lastDim === 1 && inner !== 1) fail(where, "lastDim needs inner == 1");
      const n = checkView(where, x, offset, [outer, dimSize, inner], [dimSize * inner, inner, 1]);
      checkOut(where, out, x, n);
      raw.softmax(x, offset, outer, dimSize, inner, lastDim, log, out);
    },
    sigmoidBackward(g, gOffset, y, yOffset, out) {
      const where = "sigmoidBackward";
      checkFloatArray(where, "out", out);
      checkDense(where, "g", g, gOffset, out.length, out);
      checkDense(where, "y", y, yOffset, out.length, out);
      raw.sigmoidBackward(g, gOffset, y, yOffset, out);
    },
    thresholdBackward(g, gOffset, x, xOffset, threshold, out) {
      const where = "thresholdBackward";
      checkFloatArray(where, "out", out);
      checkDense(where, "g", g, gOffset, out.length, out);
      checkDense(where, "x", x, xOffset, out.length, out);
      if (typeof threshold !== "number") fail(where, "threshold must be a number");
      raw.thresholdBackward(g, gOffset, x, xOffset, threshold, out);
    },
    softmaxBackward(g, gOffset, y, yOffset, outer, dimSize, inner, log, out) {
      const where = "softmaxBackward";
      if (!(out instanceof Float32Array)) fail(where, "out must be a Float32Array");
      checkInt(where, "outer", outer);
      checkInt(where, "dimSize", dimSize, 1);
      checkInt(where, "inner", inner, 1);
      checkInt(where, "log", log);
      if (log > 1) fail(where, "log must be 0 or 1");
      if (outer * dimSize * inner !== out.length)
        fail(where, `out has ${out.length} elements, expected ${outer * dimSize * inner}`);
      checkDense(where, "g", g, gOffset, out.length, out);
      checkDense(where, "y", y, yOffset, out.length, out);
      raw.softmaxBackward(g, gOffset, y, yOffset, outer, dimSize, inner, log, out);
    },
    bceWithLogits(x, xOffset, y, yOffset, out) {
      const where = "bceWithLogits";
      if (!(out instanceof Float32Array)) fail(where, "out must be a Float32Array");
      checkDense(where, "x", x, xOffset, out.length, out);
      checkDense(where, "y", y, yOffset, out.length, out);
      raw.bceWithLogits(x, xOffset, y, yOffset, out);
    },
    bceWithLogitsBackward(x, xOffset, y, yOffset, g, gOffset, gStride, divisor, out) {
      const where = "bceWithLogitsBackward";
      if (!(out instanceof Float32Array)) fail(where, "out must be a Float32Array");
      checkDense(where, "x", x, xOffset, out.length, out);
      checkDense(where, "y", y, yOffset, out.length, out);
      checkInt(where, "gStride", gStride);
      if (gStride > 1) fail(where, "gStride must be 0 or 1");
      checkDense(where, "g", g, gOffset, out.length === 0 ? 0 : gStride ? out.length : 1, out);
      if (typeof divisor !== "number" || !(divisor > 0)) fail(where, "divisor must be a positive number");
      raw.bceWithLogitsBackward(x, xOffset, y, yOffset, g, gOffset, gStride, divisor, out);
    },
  };
}
