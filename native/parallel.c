/* Worker threads started once and parked on a condition variable: starting a pthread per call cost
   30-60 us, as much as a whole 1e5-element kernel. How many of them a job uses is the thread policy's
   (parallel.h): torch.set_num_threads(n) sets it, with OpenBLAS's count (native/tensorgrad.c). */
#define _GNU_SOURCE
#include "parallel.h"
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_WORKERS 63

static pthread_mutex_t pool_busy = PTHREAD_MUTEX_INITIALIZER; /* one job at a time */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static int workers = 0;      /* started so far */
static int pool_threads = 0; /* threads a job may use, the caller's included; 0: not decided yet */
static uint64_t generation = 0;
static int pending = 0;
static uint64_t start_generation[MAX_WORKERS + 1]; /* the generation each worker was started in */
/* The current job, written under `lock` by its caller. `pending` counts its ranges 1..parts - 1 not yet
   finished; a range runs on whichever thread claims it first (under `lock`): its worker, or the caller once
   its own range is done, so a worker the scheduler hasn't woken yet (a loaded machine) doesn't hold the job
   up. The split is the same either way, so the results are. */
static struct {
  range_fn fn;
  void *ctx;
  int parts;
  int64_t bounds[MAX_WORKERS + 2];
  unsigned char claimed[MAX_WORKERS + 1];
} job;

int available_cores(void) {
#ifdef CPU_COUNT
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
#endif
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  return cores > 0 ? (int)cores : 1;
}

/* A positive integer environment variable, or 0. */
static int env_threads(const char *name) {
  const char *v = getenv(name);
  if (v == NULL || *v == '\0') return 0;
  char *end;
  const long n = strtol(v, &end, 10);
  return *end == '\0' && n > 0 && n < 1 << 20 ? (int)n : 0;
}

int default_threads(void) {
  const int omp = env_threads("OMP_NUM_THREADS");
  return omp > 0 ? omp : available_cores();
}

static void *worker_main(void *arg) {
  const int id = (int)(intptr_t)arg; /* ranges 1..parts - 1; the caller runs range 0 */
  pthread_mutex_lock(&lock);
  uint64_t seen = start_generation[id];
  pthread_mutex_unlock(&lock);
  for (;;) {
    pthread_mutex_lock(&lock);
    while (generation == seen) pthread_cond_wait(&wake, &lock);
    seen = generation;
    const int mine = id < job.parts && !job.claimed[id];
    if (mine) job.claimed[id] = 1;
    const range_fn fn = job.fn;
    void *const ctx = job.ctx;
    const int64_t begin = mine ? job.bounds[id] : 0, end = mine ? job.bounds[id + 1] : 0;
    pthread_mutex_unlock(&lock);
    if (!mine) continue;
    if (begin < end) fn(ctx, begin, end);
    pthread_mutex_lock(&lock);
    if (--pending == 0) pthread_cond_signal(&done);
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

/* Starts workers until there are `want` (called with pool_busy held, so no job is running). */
static void start_workers(int want) {
  if (want > MAX_WORKERS) want = MAX_WORKERS;
  while (workers < want) {
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* A new worker starts at the current generation, so it waits for the next job however late it runs. */
    pthread_mutex_lock(&lock);
    start_generation[workers + 1] = generation;
    const int ok = pthread_create(&thread, &attr, worker_main, (void *)(intptr_t)(workers + 1)) == 0;
    pthread_mutex_unlock(&lock);
    pthread_attr_destroy(&attr);
    if (!ok) break;
    workers++;
  }
}

void parallel_set_threads(int n) {
  const int cores = available_cores();
  pthread_mutex_lock(&pool_busy);
  pool_threads = n < 1 ? 1 : n > cores ? cores : n;
  pthread_mutex_unlock(&pool_busy);
}

int parallel_threads(void) {
  if (pool_threads > 0) return pool_threads;
  const int cores = available_cores(), want = default_threads();
  return want > cores ? cores : want;
}

void parallel_for(int64_t n, int64_t grain, int64_t align, range_fn fn, void *ctx) {
  if (n <= 0) return;
  if (grain < 1) grain = 1;
  if (align < 1) align = 1;
  if (n < 2 * grain || pthread_mutex_trylock(&pool_busy) != 0) {
    fn(ctx, 0, n);
    return;
  }
  if (pool_threads == 0) pool_threads = parallel_threads();
  if (workers < pool_threads - 1) start_workers(pool_threads - 1);
  int parts = workers + 1 < pool_threads ? workers + 1 : pool_threads;
  if (parts > n / grain) parts = (int)(n / grain);
  if (parts <= 1) {
    pthread_mutex_unlock(&pool_busy);
    fn(ctx, 0, n);
    return;
  }
  pthread_mutex_lock(&lock);
  job.fn = fn;
  job.ctx = ctx;
  job.parts = parts;
  const int64_t step = (n / parts + align - 1) / align * align;
  for (int i = 0; i <= parts; i++) {
    const int64_t b = i < parts ? (int64_t)i * step : n;
    job.bounds[i] = b < n ? b : n;
    if (i < parts) job.claimed[i] = i == 0;
  }
  pending = parts - 1;
  generation++;
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&lock);
  fn(ctx, job.bounds[0], job.bounds[1]);
  /* The ranges no worker has claimed yet run here. */
  for (int i = 1; i < parts; i++) {
    pthread_mutex_lock(&lock);
    const int mine = !job.claimed[i];
    if (mine) job.claimed[i] = 1;
    pthread_mutex_unlock(&lock);
    if (!mine) continue;
    if (job.bounds[i] < job.bounds[i + 1]) fn(ctx, job.bounds[i], job.bounds[i + 1]);
    pthread_mutex_lock(&lock);
    pending--;
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  while (pending > 0) pthread_cond_wait(&done, &lock);
  pthread_mutex_unlock(&lock);
  pthread_mutex_unlock(&pool_busy);
}
