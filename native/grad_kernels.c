/* PyTorch's fused backward kernels with the arithmetic of src/backend/js/grad_kernels.ts, step for step
   (that file explains the order: PyTorch's AVX2 kernels with FMA contraction). Dense float arrays only. */
#include "glibc_expf.h"
#include "glibc_erf.h"
#include "onednn_gelu.h"
#include "sleef_dp.h"
#include "kernels.h"
#include "parallel.h"
#include "simd.h"
#include "sleef.h"
#include "sleef_sp.h"
#include <math.h>
#include <string.h>

SIMD_CLONES void sigmoid_backward_float(const float *g, const float *y, float *out, int64_t n) {
  for (int64_t i = 0; i < n; i++) out[i] = (g[i] * (1.0f - y[i])) * y[i];
}

SIMD_CLONES void sigmoid_backward_double(const double *g, const double *y, double *out, int64_t n) {
  for (int64_t i = 0; i < n; i++) out[i] = (g[i] * (1.0 - y[i])) * y[i];
}

SIMD_CLONES void threshold_backward_float(const float *g, const float *x, float threshold, float *out, int64_t n) {
  for (int64_t i = 0; i < n; i++) out[i] = x[i] <= threshold ? 0.0f : g[i];
}

SIMD_CLONES void threshold_backward_double(const double *g, const double *x, double threshold, double *out,
                                           int64_t n) {
  for (int64_t i = 0; i < n; i++) out[i] = x[i] <= threshold ? 0.0 : g[i];
}

/* vec::reduce_all (log) or map2_reduce_all of g * y (softmax) over one row of 8-lane vectors. */
ALWAYS_INLINE static float row_sum(const float *g, const float *y, int64_t size, int product) {
  if (size < 8) {
    float acc = product ? g[0] * y[0] : g[0];
    for (int64_t i = 1; i < size; i++) acc = acc + (product ? g[i] * y[i] : g[i]);
    return acc;
  }
  float lanes[8];
  for (int l = 0; l < 8; l++) lanes[l] = product ? g[l] * y[l] : g[l];
  int64_t d = 8;
  for (; d < size - (size % 8); d += 8)
    for (int l = 0; l < 8; l++) lanes[l] = product ? fmaf(g[d + l], y[d + l], lanes[l]) : lanes[l] + g[d + l];
  for (int l = 0; d + l < size; l++)
    lanes[l] = product ? fmaf(g[d + l], y[d + l], lanes[l]) : lanes[l] + g[d + l];
  const float a0 = lanes[0] + lanes[4], a1 = lanes[1] + lanes[5];
  const float a2 = lanes[2] + lanes[6], a3 = lanes[3] + lanes[7];
  return (a0 + a2) + (a1 + a3);
}

/* Rows [begin, end) of the last-dim kernel (inner == 1). */
SIMD_CLONES void softmax_backward_rows_float(const float *g, const float *y, int64_t begin, int64_t end,
                                             int64_t dim_size, int log_softmax, float *out) {
  for (int64_t o = begin; o < end; o++) {
    const float *gr = g + o * dim_size, *yr = y + o * dim_size;
    float *dst = out + o * dim_size;
    const float sum = row_sum(gr, yr, dim_size, !log_softmax);
    if (log_softmax)
      for (int64_t i = 0; i < dim_size; i++) dst[i] = fmaf(-sleef_expf_inline(yr[i]), sum, gr[i]);
    else
      for (int64_t i = 0; i < dim_size; i++) dst[i] = (gr[i] - sum) * yr[i];
  }
}

/* Outer blocks [begin, end) of the other-dims kernel: a running sum per inner position; inner positions past
   the last full vector use glibc's expf (PyTorch's scalar tail). `sums` holds `inner` floats. */
SIMD_CLONES void softmax_backward_inner_float(const float *g, const float *y, int64_t begin, int64_t end,
                                              int64_t dim_size, int64_t inner, int log_softmax, float *sums,
                                              float *out) {
  const int64_t vector_end = inner - inner % 8;
  for (int64_t o = begin; o < end; o++) {
    const int64_t base = o * dim_size * inner;
    memset(sums, 0, (size_t)inner * sizeof(float));
    for (int64_t d = 0; d < dim_size; d++)
      for (int64_t j = 0; j < inner; j++) {
        const int64_t i = base + d * inner + j;
        sums[j] = log_softmax ? sums[j] + g[i] : fmaf(g[i], y[i], sums[j]);
      }
    for (int64_t d = 0; d < dim_size; d++)
      for (int64_t j = 0; j < inner; j++) {
        const int64_t i = base + d * inner + j;
        if (!log_softmax) {
          out[i] = y[i] * (g[i] - sums[j]);
        } else {
          const float e = j < vector_end ? sleef_expf_inline(y[i]) : glibc_expf(y[i]);
          out[i] = fmaf(-e, sums[j], g[i]);
        }
      }
  }
}

/* Float64 softmax (log_softmax) backward: Vectorized<double>'s 4 lanes, folded in order by the generic
   vec_reduce_all (AVX2 has a shuffle fold for float only). log_softmax's exp is SLEEF's expd4 on whole vectors
   and glibc's exp on the other-dims kernel's scalar inner tail, as grad_kernels.ts's softmaxBackward. */
static double row_sum_d(const double *g, const double *y, int64_t size, int product) {
  if (size < 4) {
    double acc = product ? g[0] * y[0] : g[0];
    for (int64_t i = 1; i < size; i++) acc = acc + (product ? g[i] * y[i] : g[i]);
    return acc;
  }
  double lanes[4];
  for (int l = 0; l < 4; l++) lanes[l] = product ? g[l] * y[l] : g[l];
  int64_t d = 4;
  for (; d < size - (size % 4); d += 4)
    for (int l = 0; l < 4; l++) lanes[l] = product ? fma(g[d + l], y[d + l], lanes[l]) : lanes[l] + g[d + l];
  for (int l = 0; d + l < size; l++) lanes[l] = product ? fma(g[d + l], y[d + l], lanes[l]) : lanes[l] + g[d + l];
  return ((lanes[0] + lanes[1]) + lanes[2]) + lanes[3];
}

void softmax_backward_double(const double *g, const double *y, int64_t outer, int64_t dim_size, int64_t inner,
                             int log_softmax, double *sums, double *out) {
  if (inner == 1) {
    for (int64_t o = 0; o < outer; o++) {
      const double *gr = g + o * dim_size, *yr = y + o * dim_size;
      double *dst = out + o * dim_size;
      const double sum = row_sum_d(gr, yr, dim_size, !log_softmax);
      if (log_softmax)
        for (int64_t i = 0; i < dim_size; i++) dst[i] = fma(-sleef_exp_d(yr[i]), sum, gr[i]);
      else
        for (int64_t i = 0; i < dim_size; i++) dst[i] = (gr[i] - sum) * yr[i];
    }
    return;
  }
  const int64_t vector_end = inner - inner % 4;
  for (int64_t o = 0; o < outer; o++) {
    const int64_t base = o * dim_size * inner;
    memset(sums, 0, (size_t)inner * sizeof(double));
    for (int64_t d = 0; d < dim_size; d++)
      for (int64_t j = 0; j < inner; j++) {
        const int64_t i = base + d * inner + j;
        sums[j] = log_softmax ? sums[j] + g[i] : fma(g[i], y[i], sums[j]);
      }
    for (int64_t d = 0; d < dim_size; d++)
      for (int64_t j = 0; j < inner; j++) {
        const int64_t i = base + d * inner + j;
        if (!log_softmax) {
          out[i] = y[i] * (g[i] - sums[j]);
        } else {
          const double e = j < vector_end ? sleef_exp_d(y[i]) : glibc_exp(y[i]);
          out[i] = fma(-e, sums[j], g[i]);
        }
      }
  }
}

typedef struct {
  const float *g, *x;
  float *out;
} GeluBackwardJob;

static void gelu_backward_range(void *ctx, int64_t begin, int64_t end) {
  const GeluBackwardJob *j = (const GeluBackwardJob *)ctx;
  onednn_gelu_backward_dense(j->g + begin, j->x + begin, j->out + begin, end - begin);
}

/* gelu_backward (exact gelu) of dense operands, as src/backend/js/grad_kernels.ts geluBackward: float32 through
   oneDNN's derivative (PyTorch gives oneDNN dense inputs of more than one element; the caller checks), float64
   GeluBackwardKernel's dy * (cdf + x * pdf) with SLEEF's erf and exp on whole 8-element blocks (the compiler
   fuses x * pdf + cdf there) and glibc's on the rest. float32 splits over the pool as the forward does
   (elementwise.c), at multiples of 16 elements: every part but the last is whole vectors, so each element takes
   the path it takes in one pass. */
void gelu_backward_float(const float *g, const float *x, float *out, int64_t n) {
  GeluBackwardJob job = {g, x, out};
  parallel_for(n, 32768, 16, gelu_backward_range, &job);
}

void gelu_backward_double(const double *g, const double *x, double *out, int64_t n) {
  const double beta = 1.1283791670955126 * 0.70710678118654752440 * 0.5;
  const int64_t vector_end = n - n % 8;
  for (int64_t i = 0; i < n; i++) {
    const double xi = x[i];
    if (i < vector_end) {
      const double cdf = 0.5 * (1.0 + sleef_erf_d(xi * 0.70710678118654752440));
      const double pdf = beta * sleef_exp_d(xi * xi * -0.5);
      out[i] = g[i] * fma(xi, pdf, cdf);
    } else {
      const double cdf = 0.5 * (1.0 + glibc_erf(xi * 0.70710678118654752440));
      const double pdf = beta * glibc_exp(xi * xi * -0.5);
      out[i] = g[i] * (cdf + xi * pdf);
    }
  }
}

/* binary_cross_entropy_with_logits without weights, per element, as src/backend/js/loss_kernels.ts. */
SIMD_CLONES void bce_with_logits_float(const float *x, const float *y, float *out, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    const float neg_x = -x[i];
    const float max_val = neg_x < 0.0f ? 0.0f : neg_x;
    const float log_term = sleef_logf(sleef_expf_inline(-max_val) + sleef_expf_inline(neg_x - max_val));
    out[i] = (((1.0f - y[i]) * x[i]) + max_val) + log_term;
  }
}

/* Its backward over elements [begin, end) of n: (sigmoid(x) - y) * g / divisor, with g[i * g_stride] (0: a
   broadcast scalar) and sigmoid vectorized on whole 16-element blocks like PyTorch's kernel. */
SIMD_CLONES void bce_with_logits_backward_float(const float *x, const float *y, const float *g, int64_t g_stride,
                                                float divisor, int64_t begin, int64_t end, int64_t n, float *out) {
  const int64_t vector_end = n - n % 16;
  for (int64_t i = begin; i < end; i++) {
    const float sig = i < vector_end ? 1.0f / (1.0f + sleef_expf_inline(0.0f - x[i]))
                                     : 1.0f / (1.0f + glibc_expf(-x[i]));
    const float v = (sig - y[i]) * g[i * g_stride];
    out[i] = divisor == 1.0f ? v : v / divisor;
  }
}
