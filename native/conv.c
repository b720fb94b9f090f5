/* Convolution forward and backward (src/backend/js/conv.ts has the same loops): im2col of a contiguous
   [N, C, D, H, W] input into columns [C*K, N*L] (K the kernel's element count, L the output's), with padding,
   stride and dilation handled in the copy loops (no index tensors), one GEMM per group, and col2im back.
   conv1d and conv2d run as conv3d with leading spatial dims of 1. col2im sums each input element's
   contributions in kernel-offset order, then output position, on any thread count: the same bits as the
   TypeScript loops. Float32 with one group goes first to native/conv_direct.c's kernels (AVX2 / AVX-512),
   which sum in their own order; what they decline comes here. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __APPLE__
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif

#include "args.h"
#define ENTRY_POINT_SPECS
#include "entry_points.h"
#include "conv.h"
#include "parallel.h"

int window_geometry_read(const FloatArray *g, WindowGeometry *w) {
  if (!g->is_double || g->length != 20) return 0;
  const double *v = (const double *)g->data;
  int64_t *dst[20] = {&w->n,      &w->c,      &w->size[0], &w->size[1], &w->size[2], &w->k[0],   &w->k[1],
                      &w->k[2],   &w->s[0],   &w->s[1],    &w->s[2],    &w->p[0],    &w->p[1],   &w->p[2],
                      &w->dil[0], &w->dil[1], &w->dil[2],  &w->out[0],  &w->out[1],  &w->out[2]};
  for (int i = 0; i < 20; i++) {
    if (!(v[i] >= 0 && v[i] <= (double)(1LL << 40)) || v[i] != (double)(int64_t)v[i]) return 0;
    *dst[i] = (int64_t)v[i];
  }
  for (int d = 0; d < 3; d++)
    if (w->k[d] < 1 || w->s[d] < 1 || w->dil[d] < 1) return 0;
  w->kcount = w->k[0] * w->k[1] * w->k[2];
  w->ocount = w->out[0] * w->out[1] * w->out[2];
  w->icount = w->size[0] * w->size[1] * w->size[2];
  /* Every count below must fit in int64 with room: the parts are at most 2^40, the products checked here. */
  int64_t t;
  if (!product3(w->n, w->c, w->icount, &t) || !product3(w->n, w->c, w->kcount, &t) ||
      !product3(t, w->ocount, 1, &t) || !product3(w->k[0], w->k[1], w->k[2], &t))
    return 0;
  return 1;
}

typedef struct {
  const WindowGeometry *g;
  const void *x;
  void *cols;
  int is_double;
} ColsJob;

/* Where row r (c*K + k) of image n starts in the columns [C*K, N*L]. */
static inline int64_t row_start(const WindowGeometry *g, int64_t r, int64_t n) {
  return (r * g->n + n) * g->ocount;
}

#define DEFINE_COLS(T)                                                                                         \
  static void im2col_rows_##T(void *ctx, int64_t begin, int64_t end) {                                        \
    const ColsJob *j = ctx;                                                                                   \
    const WindowGeometry *g = j->g;                                                                           \
    const T *x = j->x;                                                                                        \
    T *cols = j->cols;                                                                                        \
    const int64_t H = g->size[1], W = g->size[2], oH = g->out[1], oW = g->out[2];                             \
    for (int64_t r = begin; r < end; r++) {                                                                   \
      const int64_t c = r / g->kcount, k = r % g->kcount;                                                     \
      const int64_t kd = k / (g->k[1] * g->k[2]), kh = (k / g->k[2]) % g->k[1], kw = k % g->k[2];             \
      for (int64_t n = 0; n < g->n; n++) {                                                                    \
        T *dst = cols + row_start(g, r, n);                                                   \
        const T *src = x + (n * g->c + c) * g->icount;                                                        \
        for (int64_t od = 0; od < g->out[0]; od++) {                                                          \
          const int64_t id = od * g->s[0] - g->p[0] + kd * g->dil[0];                                         \
          for (int64_t oh = 0; oh < oH; oh++, dst += oW) {                                                    \
            const int64_t ih = oh * g->s[1] - g->p[1] + kh * g->dil[1];                                       \
            if (id < 0 || id >= g->size[0] || ih < 0 || ih >= H) {                                            \
              memset(dst, 0, (size_t)oW * sizeof(T));                                                         \
              continue;                                                                                       \
            }                                                                                                 \
            const T *line = src + (id * H + ih) * W;                                                          \
            const int64_t off = kw * g->dil[2] - g->p[2];                                                     \
            if (g->s[2] == 1) {                                                                               \
              for (int64_t ow = 0; ow < oW; ow++) {                                                           \
                const int64_t iw = ow + off;                                                                  \
                dst[ow] = iw >= 0 && iw < W ? line[iw] : (T)0;                                                \
              }                                                                                               \
            } else {                                                                                          \
              for (int64_t ow = 0; ow < oW; ow++) {                                                           \
                const int64_t iw = ow * g->s[2] + off;                                                        \
                dst[ow] = iw >= 0 && iw < W ? line[iw] : (T)0;                                                \
              }                                                                                               \
            }                                                                                                 \
          }                                                                                                   \
        }                                                                                                     \
      }                                                                                                       \
    }                                                                                                         \
  }                                                                                                           \
  /* Channels [begin, end): each owns its input planes, so threads never write the same element. */          \
  static void col2im_channels_##T(void *ctx, int64_t begin, int64_t end) {                                    \
    const ColsJob *j = ctx;                                                                                   \
    const WindowGeometry *g = j->g;                                                                           \
    const T *cols = j->x;                                                                                     \
    T *x = j->cols;                                                                                           \
    const int64_t H = g->size[1], W = g->size[2], oH = g->out[1], oW = g->out[2];                             \
    for (int64_t c = begin; c < end; c++) {                                                                   \
      for (int64_t k = 0; k < g->kcount; k++) {                                                               \
        const int64_t kd = k / (g->k[1] * g->k[2]), kh = (k / g->k[2]) % g->k[1], kw = k % g->k[2];           \
        for (int64_t n = 0; n < g->n; n++) {                                                                  \
          const T *src = cols + row_start(g, c * g->kcount + k, n);                           \
          T *dst = x + (n * g->c + c) * g->icount;                                                            \
          for (int64_t od = 0; od < g->out[0]; od++) {                                                        \
            const int64_t id = od * g->s[0] - g->p[0] + kd * g->dil[0];                                       \
            for (int64_t oh = 0; oh < oH; oh++, src += oW) {                                                  \
              const int64_t ih = oh * g->s[1] - g->p[1] + kh * g->dil[1];                                     \
              if (id < 0 || id >= g->size[0] || ih < 0 || ih >= H) continue;                                  \
              T *line = dst + (id * H + ih) * W;                                                              \
              const int64_t off = kw * g->dil[2] - g->p[2];                                                   \
              for (int64_t ow = 0; ow < oW; ow++) {                                                           \
                const int64_t iw = ow * g->s[2] + off;                                                        \
                if (iw >= 0 && iw < W) line[iw] += src[ow];                                                   \
              }                                                                                               \
            }                                                                                                 \
          }                                                                                                   \
        }                                                                                                     \
      }                                                                                                       \
    }                                                                                                         \
  }
DEFINE_COLS(float)
DEFINE_COLS(double)

/* Work per parallel unit is a row (N*L elements) or a channel (K*N*L): a grain that gives each thread
   at least ~32k elements. */
static int64_t grain_for(int64_t per_unit) {
  const int64_t g = per_unit > 0 ? ((int64_t)1 << 15) / per_unit : 1;
  return g < 1 ? 1 : g;
}

/* ------------------------------------------------------------------ the whole convolution, batch in chunks

   convForward and convBackward run im2col on a chunk of images at a time into a scratch buffer of about
   CHUNK_ELEMENTS (256 KB of floats, which stays in L2; at least one image), then one GEMM per group over the
   chunk (BLAS on the calling thread, its thread count set by the size, as gemm's), so the columns never become
   a JavaScript array. Measured on W6's convolutions: 1->16 channels 28x28 forward 2.7-3.0 ms against 3.8-4.3
   ms with 8 MB chunks, 16->32 channels 14x14 the same either way. */
#define CHUNK_ELEMENTS ((int64_t)1 << 16)

typedef struct {
  const WindowGeometry *g;
  int64_t n0, nb, cout;
  const void *src;
  void *dst;
  const void *bias;
} PermuteJob;

#define DEFINE_CONV(T, GEMM)                                                                                   \
  /* y [Cout, nb, L] (+ bias[co]) into out [N, Cout, L] at image n0. */                                      \
  static void scatter_out_##T(void *ctx, int64_t begin, int64_t end) {                                        \
    const PermuteJob *j = ctx;                                                                                \
    const int64_t L = j->g->ocount;                                                                           \
    const T *y = j->src, *bias = j->bias;                                                                     \
    T *out = j->dst;                                                                                          \
    for (int64_t r = begin; r < end; r++) {                                                                   \
      const int64_t img = r / j->cout, co = r % j->cout;                                                      \
      const T *from = y + (co * j->nb + img) * L;                                                             \
      T *to = out + ((j->n0 + img) * j->cout + co) * L;                                                       \
      if (bias) {                                                                                             \
        const T b = bias[co];                                                                                 \
        for (int64_t l = 0; l < L; l++) to[l] = from[l] + b;                                                  \
      } else {                                                                                                \
        memcpy(to, from, (size_t)L * sizeof(T));                                                              \
      }                                                                                                       \
    }                                                                                                         \
  }                                                                                                           \
  /* grad [N, Cout, L] at image n0 into rows [Cout, nb*L]. */                                                \
  static void gather_grad_##T(void *ctx, int64_t begin, int64_t end) {                                        \
    const PermuteJob *j = ctx;                                                                                \
    const int64_t L = j->g->ocount;                                                                           \
    const T *grad = j->src;                                                                                   \
    T *rows = j->dst;                                                                                         \
    for (int64_t r = begin; r < end; r++) {                                                                   \
      const int64_t img = r / j->cout, co = r % j->cout;                                                      \
      memcpy(rows + (co * j->nb + img) * L, grad + ((j->n0 + img) * j->cout + co) * L, (size_t)L * sizeof(T)); \
    }                                                                                                         \
  }                                                                                                           \
  static void im2col_chunk_##T(const WindowGeometry *g, const T *x, int64_t n0, int64_t nb, T *cols) {         \
    WindowGeometry part = *g;                                                                                 \
    part.n = nb;                                                                                              \
    ColsJob job = {&part, x + n0 * g->c * g->icount, cols, 0};                                             \
    parallel_for(g->c * g->kcount, grain_for(nb * g->ocount), 1, im2col_rows_##T, &job);                      \
  }                                                                                                           \
  static void conv_forward_##T(const WindowGeometry *g, int64_t groups, int64_t cout, const T *x, const T *w,  \
                               const T *bias, T *out, T *cols, T *y, int64_t chunk) {                         \
    const int64_t L = g->ocount, per_group = g->c / groups * g->kcount, cout_g = cout / groups;              \
    for (int64_t n0 = 0; n0 < g->n; n0 += chunk) {                                                            \
      const int64_t nb = g->n - n0 < chunk ? g->n - n0 : chunk, cols_n = nb * L;                              \
      im2col_chunk_##T(g, x, n0, nb, cols);                                                                   \
      set_blas_threads(cout_g * per_group * cols_n);                                                          \
      for (int64_t gi = 0; gi < groups; gi++)                                                                 \
        GEMM(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)cout_g, (int)cols_n, (int)per_group, (T)1,       \
             w + gi * cout_g * per_group, (int)per_group, cols + gi * per_group * cols_n, (int)cols_n, (T)0,  \
             y + gi * cout_g * cols_n, (int)cols_n);                                                          \
      PermuteJob job = {g, n0, nb, cout, y, out, bias};                                                       \
      parallel_for(nb * cout, grain_for(L), 1, scatter_out_##T, &job);                                        \
    }                                                                                                         \
  }                                                                                                           \
  static void conv_backward_##T(const WindowGeometry *g, int64_t groups, int64_t cout, const T *grad,          \
                                const T *x, const T *w, T *grad_input, T *grad_weight, T *cols, T *rows,       \
                                int64_t chunk) {                                                              \
    const int64_t L = g->ocount, per_group = g->c / groups * g->kcount, cout_g = cout / groups;              \
    for (int64_t n0 = 0; n0 < g->n; n0 += chunk) {                                                            \
      const int64_t nb = g->n - n0 < chunk ? g->n - n0 : chunk, cols_n = nb * L;                              \
      PermuteJob job = {g, n0, nb, cout, grad, rows, NULL};                                                   \
      parallel_for(nb * cout, grain_for(L), 1, gather_grad_##T, &job);                                        \
      set_blas_threads(cout_g * per_group * cols_n);                                                          \
      if (grad_weight) {                                                                                      \
        im2col_chunk_##T(g, x, n0, nb, cols);                                                                 \
        for (int64_t gi = 0; gi < groups; gi++)                                                               \
          GEMM(CblasRowMajor, CblasNoTrans, CblasTrans, (int)cout_g, (int)per_group, (int)cols_n, (T)1,       \
               rows + gi * cout_g * cols_n, (int)cols_n, cols + gi * per_group * cols_n, (int)cols_n,        \
               (T)(n0 > 0 ? 1 : 0), grad_weight + gi * cout_g * per_group, (int)per_group);                   \
      }                                                                                                       \
      if (grad_input) {                                                                                       \
        for (int64_t gi = 0; gi < groups; gi++)                                                               \
          GEMM(CblasRowMajor, CblasTrans, CblasNoTrans, (int)per_group, (int)cols_n, (int)cout_g, (T)1,       \
               w + gi * cout_g * per_group, (int)per_group, rows + gi * cout_g * cols_n, (int)cols_n, (T)0,   \
               cols + gi * per_group * cols_n, (int)cols_n);                                                  \
        WindowGeometry part = *g;                                                                             \
        part.n = nb;                                                                                          \
        ColsJob cj = {&part, cols, grad_input + n0 * g->c * g->icount, 0};                                 \
        parallel_for(g->c, grain_for(g->kcount * cols_n), 1, col2im_channels_##T, &cj);                       \
      }                                                                                                       \
    }                                                                                                         \
  }
DEFINE_CONV(float, cblas_sgemm)
DEFINE_CONV(double, cblas_dgemm)

/* The checks both entry points share: geometry, groups, BLAS's int range, the arrays' lengths. */
static int conv_shapes(napi_env env, const char *e, const FloatArray *geometry, int64_t groups, int64_t cout,
                       WindowGeometry *g, int64_t *chunk) {
  if (!window_geometry_read(geometry, g)) return throw_error(env, e, "bad geometry"), 0;
  if (groups < 1 || g->c % groups != 0 || cout % groups != 0 || cout < 1)
    return throw_error(env, e, "groups must divide the channels"), 0;
  const int64_t per_image = g->c * g->kcount * g->ocount;
  *chunk = per_image > 0 && per_image < CHUNK_ELEMENTS ? CHUNK_ELEMENTS / per_image : 1;
  if (*chunk > g->n) *chunk = g->n;
  if (*chunk < 1) *chunk = 1;
  if (g->c * g->kcount > INT32_MAX || *chunk * g->ocount > INT32_MAX || cout > INT32_MAX)
    return throw_error(env, e, "a GEMM dimension exceeds 2^31 - 1 (BLAS's int)"), 0;
  return 1;
}

static int covers(const FloatArray *a, int64_t offset, int64_t n) {
  return offset <= (int64_t)a->length && (int64_t)a->length - offset >= n;
}

napi_value conv_forward_entry(napi_env env, const ConvForwardArgs *a) {
  const char *e = "convForward";
  WindowGeometry g;
  int64_t chunk;
  if (!conv_shapes(env, e, &a->geometry, a->groups, a->cout, &g, &chunk)) return NULL;
  const int64_t per_group = g.c / a->groups * g.kcount;
  if (!covers(&a->x, a->x_offset, g.n * g.c * g.icount)) return throw_error(env, e, "x is too short");
  if (!covers(&a->weight, a->weight_offset, a->cout * per_group)) return throw_error(env, e, "weight is too short");
  if (a->has_bias && !covers(&a->bias, 0, a->cout)) return throw_error(env, e, "bias is too short");
  if ((int64_t)a->out.length != g.n * a->cout * g.ocount) return throw_error(env, e, "out has the wrong length");
  if (a->out.length == 0) return NULL;
  if (!a->x.is_double && a->groups == 1 &&
      conv_direct_forward(&g, a->cout, (const float *)a->x.data + a->x_offset,
                          (const float *)a->weight.data + a->weight_offset, a->has_bias ? a->bias.data : NULL,
                          a->out.data))
    return NULL;
  const size_t es = a->x.is_double ? sizeof(double) : sizeof(float);
  void *cols = malloc((size_t)(chunk * g.ocount * g.c * g.kcount) * es);
  void *y = malloc((size_t)(chunk * g.ocount * a->cout) * es);
  if (!cols || !y) {
    free(cols);
    free(y);
    return throw_error(env, e, "out of memory");
  }
  if (a->x.is_double)
    conv_forward_double(&g, a->groups, a->cout, (const double *)a->x.data + a->x_offset,
                        (const double *)a->weight.data + a->weight_offset, a->has_bias ? a->bias.data : NULL,
                        a->out.data, cols, y, chunk);
  else
    conv_forward_float(&g, a->groups, a->cout, (const float *)a->x.data + a->x_offset,
                       (const float *)a->weight.data + a->weight_offset, a->has_bias ? a->bias.data : NULL,
                       a->out.data, cols, y, chunk);
  free(cols);
  free(y);
  return NULL;
}

napi_value conv_backward_entry(napi_env env, const ConvBackwardArgs *a) {
  const char *e = "convBackward";
  WindowGeometry g;
  int64_t chunk;
  if (!conv_shapes(env, e, &a->geometry, a->groups, a->cout, &g, &chunk)) return NULL;
  const int64_t per_group = g.c / a->groups * g.kcount;
  if (!covers(&a->grad, a->grad_offset, g.n * a->cout * g.ocount)) return throw_error(env, e, "grad is too short");
  int want_input = a->grad_input.length > 0, want_weight = a->grad_weight.length > 0;
  /* x is read only for the weight's gradient (a transposed convolution's forward passes none). */
  if (want_weight && !covers(&a->x, a->x_offset, g.n * g.c * g.icount)) return throw_error(env, e, "x is too short");
  if (!covers(&a->weight, a->weight_offset, a->cout * per_group)) return throw_error(env, e, "weight is too short");
  if (want_input && (int64_t)a->grad_input.length != g.n * g.c * g.icount)
    return throw_error(env, e, "gradInput has the wrong length");
  if (want_weight && (int64_t)a->grad_weight.length != a->cout * per_group)
    return throw_error(env, e, "gradWeight has the wrong length");
  const size_t es = a->grad.is_double ? sizeof(double) : sizeof(float);
  int did_input = 0, did_weight = 0;
  if (!a->grad.is_double && a->groups == 1)
    conv_direct_backward(&g, a->cout, (const float *)a->grad.data + a->grad_offset,
                         want_weight ? (const float *)a->x.data + a->x_offset : NULL,
                         (const float *)a->weight.data + a->weight_offset, want_input ? a->grad_input.data : NULL,
                         want_weight ? a->grad_weight.data : NULL, &did_input, &did_weight);
  want_input = want_input && !did_input;
  want_weight = want_weight && !did_weight;
  if (want_input) memset(a->grad_input.data, 0, a->grad_input.length * es);
  if (want_weight) memset(a->grad_weight.data, 0, a->grad_weight.length * es);
  if (g.n == 0 || (!want_input && !want_weight)) return NULL;
  void *cols = malloc((size_t)(chunk * g.ocount * g.c * g.kcount) * es);
  void *rows = malloc((size_t)(chunk * g.ocount * a->cout) * es);
  if (!cols || !rows) {
    free(cols);
    free(rows);
    return throw_error(env, e, "out of memory");
  }
  if (a->grad.is_double)
    conv_backward_double(&g, a->groups, a->cout, (const double *)a->grad.data + a->grad_offset,
                         (const double *)a->x.data + a->x_offset, (const double *)a->weight.data + a->weight_offset,
                         want_input ? a->grad_input.data : NULL, want_weight ? a->grad_weight.data : NULL, cols,
                         rows, chunk);
  else
    conv_backward_float(&g, a->groups, a->cout, (const float *)a->grad.data + a->grad_offset,
                        (const float *)a->x.data + a->x_offset, (const float *)a->weight.data + a->weight_offset,
                        want_input ? a->grad_input.data : NULL, want_weight ? a->grad_weight.data : NULL, cols,
                        rows, chunk);
  free(cols);
  free(rows);
  return NULL;
}
