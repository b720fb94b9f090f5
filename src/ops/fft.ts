// torch.fft (docs/complex.md): the user-facing transforms of aten/src/ATen/native/SpectralOps.cpp, built on its
// three primitives _fft_r2c, _fft_c2r and _fft_c2c (FftR2CBackward0, FftC2RBackward0, FftC2CBackward0), which
// compute in float64 with the kernel of src/backend/js/fft.ts (native/fft.c on the native backend, same bits) and
// round to the result's dtype.
import { fftAlong as jsFftAlong, hermitianExtend } from "../backend/js/fft.js";
import { RuntimeError } from "../errors.js";
import { defineComplex, notImplementedFor } from "../signatures/complex_dispatch.js";
import { defineOps } from "../signatures/registry.js";
import type { Device, Layout } from "../tensor/device.js";
import { checkOptions } from "./creation.js";
import { defineOutCheck } from "./out.js";
import { realView, toComplexDtype, toRealDtype } from "../tensor/complex.js";
import { checkAllocation, complex128, defaultFloatDtype, type DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { backend } from "../backend/backend.js";
import { asComplex, conj, view_as_complex, view_as_real } from "./complex.js";
import { fromData, record } from "./core.js";
import { cat, roll } from "./join.js";
import { contiguous, movedim, narrow } from "./shape.js";
import { zeros } from "../tensor/creation.js";

/** fft_norm_mode: 0 none, 1 by 1/sqrt(n), 2 by 1/n. */
export type Norm = 0 | 1 | 2;

/** The active backend's FFT along one dim (native/fft.c on the native backend), else the TypeScript kernel. */
function fftAlong(data: Float64Array, shape: readonly number[], dim: number, inverse: boolean): void {
  (backend().fftAlong ?? jsFftAlong)(data, shape, dim, inverse);
}

function normFromString(norm: string | null, forward: boolean): Norm {
  if (norm === null || norm === "backward") return forward ? 0 : 2;
  if (norm === "forward") return forward ? 2 : 0;
  if (norm === "ortho") return 1;
  throw new RuntimeError(`Invalid normalization mode: "${norm}"`);
}

/** x's values as a contiguous complex128 buffer (real x: imaginary parts 0). */
function complexBuffer(x: Tensor): Float64Array {
  const n = x.numel();
  const out = new Float64Array(2 * n);
  if (x.dtype.is_complex) out.set(backend().copy(realView(x), toRealDtype(complex128)));
  else {
    const v = backend().copy(x._view(), toRealDtype(complex128));
    for (let i = 0; i < n; i++) out[2 * i] = v[i];
  }
  return out;
}

function scale(buf: Float64Array, norm: Norm, signalNumel: number): void {
  if (norm === 0) return;
  const f = norm === 2 ? 1 / signalNumel : 1 / Math.sqrt(signalNumel);
  for (let i = 0; i < buf.length; i++) buf[i] *= f;
}

/** A complex128 buffer as a complex tensor of `dtype` (rounding complex64 components). */
function complexTensor(buf: Float64Array, shape: readonly number[], dtype: DType): Tensor {
  if (dtype === complex128) return fromData(buf, shape, dtype);
  return fromData(new Float32Array(buf), shape, dtype);
}

/** _fft_c2c(self, dim, normalization, forward). */
export function fft_c2c(self: Tensor, dim: number[], normalization: Norm, forward: boolean): Tensor {
  const buf = complexBuffer(self);
  for (const d of dim) fftAlong(buf, self.shape, d, !forward);
  scale(
    buf,
    normalization,
    dim.reduce((n, d) => n * self.shape[d], 1),
  );
  const out = complexTensor(buf, self.shape, self.dtype);
  return record("FftC2CBackward0", [self], out, () => ({ dim, normalization, forward }));
}

/** _fft_r2c(self, dim, normalization, onesided): a real input's forward transform. */
export function fft_r2c(self: Tensor, dim: number[], normalization: Norm, onesided: boolean): Tensor {
  const buf = complexBuffer(self);
  // The last dim first, on real lines (pocketfft's r2c): their spectra are made exactly Hermitian.
  const lastDim = dim[dim.length - 1];
  fftAlong(buf, self.shape, lastDim, false);
  hermitianFix(buf, self.shape, lastDim);
  for (const d of dim.slice(0, -1)) fftAlong(buf, self.shape, d, false);
  scale(
    buf,
    normalization,
    dim.reduce((n, d) => n * self.shape[d], 1),
  );
  const dtype = toComplexDtype(self.dtype);
  let out = complexTensor(buf, self.shape, dtype);
  const last = dim[dim.length - 1];
  if (onesided) out = contiguous(narrowComplex(out, last, 0, Math.floor(self.shape[last] / 2) + 1));
  const lastDimSize = self.shape[last];
  return record("FftR2CBackward0", [self], out, () => ({ dim, normalization, onesided, lastDimSize }));
}

/** Makes each line along dim of a real signal's spectrum exactly Hermitian: X[0], X[n/2] real, X[n-k] = conj X[k]. */
function hermitianFix(buf: Float64Array, shape: readonly number[], dim: number): void {
  const n = shape[dim];
  let inner = 1;
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
  const outer = buf.length / 2 / (n * inner);
  const step = 2 * inner;
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const base = 2 * (o * n * inner + i);
      buf[base + 1] = 0;
      if (n % 2 === 0) buf[base + (n / 2) * step + 1] = 0;
      for (let k = 1; 2 * k < n; k++) {
        const p = base + k * step;
        const q = base + (n - k) * step;
        const re = (buf[p] + buf[q]) / 2;
        const im = (buf[p + 1] - buf[q + 1]) / 2;
        buf[p] = buf[q] = re;
        buf[p + 1] = im;
        buf[q + 1] = -im;
      }
    }
}

/** _fft_c2r(self, dim, normalization, last_dim_size): a one-sided Hermitian input's real inverse. */
export function fft_c2r(self: Tensor, dim: number[], normalization: Norm, lastDimSize: number): Tensor {
  const last = dim[dim.length - 1];
  // Move the last transformed dim to the end so the Hermitian line is contiguous.
  const moved = movedim(self, [last], [-1]);
  let buf = complexBuffer(moved);
  const shape = [...moved.shape];
  const others = dim.slice(0, -1).map((d) => (d > last ? d - 1 : d));
  for (const d of others) fftAlong(buf, shape, d, true);
  buf = hermitianExtend(buf, shape, lastDimSize);
  shape[shape.length - 1] = lastDimSize;
  fftAlong(buf, shape, shape.length - 1, true);
  const n = buf.length / 2;
  const realDtype = toRealDtype(self.dtype);
  const data = realDtype === toRealDtype(complex128) ? new Float64Array(n) : new Float32Array(n);
  const signal = others.reduce((p, d) => p * shape[d], lastDimSize);
  const f = normalization === 0 ? 1 : normalization === 2 ? 1 / signal : 1 / Math.sqrt(signal);
  for (let i = 0; i < n; i++) data[i] = buf[2 * i] * f;
  const out = contiguous(movedim(fromData(data, shape, realDtype), [-1], [last]));
  return record("FftC2RBackward0", [self], out, () => ({ dim, normalization }));
}

/** narrow along dim for complex (through the real view, so its backward stays real) or real tensors. */
export function narrowComplex(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (!x.dtype.is_complex) return narrow(x, dim, start, length);
  return view_as_complex(contiguous(narrow(view_as_real(x), dim, start, length)));
}

/** Zero-pads or trims x along dim to n (SpectralOps.cpp's resize_fft_input). */
function resize(x: Tensor, dim: number, n: number): Tensor {
  const size = x.shape[dim];
  if (n === size) return x;
  if (n < size) return narrowComplex(x, dim, 0, n);
  const padShape = [...x.shape];
  padShape[dim] = n - size;
  if (!x.dtype.is_complex) return cat([x, zeros(padShape, { dtype: x.dtype })], dim);
  const r = view_as_real(x);
  return view_as_complex(cat([r, zeros([...padShape, 2], { dtype: r.dtype })], dim));
}

function checkPoints(n: number): void {
  if (n < 1) throw new RuntimeError(`Invalid number of data points (${n}) specified`);
}

/** Integer inputs compute in the default float dtype (promote_tensor_fft). */
function promote(x: Tensor, requireComplex: boolean): Tensor {
  let t = x;
  if (!t.dtype.is_complex && !t.dtype.is_floating_point) t = t.to(defaultFloatDtype()) as Tensor;
  return requireComplex ? asComplex(t) : t;
}

type Kind = "c2c" | "r2c" | "c2r";

/** The 1-D transforms: fft, ifft, rfft, irfft, hfft, ihfft. */
function oneDim(
  name: string,
  kind: Kind,
  forward: boolean,
  input: Tensor,
  n: number | null,
  dim: number,
  norm: string | null,
): Tensor {
  if (input.ndim === 0) throw new RuntimeError("Invalid number of data points (0) specified");
  const d = normalizeDim(dim, input.ndim);
  const mode = normFromString(norm, forward);
  if (kind === "c2r") {
    const outN = n ?? 2 * (input.shape[d] - 1);
    checkPoints(outN);
    let x = resize(promote(input, true), d, Math.floor(outN / 2) + 1);
    if (forward) x = conj(x);
    return fft_c2r(x, [d], mode, outN);
  }
  if (kind === "r2c" && input.dtype.is_complex)
    throw new RuntimeError(`${name} expects a real input tensor, but got ${input.dtype.scalarTypeName}`);
  const size = n ?? input.shape[d];
  checkPoints(size);
  let x = resize(promote(input, false), d, size);
  if (kind === "r2c" || !x.dtype.is_complex) {
    const out = fft_r2c(x, [d], mode, kind === "r2c");
    return forward ? out : conj(out);
  }
  x = resize(x, d, size);
  return fft_c2c(x, [d], mode, forward);
}

/** canonicalize_fft_shape_and_dim_args. */
function shapeAndDims(input: Tensor, s: number[] | null, dim: number[] | null): [number[], number[]] {
  let dims: number[];
  if (dim !== null) {
    dims = dim.map((d) => normalizeDim(d, input.ndim));
    if (new Set(dims).size !== dims.length) throw new RuntimeError("FFT dims must be unique");
  }
  if (s !== null) {
    if (dim !== null && s.length !== dim.length)
      throw new RuntimeError("When given, dim and shape arguments must have the same length");
    if (s.length > input.ndim)
      throw new RuntimeError(
        `Got shape with ${s.length} values but input tensor only has ${input.ndim} dimensions.`,
      );
    if (dim === null) dims = s.map((_, i) => input.ndim - s.length + i);
  } else if (dim === null) dims = input.shape.map((_, i) => i);
  const shape =
    s !== null ? s.map((v, i) => (v === -1 ? input.shape[dims![i]] : v)) : dims!.map((d) => input.shape[d]);
  for (const v of shape) checkPoints(v);
  return [shape, dims!];
}

/** The n-dimensional transforms: fftn, ifftn, rfftn, irfftn (and the 2-D ones). */
function nDim(
  name: string,
  kind: Kind,
  forward: boolean,
  input: Tensor,
  s: number[] | null,
  dim: number[] | null,
  norm: string | null,
): Tensor {
  const [shape, dims] = shapeAndDims(input, s, dim);
  const mode = normFromString(norm, forward);
  if (kind === "r2c" && input.dtype.is_complex)
    throw new RuntimeError(
      `${name} expects a real-valued input tensor, but got ${input.dtype.scalarTypeName}`,
    );
  if (dims.length === 0) return kind === "c2c" ? promote(input, true) : input;
  const last = dims.length - 1;
  if (kind === "c2r") {
    const lastN = s !== null && s[last] !== -1 ? shape[last] : 2 * (input.shape[dims[last]] - 1);
    checkPoints(lastN);
    let x = promote(input, true);
    dims.forEach((d, i) => (x = resize(x, d, i === last ? Math.floor(lastN / 2) + 1 : shape[i])));
    return fft_c2r(x, dims, mode, lastN);
  }
  let x = promote(input, kind === "c2c");
  dims.forEach((d, i) => (x = resize(x, d, shape[i])));
  return kind === "r2c" ? fft_r2c(x, dims, mode, true) : fft_c2c(x, dims, mode, forward);
}

/** fftfreq / rfftfreq: the sample frequencies. */
function freq(
  n: number,
  d: number,
  half: boolean,
  dtype: DType | null,
  requiresGrad: boolean | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
): Tensor {
  checkOptions(layout, device, pinMemory);
  const dt = dtype ?? defaultFloatDtype();
  if (dt.is_complex) throw notImplementedFor("arange_cpu", dt);
  if (!dt.is_floating_point)
    throw new RuntimeError(`${half ? "rfftfreq" : "fftfreq"} requires a floating point or complex dtype`);
  const count = half ? Math.floor(n / 2) + 1 : n;
  if (count < 0)
    throw new RuntimeError(`Trying to create tensor with negative dimension ${count}: [${count}]`);
  // arange's allocation, before the values are listed (2**40 of them is a JS RangeError).
  checkAllocation(toRealDtype(dt), count);
  const values = Array.from({ length: count }, (_, i) => (half || i < Math.ceil(n / 2) ? i : i - n));
  const data = new Float64Array(values.map((v) => v / (d * n)));
  const out = fromData(dt.name === "float32" ? Float32Array.from(data) : data, [count], toRealDtype(dt));
  if (requiresGrad) out.requires_grad_(true);
  return out;
}

function shift(input: Tensor, dim: number[] | null, inverse: boolean): Tensor {
  const dims = dim === null ? input.shape.map((_, i) => i) : dim.map((d) => normalizeDim(d, input.ndim));
  const shifts = dims.map((d) =>
    inverse ? -Math.floor(input.shape[d] / 2) : Math.floor(input.shape[d] / 2),
  );
  if (!input.dtype.is_complex) return roll(input, shifts, dims);
  return view_as_complex(contiguous(roll(view_as_real(input), shifts, dims)));
}

const IN =
  "(Tensor input, int64_t? n=None, int64_t dim=-1, c10::string_view? norm=None, *, Tensor out=None) -> Tensor";
const IN2 =
  "(Tensor input, IntArrayRef[1]? s=None, IntArrayRef[1] dim={-2,-1}, c10::string_view? norm=None, *, Tensor out=None) -> Tensor";
const INN =
  "(Tensor input, IntArrayRef[1]? s=None, IntArrayRef[1]? dim=None, c10::string_view? norm=None, *, Tensor out=None) -> Tensor";
const FREQ =
  "(int64_t n, double d=1.0, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor";

type Fn1 = (input: Tensor, n: number | null, dim: number, norm: string | null) => Tensor;
type FnN = (input: Tensor, s: number[] | null, dim: number[] | null, norm: string | null) => Tensor;
const one =
  (name: string, kind: Kind, forward: boolean): Fn1 =>
  (input, n, dim, norm) =>
    oneDim(name, kind, forward, input, n, dim, norm);
const many =
  (name: string, kind: Kind, forward: boolean): FnN =>
  (input, s, dim, norm) =>
    nDim(name, kind, forward, input, s, dim, norm);

const freqOp =
  (half: boolean) =>
  (
    n: number,
    d: number,
    dtype: DType | null,
    l: Layout | null,
    dev: Device | null,
    p: boolean | null,
    rg: boolean | null,
  ) =>
    freq(n, d, half, dtype, rg, l, dev, p);

const DECLS: Record<string, unknown> = {
  [`fft_fft${IN}`]: one("fft", "c2c", true),
  [`fft_ifft${IN}`]: one("ifft", "c2c", false),
  [`fft_rfft${IN}`]: one("rfft", "r2c", true),
  [`fft_irfft${IN}`]: one("irfft", "c2r", false),
  [`fft_hfft${IN}`]: one("hfft", "c2r", true),
  [`fft_ihfft${IN}`]: one("ihfft", "r2c", false),
  [`fft_fft2${IN2}`]: many("fft2", "c2c", true),
  [`fft_ifft2${IN2}`]: many("ifft2", "c2c", false),
  [`fft_rfft2${IN2}`]: many("rfftn", "r2c", true),
  [`fft_irfft2${IN2}`]: many("irfft2", "c2r", false),
  [`fft_fftn${INN}`]: many("fftn", "c2c", true),
  [`fft_ifftn${INN}`]: many("ifftn", "c2c", false),
  [`fft_rfftn${INN}`]: many("rfftn", "r2c", true),
  [`fft_irfftn${INN}`]: many("irfftn", "c2r", false),
  [`fft_fftfreq${FREQ}`]: freqOp(false),
  [`fft_rfftfreq${FREQ}`]: freqOp(true),
  "fft_fftshift(Tensor input, IntArrayRef[1]? dim=None) -> Tensor": (input: Tensor, dim: number[] | null) =>
    shift(input, dim, false),
  "fft_ifftshift(Tensor input, IntArrayRef[1]? dim=None) -> Tensor": (input: Tensor, dim: number[] | null) =>
    shift(input, dim, true),
};

// out=: the c2c and r2c transforms need a complex out tensor (their own check, before the generic cast check).
const COMPLEX_OUT: Record<string, string> = {
  fft_fft: "fft",
  fft_ifft: "ifft",
  fft_rfft: "rfft",
  fft_ihfft: "ihfft",
  fft_fft2: "fftn",
  fft_ifft2: "fftn",
  fft_fftn: "fftn",
  fft_ifftn: "fftn",
  fft_rfft2: "rfftn",
  fft_rfftn: "rfftn",
};
for (const [sig, name] of Object.entries(COMPLEX_OUT))
  defineOutCheck([sig], (out) => {
    if (out instanceof Tensor && !out.dtype.is_complex)
      throw new RuntimeError(`${name} expects a complex output tensor, but got ${out.dtype.scalarTypeName}`);
  });

const NAMES = [
  "fft",
  "ifft",
  "rfft",
  "irfft",
  "hfft",
  "ihfft",
  "fft2",
  "ifft2",
  "rfft2",
  "irfft2",
  "fftn",
  "ifftn",
  "rfftn",
  "irfftn",
  "fftfreq",
  "rfftfreq",
  "fftshift",
  "ifftshift",
];
defineOps("torch.fft", DECLS as never, {
  publicNames: Object.fromEntries(NAMES.map((n) => [`fft_${n}`, n])),
});
defineComplex(
  NAMES.map((n) => `torch.fft:${n}`),
  (args, impl) => impl(...args),
);
