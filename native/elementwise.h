/* Elementwise kernels over strided float arrays: dense loops compiled for AVX2 and the baseline, a strided
   walk for everything else, split over the thread pool for large outputs. */
#ifndef TENSORGRAD_ELEMENTWISE_H
#define TENSORGRAD_ELEMENTWISE_H
#include <stdint.h>

#include "entry_points.h" /* MAX_DIMS and the U_ and B_ op codes */

typedef struct {
  int op, is_double;
  double param; /* pow's exponent */
  /* unary: a; binary: a and b */
  const void *a, *b;
  void *out;
  int64_t a_off, b_off;
  int64_t shape[MAX_DIMS], a_str[MAX_DIMS], b_str[MAX_DIMS];
  uint32_t ndim;
  int binary, a_dense, b_dense, b_scalar;
  /* PyTorch's walk of a unary op's input (plan_walk): element idx is number sum(idx[d] * w_str[d]) of the walk,
     whose rows of row_len elements are vectorized when row_vec. */
  int64_t w_str[MAX_DIMS], row_len;
  int row_vec;
  int64_t begin, end; /* element range of the output this worker fills */
  int64_t n;          /* elements in the whole output */
} Job;

/* Fills the job's whole output ([0, n)), in parallel when it is large. */
void run_parallel(Job *job, int64_t n);
int is_dense(const int64_t *shape, const int64_t *strides, uint32_t ndim);
int all_zero(const int64_t *strides, uint32_t ndim);
/* Fills the job's w_str, row_len and row_vec from its shape and a_str. */
void plan_walk(Job *j);

#endif
