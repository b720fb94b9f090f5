// torch.set_num_threads / get_num_threads: the thread count PyTorch reports and the native backend uses. It
// starts as PyTorch's does, at OMP_NUM_THREADS when that is a positive integer, else the cores this process
// may run on (os.availableParallelism(); navigator.hardwareConcurrency in a browser). The native addon applies
// a set count to its thread pool and to OpenBLAS together (native/parallel.h, docs/native.md); at start it
// takes the same default for its pool and leaves OpenBLAS at the count OpenBLAS read from its environment.
// No Node module is imported: this file is part of browser bundles.

interface Env {
  process?: {
    env?: Record<string, string | undefined>;
    getBuiltinModule?: (name: string) => unknown;
  };
  navigator?: { hardwareConcurrency?: number };
}

/** The cores this process may run on. */
function availableCores(): number {
  const g = globalThis as Env;
  const os = g.process?.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined;
  const n = os?.availableParallelism?.() ?? g.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, n);
}

function defaultThreads(): number {
  const omp = (globalThis as Env).process?.env?.OMP_NUM_THREADS?.trim();
  return omp && /^\d+$/.test(omp) && Number(omp) > 0 ? Number(omp) : availableCores();
}

let threads = defaultThreads();
/** Whether set_num_threads ran (a native backend created later applies it). */
let set = false;
/** The loaded addon's setter; one addon serves every native backend of the process. */
let apply: ((n: number) => void) | null = null;

/** What torch.get_num_threads() returns. */
export function numThreads(): number {
  return threads;
}

/** torch.set_num_threads(n) after its argument checks (n >= 1): stored, and applied to the native addon. */
export function setNumThreads(n: number): void {
  threads = n;
  set = true;
  apply?.(n);
}

/** Called by each native backend as it is created with its addon's thread setter. */
export function connectThreads(setter: (n: number) => void): void {
  apply = setter;
  if (set) setter(threads);
}
