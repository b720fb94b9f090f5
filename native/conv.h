/* Convolution forward and backward with im2col / col2im in the copy loops, no index tensors (native/conv.c),
   and the window geometry they share with max pooling (native/pool.c). */
#ifndef TENSORGRAD_CONV_H
#define TENSORGRAD_CONV_H
#include <node_api.h>
#include <stdint.h>

#include "args.h"

/* A sliding window over [N, C, D, H, W] (1-D and 2-D as 3-D with leading sizes of 1): kernel k, stride s,
   padding before p, dilation dil, output extents out. Read from the 20 doubles of src/backend/js/conv.ts's
   geometryArray: n, c, size[3], k[3], s[3], p[3], dil[3], out[3]. */
typedef struct {
  int64_t n, c, size[3], k[3], s[3], p[3], dil[3], out[3];
  int64_t kcount, ocount, icount;
} WindowGeometry;

/* 1 when `g` holds 20 integral doubles of a valid geometry (counts fit in int64), else 0. */
int window_geometry_read(const FloatArray *g, WindowGeometry *w);

/* native/tensorgrad.c's BLAS thread count for a product of `macs` multiply-adds (one thread below its cutover). */
void set_blas_threads(int64_t macs);

/* native/conv_direct.c's float32 convolution for one group (x86-64 with AVX2 + FMA or AVX-512): 1 when it wrote
   out [N, Cout, L] (+ bias), 0 when the geometry, the CPU or memory call for the im2col path. */
int conv_direct_forward(const WindowGeometry *g, int64_t cout, const float *x, const float *w, const float *bias,
                        float *out);
/* Its backward: sets *did_input (*did_weight) when it wrote gi (gw), each asked for when not NULL. */
void conv_direct_backward(const WindowGeometry *g, int64_t cout, const float *grad, const float *x, const float *w,
                          float *gi, float *gw, int *did_input, int *did_weight);

#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value conv_forward_entry(napi_env env, const ConvForwardArgs *a);
napi_value conv_backward_entry(napi_env env, const ConvBackwardArgs *a);
#endif
#endif
