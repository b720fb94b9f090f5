/* The FFT of torch.fft along one dim of an interleaved complex128 buffer (native/fft.c), the arithmetic of
   src/backend/js/fft.ts step for step. */
#ifndef TENSORGRAD_FFT_H
#define TENSORGRAD_FFT_H
#include <node_api.h>

#include "args.h"

/* The entry point, for files that include the argument structs (ENTRY_POINT_SPECS) first. */
#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value fft_lines_entry(napi_env env, const FftLinesArgs *a);
#endif
#endif
