/* The optimizers' fused updates (native/optim.c): the kernels, and the addon entry points that check their
   arguments and call them. */
#ifndef TENSORGRAD_OPTIM_H
#define TENSORGRAD_OPTIM_H
#include <node_api.h>
#include <stdint.h>

#include "args.h"

/* The scalars of one SGD update (src/optim/sgd.ts). `damp_alpha` is 1 - dampening as JavaScript computed it. */
typedef struct {
  double lr, momentum, damp_alpha, weight_decay;
  int nesterov, maximize;
} SgdHyper;

void sgd_step_float(float *param, const float *grad, float *buf, int64_t n, const SgdHyper *h);
void sgd_step_double(double *param, const double *grad, double *buf, int64_t n, const SgdHyper *h);

/* The scalars of one Adam/AdamW update (src/optim/adam.ts); step_size and bias2_sqrt as JavaScript computed
   them for this step. */
typedef struct {
  double lr, beta1, beta2, eps, weight_decay, step_size, bias2_sqrt;
  int amsgrad, maximize, decoupled;
} AdamHyper;

/* The flags argument of adamStep. */
enum { ADAM_AMSGRAD = 1, ADAM_MAXIMIZE = 2, ADAM_DECOUPLED = 4 };

void adam_step_float(float *param, const float *grad, float *exp_avg, float *exp_avg_sq, float *max_exp_avg_sq,
                     int64_t n, const AdamHyper *h);
void adam_step_double(double *param, const double *grad, double *exp_avg, double *exp_avg_sq,
                      double *max_exp_avg_sq, int64_t n, const AdamHyper *h);

#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value sgd_step_entry(napi_env env, const SgdStepArgs *a);
napi_value adam_step_entry(napi_env env, const AdamStepArgs *a);
#endif
#endif
