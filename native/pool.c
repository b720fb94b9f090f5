/* Max pooling with indices over a window geometry (native/conv.h), PyTorch's CPU kernel (MaxPoolKernel.cpp)
   for a contiguous input: each window starts at its first in-range position, the maximum starts at -inf with
   that position as its index, and an element replaces it when greater or NaN (so the first maximum wins and
   the last NaN does). The backward adds each output's gradient at its index, in output order. Planes (n, c)
   are independent, so any split over threads gives the bits of src/backend/js/pool.ts. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
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

#define DEFINE_POOL(T)                                                                                         \
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
                  if (v > max || isnan(v)) {                                                                  \
                    max = v;                                                                                  \
                    best = at;                                                                                \
                  }                                                                                           \
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
    for (int64_t p = begin; p < end; p++) {                                                                   \
      const T *grad = (const T *)j->x + p * g->ocount;                                                        \
      const double *idx = j->indices + p * g->ocount;                                                         \
      T *out = (T *)j->out + p * g->icount;                                                                   \
      for (int64_t o = 0; o < g->ocount; o++) out[(int64_t)idx[o]] += grad[o];                                \
    }                                                                                                         \
  }
DEFINE_POOL(float)
DEFINE_POOL(double)

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
  PoolJob job = {&g, (const char *)a->x.data + a->x_offset * es, a->values.data, NULL, a->indices.data};
  parallel_for(planes, grain_for(g.ocount * g.kcount), 1, a->x.is_double ? max_pool_planes_double : max_pool_planes_float,
               &job);
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
  for (int64_t i = 0; i < out_len; i++) {
    const double v = idx[i];
    if (!(v >= 0 && v < (double)g.icount) || v != (double)(int64_t)v)
      return throw_error(env, e, "an index is not an integer in [0, %lld)", (long long)g.icount);
  }
  const size_t es = a->grad.is_double ? sizeof(double) : sizeof(float);
  memset(a->out.data, 0, (size_t)in_len * es);
  if (out_len == 0) return NULL;
  PoolJob job = {&g, (const char *)a->grad.data + a->grad_offset * es, a->out.data, idx, NULL};
  parallel_for(planes, grain_for(g.ocount + g.icount), 1,
               a->grad.is_double ? max_pool_backward_planes_double : max_pool_backward_planes_float, &job);
  return NULL;
}
