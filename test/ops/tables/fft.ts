// Op table rows: src/ops/fft.ts (torch.fft). Complex results are compared through torch.view_as_real (the
// fixtures hold real numbers); c2r transforms (irfft, hfft, irfftn, ...) end in their own grad_fn. The inputs
// are real, so gradcheck and gradgradcheck run the Wirtinger formulas of FftR2CBackward0, FftC2RBackward0 and
// FftC2CBackward0 end to end. PyTorch's inverse r2c transforms return a lazily conjugated tensor, which
// view_as_real refuses, hence their resolve_conj() (tensorgrad's conj is materialised; resolve_conj returns it). Values agree with pocketfft to rounding (docs/complex.md), hence the ulps.
import * as torch from "../../../src/index.js";
import { f, f64, type OpCase } from "../op_case.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const t = torch as any;
type T = torch.Tensor;
const vr = (x: T): T => t.view_as_real(x);
const cx = (a: T, b: T): T => t.complex(a, b);
const ULPS = 64;
const ATOL = 2e-6;
const row = (name: string, py: string, inputs: OpCase["inputs"], ts: OpCase["ts"]): OpCase => ({
  name,
  py,
  inputs,
  ts,
  ulps: ULPS,
  atol: ATOL,
});

export const FFT_OPS: OpCase[] = [
  row("fft", "torch.view_as_real(torch.fft.fft(a))", [f(8)], (a) => vr(t.fft.fft(a))),
  row("fft.trim_odd", "torch.view_as_real(torch.fft.fft(a, 5))", [f(7)], (a) => vr(t.fft.fft(a, 5))),
  row("fft.dim0_ortho", "torch.view_as_real(torch.fft.fft(a, dim=0, norm='ortho'))", [f(6, 3)], (a) =>
    vr(t.fft.fft(a, { dim: 0, norm: "ortho" })),
  ),
  row("fft.complex", "torch.view_as_real(torch.fft.fft(torch.complex(a, b)))", [f(2, 6), f(2, 6)], (a, b) =>
    vr(t.fft.fft(cx(a, b))),
  ),
  row("fft.float64", "torch.view_as_real(torch.fft.fft(a))", [f64(12)], (a) => vr(t.fft.fft(a))),
  row("ifft.pad", "torch.view_as_real(torch.fft.ifft(a, 10).resolve_conj())", [f(6)], (a) =>
    vr(t.fft.ifft(a, 10).resolve_conj()),
  ),
  row(
    "ifft.complex_forward",
    "torch.view_as_real(torch.fft.ifft(torch.complex(a, b), norm='forward'))",
    [f(5), f(5)],
    (a, b) => vr(t.fft.ifft(cx(a, b), { norm: "forward" })),
  ),
  row("rfft", "torch.view_as_real(torch.fft.rfft(a))", [f(2, 9)], (a) => vr(t.fft.rfft(a))),
  row("rfft.forward", "torch.view_as_real(torch.fft.rfft(a, norm='forward'))", [f(8)], (a) =>
    vr(t.fft.rfft(a, { norm: "forward" })),
  ),
  row("irfft", "torch.fft.irfft(torch.complex(a, b))", [f(5), f(5)], (a, b) => t.fft.irfft(cx(a, b))),
  row("irfft.n_odd", "torch.fft.irfft(torch.complex(a, b), 7)", [f(2, 4), f(2, 4)], (a, b) =>
    t.fft.irfft(cx(a, b), 7),
  ),
  row("hfft", "torch.fft.hfft(torch.complex(a, b))", [f(4), f(4)], (a, b) => t.fft.hfft(cx(a, b))),
  row("ihfft", "torch.view_as_real(torch.fft.ihfft(a).resolve_conj())", [f(7)], (a) =>
    vr(t.fft.ihfft(a).resolve_conj()),
  ),
  row("fft2", "torch.view_as_real(torch.fft.fft2(a))", [f(3, 4)], (a) => vr(t.fft.fft2(a))),
  row(
    "ifft2.complex",
    "torch.view_as_real(torch.fft.ifft2(torch.complex(a, b)))",
    [f(4, 5), f(4, 5)],
    (a, b) => vr(t.fft.ifft2(cx(a, b))),
  ),
  row("rfft2", "torch.view_as_real(torch.fft.rfft2(a))", [f(2, 4, 6)], (a) => vr(t.fft.rfft2(a))),
  row("irfft2", "torch.fft.irfft2(torch.complex(a, b))", [f(3, 4), f(3, 4)], (a, b) =>
    t.fft.irfft2(cx(a, b)),
  ),
  row("fftn.s", "torch.view_as_real(torch.fft.fftn(a, s=(4, 6)))", [f(3, 5)], (a) =>
    vr(t.fft.fftn(a, [4, 6])),
  ),
  row(
    "ifftn.dims",
    "torch.view_as_real(torch.fft.ifftn(torch.complex(a, b), dim=(0, 2)))",
    [f(2, 3, 4), f(2, 3, 4)],
    (a, b) => vr(t.fft.ifftn(cx(a, b), { dim: [0, 2] })),
  ),
  row("rfftn.ortho", "torch.view_as_real(torch.fft.rfftn(a, dim=(1, 2), norm='ortho'))", [f(2, 3, 5)], (a) =>
    vr(t.fft.rfftn(a, { dim: [1, 2], norm: "ortho" })),
  ),
  row("irfftn.s", "torch.fft.irfftn(torch.complex(a, b), s=(4, 6))", [f(4, 4), f(4, 4)], (a, b) =>
    t.fft.irfftn(cx(a, b), [4, 6]),
  ),
  row("rfft.abs", "torch.fft.rfft(a).abs()", [f(6)], (a) => t.fft.rfft(a).abs()),
  row("fft.real", "torch.fft.fft(a).real", [f(3, 4)], (a) => t.fft.fft(a).real),
  { name: "fftshift", py: "torch.fft.fftshift(a)", inputs: [f(4, 5)], ts: (a) => t.fft.fftshift(a) },
  {
    name: "ifftshift.dim",
    py: "torch.fft.ifftshift(a, dim=1)",
    inputs: [f(3, 5)],
    ts: (a) => t.fft.ifftshift(a, { dim: 1 }),
  },
];
