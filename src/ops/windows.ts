// The window functions of TensorFactories.cpp (PyTorch 1.13): hann, hamming, blackman, bartlett and kaiser.
// Each is arange(window_length) scaled and passed through the same tensor ops PyTorch applies, in its
// order and dtype (so float32 windows round as PyTorch's kernels do); a periodic window is the symmetric
// window of length + 1 without its last point. Kaiser runs its kernel's scalar formula in the dtype.
import { no_grad } from "../autograd/grad_mode.js";
import { i0 as cephesI0 } from "../backend/js/cephes.js";
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { withRequiresGrad } from "../tensor/creation.js";
import { allocate, Category, defaultFloatDtype, type DType } from "../tensor/dtype.js";
import type { Device, Layout } from "../tensor/device.js";
import { Tensor } from "../tensor/tensor.js";
import { checkOptions } from "./creation.js";
import { add, cos, mul, sub } from "./elementwise.js";
import { cat } from "./join.js";

type Options = [DType | null, Layout | null, Device | null, boolean | null, boolean | null];

/** window_function_checks, then the dtype every window is computed in. */
function windowDtype(name: string, length: number, [dtype, layout, device, pin, rg]: Options): DType {
  checkOptions(layout, device, pin);
  const d = dtype ?? defaultFloatDtype();
  if (d.category !== Category.Floating && d.category !== Category.Complex)
    throw new RuntimeError(
      `${name} expects floating point dtypes, got: TensorOptions(dtype=${d.cppTypeName}, device=cpu, layout=Strided (default), requires_grad=${rg ? "true" : "false (default)"}, pinned_memory=false, memory_format=(nullopt))`,
    );
  if (length < 0)
    throw new RuntimeError(`${name} requires non-negative window_length, got window_length=${length}`);
  if (d.category === Category.Complex)
    throw new RuntimeError(`"arange_cpu" not implemented for '${d.scalarTypeName}'`);
  return d;
}

/** 0, 1, ..., n - 1 in `dtype`. */
const arange = (n: number, dtype: DType) => filled(n, dtype, (i) => i);

/** A fresh 1-d tensor of `dtype` whose element i is value(i) (already representable in dtype). */
function filled(n: number, dtype: DType, value: (i: number) => number): Tensor {
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = value(i);
  return Tensor._fromData(data, [n], dtype);
}

/**
 * The shared frame: empty and one-point windows, the periodic extension, and requires_grad on a fresh leaf.
 * `symmetric(n)` computes the symmetric window of n >= 2 points.
 */
function window(
  name: string,
  length: number,
  periodic: boolean,
  options: Options,
  symmetric: (n: number, dtype: DType) => Tensor,
): Tensor {
  const dtype = windowDtype(name, length, options);
  const values = no_grad(() => {
    if (length === 0) return filled(0, dtype, () => 0);
    if (length === 1) return filled(1, dtype, () => 1);
    const n = periodic ? length + 1 : length;
    const w = symmetric(n, dtype);
    return periodic ? w.narrow(0, 0, n - 1) : w;
  });
  const v = values.values();
  return withRequiresGrad(
    filled(length, dtype, (i) => v[i]),
    options[4],
  );
}

/** hamming_window: alpha - beta * cos(2 pi k / (n - 1)). */
export function hamming_window(
  length: number,
  periodic: boolean,
  alpha: number,
  beta: number,
  ...options: Options
): Tensor {
  return window("hamming_window", length, periodic, options, (n, dtype) =>
    add(mul(cos(mul(arange(n, dtype), (Math.PI * 2) / (n - 1))), -beta), alpha),
  );
}

/** hann_window: hamming_window with alpha = beta = 0.5, after its own checks. */
export function hann_window(length: number, periodic: boolean, ...options: Options): Tensor {
  windowDtype("hann_window", length, options);
  return hamming_window(length, periodic, 0.5, 0.5, ...options);
}

/** blackman_window: 0.08 cos(4 pi k / (n - 1)) - 0.5 cos(2 pi k / (n - 1)) + 0.42. */
export function blackman_window(length: number, periodic: boolean, ...options: Options): Tensor {
  return window("blackman_window", length, periodic, options, (n, dtype) => {
    const w = mul(arange(n, dtype), Math.PI / (n - 1));
    return add(sub(mul(cos(mul(w, 4)), 0.08), mul(cos(mul(w, 2)), 0.5)), 0.42);
  });
}

/** bartlett_window: 2k / (n - 1) rising, then 2 - 2k / (n - 1) from the middle on. */
export function bartlett_window(length: number, periodic: boolean, ...options: Options): Tensor {
  return window("bartlett_window", length, periodic, options, (n, dtype) => {
    const w = mul(arange(n, dtype), 2 / (n - 1));
    const half = ((n - 1) >> 1) + 1;
    return cat([w.narrow(0, 0, half), add(mul(w.narrow(0, half, n - half), -1), 2)]);
  });
}

/** kaiser_window: I0(beta * sqrt(1 - ((k - alpha) / alpha)^2)) / I0(beta) with alpha = (n - 1) / 2. */
export function kaiser_window(length: number, periodic: boolean, beta: number, ...options: Options): Tensor {
  return window("kaiser_window", length, periodic, options, (n, dtype) => {
    const r = dtype.cast;
    const alpha = r((n - 1) / 2);
    const b = r(beta);
    const denominator = cephesI0(b, r);
    return filled(n, dtype, (k) => {
      const t = r((k - alpha) / alpha);
      return r(cephesI0(r(b * r(Math.sqrt(r(1 - r(t * t))))), r) / denominator);
    });
  });
}

defineOps("torch", {
  "hann_window(int64_t window_length, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n: number, ...o: Options) => hann_window(n, true, ...o),
  "hann_window(int64_t window_length, bool periodic, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    hann_window,
  "hamming_window(int64_t window_length, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n: number, ...o: Options) => hamming_window(n, true, 0.54, 0.46, ...o),
  "hamming_window(int64_t window_length, bool periodic, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n: number, periodic: boolean, ...o: Options) => hamming_window(n, periodic, 0.54, 0.46, ...o),
  "hamming_window(int64_t window_length, bool periodic, double alpha, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n: number, periodic: boolean, alpha: number, ...o: Options) =>
      hamming_window(n, periodic, alpha, 0.46, ...o),
  "hamming_window(int64_t window_length, bool periodic, double alpha, double beta, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    hamming_window,
  "kaiser_window(int64_t window_length, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n: number, ...o: Options) => kaiser_window(n, true, 12, ...o),
  "kaiser_window(int64_t window_length, bool periodic, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n: number, periodic: boolean, ...o: Options) => kaiser_window(n, periodic, 12, ...o),
  "kaiser_window(int64_t window_length, bool periodic, double beta, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    kaiser_window,
  "bartlett_window(int64_t window_length, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n: number, ...o: Options) => bartlett_window(n, true, ...o),
  "bartlett_window(int64_t window_length, bool periodic, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    bartlett_window,
  "blackman_window(int64_t window_length, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n: number, ...o: Options) => blackman_window(n, true, ...o),
  "blackman_window(int64_t window_length, bool periodic, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    blackman_window,
});
