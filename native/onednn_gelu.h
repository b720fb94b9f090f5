/* GELU (erf form) as oneDNN 2.6's JIT eltwise kernel computes it, the operations of
   src/backend/js/onednn.ts: PyTorch 1.13 hands a contiguous float32 input of more than one element to oneDNN
   (ideep eltwise_gelu_erf). Abramowitz-Stegun erf with oneDNN's own exp polynomial; fmaf where the JIT emits
   vfmadd (-ffp-contract=off keeps every other operation rounded on its own). */
#ifndef TENSORGRAD_ONEDNN_GELU_H
#define TENSORGRAD_ONEDNN_GELU_H
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "simd.h"

static ALWAYS_INLINE float onednn_bits(uint32_t i) {
  float f;
  memcpy(&f, &i, sizeof f);
  return f;
}

/* exp_compute_vector_fwd: 2 * 2^(n-1) * p(r), zero below log(FLT_MIN); NaN stays NaN. */
static ALWAYS_INLINE float onednn_exp(float x) {
  const float ln_flt_max = onednn_bits(0x42b17218), ln_flt_min = onednn_bits(0xc2aeac50);
  const int under = x < ln_flt_min;
  if (x > ln_flt_max) x = ln_flt_max;
  if (x < ln_flt_min) x = ln_flt_min;
  const float fx = floorf(x * onednn_bits(0x3fb8aa3b) + 0.5f);
  const float r = fmaf(-fx, onednn_bits(0x3f317218), x);
  /* 2^(n-1) from exponent bits: a zero field (n - 1 = -127) gives 0, not 2^-127. */
  const float pow2 = (under || fx - 1 <= -127) ? 0.0f : isnan(fx) ? fx : ldexpf(1.0f, (int)fx - 1);
  float y = onednn_bits(0x3c07cfce);
  y = fmaf(y, r, onednn_bits(0x3d2b9d0d));
  y = fmaf(y, r, onednn_bits(0x3e2aad40));
  y = fmaf(y, r, onednn_bits(0x3efffee3));
  y = fmaf(y, r, onednn_bits(0x3f7ffffb));
  y = fmaf(y, r, 1.0f);
  return y * pow2 * 2.0f;
}

/* The A-S erf for x (its constants the float nearest to the double ones, as onednn.ts rounds them), given q = -exp(-x^2) and t = 1 / (p|x| + 1). */
static ALWAYS_INLINE float onednn_erf_from(float x, float q, float t) {
  float r = (float)1.061405429;
  r = fmaf(r, t, (float)-1.453152027);
  r = fmaf(r, t, (float)1.421413741);
  r = fmaf(r, t, (float)-0.284496736);
  r = fmaf(r, t, (float)0.254829592);
  const float e = fmaf(q * t, r, 1.0f);
  return (x < 0 || (x == 0 && signbit(x))) ? -e : e;
}

/* gelu_erf_compute_vector_fwd: S + S * erf(s / sqrt 2) with S = s / 2. */
static ALWAYS_INLINE float onednn_gelu(float s) {
  const float x = s * onednn_bits(0x3f3504f3);
  const float q = -onednn_exp(-(x * x));
  const float t = 1.0f / fmaf((float)0.3275911, fabsf(x), 1.0f);
  const float half = s * 0.5f;
  return fmaf(onednn_erf_from(x, q, t), half, half);
}

/* gelu_erf_compute_vector_bwd: d gelu / ds = 0.5 + x exp(-x^2) / sqrt(pi) + 0.5 erf(x), x = s / sqrt 2. */
static ALWAYS_INLINE float onednn_gelu_derivative(float s) {
  const float x = s * onednn_bits(0x3f3504f3);
  const float q = onednn_exp(-(x * x));
  const float t1 = x * onednn_bits(0x3f106eba) * q;
  const float w = 1.0f / fmaf((float)0.3275911, fabsf(x), 1.0f);
  const float erf = onednn_erf_from(x, -q, w);
  return fmaf(erf, 0.5f, t1 + 0.5f);
}

#endif
