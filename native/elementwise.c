/* Elementwise kernels: see elementwise.h. */
#include "elementwise.h"
#include "parallel.h"
#include "glibc_expf.h"
#include "onednn_gelu.h"
#include "glibc_exp.h"
#include "glibc_erf.h"
#include "sleef_dp.h"
#include "simd.h"
#include "sleef.h"
#include "sleef_sp.h"
#include <math.h>
#include <string.h>

/* pow_scalar for the exponents PyTorch's pow kernel computes by multiplication, sqrt or a copy
   (src/backend/js/scalar_kernels.ts powScalar; the entry point refuses others). One macro for both types:
   each float32 operation rounds as the TypeScript path's double operation rounded to float does. */
#define POW_EXACT(T, SQRT, x, e)                                               \
  ((e) == 0     ? (T)1                                                         \
   : (e) == 1   ? (x)                                                          \
   : (e) == 2   ? (x) * (x)                                                    \
   : (e) == 3   ? (x) * (x) * (x)                                              \
   : (e) == 0.5 ? SQRT(x)                                                      \
   : (e) == -0.5 ? (T)1 / SQRT(x)                                              \
   : (e) == -1  ? (T)1 / (x)                                                   \
                : (T)1 / ((x) * (x)))

/* Float32 as PyTorch's AVX2 kernels compute it (src/backend/js/float32_ops.ts): exp, log and tanh are SLEEF's
   on every element (vml ops); sigmoid here is its scalar path, glibc's expf, used outside the vectorized
   16-element blocks; gelu is oneDNN's (the TypeScript side sends only contiguous inputs, which PyTorch gives
   oneDNN). */
ALWAYS_INLINE static float unary_f(int op, float x, double p) {
  switch (op) {
    case U_NEG: return -x;
    case U_ABS: return fabsf(x);
    case U_GELU: return onednn_gelu(x);
    case U_POW: return POW_EXACT(float, sqrtf, x, p);
    case U_RELU: return x < 0.0f ? 0.0f : x; /* clamp_min(x, 0): -0.0 and NaN pass through */
    case U_EXP: return sleef_expf_inline(x);
    case U_LOG: return sleef_logf(x);
    case U_COPY: return x;
    case U_SIGMOID: return 1.0f / (1.0f + glibc_expf(-x));
    default: return sleef_tanhf(x);
  }
}

/* Float64 likewise (src/backend/js/vectorized_ops.ts): exp, log and tanh are SLEEF's Sleef_*d4_u10 on every
   element; sigmoid here is its scalar path, glibc's exp, used outside the vectorized 8-element blocks. */
ALWAYS_INLINE static double unary_d(int op, double x, double p) {
  switch (op) {
    case U_NEG: return -x;
    case U_ABS: return fabs(x);
    case U_POW: return POW_EXACT(double, sqrt, x, p);
    case U_RELU: return x < 0.0 ? 0.0 : x;
    case U_EXP: return sleef_exp_d(x);
    case U_LOG: return sleef_log_d(x);
    case U_COPY: return x;
    case U_SIGMOID: return 1.0 / (1.0 + glibc_exp(-x));
    case U_GELU: return x * 0.5 * (1.0 + glibc_erf(x * 0.70710678118654752440));
    default: return sleef_tanh_d(x);
  }
}

/* PyTorch's vectorized float64 sigmoid ((1 + exp(0 - x)).reciprocal()) and GeluKernel (x * 0.5 * (1 +
   erf(x / sqrt 2))) with SLEEF's exp and erf, on whole 8-element blocks of each row of its walk. */
ALWAYS_INLINE static double blocked_vectorized_d(int op, double x) {
  if (op == U_GELU) return x * 0.5 * (1.0 + sleef_erf_d(x * 0.70710678118654752440));
  return 1.0 / (1.0 + sleef_exp_d(0.0 - x));
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

ALWAYS_INLINE static double binary_d(int op, double x, double y) {
  switch (op) {
    case B_ADD: return x + y;
    case B_SUB: return x - y;
    case B_MUL: return x * y;
    default: return x / y;
  }
}
ALWAYS_INLINE static float binary_f(int op, float x, float y) {
  switch (op) {
    case B_ADD: return x + y;
    case B_SUB: return x - y;
    case B_MUL: return x * y;
    default: return x / y;
  }
}

/* PyTorch's vectorized sigmoid: (1 + exp(0 - x)).reciprocal() with SLEEF's exp, on whole 16-element blocks of
   a contiguous tensor; the last n % 16 elements take the scalar path. */
ALWAYS_INLINE static float sigmoid_vectorized(float x) { return 1.0f / (1.0f + sleef_expf_inline(0.0f - x)); }

/* out = POW_EXACT(x, e) on [begin, end), one loop per exponent so each vectorizes: the operations of
   POW_EXACT element by element, so the digits are its. */
#define POW_LOOPS(T, SQRT)                                                                       \
  SIMD_CLONES static void pow_exact_##T(const T *A, T *O, int64_t begin, int64_t end, double e) { \
    if (e == 0) for (int64_t i = begin; i < end; i++) O[i] = (T)1;                               \
    else if (e == 1) memcpy(O + begin, A + begin, (size_t)(end - begin) * sizeof(T));            \
    else if (e == 2) for (int64_t i = begin; i < end; i++) O[i] = A[i] * A[i];                   \
    else if (e == 3) for (int64_t i = begin; i < end; i++) O[i] = A[i] * A[i] * A[i];            \
    else if (e == 0.5) for (int64_t i = begin; i < end; i++) O[i] = SQRT(A[i]);                  \
    else if (e == -0.5) for (int64_t i = begin; i < end; i++) O[i] = (T)1 / SQRT(A[i]);          \
    else if (e == -1) for (int64_t i = begin; i < end; i++) O[i] = (T)1 / A[i];                  \
    else for (int64_t i = begin; i < end; i++) O[i] = (T)1 / (A[i] * A[i]);                      \
  }
POW_LOOPS(float, sqrtf)
POW_LOOPS(double, sqrt)

/* Elements [begin, end) of a dense unary op over n elements in all. */
SIMD_CLONES static void dense_unary_float(int op, double p, const float *A, float *O, int64_t begin, int64_t end,
                                          int64_t n) {
  switch (op) {
    case U_POW: pow_exact_float(A, O, begin, end, p); break;
    case U_COPY: memcpy(O + begin, A + begin, (size_t)(end - begin) * sizeof(float)); break;
    case U_NEG: for (int64_t i = begin; i < end; i++) O[i] = -A[i]; break;
    case U_RELU:
      for (int64_t i = begin; i < end; i++) { float x = A[i]; O[i] = x < 0.0f ? 0.0f : x; }
      break;
    case U_EXP: for (int64_t i = begin; i < end; i++) O[i] = sleef_expf_inline(A[i]); break;
    case U_SIGMOID: {
      const int64_t vector_end = n - n % 16;
      const int64_t mid = end < vector_end ? end : vector_end;
      int64_t i = begin;
      for (; i < mid; i++) O[i] = sigmoid_vectorized(A[i]);
      for (; i < end; i++) O[i] = unary_f(U_SIGMOID, A[i], 0);
      break;
    }
    case U_ABS: for (int64_t i = begin; i < end; i++) O[i] = fabsf(A[i]); break;
    case U_GELU: onednn_gelu_dense(A + begin, O + begin, end - begin); break;
    default: for (int64_t i = begin; i < end; i++) O[i] = unary_f(op, A[i], p); break;
  }
}

/* Elements [begin, end) of a dense float64 unary op whose C kernel is one exact operation per element (copy,
   neg, abs, relu, pow): 1 if done, 0 for the other ops. */
SIMD_CLONES static int dense_exact_double(int op, double p, const double *A, double *O, int64_t begin,
                                          int64_t end) {
  switch (op) {
    case U_COPY: memcpy(O + begin, A + begin, (size_t)(end - begin) * sizeof(double)); return 1;
    case U_NEG: for (int64_t i = begin; i < end; i++) O[i] = -A[i]; return 1;
    case U_ABS: for (int64_t i = begin; i < end; i++) O[i] = fabs(A[i]); return 1;
    case U_RELU:
      for (int64_t i = begin; i < end; i++) { double x = A[i]; O[i] = x < 0.0 ? 0.0 : x; }
      return 1;
    case U_POW: pow_exact_double(A, O, begin, end, p); return 1;
    default: return 0;
  }
}

/* One row segment: len elements along the last dim, from offsets ao (a) and bo (b) into out[i0...]. Rows whose
   operands are dense (or a broadcast scalar b) take the vectorized loops; others walk the row's strides. */
SIMD_CLONES static void row_segment(const Job *j, int64_t i0, int64_t len, int64_t ao, int64_t bo, int64_t wi) {
  const int last = (int)j->ndim - 1;
  const int64_t as = last >= 0 ? j->a_str[last] : 0, bs = last >= 0 ? j->b_str[last] : 0;
  if (j->is_double) {
    const double *A = (const double *)j->a + ao, *B = (const double *)j->b + bo;
    double *O = (double *)j->out + i0;
    if (j->binary && as == 1 && bs == 1) dense_binary_double(j->op, A, B, O, 0, len);
    else if (j->binary && as == 1 && bs == 0) scalar_binary_double(j->op, A, B[0], O, 0, len);
    else if (j->binary) for (int64_t k = 0; k < len; k++) O[k] = binary_d(j->op, A[k * as], B[k * bs]);
    else if (as == 1 && dense_exact_double(j->op, j->param, A, O, 0, len)) return;
    else if ((j->op == U_SIGMOID || j->op == U_GELU) && j->row_vec) {
      const int64_t vector_end = j->row_len - j->row_len % 8, ws = last >= 0 ? j->w_str[last] : 0;
      for (int64_t k = 0; k < len; k++) {
        const int64_t pos = (wi + k * ws) % j->row_len;
        O[k] = pos < vector_end ? blocked_vectorized_d(j->op, A[k * as]) : unary_d(j->op, A[k * as], 0);
      }
    } else for (int64_t k = 0; k < len; k++) O[k] = unary_d(j->op, A[k * as], j->param);
  } else {
    const float *A = (const float *)j->a + ao, *B = (const float *)j->b + bo;
    float *O = (float *)j->out + i0;
    if (j->binary && as == 1 && bs == 1) dense_binary_float(j->op, A, B, O, 0, len);
    else if (j->binary && as == 1 && bs == 0) scalar_binary_float(j->op, A, B[0], O, 0, len);
    else if (j->binary) for (int64_t k = 0; k < len; k++) O[k] = binary_f(j->op, A[k * as], B[k * bs]);
    else if (j->op == U_COPY && as == 0) for (int64_t k = 0; k < len; k++) O[k] = A[0];
    /* A contiguous row of an op computed element by element the same way dense or strided (not sigmoid's
       blocks, not gelu's dense oneDNN loop) takes the dense loop. */
    else if (as == 1 && j->op != U_SIGMOID && j->op != U_GELU) dense_unary_float(j->op, j->param, A, O, 0, len, len);
    else if (j->op == U_SIGMOID && j->row_vec) {
      /* PyTorch vectorizes whole 16-element blocks of each row of its walk (plan_walk): wi is this segment's
         first element's place in the walk. */
      const int64_t vector_end = j->row_len - j->row_len % 16, ws = last >= 0 ? j->w_str[last] : 0;
      for (int64_t k = 0; k < len; k++) {
        const int64_t pos = (wi + k * ws) % j->row_len;
        O[k] = pos < vector_end ? sigmoid_vectorized(A[k * as]) : unary_f(U_SIGMOID, A[k * as], 0);
      }
    } else for (int64_t k = 0; k < len; k++) O[k] = unary_f(j->op, A[k * as], j->param);
  }
}

/* Strided walk of elements [begin, end) of the output in row-major order of `shape`, a row at a time. A
   strided sigmoid is PyTorch's scalar path throughout (its vectorized loop needs contiguous input). */
static void strided_range(Job *j) {
  if (j->ndim == 0) {
    if (j->begin < j->end) row_segment(j, 0, 1, j->a_off, j->b_off, 0);
    return;
  }
  const int last = (int)j->ndim - 1;
  const int64_t row_len = j->shape[last];
  if (row_len == 0) return;
  int64_t idx[MAX_DIMS];
  int64_t rem = j->begin / row_len;
  int64_t ao = j->a_off, bo = j->b_off, wi = 0;
  idx[last] = 0;
  for (int d = last - 1; d >= 0; d--) {
    idx[d] = j->shape[d] ? rem % j->shape[d] : 0;
    rem = j->shape[d] ? rem / j->shape[d] : 0;
    ao += idx[d] * j->a_str[d];
    bo += idx[d] * j->b_str[d];
    wi += idx[d] * j->w_str[d];
  }
  int64_t i = j->begin;
  while (i < j->end) {
    const int64_t col = i % row_len;
    const int64_t len = (row_len - col < j->end - i) ? row_len - col : j->end - i;
    row_segment(j, i, len, ao + col * j->a_str[last], bo + col * j->b_str[last], wi + col * j->w_str[last]);
    i += len;
    for (int d = last - 1; d >= 0; d--) {
      idx[d]++;
      ao += j->a_str[d];
      bo += j->b_str[d];
      wi += j->w_str[d];
      if (idx[d] < j->shape[d]) break;
      ao -= j->a_str[d] * j->shape[d];
      bo -= j->b_str[d] * j->shape[d];
      wi -= j->w_str[d] * j->shape[d];
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
  } else if (!j->binary && j->a_dense && j->is_double &&
             dense_exact_double(j->op, j->param, (const double *)j->a + j->a_off, (double *)j->out, j->begin,
                                j->end)) {
    /* done */
  } else if (!j->binary && j->a_dense && !j->is_double) {
    dense_unary_float(j->op, j->param, (const float *)j->a + j->a_off, (float *)j->out, j->begin, j->end, j->n);
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
/* Ops of one memory-bound operation per element (add, mul, copy, neg, relu, x * x...) on operands read along
   their rows: a [1024, 128] float32 one takes ~30 us on one core, about what waking a worker and waiting for
   it costs, so they split only from twice this many elements per thread. */
#define CHEAP_PARALLEL_GRAIN 131072

static int cheap_op(const Job *j) {
  const int last = (int)j->ndim - 1;
  const int rows = last < 0 || ((j->a_str[last] == 0 || j->a_str[last] == 1) &&
                                (!j->binary || j->b_str[last] == 0 || j->b_str[last] == 1));
  if (j->binary) return rows;
  return rows && (j->op == U_COPY || j->op == U_NEG || j->op == U_ABS || j->op == U_RELU || j->op == U_POW);
}

void run_parallel(Job *job, int64_t n) {
  job->n = n;
  parallel_for(n, cheap_op(job) ? CHEAP_PARALLEL_GRAIN : PARALLEL_GRAIN, 16, job_range, job);
}

int is_dense(const int64_t *shape, const int64_t *strides, uint32_t ndim) {
  int64_t expected = 1;
  for (int d = (int)ndim - 1; d >= 0; d--) {
    if (shape[d] != 1 && strides[d] != expected) return 0;
    expected *= shape[d];
  }
  return 1;
}
void plan_walk(Job *j) {
  /* TensorIterator's order (src/backend/js/vector_loops.ts): dims of size > 1 by stride, outermost first
     (kept in place when one is broadcast); the kernel's row is the innermost dims that merge. */
  int order[MAX_DIMS], m = 0, broadcast = 0;
  for (uint32_t d = 0; d < j->ndim; d++) {
    j->w_str[d] = 0;
    if (j->shape[d] == 1) continue;
    if (j->a_str[d] == 0) broadcast = 1;
    order[m++] = (int)d;
  }
  if (!broadcast)
    for (int a = 1; a < m; a++) /* stable insertion sort, largest stride first */
      for (int b = a; b > 0 && j->a_str[order[b - 1]] < j->a_str[order[b]]; b--) {
        const int t = order[b];
        order[b] = order[b - 1];
        order[b - 1] = t;
      }
  int64_t step = 1;
  for (int k = m - 1; k >= 0; k--) {
    j->w_str[order[k]] = step;
    step *= j->shape[order[k]];
  }
  if (m == 0) {
    j->row_len = 1;
    j->row_vec = 1;
    return;
  }
  const int inner = order[m - 1];
  int64_t row = j->shape[inner];
  for (int k = m - 2; k >= 0 && j->a_str[order[k]] == j->a_str[order[k + 1]] * j->shape[order[k + 1]]; k--)
    row *= j->shape[order[k]];
  j->row_len = row;
  j->row_vec = j->a_str[inner] == 1 || j->a_str[inner] == 0;
}

int all_zero(const int64_t *strides, uint32_t ndim) {
  for (uint32_t d = 0; d < ndim; d++) if (strides[d] != 0) return 0;
  return 1;
}
