/* The recurrent cells' fused pointwise kernels (native/rnn.c, the loops of src/backend/js/rnn.ts) and the addon
   entry points that check their arguments and call them. */
#ifndef TENSORGRAD_RNN_H
#define TENSORGRAD_RNN_H
#include <node_api.h>
#include <stdint.h>

#include "args.h"

void lstm_cell_float(const float *ig, const float *hg, const float *cx, int64_t batch, int64_t hidden, float *hy,
                     float *cy, float *workspace);
void lstm_cell_double(const double *ig, const double *hg, const double *cx, int64_t batch, int64_t hidden,
                      double *hy, double *cy, double *workspace);
void lstm_cell_backward_float(const float *dhy, const float *dcy, const float *cx, const float *workspace,
                              int64_t batch, int64_t hidden, float *dgates, float *dcx);
void lstm_cell_backward_double(const double *dhy, const double *dcy, const double *cx, const double *workspace,
                               int64_t batch, int64_t hidden, double *dgates, double *dcx);
void gru_cell_float(const float *ig, const float *hg, const float *hx, int64_t batch, int64_t hidden, float *hy,
                    float *workspace);
void gru_cell_double(const double *ig, const double *hg, const double *hx, int64_t batch, int64_t hidden,
                     double *hy, double *workspace);
void gru_cell_backward_float(const float *dhy, const float *hg, const float *hx, const float *workspace,
                             int64_t batch, int64_t hidden, float *dig, float *dhg, float *dhx);
void gru_cell_backward_double(const double *dhy, const double *hg, const double *hx, const double *workspace,
                              int64_t batch, int64_t hidden, double *dig, double *dhg, double *dhx);

/* The entry points, for files that include the argument structs (ENTRY_POINT_SPECS) first. */
#ifdef TENSORGRAD_ENTRY_POINT_SPECS
napi_value lstm_cell_entry(napi_env env, const LstmCellArgs *a);
napi_value lstm_cell_backward_entry(napi_env env, const LstmCellBackwardArgs *a);
napi_value gru_cell_entry(napi_env env, const GruCellArgs *a);
napi_value gru_cell_backward_entry(napi_env env, const GruCellBackwardArgs *a);
#endif
#endif
