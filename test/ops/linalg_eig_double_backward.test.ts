// Double backward through torch.linalg.eig / eigvals (src/ops/derivatives/linalg_eig.ts, written in real tensor
// ops): Hessian-vector products of phase- and order-invariant losses against PyTorch 1.13's
// (scripts/gen_eig_double_backward_fixtures.py), and float64 gradgradcheck, on every backend.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";
import { expectClose } from "../helpers/compare.js";

type T = torch.Tensor;
interface Case {
  shape: number[];
  A: number[];
  W: number[];
  grad: number[];
  hvp: number[];
}
const FX = JSON.parse(
  readFileSync(new URL("../fixtures/ops/linalg_eig_double_backward.json", import.meta.url), "utf8"),
) as Record<string, Case>;

const LOSSES: Record<string, (A: T) => T> = {
  eigvals_abs: (A) => torch.linalg.eigvals(A).abs().sum(),
  eigenvalues_sq: (A) => torch.view_as_real(torch.linalg.eig(A).eigenvalues).pow(2).sum(),
  eigenvectors_abs: (A) => {
    const r = torch.linalg.eig(A);
    return r.eigenvectors.abs().mul(r.eigenvalues.abs().unsqueeze(-2)).sum();
  },
  both: (A) => {
    const r = torch.linalg.eig(A);
    return r.eigenvectors.abs().pow(2).mul(torch.real(r.eigenvalues).unsqueeze(-2)).sum();
  },
};
const flat = (t: T) => [...(t.detach().flatten().values() as Iterable<number>)];

describe.each(availableBackends())("double backward through linalg.eig on the %s backend", (name) => {
  onBackend(name);

  for (const [key, fx] of Object.entries(FX)) {
    it(`matches PyTorch's Hessian-vector product: ${key}`, () => {
      const f = LOSSES[key.replace(/_[\dx]+$/, "")];
      const A = torch.tensor(fx.A, { dtype: torch.float64 }).reshape(fx.shape).requires_grad_();
      const W = torch.tensor(fx.W, { dtype: torch.float64 }).reshape(fx.shape);
      const g = torch.autograd.grad(f(A), [A], { create_graph: true })[0]!;
      expect(g.requires_grad).toBe(true);
      expectClose(flat(g), fx.grad, "float64", 1e5, "grad", 1e-9);
      const hv = torch.autograd.grad(g.mul(W).sum(), [A])[0]!;
      expectClose(flat(hv), fx.hvp, "float64", 1e5, "hvp", 1e-8);
    });
  }

  it("passes float64 gradgradcheck", () => {
    torch.manual_seed(3);
    const A = torch.randn([3, 3], { dtype: torch.float64 }).requires_grad_();
    const { gradgradcheck } = torch.autograd;
    expect(gradgradcheck((a: T) => torch.linalg.eigvals(a).abs(), [A])).toBe(true);
    expect(
      gradgradcheck(
        (a: T) => {
          const r = torch.linalg.eig(a);
          return r.eigenvectors.abs().mul(r.eigenvalues.abs().unsqueeze(-2));
        },
        [A],
      ),
    ).toBe(true);
  });
});
