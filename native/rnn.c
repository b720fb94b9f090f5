/* The recurrent cells' fused pointwise kernels: the loops of src/backend/js/rnn.ts, operation for operation
   (that file says which unfused op each step repeats). -ffp-contract=off keeps every product and sum rounded
   on its own, as the unfused ops round them. Dense operands, one thread. */
#include <math.h>
#include <stdint.h>

#include "args.h"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-const-variable"
#pragma GCC diagnostic ignored "-Wunused-variable"
#define ENTRY_POINT_SPECS
#include "entry_points.h"
#pragma GCC diagnostic pop
#include "rnn.h"

#include "simd.h"
#include "glibc_exp.h"
#include "glibc_expf.h"
#include "sleef.h"
#include "sleef_dp.h"
#include "sleef_sp.h"

/* PyTorch's sigmoid: the vectorized form on whole blocks, the scalar form (glibc's exp) on the rest. */
ALWAYS_INLINE static float sigmoid_block_float(float x) { return 1.0f / (1.0f + sleef_expf_inline(0.0f - x)); }
ALWAYS_INLINE static float sigmoid_tail_float(float x) { return 1.0f / (1.0f + glibc_expf(-x)); }
ALWAYS_INLINE static float tanh_float(float x) { return sleef_tanhf(x); }
ALWAYS_INLINE static double sigmoid_block_double(double x) { return 1.0 / (1.0 + sleef_exp_d(0.0 - x)); }
ALWAYS_INLINE static double sigmoid_tail_double(double x) { return 1.0 / (1.0 + glibc_exp(-x)); }
ALWAYS_INLINE static double tanh_double(double x) { return sleef_tanh_d(x); }

#define DEFINE_RNN_KERNELS(T, S, BLOCK)                                                                           \
  /* sigmoid_backward: grad * (1 - y) * y. */                                                                  \
  ALWAYS_INLINE static T sigmoid_grad_##S(T g, T y) {                                                          \
    const T a = (T)1 - y;                                                                                      \
    const T b = g * a;                                                                                         \
    return b * y;                                                                                              \
  }                                                                                                            \
  /* TanhBackward0: grad * (1 - y * y). */                                                                     \
  ALWAYS_INLINE static T tanh_grad_##S(T g, T y) {                                                             \
    const T sq = y * y;                                                                                        \
    const T a = (T)1 - sq;                                                                                     \
    return g * a;                                                                                              \
  }                                                                                                            \
                                                                                                               \
  /* gate = sigmoid(h + i) over [begin, end), in the vectorized (block) or the scalar form. */                  \
  ALWAYS_INLINE static void sigmoid_gate_##S(const T *restrict G, const T *restrict I, T *restrict out,          \
                                             int64_t begin, int64_t end, int block) {                          \
    if (block)                                                                                                 \
      for (int64_t j = begin; j < end; j++) out[j] = sigmoid_block_##S(G[j] + I[j]);                           \
    else                                                                                                       \
      for (int64_t j = begin; j < end; j++) out[j] = sigmoid_tail_##S(G[j] + I[j]);                            \
  }                                                                                                            \
                                                                                                               \
  /* One row of the batch, a simple loop per step so each vectorizes. */                                      \
  ALWAYS_INLINE static void lstm_row_##S(const T *restrict I, const T *restrict G, const T *restrict C,          \
                                         int64_t H, int64_t vector_end, T *restrict hy, T *restrict cy,        \
                                         T *restrict ws) {                                                     \
    T *restrict wi = ws, *restrict wf = ws + H, *restrict wg = ws + 2 * H, *restrict wo = ws + 3 * H,          \
      *restrict wt = ws + 4 * H;                                                                               \
    for (int k = 0; k < 4; k += k == 1 ? 2 : 1) {                                                              \
      T *restrict out = ws + k * H;                                                                            \
      sigmoid_gate_##S(G + k * H, I + k * H, out, 0, vector_end, 1);                                           \
      sigmoid_gate_##S(G + k * H, I + k * H, out, vector_end, H, 0);                                           \
    }                                                                                                          \
    for (int64_t j = 0; j < H; j++) wg[j] = tanh_##S(G[2 * H + j] + I[2 * H + j]);                             \
    for (int64_t j = 0; j < H; j++) {                                                                          \
      const T kept = wf[j] * C[j];                                                                             \
      const T added = wi[j] * wg[j];                                                                           \
      cy[j] = kept + added;                                                                                    \
    }                                                                                                          \
    for (int64_t j = 0; j < H; j++) wt[j] = tanh_##S(cy[j]);                                                   \
    for (int64_t j = 0; j < H; j++) hy[j] = wo[j] * wt[j];                                                     \
  }                                                                                                            \
                                                                                                               \
  SIMD_CLONES void lstm_cell_##S(const T *ig, const T *hg, const T *cx, int64_t batch, int64_t H, T *hy, T *cy, \
                                 T *ws) {                                                                      \
    const int64_t vector_end = H - H % BLOCK;                                                                  \
    for (int64_t b = 0; b < batch; b++)                                                                        \
      lstm_row_##S(ig + b * 4 * H, hg + b * 4 * H, cx + b * H, H, vector_end, hy + b * H, cy + b * H,          \
                   ws + b * 5 * H);                                                                            \
  }                                                                                                            \
                                                                                                               \
  /* has_dhy / has_dcy are constants in each call below, so each copy is a loop without branches. */            \
  ALWAYS_INLINE static void lstm_backward_rows_##S(const T *restrict dhy, const T *restrict dcy,                \
                                                   const T *restrict cx, const T *restrict ws, int64_t batch,  \
                                                   int64_t H, int has_dhy, int has_dcy, T *restrict dgates,    \
                                                   T *restrict dcx) {                                          \
    for (int64_t b = 0; b < batch; b++) {                                                                      \
      const T *restrict w = ws + b * 5 * H;                                                                    \
      T *restrict d = dgates + b * 4 * H;                                                                      \
      for (int64_t j = 0; j < H; j++) {                                                                        \
        const int64_t k = b * H + j;                                                                           \
        const T ingate = w[j], forgetgate = w[H + j], cellgate = w[2 * H + j], outgate = w[3 * H + j],         \
                tc = w[4 * H + j];                                                                             \
        T dc = 0, d_out = 0;                                                                                   \
        if (has_dhy) {                                                                                         \
          const T g = dhy[k];                                                                                  \
          const T g_out = g * tc;                                                                              \
          d_out = sigmoid_grad_##S(g_out, outgate);                                                            \
          const T g_tanh = g * outgate;                                                                        \
          const T from_h = tanh_grad_##S(g_tanh, tc);                                                          \
          dc = has_dcy ? dcy[k] + from_h : from_h;                                                             \
        } else if (has_dcy) {                                                                                  \
          dc = dcy[k];                                                                                         \
        }                                                                                                      \
        dcx[k] = dc * forgetgate;                                                                              \
        const T g_in = dc * cellgate, g_forget = dc * cx[k], g_cell = dc * ingate;                             \
        d[j] = sigmoid_grad_##S(g_in, ingate);                                                                 \
        d[H + j] = sigmoid_grad_##S(g_forget, forgetgate);                                                     \
        d[2 * H + j] = tanh_grad_##S(g_cell, cellgate);                                                        \
        d[3 * H + j] = d_out;                                                                                  \
      }                                                                                                        \
    }                                                                                                          \
  }                                                                                                            \
                                                                                                               \
  SIMD_CLONES void lstm_cell_backward_##S(const T *dhy, const T *dcy, const T *cx, const T *ws, int64_t batch, \
                                          int64_t H, T *dgates, T *dcx) {                                      \
    if (dhy && dcy) lstm_backward_rows_##S(dhy, dcy, cx, ws, batch, H, 1, 1, dgates, dcx);                     \
    else if (dhy) lstm_backward_rows_##S(dhy, dcy, cx, ws, batch, H, 1, 0, dgates, dcx);                       \
    else lstm_backward_rows_##S(dhy, dcy, cx, ws, batch, H, 0, 1, dgates, dcx);                                \
  }                                                                                                            \
                                                                                                               \
  /* One row of the batch; [0, split) of it lies in the sigmoids' vectorized blocks. */                         \
  ALWAYS_INLINE static void gru_row_##S(const T *restrict I, const T *restrict G, const T *restrict X, int64_t H, \
                                        int64_t split, T *restrict hy, T *restrict ws) {                       \
    T *restrict wr = ws, *restrict wz = ws + H, *restrict wn = ws + 2 * H;                                     \
    for (int k = 0; k < 2; k++) {                                                                              \
      sigmoid_gate_##S(G + k * H, I + k * H, ws + k * H, 0, split, 1);                                         \
      sigmoid_gate_##S(G + k * H, I + k * H, ws + k * H, split, H, 0);                                         \
    }                                                                                                          \
    for (int64_t j = 0; j < H; j++) {                                                                          \
      const T gated = G[2 * H + j] * wr[j];                                                                    \
      wn[j] = tanh_##S(I[2 * H + j] + gated);                                                                  \
    }                                                                                                          \
    for (int64_t j = 0; j < H; j++) {                                                                          \
      const T diff = X[j] - wn[j];                                                                             \
      const T scaled = diff * wz[j];                                                                           \
      hy[j] = scaled + wn[j];                                                                                  \
    }                                                                                                          \
  }                                                                                                            \
                                                                                                               \
  /* The sigmoids run on fresh dense [B, H] tensors: whole blocks of the flat B * H elements vectorized. */    \
  SIMD_CLONES void gru_cell_##S(const T *ig, const T *hg, const T *hx, int64_t batch, int64_t H, T *hy, T *ws) { \
    const int64_t n = batch * H, vector_end = n - n % BLOCK;                                                   \
    for (int64_t b = 0; b < batch; b++) {                                                                      \
      const int64_t split = vector_end - b * H < 0 ? 0 : vector_end - b * H > H ? H : vector_end - b * H;      \
      gru_row_##S(ig + b * 3 * H, hg + b * 3 * H, hx + b * H, H, split, hy + b * H, ws + b * 3 * H);           \
    }                                                                                                          \
  }                                                                                                            \
                                                                                                               \
  SIMD_CLONES void gru_cell_backward_##S(const T *restrict dhy, const T *restrict hg, const T *restrict hx,     \
                                         const T *restrict ws, int64_t batch, int64_t H, T *restrict dig,     \
                                         T *restrict dhg, T *restrict dhx) {                                   \
    for (int64_t b = 0; b < batch; b++) {                                                                      \
      const T *w = ws + b * 3 * H, *G = hg + b * 3 * H;                                                        \
      T *di = dig + b * 3 * H, *dh = dhg + b * 3 * H;                                                          \
      for (int64_t j = 0; j < H; j++) {                                                                        \
        const int64_t k = b * H + j;                                                                           \
        const T resetgate = w[j], inputgate = w[H + j], newgate = w[2 * H + j];                                \
        const T g = dhy[k];                                                                                    \
        const T diff = hx[k] - newgate;                                                                        \
        const T d_diff = g * inputgate;                                                                        \
        const T g_z = g * diff;                                                                                \
        const T dz = sigmoid_grad_##S(g_z, inputgate);                                                         \
        const T g_n = g + -d_diff;                                                                             \
        const T dn = tanh_grad_##S(g_n, newgate);                                                              \
        const T g_r = dn * G[2 * H + j];                                                                       \
        const T dr = sigmoid_grad_##S(g_r, resetgate);                                                         \
        dhx[k] = d_diff;                                                                                       \
        di[j] = dr;                                                                                            \
        di[H + j] = dz;                                                                                        \
        di[2 * H + j] = dn;                                                                                    \
        dh[j] = dr;                                                                                            \
        dh[H + j] = dz;                                                                                        \
        dh[2 * H + j] = dn * resetgate;                                                                        \
      }                                                                                                        \
    }                                                                                                          \
  }

DEFINE_RNN_KERNELS(float, float, 16)
DEFINE_RNN_KERNELS(double, double, 8)

/* ---------------------------------------------------------------- entry points */

static int in_bounds(napi_env env, const char *entry, const char *operand, const FloatArray *a, int64_t offset,
                     int64_t count) {
  if (dense_in_bounds(offset, count, a->length)) return 1;
  throw_error(env, entry, "%s has %zu elements, fewer than offset %lld + %lld", operand, a->length,
              (long long)offset, (long long)count);
  return 0;
}

#define AT(arr, offset) ((void *)((char *)(arr).data + (offset) * ((arr).is_double ? 8 : 4)))

napi_value lstm_cell_entry(napi_env env, const LstmCellArgs *a) {
  const char *e = "lstmCell";
  int64_t n, n4, n5;
  if (!product3(a->batch, a->hidden, 1, &n) || !product3(a->batch, a->hidden, 4, &n4) ||
      !product3(a->batch, a->hidden, 5, &n5))
    return throw_error(env, e, "batch * hidden overflows");
  if (!in_bounds(env, e, "ig", &a->ig, a->ig_offset, n4) || !in_bounds(env, e, "hg", &a->hg, a->hg_offset, n4) ||
      !in_bounds(env, e, "cx", &a->cx, a->cx_offset, n) || !in_bounds(env, e, "hy", &a->hy, 0, n) ||
      !in_bounds(env, e, "cy", &a->cy, 0, n) || !in_bounds(env, e, "workspace", &a->workspace, 0, n5))
    return NULL;
  if (a->ig.is_double)
    lstm_cell_double(AT(a->ig, a->ig_offset), AT(a->hg, a->hg_offset), AT(a->cx, a->cx_offset), a->batch, a->hidden,
                     a->hy.data, a->cy.data, a->workspace.data);
  else
    lstm_cell_float(AT(a->ig, a->ig_offset), AT(a->hg, a->hg_offset), AT(a->cx, a->cx_offset), a->batch, a->hidden,
                    a->hy.data, a->cy.data, a->workspace.data);
  return NULL;
}

napi_value lstm_cell_backward_entry(napi_env env, const LstmCellBackwardArgs *a) {
  const char *e = "lstmCellBackward";
  int64_t n, n4, n5;
  if (!product3(a->batch, a->hidden, 1, &n) || !product3(a->batch, a->hidden, 4, &n4) ||
      !product3(a->batch, a->hidden, 5, &n5))
    return throw_error(env, e, "batch * hidden overflows");
  if ((a->has_dhy && !in_bounds(env, e, "dhy", &a->dhy, a->dhy_offset, n)) ||
      (a->has_dcy && !in_bounds(env, e, "dcy", &a->dcy, a->dcy_offset, n)) ||
      !in_bounds(env, e, "cx", &a->cx, a->cx_offset, n) ||
      !in_bounds(env, e, "workspace", &a->workspace, a->workspace_offset, n5) ||
      !in_bounds(env, e, "dgates", &a->dgates, 0, n4) || !in_bounds(env, e, "dcx", &a->dcx, 0, n))
    return NULL;
  if (a->cx.is_double)
    lstm_cell_backward_double(a->has_dhy ? AT(a->dhy, a->dhy_offset) : NULL,
                              a->has_dcy ? AT(a->dcy, a->dcy_offset) : NULL, AT(a->cx, a->cx_offset),
                              AT(a->workspace, a->workspace_offset), a->batch, a->hidden, a->dgates.data,
                              a->dcx.data);
  else
    lstm_cell_backward_float(a->has_dhy ? AT(a->dhy, a->dhy_offset) : NULL,
                             a->has_dcy ? AT(a->dcy, a->dcy_offset) : NULL, AT(a->cx, a->cx_offset),
                             AT(a->workspace, a->workspace_offset), a->batch, a->hidden, a->dgates.data,
                             a->dcx.data);
  return NULL;
}

napi_value gru_cell_entry(napi_env env, const GruCellArgs *a) {
  const char *e = "gruCell";
  int64_t n, n3;
  if (!product3(a->batch, a->hidden, 1, &n) || !product3(a->batch, a->hidden, 3, &n3))
    return throw_error(env, e, "batch * hidden overflows");
  if (!in_bounds(env, e, "ig", &a->ig, a->ig_offset, n3) || !in_bounds(env, e, "hg", &a->hg, a->hg_offset, n3) ||
      !in_bounds(env, e, "hx", &a->hx, a->hx_offset, n) || !in_bounds(env, e, "hy", &a->hy, 0, n) ||
      !in_bounds(env, e, "workspace", &a->workspace, 0, n3))
    return NULL;
  if (a->ig.is_double)
    gru_cell_double(AT(a->ig, a->ig_offset), AT(a->hg, a->hg_offset), AT(a->hx, a->hx_offset), a->batch, a->hidden,
                    a->hy.data, a->workspace.data);
  else
    gru_cell_float(AT(a->ig, a->ig_offset), AT(a->hg, a->hg_offset), AT(a->hx, a->hx_offset), a->batch, a->hidden,
                   a->hy.data, a->workspace.data);
  return NULL;
}

napi_value gru_cell_backward_entry(napi_env env, const GruCellBackwardArgs *a) {
  const char *e = "gruCellBackward";
  int64_t n, n3;
  if (!product3(a->batch, a->hidden, 1, &n) || !product3(a->batch, a->hidden, 3, &n3))
    return throw_error(env, e, "batch * hidden overflows");
  if (!in_bounds(env, e, "dhy", &a->dhy, a->dhy_offset, n) || !in_bounds(env, e, "hg", &a->hg, a->hg_offset, n3) ||
      !in_bounds(env, e, "hx", &a->hx, a->hx_offset, n) ||
      !in_bounds(env, e, "workspace", &a->workspace, a->workspace_offset, n3) ||
      !in_bounds(env, e, "dig", &a->dig, 0, n3) || !in_bounds(env, e, "dhg", &a->dhg, 0, n3) ||
      !in_bounds(env, e, "dhx", &a->dhx, 0, n))
    return NULL;
  if (a->dhy.is_double)
    gru_cell_backward_double(AT(a->dhy, a->dhy_offset), AT(a->hg, a->hg_offset), AT(a->hx, a->hx_offset),
                             AT(a->workspace, a->workspace_offset), a->batch, a->hidden, a->dig.data, a->dhg.data,
                             a->dhx.data);
  else
    gru_cell_backward_float(AT(a->dhy, a->dhy_offset), AT(a->hg, a->hg_offset), AT(a->hx, a->hx_offset),
                            AT(a->workspace, a->workspace_offset), a->batch, a->hidden, a->dig.data, a->dhg.data,
                            a->dhx.data);
  return NULL;
}
