/* GELU (erf form) as oneDNN 2.6's JIT eltwise kernel computes it, the operations of
   src/backend/js/onednn.ts: PyTorch 1.13 hands a contiguous float32 input of more than one element to oneDNN
   (ideep eltwise_gelu_erf). Abramowitz-Stegun erf with oneDNN's own exp polynomial; fmaf where the JIT emits
   vfmadd (-ffp-contract=off keeps every other operation rounded on its own). */
#ifndef TENSORGRAD_ONEDNN_GELU_H
#define TENSORGRAD_ONEDNN_GELU_H
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
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


/* The scalar loops, compiled as they always were (a SIMD_CLONES loop of their own; inlined into the
   intrinsics' functions the compiler ordered NaN operands differently, flipping some NaNs' sign). */
__attribute__((noinline, unused)) SIMD_CLONES static void onednn_gelu_scalar(const float *a, float *o, int64_t n) {
  for (int64_t i = 0; i < n; i++) o[i] = onednn_gelu(a[i]);
}

__attribute__((noinline, unused)) SIMD_CLONES static void onednn_gelu_backward_scalar(const float *g, const float *x,
                                                                                      float *o, int64_t n) {
  for (int64_t i = 0; i < n; i++) o[i] = onednn_gelu_derivative(x[i]) * g[i];
}

/* The dense float32 loops: whole 16- (AVX-512) or 8-lane (AVX2 + FMA) blocks through explicit intrinsics in the
   scalar code's order (fmadd exactly where it calls fmaf, every other step rounded on its own), chosen when
   called; a block holding a non-finite input (or a NaN gradient) and the tail take the scalar code above, so
   NaN payloads are the scalar code's too. test/backend/onednn_gelu_simd.test.ts samples the bit patterns. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#define ONEDNN_GELU_X86 1

/* Step for step the scalar code above on finite inputs: min/max are its clamps, fnmadd(fx, ln2, x) its
   fmaf(-fx, ln2, x) (one rounding either way), the exponent-field power its ldexpf, xor with -0 its negations. */
#define ONEDNN_VEC_BODY(V, P, mul, add, sub, div, fmadd, fnmadd, set1, floor, vxor, vand, vandnot, zero_if)   \
  static ALWAYS_INLINE V onednn_exp_##P(V x) {                                                                \
    const V ln_flt_max = set1(onednn_bits(0x42b17218)), ln_flt_min = set1(onednn_bits(0xc2aeac50));           \
    const V one = set1(1.0f);                                                                                 \
    const V x0 = x;                                                                                           \
    x = P##_min(x, ln_flt_max);                                                                               \
    x = P##_max(x, ln_flt_min);                                                                               \
    const V fx = floor(add(mul(x, set1(onednn_bits(0x3fb8aa3b))), set1(0.5f)));                               \
    const V r = fnmadd(fx, set1(onednn_bits(0x3f317218)), x);                                                 \
    const V pow2 = zero_if(P##_lt(x0, ln_flt_min), P##_le(sub(fx, one), set1(-127.0f)), P##_pow2(fx));        \
    V y = set1(onednn_bits(0x3c07cfce));                                                                      \
    y = fmadd(y, r, set1(onednn_bits(0x3d2b9d0d)));                                                           \
    y = fmadd(y, r, set1(onednn_bits(0x3e2aad40)));                                                           \
    y = fmadd(y, r, set1(onednn_bits(0x3efffee3)));                                                           \
    y = fmadd(y, r, set1(onednn_bits(0x3f7ffffb)));                                                           \
    y = fmadd(y, r, one);                                                                                     \
    return mul(mul(y, pow2), set1(2.0f));                                                                     \
  }                                                                                                           \
  static ALWAYS_INLINE V onednn_erf_from_##P(V x, V q, V t) {                                                 \
    V r = set1((float)1.061405429);                                                                           \
    r = fmadd(r, t, set1((float)-1.453152027));                                                               \
    r = fmadd(r, t, set1((float)1.421413741));                                                                \
    r = fmadd(r, t, set1((float)-0.284496736));                                                               \
    r = fmadd(r, t, set1((float)0.254829592));                                                                \
    const V e = fmadd(mul(q, t), r, set1(1.0f));                                                              \
    return vxor(e, vand(x, set1(-0.0f))); /* finite x: -e exactly when x's sign bit is set */                 \
  }                                                                                                           \
  static ALWAYS_INLINE V onednn_t_##P(V x) {                                                                  \
    return div(set1(1.0f), fmadd(set1((float)0.3275911), vandnot(set1(-0.0f), x), set1(1.0f)));               \
  }                                                                                                           \
  static ALWAYS_INLINE V onednn_gelu_##P(V s) {                                                               \
    const V x = mul(s, set1(onednn_bits(0x3f3504f3)));                                                        \
    const V q = vxor(onednn_exp_##P(vxor(mul(x, x), set1(-0.0f))), set1(-0.0f));                              \
    const V half = mul(s, set1(0.5f));                                                                        \
    return fmadd(onednn_erf_from_##P(x, q, onednn_t_##P(x)), half, half);                                     \
  }                                                                                                           \
  static ALWAYS_INLINE V onednn_gelu_derivative_##P(V s) {                                                    \
    const V x = mul(s, set1(onednn_bits(0x3f3504f3)));                                                        \
    const V q = onednn_exp_##P(vxor(mul(x, x), set1(-0.0f)));                                                 \
    const V t1 = mul(mul(x, set1(onednn_bits(0x3f106eba))), q);                                               \
    const V erf = onednn_erf_from_##P(x, vxor(q, set1(-0.0f)), onednn_t_##P(x));                              \
    return fmadd(erf, set1(0.5f), add(t1, set1(0.5f)));                                                       \
  }

/* AVX2 + FMA, 8 lanes. */
#define onednn_avx2_min _mm256_min_ps
#define onednn_avx2_max _mm256_max_ps
#define onednn_avx2_lt(a, b) _mm256_cmp_ps(a, b, _CMP_LT_OQ)
#define onednn_avx2_le(a, b) _mm256_cmp_ps(a, b, _CMP_LE_OQ)
/* 2^(fx - 1) from its exponent field; fx is an integer in [-126, 128] after the clamp. */
#define onednn_avx2_pow2(fx) \
  _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(_mm256_cvttps_epi32(fx), _mm256_set1_epi32(126)), 23))
#define onednn_avx2_zero_if(m1, m2, v) _mm256_andnot_ps(_mm256_or_ps(m1, m2), v)
#define onednn_avx2_floor(v) _mm256_round_ps(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)
#pragma GCC push_options
#pragma GCC target("avx2,fma")
ONEDNN_VEC_BODY(__m256, onednn_avx2, _mm256_mul_ps, _mm256_add_ps, _mm256_sub_ps, _mm256_div_ps, _mm256_fmadd_ps,
                _mm256_fnmadd_ps, _mm256_set1_ps, onednn_avx2_floor, _mm256_xor_ps, _mm256_and_ps, _mm256_andnot_ps,
                onednn_avx2_zero_if)
#pragma GCC pop_options

/* A lane mask of the inputs whose exponent field is all ones (inf, NaN). */
__attribute__((target("avx2,fma"))) static inline int onednn_nonfinite_avx2(__m256 x) {
  const __m256i e = _mm256_set1_epi32(0x7f800000);
  return _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_and_si256(_mm256_castps_si256(x), e), e)));
}

__attribute__((target("avx2,fma"), unused)) static void onednn_gelu_avx2(const float *a, float *o, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 s = _mm256_loadu_ps(a + i);
    if (onednn_nonfinite_avx2(s)) onednn_gelu_scalar(a + i, o + i, 8);
    else _mm256_storeu_ps(o + i, onednn_gelu_onednn_avx2(s));
  }
  onednn_gelu_scalar(a + i, o + i, n - i);
}

__attribute__((target("avx2,fma"), unused)) static void onednn_gelu_backward_avx2(const float *g, const float *x,
                                                                                float *o, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 s = _mm256_loadu_ps(x + i), gi = _mm256_loadu_ps(g + i);
    if (onednn_nonfinite_avx2(s) || _mm256_movemask_ps(_mm256_cmp_ps(gi, gi, _CMP_UNORD_Q)))
      onednn_gelu_backward_scalar(g + i, x + i, o + i, 8);
    else _mm256_storeu_ps(o + i, _mm256_mul_ps(onednn_gelu_derivative_onednn_avx2(s), gi));
  }
  onednn_gelu_backward_scalar(g + i, x + i, o + i, n - i);
}

/* AVX-512F, 16 lanes (float xor/and are AVX512DQ, so they go through the integer forms). */
#define onednn_avx512_min _mm512_min_ps
#define onednn_avx512_max _mm512_max_ps
#define onednn_avx512_lt(a, b) _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ)
#define onednn_avx512_le(a, b) _mm512_cmp_ps_mask(a, b, _CMP_LE_OQ)
#define onednn_avx512_pow2(fx) \
  _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(_mm512_cvttps_epi32(fx), _mm512_set1_epi32(126)), 23))
#define onednn_avx512_zero_if(m1, m2, v) _mm512_maskz_mov_ps((__mmask16)~((m1) | (m2)), v)
#define onednn_avx512_floor(v) _mm512_roundscale_ps(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)
#define onednn_avx512_bitop(op, a, b) _mm512_castsi512_ps(op(_mm512_castps_si512(a), _mm512_castps_si512(b)))
#define onednn_avx512_xor(a, b) onednn_avx512_bitop(_mm512_xor_si512, a, b)
#define onednn_avx512_and(a, b) onednn_avx512_bitop(_mm512_and_si512, a, b)
#define onednn_avx512_andnot(a, b) onednn_avx512_bitop(_mm512_andnot_si512, a, b)
#pragma GCC push_options
#pragma GCC target("avx512f")
ONEDNN_VEC_BODY(__m512, onednn_avx512, _mm512_mul_ps, _mm512_add_ps, _mm512_sub_ps, _mm512_div_ps, _mm512_fmadd_ps,
                _mm512_fnmadd_ps, _mm512_set1_ps, onednn_avx512_floor, onednn_avx512_xor, onednn_avx512_and,
                onednn_avx512_andnot, onednn_avx512_zero_if)
#pragma GCC pop_options

__attribute__((target("avx512f"))) static inline __mmask16 onednn_nonfinite_avx512(__m512 x) {
  const __m512i e = _mm512_set1_epi32(0x7f800000);
  return _mm512_cmpeq_epi32_mask(_mm512_and_si512(_mm512_castps_si512(x), e), e);
}

__attribute__((target("avx512f"), unused)) static void onednn_gelu_avx512(const float *a, float *o, int64_t n) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512 s = _mm512_loadu_ps(a + i);
    if (onednn_nonfinite_avx512(s)) onednn_gelu_scalar(a + i, o + i, 16);
    else _mm512_storeu_ps(o + i, onednn_gelu_onednn_avx512(s));
  }
  onednn_gelu_scalar(a + i, o + i, n - i);
}

__attribute__((target("avx512f"), unused)) static void onednn_gelu_backward_avx512(const float *g, const float *x,
                                                                                  float *o, int64_t n) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512 s = _mm512_loadu_ps(x + i), gi = _mm512_loadu_ps(g + i);
    if (onednn_nonfinite_avx512(s) || _mm512_cmp_ps_mask(gi, gi, _CMP_UNORD_Q))
      onednn_gelu_backward_scalar(g + i, x + i, o + i, 16);
    else _mm512_storeu_ps(o + i, _mm512_mul_ps(onednn_gelu_derivative_onednn_avx512(s), gi));
  }
  onednn_gelu_backward_scalar(g + i, x + i, o + i, n - i);
}

/* 2: AVX-512F, 1: AVX2 + FMA, 0: neither. TENSORGRAD_GELU_ISA caps it (tests and benchmarks of each path). */
static inline int onednn_gelu_isa(void) {
  static int isa = -1;
  if (isa < 0) {
    __builtin_cpu_init();
    int level = __builtin_cpu_supports("avx512f") ? 2
                : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0;
    const char *cap = getenv("TENSORGRAD_GELU_ISA");
    if (cap && cap[0] >= '0' && cap[0] <= '2' && cap[0] - '0' < level) level = cap[0] - '0';
    isa = level;
  }
  return isa;
}
#endif

/* gelu over n contiguous float32 elements. */
static inline __attribute__((unused)) void onednn_gelu_dense(const float *a, float *o, int64_t n) {
#ifdef ONEDNN_GELU_X86
  const int isa = onednn_gelu_isa();
  if (isa == 2) return onednn_gelu_avx512(a, o, n);
  if (isa == 1) return onednn_gelu_avx2(a, o, n);
#endif
  onednn_gelu_scalar(a, o, n);
}

/* gelu_backward over n contiguous float32 elements: g times the derivative at x. */
static inline __attribute__((unused)) void onednn_gelu_backward_dense(const float *g, const float *x, float *o,
                                                                      int64_t n) {
#ifdef ONEDNN_GELU_X86
  const int isa = onednn_gelu_isa();
  if (isa == 2) return onednn_gelu_backward_avx512(g, x, o, n);
  if (isa == 1) return onednn_gelu_backward_avx2(g, x, o, n);
#endif
  onednn_gelu_backward_scalar(g, x, o, n);
}

#endif
