/* SLEEF 3.5's float64 exp, log, tanh and erf as its AVX2 build computes each lane (Sleef_expd4_u10,
   Sleef_logd4_u10, Sleef_tanhd4_u10, Sleef_erfd4_u10: xexp, xlog_u1, xtanh, xerf_u1 of sleefsimddp.c with dd.h's
   FMA pair arithmetic), the operations of src/backend/js/sleef_dp.ts, sleef_dp_log.ts and sleef_dd.ts, which
   PyTorch's Vectorized<double> calls.
   -ffp-contract=off keeps every fma explicit (exact on either SIMD_CLONES path). */
#ifndef TENSORGRAD_SLEEF_DP_H
#define TENSORGRAD_SLEEF_DP_H
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "simd.h"

#define DP_INLINE static ALWAYS_INLINE

typedef struct {
  double x, y;
} dd2;

DP_INLINE dd2 dd(double x, double y) {
  dd2 r = {x, y};
  return r;
}
DP_INLINE uint64_t dp_bits(double d) {
  uint64_t i;
  memcpy(&i, &d, sizeof i);
  return i;
}
DP_INLINE double dp_double(uint64_t i) {
  double d;
  memcpy(&d, &i, sizeof d);
  return d;
}
/* vrint_vi_vd: out-of-range and NaN lanes become INT_MIN, as cvtpd2dq gives. */
DP_INLINE int32_t dp_to_int(double x) { return fabs(x) < 2147483648.0 ? (int32_t)x : INT32_MIN; }
DP_INLINE int32_t dp_ilogb2k(double d) { return (int32_t)((dp_bits(d) >> 52) & 0x7ff) - 0x3ff; }
/* q added to the exponent field of the high word, wrapping as the 32-bit lane add does. */
DP_INLINE double dp_ldexp3(double d, int32_t q) {
  const uint64_t b = dp_bits(d);
  const uint32_t hi = (uint32_t)(b >> 32) + ((uint32_t)q << 20);
  return dp_double(((uint64_t)hi << 32) | (b & 0xffffffffu));
}
DP_INLINE double dp_pow2i(int32_t q) { return dp_double((uint64_t)((uint32_t)(q + 0x3ff) << 20) << 32); }
DP_INLINE double dp_ldexp2(double d, int32_t e) { return d * dp_pow2i(e >> 1) * dp_pow2i(e - (e >> 1)); }
DP_INLINE double dp_mulsign(double x, double y) { return signbit(y) ? -x : x; }

/* Estrin's scheme as estrin.h nests it (c from the highest power down, from index i). */
#define DP_P2(x, c, i) fma(x, (c)[i], (c)[(i) + 1])
#define DP_P4(x, x2, c, i) fma(x2, fma(x, (c)[i], (c)[(i) + 1]), fma(x, (c)[(i) + 2], (c)[(i) + 3]))
#define DP_P8(x, x2, x4, c, i) fma(x4, DP_P4(x, x2, c, i), DP_P4(x, x2, c, (i) + 4))
#define DP_POLY7(x, x2, x4, c) fma(x4, fma(x2, (c)[0], fma(x, (c)[1], (c)[2])), DP_P4(x, x2, c, 3))
#define DP_POLY10(x, x2, x4, x8, c) fma(x8, DP_P2(x, c, 0), DP_P8(x, x2, x4, c, 2))

/* dd.h's pair operations (ENABLE_FMA_DP). */
DP_INLINE dd2 ddadd2_d_d(double x, double y) {
  const double s = x + y, v = s - x;
  return dd(s, (x - (s - v)) + (y - v));
}
DP_INLINE dd2 ddadd_d2_d(dd2 x, double y) {
  const double s = x.x + y;
  return dd(s, x.x - s + y + x.y);
}
DP_INLINE dd2 ddadd2_d2_d(dd2 x, double y) {
  const double s = x.x + y, v = s - x.x;
  const double w = (x.x - (s - v)) + (y - v);
  return dd(s, w + x.y);
}
DP_INLINE dd2 ddadd_d_d2(double x, dd2 y) {
  const double s = x + y.x;
  return dd(s, x - s + y.x + y.y);
}
DP_INLINE dd2 ddadd_d2_d2(dd2 x, dd2 y) {
  const double s = x.x + y.x;
  return dd(s, x.x - s + y.x + x.y + y.y);
}
DP_INLINE dd2 ddadd2_d2_d2(dd2 x, dd2 y) {
  const double s = x.x + y.x, v = s - x.x;
  const double t = (x.x - (s - v)) + (y.x - v);
  return dd(s, t + (x.y + y.y));
}
DP_INLINE dd2 dddiv(dd2 n, dd2 d) {
  const double t = 1.0 / d.x, s = n.x * t;
  const double u = fma(t, n.x, -s);
  const double v = fma(-d.y, t, fma(-d.x, t, 1.0));
  return dd(s, fma(s, v, fma(n.y, t, u)));
}
DP_INLINE dd2 ddsqu(dd2 x) {
  const double s = x.x * x.x;
  return dd(s, fma(x.x + x.x, x.y, fma(x.x, x.x, -s)));
}
DP_INLINE dd2 ddmul_d2_d2(dd2 x, dd2 y) {
  const double s = x.x * y.x;
  return dd(s, fma(x.x, y.y, fma(x.y, y.x, fma(x.x, y.x, -s))));
}
DP_INLINE dd2 ddmul_d2_d(dd2 x, double y) {
  const double s = x.x * y;
  return dd(s, fma(x.y, y, fma(x.x, y, -s)));
}
DP_INLINE dd2 ddrec_d2(dd2 d) {
  const double s = 1.0 / d.x;
  return dd(s, s * fma(-d.y, s, fma(-d.x, s, 1.0)));
}

#define DP_R_LN2 1.442695040888963407359924681001892137426645954152985934135449406931
#define DP_L2U 0.69314718055966295651160180568695068359375
#define DP_L2L 0.28235290563031577122588448175013436025525412068e-12

static const double DP_EXP_POLY[10] = {0.2081276378237164457e-8, 0.2511210703042288022e-7, 0.2755762628169491192e-6, 0.2755723402025388239e-5, 0.2480158687479686264e-4, 0.198412698985586585e-3, 0.1388888888914497797e-2, 0.833333333331493821e-2, 0.4166666666666602598e-1, 0.1666666666666669072};
static const double DP_EXPK2_POLY[10] = {0.1602472219709932072e-9, 0.2092255183563157007e-8, 0.2505230023782644465e-7, 0.2755724800902135303e-6, 0.2755731892386044373e-5, 0.2480158735605815065e-4, 0.1984126984148071858e-3, 0.1388888888886763255e-2, 0.8333333333333347095e-2, 0.4166666666666669905e-1};
static const double DP_LOG_POLY[7] = {0.1532076988502701353, 0.1525629051003428716, 0.1818605932937785996, 0.2222214519839380009, 0.2857142932794299317, 0.399999999963525199, 0.6666666666667333541};

/* Sleef_expd4_u10 on one lane. */
DP_INLINE double sleef_exp_d(double d) {
  const double u0 = rint(d * DP_R_LN2);
  const int32_t q = dp_to_int(u0);
  double s = fma(u0, -DP_L2U, d);
  s = fma(u0, -DP_L2L, s);
  const double s2 = s * s, s4 = s2 * s2, s8 = s4 * s4;
  double u = DP_POLY10(s, s2, s4, s8, DP_EXP_POLY);
  u = fma(u, s, 0.5);
  u = fma(u, s, 1.0);
  u = fma(u, s, 1.0);
  u = dp_ldexp2(u, q);
  if (d > 709.78271114955742909217217426) u = INFINITY;
  if (d < -1000) u = 0;
  return u;
}

/* expk2: exp of a pair as a pair. */
DP_INLINE dd2 sleef_expk2(dd2 d) {
  const double dq = rint((d.x + d.y) * DP_R_LN2);
  const int32_t q = dp_to_int(dq);
  dd2 s = ddadd2_d2_d(d, dq * -DP_L2U);
  s = ddadd2_d2_d(s, dq * -DP_L2L);
  const dd2 s2 = ddsqu(s), s4 = ddsqu(s2);
  const double u = DP_POLY10(s.x, s2.x, s4.x, s4.x * s4.x, DP_EXPK2_POLY);
  dd2 t = ddadd_d_d2(0.5, ddmul_d2_d(s, 0.1666666666666666574));
  t = ddadd_d_d2(1.0, ddmul_d2_d2(t, s));
  t = ddadd_d_d2(1.0, ddmul_d2_d2(t, s));
  t = ddadd_d2_d2(t, ddmul_d2_d(s4, u));
  const int under = d.x < -1000;
  return dd(under ? 0 : dp_ldexp2(t.x, q), under ? 0 : dp_ldexp2(t.y, q));
}

/* Sleef_tanhd4_u10 on one lane. */
DP_INLINE double sleef_tanh_d(double x) {
  if (isnan(x)) return NAN;
  /* Lanes past 18.714973875 become +-1 whatever expk2 gave. */
  if (fabs(x) > 18.714973875) return signbit(x) ? -1.0 : 1.0;
  const dd2 d = sleef_expk2(dd(fabs(x), 0));
  const dd2 e = ddrec_d2(d);
  const dd2 n = ddadd2_d2_d2(d, dd(-e.x, -e.y));
  const dd2 q = dddiv(n, ddadd2_d2_d2(d, e));
  const double y = q.x + q.y;
  return dp_mulsign(isnan(y) ? 1.0 : y, x);
}

/* Sleef_logd4_u10 on one lane. */
DP_INLINE double sleef_log_d(double d) {
  const int tiny = d < 2.2250738585072014e-308;
  const double scaled = tiny ? d * 18446744073709551616.0 : d;
  const int32_t e = dp_ilogb2k(scaled * (1 / 0.75));
  const double m = dp_ldexp3(scaled, -e);
  const double expo = tiny ? e - 64 : e;
  const dd2 x = dddiv(ddadd2_d_d(-1, m), ddadd2_d_d(1, m));
  const double x2 = x.x * x.x, x4 = x2 * x2;
  const double t = DP_POLY7(x2, x4, x4 * x4, DP_LOG_POLY);
  dd2 s = ddmul_d2_d(dd(0.693147180559945286226764, 2.319046813846299558417771e-17), expo);
  s = ddadd_d2_d2(s, dd(x.x * 2, x.y * 2));
  s = ddadd_d2_d(s, x2 * x.x * t);
  const double r = s.x + s.y;
  if (d == INFINITY) return INFINITY;
  if (d < 0 || isnan(d)) return NAN;
  if (d == 0) return -INFINITY;
  return r;
}

/* xerf_u1's three polynomials (|x| < 1, < 3.7, < 6): coefficient k of each range. */
static const double DP_ERF[20][3] = {
    {0.6801072401395392157e-20, 0.283095452208771766e-13, -0.5846750404269610493e-17},
    {-0.2161766247570056391e-18, -0.150949194617948194e-11, 0.6076691048812607898e-15},
    {0.4695919173301598752e-17, 0.3827857177807173152e-10, -0.3007518609604893831e-13},
    {-0.9049140419888010819e-16, -0.6139733921558987241e-9, 0.9427906260824646063e-12},
    {0.1634018903557411517e-14, 0.6985387934608038824e-8, -0.2100110908269393629e-10},
    {-0.2783485786333455216e-13, -0.5988224513034371474e-7, 0.3534639523461223473e-9},
    {0.4463221276786412722e-12, 0.400571695235534664e-6, -0.4664967728285395926e-8},
    {-0.6711366622850138987e-11, -0.21321901045757844e-5, 0.4943823283769000532e-7},
    {0.9422759050232658346e-10, 0.9092461304042630325e-5, -0.4271203394761148254e-6},
    {-0.1229055530100228477e-8, -0.3079188080966205457e-4, 0.3034067677404915895e-5},
    {0.1480719281585085023e-7, 0.7971413443082370762e-4, -0.1776295289066871135e-4},
    {-0.1636584469123402714e-6, -0.1387853215225442864e-3, 0.852454763055950505e-4},
    {0.1646211436588923363e-5, 0.6469678026257590965e-4, -0.3290582944961784398e-3},
    {-0.1492565035840624866e-4, 0.499664528037294586e-3, 0.9696966068789101157e-3},
    {0.1205533298178966496e-3, -0.1622802482842520535e-2, -0.1812527628046986137e-2},
    {-0.8548327023450851166e-3, 0.1615320557049377171e-3, -0.4725409828123619017e-3},
    {0.5223977625442188799e-2, 0.1915262325574875607e-1, 0.2090315427924229266e-1},
    {-0.2686617064513125569e-1, -0.1027818298486033455, -0.1052041921842776645},
    {0.1128379167095512753, -0.6366172819842503827, -0.6345351808766568347},
    {-0.376126389031837538, -0.1128379590648910469e1, -0.1129442929103524396e1}};
static const double DP_ERF_HI[3] = {1.1283791670955125586, 3.4110644736196137587e-8, 0.00024963035690526438285};
static const double DP_ERF_LO[3] = {1.5335459613165822674e-17, -2.4875650708323294246e-24, -5.4362665034856259795e-21};

DP_INLINE dd2 ddmul_d_d(double x, double y) {
  const double s = x * y;
  return dd(s, fma(x, y, -s));
}

/* Sleef_erfd4_u10 on one lane. */
DP_INLINE double sleef_erf_d(double s) {
  const double a = fabs(s);
  if (isnan(a)) return NAN;
  const int range = a < 1 ? 0 : a < 3.7 ? 1 : 2;
  const double u = range == 0 ? a * a : a;
  double t = DP_ERF[0][range];
  for (int k = 1; k < 20; k++) t = fma(t, u, DP_ERF[k][range]);
  dd2 d = ddadd2_d2_d2(ddmul_d_d(t, u), dd(DP_ERF_HI[range], DP_ERF_LO[range]));
  if (range == 0) {
    d = ddmul_d2_d(d, a);
  } else {
    d = sleef_expk2(d);
    d = ddadd_d_d2(1.0, dd(-d.x, -d.y));
  }
  return dp_mulsign(a < 6 ? d.x + d.y : 1.0, s);
}

#endif
