// tensorgrad's native kernels: an N-API addon over tensorgrad's own typed arrays (no copies).
// Every entry point checks its argument types and every index range it will touch, and returns a
// JavaScript error rather than reading outside an array. The TypeScript wrapper validates too.
#include <node_api.h>
#include <cblas.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernels.h"

#define MAX_DIMS 16
/* Below this many elements a second thread costs more than it saves (measured on 2 cores). */
#define PARALLEL_MIN 131072

typedef struct {
  void *data;
  size_t length; /* elements */
  int is_double;
} Array;

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

/* ---------------------------------------------------------------- elementwise */

enum { U_NEG, U_RELU, U_EXP, U_LOG, U_SIGMOID, U_TANH, U_COPY, U_COUNT };
enum { B_ADD, B_SUB, B_MUL, B_DIV, B_COUNT };

/* Each float step is rounded to float like the TypeScript kernels (which round after every step):
   exp/log/tanh are the double functions rounded once, as fround(Math.exp(x)) does. */
static inline float unary_f(int op, float x) {
  switch (op) {
    case U_NEG: return -x;
    case U_RELU: return (x > 0.0f || x != x) ? x : 0.0f;
    case U_EXP: return (float)exp((double)x);
    case U_LOG: return (float)log((double)x);
    case U_COPY: return x;
    case U_SIGMOID: {
      float e = (float)exp(-(double)x);
      float d = 1.0f + e;
      return 1.0f / d;
    }
    default: return (float)tanh((double)x);
  }
}

static inline double unary_d(int op, double x) {
  switch (op) {
    case U_NEG: return -x;
    case U_RELU: return (x > 0.0 || x != x) ? x : 0.0;
    case U_EXP: return exp(x);
    case U_LOG: return log(x);
    case U_COPY: return x;
    case U_SIGMOID: return 1.0 / (1.0 + exp(-x));
    default: return tanh(x);
  }
}

typedef struct {
  int op, is_double;
  /* unary: a; binary: a and b */
  const void *a, *b;
  void *out;
  int64_t a_off, b_off;
  int64_t shape[MAX_DIMS], a_str[MAX_DIMS], b_str[MAX_DIMS];
  uint32_t ndim;
  int binary, a_dense, b_dense, b_scalar;
  int64_t begin, end; /* element range of the output this worker fills */
} Job;

#define BINARY_LOOP(T, EXPR)                                    \
  for (int64_t i = begin; i < end; i++) {                       \
    T x = A[i], y = B[i];                                       \
    O[i] = EXPR;                                                \
  }

#define BINARY_SCALAR_LOOP(T, EXPR)                             \
  for (int64_t i = begin; i < end; i++) {                       \
    T x = A[i];                                                 \
    O[i] = EXPR;                                                \
  }

/* Dense fast paths written as simple loops the compiler vectorizes (-O3, SSE4.2). */
#define DENSE_BINARY(T)                                                                       \
  static void dense_binary_##T(int op, const T *A, const T *B, T *O, int64_t begin, int64_t end) { \
    switch (op) {                                                                             \
      case B_ADD: BINARY_LOOP(T, x + y) break;                                                \
      case B_SUB: BINARY_LOOP(T, x - y) break;                                                \
      case B_MUL: BINARY_LOOP(T, x * y) break;                                                \
      default: BINARY_LOOP(T, x / y) break;                                                   \
    }                                                                                         \
  }                                                                                           \
  static void scalar_binary_##T(int op, const T *A, T y, T *O, int64_t begin, int64_t end) {   \
    switch (op) {                                                                             \
      case B_ADD: BINARY_SCALAR_LOOP(T, x + y) break;                                         \
      case B_SUB: BINARY_SCALAR_LOOP(T, x - y) break;                                         \
      case B_MUL: BINARY_SCALAR_LOOP(T, x * y) break;                                         \
      default: BINARY_SCALAR_LOOP(T, x / y) break;                                            \
    }                                                                                         \
  }
DENSE_BINARY(float)
DENSE_BINARY(double)

static inline double binary_d(int op, double x, double y) {
  switch (op) {
    case B_ADD: return x + y;
    case B_SUB: return x - y;
    case B_MUL: return x * y;
    default: return x / y;
  }
}
static inline float binary_f(int op, float x, float y) {
  switch (op) {
    case B_ADD: return x + y;
    case B_SUB: return x - y;
    case B_MUL: return x * y;
    default: return x / y;
  }
}

static void dense_unary_float(int op, const float *A, float *O, int64_t begin, int64_t end) {
  switch (op) {
    case U_COPY: memcpy(O + begin, A + begin, (size_t)(end - begin) * sizeof(float)); break;
    case U_NEG: for (int64_t i = begin; i < end; i++) O[i] = -A[i]; break;
    case U_RELU:
      for (int64_t i = begin; i < end; i++) { float x = A[i]; O[i] = (x > 0.0f || x != x) ? x : 0.0f; }
      break;
    default: for (int64_t i = begin; i < end; i++) O[i] = unary_f(op, A[i]); break;
  }
}

/* Strided walk of elements [begin, end) of the output, in row-major order of `shape`. */
static void strided_range(Job *j) {
  int64_t idx[MAX_DIMS];
  int64_t rem = j->begin;
  int64_t ao = j->a_off, bo = j->b_off;
  for (int d = (int)j->ndim - 1; d >= 0; d--) {
    idx[d] = j->shape[d] ? rem % j->shape[d] : 0;
    rem = j->shape[d] ? rem / j->shape[d] : 0;
    ao += idx[d] * j->a_str[d];
    bo += idx[d] * j->b_str[d];
  }
  for (int64_t i = j->begin; i < j->end; i++) {
    if (j->is_double) {
      double x = ((const double *)j->a)[ao];
      ((double *)j->out)[i] = j->binary ? binary_d(j->op, x, ((const double *)j->b)[bo]) : unary_d(j->op, x);
    } else {
      float x = ((const float *)j->a)[ao];
      ((float *)j->out)[i] = j->binary ? binary_f(j->op, x, ((const float *)j->b)[bo]) : unary_f(j->op, x);
    }
    for (int d = (int)j->ndim - 1; d >= 0; d--) {
      idx[d]++;
      ao += j->a_str[d];
      bo += j->b_str[d];
      if (idx[d] < j->shape[d]) break;
      ao -= j->a_str[d] * j->shape[d];
      bo -= j->b_str[d] * j->shape[d];
      idx[d] = 0;
    }
  }
}

static void *run_job(void *arg) {
  Job *j = (Job *)arg;
  if (j->binary && j->a_dense && (j->b_dense || j->b_scalar)) {
    if (j->is_double) {
      const double *A = (const double *)j->a + j->a_off;
      const double *B = (const double *)j->b + j->b_off;
      if (j->b_scalar) scalar_binary_double(j->op, A, B[0], (double *)j->out, j->begin, j->end);
      else dense_binary_double(j->op, A, B, (double *)j->out, j->begin, j->end);
    } else {
      const float *A = (const float *)j->a + j->a_off;
      const float *B = (const float *)j->b + j->b_off;
      if (j->b_scalar) scalar_binary_float(j->op, A, B[0], (float *)j->out, j->begin, j->end);
      else dense_binary_float(j->op, A, B, (float *)j->out, j->begin, j->end);
    }
  } else if (!j->binary && j->a_dense && !j->is_double) {
    dense_unary_float(j->op, (const float *)j->a + j->a_off, (float *)j->out, j->begin, j->end);
  } else {
    strided_range(j);
  }
  return NULL;
}

/* Runs the job on the calling thread, split in two with a pthread above PARALLEL_MIN elements. */
static void run_parallel(Job *job, int64_t n) {
  job->begin = 0;
  job->end = n;
  if (n < PARALLEL_MIN) {
    run_job(job);
    return;
  }
  Job second = *job;
  int64_t half = (n / 2 + 15) & ~(int64_t)15;
  job->end = half;
  second.begin = half;
  pthread_t thread;
  if (pthread_create(&thread, NULL, run_job, &second) != 0) {
    job->end = n;
    run_job(job);
    return;
  }
  run_job(job);
  pthread_join(thread, NULL);
}

static int is_dense(const int64_t *shape, const int64_t *strides, uint32_t ndim) {
  int64_t expected = 1;
  for (int d = (int)ndim - 1; d >= 0; d--) {
    if (shape[d] != 1 && strides[d] != expected) return 0;
    expected *= shape[d];
  }
  return 1;
}
static int all_zero(const int64_t *strides, uint32_t ndim) {
  for (uint32_t d = 0; d < ndim; d++) if (strides[d] != 0) return 0;
  return 1;
}

/* unary(op, x, offset, shape, strides, out) */
static napi_value Unary(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 6)
    THROW(env, "unary: expected 6 arguments");
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
  run_parallel(&job, n);
  return NULL;
}

/* binary(op, a, aOffset, aStrides, b, bOffset, bStrides, shape, out) */
static napi_value Binary(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 9)
    THROW(env, "binary: expected 9 arguments");
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
#define GEMM_THREADED_MIN ((int64_t)1 << 28)
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

/* gemm(a, aOffset, aBatchStride, aTrans, lda, b, bOffset, bBatchStride, bTrans, ldb, out, batch, m, n, k)
   a is [batch][m][k] (row-major with leading dim lda, or transposed: column-major), b is [batch][k][n]. */
static napi_value Gemm(napi_env env, napi_callback_info info) {
  size_t argc = 15;
  napi_value argv[15];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 15)
    THROW(env, "gemm: expected 15 arguments");
  Array a, b, out;
  int64_t v[15];
  if (!get_array(env, argv[0], &a) || !get_array(env, argv[5], &b) || !get_array(env, argv[10], &out) ||
      a.is_double != b.is_double || a.is_double != out.is_double)
    THROW(env, "gemm: a, b and out must be typed arrays of one float type");
  for (int i = 0; i < 15; i++) {
    if (i == 0 || i == 5 || i == 10) continue;
    if (!get_int(env, argv[i], &v[i])) THROW(env, "gemm: integer arguments expected");
  }
  int64_t a_off = v[1], a_bs = v[2], a_t = v[3], lda = v[4];
  int64_t b_off = v[6], b_bs = v[7], b_t = v[8], ldb = v[9];
  int64_t batch = v[11], m = v[12], n = v[13], k = v[14];
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
                  (const double *)b.data + b_off + p * b_bs, ildb, 0.0, (double *)out.data + p * m * n, (int)n);
    } else {
      cblas_sgemm(CblasRowMajor, ta, tb, (int)m, (int)n, (int)k, 1.0f, (const float *)a.data + a_off + p * a_bs, ilda,
                  (const float *)b.data + b_off + p * b_bs, ildb, 0.0f, (float *)out.data + p * m * n, (int)n);
    }
  }
  return NULL;
}

/* ---------------------------------------------------------------- reductions */

/* maxLastDim(x, offset, rows, cols, rowStride, out): max over contiguous rows, NaN propagates. */
static napi_value MaxRows(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 6)
    THROW(env, "maxRows: expected 6 arguments");
  Array x, out;
  int64_t off, rows, cols, rs;
  if (!get_array(env, argv[0], &x) || !get_array(env, argv[5], &out) || x.is_double != out.is_double)
    THROW(env, "maxRows: x and out must be typed arrays of one float type");
  if (!get_int(env, argv[1], &off) || !get_int(env, argv[2], &rows) || !get_int(env, argv[3], &cols) ||
      !get_int(env, argv[4], &rs))
    THROW(env, "maxRows: integer arguments expected");
  if (rows < 0 || cols < 1 || rs < 0 || off < 0 || (int64_t)out.length != rows ||
      (rows > 0 && off + (rows - 1) * rs + cols > (int64_t)x.length))
    THROW(env, "maxRows: out of bounds");
  for (int64_t r = 0; r < rows; r++) {
    if (x.is_double) {
      const double *p = (const double *)x.data + off + r * rs;
      double acc = -INFINITY;
      int nan = 0;
      for (int64_t i = 0; i < cols; i++) { double v = p[i]; nan |= v != v; acc = v > acc ? v : acc; }
      ((double *)out.data)[r] = nan ? NAN : acc;
    } else {
      const float *p = (const float *)x.data + off + r * rs;
      float acc = -INFINITY;
      int nan = 0;
      for (int64_t i = 0; i < cols; i++) { float v = p[i]; nan |= v != v; acc = v > acc ? v : acc; }
      ((float *)out.data)[r] = nan ? NAN : acc;
    }
  }
  return NULL;
}

/* sumIter(x, offset, sizes, inStrides, outStrides, out): PyTorch's cascade sum over a TensorIterator that
   TypeScript has already reordered and coalesced (dim 0 fastest). out is zeroed, then accumulated into. */
static napi_value SumIter(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 6)
    THROW(env, "sumIter: expected 6 arguments");
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
  size_t argc = 8;
  napi_value argv[8];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 8)
    THROW(env, "softmax: expected 8 arguments");
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

static napi_value Init(napi_env env, napi_value exports) {
  if (getenv("OPENBLAS_NUM_THREADS") == NULL && getenv("OMP_NUM_THREADS") == NULL)
    blas_max_threads = openblas_get_num_threads();
  napi_property_descriptor props[] = {
      {"unary", NULL, Unary, NULL, NULL, NULL, napi_default, NULL},
      {"binary", NULL, Binary, NULL, NULL, NULL, napi_default, NULL},
      {"gemm", NULL, Gemm, NULL, NULL, NULL, napi_default, NULL},
      {"maxRows", NULL, MaxRows, NULL, NULL, NULL, napi_default, NULL},
      {"sumIter", NULL, SumIter, NULL, NULL, NULL, napi_default, NULL},
      {"softmax", NULL, Softmax, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
