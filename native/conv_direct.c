/* Direct float32 convolution (no im2col, no BLAS) for one group and a last-dim stride of 1, on x86-64 with
   AVX-512 or AVX2 + FMA; native/conv.c takes the im2col + GEMM path for everything else, and where a vector of
   channels would be mostly empty (fewer than half its lanes).

   Each image is copied into a zero-padded buffer, so a window never leaves it. Forward: an output row's
   positions are cut into blocks of at most MAX_BLOCK (AVX2: half; 14 with two vectors), and a block's
   accumulators, one or two vectors of 16 (AVX2: one of 8) output channels per position, stay in registers over
   all C*K taps: acc[p] += x[p + tap] * w[tap][co..co+16). The input gradient is the same kernel on the zero-padded output gradient with the
   flipped, channel-swapped weights (stride 1, padding at most (k - 1) * dilation). Both are one chain of fmaf
   per element in tap order, whatever the vector width or thread split: AVX-512 and AVX2 give the same bits.
   The weight gradient vectorizes over output positions instead (contiguous along a row of the padded input and
   of the gradient): blocks of 4 taps x 6 output channels (AVX2: 3 x 3) of vector partial sums run over the
   images in order, then each vector is summed across its lanes pairwise; the same bits on any thread count,
   not across vector widths. The summation order differs from the GEMM path's (the tests allow BLAS's). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "conv.h"
#include "parallel.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define DIRECT_CONV 1
#endif

#ifdef DIRECT_CONV
#define MAX_BLOCK 24

/* acc[p][0..VL) = sum over taps k of x[p + tap[k]] * w[k * ldw + 0..VL), for p < RB. */
typedef void (*fwd_fn)(const float *x, const int32_t *tap, int64_t taps, const float *w, int64_t ldw, float *acc);
/* Vector partial sums acc[t][c][0..VL) (t < TB taps, c < CB output channels) += over images i < images, rows r
   and positions p < m, VL at a time, x[i * xs + rowoff[r] + p + tap[t]] * g[i * gs + c * ldg + r * m + p]. */
typedef void (*wgrad_fn)(const float *x, int64_t xs, const int32_t *tap, const int64_t *rowoff, int64_t rows,
                         int64_t m, const float *g, int64_t gs, int64_t ldg, int64_t images, float *acc);

#define UNROLL _Pragma("GCC unroll 24")

#define DEFINE_FWD(RB, ISA, TARGET, VT, LOAD, BCAST, FMA, STORE, ZERO)                                       \
  __attribute__((target(TARGET))) static void fwd_##ISA##_##RB(const float *x, const int32_t *tap, int64_t taps, \
                                                               const float *w, int64_t ldw, float *acc) {     \
    VT a[RB];                                                                                                 \
    UNROLL for (int p = 0; p < RB; p++) a[p] = ZERO();                                                        \
    for (int64_t k = 0; k < taps; k++) {                                                                      \
      const VT wv = LOAD(w + k * ldw);                                                                        \
      const float *xk = x + tap[k];                                                                           \
      UNROLL for (int p = 0; p < RB; p++) a[p] = FMA(BCAST(xk[p]), wv, a[p]);                                 \
    }                                                                                                         \
    UNROLL for (int p = 0; p < RB; p++) STORE(acc + p * (int64_t)sizeof(VT) / 4, a[p]);                       \
  }

/* The same over two vectors of output channels (AVX-512): acc[p][0..2 VL). */
#define DEFINE_FWD2(RB, ISA, TARGET, VT, LOAD, BCAST, FMA, STORE, ZERO)                                      \
  __attribute__((target(TARGET))) static void fwd2_##ISA##_##RB(const float *x, const int32_t *tap, int64_t taps, \
                                                                const float *w, int64_t ldw, float *acc) {    \
    const int64_t vl = (int64_t)sizeof(VT) / 4;                                                               \
    VT a[RB][2];                                                                                              \
    UNROLL for (int p = 0; p < RB; p++) a[p][0] = a[p][1] = ZERO();                                           \
    for (int64_t k = 0; k < taps; k++) {                                                                      \
      const VT w0 = LOAD(w + k * ldw), w1 = LOAD(w + k * ldw + vl);                                           \
      const float *xk = x + tap[k];                                                                           \
      UNROLL for (int p = 0; p < RB; p++) {                                                                   \
        const VT b = BCAST(xk[p]);                                                                            \
        a[p][0] = FMA(b, w0, a[p][0]);                                                                        \
        a[p][1] = FMA(b, w1, a[p][1]);                                                                        \
      }                                                                                                       \
    }                                                                                                         \
    UNROLL for (int p = 0; p < RB; p++) {                                                                     \
      STORE(acc + 2 * p * vl, a[p][0]);                                                                       \
      STORE(acc + (2 * p + 1) * vl, a[p][1]);                                                                 \
    }                                                                                                         \
  }

/* MASK(n): the first n lanes (all when n >= VL); MLOAD(p, m) reads those lanes only (no fault past them). */
#define DEFINE_WGRAD(TB, CB, ISA, TARGET, VT, VL, LOAD, STORE, FMA, MT, MASK, MLOAD)                          \
  __attribute__((target(TARGET))) static void wgrad_##ISA##_##TB##_##CB(                                     \
      const float *xi, int64_t xs, const int32_t *tap, const int64_t *rowoff, int64_t rows, int64_t m,          \
      const float *gi, int64_t gs, int64_t ldg, int64_t images, float *acc) {                                 \
    VT a[TB][CB];                                                                                             \
    int32_t t_[TB];                                                                                           \
    UNROLL for (int t = 0; t < TB; t++) {                                                                     \
      t_[t] = tap[t];                                                                                         \
      UNROLL for (int c = 0; c < CB; c++) a[t][c] = LOAD(acc + (t * CB + c) * VL);                            \
    }                                                                                                         \
    for (int64_t i = 0; i < images; i++)                                                                      \
    for (int64_t r = 0; r < rows; r++) {                                                                      \
    const float *x = xi + i * xs + rowoff[r], *g = gi + i * gs + r * m;                                       \
    int64_t p = 0;                                                                                            \
    for (; p + VL <= m; p += VL) {                                                                            \
      VT gv[CB];                                                                                              \
      UNROLL for (int c = 0; c < CB; c++) gv[c] = LOAD(g + c * ldg + p);                                      \
      UNROLL for (int t = 0; t < TB; t++) {                                                                   \
        const VT xv = LOAD(x + p + t_[t]);                                                                    \
        UNROLL for (int c = 0; c < CB; c++) a[t][c] = FMA(xv, gv[c], a[t][c]);                                \
      }                                                                                                       \
    }                                                                                                         \
    if (p < m) {                                                                                              \
      const MT k = MASK(m - p);                                                                               \
      VT gv[CB];                                                                                              \
      UNROLL for (int c = 0; c < CB; c++) gv[c] = MLOAD(g + c * ldg + p, k);                                  \
      UNROLL for (int t = 0; t < TB; t++) {                                                                   \
        const VT xv = MLOAD(x + p + t_[t], k);                                                                \
        UNROLL for (int c = 0; c < CB; c++) a[t][c] = FMA(xv, gv[c], a[t][c]);                                \
      }                                                                                                       \
    }                                                                                                         \
    }                                                                                                         \
    UNROLL for (int t = 0; t < TB; t++) UNROLL for (int c = 0; c < CB; c++) STORE(acc + (t * CB + c) * VL, a[t][c]); \
  }

#define BLOCKS_12(X, ...)                                                                                     \
  X(1, __VA_ARGS__) X(2, __VA_ARGS__) X(3, __VA_ARGS__) X(4, __VA_ARGS__) X(5, __VA_ARGS__) X(6, __VA_ARGS__) \
  X(7, __VA_ARGS__) X(8, __VA_ARGS__) X(9, __VA_ARGS__) X(10, __VA_ARGS__) X(11, __VA_ARGS__) X(12, __VA_ARGS__)
#define BLOCKS_14(X, ...) BLOCKS_12(X, __VA_ARGS__) X(13, __VA_ARGS__) X(14, __VA_ARGS__)
#define BLOCKS_24(X, ...)                                                                                     \
  BLOCKS_12(X, __VA_ARGS__)                                                                                   \
  X(13, __VA_ARGS__) X(14, __VA_ARGS__) X(15, __VA_ARGS__) X(16, __VA_ARGS__) X(17, __VA_ARGS__)              \
  X(18, __VA_ARGS__) X(19, __VA_ARGS__) X(20, __VA_ARGS__) X(21, __VA_ARGS__) X(22, __VA_ARGS__)              \
  X(23, __VA_ARGS__) X(24, __VA_ARGS__)
/* Weight-gradient blocks: up to 4 taps x 6 output channels (AVX-512), 3 x 3 (AVX2, 16 registers). */
#define WGRAD_ROW(TB, ...)                                                                                    \
  DEFINE_WGRAD(TB, 1, __VA_ARGS__) DEFINE_WGRAD(TB, 2, __VA_ARGS__) DEFINE_WGRAD(TB, 3, __VA_ARGS__)
#define WGRAD_ROW6(TB, ...)                                                                                   \
  WGRAD_ROW(TB, __VA_ARGS__) DEFINE_WGRAD(TB, 4, __VA_ARGS__) DEFINE_WGRAD(TB, 5, __VA_ARGS__)               \
  DEFINE_WGRAD(TB, 6, __VA_ARGS__)

#define MASK512(n) ((__mmask16)((n) >= 16 ? 0xFFFF : (1u << (n)) - 1))
#define MLOAD512(p, m) _mm512_maskz_loadu_ps(m, p)
static const int32_t lanes_on[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
#define MASK256(n) _mm256_loadu_si256((const __m256i *)(lanes_on + 8 - ((n) >= 8 ? 8 : (n))))
#define MLOAD256(p, m) _mm256_maskload_ps(p, m)

#define AVX512 avx512, "avx512f", __m512
#define AVX2 avx2, "avx2,fma", __m256
BLOCKS_24(DEFINE_FWD, AVX512, _mm512_loadu_ps, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_storeu_ps, _mm512_setzero_ps)
BLOCKS_14(DEFINE_FWD2, AVX512, _mm512_loadu_ps, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_storeu_ps, _mm512_setzero_ps)
BLOCKS_12(DEFINE_FWD, AVX2, _mm256_loadu_ps, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_storeu_ps, _mm256_setzero_ps)
#define WGRAD512 AVX512, 16, _mm512_loadu_ps, _mm512_storeu_ps, _mm512_fmadd_ps, __mmask16, MASK512, MLOAD512
#define WGRAD256 AVX2, 8, _mm256_loadu_ps, _mm256_storeu_ps, _mm256_fmadd_ps, __m256i, MASK256, MLOAD256
WGRAD_ROW6(1, WGRAD512)
WGRAD_ROW6(2, WGRAD512)
WGRAD_ROW6(3, WGRAD512)
WGRAD_ROW6(4, WGRAD512)
WGRAD_ROW(1, WGRAD256)
WGRAD_ROW(2, WGRAD256)
WGRAD_ROW(3, WGRAD256)

#define FWD_ENTRY(RB, ISA) fwd_##ISA##_##RB,
static const fwd_fn fwd_avx512[MAX_BLOCK + 1] = {NULL, BLOCKS_24(FWD_ENTRY, avx512)};
static const fwd_fn fwd_avx2[MAX_BLOCK / 2 + 1] = {NULL, BLOCKS_12(FWD_ENTRY, avx2)};
#define FWD2_ENTRY(RB, ISA) fwd2_##ISA##_##RB,
static const fwd_fn fwd2_avx512[15] = {NULL, BLOCKS_14(FWD2_ENTRY, avx512)};
#define WG3(TB, ISA) wgrad_##ISA##_##TB##_1, wgrad_##ISA##_##TB##_2, wgrad_##ISA##_##TB##_3
#define WG6(TB, ISA) WG3(TB, ISA), wgrad_##ISA##_##TB##_4, wgrad_##ISA##_##TB##_5, wgrad_##ISA##_##TB##_6
static const wgrad_fn wgrad_avx512[5][7] = {
    {NULL}, {NULL, WG6(1, avx512)}, {NULL, WG6(2, avx512)}, {NULL, WG6(3, avx512)}, {NULL, WG6(4, avx512)}};
static const wgrad_fn wgrad_avx2[5][7] = {{NULL}, {NULL, WG3(1, avx2)}, {NULL, WG3(2, avx2)}, {NULL, WG3(3, avx2)}};

/* The kernels this CPU runs: vector lanes (16, 8; 0 for none), the largest block of positions, the largest
   block of taps x output channels of the weight gradient. */
typedef struct {
  int lanes, max_block, max_taps, max_channels;
  const fwd_fn *fwd;
  const wgrad_fn (*wgrad)[7];
  const fwd_fn *fwd2; /* two vectors of output channels (NULL: none), blocks of at most 14 positions */
} Isa;

static Isa isa(void) {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return (Isa){16, MAX_BLOCK, 4, 6, fwd_avx512, wgrad_avx512, fwd2_avx512};
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    return (Isa){8, MAX_BLOCK / 2, 3, 3, fwd_avx2, wgrad_avx2, NULL};
  return (Isa){0, 0, 0, 0, NULL, NULL, NULL};
}

/* ------------------------------------------------------------------ one pass: a convolution of padded images */

/* dst [n][cout][L] (+ bias) = the stride-1-in-the-last-dim convolution of src [n][cin][size] zero-padded by
   pad in front to extents E, with taps at tap[K] and weights wt [K][ldw] (column co for output channel co). */
typedef struct {
  Isa isa;
  int64_t n, cin, cout, size[3], pad[3], e[3], ecount, out[3], row_stride[2], taps, ldw;
  const float *src, *wt, *bias;
  const int32_t *tap;
  float *dst;
  volatile int failed;
} Pass;

/* Image `img` [cin][size] into dst [cin][E]: zeros outside, the image at offset pad. */
static void pad_image(const float *img, int64_t cin, const int64_t size[3], const int64_t pad[3], const int64_t e[3],
                      float *dst) {
  const int64_t ecount = e[0] * e[1] * e[2], icount = size[0] * size[1] * size[2];
  memset(dst, 0, (size_t)(cin * ecount) * sizeof(float));
  const int64_t w0 = pad[2], w1 = pad[2] + size[2] < e[2] ? pad[2] + size[2] : e[2];
  if (w1 <= w0) return;
  for (int64_t c = 0; c < cin; c++)
    for (int64_t d = pad[0]; d < e[0] && d - pad[0] < size[0]; d++)
      for (int64_t h = pad[1]; h < e[1] && h - pad[1] < size[1]; h++)
        memcpy(dst + c * ecount + (d * e[1] + h) * e[2] + w0,
               img + c * icount + ((d - pad[0]) * size[1] + (h - pad[1])) * size[2], (size_t)(w1 - w0) * sizeof(float));
}

/* Blocks of output channels: pairs of vectors where the CPU has a two-vector kernel, else single vectors. */
static int64_t pass_blocks(const Pass *j, int64_t *vectors, int64_t *pair) {
  *vectors = j->ldw / j->isa.lanes;
  *pair = j->isa.fwd2 ? 2 : 1;
  return (*vectors + *pair - 1) / *pair;
}

/* Units are (image, block of output channels); a range pads each of its images once. */
static void pass_units(void *ctx, int64_t begin, int64_t end) {
  Pass *j = ctx;
  int64_t vectors, pair;
  const int64_t lanes = j->isa.lanes, blocks = pass_blocks(j, &vectors, &pair), L = j->out[0] * j->out[1] * j->out[2];
  const int64_t width = j->out[2];
  float *padded = malloc((size_t)(j->cin * j->ecount) * sizeof(float));
  float acc[MAX_BLOCK * 16 > 14 * 32 ? MAX_BLOCK * 16 : 14 * 32]; /* a block of positions x 16 or 32 channels */
  if (!padded) {
    j->failed = 1;
    return;
  }
  int64_t last = -1;
  for (int64_t u = begin; u < end; u++) {
    const int64_t img = u / blocks, v0 = (u % blocks) * pair, nv = vectors - v0 < pair ? vectors - v0 : pair;
    const int64_t co0 = v0 * lanes, co1 = co0 + nv * lanes < j->cout ? co0 + nv * lanes : j->cout;
    const fwd_fn *kernels = nv == 2 ? j->isa.fwd2 : j->isa.fwd;
    const int64_t most = nv == 2 ? 14 : j->isa.max_block, nblk = (width + most - 1) / most, stride = nv * lanes;
    if (img != last) {
      pad_image(j->src + img * j->cin * j->size[0] * j->size[1] * j->size[2], j->cin, j->size, j->pad, j->e, padded);
      last = img;
    }
    float *out = j->dst + img * j->cout * L;
    int64_t l = 0;
    for (int64_t od = 0; od < j->out[0]; od++)
      for (int64_t oh = 0; oh < j->out[1]; oh++) {
        const float *row = padded + (od * j->row_stride[0] * j->e[1] + oh * j->row_stride[1]) * j->e[2];
        for (int64_t b = 0, ow = 0; b < nblk; b++) {
          const int64_t rb = width / nblk + (b < width % nblk);
          kernels[rb](row + ow, j->tap, j->taps, j->wt + co0, j->ldw, acc);
          for (int64_t co = co0; co < co1; co++) {
            const float bias = j->bias ? j->bias[co] : 0.0f;
            float *o = out + co * L + l + ow;
            for (int64_t p = 0; p < rb; p++) o[p] = j->bias ? acc[p * stride + co - co0] + bias : acc[p * stride + co - co0];
          }
          ow += rb;
        }
        l += width;
      }
  }
  free(padded);
}

static int run_pass(Pass *j) {
  int64_t vectors, pair;
  const int64_t blocks = pass_blocks(j, &vectors, &pair);
  const int64_t work = j->taps * j->isa.lanes * pair * j->out[0] * j->out[1] * j->out[2];
  j->failed = 0;
  parallel_for(j->n * blocks, work > 0 ? ((int64_t)1 << 17) / work + 1 : 1, 1, pass_units, j);
  return !j->failed;
}

/* 1 when every extent and offset below fits: padded extents at most 2^24, a padded image's floats at most 2^30. */
static int extents_fit(const int64_t e[3], int64_t cin) {
  for (int d = 0; d < 3; d++)
    if (e[d] < 1 || e[d] > (1 << 24)) return 0;
  int64_t t;
  return product3(e[0], e[1], e[2], &t) && t <= (1 << 30) && product3(t, cin, 1, &t) && t <= (1 << 30);
}

/* Zeroed floats (NULL when n overflows or malloc fails). */
static float *zeroed(int64_t n) { return n >= 0 && n < ((int64_t)1 << 40) ? calloc((size_t)(n > 0 ? n : 1), sizeof(float)) : NULL; }

int conv_direct_forward(const WindowGeometry *g, int64_t cout, const float *x, const float *w, const float *bias,
                        float *out) {
  const Isa is = isa();
  if (!is.lanes || g->s[2] != 1 || 2 * cout < is.lanes) return 0;
  Pass j = {.isa = is, .n = g->n, .cin = g->c, .cout = cout, .src = x, .bias = bias, .dst = out};
  for (int d = 0; d < 3; d++) {
    j.size[d] = g->size[d];
    j.pad[d] = g->p[d];
    j.out[d] = g->out[d];
    j.e[d] = (g->out[d] - 1) * g->s[d] + (g->k[d] - 1) * g->dil[d] + 1;
  }
  if (!extents_fit(j.e, g->c) || g->c * g->kcount > (1 << 24)) return 0;
  j.ecount = j.e[0] * j.e[1] * j.e[2];
  j.row_stride[0] = g->s[0];
  j.row_stride[1] = g->s[1];
  j.taps = g->c * g->kcount;
  j.ldw = (cout + is.lanes - 1) / is.lanes * is.lanes;
  int32_t *tap = malloc((size_t)j.taps * sizeof(int32_t));
  float *wt = zeroed(j.taps * j.ldw);
  int ok = tap && wt;
  if (ok) {
    for (int64_t c = 0, k = 0; c < g->c; c++)
      for (int64_t kd = 0; kd < g->k[0]; kd++)
        for (int64_t kh = 0; kh < g->k[1]; kh++)
          for (int64_t kw = 0; kw < g->k[2]; kw++, k++)
            tap[k] = (int32_t)(c * j.ecount + (kd * g->dil[0] * j.e[1] + kh * g->dil[1]) * j.e[2] + kw * g->dil[2]);
    for (int64_t co = 0; co < cout; co++)
      for (int64_t k = 0; k < j.taps; k++) wt[k * j.ldw + co] = w[co * j.taps + k];
    j.tap = tap;
    j.wt = wt;
    ok = run_pass(&j);
  }
  free(tap);
  free(wt);
  return ok;
}

/* ------------------------------------------------------------------ backward */

/* The input gradient, stride 1 and padding at most (k - 1) * dil: grad padded by (k - 1) * dil - p, the
   flipped weights with input and output channels swapped. */
static int input_grad(const Isa is, const WindowGeometry *g, int64_t cout, const float *grad, const float *w,
                      float *gi) {
  Pass j = {.isa = is, .n = g->n, .cin = cout, .cout = g->c, .src = grad, .dst = gi};
  for (int d = 0; d < 3; d++) {
    if (g->s[d] != 1 || g->p[d] > (g->k[d] - 1) * g->dil[d]) return 0;
    j.size[d] = g->out[d];
    j.pad[d] = (g->k[d] - 1) * g->dil[d] - g->p[d];
    j.out[d] = g->size[d];
    j.e[d] = g->size[d] + (g->k[d] - 1) * g->dil[d];
  }
  if (!extents_fit(j.e, cout) || cout * g->kcount > (1 << 24)) return 0;
  j.ecount = j.e[0] * j.e[1] * j.e[2];
  j.row_stride[0] = j.row_stride[1] = 1;
  j.taps = cout * g->kcount;
  j.ldw = (g->c + is.lanes - 1) / is.lanes * is.lanes;
  int32_t *tap = malloc((size_t)j.taps * sizeof(int32_t));
  float *wt = zeroed(j.taps * j.ldw);
  int ok = tap && wt;
  if (ok) {
    const int64_t kc = g->kcount;
    for (int64_t co = 0, k = 0; co < cout; co++)
      for (int64_t kd = 0; kd < g->k[0]; kd++)
        for (int64_t kh = 0; kh < g->k[1]; kh++)
          for (int64_t kw = 0; kw < g->k[2]; kw++, k++) {
            tap[k] = (int32_t)(co * j.ecount + (kd * g->dil[0] * j.e[1] + kh * g->dil[1]) * j.e[2] + kw * g->dil[2]);
            const int64_t flipped = ((g->k[0] - 1 - kd) * g->k[1] + (g->k[1] - 1 - kh)) * g->k[2] + (g->k[2] - 1 - kw);
            for (int64_t c = 0; c < g->c; c++) wt[k * j.ldw + c] = w[(co * g->c + c) * kc + flipped];
          }
    j.tap = tap;
    j.wt = wt;
    ok = run_pass(&j);
  }
  free(tap);
  free(wt);
  return ok;
}

/* With stride 1 in every dim, an image's output positions lie on one line of the padded input (position
   (od, oh, ow) at od * E1 * E2 + oh * E2 + ow): the gradient can be spread on that line ("grid", zeros between
   rows) for one kernel call over all of it. Otherwise calls go row by row. */
typedef struct {
  Isa isa;
  const WindowGeometry *g;
  int64_t cout, n0, nb, e[3], ecount, rows, taps, tblocks, cblocks, line;
  const float *x, *grad;
  const int32_t *tap;
  const int64_t *rowoff;
  float *padded, *grid, *partial;
  const struct WeightUnit *unit;
} WeightJob;

/* A unit: taps [k0, k0 + nt) x output channels [co0, co0 + nc), its kernel. */
typedef struct WeightUnit {
  int64_t k0, co0, nt, nc;
  wgrad_fn f;
} WeightUnit;

/* Images [begin, end) of the chunk: padded, and their gradients on the grid when there is one. */
static void weight_prepare(void *ctx, int64_t begin, int64_t end) {
  const WeightJob *j = ctx;
  const WindowGeometry *g = j->g;
  for (int64_t i = begin; i < end; i++) {
    pad_image(j->x + (j->n0 + i) * g->c * g->icount, g->c, g->size, g->p, j->e, j->padded + i * g->c * j->ecount);
    if (!j->grid) continue;
    const float *src = j->grad + (j->n0 + i) * j->cout * g->ocount;
    float *dst = j->grid + i * j->cout * j->line;
    for (int64_t co = 0; co < j->cout; co++)
      for (int64_t r = 0; r < j->rows; r++)
        memcpy(dst + co * j->line + j->rowoff[r], src + (co * j->rows + r) * g->out[2], (size_t)g->out[2] * sizeof(float));
  }
}

/* Block b of `blocks` near-equal blocks of n: its start and length. */
static inline int64_t block_start(int64_t n, int64_t blocks, int64_t b) {
  return b * (n / blocks) + (b < n % blocks ? b : n % blocks);
}
static inline int64_t block_length(int64_t n, int64_t blocks, int64_t b) { return n / blocks + (b < n % blocks); }

/* Units are (block of taps, block of output channels), each with its vector partial sums; a few images at a
   time (their data stays in cache from unit to unit, the sums in registers from image to image), every unit of
   the range adds the images' positions, in image order. */
#define IMAGES_AT_ONCE 4
static void weight_units(void *ctx, int64_t begin, int64_t end) {
  const WeightJob *j = ctx;
  const WindowGeometry *g = j->g;
  const int64_t per_unit = j->isa.max_taps * j->isa.max_channels * j->isa.lanes, xs = g->c * j->ecount;
  for (int64_t i = 0; i < j->nb; i += IMAGES_AT_ONCE) {
    const int64_t images = j->nb - i < IMAGES_AT_ONCE ? j->nb - i : IMAGES_AT_ONCE;
    for (int64_t u = begin; u < end; u++) {
      const WeightUnit *w = j->unit + u;
      const float *x = j->padded + i * xs;
      float *acc = j->partial + u * per_unit;
      static const int64_t at_start = 0;
      if (j->grid)
        w->f(x, xs, j->tap + w->k0, &at_start, 1, j->line, j->grid + (i * j->cout + w->co0) * j->line,
             j->cout * j->line, j->line, images, acc);
      else
        w->f(x, xs, j->tap + w->k0, j->rowoff, j->rows, g->out[2],
             j->grad + ((j->n0 + i) * j->cout + w->co0) * g->ocount, j->cout * g->ocount, g->ocount, images, acc);
    }
  }
}

static int weight_grad(const Isa is, const WindowGeometry *g, int64_t cout, const float *grad, const float *x,
                       float *gw) {
  WeightJob j = {.isa = is, .g = g, .cout = cout, .x = x, .grad = grad};
  for (int d = 0; d < 3; d++) j.e[d] = (g->out[d] - 1) * g->s[d] + (g->k[d] - 1) * g->dil[d] + 1;
  if (!extents_fit(j.e, g->c) || g->c * g->kcount > (1 << 24) || cout > (1 << 24)) return 0;
  j.ecount = j.e[0] * j.e[1] * j.e[2];
  j.rows = g->out[0] * g->out[1];
  j.taps = g->c * g->kcount;
  j.tblocks = (j.taps + is.max_taps - 1) / is.max_taps;
  j.cblocks = (cout + is.max_channels - 1) / is.max_channels;
  const int64_t units = j.tblocks * j.cblocks, per_unit = is.max_taps * is.max_channels * is.lanes;
  /* The partial sums are 16 (AVX2: 8) floats per weight: wide layers (over 32 MB of them) take the GEMM path. */
  if (units > ((int64_t)1 << 23) / per_unit) return 0;
  /* The grid when it takes fewer vectors than the rows (narrow rows: W6's 14 wide take as many either way). */
  const int64_t line = ((g->out[0] - 1) * j.e[1] + g->out[1] - 1) * j.e[2] + g->out[2];
  const int on_grid = g->s[0] == 1 && g->s[1] == 1 &&
                      (line + is.lanes - 1) / is.lanes < j.rows * ((g->out[2] + is.lanes - 1) / is.lanes);
  j.line = on_grid ? line : 0;
  /* Chunks of images whose padded inputs and grids fill about 4M floats (at least one). */
  int64_t chunk = ((int64_t)1 << 22) / (g->c * j.ecount + cout * j.line);
  chunk = chunk < 1 ? 1 : chunk > g->n ? g->n : chunk;
  int32_t *tap = malloc((size_t)j.taps * sizeof(int32_t));
  int64_t *rowoff = malloc((size_t)j.rows * sizeof(int64_t));
  float *padded = zeroed(chunk * g->c * j.ecount), *partial = zeroed(units * per_unit);
  float *grid = on_grid ? zeroed(chunk * cout * j.line) : NULL;
  WeightUnit *unit = malloc((size_t)units * sizeof(WeightUnit));
  const int ok = tap && rowoff && padded && partial && (grid || !on_grid) && unit;
  if (ok) {
    for (int64_t u = 0; u < units; u++) {
      const int64_t tb = u % j.tblocks, cb = u / j.tblocks;
      WeightUnit *w = unit + u;
      w->k0 = block_start(j.taps, j.tblocks, tb);
      w->co0 = block_start(cout, j.cblocks, cb);
      w->nt = block_length(j.taps, j.tblocks, tb);
      w->nc = block_length(cout, j.cblocks, cb);
      w->f = is.wgrad[w->nt][w->nc];
    }
    j.unit = unit;
    for (int64_t c = 0, k = 0; c < g->c; c++)
      for (int64_t kd = 0; kd < g->k[0]; kd++)
        for (int64_t kh = 0; kh < g->k[1]; kh++)
          for (int64_t kw = 0; kw < g->k[2]; kw++, k++)
            tap[k] = (int32_t)(c * j.ecount + (kd * g->dil[0] * j.e[1] + kh * g->dil[1]) * j.e[2] + kw * g->dil[2]);
    for (int64_t od = 0, r = 0; od < g->out[0]; od++)
      for (int64_t oh = 0; oh < g->out[1]; oh++, r++) rowoff[r] = (od * g->s[0] * j.e[1] + oh * g->s[1]) * j.e[2];
    j.tap = tap;
    j.rowoff = rowoff;
    j.padded = padded;
    j.grid = grid;
    j.partial = partial;
    const int64_t work = g->ocount * is.max_taps * is.max_channels;
    for (j.n0 = 0; j.n0 < g->n; j.n0 += chunk) {
      j.nb = g->n - j.n0 < chunk ? g->n - j.n0 : chunk;
      parallel_for(j.nb, 1, 1, weight_prepare, &j);
      parallel_for(units, ((int64_t)1 << 17) / (work * j.nb + 1) + 1, 1, weight_units, &j);
    }
    /* Each partial vector summed across its lanes pairwise (a fixed tree for a given width). */
    for (int64_t u = 0; u < units; u++) {
      const WeightUnit *w = unit + u;
      for (int64_t t = 0; t < w->nt; t++)
        for (int64_t c = 0; c < w->nc; c++) {
          float *v = partial + u * per_unit + (t * w->nc + c) * is.lanes;
          for (int half = is.lanes / 2; half > 0; half /= 2)
            for (int l = 0; l < half; l++) v[l] += v[l + half];
          gw[(w->co0 + c) * j.taps + w->k0 + t] = v[0];
        }
    }
  }
  free(tap);
  free(rowoff);
  free(padded);
  free(grid);
  free(partial);
  free(unit);
  return ok;
}

void conv_direct_backward(const WindowGeometry *g, int64_t cout, const float *grad, const float *x, const float *w,
                          float *gi, float *gw, int *did_input, int *did_weight) {
  const Isa is = isa();
  *did_input = *did_weight = 0;
  if (!is.lanes || g->s[2] != 1 || g->n == 0) return;
  /* Vectors of output channels (input channels for gi): fewer than half a vector's lanes wastes most of it. */
  if (gi && 2 * g->c >= is.lanes) *did_input = input_grad(is, g, cout, grad, w, gi);
  if (gw && 2 * cout >= is.lanes) *did_weight = weight_grad(is, g, cout, grad, x, gw);
}

#else
int conv_direct_forward(const WindowGeometry *g, int64_t cout, const float *x, const float *w, const float *bias,
                        float *out) {
  (void)g, (void)cout, (void)x, (void)w, (void)bias, (void)out;
  return 0;
}
void conv_direct_backward(const WindowGeometry *g, int64_t cout, const float *grad, const float *x, const float *w,
                          float *gi, float *gw, int *did_input, int *did_weight) {
  (void)g, (void)cout, (void)grad, (void)x, (void)w, (void)gi, (void)gw;
  *did_input = *did_weight = 0;
}
#endif
