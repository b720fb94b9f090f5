/* torch.linalg's LAPACK calls (native/lapack.c): batched ?getrf, ?trsm, ?potrf, ?geqrf, ?orgqr, ?ormqr,
   ?sytrf, ?sytrs, ?syevd, ?gesdd and ?geev on column-major copies of dense row-major matrices, as PyTorch's CPU kernels call them. */
#ifndef TENSORGRAD_LAPACK_H
#define TENSORGRAD_LAPACK_H
#include <node_api.h>

#include "args.h"

/* Sets OpenBLAS to all its threads (tensorgrad.c, which lowers the count for small matrix products). */
void blas_threads_for_lapack(void);

/* The entry points, for files that include the argument structs (ENTRY_POINT_SPECS) first. */
#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value lapack_getrf_entry(napi_env env, const LapackGetrfArgs *a);
napi_value lapack_trsm_entry(napi_env env, const LapackTrsmArgs *a);
napi_value lapack_potrf_entry(napi_env env, const LapackPotrfArgs *a);
napi_value lapack_geqrf_entry(napi_env env, const LapackGeqrfArgs *a);
napi_value lapack_orgqr_entry(napi_env env, const LapackOrgqrArgs *a);
napi_value lapack_ormqr_entry(napi_env env, const LapackOrmqrArgs *a);
napi_value lapack_sytrf_entry(napi_env env, const LapackSytrfArgs *a);
napi_value lapack_sytrs_entry(napi_env env, const LapackSytrsArgs *a);
napi_value lapack_syevd_entry(napi_env env, const LapackSyevdArgs *a);
napi_value lapack_gesdd_entry(napi_env env, const LapackGesddArgs *a);
napi_value lapack_geev_entry(napi_env env, const LapackGeevArgs *a);
#endif
#endif
