// Complex tensors and torch.fft against PyTorch (test/fixtures/complex.json, scripts/gen_complex_fixtures.py).
// FFT values agree to a tolerance (pocketfft vs src/backend/js/fft.ts, docs/complex.md); reprs of the
// non-FFT cases must match exactly.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { readFileSync } from "node:fs";
import { availableBackends, backend, get_backend, set_backend } from "../../src/backend/backend.js";
import { fftAlong as jsFftAlong } from "../../src/backend/js/fft.js";

type T = torch.Tensor;
type Case = { dtype: string; shape: number[]; values: number[]; repr: string };
type Grad = { loss: number; x: number[] | null; m: number[] | null; A: number[] | null; w: number[] | null };
const fixture = JSON.parse(readFileSync(new URL("../fixtures/complex.json", import.meta.url), "utf8")) as {
  cases: Record<string, Case>;
  grads: Record<string, Grad>;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const t = torch as any;

function env() {
  const x = t.tensor([1.0, 2.0, -1.0, 0.5, 3.0], { dtype: t.float64, requires_grad: true });
  const m = t.tensor(
    [
      [1.0, 2.0, 0.0],
      [3.0, -1.0, 2.5],
    ],
    { dtype: t.float64, requires_grad: true },
  );
  const c = t.complex(t.tensor([1.0, 3.0, 0.5]), t.tensor([2.0, -1.0, 0.0]));
  const A = t.tensor(
    [
      [1.0, 2.0, 0.0],
      [-3.0, 1.0, 4.0],
      [0.5, 0.0, 2.0],
    ],
    { dtype: t.float64, requires_grad: true },
  );
  const cm = t.complex(
    t.tensor([
      [1.0, 2.0],
      [0.0, -1.0],
    ]),
    t.tensor([
      [0.5, -1.0],
      [2.0, 1.0],
    ]),
  );
  const C = t.Complex;
  const w = t.tensor([new C(1, 2), new C(-0.5, 0.25), new C(3, -1)], {
    dtype: t.complex128,
    requires_grad: true,
  });
  return { x, m, c, A, cm, w };
}

type Env = ReturnType<typeof env>;
const CASES: Record<string, (e: Env) => T> = {
  repr_c: ({ c }) => c,
  repr_c128: ({ c }) => c.to(t.complex128),
  repr_2d: ({ m }) => t.complex(m, m.neg()),
  abs: ({ c }) => c.abs(),
  angle: ({ c }) => c.angle(),
  conj: ({ c }) => c.conj(),
  mul: ({ c }) => c.mul(c),
  div: ({ c }) => c.div(t.complex(t.tensor([2, 1, -1.0]), t.tensor([1, -3, 0.5]))),
  add_real: ({ c }) => c.add(t.tensor([1.5, 2.0, 3.0])),
  sum: ({ c }) => c.sum(),
  mean: ({ c }) => c.mean(),
  view_as_real: ({ c }) => t.view_as_real(c),
  fft: ({ x }) => t.fft.fft(x),
  ifft_n: ({ x }) => t.fft.ifft(x, 8),
  rfft_ortho: ({ x }) => t.fft.rfft(x, { norm: "ortho" }),
  irfft: ({ x }) => t.fft.irfft(t.fft.rfft(x), 5),
  hfft: ({ x }) => t.fft.hfft(t.fft.rfft(x)),
  ihfft: ({ x }) => t.fft.ihfft(x),
  fft2: ({ m }) => t.fft.fft2(m),
  rfft2_forward: ({ m }) => t.fft.rfft2(m, { norm: "forward" }),
  irfftn: ({ m }) => t.fft.irfftn(t.fft.rfftn(m), [2, 3]),
  fftn_c: ({ c }) => t.fft.fftn(c),
  fftshift: ({ m }) => t.fft.fftshift(m),
  fftfreq: () => t.fft.fftfreq(5),
  exp: ({ c }) => c.exp(),
  log: ({ c }) => c.log(),
  sqrt: ({ c }) => c.sqrt(),
  sin: ({ c }) => c.sin(),
  cos: ({ c }) => c.cos(),
  pow2: ({ c }) => c.pow(2),
  pow_half: ({ c }) => c.pow(0.5),
  pow_frac: ({ c }) => c.pow(2.5),
  pow_cc: ({ c }) => c.pow(c),
  rpow: ({ c }) => t.pow(2, c),
  pow_real_tensor: ({ c }) => c.pow(t.tensor([2, 0.5, -1.0])),
  mm: ({ cm }) => cm.matmul(cm),
  mv: ({ cm }) => cm.matmul(cm.select(0, 0)),
  vm: ({ cm }) => cm.select(0, 0).matmul(cm),
  bmm: ({ cm }) => t.bmm(t.stack([cm, cm.conj()]), t.stack([cm, cm])),
  matmul_bcast: ({ cm }) => t.stack([cm, cm.conj()]).matmul(cm),
  cat: ({ c }) => t.cat([c, c.conj()]),
  cat_real: ({ c }) => t.cat([c, t.tensor([1.5])]),
  stack: ({ c }) => t.stack([c, c.conj()], 1),
  sum_dim: ({ c }) => t.stack([c, c.conj()]).sum(0),
  expand: ({ c }) => c.expand([2, 3]),
  tensor_literal: () => t.tensor([1, new t.Complex(2, 1), new t.Complex(-0, -0.5)]),
  rand_seeded: () => {
    t.manual_seed(0);
    return t.rand([2, 3], { dtype: t.cfloat });
  },
  randn_seeded: () => {
    t.manual_seed(5);
    return t.randn(4, { dtype: t.cdouble });
  },
  tensor_dtype: () =>
    t.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: t.complex128 },
    ),
};
const EXACT_REPR = new Set([
  "repr_c",
  "repr_c128",
  "repr_2d",
  "abs",
  "conj",
  "mul",
  "add_real",
  "view_as_real",
  "fftshift",
  "fftfreq",
  "pow2",
  "mm",
  "mv",
  "vm",
  "bmm",
  "matmul_bcast",
  "cat",
  "cat_real",
  "stack",
  "sum_dim",
  "expand",
  "tensor_literal",
  "tensor_dtype",
  "rand_seeded",
  "randn_seeded",
]);

const GRADS: Record<string, (e: Env) => T> = {
  grad_rfft_abs: ({ x }) => t.fft.rfft(x).abs().sum(),
  grad_irfft_fft: ({ x }) => t.fft.irfft(t.fft.fft(x).mul(t.fft.fft(x)), 6).sum(),
  grad_fftn_real: ({ m }) => t.fft.fftn(m).real.pow(2).sum(),
  grad_complex_mul_abs: ({ x }) => t.complex(x, x.mul(2)).mul(t.complex(x, x.neg())).abs().sum(),
  grad_exp_log: ({ w }) => t.view_as_real(w.exp().mul(w.log())).pow(2).sum(),
  grad_sqrt_sin_cos: ({ w }) => w.sqrt().mul(w.sin()).add(w.cos()).abs().sum(),
  grad_pow: ({ w, x }) =>
    t
      .view_as_real(
        w
          .pow(2.5)
          .add(w.pow(w))
          .add(t.pow(2, w))
          .add(w.pow(x.narrow(0, 0, 3)))
          .add(w.pow(2)),
      )
      .sum(),
  grad_matmul: ({ w, m }) =>
    t
      .view_as_real(t.stack([w, w.conj()]).matmul(t.complex(m, m.neg()).t()))
      .pow(2)
      .sum(),
  grad_mv_vm: ({ w, m }) =>
    t
      .complex(m, m)
      .matmul(w)
      .abs()
      .sum()
      .add(w.matmul(t.complex(m, m).t()).abs().sum()),
  grad_cat_stack: ({ w, x }) =>
    t
      .cat([w, x])
      .mul(t.cat([w.conj(), w, x.narrow(0, 0, 2)]))
      .abs()
      .sum()
      .add(
        t
          .stack([w, w.mul(2)], 1)
          .sum()
          .abs(),
      ),
  grad_expand: ({ w, m }) => w.expand([2, 3]).mul(t.complex(m, m)).abs().sum(),
  grad_eig_values: ({ A }) => t.view_as_real(t.linalg.eig(A).eigenvalues).pow(2).sum(),
  grad_eig_vectors: ({ A }) =>
    t.linalg
      .eig(A)
      .eigenvalues.abs()
      .sum()
      .add(t.linalg.eig(A).eigenvectors.abs().pow(2).mul(t.arange(3.0)).sum()),
  grad_eigvals: ({ A }) => t.linalg.eigvals(A).abs().sum(),
};

function flat(v: T): number[] {
  const d = v.detach();
  return Array.from((d.dtype.is_complex ? t.view_as_real(d) : d).contiguous().values() as ArrayLike<number>);
}

function close(actual: number[], expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) =>
    expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(expected[i]))),
  );
}

describe("complex tensors and torch.fft match PyTorch", () => {
  for (const [name, want] of Object.entries(fixture.cases)) {
    it(name, () => {
      const got = CASES[name](env());
      expect(String(got.dtype)).toBe(want.dtype);
      expect([...got.shape]).toEqual(want.shape);
      close(
        flat(got),
        want.values as number[],
        got.dtype.name.endsWith("64") && !got.dtype.name.endsWith("128") && got.dtype.name !== "float64"
          ? 1e-6
          : 1e-12,
      );
      if (EXACT_REPR.has(name)) expect(got.detach().toString()).toBe(want.repr);
    });
  }
  for (const [name, want] of Object.entries(fixture.grads)) {
    it(name, () => {
      const e = env();
      const loss = GRADS[name](e);
      loss.backward();
      expect(Math.abs(loss.item() - want.loss)).toBeLessThan(1e-9 * (1 + Math.abs(want.loss)));
      if (want.x) close(flat(e.x.grad!), want.x, 1e-10);
      if (want.m) close(flat(e.m.grad!), want.m, 1e-10);
      if (want.A) close(flat(e.A.grad!), want.A, 1e-10);
      if (want.w) close(flat(e.w.grad!), want.w, 1e-10);
    });
  }
});

describe("complex tensors refuse what they do not implement", () => {
  it("raises PyTorch's dispatch error instead of computing", () => {
    const c = t.complex(t.tensor([1.0]), t.tensor([2.0]));
    expect(() => c.erf()).toThrow(`"erf" not implemented for 'ComplexFloat'`);
    expect(() => c.max()).toThrow(`"max" not implemented for 'ComplexFloat'`);
    const leaf = t.complex(t.tensor([1.0, 2.0]), t.tensor([3.0, 4.0])).requires_grad_();
    leaf.mul(leaf).sum().backward(); // 1.13 seeds a complex scalar with 1+0j; d/dz* of z*z summed is 2 conj(z)
    expect(flat(leaf.grad)).toEqual([2, -6, 4, -8]);
    expect(() => t.fft.rfft(c)).toThrow("rfft expects a real input tensor, but got ComplexFloat");
    expect(() => t.fft.fft(t.tensor([1.0]), { norm: "bad" })).toThrow('Invalid normalization mode: "bad"');
    expect(() => t.view_as_complex(t.tensor([1.0, 2.0, 3.0]))).toThrow(
      "Tensor must have a last dimension of size 2",
    );
  });

  it("spells complex numbers as torch.Complex: torch.tensor, item() and tolist()", () => {
    // Python: torch.tensor([[1+2j, 3], [-0.5j, 2]]); z[0, 0].item() == (1+2j); z.tolist()
    const C = t.Complex;
    const z = t.tensor([
      [new C(1, 2), 3],
      [new C(-0, -0.5), 2],
    ]);
    expect(String(z.dtype)).toBe("torch.complex64");
    expect(String(z.select(0, 0).select(0, 0).item())).toBe("(1+2j)");
    expect(z.tolist().flat().map(String)).toEqual(["(1+2j)", "(3+0j)", "(-0-0.5j)", "(2+0j)"]);
    expect(() => z.item()).toThrow("only one element tensors can be converted to Python scalars");
    expect(() => t.tensor([1, new C(0, 1)], { dtype: t.float32 })).toThrow(
      "must be real number, not complex",
    );
  });

  it("promotes like c10's promotion table", () => {
    const c = t.complex(t.tensor([1.0]), t.tensor([2.0]));
    expect(String(c.add(t.tensor([1.0], { dtype: t.float64 })).dtype)).toBe("torch.complex128");
    expect(String(c.mul(t.tensor(2.0, { dtype: t.float64 })).dtype)).toBe("torch.complex64");
    expect(c.is_complex()).toBe(true);
    expect(t.complex64.is_complex).toBe(true);
  });

  it("gradcheck: rfft -> abs in float64", () => {
    const x = t.tensor([0.3, -1.2, 2.0, 0.7], { dtype: t.float64, requires_grad: true });
    expect(torch.autograd.gradcheck((v: T) => t.fft.rfft(v).abs(), [x])).toBe(true);
    expect(torch.autograd.gradcheck((v: T) => t.fft.irfft(t.fft.fft(v), 4), [x])).toBe(true);
    const A = t.tensor(
      [
        [1.0, 2.0, 0.0],
        [-3.0, 1.0, 4.0],
        [0.5, 0.0, 2.0],
      ],
      { dtype: t.float64, requires_grad: true },
    );
    expect(torch.autograd.gradcheck((a: T) => t.linalg.eigvals(a).abs(), [A])).toBe(true);
    expect(
      torch.autograd.gradcheck(
        (a: T) => t.linalg.eig(a).eigenvectors.abs().mul(t.linalg.eig(a).eigenvalues.abs()),
        [A],
      ),
    ).toBe(true);
  });
});

describe("torch.linalg.eig and eigvals match PyTorch (eigenvectors up to a phase)", () => {
  const eig = (
    fixture as unknown as {
      eig: Record<string, { A: number[]; L: number[]; absV: number[]; eigvals: number[] }>;
    }
  ).eig;
  for (const [name, want] of Object.entries(eig)) {
    it(name, () => {
      const A = t.tensor(want.A, { dtype: t.float64 });
      const { eigenvalues: L, eigenvectors: V } = t.linalg.eig(A);
      expect(String(L.dtype)).toBe("torch.complex128");
      close(flat(L), want.L, 1e-12);
      close(flat(V.abs()), want.absV, 1e-10);
      // A V = V diag(L), through the real view: A real, V = Vr + i Vi.
      const Vr = V.real;
      const Vi = V.imag;
      const lr = L.real.unsqueeze(-2);
      const li = L.imag.unsqueeze(-2);
      close(flat(A.matmul(Vr)), flat(Vr.mul(lr).sub(Vi.mul(li))), 1e-10);
      close(flat(A.matmul(Vi)), flat(Vr.mul(li).add(Vi.mul(lr))), 1e-10);
      const vals = t.linalg.eigvals(A.float());
      expect(String(vals.dtype)).toBe("torch.complex64");
      // PyTorch runs sgeev in float32, whose deflation order may differ: compare as a set of pairs.
      const pairs = (v: number[]) =>
        Array.from({ length: v.length / 2 }, (_, i) => [v[2 * i], v[2 * i + 1]])
          .sort((p, q) => p[0] - q[0] || p[1] - q[1])
          .flat();
      close(pairs(flat(vals)), pairs(want.eigvals), 1e-6);
    });
  }
});

describe("the native FFT kernel (native/fft.c)", () => {
  const hasNative = availableBackends().includes("native");
  it.runIf(hasNative)("gives the TypeScript kernel's bits, for every length, on one thread and many", () => {
    const previous = get_backend();
    set_backend("native");
    const native = backend().fftAlong!;
    set_backend(previous);
    expect(native).toBeTypeOf("function");
    // Radix-2 and Bluestein lengths along an inner, a middle and an outer dim; the last shapes are large
    // enough for native/fft.c to split their lines over threads.
    const shapes: [number[], number][] = [
      ...[1, 2, 3, 5, 8, 12, 17, 64, 100, 127].map((n): [number[], number] => [[3, n, 2], 1]),
      [[5, 9], 0],
      [[4, 16], 1],
      [[512, 256], 1],
      [[300, 1000], 1],
      [[64, 3, 96], 0],
    ];
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (const [shape, dim] of shapes)
      for (const inverse of [false, true]) {
        const a = new Float64Array(2 * shape.reduce((x, y) => x * y, 1)).map(random);
        const b = a.slice();
        jsFftAlong(a, shape, dim, inverse);
        native(b, shape, dim, inverse);
        expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer)), `${shape} dim ${dim}`).toBe(true);
      }
  });
  it.runIf(hasNative)("runs torch.fft on the native backend with the TypeScript backend's results", () => {
    const x = t.randn([4, 50], { dtype: t.float64 });
    const run = (name: string) => {
      const previous = get_backend();
      set_backend(name);
      try {
        return [t.fft.fft(x), t.fft.rfft2(x), t.fft.irfft(t.fft.rfft(x), 50)].map(flat);
      } finally {
        set_backend(previous);
      }
    };
    expect(run("native")).toEqual(run("js"));
  });
});
