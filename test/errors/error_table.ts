// The error tables: one row per PyTorch error tensorgrad reproduces. `py` is Python that raises in PyTorch
// 1.13; scripts/gen_error_fixtures.py runs it and records the exception's class and message in
// test/fixtures/errors/<table>.json. `ts` is the same call in tensorgrad, which must raise exactly that class
// and message on every backend (test/errors/errors.test.ts). Add a row, then `npm run fixtures -- errors`.

export interface ErrorCase {
  /** Unique within its table; `py` when not given. */
  name?: string;
  /** Python statements, the last of which raises; the table's `setup` and torch, nn, F, math are in scope. */
  py: string;
  /** The same call in tensorgrad. */
  ts: () => unknown;
}

export interface ErrorTable {
  /** Python run once before the table's rows: the helpers their `py` calls (fresh tensors each call). */
  setup: string;
  rows: ErrorCase[];
}

/** A row's name: its own, or its Python. */
export const rowName = (row: ErrorCase): string => row.name ?? row.py;

/** An argument TypeScript's types refuse, as a JS caller could still pass it. */
export const bad = (value: unknown): never => value as never;
