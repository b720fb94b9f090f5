/* sort and topk along contiguous rows (native/sort.c), in PyTorch 1.13's CPU kernels' order. */
#ifndef TENSORGRAD_SORT_H
#define TENSORGRAD_SORT_H
#include <node_api.h>

#include "args.h"

/* The entry point, for files that include the argument structs (ENTRY_POINT_SPECS) first. */
#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value sort_rows_entry(napi_env env, const SortRowsArgs *a);
#endif
#endif
