/* Worker threads started once and parked on a condition variable: starting a pthread per call cost
   30-60 us, as much as a whole 1e5-element kernel. */
#include "parallel.h"
#include <pthread.h>
#include <unistd.h>

#define MAX_WORKERS 7

static pthread_mutex_t pool_busy = PTHREAD_MUTEX_INITIALIZER; /* one job at a time */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static int workers = -1; /* -1: not started yet */
static uint64_t generation = 0;
static int pending = 0;
static struct {
  range_fn fn;
  void *ctx;
  int64_t bounds[MAX_WORKERS + 2];
} job;

static void *worker_main(void *arg) {
  const int id = (int)(intptr_t)arg; /* ranges 1..workers; the caller runs range 0 */
  uint64_t seen = 0;
  for (;;) {
    pthread_mutex_lock(&lock);
    while (generation == seen) pthread_cond_wait(&wake, &lock);
    seen = generation;
    const int64_t begin = job.bounds[id], end = job.bounds[id + 1];
    pthread_mutex_unlock(&lock);
    if (begin < end) job.fn(job.ctx, begin, end);
    pthread_mutex_lock(&lock);
    if (--pending == 0) pthread_cond_signal(&done);
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

static void start_workers(void) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int want = cores > 1 ? (int)(cores - 1) : 0;
  if (want > MAX_WORKERS) want = MAX_WORKERS;
  workers = 0;
  for (int i = 0; i < want; i++) {
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&thread, &attr, worker_main, (void *)(intptr_t)(i + 1)) == 0) workers++;
    pthread_attr_destroy(&attr);
    if (workers != i + 1) break;
  }
}

void parallel_for(int64_t n, int64_t grain, int64_t align, range_fn fn, void *ctx) {
  if (n <= 0) return;
  if (grain < 1) grain = 1;
  if (align < 1) align = 1;
  if (n < 2 * grain || pthread_mutex_trylock(&pool_busy) != 0) {
    fn(ctx, 0, n);
    return;
  }
  if (workers < 0) start_workers();
  int parts = workers + 1;
  if (parts > n / grain) parts = (int)(n / grain);
  if (parts <= 1) {
    pthread_mutex_unlock(&pool_busy);
    fn(ctx, 0, n);
    return;
  }
  pthread_mutex_lock(&lock);
  job.fn = fn;
  job.ctx = ctx;
  const int64_t step = (n / parts + align - 1) / align * align;
  for (int i = 0; i <= workers + 1; i++) {
    int64_t b = i < parts ? (int64_t)i * step : n;
    job.bounds[i] = b < n ? b : n;
  }
  pending = workers;
  generation++;
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&lock);
  fn(ctx, job.bounds[0], job.bounds[1]);
  pthread_mutex_lock(&lock);
  while (pending > 0) pthread_cond_wait(&done, &lock);
  pthread_mutex_unlock(&lock);
  pthread_mutex_unlock(&pool_busy);
}
