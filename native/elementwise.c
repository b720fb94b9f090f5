/* Elementwise kernels: see elementwise.h. */
#include "elementwise.h"
#include "parallel.h"
#include "simd.h"
#include <math.h>
#include <string.h>

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

/* Dense fast paths written as simple loops the compiler vectorizes (-O3; AVX2 in the SIMD_CLONES copy). */
#define DENSE_BINARY(T)                                                                       \
  SIMD_CLONES static void dense_binary_##T(int op, const T *A, const T *B, T *O, int64_t begin, int64_t end) { \
    switch (op) {                                                                             \
      case B_ADD: BINARY_LOOP(T, x + y) break;                                                \
      case B_SUB: BINARY_LOOP(T, x - y) break;                                                \
      case B_MUL: BINARY_LOOP(T, x * y) break;                                                \
      default: BINARY_LOOP(T, x / y) break;                                                   \
    }                                                                                         \
  }                                                                                           \
  SIMD_CLONES static void scalar_binary_##T(int op, const T *A, T y, T *O, int64_t begin, int64_t end) {   \
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

SIMD_CLONES static void dense_unary_float(int op, const float *A, float *O, int64_t begin, int64_t end) {
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

static void run_job(Job *j) {
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
}

static void job_range(void *ctx, int64_t begin, int64_t end) {
  Job part = *(const Job *)ctx;
  part.begin = begin;
  part.end = end;
  run_job(&part);
}

/* Below this many elements per thread, waking a worker costs more than it saves (measured on 2 cores). */
#define PARALLEL_GRAIN 32768

void run_parallel(Job *job, int64_t n) { parallel_for(n, PARALLEL_GRAIN, 16, job_range, job); }

int is_dense(const int64_t *shape, const int64_t *strides, uint32_t ndim) {
  int64_t expected = 1;
  for (int d = (int)ndim - 1; d >= 0; d--) {
    if (shape[d] != 1 && strides[d] != expected) return 0;
    expected *= shape[d];
  }
  return 1;
}
int all_zero(const int64_t *strides, uint32_t ndim) {
  for (uint32_t d = 0; d < ndim; d++) if (strides[d] != 0) return 0;
  return 1;
}
