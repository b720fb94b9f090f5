/* torch.linalg's LAPACK calls on the native backend: the routines PyTorch 1.13's CPU kernels call
   (BatchLinearAlgebra.cpp: ?getrf, ?potrf, ?geqrf with ?orgqr and ?ormqr, ?sytrf with ?sytrs, ?syevd, ?gesdd,
   ?geev, and BLAS ?trsm), with the
   optimal workspace from LAPACK's own query as PyTorch asks for it, on column-major copies of each matrix, so
   with the same LAPACK build a result has PyTorch's bits. The Fortran prototypes are declared here (no LAPACKE
   header is needed): LP64 ints and gfortran's hidden string lengths, which OpenBLAS reads and Accelerate's
   classic CLAPACK symbols (same names) ignore. Every size is checked before any call and every LAPACK info goes
   back to TypeScript, which raises PyTorch's errors: no call reads or writes outside its arrays. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "args.h"
/* The argument structs of the entry points below; the specs that come with them are tensorgrad.c's. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-const-variable"
#pragma GCC diagnostic ignored "-Wunused-variable"
#define ENTRY_POINT_SPECS
#include "entry_points.h"
#pragma GCC diagnostic pop
#include "lapack.h"

typedef enum {
  JOB_GETRF,
  JOB_TRSM,
  JOB_POTRF,
  JOB_GEQRF,
  JOB_ORGQR,
  JOB_ORMQR,
  JOB_SYTRF,
  JOB_SYTRS,
  JOB_SYEVD,
  JOB_GESDD,
  JOB_GEEV
} JobRoutine;

/* One batched call: the matrices (a, [batch, m, n]), the routine's other operands and flags, and the
   workspace sizes from the query. */
typedef struct {
  JobRoutine routine;
  void *a, *b, *out, *u, *vh;
  const void *tau;
  double *pivots, *info;
  int64_t m, n, k, rows, cols, u_cols, vh_rows, jobz, lwork, liwork;
  int left, upper, transpose, unit, vectors;
  int failed; /* scratch could not be allocated */
} LapackJob;

#define T double
#define LA(name) d##name##_
#define K(name) name##_double
#include "lapack_kernels.h"
#undef T
#undef LA
#undef K
#define T float
#define LA(name) s##name##_
#define K(name) name##_float
#include "lapack_kernels.h"
#undef T
#undef LA
#undef K

/* Whether every size fits LAPACK's int, and a matrix of rows x cols has fewer than INT_MAX elements. */
static int fits_int(const char *entry, napi_env env, int64_t rows, int64_t cols) {
  int64_t count;
  if (rows > INT_MAX || cols > INT_MAX || __builtin_mul_overflow(rows, cols, &count) || count > INT_MAX) {
    throw_error(env, entry, "a %lld x %lld matrix is too large for LAPACK's 32-bit sizes", (long long)rows,
                (long long)cols);
    return 0;
  }
  return 1;
}

/* Throws unless `array` holds at least batch * per elements (an overflowing product never does). */
static int holds(napi_env env, const char *entry, const char *name, size_t length, int64_t batch, int64_t per) {
  int64_t need;
  if (!product3(batch, per, 1, &need) || (uint64_t)need > length) {
    throw_error(env, entry, "%s holds %zu elements, not %lld x %lld", name, length, (long long)batch,
                (long long)per);
    return 0;
  }
  return 1;
}

/* The workspace query, then the batch, one matrix after another on this thread as PyTorch's loop runs them.
   Not over native/parallel.c's pool: an OpenBLAS call from another thread leaves OpenBLAS's own threading
   (which splits dsytrd's symv, among others, by its thread count) changed for later calls, and eigh's
   digits with it; OpenBLAS threads inside each large matrix instead. */
static napi_value run_job(napi_env env, const char *entry, LapackJob *job, int is_double, int64_t batch) {
  if (!(is_double ? query_double(job) : query_float(job)))
    return throw_error(env, entry, "LAPACK's workspace query failed or asked for more than 2^30 elements");
  blas_threads_for_lapack();
  (is_double ? run_double : run_float)(job, 0, batch);
  if (job->failed) return throw_error(env, entry, "out of memory for LAPACK's workspace");
  return NULL;
}

napi_value lapack_getrf_entry(napi_env env, const LapackGetrfArgs *a) {
  const char *e = "lapackGetrf";
  const int64_t k = a->m < a->n ? a->m : a->n;
  if (!fits_int(e, env, a->m, a->n) || !holds(env, e, "a", a->a.length, a->batch, a->m * a->n) ||
      !holds(env, e, "pivots", a->pivots.length, a->batch, k) || !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_GETRF, .a = a->a.data, .pivots = a->pivots.data, .info = a->info.data,
                   .m = a->m, .n = a->n, .k = k};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}

napi_value lapack_trsm_entry(napi_env env, const LapackTrsmArgs *a) {
  const char *e = "lapackTrsm";
  if (a->left ? a->rows != a->n : a->cols != a->n)
    return throw_error(env, e, "a %lld x %lld triangular matrix can't solve a %s system of %lld x %lld",
                       (long long)a->n, (long long)a->n, a->left ? "left" : "right", (long long)a->rows,
                       (long long)a->cols);
  if (!fits_int(e, env, a->n, a->n) || !fits_int(e, env, a->rows, a->cols) ||
      !holds(env, e, "a", a->a.length, a->batch, a->n * a->n) ||
      !holds(env, e, "b", a->b.length, a->batch, a->rows * a->cols))
    return NULL;
  double *info = calloc((size_t)a->batch + 1, sizeof(double));
  if (info == NULL) return throw_error(env, e, "out of memory");
  LapackJob job = {.routine = JOB_TRSM, .a = a->a.data, .b = a->b.data, .info = info, .m = a->n, .n = a->n,
                   .rows = a->rows, .cols = a->cols, .left = (int)a->left, .upper = (int)a->upper,
                   .transpose = (int)a->transpose, .unit = (int)a->unit};
  napi_value result = run_job(env, e, &job, a->a.is_double, a->batch);
  free(info);
  return result;
}

napi_value lapack_potrf_entry(napi_env env, const LapackPotrfArgs *a) {
  const char *e = "lapackPotrf";
  if (!fits_int(e, env, a->n, a->n) || !holds(env, e, "a", a->a.length, a->batch, a->n * a->n) ||
      !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_POTRF, .a = a->a.data, .info = a->info.data, .m = a->n, .n = a->n,
                   .upper = (int)a->upper};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}

napi_value lapack_geqrf_entry(napi_env env, const LapackGeqrfArgs *a) {
  const char *e = "lapackGeqrf";
  const int64_t k = a->m < a->n ? a->m : a->n;
  if (!fits_int(e, env, a->m, a->n) || !holds(env, e, "a", a->a.length, a->batch, a->m * a->n) ||
      !holds(env, e, "tau", a->tau.length, a->batch, k) || !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_GEQRF, .a = a->a.data, .out = a->tau.data, .info = a->info.data, .m = a->m,
                   .n = a->n, .k = k};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}

napi_value lapack_orgqr_entry(napi_env env, const LapackOrgqrArgs *a) {
  const char *e = "lapackOrgqr";
  if (!(a->m >= a->n && a->n >= a->k))
    return throw_error(env, e, "orgqr needs m >= n >= k, not m = %lld, n = %lld, k = %lld", (long long)a->m,
                       (long long)a->n, (long long)a->k);
  if (!fits_int(e, env, a->m, a->n) || !holds(env, e, "a", a->a.length, a->batch, a->m * a->n) ||
      !holds(env, e, "tau", a->tau.length, a->batch, a->k) || !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_ORGQR, .a = a->a.data, .tau = a->tau.data, .info = a->info.data, .m = a->m,
                   .n = a->n, .k = a->k};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}

napi_value lapack_ormqr_entry(napi_env env, const LapackOrmqrArgs *a) {
  const char *e = "lapackOrmqr";
  const int64_t order = a->left ? a->rows : a->cols;
  if (!(order == a->m && a->k <= a->n && a->k <= a->m))
    return throw_error(env, e, "a [%lld, %lld] with k = %lld reflectors can't multiply a %s [%lld, %lld] matrix",
                       (long long)a->m, (long long)a->n, (long long)a->k, a->left ? "left" : "right",
                       (long long)a->rows, (long long)a->cols);
  if (!fits_int(e, env, a->m, a->n) || !fits_int(e, env, a->rows, a->cols) ||
      !holds(env, e, "a", a->a.length, a->batch, a->m * a->n) || !holds(env, e, "tau", a->tau.length, a->batch, a->k) ||
      !holds(env, e, "c", a->c.length, a->batch, a->rows * a->cols) ||
      !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_ORMQR, .a = a->a.data, .tau = a->tau.data, .b = a->c.data, .info = a->info.data,
                   .m = a->m, .n = a->n, .k = a->k, .rows = a->rows, .cols = a->cols, .left = (int)a->left,
                   .transpose = (int)a->transpose};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}

napi_value lapack_sytrf_entry(napi_env env, const LapackSytrfArgs *a) {
  const char *e = "lapackSytrf";
  if (!fits_int(e, env, a->n, a->n) || !holds(env, e, "a", a->a.length, a->batch, a->n * a->n) ||
      !holds(env, e, "pivots", a->pivots.length, a->batch, a->n) || !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_SYTRF, .a = a->a.data, .pivots = a->pivots.data, .info = a->info.data, .m = a->n,
                   .n = a->n};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}

napi_value lapack_sytrs_entry(napi_env env, const LapackSytrsArgs *a) {
  const char *e = "lapackSytrs";
  if (!fits_int(e, env, a->n, a->n) || !fits_int(e, env, a->n, a->nrhs) ||
      !holds(env, e, "a", a->a.length, a->batch, a->n * a->n) ||
      !holds(env, e, "pivots", a->pivots.length, a->batch, a->n) ||
      !holds(env, e, "b", a->b.length, a->batch, a->n * a->nrhs) || !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_SYTRS, .a = a->a.data, .b = a->b.data, .pivots = a->pivots.data,
                   .info = a->info.data, .m = a->n, .n = a->n, .rows = a->n, .cols = a->nrhs};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}

napi_value lapack_syevd_entry(napi_env env, const LapackSyevdArgs *a) {
  const char *e = "lapackSyevd";
  if (!fits_int(e, env, a->n, a->n) || !holds(env, e, "a", a->a.length, a->batch, a->n * a->n) ||
      !holds(env, e, "w", a->w.length, a->batch, a->n) || !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_SYEVD, .a = a->a.data, .out = a->w.data, .info = a->info.data, .m = a->n,
                   .n = a->n, .upper = (int)a->upper, .vectors = (int)a->vectors};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}

napi_value lapack_gesdd_entry(napi_env env, const LapackGesddArgs *a) {
  const char *e = "lapackGesdd";
  if (a->jobz > 2)
    return throw_error(env, e, "jobz is 0 (values), 1 (reduced) or 2 (full), not %lld", (long long)a->jobz);
  const int64_t k = a->m < a->n ? a->m : a->n;
  const int64_t u_cols = a->jobz == 2 ? a->m : a->jobz == 1 ? k : 0;
  const int64_t vh_rows = a->jobz == 2 ? a->n : a->jobz == 1 ? k : 0;
  if (!fits_int(e, env, a->m, a->n) || !fits_int(e, env, a->m, a->m) || !fits_int(e, env, a->n, a->n) ||
      !holds(env, e, "a", a->a.length, a->batch, a->m * a->n) || !holds(env, e, "s", a->s.length, a->batch, k) ||
      !holds(env, e, "u", a->u.length, a->batch, a->m * u_cols) ||
      !holds(env, e, "vh", a->vh.length, a->batch, vh_rows * a->n) ||
      !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_GESDD, .a = a->a.data, .out = a->s.data, .u = a->u.data, .vh = a->vh.data,
                   .info = a->info.data, .m = a->m, .n = a->n, .k = k, .u_cols = u_cols, .vh_rows = vh_rows,
                   .jobz = a->jobz};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}

napi_value lapack_geev_entry(napi_env env, const LapackGeevArgs *a) {
  const char *e = "lapackGeev";
  if (!fits_int(e, env, a->n, a->n) || !holds(env, e, "a", a->a.length, a->batch, a->n * a->n) ||
      !holds(env, e, "wr", a->wr.length, a->batch, a->n) || !holds(env, e, "wi", a->wi.length, a->batch, a->n) ||
      !holds(env, e, "vr", a->vr.length, a->batch, a->vectors ? a->n * a->n : 0) ||
      !holds(env, e, "info", a->info.length, a->batch, 1))
    return NULL;
  LapackJob job = {.routine = JOB_GEEV, .a = a->a.data, .out = a->wr.data, .b = a->wi.data, .u = a->vr.data,
                   .info = a->info.data, .m = a->n, .n = a->n, .vectors = (int)a->vectors};
  return run_job(env, e, &job, a->a.is_double, a->batch);
}
