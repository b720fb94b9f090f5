/* torch.fft's transform along one dim of a contiguous interleaved complex128 buffer [outer, n, inner], in
   place and unscaled: radix-2 Cooley-Tukey for powers of two, Bluestein's chirp-z transform otherwise. The
   loops repeat src/backend/js/fft.ts operation for operation (built with -ffp-contract=off, so no FMA), and the
   numbers that depend only on the length (twiddles, chirp, the chirp kernel's transform) come from the plan
   TypeScript computed (fftPlan in src/backend/js/fft.ts, with V8's Math.cos / Math.sin), so the native and
   TypeScript backends give the same bits. Lines run in parallel when there are enough of them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "parallel.h"

#define ENTRY_POINT_SPECS
#include "entry_points.h"

#include "fft.h"

/* The radix-2 DFT of re/im (length n, a power of two) in place, with the twiddles tw (n - 1 pairs). */
static void radix2(double *re, double *im, int64_t n, const double *tw) {
  for (int64_t i = 1, j = 0; i < n; i++) {
    int64_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      double t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (int64_t len = 2; len <= n; len <<= 1) {
    const int64_t half = len >> 1;
    const double *w = tw + 2 * (half - 1);
    for (int64_t k = 0; k < half; k++) {
      const double wr = w[2 * k], wi = w[2 * k + 1];
      for (int64_t i = k; i < n; i += len) {
        const int64_t j = i + half;
        const double xr = re[j] * wr - im[j] * wi;
        const double xi = re[j] * wi + im[j] * wr;
        re[j] = re[i] - xr;
        im[j] = im[i] - xi;
        re[i] += xr;
        im[i] += xi;
      }
    }
  }
}

/* Bluestein's transform of re/im (length n) through the length-m convolution; ar/ai are m scratch values. */
static void bluestein(double *re, double *im, int64_t n, int64_t m, const double *plan, double *ar, double *ai) {
  const double *chirp = plan, *bhat = plan + 2 * n, *fwd = plan + 2 * n + 2 * m, *inv = fwd + 2 * (m - 1);
  memset(ar, 0, (size_t)m * sizeof(double));
  memset(ai, 0, (size_t)m * sizeof(double));
  for (int64_t k = 0; k < n; k++) {
    const double cr = chirp[2 * k], ci = chirp[2 * k + 1];
    ar[k] = re[k] * cr - im[k] * ci;
    ai[k] = re[k] * ci + im[k] * cr;
  }
  radix2(ar, ai, m, fwd);
  for (int64_t k = 0; k < m; k++) {
    const double br = bhat[2 * k], bi = bhat[2 * k + 1];
    const double r = ar[k] * br - ai[k] * bi;
    ai[k] = ar[k] * bi + ai[k] * br;
    ar[k] = r;
  }
  radix2(ar, ai, m, inv);
  for (int64_t k = 0; k < n; k++) {
    const double r = ar[k] / (double)m, i = ai[k] / (double)m;
    const double cr = chirp[2 * k], ci = chirp[2 * k + 1];
    re[k] = r * cr - i * ci;
    im[k] = r * ci + i * cr;
  }
}

typedef struct {
  double *data;
  int64_t n, m, inner;
  const double *plan;
  int failed;
} FftJob;

static void fft_range(void *ctx, int64_t begin, int64_t end) {
  FftJob *job = ctx;
  const int64_t n = job->n, m = job->m, inner = job->inner;
  double *scratch = malloc((size_t)(2 * n + 2 * m) * sizeof(double));
  if (scratch == NULL) {
    job->failed = 1;
    return;
  }
  double *re = scratch, *im = scratch + n, *ar = scratch + 2 * n, *ai = ar + m;
  for (int64_t line = begin; line < end; line++) {
    const int64_t o = line / inner, i = line % inner;
    double *base = job->data + 2 * (o * n * inner + i);
    for (int64_t k = 0; k < n; k++) {
      re[k] = base[2 * k * inner];
      im[k] = base[2 * k * inner + 1];
    }
    if (m == 0) radix2(re, im, n, job->plan);
    else bluestein(re, im, n, m, job->plan, ar, ai);
    for (int64_t k = 0; k < n; k++) {
      base[2 * k * inner] = re[k];
      base[2 * k * inner + 1] = im[k];
    }
  }
  free(scratch);
}

napi_value fft_lines_entry(napi_env env, const FftLinesArgs *a) {
  const char *e = "fftLines";
  const int64_t outer = a->outer, n = a->n, inner = a->inner;
  int64_t total, lines, m = 0, plan_length;
  if (!product3(outer, n, inner, &total) || total > INT64_MAX / 2 || !dense_in_bounds(0, 2 * total, a->data.length))
    return throw_error(env, e, "data needs 2 * outer * n * inner = 2 * %lld * %lld * %lld numbers, has %zu",
                       (long long)outer, (long long)n, (long long)inner, a->data.length);
  if (n <= 1 || total == 0) return NULL;
  if ((n & (n - 1)) != 0) {
    if (n > INT64_MAX / 4) return throw_error(env, e, "n = %lld is too long", (long long)n);
    m = 1;
    while (m < 2 * n - 1) m <<= 1;
    plan_length = 2 * n + 2 * m + 4 * (m - 1);
  } else {
    plan_length = 2 * (n - 1);
  }
  if ((int64_t)a->plan.length != plan_length)
    return throw_error(env, e, "a plan of n = %lld has %lld numbers, not %zu", (long long)n, (long long)plan_length,
                       a->plan.length);
  lines = outer * inner;
  FftJob job = {(double *)a->data.data, n, m, inner, (const double *)a->plan.data, 0};
  const int64_t work = (m == 0 ? n : 3 * m) + 1;
  parallel_for(lines, 1 + 32768 / work, 1, fft_range, &job);
  if (job.failed) return throw_error(env, e, "out of memory for a line of %lld", (long long)n);
  return NULL;
}
