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
  unary: {
    cPrefix: "U",
    ops: ["neg", "relu", "exp", "log", "sigmoid", "tanh", "copy", "abs", "gelu", "pow"],
  },
  binary: { cPrefix: "B", ops: ["add", "sub", "mul", "div"] },
  reduceRows: { cPrefix: "R", ops: ["max", "min", "argmax", "argmin"] },
  optimizer: { cPrefix: "O", ops: ["rmsprop", "adagrad", "adamax", "nadam", "radam", "adadelta"] },
  sortRows: {
    cPrefix: "S",
    ops: ["ascending", "descending", "stableAscending", "stableDescending", "topkLargest", "topkSmallest"],
  },
} as const;

export type OpGroup = keyof typeof OP_GROUPS;

/**
 * What an argument accepts (the C parser checks each; docs/native.md has the list):
 * floats: a Float32Array or Float64Array, all `floats` of one call of one type; f32 / f64: that array type;
 * anyFloats: either, whatever the others are; int: a safe integer >= 0; flag: 0 or 1; number: any number;
 * dims: at most MAX_DIMS ints >= 0; strides: at most MAX_DIMS safe integers, as many as the entry's dims;
 * bytes: a Uint8Array (bool data); op:<group>: a code of that op group.
 */
export type ArgKind =
  | "floats"
  | "f32"
  | "f64"
  | "anyFloats"
  | "bytes"
  | "int"
  | "flag"
  | "number"
  | "dims"
  | "strides"
  | `op:${OpGroup}`;

/** `name:kind`, or `name?:kind` for an optional trailing argument (absent: 0). */
export type ArgSpec = `${string}:${ArgKind}`;

interface EntryPoint {
  /** What it computes; copied into the generated header above its argument struct. */
  doc: string;
  args: readonly ArgSpec[];
}

export const ENTRY_POINTS = {
  unary: {
    doc:
      "out = op(x) over a strided view of x, written densely in row-major order of shape (native/elementwise.c): " +
      "abs; gelu (float32: oneDNN's erf kernel on every element, as PyTorch runs a contiguous input; float64: " +
      "GeluKernel's SLEEF and glibc erf, as sigmoid's blocks); " +
      "pow (pow_scalar) with exponent `param` in {0, 1, 2, 3, 0.5, -0.5, -1, -2} (PyTorch's multiply / sqrt paths).",
    args: [
      "op:op:unary",
      "x:floats",
      "offset:int",
      "shape:dims",
      "strides:strides",
      "out:floats",
      "param?:number",
    ],
  },
  where: {
    doc:
      "out = cond ? a : b over strided views of cond (bool bytes), a and b of one shape (already broadcast), " +
      "written densely in row-major order; a, b and out of one float type.",
    args: [
      "cond:bytes",
      "condOffset:int",
      "condStrides:strides",
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
  mtUniformFill: {
    doc:
      "PyTorch's CPU uniform_ from its MT19937: `state` is the generator's 624 words as bytes, `index` the next " +
      "word (624: twist first); fills out with u * (to - from) + from, u from 24 random bits (float32 out, " +
      "rounded once) or 53 (float64 out, the fma PyTorch's build contracts), twisting `state` in place.",
    args: ["state:bytes", "index:int", "out:floats", "from:number", "to:number"],
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
  sortRows: {
    doc:
      "sort (k = cols) or topk (sorted: the k in order) of each of `rows` rows of `cols` contiguous elements, rows " +
      "rowStride apart, as PyTorch's CPU kernels order ties and NaNs (native/sort.c): values (x's type) and " +
      "indices (Float64Array), rows * k each.",
    args: [
      "x:floats",
      "offset:int",
      "rows:int",
      "cols:int",
      "rowStride:int",
      "k:int",
      "op:op:sortRows",
      "sorted:flag",
      "values:floats",
      "indices:anyFloats",
    ],
  },
  sumIter: {
    doc:
      "PyTorch's cascade sum over a TensorIterator TypeScript has reordered and coalesced (dim 0 fastest); " +
      "zeroes out first.",
    args: ["x:floats", "offset:int", "sizes:dims", "inStrides:strides", "outStrides:strides", "out:floats"],
  },
  softmax: {
    doc: "softmax (log: log_softmax) of a contiguous [outer, dimSize, inner] array along dim 1.",
    args: [
      "x:floats",
      "offset:int",
      "outer:int",
      "dimSize:int",
      "inner:int",
      "lastDim:flag",
      "log:flag",
      "out:floats",
    ],
  },
  sigmoidBackward: {
    doc: "out = g * (1 - y) * y over dense operands of out's length.",
    args: ["g:floats", "gOffset:int", "y:floats", "yOffset:int", "out:floats"],
  },
  geluBackward: {
    doc:
      "gelu_backward (exact gelu) over dense operands of out's length, as src/backend/js/grad_kernels.ts: " +
      "float32 by oneDNN's derivative (for inputs PyTorch gives oneDNN), float64 by GeluBackwardKernel.",
    args: ["g:floats", "gOffset:int", "x:floats", "xOffset:int", "out:floats"],
  },
  thresholdBackward: {
    doc: "out = x <= threshold ? 0 : g over dense operands of out's length.",
    args: ["g:floats", "gOffset:int", "x:floats", "xOffset:int", "threshold:number", "out:floats"],
  },
  softmaxBackward: {
    doc: "softmax (log: log_softmax) backward of dense [outer, dimSize, inner] arrays along dim 1.",
    args: [
      "g:floats",
      "gOffset:int",
      "y:floats",
      "yOffset:int",
      "outer:int",
      "dimSize:int",
      "inner:int",
      "log:flag",
      "out:floats",
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
  layerNorm: {
    doc:
      "LayerNormKernelImpl (src/backend/js/norm_kernels.ts): `rows` rows of `cols` dense elements from xOffset " +
      "normalized by their moments, times gamma plus beta (hasGamma / hasBeta: 0 ignores that array); writes " +
      "out, and each row's mean and rstd.",
    args: [
      "x:floats",
      "xOffset:int",
      "gamma:floats",
      "gammaOffset:int",
      "hasGamma:flag",
      "beta:floats",
      "betaOffset:int",
      "hasBeta:flag",
      "rows:int",
      "cols:int",
      "eps:number",
      "out:floats",
      "mean:floats",
      "rstd:floats",
    ],
  },
  layerNormBackward: {
    doc:
      "LayerNormBackwardKernelImpl on one thread: dx, dgamma, dbeta of `rows` x `cols` dense operands (mask " +
      "bits 1, 2, 4 select the outputs; an unselected output array is not touched).",
    args: [
      "dy:floats",
      "dyOffset:int",
      "x:floats",
      "xOffset:int",
      "mean:floats",
      "rstd:floats",
      "gamma:floats",
      "gammaOffset:int",
      "hasGamma:flag",
      "rows:int",
      "cols:int",
      "mask:int",
      "dx:floats",
      "dgamma:floats",
      "dbeta:floats",
    ],
  },
  batchNormStats: {
    doc:
      "batch_norm_cpu_update_stats_template on a dense (batch, channels, image) input: save_mean and " +
      "save_invstd per channel, and (hasRunning) the running mean and var updated in place (dense, offset 0).",
    args: [
      "x:floats",
      "xOffset:int",
      "batch:int",
      "channels:int",
      "image:int",
      "momentum:number",
      "eps:number",
      "hasRunning:flag",
      "runningMean:floats",
      "runningVar:floats",
      "mean:floats",
      "invstd:floats",
    ],
  },
  batchNormTransform: {
    doc:
      "batch_norm_cpu_kernel: out = x * alpha + beta per channel; train: stat is save_invstd, otherwise mean " +
      "and stat are the running mean and var (all per-channel arrays dense from offset 0).",
    args: [
      "x:floats",
      "xOffset:int",
      "weight:floats",
      "hasWeight:flag",
      "bias:floats",
      "hasBias:flag",
      "mean:floats",
      "stat:floats",
      "train:flag",
      "batch:int",
      "channels:int",
      "image:int",
      "eps:number",
      "out:floats",
    ],
  },
  batchNormBackward: {
    doc:
      "batch_norm_cpu_backward_kernel: dx, dweight, dbias (mask bits 1, 2, 4) of a dense (batch, channels, " +
      "image) input; mean and stat as batchNormTransform's.",
    args: [
      "dy:floats",
      "dyOffset:int",
      "x:floats",
      "xOffset:int",
      "weight:floats",
      "hasWeight:flag",
      "mean:floats",
      "stat:floats",
      "train:flag",
      "batch:int",
      "channels:int",
      "image:int",
      "eps:number",
      "mask:int",
      "dx:floats",
      "dweight:floats",
      "dbias:floats",
    ],
  },
  lapackGetrf: {
    doc:
      "LU with partial pivoting of `batch` dense row-major [m, n] matrices in place, by LAPACK's ?getrf on " +
      "column-major copies (native/lapack.c): 1-based pivots [batch, min(m, n)] and info [batch].",
    args: ["a:floats", "batch:int", "m:int", "n:int", "pivots:f64", "info:f64"],
  },
  lapackTrsm: {
    doc:
      "op(A) X = B (left) or X op(A) = B in place in b ([batch, rows, cols]) for triangular [n, n] a, by BLAS " +
      "?trsm on column-major copies.",
    args: [
      "a:floats",
      "b:floats",
      "batch:int",
      "n:int",
      "rows:int",
      "cols:int",
      "left:flag",
      "upper:flag",
      "transpose:flag",
      "unit:flag",
    ],
  },
  lapackPotrf: {
    doc: "Cholesky factors (?potrf) of `batch` [n, n] matrices in place, the other triangle zeroed; info [batch].",
    args: ["a:floats", "batch:int", "n:int", "upper:flag", "info:f64"],
  },
  lapackGeqrf: {
    doc: "Householder QR (?geqrf, optimal workspace) of `batch` [m, n] matrices in place; tau [batch, min(m, n)].",
    args: ["a:floats", "batch:int", "m:int", "n:int", "tau:floats", "info:f64"],
  },
  lapackOrgqr: {
    doc: "Q's first n columns (?orgqr) from k reflectors in `batch` [m, n] matrices (m >= n >= k), in place.",
    args: ["a:floats", "tau:floats", "batch:int", "m:int", "n:int", "k:int", "info:f64"],
  },
  lapackOrmqr: {
    doc:
      "c [batch, rows, cols] := op(Q) c (left) or c op(Q) in place by ?ormqr, Q from the k reflectors of geqrf's " +
      "[batch, m, n] a and tau [batch, k]; op transposes when `transpose`.",
    args: [
      "a:floats",
      "tau:floats",
      "c:floats",
      "batch:int",
      "m:int",
      "n:int",
      "k:int",
      "rows:int",
      "cols:int",
      "left:flag",
      "transpose:flag",
      "info:f64",
    ],
  },
  lapackSytrf: {
    doc: "Bunch-Kaufman LDL^T (?sytrf, lower) of `batch` symmetric [n, n] matrices in place; pivots [batch, n].",
    args: ["a:floats", "batch:int", "n:int", "pivots:f64", "info:f64"],
  },
  lapackSytrs: {
    doc: "Solves A X = B (?sytrs, lower) in place in b [batch, n, nrhs] from ?sytrf's factors and pivots.",
    args: ["a:floats", "pivots:f64", "b:floats", "batch:int", "n:int", "nrhs:int", "info:f64"],
  },
  lapackSyevd: {
    doc:
      "Eigenvalues w [batch, n] (ascending) and, with vectors, eigenvectors (columns, in place in a) of `batch` " +
      "symmetric [n, n] matrices by ?syevd reading the upper or lower triangle.",
    args: ["a:floats", "batch:int", "n:int", "upper:flag", "vectors:flag", "w:floats", "info:f64"],
  },
  lapackGesdd: {
    doc:
      "SVD by ?gesdd of `batch` [m, n] matrices (a is overwritten): s [batch, min(m, n)], and with jobz 1 " +
      "(reduced) or 2 (full) u [batch, m, m or k] and vh [batch, n or k, n]; jobz 0: values only.",
    args: [
      "a:floats",
      "batch:int",
      "m:int",
      "n:int",
      "jobz:int",
      "s:floats",
      "u:floats",
      "vh:floats",
      "info:f64",
    ],
  },
  lapackGeev: {
    doc:
      "Eigenvalues (wr, wi [batch, n], LAPACK's order) and, with vectors, right eigenvectors vr [batch, n, n] " +
      "(row-major, LAPACK's real storage of complex pairs) of `batch` general [n, n] matrices by ?geev " +
      "(jobvl 'N'; a is overwritten); info [batch].",
    args: [
      "a:floats",
      "batch:int",
      "n:int",
      "vectors:flag",
      "wr:floats",
      "wi:floats",
      "vr:floats",
      "info:f64",
    ],
  },
  sgdStep: {
    doc:
      "One _single_tensor_sgd update in place on n dense elements of param (and of buf, used only with " +
      "momentum != 0) from grad, all of one float type, in src/optim/sgd.ts's arithmetic (native/optim.c); " +
      "dampAlpha is 1 - dampening.",
    args: [
      "param:floats",
      "paramOffset:int",
      "grad:floats",
      "gradOffset:int",
      "buf:floats",
      "bufOffset:int",
      "n:int",
      "lr:number",
      "momentum:number",
      "dampAlpha:number",
      "weightDecay:number",
      "nesterov:flag",
      "maximize:flag",
    ],
  },
  adamStep: {
    doc:
      "One _single_tensor_adam(w) update in place on n dense elements of param, expAvg, expAvgSq (and " +
      "maxExpAvgSq, used only with amsgrad) from grad, all of one float type, in src/optim/adam.ts's " +
      "arithmetic (native/optim.c); stepSize and bias2Sqrt are this step's; flags: 1 amsgrad, 2 maximize, " +
      "4 decoupled weight decay (AdamW).",
    args: [
      "param:floats",
      "paramOffset:int",
      "grad:floats",
      "gradOffset:int",
      "expAvg:floats",
      "expAvgOffset:int",
      "expAvgSq:floats",
      "expAvgSqOffset:int",
      "maxExpAvgSq:floats",
      "maxExpAvgSqOffset:int",
      "n:int",
      "lr:number",
      "beta1:number",
      "beta2:number",
      "eps:number",
      "weightDecay:number",
      "stepSize:number",
      "bias2Sqrt:number",
      "flags:int",
    ],
  },
  optimStep: {
    doc:
      "One update of a parameter by the optimizer `op`, in place on n dense elements of param and of its state " +
      "arrays a, b, c (each used or not by the op, as native/optim.c lists), from grad, all of one float type, " +
      "in the arithmetic of src/optim/<op>.ts; hyper holds the op's scalars (JavaScript's doubles), flags its " +
      "options.",
    args: [
      "op:op:optimizer",
      "param:floats",
      "paramOffset:int",
      "grad:floats",
      "gradOffset:int",
      "a:floats",
      "aOffset:int",
      "b:floats",
      "bOffset:int",
      "c:floats",
      "cOffset:int",
      "n:int",
      "hyper:f64",
      "flags:int",
    ],
  },
  setNumThreads: {
    doc:
      "torch.set_num_threads(n): the thread pool's jobs and OpenBLAS use at most min(n, cores) threads each, " +
      "never at once (native/parallel.h, docs/native.md); n >= 1.",
    args: ["n:int"],
  },
  gatherDim: {
    doc:
      "out[i] = x[... index[i] ...] along dim for each element i of the index's shape `shape` in row-major " +
      "order (src/backend/js/index.ts gather); x has xDimSize elements along dim (native/im2col.c).",
    args: [
      "x:floats",
      "xOffset:int",
      "shape:dims",
      "xStrides:strides",
      "xDimSize:int",
      "index:f64",
      "indexOffset:int",
      "indexStrides:strides",
      "dim:int",
      "out:floats",
    ],
  },
  scatterDim: {
    doc:
      "out[... index[i] ...] = (add: out[...] +) src[i] along dim, i over the index's shape in row-major " +
      "order (src/backend/js/index.ts scatter); out has outDimSize elements along dim (native/im2col.c).",
    args: [
      "out:floats",
      "shape:dims",
      "outStrides:strides",
      "outDimSize:int",
      "index:f64",
      "indexOffset:int",
      "indexStrides:strides",
      "src:floats",
      "srcOffset:int",
      "srcStrides:strides",
      "dim:int",
      "add:flag",
    ],
  },
  convForward: {
    doc:
      "A whole convolution of a contiguous [N, C, *spatial] x with weight [Cout, C/groups, *kernel] (+ bias " +
      "when hasBias) into out [N, Cout, *out]: im2col of a chunk of images, one GEMM per group (native/conv.c).",
    args: [
      "x:floats",
      "xOffset:int",
      "weight:floats",
      "weightOffset:int",
      "bias:floats",
      "hasBias:flag",
      "geometry:f64",
      "groups:int",
      "cout:int",
      "out:floats",
    ],
  },
  convBackward: {
    doc:
      "convolution_backward from grad [N, Cout, *out]: gradInput (col2im of W^T @ grad) and gradWeight " +
      "(grad @ im2col(x)^T summed over the batch), each skipped when given empty; x is read for gradWeight " +
      "only (native/conv.c).",
    args: [
      "grad:floats",
      "gradOffset:int",
      "x:floats",
      "xOffset:int",
      "weight:floats",
      "weightOffset:int",
      "geometry:f64",
      "groups:int",
      "cout:int",
      "gradInput:floats",
      "gradWeight:floats",
    ],
  },
  maxPool: {
    doc:
      "Max pooling of a contiguous [N, C, *spatial] input over a window geometry: values and flat spatial " +
      "indices [N, C, *out], PyTorch's first-max / NaN-wins rule (native/pool.c).",
    args: ["x:floats", "xOffset:int", "geometry:f64", "values:floats", "indices:f64"],
  },
  maxPoolBackward: {
    doc:
      "Max pooling's backward: a zeroed [N, C, *spatial] out with each output's gradient added at its index, " +
      "in output order (native/pool.c).",
    args: ["grad:floats", "gradOffset:int", "indices:f64", "indicesOffset:int", "geometry:f64", "out:floats"],
  },
  fftLines: {
    doc:
      "The unscaled DFT (the plan's direction) of each line along the middle dim of a contiguous interleaved " +
      "complex128 buffer [outer, n, inner], in place, with the plan of src/backend/js/fft.ts (native/fft.c).",
    args: ["data:f64", "outer:int", "n:int", "inner:int", "plan:f64"],
  },
  // ---- vector norms and the recurrent cells (native/norm.c, native/rnn.c) ----
  twoNormRows: {
    doc:
      "twoNorms of src/backend/js/norm_reduce.ts over `rows` dense runs of `cols` elements from xOffset: the " +
      "2-norm of each run into out (float: 8 fused lanes, then the tail; double: one fused accumulator).",
    args: ["x:floats", "xOffset:int", "rows:int", "cols:int", "out:floats"],
  },
  lstmCell: {
    doc:
      "LSTMCell's pointwise part on dense [batch, 4 * hidden] input and hidden gates and cx [batch, hidden] " +
      "(src/backend/js/rnn.ts): hy, cy and the workspace [batch, 5 * hidden] (activated gates, tanh(cy)).",
    args: [
      "ig:floats",
      "igOffset:int",
      "hg:floats",
      "hgOffset:int",
      "cx:floats",
      "cxOffset:int",
      "batch:int",
      "hidden:int",
      "hy:floats",
      "cy:floats",
      "workspace:floats",
    ],
  },
  lstmCellBackward: {
    doc:
      "The unfused LSTM cell's gradients (src/backend/js/rnn.ts) from dhy and dcy (hasDhy / hasDcy: 0 means " +
      "none came): dgates [batch, 4 * hidden] and dcx [batch, hidden].",
    args: [
      "dhy:floats",
      "dhyOffset:int",
      "hasDhy:flag",
      "dcy:floats",
      "dcyOffset:int",
      "hasDcy:flag",
      "cx:floats",
      "cxOffset:int",
      "workspace:floats",
      "workspaceOffset:int",
      "batch:int",
      "hidden:int",
      "dgates:floats",
      "dcx:floats",
    ],
  },
  gruCell: {
    doc:
      "GRUCell's pointwise part on dense [batch, 3 * hidden] input and hidden gates and hx [batch, hidden] " +
      "(src/backend/js/rnn.ts): hy and the workspace [batch, 3 * hidden] (activated r, z, n).",
    args: [
      "ig:floats",
      "igOffset:int",
      "hg:floats",
      "hgOffset:int",
      "hx:floats",
      "hxOffset:int",
      "batch:int",
      "hidden:int",
      "hy:floats",
      "workspace:floats",
    ],
  },
  gruCellBackward: {
    doc:
      "The unfused GRU cell's gradients (src/backend/js/rnn.ts) from dhy: dig and dhg [batch, 3 * hidden], " +
      "dhx [batch, hidden].",
    args: [
      "dhy:floats",
      "dhyOffset:int",
      "hg:floats",
      "hgOffset:int",
      "hx:floats",
      "hxOffset:int",
      "workspace:floats",
      "workspaceOffset:int",
      "batch:int",
      "hidden:int",
      "dig:floats",
      "dhg:floats",
      "dhx:floats",
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
