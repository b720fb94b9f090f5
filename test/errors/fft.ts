// torch.fft, complex tensors and torch.linalg.eig given bad input (src/ops/fft.ts, src/ops/complex.ts,
// src/ops/linalg_eig.ts, docs/complex.md).
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const t = torch as any;
const x = () => torch.tensor([1.0, 2.0, 3.0, 4.0]);
const c = () => t.complex(torch.tensor([1.0, 2.0]), torch.tensor([0.5, -1.0]));

export const FFT_ERRORS: ErrorTable = {
  setup: `
def x():
    return torch.tensor([1.0, 2.0, 3.0, 4.0])
def c():
    return torch.complex(torch.tensor([1.0, 2.0]), torch.tensor([0.5, -1.0]))
`,
  rows: [
    { name: "fft bad norm", py: "torch.fft.fft(x(), norm='bad')", ts: () => t.fft.fft(x(), { norm: "bad" }) },
    { name: "fft n 0", py: "torch.fft.fft(x(), n=0)", ts: () => t.fft.fft(x(), { n: 0 }) },
    { name: "irfft n 0", py: "torch.fft.irfft(x(), n=0)", ts: () => t.fft.irfft(x(), { n: 0 }) },
    { name: "rfft of complex", py: "torch.fft.rfft(c())", ts: () => t.fft.rfft(c()) },
    { name: "fft dim out of range", py: "torch.fft.fft(x(), dim=2)", ts: () => t.fft.fft(x(), { dim: 2 }) },
    { name: "fft2 of 1-d", py: "torch.fft.fft2(x())", ts: () => t.fft.fft2(x()) },
    {
      name: "fftn s too long",
      py: "torch.fft.fftn(x(), s=(2, 2))",
      ts: () => t.fft.fftn(x(), { s: [2, 2] }),
    },
    {
      name: "fftn repeated dims",
      py: "torch.fft.fftn(x(), dim=(0, 0))",
      ts: () => t.fft.fftn(x(), { dim: [0, 0] }),
    },
    { name: "fft of 0-d", py: "torch.fft.fft(torch.tensor(1.0))", ts: () => t.fft.fft(torch.tensor(1.0)) },
    { name: "view_as_real of real", py: "torch.view_as_real(x())", ts: () => t.view_as_real(x()) },
    { name: "view_as_complex last dim", py: "torch.view_as_complex(x())", ts: () => t.view_as_complex(x()) },
    {
      name: "view_as_complex of ints",
      py: "torch.view_as_complex(torch.ones(2, 2, dtype=torch.long))",
      ts: () => t.view_as_complex(torch.ones([2, 2], { dtype: torch.int64 })),
    },
    {
      name: "complex of ints",
      py: "torch.complex(torch.ones(2, dtype=torch.long), torch.ones(2, dtype=torch.long))",
      ts: () => t.complex(torch.ones(2, { dtype: torch.int64 }), torch.ones(2, { dtype: torch.int64 })),
    },
    {
      name: "complex of two dtypes",
      py: "torch.complex(torch.ones(2), torch.ones(2, dtype=torch.float64))",
      ts: () => t.complex(torch.ones(2), torch.ones(2, { dtype: torch.float64 })),
    },
    { name: "imag of real", py: "torch.imag(x())", ts: () => t.imag(x()) },
    {
      name: "backward of complex non-scalar",
      py: "c().requires_grad_().mul(2).backward()",
      ts: () => c().requires_grad_().mul(2).backward(),
    },
    {
      name: "complex matmul with float",
      py: "c().reshape(2, 1) @ torch.ones(1, 2)",
      ts: () =>
        c()
          .reshape([2, 1])
          .matmul(torch.ones([1, 2])),
    },
    {
      name: "complex dot with float",
      py: "torch.dot(c(), x()[:2])",
      ts: () => t.dot(c(), x().narrow(0, 0, 2)),
    },
    {
      name: "complex bmm sizes",
      py: "torch.bmm(c().reshape(1, 1, 2), c().reshape(1, 1, 2))",
      ts: () => t.bmm(c().reshape([1, 1, 2]), c().reshape([1, 1, 2])),
    },
    {
      name: "complex matmul of a 0-dim",
      py: "torch.matmul(c().sum(), c())",
      ts: () => t.matmul(c().sum(), c()),
    },
    {
      name: "complex stack of unequal sizes",
      py: "torch.stack([c(), torch.complex(x(), x())])",
      ts: () => t.stack([c(), t.complex(x(), x())]),
    },
    {
      name: "complex value with a float dtype",
      py: "torch.tensor([1, 2j], dtype=torch.float32)",
      ts: () => t.tensor([1, new t.Complex(0, 2)], { dtype: torch.float32 }),
    },
    { name: "complex item of two", py: "c().item()", ts: () => c().item() },
    { name: "eig of a vector", py: "torch.linalg.eig(x())", ts: () => t.linalg.eig(x()) },
    {
      name: "eig not square",
      py: "torch.linalg.eig(torch.ones(2, 3))",
      ts: () => t.linalg.eig(torch.ones([2, 3])),
    },
    {
      name: "eig of ints",
      py: "torch.linalg.eig(torch.ones(2, 2, dtype=torch.long))",
      ts: () => t.linalg.eig(torch.ones([2, 2], { dtype: torch.int64 })),
    },
    {
      name: "eig with nan",
      py: "torch.linalg.eig(torch.tensor([[1.0, float('nan')], [0.0, 1.0]]))",
      ts: () =>
        t.linalg.eig(
          torch.tensor([
            [1.0, NaN],
            [0.0, 1.0],
          ]),
        ),
    },
    {
      name: "eigvals not square",
      py: "torch.linalg.eigvals(torch.ones(2, 3))",
      ts: () => t.linalg.eigvals(torch.ones([2, 3])),
    },
    // Sizes past memory: the allocator's error before any value is listed.
    { py: "torch.fft.fftfreq(2**40)", ts: () => torch.fft.fftfreq(2 ** 40) },
    { py: "torch.fft.rfftfreq(2**40)", ts: () => torch.fft.rfftfreq(2 ** 40) },
  ],
};
