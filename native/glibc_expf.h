/* glibc 2.36's expf as its x86-64 FMA build computes it (e_expf.c compiled with -mfma: the multiply by
   InvLn2N fused into both its uses, the polynomial in fused steps), what PyTorch's scalar loops call for
   std::exp(float); the same steps as src/backend/js/glibc_f.ts. */
#ifndef TENSORGRAD_GLIBC_EXPF_H
#define TENSORGRAD_GLIBC_EXPF_H
#include <math.h>
#include <stdint.h>
#include <string.h>

static const uint64_t GLIBC_EXP2F_TAB[32] = {
    0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51, 0x3fef72b83c7d517b,
    0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1, 0x3fef06fe0a31b715, 0x3feef1a7373aa9cb,
    0x3feedea64c123422, 0x3feece086061892d, 0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429,
    0x3feea47eb03a5585, 0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
    0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d, 0x3feee89f995ad3ad,
    0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069, 0x3fef5818dcfba487, 0x3fef7c97337b9b5f,
    0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
};

static inline __attribute__((always_inline)) float glibc_expf(float x) {
  uint32_t ux;
  memcpy(&ux, &x, sizeof ux);
  const uint32_t abstop = (ux >> 20) & 0x7ff;
  if (abstop >= 0x42b) { /* |x| >= 88 or NaN */
    if (ux == 0xff800000u) return 0.0f;
    if (abstop >= 0x7f8) return x + x;
    if (x > 0x1.62e42ep6f) return INFINITY;
    if (x < -0x1.9fe368p6f) return 0.0f;
    if (x < -0x1.9d1d9ep6f) return 0x1p-149f; /* __math_may_uflowf */
  }
  const double inv_ln2n = 0x1.71547652b82fep+0 * 32, shift = 0x1.8p+52;
  const double c0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32, c1 = 0x1.ebfce50fac4f3p-3 / 32 / 32;
  const double c2 = 0x1.62e42ff0c52d6p-1 / 32;
  const double xd = (double)x;
  double kd = fma(inv_ln2n, xd, shift);
  uint64_t ki;
  memcpy(&ki, &kd, sizeof ki);
  kd -= shift;
  const double r = fma(inv_ln2n, xd, -kd);
  uint64_t t = GLIBC_EXP2F_TAB[ki % 32] + (ki << 47);
  double s;
  memcpy(&s, &t, sizeof s);
  const double z = fma(c0, r, c1);
  double y = fma(c2, r, 1.0);
  y = fma(z, r * r, y);
  return (float)(y * s);
}

#endif
