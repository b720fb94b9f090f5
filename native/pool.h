/* Max pooling with indices and its backward over a window geometry (native/pool.c). */
#ifndef TENSORGRAD_POOL_H
#define TENSORGRAD_POOL_H
#include <node_api.h>

#include "args.h"

#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value max_pool_entry(napi_env env, const MaxPoolArgs *a);
napi_value max_pool_backward_entry(napi_env env, const MaxPoolBackwardArgs *a);
#endif
#endif
