/* Gathers and scatter-adds along one dim with an index (native/im2col.c): convolution's and pooling's im2col
   (index_select of window elements) and col2im (index_add back), and embedding's forward and backward. */
#ifndef TENSORGRAD_IM2COL_H
#define TENSORGRAD_IM2COL_H
#include <node_api.h>
#include <stdint.h>

#include "args.h"

#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value gather_dim_entry(napi_env env, const GatherDimArgs *a);
napi_value scatter_dim_entry(napi_env env, const ScatterDimArgs *a);
napi_value where_entry(napi_env env, const WhereArgs *a);
#endif
#endif
