// Ops on complex tensors beyond the FFT's and eig's own (tanh, sigmoid, flip, roll, rot90, einsum, ...) against
// PyTorch 1.13: values, grad_fn names, gradients of a complex leaf, errors, and tanh / sigmoid over a grid
// of values (test/fixtures/complex_ops.json, scripts/gen_complex_ops_fixtures.py; docs/complex.md).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as torch from "../../src/index.js";

type T = torch.Tensor;
type Num = number | string | boolean;
type Case = { dtype: string; shape: number[]; values: Num[]; grad_fn: string | null };
type Grad = { loss: number; w: Num[] | null; m: Num[] | null };
type Err = { type: string; message: string };
type Grid = { inputs: Num[][]; tanh: Num[][]; sigmoid: Num[][]; tanh_whole: Num[] };
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/complex_ops.json", import.meta.url), "utf8"),
) as {
  cases: Record<string, Case>;
  grads: Record<string, Grad>;
  errors: Record<string, Err>;
  grid: Record<"complex128" | "complex64", Grid>;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const t = torch as any;

function env() {
  const C = t.Complex;
  const w = t.tensor([new C(1, 2), new C(-0.5, 0.25), new C(3, -1)], {
    dtype: t.complex128,
    requires_grad: true,
  });
  const c = t.complex(t.tensor([1.0, 3.0, 0.5]), t.tensor([2.0, -1.0, 0.0]));
  const cm = t.complex(
    t.tensor([
      [1.0, 2.0, -0.5],
      [0.0, -1.0, 4.0],
    ]),
    t.tensor([
      [0.5, -1.0, 2.0],
      [2.0, 1.0, -3.0],
    ]),
  );
  const m = t.tensor(
    [
      [1.0, 2.0, 0.0],
      [3.0, -1.0, 2.5],
    ],
    { dtype: t.float64, requires_grad: true },
  );
  return { w, c, cm, m };
}
type Env = ReturnType<typeof env>;
const stack2 = (a: T, b: T): T => t.stack([a, b]);

const CASES: Record<string, (e: Env) => T> = {
  tanh: ({ w }) => w.tanh(),
  tanh_c64: ({ c }) => c.tanh(),
  sigmoid: ({ w }) => w.sigmoid(),
  sigmoid_c64: ({ c }) => t.sigmoid(c),
  expit: ({ w }) => t.special.expit(w),
  flip: ({ w }) => stack2(w, w.mul(2)).flip(1),
  flip_2d: ({ cm }) => cm.flip([0, 1]),
  fliplr: ({ w }) => t.fliplr(stack2(w, w.conj())),
  flipud: ({ cm }) => t.flipud(cm),
  rot90: ({ w }) => t.rot90(stack2(w, w.conj()), 1, [0, 1]),
  roll: ({ w }) => w.roll(1),
  roll_flat: ({ cm }) => cm.roll(2),
  roll_dims: ({ cm }) => cm.roll([1, -1], [0, 1]),
  einsum_mv: ({ m, w }) => t.einsum("ij,j->i", t.complex(m, m.neg()), w),
  einsum_outer: ({ w }) => t.einsum("i,j->ij", w, w.conj()),
  einsum_mm_t: ({ cm }) => t.einsum("ij,kj->ik", cm, cm),
  einsum_trace_sum: ({ m }) => t.einsum("ij->", t.complex(m, m)),
  einsum_hadamard_real: ({ m }) => t.einsum("ij,ij->ij", t.complex(m, m.neg()), m),
  einsum_batch: ({ cm }) => t.einsum("bij,bjk->bik", stack2(cm, cm.conj()), stack2(cm.t(), cm.t())),
  einsum_transpose: ({ m }) => t.einsum("ij->ji", t.complex(m, m)),
  diagonal: ({ w }) => t.stack([w, w.conj(), w.mul(2)]).diagonal(1),
  diag_vector: ({ w }) => t.diag(w, -1),
  diag_matrix: ({ w }) => t.diag(t.stack([w, w.conj(), w.mul(2)])),
  diag_embed: ({ cm }) => t.diag_embed(cm),
  movedim: ({ w }) => stack2(w, w.mul(2)).movedim(0, 1),
  unbind: ({ w }) => t.stack([w, w.conj()], 1).unbind(1)[1],
  split: ({ w }) => w.split([1, 2])[1],
  chunk: ({ w }) => stack2(w, w.conj()).chunk(2, 1)[1],
  tensor_split: ({ cm }) => t.tensor_split(cm, 2, 1)[1],
  unflatten: ({ w }) => w.unflatten(0, [1, 3]),
  outer: ({ w }) => t.outer(w, w.conj()),
  outer_real: ({ w, m }) => t.outer(w, m.select(0, 0)),
  kron: ({ w, cm }) => t.kron(cm, stack2(w, w)),
  hstack: ({ w, m }) => t.hstack([w, m.select(0, 1)]),
  vstack: ({ w }) => t.vstack([w, w.conj()]),
  block_diag: ({ w, cm }) => t.block_diag(stack2(w, w), cm),
  square: ({ w }) => w.square(),
  vector_norm: ({ w }) => t.linalg.vector_norm(w),
  vector_norm_ord1_dim: ({ cm }) => t.linalg.vector_norm(cm, 1, 1),
  linalg_norm_fro: ({ w }) => t.linalg.norm(stack2(w, w.conj()), "fro"),
  linalg_norm_inf: ({ w }) => t.linalg.norm(stack2(w, w.mul(2)), Infinity),
  norm: ({ w }) => t.norm(w),
  norm_p3_dim: ({ w }) => stack2(w, w.conj()).norm(3, 1),
  ones: () => t.ones([2, 3], { dtype: t.complex64 }),
  ones_like: ({ w }) => t.ones_like(w),
  full: () => t.full([2], -2.5, { dtype: t.complex128 }),
  full_like: ({ cm }) => t.full_like(cm, 3),
  new_ones: ({ w }) => w.new_ones(2),
  new_full: ({ cm }) => cm.new_full([3], 7),
  zeros_requires_grad: () => t.zeros(2, { dtype: t.complex64, requires_grad: true }),
  where: ({ w }) => t.where(t.tensor([true, false, true]), w, w.conj()),
  where_real_other: ({ w, m }) => t.where(t.tensor([[true], [false]]), w, m),
  where_scalar: ({ w }) => t.where(t.tensor([true, false, true]), w, 0.5),
  where_method: ({ w, cm }) => w.where(t.tensor([false, true, true]), cm),
  masked_fill: ({ w }) => w.masked_fill(t.tensor([true, false, true]), 2.5),
  masked_fill_broadcast: ({ cm }) => cm.masked_fill(t.tensor([false, true, false]), -1),
  reciprocal: ({ w }) => w.reciprocal(),
  reciprocal_c64_edges: () =>
    t
      .tensor(
        [new t.Complex(0, 0), new t.Complex(1e-30, 0), new t.Complex(1e30, 1e30), new t.Complex(2, -1)],
        {
          dtype: t.complex64,
        },
      )
      .reciprocal(),
  cumsum: ({ w }) => stack2(w, w.conj()).cumsum(1),
  cumsum_dim0_dtype: ({ cm }) => t.cumsum(cm, 0, { dtype: t.complex128 }),
  index_select: ({ w }) => stack2(w, w.mul(2)).index_select(1, t.tensor([2, 0, 2], { dtype: t.int64 })),
  index_select_neg_dim: ({ cm }) => t.index_select(cm, -2, t.tensor([1], { dtype: t.int64 })),
  isnan: () => t.isnan(specials()),
  isinf: () => specials(-Infinity).isinf(),
  isfinite: () => t.isfinite(specials(-Infinity)),
  div_unscaled: () => {
    const C = t.Complex;
    const a = [new C(1, 1), new C(2, -1), new C(3, 0.5), new C(-1, 4)];
    const b = [new C(1e200, 1e200), new C(1e-200, 0), new C(2, -1), new C(0.5, 0.25)];
    return t.tensor(a, { dtype: t.complex128 }).div(t.tensor(b, { dtype: t.complex128 }));
  },
  sgn: ({ w }) => t.cat([w, w.new_zeros(1)]).sgn(),
  log10: ({ w }) => w.log10(),
  log2: ({ cm }) => t.log2(cm),
  rsqrt: ({ w }) => w.rsqrt(),
  sinh: ({ w }) => w.sinh(),
  cosh: ({ cm }) => t.cosh(cm),
  eq: ({ w }) =>
    stack2(w, w.conj()).eq(
      t.tensor([new t.Complex(1, 2), new t.Complex(0, 0), new t.Complex(3, -1)], { dtype: t.complex64 }),
    ),
  ne_scalar: ({ w }) =>
    t
      .cat([w, w.new_ones(1).mul(3)])
      .detach()
      .ne(3),
  eq_real: ({ w }) => t.eq(t.cat([w.real.to(t.complex128), w]), t.cat([w.real, w.real])),
  repeat: ({ cm }) => cm.repeat(2, 1, 2),
  tile: ({ w }) => t.tile(w, [2, 2]),
  mul_: ({ w }) => w.mul(1).mul_(w),
  add_alpha_: ({ w }) => w.mul(1).add_(w.conj(), { alpha: 2 }),
  sub_scalar_: ({ w }) => w.mul(1).sub_(3),
  div_: ({ w }) => w.mul(1).div_(w.conj()),
  exp_: ({ w }) => w.mul(1).exp_(),
  tanh_: ({ w }) => w.mul(1).tanh_(),
  sigmoid_: ({ w }) => t.sigmoid_(w.mul(1)),
  reciprocal_: ({ w }) => w.mul(1).reciprocal_(),
  pow_: ({ w }) => w.mul(1).pow_(2),
  fill_: ({ w }) => w.mul(1).fill_(2.5),
  zero_: ({ w }) => w.mul(1).zero_(),
  copy_: ({ w }) => w.mul(1).copy_(w.conj()),
  copy_real_src: ({ w, m }) => w.mul(1).copy_(m.select(0, 0)),
  inplace_view_no_grad: ({ w }) => {
    const z = w.detach().clone();
    z.narrow(0, 1, 2).mul_(2);
    return z;
  },
};
/** torch.tensor([1+2j, complex(nan, 0), complex(0, nan or imag), complex(inf, 1)]). */
function specials(imag = NaN): T {
  const C = t.Complex;
  return t.tensor([new C(1, 2), new C(NaN, 0), new C(0, imag), new C(Infinity, 1)]);
}
const GRADS: Record<string, (e: Env) => T> = {
  grad_tanh: ({ w }) => w.tanh().abs().sum(),
  grad_sigmoid: ({ w }) => t.view_as_real(w.sigmoid().mul(w)).pow(2).sum(),
  grad_tanh_sigmoid_real: ({ m }) =>
    t.complex(m, m.mul(0.5)).tanh().add(t.complex(m, m.neg()).sigmoid()).abs().sum(),
  grad_flip_roll: ({ w }) =>
    w
      .flip(0)
      .mul(w.roll(1))
      .add(t.rot90(stack2(w, w), 1, [0, 1]).select(1, 0))
      .abs()
      .sum(),
  grad_einsum: ({ m, w }) =>
    t
      .einsum("ij,j->i", t.complex(m, m.neg()), w)
      .abs()
      .sum()
      .add(t.einsum("i,j->ij", w, w).real.sum()),
  grad_norms: ({ w }) =>
    t.linalg
      .vector_norm(w)
      .add(t.norm(stack2(w, w.conj()), 3, 1).sum())
      .add(t.linalg.norm(stack2(w, w), 1))
      .add(t.view_as_real(w.square()).sum()),
  grad_where_masked_fill: ({ w, m }) =>
    t
      .view_as_real(
        t
          .where(t.tensor([[true], [false]]), w, t.complex(m, m.neg()))
          .mul(w.masked_fill(t.tensor([false, true, false]), 3)),
      )
      .pow(2)
      .sum(),
  grad_cumsum_index_select_reciprocal: ({ w }) =>
    t
      .view_as_real(
        stack2(w, w.conj())
          .cumsum(1)
          .index_select(1, t.tensor([2, 0, 2], { dtype: t.int64 }))
          .mul(w.reciprocal()),
      )
      .pow(2)
      .sum(),
  grad_inplace: ({ w, m }) =>
    t
      .view_as_real(
        w
          .mul(1)
          .mul_(w)
          .add_(w.conj(), { alpha: 2 })
          .div_(w.conj().add(3))
          .tanh_()
          .mul(1)
          .sigmoid_()
          .mul(w.mul(1).pow_(2))
          .add(w.mul(1).fill_(2.5).mul(w))
          .add(
            w
              .mul(1)
              .copy_(t.complex(m.select(0, 0), m.select(0, 1)))
              .mul(w),
          ),
      )
      .pow(2)
      .sum(),
  grad_sgn: ({ w }) => {
    const C = t.Complex;
    const c = t.tensor([new C(1, 1), new C(2, 0), new C(0, 3), new C(-1, 0), new C(1, 0), new C(0, 1)], {
      dtype: t.complex128,
    });
    return t
      .view_as_real(
        t
          .cat([w, w.mul(0)])
          .sgn()
          .mul(c),
      )
      .sum();
  },
  grad_log_rsqrt_hyperbolic: ({ w }) =>
    t
      .view_as_real(w.log10().mul(w.log2()).add(w.rsqrt().mul(w.sinh())).sub(w.cosh()))
      .pow(2)
      .sum(),
  grad_repeat_tile: ({ w }) =>
    t
      .view_as_real(
        w
          .repeat(2, 2)
          .mul(t.arange(12).reshape([2, 6]))
          .add(t.tile(w, [3]).sum()),
      )
      .pow(2)
      .sum(),
  grad_views: ({ w }) =>
    stack2(w, w.conj())
      .diagonal()
      .sum()
      .mul(t.diag(w).sum())
      .add(
        t
          .stack([w, w.mul(2)], 1)
          .unbind(1)[1]
          .sum(),
      )
      .add(w.split([2, 1])[0].sum().mul(w.chunk(3)[2].sum()))
      .abs(),
  grad_products: ({ w, m }) =>
    t
      .outer(w, t.complex(m.select(0, 0), m.select(0, 1)))
      .sum()
      .add(t.kron(w, w).sum())
      .add(t.block_diag(stack2(w, w), w.unflatten(0, [1, 3])).sum())
      .abs()
      .add(
        t
          .hstack([w, m.select(0, 0)])
          .abs()
          .sum(),
      )
      .add(t.vstack([w, w]).movedim(0, 1).real.sum()),
};
const ERRORS: Record<string, (e: Env) => unknown> = {
  einsum_mixed_bmm: ({ cm }) => t.einsum("ij,j->i", cm, t.ones(3)),
  roll_mismatch: ({ w }) => w.roll([1, 2], [0]),
  vector_norm_complex_dtype: ({ w }) => t.linalg.vector_norm(w, { dtype: t.float64 }),
};

const num = (v: Num): number => (typeof v === "string" ? Number(v.replace("inf", "Infinity")) : Number(v));

function flat(v: T): number[] {
  const d = v.detach();
  return Array.from((d.dtype.is_complex ? t.view_as_real(d) : d).contiguous().values() as ArrayLike<number>);
}

function close(actual: number[], expected: Num[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = num(expected[i]);
    if (!Number.isFinite(e)) expect(a).toBe(e);
    else expect(Math.abs(a - e)).toBeLessThanOrEqual(tol * (1 + Math.abs(e)));
  });
}

describe("ops on complex tensors match PyTorch 1.13", () => {
  for (const [name, want] of Object.entries(fixture.cases)) {
    it(name, () => {
      const got = CASES[name](env());
      expect(String(got.dtype)).toBe(want.dtype);
      expect([...got.shape]).toEqual(want.shape);
      expect(got.grad_fn?.name() ?? null).toBe(want.grad_fn);
      close(flat(got), want.values, got.dtype === t.complex64 ? 1e-6 : 1e-14);
    });
  }
  for (const [name, want] of Object.entries(fixture.grads)) {
    it(name, () => {
      const e = env();
      const loss = GRADS[name](e);
      loss.backward();
      expect(Math.abs(loss.item() - want.loss)).toBeLessThan(1e-12 * (1 + Math.abs(want.loss)));
      if (want.w) close(flat(e.w.grad!), want.w, 1e-12);
      if (want.m) close(flat(e.m.grad!), want.m, 1e-12);
    });
  }
  for (const [name, want] of Object.entries(fixture.errors)) {
    it(`error: ${name}`, () => {
      let caught: unknown = null;
      try {
        ERRORS[name](env());
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(Error);
      expect((caught as Error).constructor.name).toBe(want.type);
      expect((caught as Error).message).toBe(want.message);
    });
  }
});

/** Each grid point's result from a one-element tensor, against PyTorch's (bits compared, and the worst ulp). */
function gridRun(dtype: "complex128" | "complex64", op: "tanh" | "sigmoid") {
  const grid = fixture.grid[dtype];
  let exact = 0;
  let worst = 0;
  const total = grid.inputs.length * 2;
  grid.inputs.forEach(([re, im], i) => {
    const z = t
      .complex(t.tensor([num(re)], { dtype: t.float64 }), t.tensor([num(im)], { dtype: t.float64 }))
      .to(t[dtype]);
    const got = flat(z[op]());
    got.forEach((g, k) => {
      const e = num(grid[op][i][k]);
      if (Object.is(g, e) || (Number.isNaN(g) && Number.isNaN(e))) exact++;
      else {
        // The gap between e and its neighbour away from zero (normal numbers).
        const mant = dtype === "complex64" ? 23 : 52;
        const ulps = Math.abs(g - e) / 2 ** (Math.floor(Math.log2(Math.abs(e))) - mant);
        worst = Math.max(worst, Number.isFinite(e) ? ulps : Infinity);
      }
    });
  });
  return { exact, total, worst };
}

describe("complex tanh and sigmoid over a grid of values (glibc ctanh / c10::complex sigmoid)", () => {
  // complex128: glibc's ctanh and cexp with its exp / sin / cos / sinh / cosh ports, and the fma GCC contracts in
  // c10's 1 / (c + di): every bit. complex64: glibc's float code, but sinf / cosf are the double's rounding, which
  // differs from glibc's sincosf by an ulp on some arguments: about 1% of the components differ, by at most two
  // ulps after the products and quotients.
  for (const op of ["tanh", "sigmoid"] as const) {
    it(`${op} complex128, bit for bit`, () => {
      const r = gridRun("complex128", op);
      expect(r.exact).toBe(r.total);
    });
    if (op === "tanh")
      it("tanh complex128 of one whole tensor (the vectorised loop), bit for bit", () => {
        const grid = fixture.grid.complex128;
        const z = t.complex(
          t.tensor(
            grid.inputs.map(([re]) => num(re)),
            { dtype: t.float64 },
          ),
          t.tensor(
            grid.inputs.map(([, im]) => num(im)),
            { dtype: t.float64 },
          ),
        );
        const got = flat(z.tanh());
        const want = grid.tanh_whole.map(num);
        expect(got.filter((g, i) => !Object.is(g, want[i])).length).toBe(0);
      });
    it(`${op} complex64, within two ulps`, () => {
      const r = gridRun("complex64", op);
      expect(r.worst).toBeLessThanOrEqual(2);
      expect(r.exact / r.total).toBeGreaterThan(0.98);
    });
  }
});

describe("in-place ops on views of complex tensors in a graph", () => {
  it("refuse (CopySlices reads complex gradients as real ones) instead of computing wrong gradients", () => {
    const C = t.Complex;
    const w = t.tensor([new C(1, 2), new C(-0.5, 0.25), new C(3, -1)], {
      dtype: t.complex128,
      requires_grad: true,
    });
    const y = w.mul(1);
    expect(() => y.narrow(0, 1, 2).mul_(2)).toThrow(
      `"mul_ (in place on a view that requires grad)" not implemented for 'ComplexDouble'`,
    );
  });
});
