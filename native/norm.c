/* PyTorch's CPU layer norm and batch norm kernels with the arithmetic of src/backend/js/norm_kernels.ts, step for
   step (that file gives the order: moments without fused steps, the other kernels with the fused multiply-adds
   PyTorch's AVX2 build makes, written here as explicit fmaf / fma calls). Dense operands, one thread. */
#include <math.h>
#include <string.h>

#include "args.h"
/* The argument structs of the entry points below; the specs that come with them are tensorgrad.c's. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-const-variable"
#pragma GCC diagnostic ignored "-Wunused-variable"
#define ENTRY_POINT_SPECS
#include "entry_points.h"
#pragma GCC diagnostic pop
#include "norm.h"

#include "simd.h"

#define CHUNK 16
#define MAX_DEPTH 64

static int ceil_log2(int64_t x) {
  if (x <= 2) return 1;
  int bits = 0;
  for (uint64_t v = (uint64_t)(x - 1); v != 0; v >>= 1) bits++;
  return bits;
}

/* The kernels for one float type T with L vector lanes; FMA rounds once. */
#define DEFINE_NORM_KERNELS(T, S, L, FMA, SQRT)                                                                  \
  static void add_moments_##S(int64_t m0_add, T m1_add, T m2_add, int64_t m0, T *m1, T *m2) {                 \
    const int64_t n = m0 + m0_add;                                                                            \
    const T c = n == 0 ? (T)0 : (T)m0_add / (T)n;                                                             \
    const T delta = m1_add - *m1;                                                                             \
    *m1 = *m1 + c * delta;                                                                                    \
    *m2 = *m2 + (m2_add + delta * delta * c * (T)m0);                                                         \
  }                                                                                                           \
                                                                                                              \
  /* RowwiseMoments: Welford on chunks of 16 vectors per lane, a binary cascade, the tail, then the lanes. */ \
  static void rowwise_moments_##S(const T *x, int64_t size, T *mean, T *var) {                                \
    const int64_t n = size / L, m = (n + CHUNK - 1) / CHUNK;                                                  \
    const int depth = ceil_log2(m);                                                                           \
    int64_t m0_stk[MAX_DEPTH];                                                                                \
    T m1_stk[MAX_DEPTH][L], m2_stk[MAX_DEPTH][L];                                                             \
    memset(m0_stk, 0, sizeof m0_stk[0] * (size_t)depth);                                                      \
    memset(m1_stk, 0, sizeof m1_stk[0] * (size_t)depth);                                                      \
    memset(m2_stk, 0, sizeof m2_stk[0] * (size_t)depth);                                                      \
    for (int64_t i = 0; i < m; i++) {                                                                         \
      const T *base = x + i * CHUNK * L;                                                                      \
      const int64_t m0 = n - i * CHUNK < CHUNK ? n - i * CHUNK : CHUNK;                                       \
      T m1v[L], m2v[L];                                                                                       \
      for (int l = 0; l < L; l++) m1v[l] = m2v[l] = 0;                                                        \
      for (int64_t j = 0; j < m0; j++) {                                                                      \
        const T c = (T)1 / (T)(j + 1);                                                                        \
        for (int l = 0; l < L; l++) {                                                                         \
          const T v = base[j * L + l];                                                                        \
          const T delta = v - m1v[l];                                                                         \
          m1v[l] = m1v[l] + delta * c;                                                                        \
          m2v[l] = m2v[l] + delta * (v - m1v[l]);                                                             \
        }                                                                                                     \
      }                                                                                                       \
      for (int l = 0; l < L; l++) add_moments_##S(m0, m1v[l], m2v[l], m0_stk[0], &m1_stk[0][l], &m2_stk[0][l]); \
      m0_stk[0] += m0;                                                                                        \
      int64_t mask = i + 1;                                                                                   \
      for (int j = 1; j < depth && (mask & 1) == 0; j++) {                                                    \
        for (int l = 0; l < L; l++)                                                                           \
          add_moments_##S(m0_stk[j - 1], m1_stk[j - 1][l], m2_stk[j - 1][l], m0_stk[j], &m1_stk[j][l],        \
                          &m2_stk[j][l]);                                                                     \
        m0_stk[j] += m0_stk[j - 1];                                                                           \
        m0_stk[j - 1] = 0;                                                                                    \
        for (int l = 0; l < L; l++) m1_stk[j - 1][l] = m2_stk[j - 1][l] = 0;                                  \
        mask >>= 1;                                                                                           \
      }                                                                                                       \
    }                                                                                                         \
    for (int i = 1; i < depth; i++) {                                                                         \
      for (int l = 0; l < L; l++)                                                                             \
        add_moments_##S(m0_stk[i], m1_stk[i][l], m2_stk[i][l], m0_stk[0], &m1_stk[0][l], &m2_stk[0][l]);      \
      m0_stk[0] += m0_stk[i];                                                                                 \
    }                                                                                                         \
    int64_t m0 = 0;                                                                                           \
    T m1 = 0, m2 = 0;                                                                                         \
    for (int64_t i = n * L; i < size; i++) {                                                                  \
      const T delta = x[i] - m1;                                                                              \
      m0++;                                                                                                   \
      m1 = m1 + delta / (T)m0;                                                                                \
      m2 = m2 + delta * (x[i] - m1);                                                                          \
    }                                                                                                         \
    for (int l = 0; l < L; l++) {                                                                             \
      add_moments_##S(n, m1_stk[0][l], m2_stk[0][l], m0, &m1, &m2);                                           \
      m0 += n;                                                                                                \
    }                                                                                                         \
    *mean = m1;                                                                                               \
    *var = m2 / (T)size;                                                                                      \
  }                                                                                                           \
                                                                                                              \
  SIMD_CLONES void layer_norm_##S(const T *x, const T *gamma, const T *beta, int64_t rows, int64_t cols, double eps, T *out, \
                      T *mean, T *rstd) {                                                                     \
    const T eps_t = (T)eps;                                                                                   \
    for (int64_t i = 0; i < rows; i++) {                                                                      \
      const T *xr = x + i * cols;                                                                             \
      T mu, variance;                                                                                         \
      rowwise_moments_##S(xr, cols, &mu, &variance);                                                          \
      const T s = (T)1 / SQRT(variance + eps_t);                                                              \
      const T bias = -s * mu;                                                                                 \
      for (int64_t j = 0; j < cols; j++)                                                                      \
        out[i * cols + j] = FMA(FMA(xr[j], s, bias), gamma ? gamma[j] : (T)1, beta ? beta[j] : (T)0);         \
      mean[i] = mu;                                                                                           \
      rstd[i] = s;                                                                                            \
    }                                                                                                         \
  }                                                                                                           \
                                                                                                              \
  /* vec::reduce_all / map2_reduce_all / map3_reduce_all with +: nf = 1 sums a - shift, nf = 2 the products   \
     (a - shift) * b, nf = 3 the products a * b * c. */                                                       \
  ALWAYS_INLINE static T reduce_all_##S(const T *a, T shift, const T *b, const T *c, int64_t size, int nf) {                \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")                \
    T acc[L];                                                                                                 \
    _Pragma("GCC diagnostic pop")                                                                             \
    if (size < L) {                                                                                           \
      T s = 0;                                                                                                \
      for (int64_t j = 0; j < size; j++) {                                                                    \
        const T head = nf == 3 ? a[j] * b[j] : a[j] - shift;                                                  \
        const T v = nf == 1 ? head : head * (nf == 3 ? c[j] : b[j]);                                          \
        s = j == 0 ? v : s + v;                                                                               \
      }                                                                                                       \
      return s;                                                                                               \
    }                                                                                                         \
    for (int l = 0; l < L; l++) {                                                                             \
      const T head = nf == 3 ? a[l] * b[l] : a[l] - shift;                                                    \
      acc[l] = nf == 1 ? head : head * (nf == 3 ? c[l] : b[l]);                                               \
    }                                                                                                         \
    /* Whole vectors, then the partial one: lane l takes elements l, l + L, ... in order. */                  \
    int64_t j0 = L;                                                                                           \
    for (; j0 + L <= size; j0 += L)                                                                           \
      for (int l = 0; l < L; l++) {                                                                           \
        const int64_t j = j0 + l;                                                                             \
        const T head = nf == 3 ? a[j] * b[j] : a[j] - shift;                                                  \
        acc[l] = nf == 1 ? acc[l] + head : FMA(head, nf == 3 ? c[j] : b[j], acc[l]);                          \
      }                                                                                                       \
    for (int l = 0; j0 + l < size; l++) {                                                                     \
      const int64_t j = j0 + l;                                                                               \
      const T head = nf == 3 ? a[j] * b[j] : a[j] - shift;                                                    \
      acc[l] = nf == 1 ? acc[l] + head : FMA(head, nf == 3 ? c[j] : b[j], acc[l]);                            \
    }                                                                                                         \
    if (L == 8) {                                                                                             \
      T v[8];                                                                                                 \
      for (int l = 0; l < 8; l++) v[l] = acc[l] + acc[l ^ 4];                                                 \
      return (v[0] + v[2]) + (v[1] + v[3]);                                                                   \
    }                                                                                                         \
    T s = acc[0];                                                                                             \
    for (int l = 1; l < L; l++) s = s + acc[l];                                                               \
    return s;                                                                                                 \
  }                                                                                                           \
                                                                                                              \
  SIMD_CLONES void layer_norm_backward_##S(const T *dy, const T *x, const T *mean, const T *rstd, const T *gamma,         \
                               int64_t rows, int64_t cols, T *dx, T *dgamma, T *dbeta) {                      \
    const T scale = (T)1 / (T)cols;                                                                           \
    if (dgamma) memset(dgamma, 0, sizeof(T) * (size_t)cols);                                                  \
    if (dbeta) memset(dbeta, 0, sizeof(T) * (size_t)cols);                                                    \
    for (int64_t i = 0; i < rows; i++) {                                                                      \
      const T *xr = x + i * cols, *dyr = dy + i * cols;                                                       \
      const T rs = rstd[i], mu = mean[i];                                                                     \
      if (dgamma) {                                                                                           \
        const T b = -rs * mu;                                                                                 \
        for (int64_t j = 0; j < cols; j++) dgamma[j] = FMA(dyr[j], FMA(rs, xr[j], b), dgamma[j]);             \
      }                                                                                                       \
      if (dbeta)                                                                                              \
        for (int64_t j = 0; j < cols; j++) dbeta[j] = dbeta[j] + dyr[j];                                      \
      if (dx) {                                                                                               \
        const T ds = gamma ? reduce_all_##S(dyr, 0, xr, gamma, cols, 3) : reduce_all_##S(dyr, 0, xr, NULL, cols, 2); \
        const T db = gamma ? reduce_all_##S(dyr, 0, gamma, NULL, cols, 2) : reduce_all_##S(dyr, 0, NULL, NULL, cols, 1); \
        const T b = FMA(db, mu, -ds) * rs * rs * rs * scale;                                                  \
        const T c = FMA(-b, mu, -(db * rs * scale));                                                          \
        for (int64_t j = 0; j < cols; j++)                                                                    \
          dx[i * cols + j] = FMA(b, xr[j], gamma ? rs * dyr[j] * gamma[j] : rs * dyr[j]) + c;                 \
      }                                                                                                       \
    }                                                                                                         \
    /* The second pass adds the one thread's buffer to zero. */                                               \
    if (dgamma)                                                                                               \
      for (int64_t j = 0; j < cols; j++) dgamma[j] = (T)0 + dgamma[j];                                        \
    if (dbeta)                                                                                                \
      for (int64_t j = 0; j < cols; j++) dbeta[j] = (T)0 + dbeta[j];                                          \
  }                                                                                                           \
                                                                                                              \
  SIMD_CLONES void batch_norm_stats_##S(const T *x, int64_t batch, int64_t channels, int64_t image, double momentum,       \
                            double eps, T *running_mean, T *running_var, T *mean, T *invstd) {                \
    const int64_t n = batch * image;                                                                          \
    /* invstd holds the sums of squared deviations until the end. */                                          \
    T *var_sum = invstd;                                                                                      \
    if (image == 1 && n > 1) {                                                                                \
      memset(mean, 0, sizeof(T) * (size_t)channels);                                                          \
      memset(var_sum, 0, sizeof(T) * (size_t)channels);                                                       \
      for (int64_t i = 0; i < n; i++)                                                                         \
        for (int64_t c = 0; c < channels; c++) mean[c] = x[i * channels + c] + mean[c];                       \
      for (int64_t c = 0; c < channels; c++) mean[c] = (T)((0.0 + (double)mean[c]) / (double)n);              \
      for (int64_t i = 0; i < n; i++)                                                                         \
        for (int64_t c = 0; c < channels; c++) {                                                              \
          const T d = x[i * channels + c] - mean[c];                                                          \
          var_sum[c] = FMA(d, d, var_sum[c]);                                                                 \
        }                                                                                                     \
    } else {                                                                                                  \
      for (int64_t c = 0; c < channels; c++) {                                                                \
        double sum = 0;                                                                                       \
        for (int64_t b = 0; b < batch; b++)                                                                   \
          for (int64_t i = 0; i < image; i++) sum += (double)x[(b * channels + c) * image + i];              \
        const T mu = (T)(sum / (double)n);                                                                    \
        mean[c] = mu;                                                                                         \
        /* float: squares rounded to float; double: two-lane vectorized in-order adds, an odd last fused. */ \
        const int64_t unfused = sizeof(T) == 4 ? image : image - image % 2;                                   \
        double vs = 0;                                                                                        \
        for (int64_t b = 0; b < batch; b++)                                                                   \
          for (int64_t i = 0; i < image; i++) {                                                               \
            const T d = x[(b * channels + c) * image + i] - mu;                                               \
            vs = i < unfused ? vs + (double)(T)(d * d) : fma((double)d, (double)d, vs);                       \
          }                                                                                                   \
        var_sum[c] = (T)vs;                                                                                   \
      }                                                                                                       \
    }                                                                                                         \
    const T m = (T)momentum, keep = (T)1 - m;                                                                 \
    for (int64_t c = 0; c < channels; c++) {                                                                  \
      const T vsum = var_sum[c];                                                                              \
      const T v = vsum / (T)n;                                                                                \
      invstd[c] = v != 0 || eps != 0 ? (T)(1.0 / sqrt((double)v + eps)) : (T)0;                               \
      if (running_mean) {                                                                                     \
        running_mean[c] = m * mean[c] + keep * running_mean[c];                                               \
        const T unbiased = vsum / (T)(n - 1);                                                                 \
        running_var[c] = (T)((double)m * (double)unbiased + (double)(T)(keep * running_var[c]));              \
      }                                                                                                       \
    }                                                                                                         \
  }                                                                                                           \
                                                                                                              \
  SIMD_CLONES void batch_norm_transform_##S(const T *x, const T *weight, const T *bias, const T *mean, const T *stat,      \
                                int train, int64_t batch, int64_t channels, int64_t image, double eps, T *out) { \
    for (int64_t bc = 0; bc < batch * channels; bc++) {                                                       \
      const int64_t c = bc % channels;                                                                        \
      const T invstd = train ? stat[c] : (T)1 / SQRT(stat[c] + (T)eps);                                       \
      const T alpha = invstd * (weight ? weight[c] : (T)1);                                                   \
      const T beta = FMA(-mean[c], alpha, bias ? bias[c] : (T)0);                                             \
      for (int64_t i = 0; i < image; i++) out[bc * image + i] = FMA(x[bc * image + i], alpha, beta);          \
    }                                                                                                         \
  }                                                                                                           \
                                                                                                              \
  SIMD_CLONES void batch_norm_backward_##S(const T *dy, const T *x, const T *weight, const T *mean, const T *stat,         \
                               int train, int64_t batch, int64_t channels, int64_t image, double eps, T *dx,  \
                               T *dweight, T *dbias) {                                                        \
    const int64_t n = batch * image;                                                                          \
    for (int64_t c = 0; c < channels; c++) {                                                                  \
      const T mu = mean[c];                                                                                   \
      /* eps stays a double here: running_var + eps is a double sum, rounded once at the end. */              \
      const T invstd = train ? stat[c] : (T)(1.0 / sqrt((double)stat[c] + eps));                              \
      const T w = weight ? weight[c] : (T)1;                                                                  \
      if (image == 1) {                                                                                       \
        /* channels-last kernel: buffers in T accumulated row by row. */                                      \
        T sum = 0, dotp = 0;                                                                                  \
        for (int64_t i = 0; i < n; i++) {                                                                     \
          const T g = dy[i * channels + c];                                                                   \
          sum = sum + g;                                                                                      \
          dotp = FMA(x[i * channels + c] - mu, g, dotp);                                                      \
        }                                                                                                     \
        sum = (T)0 + sum;                                                                                     \
        dotp = (T)0 + dotp;                                                                                   \
        if (dx)                                                                                               \
          for (int64_t i = 0; i < n; i++) {                                                                   \
            const int64_t at = i * channels + c;                                                              \
            if (train) {                                                                                      \
              const T k = dotp * invstd * invstd / (T)n;                                                      \
              const T gm = sum / (T)n;                                                                        \
              /* GCC fuses (dy - grad_mean) - dx, except in the double kernel's partial last vector. */      \
              const T t = sizeof(T) == 4 || c < channels - channels % 4 ? FMA(-(x[at] - mu), k, dy[at] - gm)  \
                                                                          : (dy[at] - gm) - (x[at] - mu) * k; \
              dx[at] = t * invstd * w;                                                                        \
            } else {                                                                                          \
              dx[at] = dy[at] * invstd * w;                                                                   \
            }                                                                                                 \
          }                                                                                                   \
        if (dweight) dweight[c] = dotp * invstd;                                                              \
        if (dbias) dbias[c] = sum;                                                                            \
        continue;                                                                                             \
      }                                                                                                       \
      double sum = 0, dotp = 0;                                                                               \
      for (int64_t b = 0; b < batch; b++) {                                                                   \
        const int64_t base = (b * channels + c) * image;                                                      \
        sum += (double)reduce_all_##S(dy + base, 0, NULL, NULL, image, 1);                                    \
        dotp += (double)reduce_all_##S(x + base, mu, dy + base, NULL, image, 2);                              \
      }                                                                                                       \
      if (dx) {                                                                                               \
        const T k = (T)dotp * invstd * invstd / (T)n;                                                         \
        const T gm = (T)(sum / (double)n);                                                                    \
        for (int64_t b = 0; b < batch; b++) {                                                                 \
          const int64_t base = (b * channels + c) * image;                                                    \
          for (int64_t j = 0; j < image; j++)                                                                 \
            dx[base + j] = train ? FMA(-(x[base + j] - mu), k, dy[base + j] - gm) * invstd * w                \
                                 : dy[base + j] * invstd * w;                                                 \
        }                                                                                                     \
      }                                                                                                       \
      if (dweight) dweight[c] = (T)(dotp * (double)invstd);                                                   \
      if (dbias) dbias[c] = (T)sum;                                                                           \
    }                                                                                                         \
  }

DEFINE_NORM_KERNELS(float, float, 8, fmaf, sqrtf)
DEFINE_NORM_KERNELS(double, double, 4, fma, sqrt)

/* ---------------------------------------------------------------- entry points */

/* Throws unless elements [offset, offset + count) of `operand` lie in its array; returns whether they do. */
static int in_bounds(napi_env env, const char *entry, const char *operand, const FloatArray *a, int64_t offset,
                     int64_t count) {
  if (dense_in_bounds(offset, count, a->length)) return 1;
  throw_error(env, entry, "%s has %zu elements, fewer than offset %lld + %lld", operand, a->length,
              (long long)offset, (long long)count);
  return 0;
}

/* An operand's data from `offset`, or NULL when the call says it is absent. */
#define AT(arr, offset, present) ((present) ? (void *)((char *)(arr).data + (offset) * ((arr).is_double ? 8 : 4)) : NULL)

napi_value layer_norm_entry(napi_env env, const LayerNormArgs *a) {
  const char *e = "layerNorm";
  int64_t n;
  if (!product3(a->rows, a->cols, 1, &n)) return throw_error(env, e, "rows * cols overflows");
  if (!in_bounds(env, e, "x", &a->x, a->x_offset, n) || !in_bounds(env, e, "out", &a->out, 0, n) ||
      !in_bounds(env, e, "mean", &a->mean, 0, a->rows) || !in_bounds(env, e, "rstd", &a->rstd, 0, a->rows) ||
      (a->has_gamma && !in_bounds(env, e, "gamma", &a->gamma, a->gamma_offset, a->cols)) ||
      (a->has_beta && !in_bounds(env, e, "beta", &a->beta, a->beta_offset, a->cols)))
    return NULL;
  if (a->x.is_double)
    layer_norm_double(AT(a->x, a->x_offset, 1), AT(a->gamma, a->gamma_offset, a->has_gamma),
                      AT(a->beta, a->beta_offset, a->has_beta), a->rows, a->cols, a->eps, a->out.data, a->mean.data,
                      a->rstd.data);
  else
    layer_norm_float(AT(a->x, a->x_offset, 1), AT(a->gamma, a->gamma_offset, a->has_gamma),
                     AT(a->beta, a->beta_offset, a->has_beta), a->rows, a->cols, a->eps, a->out.data, a->mean.data,
                     a->rstd.data);
  return NULL;
}

napi_value layer_norm_backward_entry(napi_env env, const LayerNormBackwardArgs *a) {
  const char *e = "layerNormBackward";
  int64_t n;
  if (!product3(a->rows, a->cols, 1, &n)) return throw_error(env, e, "rows * cols overflows");
  const int want_dx = (a->mask & 1) != 0, want_dgamma = (a->mask & 2) != 0, want_dbeta = (a->mask & 4) != 0;
  if (!in_bounds(env, e, "dy", &a->dy, a->dy_offset, n) || !in_bounds(env, e, "x", &a->x, a->x_offset, n) ||
      !in_bounds(env, e, "mean", &a->mean, 0, a->rows) || !in_bounds(env, e, "rstd", &a->rstd, 0, a->rows) ||
      (a->has_gamma && !in_bounds(env, e, "gamma", &a->gamma, a->gamma_offset, a->cols)) ||
      (want_dx && !in_bounds(env, e, "dx", &a->dx, 0, n)) ||
      (want_dgamma && !in_bounds(env, e, "dgamma", &a->dgamma, 0, a->cols)) ||
      (want_dbeta && !in_bounds(env, e, "dbeta", &a->dbeta, 0, a->cols)))
    return NULL;
  if (a->x.is_double)
    layer_norm_backward_double(AT(a->dy, a->dy_offset, 1), AT(a->x, a->x_offset, 1), a->mean.data, a->rstd.data,
                               AT(a->gamma, a->gamma_offset, a->has_gamma), a->rows, a->cols,
                               AT(a->dx, 0, want_dx), AT(a->dgamma, 0, want_dgamma), AT(a->dbeta, 0, want_dbeta));
  else
    layer_norm_backward_float(AT(a->dy, a->dy_offset, 1), AT(a->x, a->x_offset, 1), a->mean.data, a->rstd.data,
                              AT(a->gamma, a->gamma_offset, a->has_gamma), a->rows, a->cols,
                              AT(a->dx, 0, want_dx), AT(a->dgamma, 0, want_dgamma), AT(a->dbeta, 0, want_dbeta));
  return NULL;
}

/* Checks batch * channels * image and the per-channel arrays every batch norm entry point reads. */
static int batch_norm_sizes(napi_env env, const char *e, int64_t batch, int64_t channels, int64_t image,
                            int64_t *n) {
  if (!product3(batch, channels, image, n)) {
    throw_error(env, e, "batch * channels * image overflows");
    return 0;
  }
  return 1;
}

napi_value batch_norm_stats_entry(napi_env env, const BatchNormStatsArgs *a) {
  const char *e = "batchNormStats";
  int64_t n;
  if (!batch_norm_sizes(env, e, a->batch, a->channels, a->image, &n) ||
      !in_bounds(env, e, "x", &a->x, a->x_offset, n) || !in_bounds(env, e, "mean", &a->mean, 0, a->channels) ||
      !in_bounds(env, e, "invstd", &a->invstd, 0, a->channels) ||
      (a->has_running && (!in_bounds(env, e, "runningMean", &a->running_mean, 0, a->channels) ||
                          !in_bounds(env, e, "runningVar", &a->running_var, 0, a->channels))))
    return NULL;
  if (a->x.is_double)
    batch_norm_stats_double(AT(a->x, a->x_offset, 1), a->batch, a->channels, a->image, a->momentum, a->eps,
                            AT(a->running_mean, 0, a->has_running), AT(a->running_var, 0, a->has_running),
                            a->mean.data, a->invstd.data);
  else
    batch_norm_stats_float(AT(a->x, a->x_offset, 1), a->batch, a->channels, a->image, a->momentum, a->eps,
                           AT(a->running_mean, 0, a->has_running), AT(a->running_var, 0, a->has_running),
                           a->mean.data, a->invstd.data);
  return NULL;
}

napi_value batch_norm_transform_entry(napi_env env, const BatchNormTransformArgs *a) {
  const char *e = "batchNormTransform";
  int64_t n;
  if (!batch_norm_sizes(env, e, a->batch, a->channels, a->image, &n) ||
      !in_bounds(env, e, "x", &a->x, a->x_offset, n) || !in_bounds(env, e, "out", &a->out, 0, n) ||
      !in_bounds(env, e, "mean", &a->mean, 0, a->channels) || !in_bounds(env, e, "stat", &a->stat, 0, a->channels) ||
      (a->has_weight && !in_bounds(env, e, "weight", &a->weight, 0, a->channels)) ||
      (a->has_bias && !in_bounds(env, e, "bias", &a->bias, 0, a->channels)))
    return NULL;
  if (a->x.is_double)
    batch_norm_transform_double(AT(a->x, a->x_offset, 1), AT(a->weight, 0, a->has_weight),
                                AT(a->bias, 0, a->has_bias), a->mean.data, a->stat.data, (int)a->train, a->batch,
                                a->channels, a->image, a->eps, a->out.data);
  else
    batch_norm_transform_float(AT(a->x, a->x_offset, 1), AT(a->weight, 0, a->has_weight),
                               AT(a->bias, 0, a->has_bias), a->mean.data, a->stat.data, (int)a->train, a->batch,
                               a->channels, a->image, a->eps, a->out.data);
  return NULL;
}

napi_value batch_norm_backward_entry(napi_env env, const BatchNormBackwardArgs *a) {
  const char *e = "batchNormBackward";
  int64_t n;
  const int want_dx = (a->mask & 1) != 0, want_dweight = (a->mask & 2) != 0, want_dbias = (a->mask & 4) != 0;
  if (!batch_norm_sizes(env, e, a->batch, a->channels, a->image, &n) ||
      !in_bounds(env, e, "dy", &a->dy, a->dy_offset, n) || !in_bounds(env, e, "x", &a->x, a->x_offset, n) ||
      !in_bounds(env, e, "mean", &a->mean, 0, a->channels) || !in_bounds(env, e, "stat", &a->stat, 0, a->channels) ||
      (a->has_weight && !in_bounds(env, e, "weight", &a->weight, 0, a->channels)) ||
      (want_dx && !in_bounds(env, e, "dx", &a->dx, 0, n)) ||
      (want_dweight && !in_bounds(env, e, "dweight", &a->dweight, 0, a->channels)) ||
      (want_dbias && !in_bounds(env, e, "dbias", &a->dbias, 0, a->channels)))
    return NULL;
  if (a->x.is_double)
    batch_norm_backward_double(AT(a->dy, a->dy_offset, 1), AT(a->x, a->x_offset, 1), AT(a->weight, 0, a->has_weight),
                               a->mean.data, a->stat.data, (int)a->train, a->batch, a->channels, a->image, a->eps,
                               AT(a->dx, 0, want_dx), AT(a->dweight, 0, want_dweight), AT(a->dbias, 0, want_dbias));
  else
    batch_norm_backward_float(AT(a->dy, a->dy_offset, 1), AT(a->x, a->x_offset, 1), AT(a->weight, 0, a->has_weight),
                              a->mean.data, a->stat.data, (int)a->train, a->batch, a->channels, a->image, a->eps,
                              AT(a->dx, 0, want_dx), AT(a->dweight, 0, want_dweight), AT(a->dbias, 0, want_dbias));
  return NULL;
}

/* ---------------------------------------------------------------- vector 2-norms (src/backend/js/norm_reduce.ts) */

/* twoNorms over `rows` dense runs of `cols` floats: PyTorch's vectorized path (8 lanes of fused squares summed
   into lane 0 in order, then a tail whose first 4 elements of a tail of 4 or more add rounded squares and the
   rest fuse). */
SIMD_CLONES void two_norm_rows_float(const float *x, int64_t rows, int64_t cols, float *out) {
  const int64_t vector_end = cols - cols % 8;
  const int64_t products_end = cols - vector_end >= 4 ? vector_end + 4 : vector_end;
  for (int64_t r = 0; r < rows; r++) {
    const float *row = x + r * cols;
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int64_t d = 0; d < vector_end; d += 8)
      for (int l = 0; l < 8; l++) acc[l] = fmaf(row[d + l], row[d + l], acc[l]);
    float total = acc[0];
    for (int l = 1; l < 8; l++) total = total + acc[l];
    for (int64_t d = vector_end; d < cols; d++) {
      const float v = row[d];
      if (d < products_end) {
        const float square = v * v;
        total = total + square;
      } else {
        total = fmaf(v, v, total);
      }
    }
    out[r] = sqrtf(total);
  }
}

/* NormTwoOps on double: one fused accumulator per run, in memory order. */
SIMD_CLONES void two_norm_rows_double(const double *x, int64_t rows, int64_t cols, double *out) {
  for (int64_t r = 0; r < rows; r++) {
    const double *row = x + r * cols;
    double total = 0;
    for (int64_t d = 0; d < cols; d++) total = fma(row[d], row[d], total);
    out[r] = sqrt(total);
  }
}

napi_value two_norm_rows_entry(napi_env env, const TwoNormRowsArgs *a) {
  const char *e = "twoNormRows";
  int64_t n;
  if (!product3(a->rows, a->cols, 1, &n)) return throw_error(env, e, "rows * cols overflows");
  if (!in_bounds(env, e, "x", &a->x, a->x_offset, n) || !in_bounds(env, e, "out", &a->out, 0, a->rows)) return NULL;
  if (a->x.is_double) two_norm_rows_double(AT(a->x, a->x_offset, 1), a->rows, a->cols, a->out.data);
  else two_norm_rows_float(AT(a->x, a->x_offset, 1), a->rows, a->cols, a->out.data);
  return NULL;
}
