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
#include "simd.h"

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

/* torch.maximum as src/backend/js/scalar_kernels.ts computes it: NaN wins, else Math.max (+0 above -0). */
#define MAXIMUM(a, b)                                                                                           \
  (isnan(a) ? (a) : isnan(b) ? (b) : (a) > (b) ? (a) : (b) > (a) ? (b) : signbit(a) ? (b) : (a))

/* grad (negated with maximize); AdamW: param *= 1 - lr * weight_decay, Adam: grad += weight_decay * param;
   exp_avg = exp_avg * beta1 + (1 - beta1) * grad; exp_avg_sq = addcmul(exp_avg_sq * beta2, grad, grad,
   1 - beta2); amsgrad: max_exp_avg_sq = maximum(max_exp_avg_sq, exp_avg_sq); denom = sqrt(that) / bias2_sqrt
   + eps; param += (-step_size * exp_avg) / denom (addcdiv_). */
#define DEFINE_ADAM_STEP(NAME, T, ADD, ADDCMUL, SQRT)                                                           \
  void NAME(T *param, const T *grad, T *exp_avg, T *exp_avg_sq, T *max_exp_avg_sq, int64_t n,        \
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

static DEFINE_ADAM_STEP(adam_step_generic_float, float, add_alpha_float, addcmul_float, sqrtf)
DEFINE_ADAM_STEP(adam_step_double, double, add_alpha_double, addcmul_double, sqrt)

/* float32 Adam with the default options (no weight decay, maximize, amsgrad or AdamW; betas in (0, 1)): the
   operations of adam_step_float, element by element, in a loop without branches that vectorizes (it ran
   ~4 ns per element; torch.optim.Adam's step over W7's 0.2M parameters took ~0.8 ms). */
SIMD_CLONES static void adam_plain_float(float *param, const float *grad, float *exp_avg, float *exp_avg_sq,
                                         int64_t n, float beta1, float beta2, double alpha1, float value2,
                                         float bias2_sqrt, float eps, float neg_step) {
  for (int64_t i = 0; i < n; i++) {
    const float g = grad[i];
    const float m = (float)((double)(exp_avg[i] * beta1) + (double)g * alpha1);
    exp_avg[i] = m;
    const float scaled = g * value2;
    const float v = (float)((double)(exp_avg_sq[i] * beta2) + (double)scaled * (double)g);
    exp_avg_sq[i] = v;
    const float denom = sqrtf(v) / bias2_sqrt + eps;
    param[i] = param[i] + (m * neg_step) / denom;
  }
}

void adam_step_float(float *param, const float *grad, float *exp_avg, float *exp_avg_sq, float *max_exp_avg_sq,
                     int64_t n, const AdamHyper *h) {
  if (h->maximize || h->decoupled || h->amsgrad || h->weight_decay != 0 || 1 - h->beta1 == 1.0 ||
      1 - h->beta2 == 1.0 || h->step_size == -1.0) {
    adam_step_generic_float(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, n, h);
    return;
  }
  adam_plain_float(param, grad, exp_avg, exp_avg_sq, n, (float)h->beta1, (float)h->beta2,
                   (double)(float)(1 - h->beta1), (float)(1 - h->beta2), (float)h->bias2_sqrt, (float)h->eps,
                   (float)-h->step_size);
}

/* The optimizers of optimStep, one update of one parameter each in the order of src/optim/<name>.ts (PyTorch
   1.13's _single_tensor_<name>), one rounding per tensor op there: `x * s` with a Python float s is x times s
   cast to the element type, ADD is torch.add with alpha, ADDCMUL addcmul, and addcdiv(p, t1, t2, v) is
   p + (v == 1 ? t1 : t1 * v) / t2. h is the hyper array (optim.h lists each op's). */
#define ADDCDIV(T, p, t1, t2, v) ((p) + ((v) == 1.0 ? (t1) : (t1) * (T)(v)) / (t2))

#define DEFINE_OPTIMIZERS(T, ADD, ADDCMUL, SQRT)                                                                \
  /* grad (negated: maximize), + weight_decay * param */                                                      \
  static inline T grad_of_##T(const T *grad, const T *param, int64_t i, int maximize, double weight_decay) {  \
    T g = maximize ? -grad[i] : grad[i];                                                                      \
    return weight_decay != 0 ? ADD(g, param[i], weight_decay) : g;                                            \
  }                                                                                                           \
  static void rmsprop_##T(T *param, const T *grad, T *sq, T *buf, T *gavg, int64_t n, const double *h,       \
                          int64_t flags) {                                                                    \
    const double lr = h[0], alpha = h[1], eps = h[2], wd = h[3], momentum = h[4];                             \
    const int centered = (flags & OPTIM_CENTERED) != 0, maximize = (flags & OPTIM_MAXIMIZE) != 0;             \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      const T g = grad_of_##T(grad, param, i, maximize, wd);                                                  \
      sq[i] = ADDCMUL(sq[i] * (T)alpha, g, 1 - alpha);                                                        \
      T avg;                                                                                                  \
      if (centered) {                                                                                         \
        gavg[i] = ADD(gavg[i] * (T)alpha, g, 1 - alpha);                                                      \
        avg = SQRT(ADDCMUL(sq[i], gavg[i], -1.0));                                                            \
      } else {                                                                                                \
        avg = SQRT(sq[i]);                                                                                    \
      }                                                                                                       \
      avg = avg + (T)eps;                                                                                     \
      if (momentum > 0) {                                                                                     \
        buf[i] = ADDCDIV(T, buf[i] * (T)momentum, g, avg, 1.0);                                               \
        param[i] = ADD(param[i], buf[i], -lr);                                                                \
      } else {                                                                                                \
        param[i] = ADDCDIV(T, param[i], g, avg, -lr);                                                         \
      }                                                                                                       \
    }                                                                                                         \
  }                                                                                                           \
  static void adagrad_##T(T *param, const T *grad, T *sum, int64_t n, const double *h, int64_t flags) {       \
    const double clr = h[0], eps = h[1], wd = h[2];                                                           \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      const T g = grad_of_##T(grad, param, i, (flags & OPTIM_MAXIMIZE) != 0, wd);                             \
      sum[i] = ADDCMUL(sum[i], g, 1.0);                                                                       \
      const T std = SQRT(sum[i]) + (T)eps;                                                                    \
      param[i] = ADDCDIV(T, param[i], g, std, -clr);                                                          \
    }                                                                                                         \
  }                                                                                                           \
  static void adamax_##T(T *param, const T *grad, T *exp_avg, T *exp_inf, int64_t n, const double *h,         \
                         int64_t flags) {                                                                     \
    const double beta1 = h[0], beta2 = h[1], eps = h[2], wd = h[3], clr = h[4];                               \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      const T g = grad_of_##T(grad, param, i, (flags & OPTIM_MAXIMIZE) != 0, wd);                             \
      exp_avg[i] = ADD(exp_avg[i] * (T)beta1, g, 1 - beta1);                                                  \
      const T decayed = exp_inf[i] * (T)beta2, bound = (signbit(g) ? -g : g) + (T)eps;                             \
      exp_inf[i] = MAXIMUM(decayed, bound);                                                                   \
      param[i] = ADDCDIV(T, param[i], exp_avg[i], exp_inf[i], -clr);                                          \
    }                                                                                                         \
  }                                                                                                           \
  static void nadam_##T(T *param, const T *grad, T *exp_avg, T *exp_avg_sq, int64_t n, const double *h) {     \
    const double beta1 = h[0], beta2 = h[1], eps = h[2], wd = h[3], bc2 = h[4], grad_v = h[5], avg_v = h[6];  \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      const T g = grad_of_##T(grad, param, i, 0, wd);                                                         \
      exp_avg[i] = ADD(exp_avg[i] * (T)beta1, g, 1 - beta1);                                                  \
      exp_avg_sq[i] = ADDCMUL(exp_avg_sq[i] * (T)beta2, g, 1 - beta2);                                        \
      const T denom = SQRT(exp_avg_sq[i] / (T)bc2) + (T)eps;                                                  \
      const T p = ADDCDIV(T, param[i], g, denom, grad_v);                                                     \
      param[i] = ADDCDIV(T, p, exp_avg[i], denom, avg_v);                                                     \
    }                                                                                                         \
  }                                                                                                           \
  static void radam_##T(T *param, const T *grad, T *exp_avg, T *exp_avg_sq, int64_t n, const double *h,       \
                        int64_t flags) {                                                                      \
    const double beta1 = h[0], beta2 = h[1], eps = h[2], wd = h[3], bc1 = h[4], lr = h[5], rect = h[6],       \
                 bc2_sqrt = h[7];                                                                             \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      const T g = grad_of_##T(grad, param, i, 0, wd);                                                         \
      exp_avg[i] = ADD(exp_avg[i] * (T)beta1, g, 1 - beta1);                                                  \
      exp_avg_sq[i] = ADDCMUL(exp_avg_sq[i] * (T)beta2, g, 1 - beta2);                                        \
      const T corrected = exp_avg[i] / (T)bc1;                                                                \
      if (flags & OPTIM_RECTIFIED) {                                                                          \
        const T adaptive_lr = (T)1 / (SQRT(exp_avg_sq[i]) + (T)eps) * (T)bc2_sqrt;                            \
        param[i] = ADD(param[i], corrected * (T)lr * adaptive_lr * (T)rect, -1.0);                            \
      } else {                                                                                                \
        param[i] = ADD(param[i], corrected * (T)lr, -1.0);                                                    \
      }                                                                                                       \
    }                                                                                                         \
  }                                                                                                           \
  static void adadelta_##T(T *param, const T *grad, T *sq, T *acc, int64_t n, const double *h, int64_t flags) { \
    const double lr = h[0], rho = h[1], eps = h[2], wd = h[3];                                                \
    for (int64_t i = 0; i < n; i++) {                                                                         \
      const T g = grad_of_##T(grad, param, i, (flags & OPTIM_MAXIMIZE) != 0, wd);                             \
      sq[i] = ADDCMUL(sq[i] * (T)rho, g, 1 - rho);                                                            \
      const T std = SQRT(sq[i] + (T)eps);                                                                     \
      const T delta = SQRT(acc[i] + (T)eps) / std * g;                                                        \
      acc[i] = ADDCMUL(acc[i] * (T)rho, delta, 1 - rho);                                                      \
      param[i] = ADD(param[i], delta, -lr);                                                                   \
    }                                                                                                         \
  }                                                                                                           \
  static void optim_step_##T(int64_t op, T *param, const T *grad, T *a, T *b, T *c, int64_t n, const double *h, \
                             int64_t flags) {                                                                 \
    switch (op) {                                                                                             \
      case O_RMSPROP: rmsprop_##T(param, grad, a, b, c, n, h, flags); break;                                  \
      case O_ADAGRAD: adagrad_##T(param, grad, a, n, h, flags); break;                                        \
      case O_ADAMAX: adamax_##T(param, grad, a, b, n, h, flags); break;                                       \
      case O_NADAM: nadam_##T(param, grad, a, b, n, h); break;                                                \
      case O_RADAM: radam_##T(param, grad, a, b, n, h, flags); break;                                         \
      default: adadelta_##T(param, grad, a, b, n, h, flags); break;                                           \
    }                                                                                                         \
  }

DEFINE_OPTIMIZERS(float, add_alpha_float, addcmul_float, sqrtf)
DEFINE_OPTIMIZERS(double, add_alpha_double, addcmul_double, sqrt)

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

/* The state arrays (a, b, c) each op reads and the length of its hyper array. */
static void optim_uses(int64_t op, double momentum, int64_t flags, int used[3], size_t *hyper) {
  used[0] = 1;
  used[1] = op != O_ADAGRAD && (op != O_RMSPROP || momentum > 0);
  used[2] = op == O_RMSPROP && (flags & OPTIM_CENTERED) != 0;
  static const size_t lengths[O_COUNT] = {[O_RMSPROP] = 5, [O_ADAGRAD] = 3, [O_ADAMAX] = 5,
                                          [O_NADAM] = 7,   [O_RADAM] = 8,   [O_ADADELTA] = 4};
  *hyper = lengths[op];
}

napi_value optim_step_entry(napi_env env, const OptimStepArgs *a) {
  const char *e = "optimStep";
  if (a->flags > 7) return throw_error(env, e, "flags must be from 0 to 7, got %lld", (long long)a->flags);
  const double *h = a->hyper.data;
  int used[3];
  size_t hyper;
  optim_uses(a->op, a->hyper.length > 4 ? h[4] : 0, a->flags, used, &hyper);
  if (a->hyper.length < hyper)
    return throw_error(env, e, "hyper has %zu numbers, op %lld takes %zu", a->hyper.length, (long long)a->op,
                       hyper);
  const FloatArray *states[3] = {&a->a, &a->b, &a->c};
  const int64_t offsets[3] = {a->a_offset, a->b_offset, a->c_offset};
  static const char *const names[3] = {"a", "b", "c"};
  if (!in_bounds(env, e, "param", &a->param, a->param_offset, a->n) ||
      !in_bounds(env, e, "grad", &a->grad, a->grad_offset, a->n))
    return NULL;
  void *s[3] = {NULL, NULL, NULL};
  for (int k = 0; k < 3; k++) {
    if (!used[k]) continue;
    if (!in_bounds(env, e, names[k], states[k], offsets[k], a->n)) return NULL;
    s[k] = AT(*states[k], offsets[k]);
  }
  if (a->param.is_double)
    optim_step_double(a->op, AT(a->param, a->param_offset), AT(a->grad, a->grad_offset), s[0], s[1], s[2], a->n,
                      h, a->flags);
  else
    optim_step_float(a->op, AT(a->param, a->param_offset), AT(a->grad, a->grad_offset), s[0], s[1], s[2], a->n, h,
                     a->flags);
  return NULL;
}
