/* glibc 2.36's double erf (sysdeps/ieee754/dbl-64/s_erf.c: fdlibm's rational approximations in glibc's
   evaluation order, no FMA, with glibc's exp), the operations of src/backend/js/glibc_erf.ts erf: PyTorch's
   scalar float64 gelu calls it. */
#ifndef TENSORGRAD_GLIBC_ERF_H
#define TENSORGRAD_GLIBC_ERF_H
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "glibc_exp.h"

#define GLIBC_ERF_ERX 8.45062911510467529297e-1
#define GLIBC_ERF_EFX 1.28379167095512586316e-1
static const double GLIBC_ERF_PP[5] = {1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5};
static const double GLIBC_ERF_QQ[6] = {0, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.9602282787753681232e-6};
static const double GLIBC_ERF_PA[7] = {-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.166375594868790843e-3};
static const double GLIBC_ERF_QA[7] = {0, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.1984499846799107417e-2};
static const double GLIBC_ERF_RA[8] = {-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592};
static const double GLIBC_ERF_SA[9] = {0, 1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2};
static const double GLIBC_ERF_RB[7] = {-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2};
static const double GLIBC_ERF_SB[8] = {0, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1};

static inline double glibc_erf(double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  const int32_t hx = (int32_t)(bits >> 32);
  const int32_t ix = hx & 0x7fffffff;
  const double *PP = GLIBC_ERF_PP, *QQ = GLIBC_ERF_QQ, *PA = GLIBC_ERF_PA, *QA = GLIBC_ERF_QA;
  const double *RA = GLIBC_ERF_RA, *SA = GLIBC_ERF_SA, *RB = GLIBC_ERF_RB, *SB = GLIBC_ERF_SB;
  if (ix >= 0x7ff00000) return (hx < 0 ? -1.0 : 1.0) + 1.0 / x;
  if (ix < 0x3feb0000) {
    if (ix < 0x3e300000) {
      if (ix < 0x00800000) return 0.0625 * (16.0 * x + 16.0 * GLIBC_ERF_EFX * x);
      return x + GLIBC_ERF_EFX * x;
    }
    const double z = x * x;
    const double r1 = PP[0] + z * PP[1];
    const double z2 = z * z;
    const double r2 = PP[2] + z * PP[3];
    const double z4 = z2 * z2;
    const double s1 = 1.0 + z * QQ[1];
    const double s2 = QQ[2] + z * QQ[3];
    const double s3 = QQ[4] + z * QQ[5];
    const double r = r1 + z2 * r2 + z4 * PP[4];
    const double s = s1 + z2 * s2 + z4 * s3;
    return x + x * (r / s);
  }
  if (ix < 0x3ff40000) {
    const double s = fabs(x) - 1.0;
    const double p1 = PA[0] + s * PA[1];
    const double s2 = s * s;
    const double q1 = 1.0 + s * QA[1];
    const double s4 = s2 * s2;
    const double p2 = PA[2] + s * PA[3];
    const double s6 = s4 * s2;
    const double q2 = QA[2] + s * QA[3];
    const double p3 = PA[4] + s * PA[5];
    const double q3 = QA[4] + s * QA[5];
    const double p = p1 + s2 * p2 + s4 * p3 + s6 * PA[6];
    const double q = q1 + s2 * q2 + s4 * q3 + s6 * QA[6];
    return hx >= 0 ? GLIBC_ERF_ERX + p / q : -GLIBC_ERF_ERX - p / q;
  }
  if (ix >= 0x40180000) return hx >= 0 ? 1.0 - 1e-300 : 1e-300 - 1.0;
  const double ax = fabs(x);
  const double s = 1.0 / (ax * ax);
  const double s2 = s * s, s4 = s2 * s2, s6 = s4 * s2;
  double R, S;
  if (ix < 0x4006db6e) {
    const double s8 = s4 * s4;
    R = RA[0] + s * RA[1] + s2 * (RA[2] + s * RA[3]) + s4 * (RA[4] + s * RA[5]) + s6 * (RA[6] + s * RA[7]);
    S = 1.0 + s * SA[1] + s2 * (SA[2] + s * SA[3]) + s4 * (SA[4] + s * SA[5]) + s6 * (SA[6] + s * SA[7]) +
        s8 * SA[8];
  } else {
    R = RB[0] + s * RB[1] + s2 * (RB[2] + s * RB[3]) + s4 * (RB[4] + s * RB[5]) + s6 * RB[6];
    S = 1.0 + s * SB[1] + s2 * (SB[2] + s * SB[3]) + s4 * (SB[4] + s * SB[5]) + s6 * (SB[6] + s * SB[7]);
  }
  uint64_t zb;
  memcpy(&zb, &ax, sizeof zb);
  zb &= 0xffffffff00000000ull;
  double z;
  memcpy(&z, &zb, sizeof z);
  const double r = glibc_exp(-z * z - 0.5625) * glibc_exp((z - ax) * (z + ax) + R / S);
  return hx >= 0 ? 1.0 - r / ax : r / ax - 1.0;
}

#endif
