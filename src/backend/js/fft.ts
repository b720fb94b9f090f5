// Discrete Fourier transforms for torch.fft (docs/complex.md), in float64 on an interleaved complex buffer:
// radix-2 Cooley-Tukey for powers of two, Bluestein's chirp-z transform (on a power-of-two convolution) for
// every other length. PyTorch's CPU build uses pocketfft; results agree to a tolerance, not bit for bit.
// Every number that depends only on the length (twiddles, the chirp and its transform) is computed once per
// length and direction, here, into a plan; the native kernel (native/fft.c) takes the same plan and repeats the
// loops below operation for operation, so both backends give the same bits.

/**
 * The data-independent part of a length-n transform, one Float64Array (native/fft.c reads the same layout):
 * n a power of two: the radix-2 twiddles of n (`twiddles`); otherwise, with m the power of two >= 2n - 1:
 * the chirp (n complex), the forward transform of the chirp's convolution kernel (m complex), then the forward
 * and the inverse radix-2 twiddles of m. Radix-2 twiddles of length L: for each stage len = 2, 4, ..., L, its
 * half = len / 2 values (cos, sin)(sign * 2 pi / len * k), stage `half` starting at pair half - 1 (L - 1 pairs).
 */
export interface FftPlan {
  n: number;
  /** 0 for a power of two, else Bluestein's convolution length. */
  m: number;
  data: Float64Array;
}

/** Bluestein's convolution length for n (0 when n is a power of two, or at most 1). */
export function bluesteinLength(n: number): number {
  if ((n & (n - 1)) === 0) return 0;
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  return m;
}

function writeTwiddles(out: Float64Array, at: number, length: number, inverse: boolean): void {
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= length; len <<= 1) {
    const half = len >> 1;
    const step = (sign * 2 * Math.PI) / len;
    const base = at + 2 * (half - 1);
    for (let k = 0; k < half; k++) {
      out[base + 2 * k] = Math.cos(step * k);
      out[base + 2 * k + 1] = Math.sin(step * k);
    }
  }
}

function makePlan(n: number, inverse: boolean): FftPlan {
  const m = bluesteinLength(n);
  if (m === 0) {
    const data = new Float64Array(2 * Math.max(n - 1, 0));
    writeTwiddles(data, 0, n, inverse);
    return { n, m, data };
  }
  const data = new Float64Array(2 * n + 2 * m + 4 * (m - 1));
  const sign = inverse ? 1 : -1;
  // chirp w[k] = exp(sign * i * pi * k^2 / n), k^2 taken mod 2n for accuracy.
  for (let k = 0; k < n; k++) {
    const angle = (sign * Math.PI * ((k * k) % (2 * n))) / n;
    data[2 * k] = Math.cos(angle);
    data[2 * k + 1] = Math.sin(angle);
  }
  const fwd = 2 * n + 2 * m;
  const inv = fwd + 2 * (m - 1);
  writeTwiddles(data, fwd, m, false);
  writeTwiddles(data, inv, m, true);
  // The convolution kernel b[k] = conj(w[k]) (and b[m - k]), transformed forward.
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = data[0];
  bi[0] = -data[1];
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = data[2 * k];
    bi[k] = bi[m - k] = -data[2 * k + 1];
  }
  radix2(br, bi, data, fwd);
  for (let k = 0; k < m; k++) {
    data[2 * n + 2 * k] = br[k];
    data[2 * n + 2 * k + 1] = bi[k];
  }
  return { n, m, data };
}

const PLANS = new Map<string, FftPlan>();

/** The plan of a length-n transform (cached; a few hundred lengths at most are kept). */
export function fftPlan(n: number, inverse: boolean): FftPlan {
  const key = `${n}${inverse ? "i" : "f"}`;
  let plan = PLANS.get(key);
  if (plan === undefined) {
    if (PLANS.size >= 256) PLANS.clear();
    plan = makePlan(n, inverse);
    PLANS.set(key, plan);
  }
  return plan;
}

/** In place: the radix-2 DFT of re/im (length a power of two) with the twiddles at tw[at...]. */
function radix2(re: Float64Array, im: Float64Array, tw: Float64Array, at: number): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const base = at + 2 * (half - 1);
    for (let k = 0; k < half; k++) {
      const wr = tw[base + 2 * k];
      const wi = tw[base + 2 * k + 1];
      for (let i = k; i < n; i += len) {
        const j = i + half;
        const xr = re[j] * wr - im[j] * wi;
        const xi = re[j] * wi + im[j] * wr;
        re[j] = re[i] - xr;
        im[j] = im[i] - xi;
        re[i] += xr;
        im[i] += xi;
      }
    }
  }
}

/** Scratch arrays of Bluestein's convolution (length m). */
interface Scratch {
  ar: Float64Array;
  ai: Float64Array;
}

function bluestein(re: Float64Array, im: Float64Array, plan: FftPlan, s: Scratch): void {
  const { n, m, data } = plan;
  const { ar, ai } = s;
  ar.fill(0);
  ai.fill(0);
  for (let k = 0; k < n; k++) {
    const cr = data[2 * k];
    const ci = data[2 * k + 1];
    ar[k] = re[k] * cr - im[k] * ci;
    ai[k] = re[k] * ci + im[k] * cr;
  }
  const fwd = 2 * n + 2 * m;
  radix2(ar, ai, data, fwd);
  for (let k = 0; k < m; k++) {
    const br = data[2 * n + 2 * k];
    const bi = data[2 * n + 2 * k + 1];
    const r = ar[k] * br - ai[k] * bi;
    ai[k] = ar[k] * bi + ai[k] * br;
    ar[k] = r;
  }
  radix2(ar, ai, data, fwd + 2 * (m - 1));
  for (let k = 0; k < n; k++) {
    const r = ar[k] / m;
    const i = ai[k] / m;
    const cr = data[2 * k];
    const ci = data[2 * k + 1];
    re[k] = r * cr - i * ci;
    im[k] = r * ci + i * cr;
  }
}

/**
 * In place on a contiguous interleaved complex128 buffer of `shape`: the unscaled DFT along `dim`
 * (inverse: the conjugate kernel).
 */
export function fftAlong(data: Float64Array, shape: readonly number[], dim: number, inverse: boolean): void {
  const n = shape[dim];
  if (n <= 1) return;
  let inner = 1;
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
  let outer = 1;
  for (let d = 0; d < dim; d++) outer *= shape[d];
  if (outer * inner === 0) return;
  const plan = fftPlan(n, inverse);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const scratch = { ar: new Float64Array(plan.m), ai: new Float64Array(plan.m) };
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let k = 0; k < n; k++) {
        re[k] = data[2 * (base + k * inner)];
        im[k] = data[2 * (base + k * inner) + 1];
      }
      if (plan.m === 0) radix2(re, im, plan.data, 0);
      else bluestein(re, im, plan, scratch);
      for (let k = 0; k < n; k++) {
        data[2 * (base + k * inner)] = re[k];
        data[2 * (base + k * inner) + 1] = im[k];
      }
    }
}

/**
 * The full last-dim line of a one-sided (Hermitian) signal: `data` has `half` = floor(n/2)+1 (or fewer)
 * entries along the last dim; the result has n, entry k >= half being conj(entry n - k), as pocketfft's c2r
 * reads its input (imaginary parts of the entries that are their own mirror images are ignored by taking the
 * real part of the inverse).
 */
export function hermitianExtend(data: Float64Array, shape: readonly number[], n: number): Float64Array {
  const half = shape[shape.length - 1];
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const out = new Float64Array(2 * rows * n);
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < n; k++) {
      let src = k;
      let sign = 1;
      if (k >= half) {
        src = n - k;
        sign = -1;
      }
      if (src >= half) continue;
      out[2 * (r * n + k)] = data[2 * (r * half + src)];
      out[2 * (r * n + k) + 1] = sign * data[2 * (r * half + src) + 1];
    }
  return out;
}
