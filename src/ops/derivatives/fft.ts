// Derivatives of src/ops/fft.ts: derivatives.yaml's rows for _fft_r2c, _fft_c2r and _fft_c2c, with the
// fft_r2c_backward and fft_c2r_backward helpers of FunctionsManual.cpp.
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import { view_as_complex, view_as_real, real } from "../complex.js";
import { fft_c2c, fft_r2c, type Norm } from "../fft.js";
import { contiguous } from "../shape.js";
import { cat } from "../join.js";
import { zeros } from "../../tensor/creation.js";
import { mul } from "../elementwise.js";
import { narrow } from "../shape.js";

type R2C = { dim: number[]; normalization: Norm; onesided: boolean; lastDimSize: number };

/** fft_r2c_backward: fill the missing half with zeros, inverse C2C, keep the real part. */
function r2cBackward(grad: Tensor, s: R2C): Tensor {
  const last = s.dim[s.dim.length - 1];
  let full = grad;
  const zeroLength = s.lastDimSize - grad.shape[last];
  if (s.onesided && zeroLength > 0) {
    const r = view_as_real(grad);
    const pad = [...r.shape];
    pad[last] = zeroLength;
    full = view_as_complex(cat([r, zeros(pad, { dtype: r.dtype })], last));
  }
  return real(fft_c2c(full, s.dim, s.normalization, false));
}

/** fft_c2r_backward: R2C onesided, then double the entries whose mirror images fell outside the half. */
function c2rBackward(grad: Tensor, s: { dim: number[]; normalization: Norm }): Tensor {
  const gI = fft_r2c(grad, s.dim, s.normalization, true);
  const last = s.dim[s.dim.length - 1];
  const doubleLength = grad.shape[last] - gI.shape[last];
  if (doubleLength <= 0) return gI;
  // gI.narrow(dim.back(), 1, double_length).mul_(2), out of place on the real view.
  const r = view_as_real(gI);
  const n = r.shape[last];
  const parts = [narrow(r, last, 0, 1), mul(narrow(r, last, 1, doubleLength), 2)];
  if (1 + doubleLength < n) parts.push(narrow(r, last, 1 + doubleLength, n - 1 - doubleLength));
  return view_as_complex(contiguous(cat(parts, last)));
}

export const FFT_DERIVATIVES = {
  FftR2CBackward0: derivative<R2C>({
    self: [
      "fft_r2c_backward(grad, dim, normalization, onesided, self.sym_size(dim.back()))",
      (g, s) => r2cBackward(g, s),
    ],
  }),
  FftC2RBackward0: derivative<{ dim: number[]; normalization: Norm }>({
    self: ["fft_c2r_backward(grad, dim, normalization)", (g, s) => c2rBackward(g, s)],
  }),
  FftC2CBackward0: derivative<{ dim: number[]; normalization: Norm; forward: boolean }>({
    self: [
      "_fft_c2c_symint(grad, dim, normalization, !forward)",
      (g, s) => fft_c2c(g, s.dim, s.normalization, !s.forward),
    ],
  }),
};
