/* SLEEF's expf8_u10 lane function with FMA, as src/ops/sleef.ts computes it, written without branches so a
   SIMD_CLONES loop vectorizes it (ldexp as two float multiplies by powers of two built from bits). */
#ifndef TENSORGRAD_SLEEF_H
#define TENSORGRAD_SLEEF_H
#include <math.h>
#include <stdint.h>
#include <string.h>

static inline __attribute__((always_inline)) float pow2f(int e) { /* 2^e for e in [-126, 127] */
  const int32_t bits = (int32_t)((uint32_t)(e + 127) << 23);
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

static inline __attribute__((always_inline)) float sleef_expf_inline(float d) {
  /* Clamp first so q stays small; the ends are overridden below, as SLEEF does. */
  float c = d != d ? 0.0f : d;
  c = c < -104.0f ? -104.0f : c;
  c = c > 100.0f ? 100.0f : c;
  const float r_ln2f = (float)1.442695040888963407359924681001892137426645954152985934135449406931;
  const float l2uf = (float)0.693145751953125;
  const float l2lf = (float)1.428606765330187045e-6;
  const float qf = rintf(c * r_ln2f); /* round half to even: the default rounding mode */
  float s = fmaf(qf, -l2uf, c);
  s = fmaf(qf, -l2lf, s);
  float u = (float)0.000198527617612853646278381;
  u = fmaf(u, s, (float)0.00139304355252534151077271);
  u = fmaf(u, s, (float)0.00833336077630519866943359);
  u = fmaf(u, s, (float)0.0416664853692054748535156);
  u = fmaf(u, s, (float)0.166666671633720397949219);
  u = fmaf(u, s, 0.5f);
  const float ss = s * s;
  u = 1.0f + fmaf(ss, u, s);
  const int q = (int)qf;
  const int h = q >> 1;
  u = (u * pow2f(h)) * pow2f(q - h);
  u = d < -104.0f ? 0.0f : u;
  u = d > 100.0f ? INFINITY : u;
  return d != d ? d : u;
}

#endif
