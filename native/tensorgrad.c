// tensorgrad's native kernels: an N-API addon over tensorgrad's own typed arrays (no copies).
// Every entry point checks its argument types and every index range it will touch, and returns a
// JavaScript error rather than reading outside an array. The TypeScript wrapper validates too.
#include <node_api.h>
#ifdef __APPLE__
/* macOS: Accelerate's CBLAS, which manages its own threads. */
#include <Accelerate/Accelerate.h>
#define openblas_set_num_threads(n) ((void)(n))
#define openblas_get_num_threads() 1
#else
#include <cblas.h>
#endif
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "elementwise.h"
#include "kernels.h"
#include "parallel.h"


typedef struct {
  void *data;
  size_t length; /* elements */
  int is_double;
} Array;

/* Reads exactly `count` arguments into argv, or throws "<name>: expected <count> arguments". */
#define ARGS(count, name)                                                                   \
  size_t argc = (count);                                                                    \
  napi_value argv[count];                                                                   \
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != (count)) \
    THROW(env, name ": expected " #count " arguments")

#define THROW(env, msg)                      \
  do {                                       \
    napi_throw_error((env), NULL, (msg));    \
    return NULL;                             \
  } while (0)

static int get_array(napi_env env, napi_value v, Array *out) {
  bool is_typed = false;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed) return 0;
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, NULL, NULL) != napi_ok) return 0;
  if (type == napi_float32_array) out->is_double = 0;
  else if (type == napi_float64_array) out->is_double = 1;
  else return 0;
  out->data = data;
  out->length = length;
  return 1;
}

static int get_int(napi_env env, napi_value v, int64_t *out) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok) return 0;
  if (!(d >= -9007199254740991.0 && d <= 9007199254740991.0) || d != floor(d)) return 0;
  *out = (int64_t)d;
  return 1;
}

/* Reads a JS array of integers (shape or strides) of at most MAX_DIMS entries. */
static int get_int_list(napi_env env, napi_value v, int64_t *out, uint32_t *count) {
  bool is_array = false;
  if (napi_is_array(env, v, &is_array) != napi_ok || !is_array) return 0;
  uint32_t n;
  if (napi_get_array_length(env, v, &n) != napi_ok || n > MAX_DIMS) return 0;
  for (uint32_t i = 0; i < n; i++) {
    napi_value e;
    if (napi_get_element(env, v, i, &e) != napi_ok || !get_int(env, e, &out[i])) return 0;
  }
  *count = n;
  return 1;
}

/* Checks that every element of a (shape, strides, offset) view lies inside an array of `length`. */
static int view_in_bounds(const int64_t *shape, const int64_t *strides, uint32_t ndim, int64_t offset,
                          size_t length, int64_t *numel) {
  int64_t lo = offset, hi = offset, n = 1;
  for (uint32_t d = 0; d < ndim; d++) {
    if (shape[d] < 0 || shape[d] > ((int64_t)1 << 40)) return 0;
    n *= shape[d];
    if (n > ((int64_t)1 << 40)) return 0;
  }
  *numel = n;
  if (n == 0) return offset >= 0;
  for (uint32_t d = 0; d < ndim; d++) {
    int64_t span = (shape[d] - 1) * strides[d];
    if (span < 0) lo += span; else hi += span;
  }
  return lo >= 0 && hi < (int64_t)length;
}

/* unary(op, x, offset, shape, strides, out) */
static napi_value Unary(napi_env env, napi_callback_info info) {
  ARGS(6, "unary");
  Job job;
  memset(&job, 0, sizeof job);
  int64_t op, off, strides_n = 0;
  uint32_t nd, ns;
  Array x, out;
  if (!get_int(env, argv[0], &op) || op < 0 || op >= U_COUNT) THROW(env, "unary: bad op code");
  if (!get_array(env, argv[1], &x)) THROW(env, "unary: x must be a Float32Array or Float64Array");
  if (!get_int(env, argv[2], &off)) THROW(env, "unary: offset must be an integer");
  if (!get_int_list(env, argv[3], job.shape, &nd) || !get_int_list(env, argv[4], job.a_str, &ns) || nd != ns)
    THROW(env, "unary: shape and strides must be integer arrays of the same length (at most 16)");
  if (!get_array(env, argv[5], &out) || out.is_double != x.is_double)
    THROW(env, "unary: out must be a typed array of x's type");
  (void)strides_n;
  int64_t n;
  if (!view_in_bounds(job.shape, job.a_str, nd, off, x.length, &n)) THROW(env, "unary: view out of bounds");
  if ((int64_t)out.length != n) THROW(env, "unary: out has the wrong length");
  job.op = (int)op;
  job.is_double = x.is_double;
  job.a = x.data;
  job.out = out.data;
  job.a_off = off;
  job.ndim = nd;
  job.a_dense = is_dense(job.shape, job.a_str, nd);
  job.a_perm_dense = is_permuted_dense(job.shape, job.a_str, nd);
  run_parallel(&job, n);
  return NULL;
}

/* binary(op, a, aOffset, aStrides, b, bOffset, bStrides, shape, out) */
static napi_value Binary(napi_env env, napi_callback_info info) {
  ARGS(9, "binary");
  Job job;
  memset(&job, 0, sizeof job);
  int64_t op;
  uint32_t na, nb, nd;
  Array a, b, out;
  if (!get_int(env, argv[0], &op) || op < 0 || op >= B_COUNT) THROW(env, "binary: bad op code");
  if (!get_array(env, argv[1], &a) || !get_array(env, argv[4], &b) || a.is_double != b.is_double)
    THROW(env, "binary: a and b must be typed arrays of one float type");
  if (!get_int(env, argv[2], &job.a_off) || !get_int(env, argv[5], &job.b_off))
    THROW(env, "binary: offsets must be integers");
  if (!get_int_list(env, argv[3], job.a_str, &na) || !get_int_list(env, argv[6], job.b_str, &nb) ||
      !get_int_list(env, argv[7], job.shape, &nd) || na != nd || nb != nd)
    THROW(env, "binary: shape and strides must be integer arrays of the same length (at most 16)");
  if (!get_array(env, argv[8], &out) || out.is_double != a.is_double)
    THROW(env, "binary: out must be a typed array of a's type");
  int64_t n, nb_el;
  if (!view_in_bounds(job.shape, job.a_str, nd, job.a_off, a.length, &n) ||
      !view_in_bounds(job.shape, job.b_str, nd, job.b_off, b.length, &nb_el))
    THROW(env, "binary: view out of bounds");
  if ((int64_t)out.length != n) THROW(env, "binary: out has the wrong length");
  job.op = (int)op;
  job.binary = 1;
  job.is_double = a.is_double;
  job.a = a.data;
  job.b = b.data;
  job.out = out.data;
  job.ndim = nd;
  job.a_dense = is_dense(job.shape, job.a_str, nd);
  job.b_dense = is_dense(job.shape, job.b_str, nd);
  job.b_scalar = all_zero(job.b_str, nd);
  run_parallel(&job, n);
  return NULL;
}

/* ---------------------------------------------------------------- matmul */

/* OpenBLAS's worker threads spin while they wait: on a loaded 2-core machine that costs 10-70x on small
   products (128^3: 1 GFLOPS with 2 threads, 79 with 1). Products below this many multiply-adds use one
   thread; bigger ones all of OpenBLAS's. OPENBLAS_NUM_THREADS, when set, is left in charge. */
#define GEMM_THREADED_MIN ((int64_t)1 << 22)
static int blas_max_threads = 0; /* 0: the user set OPENBLAS_NUM_THREADS */
static int blas_threads_now = -1;

static void set_blas_threads(int64_t macs) {
  if (blas_max_threads <= 1) return;
  int want = macs >= GEMM_THREADED_MIN ? blas_max_threads : 1;
  if (want != blas_threads_now) {
    openblas_set_num_threads(want);
    blas_threads_now = want;
  }
}

/* gemm(a, aOffset, aBatchStride, aTrans, lda, b, bOffset, bBatchStride, bTrans, ldb, out, batch, m, n, k
   [, accumulate]): a is [batch][m][k] (row-major with leading dim lda, or transposed: column-major), b is
   [batch][k][n]. accumulate = 1 adds the product to what out holds (BLAS beta = 1: addmm's bias). */
static napi_value Gemm(napi_env env, napi_callback_info info) {
  size_t argc = 16;
  napi_value argv[16];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || (argc != 15 && argc != 16))
    THROW(env, "gemm: expected 15 or 16 arguments");
  Array a, b, out;
  int64_t v[16];
  v[15] = 0;
  if (!get_array(env, argv[0], &a) || !get_array(env, argv[5], &b) || !get_array(env, argv[10], &out) ||
      a.is_double != b.is_double || a.is_double != out.is_double)
    THROW(env, "gemm: a, b and out must be typed arrays of one float type");
  for (int i = 0; i < (int)argc; i++) {
    if (i == 0 || i == 5 || i == 10) continue;
    if (!get_int(env, argv[i], &v[i])) THROW(env, "gemm: integer arguments expected");
  }
  int64_t a_off = v[1], a_bs = v[2], a_t = v[3], lda = v[4];
  int64_t b_off = v[6], b_bs = v[7], b_t = v[8], ldb = v[9];
  int64_t batch = v[11], m = v[12], n = v[13], k = v[14], accumulate = v[15];
  if (accumulate != 0 && accumulate != 1) THROW(env, "gemm: accumulate must be 0 or 1");
  if (batch < 0 || m < 0 || n < 0 || k < 0 || m > INT32_MAX || n > INT32_MAX || k > INT32_MAX ||
      lda > INT32_MAX || ldb > INT32_MAX || a_bs < 0 || b_bs < 0)
    THROW(env, "gemm: bad sizes");
  if ((int64_t)out.length != batch * m * n) THROW(env, "gemm: out has the wrong length");
  if (batch == 0 || m == 0 || n == 0) return NULL;
  /* Element (i, j) of a row-major operand is at i * ld + j; of a transposed one at j * ld + i. */
  int64_t a_rows = a_t ? k : m, a_cols = a_t ? m : k;
  int64_t b_rows = b_t ? n : k, b_cols = b_t ? k : n;
  if (k > 0) {
    if (lda < (a_cols > 1 ? a_cols : 1) || ldb < (b_cols > 1 ? b_cols : 1)) THROW(env, "gemm: bad leading dimension");
    if (a_off < 0 || b_off < 0 ||
        a_off + (batch - 1) * a_bs + (a_rows - 1) * lda + a_cols > (int64_t)a.length ||
        b_off + (batch - 1) * b_bs + (b_rows - 1) * ldb + b_cols > (int64_t)b.length)
      THROW(env, "gemm: operand out of bounds");
  }
  set_blas_threads(m * n * k);
  CBLAS_TRANSPOSE ta = a_t ? CblasTrans : CblasNoTrans, tb = b_t ? CblasTrans : CblasNoTrans;
  int ilda = lda > 0 ? (int)lda : 1, ildb = ldb > 0 ? (int)ldb : 1;
  for (int64_t p = 0; p < batch; p++) {
    if (a.is_double) {
      cblas_dgemm(CblasRowMajor, ta, tb, (int)m, (int)n, (int)k, 1.0, (const double *)a.data + a_off + p * a_bs, ilda,
                  (const double *)b.data + b_off + p * b_bs, ildb, (double)accumulate, (double *)out.data + p * m * n, (int)n);
    } else {
      cblas_sgemm(CblasRowMajor, ta, tb, (int)m, (int)n, (int)k, 1.0f, (const float *)a.data + a_off + p * a_bs, ilda,
                  (const float *)b.data + b_off + p * b_bs, ildb, (float)accumulate, (float *)out.data + p * m * n, (int)n);
    }
  }
  return NULL;
}

/* ---------------------------------------------------------------- reductions */

/* reduceRows(x, offset, rows, cols, rowStride, op, out): over rows of `cols` contiguous elements, op 0: max,
   1: min (NaN propagates; out has x's type), 2: argmax, 3: argmin (the first index of the extreme, a NaN
   winning; out is a Float64Array of int64 values). */
#define EXTREME_ROW(T)                                                                     \
  do {                                                                                     \
    const T *p = (const T *)x.data + off + r * rs;                                         \
    if (op >= 2) {                                                                         \
      T best = p[0];                                                                       \
      int64_t at = 0;                                                                      \
      for (int64_t i = 1; i < cols && best == best; i++) {                                 \
        const T v = p[i];                                                                  \
        if (v != v || (op == 2 ? v > best : v < best)) best = v, at = i;                   \
      }                                                                                    \
      ((double *)out.data)[r] = (double)at;                                                \
    } else {                                                                               \
      T acc = op == 0 ? -INFINITY : INFINITY;                                              \
      int nan = 0;                                                                         \
      for (int64_t i = 0; i < cols; i++) {                                                \
        const T v = p[i];                                                                  \
        nan |= v != v;                                                                     \
        acc = (op == 0 ? v > acc : v < acc) ? v : acc;                                     \
      }                                                                                    \
      ((T *)out.data)[r] = nan ? (T)NAN : acc;                                             \
    }                                                                                      \
  } while (0)

static napi_value ReduceRows(napi_env env, napi_callback_info info) {
  ARGS(7, "reduceRows");
  Array x, out;
  int64_t off, rows, cols, rs, op;
  if (!get_array(env, argv[0], &x) || !get_array(env, argv[6], &out))
    THROW(env, "reduceRows: x and out must be Float32Arrays or Float64Arrays");
  if (!get_int(env, argv[1], &off) || !get_int(env, argv[2], &rows) || !get_int(env, argv[3], &cols) ||
      !get_int(env, argv[4], &rs) || !get_int(env, argv[5], &op))
    THROW(env, "reduceRows: integer arguments expected");
  if (op < 0 || op > 3) THROW(env, "reduceRows: op must be 0 (max), 1 (min), 2 (argmax) or 3 (argmin)");
  if (op >= 2 ? !out.is_double : out.is_double != x.is_double)
    THROW(env, "reduceRows: out must have x's type (max, min) or be a Float64Array (argmax, argmin)");
  if (rows < 0 || cols < 1 || rs < 0 || off < 0 || (int64_t)out.length != rows ||
      (rows > 0 && off + (rows - 1) * rs + cols > (int64_t)x.length))
    THROW(env, "reduceRows: out of bounds");
  for (int64_t r = 0; r < rows; r++) {
    if (x.is_double) EXTREME_ROW(double);
    else EXTREME_ROW(float);
  }
  return NULL;
}

/* sumIter(x, offset, sizes, inStrides, outStrides, out): PyTorch's cascade sum over a TensorIterator that
   TypeScript has already reordered and coalesced (dim 0 fastest). out is zeroed, then accumulated into. */
static napi_value SumIter(napi_env env, napi_callback_info info) {
  ARGS(6, "sumIter");
  Array x, out;
  int64_t off, sizes[MAX_DIMS], in_str[MAX_DIMS], out_str[MAX_DIMS];
  uint32_t nd, ni, no;
  if (!get_array(env, argv[0], &x) || !get_array(env, argv[5], &out) || x.is_double != out.is_double)
    THROW(env, "sumIter: x and out must be typed arrays of one float type");
  if (!get_int(env, argv[1], &off)) THROW(env, "sumIter: offset must be an integer");
  if (!get_int_list(env, argv[2], sizes, &nd) || !get_int_list(env, argv[3], in_str, &ni) ||
      !get_int_list(env, argv[4], out_str, &no) || ni != nd || no != nd)
    THROW(env, "sumIter: sizes and strides must be integer arrays of the same length (at most 16)");
  int64_t n, n_out;
  if (!view_in_bounds(sizes, in_str, nd, off, x.length, &n) ||
      !view_in_bounds(sizes, out_str, nd, 0, out.length, &n_out))
    THROW(env, "sumIter: view out of bounds");
  memset(out.data, 0, out.length * (out.is_double ? sizeof(double) : sizeof(float)));
  if (n == 0) return NULL;
  if (x.is_double) cascade_sum_double((const double *)x.data, off, sizes, in_str, out_str, (int)nd, (double *)out.data);
  else cascade_sum_float((const float *)x.data, off, sizes, in_str, out_str, (int)nd, (float *)out.data);
  return NULL;
}

/* softmax(x, offset, outer, dimSize, inner, lastDim, log, out): float32 softmax (log: log_softmax) of a
   contiguous [outer, dimSize, inner] array along its middle dim. */
static napi_value Softmax(napi_env env, napi_callback_info info) {
  ARGS(8, "softmax");
  Array x, out;
  int64_t v[7];
  if (!get_array(env, argv[0], &x) || !get_array(env, argv[7], &out) || x.is_double || out.is_double)
    THROW(env, "softmax: x and out must be Float32Arrays");
  for (int i = 1; i < 7; i++)
    if (!get_int(env, argv[i], &v[i])) THROW(env, "softmax: integer arguments expected");
  int64_t off = v[1], outer = v[2], dim_size = v[3], inner = v[4], last_dim = v[5], log_sm = v[6];
  if ((last_dim != 0 && last_dim != 1) || (log_sm != 0 && log_sm != 1) || (last_dim && inner != 1))
    THROW(env, "softmax: lastDim and log must be 0 or 1, and lastDim needs inner == 1");
  int64_t n = 1;
  const int64_t limit = (int64_t)1 << 40;
  const int64_t dims[3] = {outer, dim_size, inner};
  for (int i = 0; i < 3; i++) {
    if (dims[i] < 0 || dims[i] > limit || (dims[i] != 0 && n > limit / dims[i])) THROW(env, "softmax: bad sizes");
    n *= dims[i];
  }
  if (off < 0 || (int64_t)out.length != n || (n > 0 && off + n > (int64_t)x.length))
    THROW(env, "softmax: out of bounds");
  softmax_float((const float *)x.data + off, outer, dim_size, inner, (int)last_dim, (int)log_sm, (float *)out.data);
  return NULL;
}


/* ---------------------------------------------------------------- fused backward kernels */

/* Reads argv[first] as a float array and argv[first + 1] as an offset from which `n` elements are in bounds. */
static int get_dense(napi_env env, napi_value *argv, int first, int64_t n, int is_double, const void **data) {
  Array a;
  int64_t off;
  if (!get_array(env, argv[first], &a) || a.is_double != is_double || !get_int(env, argv[first + 1], &off)) return 0;
  if (off < 0 || n < 0 || off + n > (int64_t)a.length) return 0;
  *data = (const char *)a.data + off * (is_double ? sizeof(double) : sizeof(float));
  return 1;
}

typedef struct {
  const void *g, *x;
  void *out;
  double threshold;
  int is_double, sigmoid;
} PairJob;

static void pair_range(void *ctx, int64_t begin, int64_t end) {
  const PairJob *j = (const PairJob *)ctx;
  const int64_t n = end - begin;
  if (j->is_double) {
    const double *g = (const double *)j->g + begin, *x = (const double *)j->x + begin;
    double *o = (double *)j->out + begin;
    if (j->sigmoid) sigmoid_backward_double(g, x, o, n);
    else threshold_backward_double(g, x, j->threshold, o, n);
  } else {
    const float *g = (const float *)j->g + begin, *x = (const float *)j->x + begin;
    float *o = (float *)j->out + begin;
    if (j->sigmoid) sigmoid_backward_float(g, x, o, n);
    else threshold_backward_float(g, x, (float)j->threshold, o, n);
  }
}

/* sigmoidBackward(g, gOffset, y, yOffset, out) and thresholdBackward(g, gOffset, x, xOffset, threshold, out):
   dense operands of out's length and type. */
static napi_value pair_backward(napi_env env, napi_callback_info info, int sigmoid) {
  const size_t expected = sigmoid ? 5 : 6;
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != expected)
    THROW(env, sigmoid ? "sigmoidBackward: expected 5 arguments" : "thresholdBackward: expected 6 arguments");
  Array out;
  PairJob job = {0};
  job.sigmoid = sigmoid;
  if (!get_array(env, argv[expected - 1], &out)) THROW(env, "backward kernel: out must be a float typed array");
  job.is_double = out.is_double;
  job.out = out.data;
  const int64_t n = (int64_t)out.length;
  if (!get_dense(env, argv, 0, n, out.is_double, &job.g) || !get_dense(env, argv, 2, n, out.is_double, &job.x))
    THROW(env, "backward kernel: operands must be typed arrays of out's type with out's length in bounds");
  if (!sigmoid && napi_get_value_double(env, argv[4], &job.threshold) != napi_ok)
    THROW(env, "thresholdBackward: threshold must be a number");
  parallel_for(n, 32768, 16, pair_range, &job);
  return NULL;
}

static napi_value SigmoidBackward(napi_env env, napi_callback_info info) { return pair_backward(env, info, 1); }
static napi_value ThresholdBackward(napi_env env, napi_callback_info info) { return pair_backward(env, info, 0); }

typedef struct {
  const float *g, *y;
  float *out;
  int64_t dim_size, inner;
  int log_softmax;
} SoftmaxBackwardJob;

/* Rows of the last-dim kernel; each row's arithmetic is independent of the split. */
static void softmax_backward_range(void *ctx, int64_t begin, int64_t end) {
  const SoftmaxBackwardJob *j = (const SoftmaxBackwardJob *)ctx;
  softmax_backward_rows_float(j->g, j->y, begin, end, j->dim_size, j->log_softmax, j->out);
}

/* softmaxBackward(g, gOffset, y, yOffset, outer, dimSize, inner, log, out): float32, dense [outer, dimSize,
   inner] operands; grad_input of softmax (log: log_softmax) along the middle dim. */
static napi_value SoftmaxBackward(napi_env env, napi_callback_info info) {
  ARGS(9, "softmaxBackward");
  Array out;
  int64_t v[4];
  if (!get_array(env, argv[8], &out) || out.is_double) THROW(env, "softmaxBackward: out must be a Float32Array");
  for (int i = 0; i < 4; i++)
    if (!get_int(env, argv[4 + i], &v[i])) THROW(env, "softmaxBackward: integer arguments expected");
  const int64_t outer = v[0], dim_size = v[1], inner = v[2], log_sm = v[3];
  const int64_t limit = (int64_t)1 << 40;
  if (outer < 0 || dim_size < 1 || inner < 1 || outer > limit || dim_size > limit || inner > limit ||
      (log_sm != 0 && log_sm != 1) || (outer > 0 && dim_size * inner > limit / outer) ||
      outer * dim_size * inner != (int64_t)out.length)
    THROW(env, "softmaxBackward: bad sizes");
  SoftmaxBackwardJob job = {0};
  const int64_t n = (int64_t)out.length;
  if (!get_dense(env, argv, 0, n, 0, (const void **)&job.g) || !get_dense(env, argv, 2, n, 0, (const void **)&job.y))
    THROW(env, "softmaxBackward: operands must be Float32Arrays with out's length in bounds");
  job.out = (float *)out.data;
  job.dim_size = dim_size;
  job.inner = inner;
  job.log_softmax = (int)log_sm;
  if (inner > 1) {
    float *sums = (float *)malloc((size_t)inner * sizeof(float));
    if (sums == NULL) THROW(env, "softmaxBackward: out of memory");
    softmax_backward_inner_float(job.g, job.y, 0, outer, dim_size, inner, job.log_softmax, sums, job.out);
    free(sums);
    return NULL;
  }
  parallel_for(outer, 1 + 32768 / dim_size, 1, softmax_backward_range, &job);
  return NULL;
}

/* ---------------------------------------------------------------- binary_cross_entropy_with_logits */

/* bceWithLogits(x, xOffset, y, yOffset, out): float32, dense operands of out's length. */
static napi_value BceWithLogits(napi_env env, napi_callback_info info) {
  ARGS(5, "bceWithLogits");
  Array out;
  const void *x, *y;
  if (!get_array(env, argv[4], &out) || out.is_double) THROW(env, "bceWithLogits: out must be a Float32Array");
  const int64_t n = (int64_t)out.length;
  if (!get_dense(env, argv, 0, n, 0, &x) || !get_dense(env, argv, 2, n, 0, &y))
    THROW(env, "bceWithLogits: operands must be Float32Arrays with out's length in bounds");
  bce_with_logits_float((const float *)x, (const float *)y, (float *)out.data, n);
  return NULL;
}

typedef struct {
  const float *x, *y, *g;
  int64_t g_stride, n;
  float divisor;
  float *out;
} BceBackwardJob;

static void bce_backward_range(void *ctx, int64_t begin, int64_t end) {
  const BceBackwardJob *j = (const BceBackwardJob *)ctx;
  bce_with_logits_backward_float(j->x, j->y, j->g, j->g_stride, j->divisor, begin, end, j->n, j->out);
}

/* bceWithLogitsBackward(x, xOffset, y, yOffset, g, gOffset, gStride, divisor, out): float32; x and y dense of
   out's length, g dense (gStride 1) or one broadcast value (gStride 0). */
static napi_value BceWithLogitsBackward(napi_env env, napi_callback_info info) {
  ARGS(9, "bceWithLogitsBackward");
  Array out;
  BceBackwardJob job = {0};
  int64_t g_stride;
  double divisor;
  if (!get_array(env, argv[8], &out) || out.is_double) THROW(env, "bceWithLogitsBackward: out must be a Float32Array");
  job.n = (int64_t)out.length;
  if (!get_int(env, argv[6], &g_stride) || (g_stride != 0 && g_stride != 1))
    THROW(env, "bceWithLogitsBackward: gStride must be 0 or 1");
  if (napi_get_value_double(env, argv[7], &divisor) != napi_ok) THROW(env, "bceWithLogitsBackward: bad divisor");
  const void *x, *y, *g;
  if (!get_dense(env, argv, 0, job.n, 0, &x) || !get_dense(env, argv, 2, job.n, 0, &y) ||
      !get_dense(env, argv, 4, job.n == 0 ? 0 : (g_stride ? job.n : 1), 0, &g))
    THROW(env, "bceWithLogitsBackward: operands must be Float32Arrays with out's length in bounds");
  job.x = (const float *)x;
  job.y = (const float *)y;
  job.g = (const float *)g;
  job.g_stride = g_stride;
  job.divisor = (float)divisor;
  job.out = (float *)out.data;
  parallel_for(job.n, 32768, 16, bce_backward_range, &job);
  return NULL;
}

/* Tensors are fresh typed arrays; glibc serves big ones with mmap and unmaps them when freed, so every new
   tensor pays a page fault per 4 KiB on first write (2 ms for 1e6 floats on a VM, 5x the kernel itself).
   Keeping big blocks on the heap and untrimmed lets freed tensor memory be reused without faults, at the cost
   of RSS staying at its high-water mark. TENSORGRAD_MALLOC_TUNING=0 leaves malloc alone. */
static void tune_malloc(void) {
#ifdef __GLIBC__
  const char *setting = getenv("TENSORGRAD_MALLOC_TUNING");
  if (setting != NULL && strcmp(setting, "0") == 0) return;
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
}

static napi_value Init(napi_env env, napi_value exports) {
  tune_malloc();
  if (getenv("OPENBLAS_NUM_THREADS") == NULL && getenv("OMP_NUM_THREADS") == NULL)
    blas_max_threads = openblas_get_num_threads();
  napi_property_descriptor props[] = {
      {"unary", NULL, Unary, NULL, NULL, NULL, napi_default, NULL},
      {"binary", NULL, Binary, NULL, NULL, NULL, napi_default, NULL},
      {"gemm", NULL, Gemm, NULL, NULL, NULL, napi_default, NULL},
      {"reduceRows", NULL, ReduceRows, NULL, NULL, NULL, napi_default, NULL},
      {"sumIter", NULL, SumIter, NULL, NULL, NULL, napi_default, NULL},
      {"softmax", NULL, Softmax, NULL, NULL, NULL, napi_default, NULL},
      {"sigmoidBackward", NULL, SigmoidBackward, NULL, NULL, NULL, napi_default, NULL},
      {"thresholdBackward", NULL, ThresholdBackward, NULL, NULL, NULL, napi_default, NULL},
      {"softmaxBackward", NULL, SoftmaxBackward, NULL, NULL, NULL, napi_default, NULL},
      {"bceWithLogits", NULL, BceWithLogits, NULL, NULL, NULL, napi_default, NULL},
      {"bceWithLogitsBackward", NULL, BceWithLogitsBackward, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
