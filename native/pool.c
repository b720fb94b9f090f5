/* Max pooling with indices over a window geometry (native/conv.h), PyTorch's CPU kernel (MaxPoolKernel.cpp)
   for a contiguous input: each window starts at its first in-range position, the maximum starts at -inf with
   that position as its index, and an element replaces it when greater or NaN (so the first maximum wins and
   the last NaN does). The backward adds each output's gradient at its index, in output order. Planes (n, c)
   are independent, so any split over threads gives the bits of src/backend/js/pool.ts. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#define ENTRY_POINT_SPECS
#include "entry_points.h"
#include "conv.h"
#include "parallel.h"
#include "pool.h"

typedef struct {
  const WindowGeometry *g;
  const void *x;
  void *out;
  const double *indices;
  double *indices_out;
  const int32_t *starts; /* max_pool_planes_2d_avx512's window starts */
  int *bad;              /* set when the backward meets an index outside its plane */
} PoolJob;

/* The in-range positions [start, end) (every dil-th) of output position o's window along one dim. */
static inline void window_range(const WindowGeometry *g, int d, int64_t o, int64_t *start, int64_t *end) {
  int64_t s = o * g->s[d] - g->p[d];
  int64_t e = s + (g->k[d] - 1) * g->dil[d] + 1;
  if (e > g->size[d]) e = g->size[d];
  while (s < 0) s += g->dil[d];
  *start = s;
  *end = e;
}

#define DEFINE_POOL(T, U)                                                                                       \
  static void max_pool_planes_##T(void *ctx, int64_t begin, int64_t end) {                                    \
    const PoolJob *j = ctx;                                                                                   \
    const WindowGeometry *g = j->g;                                                                           \
    const int64_t H = g->size[1], W = g->size[2];                                                             \
    for (int64_t p = begin; p < end; p++) {                                                                   \
      const T *x = (const T *)j->x + p * g->icount;                                                           \
      T *out = (T *)j->out + p * g->ocount;                                                                   \
      double *idx = j->indices_out + p * g->ocount;                                                           \
      int64_t o = 0;                                                                                          \
      for (int64_t od = 0; od < g->out[0]; od++) {                                                            \
        int64_t d0, d1;                                                                                       \
        window_range(g, 0, od, &d0, &d1);                                                                     \
        for (int64_t oh = 0; oh < g->out[1]; oh++) {                                                          \
          int64_t h0, h1;                                                                                     \
          window_range(g, 1, oh, &h0, &h1);                                                                   \
          for (int64_t ow = 0; ow < g->out[2]; ow++, o++) {                                                   \
            int64_t w0, w1;                                                                                   \
            window_range(g, 2, ow, &w0, &w1);                                                                 \
            int64_t best = (d0 * H + h0) * W + w0;                                                            \
            T max = (T)-INFINITY;                                                                             \
            for (int64_t id = d0; id < d1; id += g->dil[0])                                                   \
              for (int64_t ih = h0; ih < h1; ih += g->dil[1])                                                 \
                for (int64_t iw = w0; iw < w1; iw += g->dil[2]) {                                             \
                  const int64_t at = (id * H + ih) * W + iw;                                                  \
                  const T v = x[at];                                                                          \
                  /* Without branches (masks): on real data the comparison is a coin flip. */                 \
                  const U take = (U)0 - (U)((v > max) | (v != v));                                            \
                  U vb, mb;                                                                                   \
                  memcpy(&vb, &v, sizeof v);                                                                  \
                  memcpy(&mb, &max, sizeof max);                                                              \
                  mb = (mb & ~take) | (vb & take);                                                            \
                  memcpy(&max, &mb, sizeof max);                                                              \
                  best ^= (best ^ at) & -(int64_t)(take & 1);                                                 \
                }                                                                                             \
            out[o] = max;                                                                                     \
            idx[o] = (double)best;                                                                            \
          }                                                                                                   \
        }                                                                                                     \
      }                                                                                                       \
    }                                                                                                         \
  }                                                                                                           \
  static void max_pool_backward_planes_##T(void *ctx, int64_t begin, int64_t end) {                           \
    const PoolJob *j = ctx;                                                                                   \
    const WindowGeometry *g = j->g;                                                                           \
    const double icount = (double)g->icount;                                                                  \
    for (int64_t p = begin; p < end; p++) {                                                                   \
      const T *grad = (const T *)j->x + p * g->ocount;                                                        \
      const double *idx = j->indices + p * g->ocount;                                                         \
      T *out = (T *)j->out + p * g->icount;                                                                   \
      memset(out, 0, (size_t)g->icount * sizeof(T));                                                         \
      for (int64_t o = 0; o < g->ocount; o++) {                                                               \
        /* Checked before it is used: an integer in [0, icount) (else the entry point throws). */             \
        const double v = idx[o];                                                                              \
        if (!(v >= 0 && v < icount) || v != (double)(int64_t)v) {                                             \
          *j->bad = 1;                                                                                        \
          return;                                                                                             \
        }                                                                                                     \
        out[(int64_t)v] += grad[o];                                                                           \
      }                                                                                                       \
    }                                                                                                         \
  }
DEFINE_POOL(float, uint32_t)
DEFINE_POOL(double, uint64_t)

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* Float max pooling over a 2-D geometry whose windows all lie inside the input (no padding reached, no
   dilation), AVX-512: 16 outputs of a plane at a time, a gather per window element from each window's start
   (starts[o], the same in every plane); each lane does the scalar loop's compare-and-take, so the same values
   and indices. Planes hold fewer than 2^31 elements (vector_pool). */
__attribute__((target("avx512f"))) static void max_pool_planes_2d_avx512(void *ctx, int64_t begin, int64_t end) {
  const PoolJob *j = ctx;
  const WindowGeometry *g = j->g;
  const int64_t W = g->size[2], L = g->ocount, kh = g->k[1], kw = g->k[2];
  for (int64_t pl = begin; pl < end; pl++) {
    const float *x = (const float *)j->x + pl * g->icount;
    float *out = (float *)j->out + pl * L;
    double *idx = j->indices_out + pl * L;
    for (int64_t o = 0; o < L; o += 16) {
      const __mmask16 m = (__mmask16)(L - o >= 16 ? 0xFFFF : (1u << (L - o)) - 1);
      const __m512i start = _mm512_maskz_loadu_epi32(m, j->starts + o);
      __m512 max = _mm512_set1_ps(-INFINITY);
      __m512i best = start;
      for (int64_t ih = 0; ih < kh; ih++)
        for (int64_t iw = 0; iw < kw; iw++) {
          const __m512i at = _mm512_add_epi32(start, _mm512_set1_epi32((int32_t)(ih * W + iw)));
          const __m512 v = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, at, x, 4);
          const __mmask16 take = _mm512_cmp_ps_mask(v, max, _CMP_GT_OQ) | _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
          max = _mm512_mask_mov_ps(max, take, v);
          best = _mm512_mask_mov_epi32(best, take, at);
        }
      _mm512_mask_storeu_ps(out + o, m, max);
      _mm512_mask_storeu_pd(idx + o, (__mmask8)m, _mm512_cvtepi32_pd(_mm512_castsi512_si256(best)));
      _mm512_mask_storeu_pd(idx + o + 8, (__mmask8)(m >> 8), _mm512_cvtepi32_pd(_mm512_extracti64x4_epi64(best, 1)));
    }
  }
}

/* Whether max_pool_planes_2d_avx512 runs this pooling: float, 2-D, every window whole inside the input, no
   dilation, planes under 2^31 elements, AVX-512. */
static int vector_pool(const WindowGeometry *g, int is_double) {
  if (is_double || g->size[0] != 1 || g->k[0] != 1 || g->out[0] != 1 || g->icount >= ((int64_t)1 << 31)) return 0;
  for (int d = 1; d < 3; d++)
    if (g->dil[d] != 1 || g->p[d] != 0 || g->out[d] < 1 || (g->out[d] - 1) * g->s[d] + g->k[d] > g->size[d]) return 0;
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}
#else
static int vector_pool(const WindowGeometry *g, int is_double) {
  (void)g, (void)is_double;
  return 0;
}
#define max_pool_planes_2d_avx512 max_pool_planes_float
#endif

static int64_t grain_for(int64_t per_plane) {
  const int64_t g = per_plane > 0 ? ((int64_t)1 << 14) / per_plane : 1;
  return g < 1 ? 1 : g;
}

napi_value max_pool_entry(napi_env env, const MaxPoolArgs *a) {
  const char *e = "maxPool";
  WindowGeometry g;
  if (!window_geometry_read(&a->geometry, &g)) return throw_error(env, e, "bad geometry");
  const int64_t planes = g.n * g.c, in_len = planes * g.icount, out_len = planes * g.ocount;
  if (a->x_offset > (int64_t)a->x.length || (int64_t)a->x.length - a->x_offset < in_len)
    return throw_error(env, e, "x has fewer than %lld elements after its offset", (long long)in_len);
  if ((int64_t)a->values.length != out_len || (int64_t)a->indices.length != out_len)
    return throw_error(env, e, "values and indices must have %lld elements", (long long)out_len);
  if (a->x.is_double != a->values.is_double) return throw_error(env, e, "x and values must be of one type");
  /* Every window must hold at least one input element (pooling's shape checks make sure of it). */
  for (int d = 0; d < 3; d++) {
    if (g.out[d] == 0) continue;
    int64_t s, en;
    window_range(&g, d, 0, &s, &en);
    if (s >= en) return throw_error(env, e, "a window lies outside the input");
    window_range(&g, d, g.out[d] - 1, &s, &en);
    if (s >= en) return throw_error(env, e, "a window lies outside the input");
  }
  if (out_len == 0) return NULL;
  const size_t es = a->x.is_double ? sizeof(double) : sizeof(float);
  PoolJob job = {&g, (const char *)a->x.data + a->x_offset * es, a->values.data, NULL, a->indices.data, NULL, NULL};
  int32_t *starts = vector_pool(&g, a->x.is_double) ? malloc((size_t)g.ocount * sizeof(int32_t)) : NULL;
  if (starts) {
    for (int64_t oh = 0, o = 0; oh < g.out[1]; oh++)
      for (int64_t ow = 0; ow < g.out[2]; ow++, o++) starts[o] = (int32_t)(oh * g.s[1] * g.size[2] + ow * g.s[2]);
    job.starts = starts;
  }
  parallel_for(planes, grain_for(g.ocount * g.kcount), 1,
               a->x.is_double ? max_pool_planes_double : starts ? max_pool_planes_2d_avx512 : max_pool_planes_float,
               &job);
  free(starts);
  return NULL;
}

napi_value max_pool_backward_entry(napi_env env, const MaxPoolBackwardArgs *a) {
  const char *e = "maxPoolBackward";
  WindowGeometry g;
  if (!window_geometry_read(&a->geometry, &g)) return throw_error(env, e, "bad geometry");
  const int64_t planes = g.n * g.c, in_len = planes * g.icount, out_len = planes * g.ocount;
  if (a->grad_offset > (int64_t)a->grad.length || (int64_t)a->grad.length - a->grad_offset < out_len)
    return throw_error(env, e, "grad has fewer than %lld elements after its offset", (long long)out_len);
  if (a->indices_offset > (int64_t)a->indices.length || (int64_t)a->indices.length - a->indices_offset < out_len)
    return throw_error(env, e, "indices has fewer than %lld elements after its offset", (long long)out_len);
  if ((int64_t)a->out.length != in_len) return throw_error(env, e, "out must have %lld elements", (long long)in_len);
  if (a->grad.is_double != a->out.is_double) return throw_error(env, e, "grad and out must be of one type");
  const double *idx = (const double *)a->indices.data + a->indices_offset;
  const size_t es = a->grad.is_double ? sizeof(double) : sizeof(float);
  if (in_len == 0) return NULL;
  /* Each plane zeroed, then its indices checked as they are used (bad: one was not an index). */
  volatile int bad = 0;
  PoolJob job = {&g, (const char *)a->grad.data + a->grad_offset * es, a->out.data, idx, NULL, NULL, (int *)&bad};
  parallel_for(planes, grain_for(g.ocount + g.icount), 1,
               a->grad.is_double ? max_pool_backward_planes_double : max_pool_backward_planes_float, &job);
  if (bad) return throw_error(env, e, "an index is not an integer in [0, %lld)", (long long)g.icount);
  return NULL;
}
