/* One float type's batched LAPACK kernels, included by native/lapack.c once per type with T (float or double),
   LA(name) (the Fortran symbol: s##name##_ or d##name##_) and K(name) (this file's function names) defined.
   Each kernel runs the batch items [begin, end) of a LapackJob, each on a column-major copy of its row-major
   matrix (the layout PyTorch hands LAPACK), with scratch it allocates once for the range. */

void LA(getrf)(const int *m, const int *n, T *a, const int *lda, int *ipiv, int *info);
void LA(potrf)(const char *uplo, const int *n, T *a, const int *lda, int *info, size_t uplo_len);
void LA(trsm)(const char *side, const char *uplo, const char *transa, const char *diag, const int *m, const int *n,
              const T *alpha, const T *a, const int *lda, T *b, const int *ldb, size_t side_len, size_t uplo_len,
              size_t transa_len, size_t diag_len);
void LA(geqrf)(const int *m, const int *n, T *a, const int *lda, T *tau, T *work, const int *lwork, int *info);
void LA(orgqr)(const int *m, const int *n, const int *k, T *a, const int *lda, const T *tau, T *work,
               const int *lwork, int *info);
void LA(ormqr)(const char *side, const char *trans, const int *m, const int *n, const int *k, const T *a,
               const int *lda, const T *tau, T *c, const int *ldc, T *work, const int *lwork, int *info,
               size_t side_len, size_t trans_len);
void LA(sytrf)(const char *uplo, const int *n, T *a, const int *lda, int *ipiv, T *work, const int *lwork, int *info,
               size_t uplo_len);
void LA(sytrs)(const char *uplo, const int *n, const int *nrhs, const T *a, const int *lda, const int *ipiv, T *b,
               const int *ldb, int *info, size_t uplo_len);
void LA(syevd)(const char *jobz, const char *uplo, const int *n, T *a, const int *lda, T *w, T *work,
               const int *lwork, int *iwork, const int *liwork, int *info, size_t jobz_len, size_t uplo_len);
void LA(gesdd)(const char *jobz, const int *m, const int *n, T *a, const int *lda, T *s, T *u, const int *ldu, T *vt,
               const int *ldvt, T *work, const int *lwork, int *iwork, int *info, size_t jobz_len);
void LA(geev)(const char *jobvl, const char *jobvr, const int *n, T *a, const int *lda, T *wr, T *wi, T *vl,
              const int *ldvl, T *vr, const int *ldvr, T *work, const int *lwork, int *info, size_t jobvl_len,
              size_t jobvr_len);

/* col[j * rows + i] = src[i * cols + j]: a row-major [rows, cols] matrix in column-major order. */
static void K(to_columns)(const T *src, int64_t rows, int64_t cols, T *col) {
  for (int64_t j = 0; j < cols; j++)
    for (int64_t i = 0; i < rows; i++) col[j * rows + i] = src[i * cols + j];
}

static void K(from_columns)(const T *col, int64_t rows, int64_t cols, T *dst) {
  for (int64_t i = 0; i < rows; i++)
    for (int64_t j = 0; j < cols; j++) dst[i * cols + j] = col[j * rows + i];
}

static int K(lead)(int64_t rows) { return rows > 1 ? (int)rows : 1; }

/* The optimal lwork (and liwork) of the job's routine from LAPACK's workspace query, as PyTorch asks for it;
   0 when it does not fit in an int. */
static int K(query)(LapackJob *job) {
  T a[1] = {0}, t[1] = {0}, work[1] = {0}, u[1] = {0}, vt[1] = {0};
  int iwork[1] = {0}, info = 0, query = -1, m = (int)job->m, n = (int)job->n, k = (int)job->k;
  const int lda = K(lead)(job->m);
  switch (job->routine) {
    case JOB_GEQRF: LA(geqrf)(&m, &n, a, &lda, t, work, &query, &info); break;
    case JOB_ORGQR: LA(orgqr)(&m, &n, &k, a, &lda, t, work, &query, &info); break;
    case JOB_SYEVD:
      LA(syevd)(job->vectors ? "V" : "N", job->upper ? "U" : "L", &n, a, &lda, t, work, &query, iwork, &query, &info,
                1, 1);
      break;
    case JOB_ORMQR: {
      const int rows = (int)job->rows, cols = (int)job->cols, ldc = K(lead)(job->rows);
      LA(ormqr)(job->left ? "L" : "R", job->transpose ? "T" : "N", &rows, &cols, &k, a, &lda, t, u, &ldc, work, &query,
                &info, 1, 1);
      break;
    }
    case JOB_SYTRF: LA(sytrf)("L", &n, a, &lda, iwork, work, &query, &info, 1); break;
    case JOB_GESDD: {
      const char *jobz = job->jobz == 2 ? "A" : job->jobz == 1 ? "S" : "N";
      const int ldu = K(lead)(job->m), ldvt = K(lead)(job->vh_rows);
      LA(gesdd)(jobz, &m, &n, a, &lda, t, u, &ldu, vt, &ldvt, work, &query, iwork, &info, 1);
      break;
    }
    case JOB_GEEV: {
      /* PyTorch's apply_linalg_eig: jobvl 'N', ldvl 1, ldvr n with vectors, else 1. */
      const int ldv = job->vectors ? K(lead)(job->n) : 1, one = 1;
      LA(geev)("N", job->vectors ? "V" : "N", &n, a, &lda, t, t, u, &one, vt, &ldv, work, &query, &info, 1, 1);
      break;
    }
    default: return 1;
  }
  if (info != 0 || !(work[0] >= 0) || work[0] > (T)INT_MAX / 2) return 0;
  job->lwork = work[0] < 1 ? 1 : (int64_t)work[0];
  job->liwork = iwork[0] < 1 ? 1 : iwork[0];
  return 1;
}

static void K(run)(LapackJob *job, int64_t begin, int64_t end) {
  const int64_t m = job->m, n = job->n, k = job->k, mn = m * n;
  const int im = (int)m, in = (int)n, ik = (int)k, lda = K(lead)(m);
  /* Scratch: the matrix, a second matrix (trsm's B, gesdd's U and Vt), LAPACK's work; int scratch. */
  const int64_t second = job->routine == JOB_TRSM || job->routine == JOB_ORMQR || job->routine == JOB_SYTRS
                             ? job->rows * job->cols
                         : job->routine == JOB_GESDD ? m * job->u_cols + job->vh_rows * n
                         : job->routine == JOB_GEEV  ? (job->vectors ? n * n : 1)
                                                     : 0;
  const int64_t ints = job->routine == JOB_GETRF                                ? k
                       : job->routine == JOB_GESDD                              ? 8 * k
                       : job->routine == JOB_SYTRF || job->routine == JOB_SYTRS ? n
                                                                                : job->liwork;
  T *scratch = malloc(sizeof(T) * (size_t)(mn + second + job->lwork + 1));
  int *iscratch = malloc(sizeof(int) * (size_t)(ints + 1));
  if (scratch == NULL || iscratch == NULL) {
    free(scratch);
    free(iscratch);
    job->failed = 1;
    return;
  }
  T *col = scratch, *col2 = scratch + mn, *work = scratch + mn + second;
  const int lwork = (int)job->lwork, liwork = (int)job->liwork;
  T *a_all = job->a;
  for (int64_t t = begin; t < end; t++) {
    T *a = a_all + t * mn;
    int info = 0;
    switch (job->routine) {
      case JOB_GETRF:
        K(to_columns)(a, m, n, col);
        LA(getrf)(&im, &in, col, &lda, iscratch, &info);
        K(from_columns)(col, m, n, a);
        for (int64_t i = 0; i < k; i++) job->pivots[t * k + i] = iscratch[i];
        break;
      case JOB_TRSM: {
        const int rows = (int)job->rows, cols = (int)job->cols, ldb = K(lead)(job->rows), ldn = K(lead)(n);
        const T one = 1;
        T *b = (T *)job->b + t * job->rows * job->cols;
        K(to_columns)(a, n, n, col);
        K(to_columns)(b, job->rows, job->cols, col2);
        LA(trsm)(job->left ? "L" : "R", job->upper ? "U" : "L", job->transpose ? "T" : "N", job->unit ? "U" : "N",
                 &rows, &cols, &one, col, &ldn, col2, &ldb, 1, 1, 1, 1);
        K(from_columns)(col2, job->rows, job->cols, b);
        break;
      }
      case JOB_POTRF:
        K(to_columns)(a, n, n, col);
        LA(potrf)(job->upper ? "U" : "L", &in, col, &lda, &info, 1);
        K(from_columns)(col, n, n, a);
        /* PyTorch zeroes the triangle potrf leaves alone (triu_ / tril_ after the call). */
        for (int64_t i = 0; i < n; i++)
          for (int64_t j = 0; j < n; j++)
            if (job->upper ? j < i : j > i) a[i * n + j] = 0;
        break;
      case JOB_GEQRF:
        K(to_columns)(a, m, n, col);
        LA(geqrf)(&im, &in, col, &lda, (T *)job->out + t * k, work, &lwork, &info);
        K(from_columns)(col, m, n, a);
        break;
      case JOB_ORGQR:
        K(to_columns)(a, m, n, col);
        LA(orgqr)(&im, &in, &ik, col, &lda, (const T *)job->tau + t * k, work, &lwork, &info);
        K(from_columns)(col, m, n, a);
        break;
      case JOB_ORMQR: {
        const int rows = (int)job->rows, cols = (int)job->cols, ldc = K(lead)(job->rows);
        T *c = (T *)job->b + t * job->rows * job->cols;
        K(to_columns)(a, m, n, col);
        K(to_columns)(c, job->rows, job->cols, col2);
        LA(ormqr)(job->left ? "L" : "R", job->transpose ? "T" : "N", &rows, &cols, &ik, col, &lda,
                  (const T *)job->tau + t * k, col2, &ldc, work, &lwork, &info, 1, 1);
        K(from_columns)(col2, job->rows, job->cols, c);
        break;
      }
      case JOB_SYTRF:
        K(to_columns)(a, n, n, col);
        LA(sytrf)("L", &in, col, &lda, iscratch, work, &lwork, &info, 1);
        K(from_columns)(col, n, n, a);
        for (int64_t i = 0; i < n; i++) job->pivots[t * n + i] = iscratch[i];
        break;
      case JOB_SYTRS: {
        const int nrhs = (int)job->cols, ldb = K(lead)(n);
        T *b = (T *)job->b + t * n * job->cols;
        for (int64_t i = 0; i < n; i++) {
          const double p = job->pivots[t * n + i];
          /* A pivot that names no row would make sytrs index outside the matrix: refuse it (info -6). */
          if (!(p >= -n && p <= n && p != 0 && p == (double)(int)p)) info = -6;
          iscratch[i] = info == 0 ? (int)p : 1;
        }
        if (info != 0) break;
        K(to_columns)(a, n, n, col);
        K(to_columns)(b, n, job->cols, col2);
        LA(sytrs)("L", &in, &nrhs, col, &lda, iscratch, col2, &ldb, &info, 1);
        K(from_columns)(col2, n, job->cols, b);
        break;
      }
      case JOB_SYEVD:
        K(to_columns)(a, n, n, col);
        LA(syevd)(job->vectors ? "V" : "N", job->upper ? "U" : "L", &in, col, &lda, (T *)job->out + t * n, work,
                  &lwork, iscratch, &liwork, &info, 1, 1);
        if (job->vectors) K(from_columns)(col, n, n, a);
        break;
      case JOB_GEEV: {
        /* dgeev('N', 'V' or 'N') on the column-major copy; wr and wi [batch, n], vr [batch, n, n] row-major. */
        const int ldv = job->vectors ? lda : 1, one = 1;
        T vl[1];
        K(to_columns)(a, n, n, col);
        LA(geev)("N", job->vectors ? "V" : "N", &in, col, &lda, (T *)job->out + t * n, (T *)job->b + t * n, vl, &one,
                 col2, &ldv, work, &lwork, &info, 1, 1);
        if (job->vectors) K(from_columns)(col2, n, n, (T *)job->u + t * mn);
        break;
      }
      case JOB_GESDD: {
        const char *jobz = job->jobz == 2 ? "A" : job->jobz == 1 ? "S" : "N";
        const int ldu = K(lead)(m), ldvt = K(lead)(job->vh_rows);
        T *cu = col2, *cvt = col2 + m * job->u_cols;
        K(to_columns)(a, m, n, col);
        LA(gesdd)(jobz, &im, &in, col, &lda, (T *)job->out + t * k, cu, &ldu, cvt, &ldvt, work, &lwork, iscratch,
                  &info, 1);
        if (job->jobz != 0) {
          K(from_columns)(cu, m, job->u_cols, (T *)job->u + t * m * job->u_cols);
          K(from_columns)(cvt, job->vh_rows, n, (T *)job->vh + t * job->vh_rows * n);
        }
        break;
      }
    }
    job->info[t] = info;
  }
  free(scratch);
  free(iscratch);
}
