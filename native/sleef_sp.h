/* SLEEF 3.5's float32 logf and tanhf as PyTorch's AVX2 build calls them (Sleef_logf8_u10, Sleef_tanhf8_u10:
   xlogf_u1 and xtanhf of sleefsimdsp.c with df.h's FMA arithmetic), one lane at a time, the same operations
   as src/backend/js/sleef_sp.ts. Written without branches on the value where SLEEF has none (selects), so a
   SIMD_CLONES loop can vectorize them; -ffp-contract=off keeps every fmaf explicit. */
#ifndef TENSORGRAD_SLEEF_SP_H
#define TENSORGRAD_SLEEF_SP_H
#include <math.h>
#include <stdint.h>
#include <string.h>

#define SP_INLINE static inline __attribute__((always_inline))

typedef struct {
  float x, y;
} df2;

SP_INLINE int32_t sp_bits(float f) {
  int32_t i;
  memcpy(&i, &f, sizeof i);
  return i;
}
SP_INLINE float sp_float(int32_t i) {
  float f;
  memcpy(&f, &i, sizeof f);
  return f;
}
/* x86 cvtps2dq: round half to even, INT32_MIN for NaN and out-of-range values. */
SP_INLINE int32_t sp_rint_int(float x) {
  return (x >= -2147483648.0f && x < 2147483648.0f) ? (int32_t)rintf(x) : INT32_MIN;
}
SP_INLINE float sp_mulsign(float x, float y) { return sp_float(sp_bits(x) ^ (sp_bits(y) & (int32_t)0x80000000)); }
SP_INLINE int32_t sp_ilogb2k(float d) { return ((sp_bits(d) >> 23) & 0xff) - 0x7f; }
SP_INLINE float sp_ldexp3(float d, int32_t q) { return sp_float((int32_t)((uint32_t)sp_bits(d) + ((uint32_t)q << 23))); }
SP_INLINE float sp_pow2i(int32_t q) { return sp_float((int32_t)((uint32_t)(q + 0x7f) << 23)); }
SP_INLINE float sp_ldexp2(float d, int32_t e) { return (d * sp_pow2i(e >> 1)) * sp_pow2i(e - (e >> 1)); }

SP_INLINE df2 df(float x, float y) {
  df2 r = {x, y};
  return r;
}
SP_INLINE df2 df_add2_f_f(float x, float y) {
  float s = x + y, v = s - x;
  return df(s, (x - (s - v)) + (y - v));
}
SP_INLINE df2 df_add2_f2_f(df2 x, float y) {
  float s = x.x + y, v = s - x.x;
  float t = (x.x - (s - v)) + (y - v);
  return df(s, t + x.y);
}
SP_INLINE df2 df_add2_f2_f2(df2 x, df2 y) {
  float s = x.x + y.x, v = s - x.x;
  float t = (x.x - (s - v)) + (y.x - v);
  return df(s, t + (x.y + y.y));
}
SP_INLINE df2 df_add_f_f2(float x, df2 y) {
  float s = x + y.x;
  return df(s, ((x - s) + y.x) + y.y);
}
SP_INLINE df2 df_add_f2_f(df2 x, float y) {
  float s = x.x + y;
  return df(s, ((x.x - s) + y) + x.y);
}
SP_INLINE df2 df_add_f2_f2(df2 x, df2 y) {
  float s = x.x + y.x;
  return df(s, (((x.x - s) + y.x) + x.y) + y.y);
}
SP_INLINE df2 df_div(df2 n, df2 d) {
  float t = 1.0f / d.x, s = n.x * t;
  float u = fmaf(t, n.x, -s);
  float v = fmaf(-d.y, t, fmaf(-d.x, t, 1.0f));
  return df(s, fmaf(s, v, fmaf(n.y, t, u)));
}
SP_INLINE df2 df_squ(df2 x) {
  float s = x.x * x.x;
  return df(s, fmaf(x.x + x.x, x.y, fmaf(x.x, x.x, -s)));
}
SP_INLINE df2 df_mul_f2_f2(df2 x, df2 y) {
  float s = x.x * y.x;
  return df(s, fmaf(x.x, y.y, fmaf(x.y, y.x, fmaf(x.x, y.x, -s))));
}
SP_INLINE df2 df_mul_f2_f(df2 x, float y) {
  float s = x.x * y;
  return df(s, fmaf(x.y, y, fmaf(x.x, y, -s)));
}
SP_INLINE df2 df_rec_f2(df2 d) {
  float s = 1.0f / d.x;
  return df(s, s * fmaf(-d.y, s, fmaf(-d.x, s, 1.0f)));
}

/* Sleef_logf8_u10 on one lane. */
SP_INLINE float sleef_logf(float d) {
  const int tiny = d < 1.17549435e-38f; /* FLT_MIN */
  float dd = tiny ? d * 18446744073709551616.0f : d;
  int32_t e = sp_ilogb2k(dd * (1.0f / 0.75f));
  float m = sp_ldexp3(dd, -e);
  e = tiny ? e - 64 : e;
  df2 s = df_mul_f2_f(df(0.69314718246459960938f, -1.904654323148236017e-09f), (float)e);
  df2 x = df_div(df_add2_f_f(-1.0f, m), df_add2_f_f(1.0f, m));
  float x2 = x.x * x.x;
  float t = 0.3027294874e+0f;
  t = fmaf(t, x2, 0.3996108174e+0f);
  t = fmaf(t, x2, 0.6666694880e+0f);
  s = df_add_f2_f2(s, df(x.x * 2.0f, x.y * 2.0f));
  s = df_add_f2_f(s, (x2 * x.x) * t);
  float r = s.x + s.y;
  r = dd == INFINITY ? INFINITY : r;
  r = (dd < 0.0f || dd != dd) ? NAN : r;
  return dd == 0.0f ? -INFINITY : r;
}

/* expk2f: exp of a float pair, as a pair. */
SP_INLINE df2 sleef_expk2f(df2 d) {
  const float u0 = (d.x + d.y) * 1.442695040888963407359924681001892137426645954152985934135449406931f;
  const int32_t q = sp_rint_int(u0);
  df2 s = df_add2_f2_f(d, (float)q * -0.693145751953125f);
  s = df_add2_f2_f(s, (float)q * -1.428606765330187045e-06f);
  float u = +0.1980960224e-3f;
  u = fmaf(u, s.x, +0.1394256484e-2f);
  u = fmaf(u, s.x, +0.8333456703e-2f);
  u = fmaf(u, s.x, +0.4166637361e-1f);
  df2 t = df_add2_f2_f(df_mul_f2_f(s, u), +0.166666659414234244790680580464e+0f);
  t = df_add2_f2_f(df_mul_f2_f2(s, t), 0.5f);
  t = df_add2_f2_f2(s, df_mul_f2_f2(df_squ(s), t));
  t = df_add_f_f2(1.0f, t);
  const int under = d.x < -104.0f;
  return df(under ? 0.0f : sp_ldexp2(t.x, q), under ? 0.0f : sp_ldexp2(t.y, q));
}

/* Sleef_tanhf8_u10 on one lane. */
SP_INLINE float sleef_tanhf(float x) {
  const float ax = fabsf(x);
  df2 d = sleef_expk2f(df(ax, 0.0f));
  df2 e = df_rec_f2(d);
  d = df_div(df_add_f2_f2(d, df(-e.x, -e.y)), df_add_f2_f2(d, e));
  float y = d.x + d.y;
  y = (ax > 8.664339742f || y != y) ? 1.0f : y;
  y = sp_mulsign(y, x);
  return x != x ? NAN : y;
}

#endif
