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

/* optimStep's flags, and each op's state arrays and hyper array (JavaScript's doubles):
   rmsprop  a square_avg, b momentum_buffer (momentum > 0), c grad_avg (centered);
            [lr, alpha, eps, weight_decay, momentum]; flags CENTERED, MAXIMIZE
   adagrad  a sum; [lr / (1 + (step - 1) * lr_decay), eps, weight_decay]; MAXIMIZE
   adamax   a exp_avg, b exp_inf; [beta1, beta2, eps, weight_decay, lr / (1 - beta1^step)]; MAXIMIZE
   nadam    a exp_avg, b exp_avg_sq; [beta1, beta2, eps, weight_decay, bias_correction2, the grad's addcdiv value,
            exp_avg's addcdiv value]
   radam    a exp_avg, b exp_avg_sq; [beta1, beta2, eps, weight_decay, bias_correction1, lr, rect,
            sqrt(bias_correction2)]; RECTIFIED (rho_t > 5)
   adadelta a square_avg, b acc_delta; [lr, rho, eps, weight_decay]; MAXIMIZE */
enum { OPTIM_CENTERED = 1, OPTIM_MAXIMIZE = 2, OPTIM_RECTIFIED = 4 };

#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value sgd_step_entry(napi_env env, const SgdStepArgs *a);
napi_value adam_step_entry(napi_env env, const AdamStepArgs *a);
napi_value optim_step_entry(napi_env env, const OptimStepArgs *a);
#endif
#endif
