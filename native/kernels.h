/* Pure C kernels (no N-API) behind tensorgrad.c's entry points. Callers validate every range first. */
#ifndef TENSORGRAD_KERNELS_H
#define TENSORGRAD_KERNELS_H
#include <stdint.h>

/* PyTorch's cascade_sum over an already reordered and coalesced TensorIterator (dims[0] fastest):
   the exact float/double arithmetic of src/backend/js/cascade_sum.ts. `out` must start zeroed. */
void cascade_sum_float(const float *src, int64_t offset, const int64_t *sizes, const int64_t *in_strides,
                       const int64_t *out_strides, int ndim, float *out);
void cascade_sum_double(const double *src, int64_t offset, const int64_t *sizes, const int64_t *in_strides,
                        const int64_t *out_strides, int ndim, double *out);

/* SLEEF's expf8_u10 lane function with FMA, as src/ops/sleef.ts computes it. */
float sleef_expf(float d);

/* softmax / log_softmax of a contiguous [outer, dim_size, inner] float array along the middle dim, with the
   operation order of src/backend/js/softmax.ts (PyTorch's SoftMaxKernel.cpp): the vectorized kernel when
   last_dim (inner must then be 1), the sequential one otherwise. */
void softmax_float(const float *x, int64_t outer, int64_t dim_size, int64_t inner, int last_dim, int log_softmax,
                   float *out);

/* The fused backward kernels of native/grad_kernels.c (dense arrays). */
void sigmoid_backward_float(const float *g, const float *y, float *out, int64_t n);
void sigmoid_backward_double(const double *g, const double *y, double *out, int64_t n);
void threshold_backward_float(const float *g, const float *x, float threshold, float *out, int64_t n);
void threshold_backward_double(const double *g, const double *x, double threshold, double *out, int64_t n);
void softmax_double(const double *x, int64_t outer, int64_t dim_size, int64_t inner, int last_dim, int log_softmax,
                    double *out);
/* softmax (log_softmax) backward of dense float64 [outer, dim_size, inner] arrays; sums holds inner doubles
   when inner > 1. */
void softmax_backward_double(const double *g, const double *y, int64_t outer, int64_t dim_size, int64_t inner,
                             int log_softmax, double *sums, double *out);
void gelu_backward_float(const float *g, const float *x, float *out, int64_t n);
void gelu_backward_double(const double *g, const double *x, double *out, int64_t n);
void softmax_backward_rows_float(const float *g, const float *y, int64_t begin, int64_t end, int64_t dim_size,
                                 int log_softmax, float *out);
void softmax_backward_inner_float(const float *g, const float *y, int64_t begin, int64_t end, int64_t dim_size,
                                  int64_t inner, int log_softmax, float *sums, float *out);
void bce_with_logits_float(const float *x, const float *y, float *out, int64_t n);
void bce_with_logits_backward_float(const float *x, const float *y, const float *g, int64_t g_stride, float divisor,
                                    int64_t begin, int64_t end, int64_t n, float *out);

#endif
