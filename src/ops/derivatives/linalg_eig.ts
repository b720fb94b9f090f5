// Derivative of src/ops/linalg_eig.ts: derivatives.yaml's linalg_eig row,
//   self: handle_r_to_c(self.scalar_type(), linalg_eig_backward(grads[0], grads[1], eigenvalues, eigenvectors))
// with FunctionsManual.cpp's formula for a general matrix,
//   gA = V^{-H} (diag(gL) + (V^H gV - V^H V diag(re(V^H gV))) / E^*) V^H,   E_ij = L_j - L_i,
// computed on plain complex arrays per matrix (first order: this row records no graph, so no double backward).
import { derivative } from "../../autograd/derivative.js";
import { RuntimeError } from "../../errors.js";
import { complexValues } from "../../tensor/complex.js";
import type { DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { fromData } from "../core.js";

type C = Float64Array; // interleaved n×n (or n) complex values

/** op(A) @ B for n×n complex matrices, op = conjugate transpose when `ah`. */
function cmm(a: C, b: C, n: number, ah: boolean): C {
  const out = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < n; k++) {
        const ai = ah ? 2 * (k * n + i) : 2 * (i * n + k);
        const ar = a[ai];
        const aim = ah ? -a[ai + 1] : a[ai + 1];
        const br = b[2 * (k * n + j)];
        const bim = b[2 * (k * n + j) + 1];
        re += ar * br - aim * bim;
        im += ar * bim + aim * br;
      }
      out[2 * (i * n + j)] = re;
      out[2 * (i * n + j) + 1] = im;
    }
  return out;
}

/** Solves M X = B (n×n complex) by Gaussian elimination with partial pivoting. */
function csolve(m: C, b: C, n: number): C {
  const a = Float64Array.from(m);
  const x = Float64Array.from(b);
  const swapRows = (arr: C, r1: number, r2: number) => {
    for (let j = 0; j < 2 * n; j++) {
      const t = arr[2 * r1 * n + j];
      arr[2 * r1 * n + j] = arr[2 * r2 * n + j];
      arr[2 * r2 * n + j] = t;
    }
  };
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (
        Math.hypot(a[2 * (r * n + c)], a[2 * (r * n + c) + 1]) >
        Math.hypot(a[2 * (p * n + c)], a[2 * (p * n + c) + 1])
      )
        p = r;
    if (p !== c) {
      swapRows(a, p, c);
      swapRows(x, p, c);
    }
    const pr = a[2 * (c * n + c)];
    const pi = a[2 * (c * n + c) + 1];
    const d = pr * pr + pi * pi;
    for (let r = c + 1; r < n; r++) {
      const er = a[2 * (r * n + c)];
      const ei = a[2 * (r * n + c) + 1];
      const fr = (er * pr + ei * pi) / d;
      const fi = (ei * pr - er * pi) / d;
      for (const arr of [a, x])
        for (let j = arr === a ? c : 0; j < n; j++) {
          const sr = arr[2 * (c * n + j)];
          const si = arr[2 * (c * n + j) + 1];
          arr[2 * (r * n + j)] -= fr * sr - fi * si;
          arr[2 * (r * n + j) + 1] -= fr * si + fi * sr;
        }
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    const pr = a[2 * (c * n + c)];
    const pi = a[2 * (c * n + c) + 1];
    const d = pr * pr + pi * pi;
    for (let j = 0; j < n; j++) {
      let sr = x[2 * (c * n + j)];
      let si = x[2 * (c * n + j) + 1];
      for (let k = c + 1; k < n; k++) {
        const ar = a[2 * (c * n + k)];
        const ai = a[2 * (c * n + k) + 1];
        sr -= ar * x[2 * (k * n + j)] - ai * x[2 * (k * n + j) + 1];
        si -= ar * x[2 * (k * n + j) + 1] + ai * x[2 * (k * n + j)];
      }
      x[2 * (c * n + j)] = (sr * pr + si * pi) / d;
      x[2 * (c * n + j) + 1] = (si * pr - sr * pi) / d;
    }
  }
  return x;
}

const PHASE_ERROR =
  "linalg_eig_backward: The eigenvectors in the complex case are specified up to multiplication by e^{i phi}. " +
  "The specified loss function depends on this quantity, so it is ill-defined.";

function eigBackward(gL: Tensor | null, gV: Tensor | null, L: Tensor, V: Tensor, selfDtype: DType): Tensor {
  const n = L.shape[L.ndim - 1];
  const count = L.numel() / n;
  const l = complexValues(L);
  const v = complexValues(V);
  const gl = gL ? complexValues(gL) : null;
  const gv = gV ? complexValues(gV) : null;
  const out = new Float64Array(count * n * n);
  for (let b = 0; b < count; b++) {
    const Vb = Float64Array.from(v.subarray(2 * b * n * n, 2 * (b + 1) * n * n));
    const ret = new Float64Array(2 * n * n);
    if (gv) {
      const VhgV = cmm(Vb, Float64Array.from(gv.subarray(2 * b * n * n, 2 * (b + 1) * n * n)), n, true);
      const diagRe = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (Math.abs(VhgV[2 * (i * n + i) + 1]) > 1e-2) throw new RuntimeError(PHASE_ERROR);
        diagRe[i] = VhgV[2 * (i * n + i)];
      }
      // (V^H gV - V^H V diag(re(V^H gV))) / E^*, with E^*_ij = conj(L_j) - conj(L_i) (1 on the diagonal)
      const scaled = Float64Array.from(Vb);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          scaled[2 * (i * n + j)] *= diagRe[j];
          scaled[2 * (i * n + j) + 1] *= diagRe[j];
        }
      const sub = cmm(Vb, scaled, n, true);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const er = i === j ? 1 : l[2 * (b * n + j)] - l[2 * (b * n + i)];
          const ei = i === j ? 0 : -(l[2 * (b * n + j) + 1] - l[2 * (b * n + i) + 1]);
          const xr = VhgV[2 * (i * n + j)] - sub[2 * (i * n + j)];
          const xi = VhgV[2 * (i * n + j) + 1] - sub[2 * (i * n + j) + 1];
          const d = er * er + ei * ei;
          ret[2 * (i * n + j)] = (xr * er + xi * ei) / d;
          ret[2 * (i * n + j) + 1] = (xi * er - xr * ei) / d;
        }
    }
    for (let i = 0; i < n; i++) {
      ret[2 * (i * n + i)] = gl ? gl[2 * (b * n + i)] : 0;
      ret[2 * (i * n + i) + 1] = gl ? gl[2 * (b * n + i) + 1] : 0;
    }
    // gA = solve(V^H, ret @ V^H); its real part for a real input (handle_r_to_c)
    const Vh = new Float64Array(2 * n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        Vh[2 * (i * n + j)] = Vb[2 * (j * n + i)];
        Vh[2 * (i * n + j) + 1] = -Vb[2 * (j * n + i) + 1];
      }
    const gA = csolve(Vh, cmm(ret, Vh, n, false), n);
    for (let k = 0; k < n * n; k++) out[b * n * n + k] = gA[2 * k];
  }
  const shape = [...V.shape];
  return fromData(selfDtype.name === "float64" ? out : Float32Array.from(out), shape, selfDtype);
}

export const LINALG_EIG_DERIVATIVES = {
  LinalgEigBackward0: derivative<{ eigenvalues: Tensor; eigenvectors: Tensor; selfDtype: DType }>({
    self: [
      "handle_r_to_c(self.scalar_type(), linalg_eig_backward(grads[0], grads[1], eigenvalues, eigenvectors))",
      (_g, s, ctx) =>
        eigBackward(
          ctx.gradOutputs[0],
          ctx.gradOutputs[1] ?? null,
          s.eigenvalues,
          s.eigenvectors,
          s.selfDtype,
        ),
    ],
  }),
};
