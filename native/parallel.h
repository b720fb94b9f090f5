/* A small pool of worker threads for the elementwise and row kernels: one job at a time, split into
   contiguous ranges. Kernels must give the same result however the range is split. */
#ifndef TENSORGRAD_PARALLEL_H
#define TENSORGRAD_PARALLEL_H
#include <stdint.h>

typedef void (*range_fn)(void *ctx, int64_t begin, int64_t end);

/* Runs fn over [0, n) in up to one range per core, each at least `grain` long (ranges start at multiples
   of `align`). Runs on the calling thread alone when n is small, the pool is busy (another Node worker
   thread is using it) or threads can't be started; a range no worker has started by the time the caller is
   done with its own runs on the caller. */
void parallel_for(int64_t n, int64_t grain, int64_t align, range_fn fn, void *ctx);

/* The thread policy (docs/native.md): a job uses at most parallel_threads() threads, the caller's included,
   never more than available_cores(). It starts at default_threads() (OMP_NUM_THREADS when set, as PyTorch's
   OpenMP runtime reads it, else the cores this process may run on); torch.set_num_threads(n) sets it (clamped
   to the cores) through parallel_set_threads. */
int available_cores(void);
int default_threads(void);
void parallel_set_threads(int n);
int parallel_threads(void);

#endif
