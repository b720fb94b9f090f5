// Discrete Fourier transforms for torch.fft (docs/complex.md), in float64 on an interleaved complex buffer:
// radix-2 Cooley-Tukey for powers of two, Bluestein's chirp-z transform (on a power-of-two convolution) for
// every other length. PyTorch's CPU build uses pocketfft; results agree to a tolerance, not bit for bit.

/** In place: the length-n DFT of re/im (sign -1 forward, +1 inverse), unscaled. */
function dft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (n <= 1) return;
  if ((n & (n - 1)) === 0) radix2(re, im, inverse);
  else bluestein(re, im, inverse);
}

function radix2(re: Float64Array, im: Float64Array, inverse: boolean): void {
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
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = (sign * 2 * Math.PI) / len;
    for (let k = 0; k < half; k++) {
      const wr = Math.cos(step * k);
      const wi = Math.sin(step * k);
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

function bluestein(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const sign = inverse ? 1 : -1;
  // chirp w[k] = exp(sign * i * pi * k^2 / n), k^2 taken mod 2n for accuracy.
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const angle = (sign * Math.PI * ((k * k) % (2 * n))) / n;
    cr[k] = Math.cos(angle);
    ci[k] = Math.sin(angle);
  }
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = re[k] * cr[k] - im[k] * ci[k];
    ai[k] = re[k] * ci[k] + im[k] * cr[k];
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = cr[0];
  bi[0] = -ci[0];
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = cr[k];
    bi[k] = bi[m - k] = -ci[k];
  }
  radix2(ar, ai, false);
  radix2(br, bi, false);
  for (let k = 0; k < m; k++) {
    const r = ar[k] * br[k] - ai[k] * bi[k];
    ai[k] = ar[k] * bi[k] + ai[k] * br[k];
    ar[k] = r;
  }
  radix2(ar, ai, true);
  for (let k = 0; k < n; k++) {
    const r = ar[k] / m;
    const i = ai[k] / m;
    re[k] = r * cr[k] - i * ci[k];
    im[k] = r * ci[k] + i * cr[k];
  }
}

/**
 * In place on a contiguous interleaved complex128 buffer of `shape`: the unscaled DFT along `dim`
 * (inverse: the conjugate kernel).
 */
export function fftAlong(data: Float64Array, shape: readonly number[], dim: number, inverse: boolean): void {
  const n = shape[dim];
  let inner = 1;
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
  let outer = 1;
  for (let d = 0; d < dim; d++) outer *= shape[d];
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let k = 0; k < n; k++) {
        re[k] = data[2 * (base + k * inner)];
        im[k] = data[2 * (base + k * inner) + 1];
      }
      dft(re, im, inverse);
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
