/* Sums and softmax with exactly the arithmetic of the TypeScript kernels (which port PyTorch 1.13's CPU
   kernels step for step), so the native backend gives the same digits. Built with -ffp-contract=off: the
   only fused multiply-adds are the explicit fmaf calls SLEEF makes. */
#include "kernels.h"
#include "parallel.h"
#include "simd.h"
#include "glibc_expf.h"
#include "sleef.h"
#include "sleef_sp.h"
#include "glibc_exp.h"
#include "sleef_dp.h"
#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------- cascade sum */

/* multi_row_sum's widest call: 4 rows of 8 float lanes (row_sum's ilp 4 x 8 lanes is the same). */
#define MAX_WIDTH 32

static int ceil_log2(int64_t x) {
  if (x <= 2) return 1;
  return 64 - __builtin_clzll((unsigned long long)(x - 1));
}

/* One definition per accumulator type T: multi_row_sum, row_sum, the four 2-D loops and the iterator walk,
   each mirroring the function of the same name in cascade_sum.ts. An element load is
   p[i * row_stride + koff[k]]: row i, accumulator k. */
#define DEFINE_CASCADE_SUM(T, LANES)                                                                        \
  static void multi_row_sum_##T(int width, int64_t size, const T *p, int64_t row_stride, const int64_t *koff, \
                                T *res) {                                                                   \
    int level_power = ceil_log2(size) / 4;                                                                  \
    if (level_power < 4) level_power = 4;                                                                   \
    const int64_t level_step = (int64_t)1 << level_power;                                                  \
    const int64_t level_mask = level_step - 1;                                                              \
    T acc[4][MAX_WIDTH];                                                                                    \
    memset(acc, 0, sizeof acc);                                                                             \
    int unit = 1;                                                                                           \
    for (int k = 0; k < width; k++) unit &= koff[k] == k;                                                   \
    int64_t i = 0;                                                                                          \
    while (i + level_step <= size) {                                                                        \
      for (int64_t j = 0; j < level_step; j++, i++) {                                                       \
        const T *row = p + i * row_stride;                                                                  \
        if (unit)                                                                                           \
          for (int k = 0; k < width; k++) acc[0][k] = acc[0][k] + row[k];                                   \
        else                                                                                                \
          for (int k = 0; k < width; k++) acc[0][k] = acc[0][k] + row[koff[k]];                            \
      }                                                                                                     \
      for (int j = 1; j < 4; j++) {                                                                         \
        for (int k = 0; k < width; k++) {                                                                   \
          acc[j][k] = acc[j][k] + acc[j - 1][k];                                                            \
          acc[j - 1][k] = 0;                                                                                \
        }                                                                                                   \
        if ((i & (level_mask << (j * level_power))) != 0) break;                                            \
      }                                                                                                     \
    }                                                                                                       \
    for (; i < size; i++) {                                                                                 \
      const T *row = p + i * row_stride;                                                                    \
      for (int k = 0; k < width; k++) acc[0][k] = acc[0][k] + row[koff[k]];                                 \
    }                                                                                                       \
    for (int j = 1; j < 4; j++)                                                                             \
      for (int k = 0; k < width; k++) acc[0][k] = acc[0][k] + acc[j][k];                                    \
    memcpy(res, acc[0], (size_t)width * sizeof(T));                                                         \
  }                                                                                                         \
                                                                                                            \
  /* row_sum: element (i, l) is p[i * row_stride + l * lane_stride]; the result is res[0..lanes). */        \
  static void row_sum_##T(int64_t size, int lanes, const T *p, int64_t row_stride, int64_t lane_stride,      \
                          T *res) {                                                                         \
    int64_t koff[MAX_WIDTH];                                                                                \
    for (int k = 0; k < 4 * lanes; k++) koff[k] = (k / lanes) * row_stride + (k % lanes) * lane_stride;     \
    const int64_t size_ilp = size / 4;                                                                      \
    multi_row_sum_##T(4 * lanes, size_ilp, p, 4 * row_stride, koff, res);                                   \
    for (int64_t i = size_ilp * 4; i < size; i++)                                                           \
      for (int l = 0; l < lanes; l++) res[l] = res[l] + p[i * row_stride + l * lane_stride];                \
    for (int k = 1; k < 4; k++)                                                                             \
      for (int l = 0; l < lanes; l++) res[l] = res[l] + res[k * lanes + l];                                 \
  }                                                                                                         \
                                                                                                            \
  /* One 2-D loop: i runs along the reduced dim (stride in0), j along the kept one (in1, out1). */         \
  static void loop2d_##T(const T *p, int64_t reduced, int64_t kept, int64_t in0, int64_t in1, T *o,         \
                         int64_t out1) {                                                                    \
    T buf[MAX_WIDTH];                                                                                       \
    int64_t koff[MAX_WIDTH];                                                                                \
    int64_t j = 0;                                                                                          \
    if (in0 == 1 && reduced >= LANES) {                                                                     \
      const int64_t vec_size = reduced / LANES;                                                             \
      for (j = 0; j < kept; j++) {                                                                          \
        const T *col = p + j * in1;                                                                         \
        row_sum_##T(vec_size, LANES, col, LANES * in0, in0, buf);                                           \
        T acc = 0;                                                                                          \
        for (int64_t k = vec_size * LANES; k < reduced; k++) acc = acc + col[k * in0];                      \
        for (int l = 0; l < LANES; l++) acc = acc + buf[l];                                                 \
        o[j * out1] = o[j * out1] + acc;                                                                    \
      }                                                                                                     \
      return;                                                                                               \
    }                                                                                                       \
    if (in1 == 1 && kept >= LANES) {                                                                        \
      for (int k = 0; k < 4 * LANES; k++) koff[k] = k * in1;                                                \
      for (; j + 4 * LANES <= kept; j += 4 * LANES) {                                                       \
        multi_row_sum_##T(4 * LANES, reduced, p + j * in1, in0, koff, buf);                                 \
        for (int k = 0; k < 4 * LANES; k++) o[(j + k) * out1] = o[(j + k) * out1] + buf[k];                 \
      }                                                                                                     \
      for (; j + LANES <= kept; j += LANES) {                                                               \
        row_sum_##T(reduced, LANES, p + j * in1, in0, in1, buf);                                            \
        for (int l = 0; l < LANES; l++) o[(j + l) * out1] = o[(j + l) * out1] + buf[l];                     \
      }                                                                                                     \
    } else if (!(in0 < in1)) {                                                                              \
      /* scalar_outer_sum */                                                                                \
      for (int k = 0; k < 4; k++) koff[k] = k * in1;                                                        \
      for (; j + 3 < kept; j += 4) {                                                                        \
        multi_row_sum_##T(4, reduced, p + j * in1, in0, koff, buf);                                         \
        for (int k = 0; k < 4; k++) o[(j + k) * out1] = o[(j + k) * out1] + buf[k];                         \
      }                                                                                                     \
    }                                                                                                       \
    /* scalar_inner_sum, and every loop's leftover columns */                                               \
    for (; j < kept; j++) {                                                                                 \
      row_sum_##T(reduced, 1, p + j * in1, in0, 0, buf);                                                    \
      o[j * out1] = o[j * out1] + buf[0];                                                                   \
    }                                                                                                       \
  }                                                                                                         \
                                                                                                            \
  SIMD_CLONES void cascade_sum_##T(const T *src, int64_t offset, const int64_t *sizes, const int64_t *in_strides,       \
                       const int64_t *out_strides, int ndim, T *out) {                                      \
    for (int d = 0; d < ndim; d++)                                                                          \
      if (sizes[d] == 0) return;                                                                            \
    int64_t size0 = ndim > 0 ? sizes[0] : 1, in0 = ndim > 0 ? in_strides[0] : 0;                            \
    int64_t out0 = ndim > 0 ? out_strides[0] : 0;                                                           \
    int64_t size1 = ndim > 1 ? sizes[1] : 1, in1 = ndim > 1 ? in_strides[1] : 0;                            \
    int64_t out1 = ndim > 1 ? out_strides[1] : 0;                                                           \
    /* Move the reduction to be the first dim. */                                                          \
    if (out0 != 0 && out1 == 0) {                                                                           \
      int64_t t;                                                                                            \
      t = in0, in0 = in1, in1 = t;                                                                          \
      t = out0, out0 = out1, out1 = t;                                                                      \
      t = size0, size0 = size1, size1 = t;                                                                  \
    }                                                                                                       \
    int64_t index[16] = {0};                                                                                \
    for (;;) {                                                                                              \
      int64_t in_base = offset, out_base = 0;                                                               \
      for (int d = 2; d < ndim; d++) {                                                                      \
        in_base += index[d] * in_strides[d];                                                                \
        out_base += index[d] * out_strides[d];                                                              \
      }                                                                                                     \
      if (out0 != 0 && out1 != 0) {                                                                         \
        for (int64_t j = 0; j < size1; j++)                                                                 \
          for (int64_t i = 0; i < size0; i++) {                                                             \
            T *o = out + out_base + i * out0 + j * out1;                                                    \
            *o = *o + src[in_base + i * in0 + j * in1];                                                     \
          }                                                                                                 \
      } else {                                                                                              \
        loop2d_##T(src + in_base, size0, size1, in0, in1, out + out_base, out1);                            \
      }                                                                                                     \
      int d = 2;                                                                                            \
      for (; d < ndim; d++) {                                                                               \
        if (++index[d] < sizes[d]) break;                                                                   \
        index[d] = 0;                                                                                       \
      }                                                                                                     \
      if (d >= ndim) return;                                                                                \
    }                                                                                                       \
  }

DEFINE_CASCADE_SUM(float, 8)
DEFINE_CASCADE_SUM(double, 4)

/* ---------------------------------------------------------------- SLEEF expf */

float sleef_expf(float d) { return sleef_expf_inline(d); }

/* ---------------------------------------------------------------- softmax */

static inline float max_of(float a, float b) { return (a != a || b != b) ? NAN : a > b ? a : b; }
static inline float add_of(float a, float b) { return a + b; }

/* vec_reduce_all: a full 8-lane vector folds by halves, pairs, neighbours; a partial one sequentially. */
ALWAYS_INLINE static float lane_reduce(const float *lanes, int64_t size, float (*op)(float, float)) {
  if (size == 8) {
    float a0 = op(lanes[0], lanes[4]), a1 = op(lanes[1], lanes[5]);
    float a2 = op(lanes[2], lanes[6]), a3 = op(lanes[3], lanes[7]);
    return op(op(a0, a2), op(a1, a3));
  }
  float acc = lanes[0];
  for (int64_t i = 1; i < size; i++) acc = op(acc, lanes[i]);
  return acc;
}

/* vec::map_reduce_all over row[0..size) with map(v) = exp(v - shift) when use_exp, else v. */
ALWAYS_INLINE static float map_reduce_all(const float *row, int64_t size, int use_exp, float shift,
                                          float (*op)(float, float)) {
  float acc[8];
#define MAP(v) (use_exp ? sleef_expf_inline((v) - shift) : (v))
  if (size < 8) {
    for (int64_t l = 0; l < size; l++) acc[l] = MAP(row[l]);
    return lane_reduce(acc, size, op);
  }
  for (int l = 0; l < 8; l++) acc[l] = MAP(row[l]);
  int64_t d = 8;
  for (; d < size - (size % 8); d += 8)
    for (int l = 0; l < 8; l++) acc[l] = op(acc[l], MAP(row[d + l]));
  /* The partial tail vector updates only its own lanes (Vec::set). */
  for (int l = 0; d + l < size; l++) acc[l] = op(acc[l], MAP(row[d + l]));
#undef MAP
  return lane_reduce(acc, 8, op);
}

/* Rows [begin, end) of a softmax along the last dim (_vec_softmax_lastdim / _vec_log_softmax_lastdim). */
SIMD_CLONES static void softmax_lastdim_rows(const float *x, int64_t begin, int64_t end, int64_t dim_size,
                                             int log_softmax, float *out) {
  for (int64_t o = begin; o < end; o++) {
    const float *row = x + o * dim_size;
    float *dst = out + o * dim_size;
    const float max = map_reduce_all(row, dim_size, 0, 0.0f, max_of);
    if (log_softmax) {
      /* map_reduce_all(exp(x - max), +), with the exps staged in dst: a loop GCC vectorizes, then the same
         lane-wise sum (exp inside the reduction ran 20 ns per element). */
      for (int64_t i = 0; i < dim_size; i++) dst[i] = sleef_expf_inline(row[i] - max);
      const float log_sum = sleef_logf(map_reduce_all(dst, dim_size, 0, 0.0f, add_of));
      for (int64_t i = 0; i < dim_size; i++) dst[i] = (row[i] - max) - log_sum;
    } else {
      for (int64_t i = 0; i < dim_size; i++) dst[i] = sleef_expf_inline(row[i] - max);
      const float sum = map_reduce_all(dst, dim_size, 0, 0.0f, add_of);
      const float scale = 1.0f / sum;
      for (int64_t i = 0; i < dim_size; i++) dst[i] = dst[i] * scale;
    }
  }
}

typedef struct {
  const float *x;
  float *out;
  int64_t dim_size;
  int log_softmax;
} SoftmaxRowsJob;

static void softmax_rows_range(void *ctx, int64_t begin, int64_t end) {
  const SoftmaxRowsJob *j = (const SoftmaxRowsJob *)ctx;
  softmax_lastdim_rows(j->x, begin, end, j->dim_size, j->log_softmax, j->out);
}

SIMD_CLONES void softmax_float(const float *x, int64_t outer, int64_t dim_size, int64_t inner, int last_dim, int log_softmax,
                   float *out) {
  if (dim_size == 0) return;
  if (last_dim && inner == 1) {
    /* Rows are independent: split over the pool as PyTorch's parallel_for does (grain 32768 elements). */
    SoftmaxRowsJob job = {x, out, dim_size, log_softmax};
    parallel_for(outer, 1 + 32768 / dim_size, 1, softmax_rows_range, &job);
    return;
  }
  /* _vec_softmax and _vec_log_softmax run 8 inner positions at a time and std::exp (glibc) on the rest. */
  const int64_t vector_inner = inner - inner % 8;
  for (int64_t o = 0; o < outer; o++) {
    for (int64_t j = 0; j < inner; j++) {
      const float *src = x + o * dim_size * inner + j;
      float *dst = out + o * dim_size * inner + j;
      float max = src[0];
      for (int64_t d = 1; d < dim_size; d++) max = max_of(max, src[d * inner]);
      float sum = 0.0f;
      for (int64_t d = 0; d < dim_size; d++) {
        const float v = src[d * inner] - max;
        const float e = j < vector_inner ? sleef_expf_inline(v) : glibc_expf(v);
        if (!log_softmax) dst[d * inner] = e;
        sum = sum + e;
      }
      if (log_softmax) {
        const float log_sum = sleef_logf(sum);
        for (int64_t d = 0; d < dim_size; d++) dst[d * inner] = (src[d * inner] - max) - log_sum;
      } else {
        for (int64_t d = 0; d < dim_size; d++) dst[d * inner] = dst[d * inner] / sum;
      }
    }
  }
}

/* Float64 softmax: the same steps with Vectorized<double>'s 4 lanes (whose partial fold is sequential, as
   softmax.ts's laneReduce does for 4 lanes), SLEEF's expd / logd and glibc's exp on _vec_softmax's and
   _vec_log_softmax's scalar inner positions. */
static inline double max_of_d(double a, double b) { return (a != a || b != b) ? NAN : a > b ? a : b; }

/* vec::map_reduce_all over row[0..size) with 4 lanes; max (is_max) or sum. */
static double map_reduce_all_d(const double *row, int64_t size, int is_max) {
  double acc[4] = {0, 0, 0, 0};
#define OP(a, b) (is_max ? max_of_d(a, b) : (a) + (b))
  const int64_t first = size < 4 ? size : 4;
  for (int64_t l = 0; l < first; l++) acc[l] = row[l];
  int64_t d = 4;
  if (size >= 4) {
    for (; d < size - (size % 4); d += 4)
      for (int l = 0; l < 4; l++) acc[l] = OP(acc[l], row[d + l]);
    for (int l = 0; d + l < size; l++) acc[l] = OP(acc[l], row[d + l]);
  }
  double r = acc[0];
  for (int64_t l = 1; l < first; l++) r = OP(r, acc[l]);
#undef OP
  return r;
}

void softmax_double(const double *x, int64_t outer, int64_t dim_size, int64_t inner, int last_dim, int log_softmax,
                    double *out) {
  if (dim_size == 0) return;
  if (last_dim && inner == 1) {
    for (int64_t o = 0; o < outer; o++) {
      const double *row = x + o * dim_size;
      double *dst = out + o * dim_size;
      const double max = map_reduce_all_d(row, dim_size, 1);
      for (int64_t i = 0; i < dim_size; i++) dst[i] = sleef_exp_d(row[i] - max);
      const double sum = map_reduce_all_d(dst, dim_size, 0);
      if (log_softmax) {
        const double log_sum = sleef_log_d(sum);
        for (int64_t i = 0; i < dim_size; i++) dst[i] = (row[i] - max) - log_sum;
      } else {
        const double scale = 1.0 / sum;
        for (int64_t i = 0; i < dim_size; i++) dst[i] = dst[i] * scale;
      }
    }
    return;
  }
  const int64_t vector_inner = inner - inner % 4;
  for (int64_t o = 0; o < outer; o++) {
    for (int64_t j = 0; j < inner; j++) {
      const double *src = x + o * dim_size * inner + j;
      double *dst = out + o * dim_size * inner + j;
      double max = src[0];
      for (int64_t d = 1; d < dim_size; d++) max = max_of_d(max, src[d * inner]);
      double sum = 0.0;
      for (int64_t d = 0; d < dim_size; d++) {
        const double v = src[d * inner] - max;
        const double e = j < vector_inner ? sleef_exp_d(v) : glibc_exp(v);
        if (!log_softmax) dst[d * inner] = e;
        sum = sum + e;
      }
      if (log_softmax) {
        const double log_sum = sleef_log_d(sum);
        for (int64_t d = 0; d < dim_size; d++) dst[d * inner] = (src[d * inner] - max) - log_sum;
      } else {
        for (int64_t d = 0; d < dim_size; d++) dst[d * inner] = dst[d * inner] / sum;
      }
    }
  }
}
