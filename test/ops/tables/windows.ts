// Op table rows for src/ops/windows.ts: hann, hamming, blackman, bartlett and kaiser windows, symmetric and
// periodic, float32 and float64, and the empty and one-point windows.
import * as torch from "../../../src/index.js";
import type { OpCase } from "../op_case.js";

const f64 = { dtype: torch.float64 };

export const WINDOWS_OPS: OpCase[] = [
  { name: "hann_window", py: "torch.hann_window(10)", inputs: [], ts: () => torch.hann_window(10), ulps: 2 },
  {
    name: "hann_window.symmetric_float64",
    py: "torch.hann_window(9, False, dtype=torch.float64)",
    inputs: [],
    ts: () => torch.hann_window(9, false, f64),
    ulps: 2,
  },
  { name: "hann_window.empty", py: "torch.hann_window(0)", inputs: [], ts: () => torch.hann_window(0) },
  {
    name: "hann_window.one",
    py: "torch.hann_window(1, False)",
    inputs: [],
    ts: () => torch.hann_window(1, false),
  },
  {
    name: "hamming_window",
    py: "torch.hamming_window(12)",
    inputs: [],
    ts: () => torch.hamming_window(12),
    ulps: 2,
  },
  {
    name: "hamming_window.alpha_beta",
    py: "torch.hamming_window(7, False, 0.6, 0.3)",
    inputs: [],
    ts: () => torch.hamming_window(7, false, 0.6, 0.3),
    ulps: 2,
  },
  {
    name: "hamming_window.alpha_float64",
    py: "torch.hamming_window(20, True, 0.5, dtype=torch.float64)",
    inputs: [],
    ts: () => torch.hamming_window(20, true, 0.5, f64),
    ulps: 2,
  },
  {
    name: "blackman_window",
    py: "torch.blackman_window(16)",
    inputs: [],
    ts: () => torch.blackman_window(16),
    ulps: 2,
  },
  {
    name: "blackman_window.symmetric_float64",
    py: "torch.blackman_window(11, periodic=False, dtype=torch.float64)",
    inputs: [],
    ts: () => torch.blackman_window(11, { periodic: false, dtype: torch.float64 }),
    ulps: 2,
  },
  { name: "bartlett_window", py: "torch.bartlett_window(9)", inputs: [], ts: () => torch.bartlett_window(9) },
  {
    name: "bartlett_window.symmetric",
    py: "torch.bartlett_window(8, False)",
    inputs: [],
    ts: () => torch.bartlett_window(8, false),
  },
  {
    name: "kaiser_window",
    py: "torch.kaiser_window(10)",
    inputs: [],
    ts: () => torch.kaiser_window(10),
    ulps: 2,
  },
  {
    name: "kaiser_window.beta",
    py: "torch.kaiser_window(9, False, 5.0)",
    inputs: [],
    ts: () => torch.kaiser_window(9, false, 5.0),
    ulps: 2,
  },
  {
    name: "kaiser_window.float64",
    py: "torch.kaiser_window(12, True, 8.0, dtype=torch.float64)",
    inputs: [],
    ts: () => torch.kaiser_window(12, true, 8.0, f64),
    ulps: 2,
  },
];
