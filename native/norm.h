/* Layer norm and batch norm (native/norm.c): the kernels, and the addon entry points that check their
   arguments and call them. */
#ifndef TENSORGRAD_NORM_H
#define TENSORGRAD_NORM_H
#include <node_api.h>
#include <stdint.h>

#include "args.h"

void layer_norm_float(const float *x, const float *gamma, const float *beta, int64_t rows, int64_t cols, double eps,
                      float *out, float *mean, float *rstd);
void layer_norm_double(const double *x, const double *gamma, const double *beta, int64_t rows, int64_t cols,
                       double eps, double *out, double *mean, double *rstd);
void layer_norm_backward_float(const float *dy, const float *x, const float *mean, const float *rstd,
                               const float *gamma, int64_t rows, int64_t cols, float *dx, float *dgamma,
                               float *dbeta);
void layer_norm_backward_double(const double *dy, const double *x, const double *mean, const double *rstd,
                                const double *gamma, int64_t rows, int64_t cols, double *dx, double *dgamma,
                                double *dbeta);
void batch_norm_stats_float(const float *x, int64_t batch, int64_t channels, int64_t image, double momentum,
                            double eps, float *running_mean, float *running_var, float *mean, float *invstd);
void batch_norm_stats_double(const double *x, int64_t batch, int64_t channels, int64_t image, double momentum,
                             double eps, double *running_mean, double *running_var, double *mean, double *invstd);
void batch_norm_transform_float(const float *x, const float *weight, const float *bias, const float *mean,
                                const float *stat, int train, int64_t batch, int64_t channels, int64_t image,
                                double eps, float *out);
void batch_norm_transform_double(const double *x, const double *weight, const double *bias, const double *mean,
                                 const double *stat, int train, int64_t batch, int64_t channels, int64_t image,
                                 double eps, double *out);
void batch_norm_backward_float(const float *dy, const float *x, const float *weight, const float *mean,
                               const float *stat, int train, int64_t batch, int64_t channels, int64_t image,
                               double eps, float *dx, float *dweight, float *dbias);
void batch_norm_backward_double(const double *dy, const double *x, const double *weight, const double *mean,
                                const double *stat, int train, int64_t batch, int64_t channels, int64_t image,
                                double eps, double *dx, double *dweight, double *dbias);
void two_norm_rows_float(const float *x, int64_t rows, int64_t cols, float *out);
void two_norm_rows_double(const double *x, int64_t rows, int64_t cols, double *out);

/* The entry points, for files that include the argument structs (ENTRY_POINT_SPECS) first. */
#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value layer_norm_entry(napi_env env, const LayerNormArgs *a);
napi_value layer_norm_backward_entry(napi_env env, const LayerNormBackwardArgs *a);
napi_value batch_norm_stats_entry(napi_env env, const BatchNormStatsArgs *a);
napi_value batch_norm_transform_entry(napi_env env, const BatchNormTransformArgs *a);
napi_value batch_norm_backward_entry(napi_env env, const BatchNormBackwardArgs *a);
napi_value two_norm_rows_entry(napi_env env, const TwoNormRowsArgs *a);
#endif
#endif
