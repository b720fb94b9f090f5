/* Fused optimizer updates: one pass over a parameter doing what PyTorch 1.13's _single_tensor_sgd and
   _single_tensor_adam(w) do with one tensor op per line, rounding where those ops round. The arithmetic is the
   TypeScript path's (src/optim/sgd.ts, adam.ts, tensor_ops.ts through src/ops/): a float32 `a + alpha * b` with alpha != 1 is computed in double from
   the float32 alpha and rounded once (the float32 product is exact in double), a float64 one rounds the
   product and the sum; alpha == 1 is a plain add. Built with -ffp-contract=off so nothing is fused further. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "args.h"
#define ENTRY_POINT_SPECS
#include "entry_points.h"
#include "optim.h"

/* torch.add(a, b, alpha=alpha) on float32 elements (src/ops/elementwise.ts addKernel). */
static inline float add_alpha_float(float a, float b, double alpha) {
  if (alpha == 1.0) return a + b;
  return (float)((double)a + (double)b * (double)(float)alpha);
}

static inline double add_alpha_double(double a, double b, double alpha) {
  if (alpha == 1.0) return a + b;
  const double scaled = b * alpha;
  return a + scaled;
}

/* d_p = maximize ? -grad : grad; d_p += weight_decay * param; buf = buf * momentum + (1 - dampening) * d_p;
   d_p = nesterov ? d_p + momentum * buf : buf; param += -lr * d_p. Momentum != 0 needs an existing buf (the
   first step's clone stays in TypeScript). */
#define DEFINE_SGD_STEP(T, ADD)                                                                               \
  void sgd_step_##T(T *param, const T *grad, T *buf, int64_t n, const SgdHyper *h) {                            \
    const T momentum = (T)h->momentum;                                                                        \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      T d = h->maximize ? -grad[i] : grad[i];                                                                 \
      if (h->weight_decay != 0) d = ADD(d, param[i], h->weight_decay);                                        \
      if (h->momentum != 0) {                                                                                 \
        const T b = ADD(buf[i] * momentum, d, h->damp_alpha);                                                 \
        buf[i] = b;                                                                                           \
        d = h->nesterov ? ADD(d, b, h->momentum) : b;                                                         \
      }                                                                                                       \
      param[i] = ADD(param[i], d, -h->lr);                                                                    \
    }                                                                                                         \
  }

DEFINE_SGD_STEP(float, add_alpha_float)
DEFINE_SGD_STEP(double, add_alpha_double)

/* addcmul(v, g, g, value): v + (value * g) * g with the last multiply-add in double for float32
   (src/optim/tensor_ops.ts), two roundings for float64. */
static inline float addcmul_float(float v, float g, double value) {
  const float scaled = value == 1.0 ? g : g * (float)value;
  return (float)((double)v + (double)scaled * (double)g);
}

static inline double addcmul_double(double v, double g, double value) {
  const double scaled = value == 1.0 ? g : g * value;
  const double product = scaled * g;
  return v + product;
}

/* torch.maximum: NaN wins. */
#define MAXIMUM(a, b) (isnan(a) ? (a) : isnan(b) ? (b) : (a) > (b) ? (a) : (b))

/* grad (negated with maximize); AdamW: param *= 1 - lr * weight_decay, Adam: grad += weight_decay * param;
   exp_avg = exp_avg * beta1 + (1 - beta1) * grad; exp_avg_sq = addcmul(exp_avg_sq * beta2, grad, grad,
   1 - beta2); amsgrad: max_exp_avg_sq = maximum(max_exp_avg_sq, exp_avg_sq); denom = sqrt(that) / bias2_sqrt
   + eps; param += (-step_size * exp_avg) / denom (addcdiv_). */
#define DEFINE_ADAM_STEP(T, ADD, ADDCMUL, SQRT)                                                                 \
  void adam_step_##T(T *param, const T *grad, T *exp_avg, T *exp_avg_sq, T *max_exp_avg_sq, int64_t n,        \
                     const AdamHyper *h) {                                                                    \
    const T beta1 = (T)h->beta1, beta2 = (T)h->beta2, eps = (T)h->eps, bias2_sqrt = (T)h->bias2_sqrt;        \
    const T decay = (T)(1 - h->lr * h->weight_decay), neg_step = (T)-h->step_size;                          \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      T g = h->maximize ? -grad[i] : grad[i];                                                                 \
      if (h->decoupled)                                                                                       \
        param[i] = param[i] * decay;                                                                          \
      else if (h->weight_decay != 0)                                                                          \
        g = ADD(g, param[i], h->weight_decay);                                                                \
      exp_avg[i] = ADD(exp_avg[i] * beta1, g, 1 - h->beta1);                                                  \
      const T v = ADDCMUL(exp_avg_sq[i] * beta2, g, 1 - h->beta2);                                            \
      exp_avg_sq[i] = v;                                                                                      \
      T second = v;                                                                                           \
      if (h->amsgrad) {                                                                                       \
        const T m = max_exp_avg_sq[i];                                                                        \
        second = MAXIMUM(m, v);                                                                               \
        max_exp_avg_sq[i] = second;                                                                           \
      }                                                                                                       \
      const T denom = SQRT(second) / bias2_sqrt + eps;                                                        \
      const T update = (h->step_size == -1.0 ? exp_avg[i] : exp_avg[i] * neg_step) / denom;                  \
      param[i] = param[i] + update;                                                                           \
    }                                                                                                         \
  }

DEFINE_ADAM_STEP(float, add_alpha_float, addcmul_float, sqrtf)
DEFINE_ADAM_STEP(double, add_alpha_double, addcmul_double, sqrt)

static int in_bounds(napi_env env, const char *entry, const char *operand, const FloatArray *a, int64_t offset,
                     int64_t count) {
  if (dense_in_bounds(offset, count, a->length)) return 1;
  throw_error(env, entry, "%s has %zu elements, fewer than offset %lld + %lld", operand, a->length,
              (long long)offset, (long long)count);
  return 0;
}

#define AT(arr, offset) ((void *)((char *)(arr).data + (offset) * ((arr).is_double ? 8 : 4)))

napi_value sgd_step_entry(napi_env env, const SgdStepArgs *a) {
  const char *e = "sgdStep";
  const int has_buf = a->momentum != 0;
  if (!in_bounds(env, e, "param", &a->param, a->param_offset, a->n) ||
      !in_bounds(env, e, "grad", &a->grad, a->grad_offset, a->n) ||
      (has_buf && !in_bounds(env, e, "buf", &a->buf, a->buf_offset, a->n)))
    return NULL;
  const SgdHyper h = {a->lr, a->momentum, a->damp_alpha, a->weight_decay, (int)a->nesterov, (int)a->maximize};
  if (a->param.is_double)
    sgd_step_double(AT(a->param, a->param_offset), AT(a->grad, a->grad_offset),
                    has_buf ? AT(a->buf, a->buf_offset) : NULL, a->n, &h);
  else
    sgd_step_float(AT(a->param, a->param_offset), AT(a->grad, a->grad_offset),
                   has_buf ? AT(a->buf, a->buf_offset) : NULL, a->n, &h);
  return NULL;
}

napi_value adam_step_entry(napi_env env, const AdamStepArgs *a) {
  const char *e = "adamStep";
  const int amsgrad = (a->flags & ADAM_AMSGRAD) != 0;
  if (!in_bounds(env, e, "param", &a->param, a->param_offset, a->n) ||
      !in_bounds(env, e, "grad", &a->grad, a->grad_offset, a->n) ||
      !in_bounds(env, e, "expAvg", &a->exp_avg, a->exp_avg_offset, a->n) ||
      !in_bounds(env, e, "expAvgSq", &a->exp_avg_sq, a->exp_avg_sq_offset, a->n) ||
      (amsgrad && !in_bounds(env, e, "maxExpAvgSq", &a->max_exp_avg_sq, a->max_exp_avg_sq_offset, a->n)))
    return NULL;
  const AdamHyper h = {a->lr,        a->beta1,   a->beta2, a->eps, a->weight_decay, a->step_size, a->bias2_sqrt,
                       amsgrad,      (a->flags & ADAM_MAXIMIZE) != 0, (a->flags & ADAM_DECOUPLED) != 0};
  void *max_sq = amsgrad ? AT(a->max_exp_avg_sq, a->max_exp_avg_sq_offset) : NULL;
  if (a->param.is_double)
    adam_step_double(AT(a->param, a->param_offset), AT(a->grad, a->grad_offset), AT(a->exp_avg, a->exp_avg_offset),
                     AT(a->exp_avg_sq, a->exp_avg_sq_offset), max_sq, a->n, &h);
  else
    adam_step_float(AT(a->param, a->param_offset), AT(a->grad, a->grad_offset), AT(a->exp_avg, a->exp_avg_offset),
                    AT(a->exp_avg_sq, a->exp_avg_sq_offset), max_sq, a->n, &h);
  return NULL;
}
