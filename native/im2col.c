/* The backend's gather and scatter (src/backend/js/index.ts) for float data: index_select along a dim (which
   is how src/ops/nn_windows.ts builds convolution's and pooling's im2col, and embedding its lookup) and
   index_add / scatter (col2im, embedding's backward). Both walk the index's shape in row-major order, as the
   TypeScript kernels do, so a scatter-add sums into each element in the same order: the same bits. */
#include <stddef.h>
#include <stdint.h>

#include "args.h"
#define ENTRY_POINT_SPECS
#include "entry_points.h"
#include "im2col.h"

/* A row-major walk of `shape` carrying two offsets (a: strides sa, b: strides sb). */
typedef struct {
  int64_t pos[MAX_DIMS];
  int64_t a, b;
} Walk;

static inline void step(Walk *w, const IntList *shape, const int64_t *sa, const int64_t *sb) {
  for (int d = (int)shape->n - 1; d >= 0; d--) {
    w->pos[d]++;
    w->a += sa[d];
    w->b += sb[d];
    if (w->pos[d] < shape->v[d]) return;
    w->a -= shape->v[d] * sa[d];
    w->b -= shape->v[d] * sb[d];
    w->pos[d] = 0;
  }
}

/* Whether every index value is an integer in [0, size); the TypeScript side has checked them, this keeps
   a bad call from reading or writing outside the arrays. */
static int indices_valid(const double *index, int64_t offset, const IntList *shape, const IntList *strides,
                         int64_t size) {
  Walk w = {{0}, offset, 0};
  int64_t n = 1;
  for (uint32_t d = 0; d < shape->n; d++) n *= shape->v[d];
  for (int64_t i = 0; i < n; i++) {
    const double v = index[w.a];
    if (!(v >= 0 && v < (double)size) || v != (double)(int64_t)v) return 0;
    step(&w, shape, strides->v, strides->v);
  }
  return 1;
}

/* The view of shape `shape` with dim `dim` of size `size` and `strides` lies in `length` elements. */
static int view_fits(const IntList *shape, int64_t dim, int64_t size, const IntList *strides, int64_t offset,
                     size_t length) {
  IntList full = *shape;
  full.v[dim] = size;
  int64_t numel;
  return view_in_bounds(&full, strides, offset, length, &numel);
}

#define DEFINE_GATHER(T)                                                                                       \
  static void gather_##T(const T *x, int64_t x_offset, const IntList *shape, const int64_t *xs,                \
                         const double *index, int64_t i_offset, const int64_t *is, int64_t dim, T *out,       \
                         int64_t n) {                                                                         \
    Walk w = {{0}, x_offset, i_offset};                                                                       \
    const int64_t stride = xs[dim];                                                                           \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      out[i] = x[w.a + ((int64_t)index[w.b] - w.pos[dim]) * stride];                                          \
      step(&w, shape, xs, is);                                                                                \
    }                                                                                                         \
  }                                                                                                           \
  static void scatter_##T(T *out, const IntList *shape, const int64_t *os, const double *index,              \
                          int64_t i_offset, const int64_t *is, const T *src, int64_t s_offset,               \
                          const int64_t *ss, int64_t dim, int add, int64_t n) {                              \
    Walk w = {{0}, 0, i_offset};                                                                              \
    Walk v = {{0}, s_offset, 0};                                                                              \
    const int64_t stride = os[dim];                                                                           \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      const int64_t target = w.a + ((int64_t)index[w.b] - w.pos[dim]) * stride;                              \
      out[target] = add ? out[target] + src[v.a] : src[v.a];                                                  \
      step(&w, shape, os, is);                                                                                \
      step(&v, shape, ss, ss);                                                                                \
    }                                                                                                         \
  }

DEFINE_GATHER(float)
DEFINE_GATHER(double)

napi_value gather_dim_entry(napi_env env, const GatherDimArgs *a) {
  const char *e = "gatherDim";
  int64_t n;
  if (a->dim < 0 || a->dim >= (int64_t)a->shape.n) return throw_error(env, e, "dim %lld out of range", (long long)a->dim);
  if (!view_in_bounds(&a->shape, &a->index_strides, a->index_offset, a->index.length, &n))
    return throw_error(env, e, "index view outside its array");
  if (!view_fits(&a->shape, a->dim, a->x_dim_size, &a->x_strides, a->x_offset, a->x.length))
    return throw_error(env, e, "x view outside its array");
  if ((int64_t)a->out.length < n) return throw_error(env, e, "out has fewer than %lld elements", (long long)n);
  if (!indices_valid(a->index.data, a->index_offset, &a->shape, &a->index_strides, a->x_dim_size))
    return throw_error(env, e, "an index is not an integer in [0, %lld)", (long long)a->x_dim_size);
  if (a->x.is_double)
    gather_double(a->x.data, a->x_offset, &a->shape, a->x_strides.v, a->index.data, a->index_offset,
                  a->index_strides.v, a->dim, a->out.data, n);
  else
    gather_float(a->x.data, a->x_offset, &a->shape, a->x_strides.v, a->index.data, a->index_offset,
                 a->index_strides.v, a->dim, a->out.data, n);
  return NULL;
}

napi_value scatter_dim_entry(napi_env env, const ScatterDimArgs *a) {
  const char *e = "scatterDim";
  int64_t n, src_n;
  if (a->dim < 0 || a->dim >= (int64_t)a->shape.n) return throw_error(env, e, "dim %lld out of range", (long long)a->dim);
  if (!view_in_bounds(&a->shape, &a->index_strides, a->index_offset, a->index.length, &n))
    return throw_error(env, e, "index view outside its array");
  if (!view_in_bounds(&a->shape, &a->src_strides, a->src_offset, a->src.length, &src_n))
    return throw_error(env, e, "src view outside its array");
  if (!view_fits(&a->shape, a->dim, a->out_dim_size, &a->out_strides, 0, a->out.length))
    return throw_error(env, e, "out view outside its array");
  if (!indices_valid(a->index.data, a->index_offset, &a->shape, &a->index_strides, a->out_dim_size))
    return throw_error(env, e, "an index is not an integer in [0, %lld)", (long long)a->out_dim_size);
  if (a->out.is_double)
    scatter_double(a->out.data, &a->shape, a->out_strides.v, a->index.data, a->index_offset, a->index_strides.v,
                   a->src.data, a->src_offset, a->src_strides.v, a->dim, (int)a->add, n);
  else
    scatter_float(a->out.data, &a->shape, a->out_strides.v, a->index.data, a->index_offset, a->index_strides.v,
                  a->src.data, a->src_offset, a->src_strides.v, a->dim, (int)a->add, n);
  return NULL;
}

/* The backend's where for float data with a bool condition (im2col's masked_fill of the padding): a row-major
   walk of the three views, each element one of a's or b's, so any layout gives the TypeScript kernel's bits. */
#define DEFINE_WHERE(T)                                                                                        \
  static void where_##T(const WhereArgs *a, int64_t n) {                                                      \
    const uint8_t *cond = a->cond.data;                                                                       \
    const T *x = (const T *)a->a.data, *y = (const T *)a->b.data;                                             \
    T *out = (T *)a->out.data;                                                                                \
    Walk w = {{0}, a->cond_offset, a->a_offset};                                                              \
    int64_t b = a->b_offset, pos[MAX_DIMS] = {0};                                                             \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      out[i] = cond[w.a] != 0 ? x[w.b] : y[b];                                                                \
      for (int d = (int)a->shape.n - 1; d >= 0; d--) {                                                        \
        if (++pos[d] < a->shape.v[d]) {                                                                       \
          b += a->b_strides.v[d];                                                                             \
          break;                                                                                              \
        }                                                                                                     \
        b -= (a->shape.v[d] - 1) * a->b_strides.v[d];                                                         \
        pos[d] = 0;                                                                                           \
      }                                                                                                       \
      step(&w, &a->shape, a->cond_strides.v, a->a_strides.v);                                                 \
    }                                                                                                         \
  }
DEFINE_WHERE(float)
DEFINE_WHERE(double)

napi_value where_entry(napi_env env, const WhereArgs *a) {
  int64_t n, m;
  if (!view_in_bounds(&a->shape, &a->cond_strides, a->cond_offset, a->cond.length, &n))
    return throw_error(env, "where", "the cond view lies outside its %zu elements", a->cond.length);
  if (!view_in_bounds(&a->shape, &a->a_strides, a->a_offset, a->a.length, &m))
    return throw_error(env, "where", "the a view lies outside its %zu elements", a->a.length);
  if (!view_in_bounds(&a->shape, &a->b_strides, a->b_offset, a->b.length, &m))
    return throw_error(env, "where", "the b view lies outside its %zu elements", a->b.length);
  if ((uint64_t)n != a->out.length)
    return throw_error(env, "where", "out has %zu elements, the views %lld", a->out.length, (long long)n);
  if (n == 0) return NULL;
  if (a->out.is_double) where_double(a, n);
  else where_float(a, n);
  return NULL;
}
