// tensorgrad's native kernels: an N-API addon over tensorgrad's own typed arrays (no copies).
// Each entry point is declared once, in src/backend/native/entry_points.ts; native/args.c parses and checks
// its arguments against the generated spec (native/entry_points.h), and each entry point below checks every
// index range it will touch with overflow-checked int64 arithmetic, so no argument reaches outside an array:
// a bad call throws a JavaScript error.
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

#include "args.h"
#include "elementwise.h"
#include "kernels.h"
#include "parallel.h"
#define ENTRY_POINT_SPECS
#include "entry_points.h"
#include "norm.h"
#include "sort.h"
#include "lapack.h"
#include "optim.h"
#include "im2col.h"
#include "conv.h"
#include "pool.h"
#include "fft.h"
#include "rnn.h"

/* An error naming the view that reaches outside its array (or whose index arithmetic overflows). */
static napi_value view_error(napi_env env, const char *entry, const char *operand, int64_t offset,
                             const IntList *shape, const IntList *strides, size_t length) {
  char shape_text[400], strides_text[400];
  return throw_error(env, entry, "%s's view (offset %lld, shape %s, strides %s) reaches outside its %zu elements",
                     operand, (long long)offset, format_list(shape, shape_text, sizeof shape_text),
                     format_list(strides, strides_text, sizeof strides_text), length);
}

static napi_value unary_entry(napi_env env, const UnaryArgs *a) {
  int64_t n;
  if (!view_in_bounds(&a->shape, &a->strides, a->offset, a->x.length, &n))
    return view_error(env, "unary", "x", a->offset, &a->shape, &a->strides, a->x.length);
  if ((uint64_t)n != a->out.length)
    return throw_error(env, "unary", "out has %zu elements, the view %lld", a->out.length, (long long)n);
  const double e = a->param;
  if (a->op == U_POW && !(e == 0 || e == 1 || e == 2 || e == 3 || e == 0.5 || e == -0.5 || e == -1 || e == -2))
    return throw_error(env, "unary", "pow's exponent must be one of 0, 1, 2, 3, 0.5, -0.5, -1, -2, got %.17g", e);
  /* An empty view's other dims may be huge: the kernel's dense-layout checks multiply them. */
  if (n == 0) return NULL;
  Job job;
  memset(&job, 0, sizeof job);
  const uint32_t nd = a->shape.n;
  memcpy(job.shape, a->shape.v, nd * sizeof(int64_t));
  memcpy(job.a_str, a->strides.v, nd * sizeof(int64_t));
  job.op = (int)a->op;
  job.param = a->param;
  job.is_double = a->x.is_double;
  job.a = a->x.data;
  job.out = a->out.data;
  job.a_off = a->offset;
  job.ndim = nd;
  job.a_dense = is_dense(job.shape, job.a_str, nd);
  plan_walk(&job);
  run_parallel(&job, n);
  return NULL;
}

static napi_value binary_entry(napi_env env, const BinaryArgs *a) {
  int64_t n, b_n;
  if (!view_in_bounds(&a->shape, &a->a_strides, a->a_offset, a->a.length, &n))
    return view_error(env, "binary", "a", a->a_offset, &a->shape, &a->a_strides, a->a.length);
  if (!view_in_bounds(&a->shape, &a->b_strides, a->b_offset, a->b.length, &b_n))
    return view_error(env, "binary", "b", a->b_offset, &a->shape, &a->b_strides, a->b.length);
  if ((uint64_t)n != a->out.length)
    return throw_error(env, "binary", "out has %zu elements, the views %lld", a->out.length, (long long)n);
  if (n == 0) return NULL;
  Job job;
  memset(&job, 0, sizeof job);
  const uint32_t nd = a->shape.n;
  memcpy(job.shape, a->shape.v, nd * sizeof(int64_t));
  memcpy(job.a_str, a->a_strides.v, nd * sizeof(int64_t));
  memcpy(job.b_str, a->b_strides.v, nd * sizeof(int64_t));
  job.op = (int)a->op;
  job.binary = 1;
  job.is_double = a->a.is_double;
  job.a = a->a.data;
  job.b = a->b.data;
  job.out = a->out.data;
  job.a_off = a->a_offset;
  job.b_off = a->b_offset;
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
   thread; bigger ones blas_max_threads: OpenBLAS's own count at load (it read OPENBLAS_NUM_THREADS,
   GOTO_NUM_THREADS or OMP_NUM_THREADS), then torch.set_num_threads's, never more than the cores. BLAS is
   called on the JavaScript thread, never from the pool, so the two never run at once (docs/native.md). */
#define GEMM_THREADED_MIN ((int64_t)1 << 22)
static int blas_max_threads = 1;
static int blas_threads_now = -1;

void set_blas_threads(int64_t macs) {
  int want = macs >= GEMM_THREADED_MIN ? blas_max_threads : 1;
  if (want != blas_threads_now) {
    openblas_set_num_threads(want);
    blas_threads_now = want;
  }
}

static napi_value set_num_threads_entry(napi_env env, const SetNumThreadsArgs *a) {
  if (a->n < 1) return throw_error(env, "setNumThreads", "n must be at least 1, got %lld", (long long)a->n);
  const int cores = available_cores();
  const int n = a->n > cores ? cores : (int)a->n;
  parallel_set_threads(n);
  blas_max_threads = n;
  blas_threads_now = -1; /* the next BLAS call sets OpenBLAS's count */
  return NULL;
}

/* LAPACK runs on all of OpenBLAS's threads, as it does in PyTorch's process: their count splits some BLAS-2
   sums (dsytrd's symv in eigh) and so sets the digits (native/lapack.c). */
void blas_threads_for_lapack(void) { set_blas_threads(GEMM_THREADED_MIN); }

/* Whether a batch of `batch` matrices of rows x cols (cols contiguous, rows ld apart, matrices batch_stride
   apart, all >= 0) from `offset` lies in an array of `length`: its last element is the furthest. */
static int matrices_in_bounds(int64_t offset, int64_t batch, int64_t batch_stride, int64_t rows, int64_t cols,
                              int64_t ld, size_t length) {
  int64_t batch_span, row_span, end;
  return !__builtin_mul_overflow(batch - 1, batch_stride, &batch_span) &&
         !__builtin_mul_overflow(rows - 1, ld, &row_span) && !__builtin_add_overflow(offset, batch_span, &end) &&
         !__builtin_add_overflow(end, row_span, &end) && !__builtin_add_overflow(end, cols, &end) &&
         (uint64_t)end <= (uint64_t)length;
}

static napi_value gemm_entry(napi_env env, const GemmArgs *a) {
  int64_t out_len;
  if (!product3(a->batch, a->m, a->n, &out_len) || (uint64_t)out_len != a->out.length)
    return throw_error(env, "gemm", "out has %zu elements, not batch * m * n = %lld * %lld * %lld", a->out.length,
                       (long long)a->batch, (long long)a->m, (long long)a->n);
  if (out_len == 0) return NULL;
  if (a->m > INT32_MAX || a->n > INT32_MAX || a->k > INT32_MAX || a->lda > INT32_MAX || a->ldb > INT32_MAX)
    return throw_error(env, "gemm", "m, n, k, lda and ldb must be at most 2^31 - 1 (BLAS's int)");
  /* Element (i, j) of a row-major operand is at i * ld + j; of a transposed one at j * ld + i. */
  const int64_t a_rows = a->a_trans ? a->k : a->m, a_cols = a->a_trans ? a->m : a->k;
  const int64_t b_rows = a->b_trans ? a->n : a->k, b_cols = a->b_trans ? a->k : a->n;
  if (a->lda < (a_cols > 1 ? a_cols : 1) || a->ldb < (b_cols > 1 ? b_cols : 1))
    return throw_error(env, "gemm", "lda %lld or ldb %lld is shorter than a row (%lld, %lld elements)",
                       (long long)a->lda, (long long)a->ldb, (long long)a_cols, (long long)b_cols);
  /* With k == 0 BLAS reads neither operand (out = accumulate * out), so their offsets go unused. */
  const int reads = a->k > 0;
  if (reads && !matrices_in_bounds(a->a_offset, a->batch, a->a_batch_stride, a_rows, a_cols, a->lda, a->a.length))
    return throw_error(env, "gemm", "a (offset %lld, batch stride %lld) reaches outside its %zu elements",
                       (long long)a->a_offset, (long long)a->a_batch_stride, a->a.length);
  if (reads && !matrices_in_bounds(a->b_offset, a->batch, a->b_batch_stride, b_rows, b_cols, a->ldb, a->b.length))
    return throw_error(env, "gemm", "b (offset %lld, batch stride %lld) reaches outside its %zu elements",
                       (long long)a->b_offset, (long long)a->b_batch_stride, a->b.length);
  int64_t macs;
  set_blas_threads(product3(a->m, a->n, a->k, &macs) ? macs : INT64_MAX);
  const int64_t a_off = reads ? a->a_offset : 0, a_bs = reads ? a->a_batch_stride : 0;
  const int64_t b_off = reads ? a->b_offset : 0, b_bs = reads ? a->b_batch_stride : 0;
  const int m = (int)a->m, n = (int)a->n, k = (int)a->k, lda = (int)a->lda, ldb = (int)a->ldb;
  const CBLAS_TRANSPOSE ta = a->a_trans ? CblasTrans : CblasNoTrans, tb = a->b_trans ? CblasTrans : CblasNoTrans;
  for (int64_t p = 0; p < a->batch; p++) {
    if (a->a.is_double) {
      cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, (const double *)a->a.data + a_off + p * a_bs, lda,
                  (const double *)a->b.data + b_off + p * b_bs, ldb, (double)a->accumulate,
                  (double *)a->out.data + p * m * n, n);
    } else {
      cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1.0f, (const float *)a->a.data + a_off + p * a_bs, lda,
                  (const float *)a->b.data + b_off + p * b_bs, ldb, (float)a->accumulate,
                  (float *)a->out.data + p * m * n, n);
    }
  }
  return NULL;
}

static napi_value gemv_entry(napi_env env, const GemvArgs *a) {
  const int64_t out_len = a->trans ? a->n : a->m, x_len = a->trans ? a->m : a->n;
  if (a->m < 1 || a->n < 1) return throw_error(env, "gemv", "m and n must be at least 1");
  if ((uint64_t)out_len != a->out.length)
    return throw_error(env, "gemv", "out has %zu elements, not %lld", a->out.length, (long long)out_len);
  if (a->x.is_double != a->a.is_double || a->out.is_double != a->a.is_double)
    return throw_error(env, "gemv", "a, x and out must be of one type");
  if (a->m > INT32_MAX || a->n > INT32_MAX || a->lda > INT32_MAX || a->incx > INT32_MAX || a->incx < 1 ||
      a->lda < a->m)
    return throw_error(env, "gemv", "lda must be at least m, incx at least 1, all at most 2^31 - 1");
  /* A's last element is column n - 1's row m - 1; x's is element x_len - 1. */
  if (!matrices_in_bounds(a->a_offset, 1, 0, a->n, a->m, a->lda, a->a.length))
    return throw_error(env, "gemv", "a (offset %lld) reaches outside its %zu elements", (long long)a->a_offset,
                       a->a.length);
  if (!matrices_in_bounds(a->x_offset, 1, 0, x_len, 1, a->incx, a->x.length))
    return throw_error(env, "gemv", "x (offset %lld) reaches outside its %zu elements", (long long)a->x_offset,
                       a->x.length);
  /* All of OpenBLAS's threads, as PyTorch leaves it: gemv itself stays on one below m * n = 9216, and its
     split over threads changes the bits. */
  set_blas_threads(INT64_MAX);
  const int m = (int)a->m, n = (int)a->n, lda = (int)a->lda, incx = (int)a->incx;
  const CBLAS_TRANSPOSE t = a->trans ? CblasTrans : CblasNoTrans;
  if (a->a.is_double)
    cblas_dgemv(CblasColMajor, t, m, n, 1.0, (const double *)a->a.data + a->a_offset, lda,
                (const double *)a->x.data + a->x_offset, incx, 0.0, (double *)a->out.data, 1);
  else
    cblas_sgemv(CblasColMajor, t, m, n, 1.0f, (const float *)a->a.data + a->a_offset, lda,
                (const float *)a->x.data + a->x_offset, incx, 0.0f, (float *)a->out.data, 1);
  return NULL;
}

static napi_value box_muller16_entry(napi_env env, const BoxMuller16Args *a) {
  int64_t span, end;
  if (__builtin_mul_overflow(a->blocks, (int64_t)16, &span) || __builtin_add_overflow(a->offset, span, &end) ||
      (uint64_t)end > a->data.length)
    return throw_error(env, "boxMuller16", "%lld blocks of 16 from %lld reach outside %zu elements",
                       (long long)a->blocks, (long long)a->offset, a->data.length);
  double *data = (double *)a->data.data + a->offset;
  for (int64_t b = 0; b < a->blocks; b++, data += 16) {
    for (int j = 0; j < 8; j++) {
      const double u1 = 1 - data[j];
      const double u2 = data[j + 8];
      const double radius = sqrt(-2 * log(u1));
      const double theta = 2 * 3.14159265358979323846 * u2; /* c10::pi<double> */
      data[j] = fma(radius * cos(theta), a->std, a->mean);
      data[j + 8] = fma(radius * sin(theta), a->std, a->mean);
    }
  }
  return NULL;
}

static napi_value normal_pairs_entry(napi_env env, const NormalPairsArgs *a) {
  if (a->pairs > (int64_t)(a->data.length / 2))
    return throw_error(env, "normalPairs", "%lld pairs do not fit in %zu elements", (long long)a->pairs,
                       a->data.length);
  double *data = (double *)a->data.data;
  for (int64_t i = 0; i < a->pairs; i++) {
    const double u1 = data[2 * i], u2 = data[2 * i + 1];
    const double r = sqrt(-2.0 * log(1.0 - u2));
    const double theta = 2 * 3.14159265358979323846 * u1;
    data[2 * i] = r * cos(theta);
    data[2 * i + 1] = r * sin(theta);
  }
  return NULL;
}

/* MT19937 as PyTorch's CPU generator (and src/tensor/random.ts) runs it. */
enum { MT_N = 624, MT_M = 397 };

static void mt_twist(uint32_t *mt) {
  for (int i = 0; i < MT_N; i++) {
    const uint32_t y = (mt[i] & 0x80000000u) | (mt[(i + 1) % MT_N] & 0x7fffffffu);
    mt[i] = mt[(i + MT_M) % MT_N] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
  }
}

static inline uint32_t mt_next(uint32_t *mt, int64_t *index) {
  if (*index >= MT_N) {
    mt_twist(mt);
    *index = 0;
  }
  uint32_t y = mt[(*index)++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

static napi_value mt_uniform_fill_entry(napi_env env, const MtUniformFillArgs *a) {
  if (a->state.length != MT_N * sizeof(uint32_t) || ((uintptr_t)a->state.data % sizeof(uint32_t)) != 0)
    return throw_error(env, "mtUniformFill", "state must be the generator's %d aligned words", MT_N);
  if (a->index > MT_N) return throw_error(env, "mtUniformFill", "index %lld is past %d", (long long)a->index, MT_N);
  uint32_t *mt = (uint32_t *)a->state.data;
  int64_t index = a->index;
  const size_t n = a->out.length;
  if (a->out.is_double) {
    double *out = (double *)a->out.data;
    const double span = a->to - a->from;
    for (size_t i = 0; i < n; i++) {
      const uint64_t hi = mt_next(mt, &index), lo = mt_next(mt, &index);
      const double u = (double)(((hi & 0x1fffffu) << 32) | lo) / 9007199254740992.0;
      out[i] = fma(u, span, a->from);
    }
  } else {
    float *out = (float *)a->out.data;
    const float lo = (float)a->from;
    const float span = (float)a->to - lo;
    /* A 24-bit draw times a float32 span is exact in a double: one rounding, as PyTorch's fused form. */
    for (size_t i = 0; i < n; i++)
      out[i] = (float)((double)(mt_next(mt, &index) & 0xffffffu) / 16777216.0 * (double)span + (double)lo);
  }
  return NULL;
}

/* ---------------------------------------------------------------- reductions */

/* One row's max / min (NaN propagates) or argmax / argmin (the first index of the extreme, a NaN winning). */
#define EXTREME_ROW(T)                                                                     \
  do {                                                                                     \
    const T *p = (const T *)x.data + off + r * rs;                                         \
    if (arg) {                                                                             \
      T best = p[0];                                                                       \
      int64_t at = 0;                                                                      \
      for (int64_t i = 1; i < cols && best == best; i++) {                                 \
        const T v = p[i];                                                                  \
        if (v != v || (want_max ? v > best : v < best)) best = v, at = i;                  \
      }                                                                                    \
      ((double *)out.data)[r] = (double)at;                                                \
    } else {                                                                               \
      T acc = want_max ? -INFINITY : INFINITY;                                             \
      int nan = 0;                                                                         \
      for (int64_t i = 0; i < cols; i++) {                                                 \
        const T v = p[i];                                                                  \
        nan |= v != v;                                                                     \
        acc = (want_max ? v > acc : v < acc) ? v : acc;                                    \
      }                                                                                    \
      ((T *)out.data)[r] = nan ? (T)NAN : acc;                                             \
    }                                                                                      \
  } while (0)

static napi_value reduce_rows_entry(napi_env env, const ReduceRowsArgs *a) {
  const FloatArray x = a->x, out = a->out;
  const int64_t off = a->offset, rows = a->rows, cols = a->cols, rs = a->row_stride;
  const int arg = a->op == R_ARGMAX || a->op == R_ARGMIN, want_max = a->op == R_MAX || a->op == R_ARGMAX;
  if (arg ? !out.is_double : out.is_double != x.is_double)
    return throw_error(env, "reduceRows", "out must have x's type (max, min) or be a Float64Array (argmax, argmin)");
  if (cols < 1) return throw_error(env, "reduceRows", "cols must be at least 1");
  if ((uint64_t)rows != out.length)
    return throw_error(env, "reduceRows", "out has %zu elements, not rows = %lld", out.length, (long long)rows);
  if (rows > 0 && !matrices_in_bounds(off, 1, 0, rows, cols, rs, x.length))
    return throw_error(env, "reduceRows", "%lld rows of %lld from offset %lld, %lld apart, reach outside x's %zu "
                       "elements", (long long)rows, (long long)cols, (long long)off, (long long)rs, x.length);
  for (int64_t r = 0; r < rows; r++) {
    if (x.is_double) EXTREME_ROW(double);
    else EXTREME_ROW(float);
  }
  return NULL;
}

static napi_value sum_iter_entry(napi_env env, const SumIterArgs *a) {
  int64_t n, n_out;
  if (!view_in_bounds(&a->sizes, &a->in_strides, a->offset, a->x.length, &n))
    return view_error(env, "sumIter", "x", a->offset, &a->sizes, &a->in_strides, a->x.length);
  if (!view_in_bounds(&a->sizes, &a->out_strides, 0, a->out.length, &n_out))
    return view_error(env, "sumIter", "out", 0, &a->sizes, &a->out_strides, a->out.length);
  memset(a->out.data, 0, a->out.length * (a->out.is_double ? sizeof(double) : sizeof(float)));
  if (n == 0) return NULL;
  const int nd = (int)a->sizes.n;
  if (a->x.is_double)
    cascade_sum_double((const double *)a->x.data, a->offset, a->sizes.v, a->in_strides.v, a->out_strides.v, nd,
                       (double *)a->out.data);
  else
    cascade_sum_float((const float *)a->x.data, a->offset, a->sizes.v, a->in_strides.v, a->out_strides.v, nd,
                      (float *)a->out.data);
  return NULL;
}

static napi_value softmax_entry(napi_env env, const SoftmaxArgs *a) {
  int64_t n;
  if (a->last_dim && a->inner != 1) return throw_error(env, "softmax", "lastDim needs inner == 1");
  if (!product3(a->outer, a->dim_size, a->inner, &n) || (uint64_t)n != a->out.length)
    return throw_error(env, "softmax", "out has %zu elements, not outer * dimSize * inner = %lld * %lld * %lld",
                       a->out.length, (long long)a->outer, (long long)a->dim_size, (long long)a->inner);
  if (!dense_in_bounds(a->offset, n, a->x.length))
    return throw_error(env, "softmax", "x has %zu elements, fewer than offset %lld + %lld", a->x.length,
                       (long long)a->offset, (long long)n);
  if (a->x.is_double)
    softmax_double((const double *)a->x.data + a->offset, a->outer, a->dim_size, a->inner, (int)a->last_dim,
                   (int)a->log, (double *)a->out.data);
  else
    softmax_float((const float *)a->x.data + a->offset, a->outer, a->dim_size, a->inner, (int)a->last_dim,
                  (int)a->log, (float *)a->out.data);
  return NULL;
}

/* ---------------------------------------------------------------- fused backward kernels */

/* The element at `offset` of a float array, once `count` elements from there are known to be in bounds. */
static const void *at_offset(const FloatArray *a, int64_t offset) {
  return (const char *)a->data + offset * (int64_t)(a->is_double ? sizeof(double) : sizeof(float));
}

/* Throws unless elements [offset, offset + count) of `operand` are in bounds; returns whether they are. */
static int check_dense(napi_env env, const char *entry, const char *operand, const FloatArray *a, int64_t offset,
                       int64_t count) {
  if (dense_in_bounds(offset, count, a->length)) return 1;
  throw_error(env, entry, "%s has %zu elements, fewer than offset %lld + %lld", operand, a->length,
              (long long)offset, (long long)count);
  return 0;
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

/* sigmoidBackward and thresholdBackward: dense operands g and x (sigmoid: y) of out's length and type. */
static napi_value pair_backward(napi_env env, const char *entry, PairJob *job, const FloatArray *g, int64_t g_offset,
                                const FloatArray *x, int64_t x_offset, const char *x_name, const FloatArray *out) {
  const int64_t n = (int64_t)out->length;
  if (!check_dense(env, entry, "g", g, g_offset, n) || !check_dense(env, entry, x_name, x, x_offset, n)) return NULL;
  job->g = at_offset(g, g_offset);
  job->x = at_offset(x, x_offset);
  job->out = out->data;
  job->is_double = out->is_double;
  parallel_for(n, 32768, 16, pair_range, job);
  return NULL;
}

static napi_value gelu_backward_entry(napi_env env, const GeluBackwardArgs *a) {
  const int64_t n = (int64_t)a->out.length;
  if (!check_dense(env, "geluBackward", "g", &a->g, a->g_offset, n) ||
      !check_dense(env, "geluBackward", "x", &a->x, a->x_offset, n))
    return NULL;
  if (a->out.is_double)
    gelu_backward_double(at_offset(&a->g, a->g_offset), at_offset(&a->x, a->x_offset), a->out.data, n);
  else
    gelu_backward_float(at_offset(&a->g, a->g_offset), at_offset(&a->x, a->x_offset), a->out.data, n);
  return NULL;
}

static napi_value sigmoid_backward_entry(napi_env env, const SigmoidBackwardArgs *a) {
  PairJob job = {0};
  job.sigmoid = 1;
  return pair_backward(env, "sigmoidBackward", &job, &a->g, a->g_offset, &a->y, a->y_offset, "y", &a->out);
}

static napi_value threshold_backward_entry(napi_env env, const ThresholdBackwardArgs *a) {
  PairJob job = {0};
  job.threshold = a->threshold;
  return pair_backward(env, "thresholdBackward", &job, &a->g, a->g_offset, &a->x, a->x_offset, "x", &a->out);
}

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

static napi_value softmax_backward_entry(napi_env env, const SoftmaxBackwardArgs *a) {
  const char *entry = "softmaxBackward";
  int64_t n;
  if (a->dim_size < 1 || a->inner < 1) return throw_error(env, entry, "dimSize and inner must be at least 1");
  if (!product3(a->outer, a->dim_size, a->inner, &n) || (uint64_t)n != a->out.length)
    return throw_error(env, entry, "out has %zu elements, not outer * dimSize * inner = %lld * %lld * %lld",
                       a->out.length, (long long)a->outer, (long long)a->dim_size, (long long)a->inner);
  if (!check_dense(env, entry, "g", &a->g, a->g_offset, n) || !check_dense(env, entry, "y", &a->y, a->y_offset, n))
    return NULL;
  if (a->g.is_double) {
    double *sums = a->inner > 1 ? (double *)malloc((size_t)a->inner * sizeof(double)) : NULL;
    if (a->inner > 1 && sums == NULL) return throw_error(env, entry, "out of memory");
    softmax_backward_double((const double *)at_offset(&a->g, a->g_offset), (const double *)at_offset(&a->y, a->y_offset),
                            a->outer, a->dim_size, a->inner, (int)a->log, sums, (double *)a->out.data);
    free(sums);
    return NULL;
  }
  SoftmaxBackwardJob job = {0};
  job.g = (const float *)at_offset(&a->g, a->g_offset);
  job.y = (const float *)at_offset(&a->y, a->y_offset);
  job.out = (float *)a->out.data;
  job.dim_size = a->dim_size;
  job.inner = a->inner;
  job.log_softmax = (int)a->log;
  if (a->inner > 1) {
    float *sums = (float *)malloc((size_t)a->inner * sizeof(float));
    if (sums == NULL) return throw_error(env, entry, "out of memory");
    softmax_backward_inner_float(job.g, job.y, 0, a->outer, a->dim_size, a->inner, job.log_softmax, sums, job.out);
    free(sums);
    return NULL;
  }
  parallel_for(a->outer, 1 + 32768 / a->dim_size, 1, softmax_backward_range, &job);
  return NULL;
}

/* ---------------------------------------------------------------- binary_cross_entropy_with_logits */

static napi_value bce_with_logits_entry(napi_env env, const BceWithLogitsArgs *a) {
  const int64_t n = (int64_t)a->out.length;
  if (!check_dense(env, "bceWithLogits", "x", &a->x, a->x_offset, n) ||
      !check_dense(env, "bceWithLogits", "y", &a->y, a->y_offset, n))
    return NULL;
  bce_with_logits_float((const float *)at_offset(&a->x, a->x_offset), (const float *)at_offset(&a->y, a->y_offset),
                        (float *)a->out.data, n);
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

static napi_value bce_with_logits_backward_entry(napi_env env, const BceWithLogitsBackwardArgs *a) {
  const char *entry = "bceWithLogitsBackward";
  const int64_t n = (int64_t)a->out.length;
  /* g is read at index i * gStride: all n elements, or its first one only */
  const int64_t g_count = n == 0 ? 0 : a->g_stride ? n : 1;
  if (!check_dense(env, entry, "x", &a->x, a->x_offset, n) || !check_dense(env, entry, "y", &a->y, a->y_offset, n) ||
      !check_dense(env, entry, "g", &a->g, a->g_offset, g_count))
    return NULL;
  BceBackwardJob job = {0};
  job.x = (const float *)at_offset(&a->x, a->x_offset);
  job.y = (const float *)at_offset(&a->y, a->y_offset);
  job.g = (const float *)at_offset(&a->g, a->g_offset);
  job.g_stride = a->g_stride;
  job.n = n;
  job.divisor = (float)a->divisor;
  job.out = (float *)a->out.data;
  parallel_for(n, 32768, 16, bce_backward_range, &job);
  return NULL;
}

/* ---------------------------------------------------------------- registration */

/* Each entry point's N-API callback: parse_args checks the call against the table's spec, then c_name##_entry
   runs with the parsed arguments. */
#define DEFINE_CALLBACK(js_name, c_name, Args, spec)                          \
  static napi_value c_name##_callback(napi_env env, napi_callback_info info) { \
    Args args;                                                                \
    if (!parse_args(env, info, &spec, &args)) return NULL;                    \
    return c_name##_entry(env, &args);                                        \
  }
ENTRY_POINTS(DEFINE_CALLBACK)

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

/* opCodes ({unary: {neg: 0, ...}, ...}) and signatures ({unary: "op:op:unary,x:floats,...", ...}), from the
   enums and specs this build was compiled with: loadAddon compares them with the table to catch a stale
   build. */
static napi_status export_table(napi_env env, napi_value exports) {
  napi_value op_codes, signatures, group, code, text;
  napi_status s = napi_create_object(env, &op_codes);
  if (s == napi_ok) s = napi_create_object(env, &signatures);
#define EXPORT_GROUP(js_name, codes, count)                                                     \
  if (s == napi_ok) s = napi_create_object(env, &group);                                        \
  for (int i = 0; s == napi_ok && i < (count); i++) {                                           \
    s = napi_create_int32(env, (codes)[i].code, &code);                                         \
    if (s == napi_ok) s = napi_set_named_property(env, group, (codes)[i].name, code);           \
  }                                                                                             \
  if (s == napi_ok) s = napi_set_named_property(env, op_codes, #js_name, group);
  OP_GROUPS(EXPORT_GROUP)
#undef EXPORT_GROUP
#define EXPORT_SIGNATURE(js_name, c_name, Args, spec)                                       \
  if (s == napi_ok) s = napi_create_string_utf8(env, (spec).signature, NAPI_AUTO_LENGTH, &text); \
  if (s == napi_ok) s = napi_set_named_property(env, signatures, #js_name, text);
  ENTRY_POINTS(EXPORT_SIGNATURE)
#undef EXPORT_SIGNATURE
  if (s == napi_ok) s = napi_set_named_property(env, exports, "opCodes", op_codes);
  if (s == napi_ok) s = napi_set_named_property(env, exports, "signatures", signatures);
  return s;
}

static napi_value Init(napi_env env, napi_value exports) {
  tune_malloc();
  {
    const int cores = available_cores(), blas = openblas_get_num_threads();
    blas_max_threads = blas < 1 ? 1 : blas > cores ? cores : blas;
  }
#define PROPERTY(js_name, c_name, Args, spec) {#js_name, NULL, c_name##_callback, NULL, NULL, NULL, napi_default, NULL},
  const napi_property_descriptor props[] = {ENTRY_POINTS(PROPERTY)};
#undef PROPERTY
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok ||
      export_table(env, exports) != napi_ok) {
    napi_throw_error(env, NULL, "tensorgrad native: could not register the entry points");
    return NULL;
  }
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
