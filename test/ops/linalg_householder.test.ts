// src/ops/linalg_householder.ts beyond the op table (test/ops/tables/linalg_householder.ts): the nodes PyTorch
// 1.13 records for its non-differentiable geqrf, ormqr and ldl ops, and, on every backend, matrices large
// enough for LAPACK's blocked dsytrf / dormqr paths (n > 64), checked against the ops they must agree with.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, backend } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

const maxAbs = (x: torch.Tensor) => x.abs().max().item() as number;

describe("nodes of the ops without a derivative", () => {
  it("geqrf records GeqrfBackward0 on both outputs, ormqr OrmqrBackward0, the ldl ops NotImplemented", () => {
    const a = torch.randn([4, 3]).requires_grad_();
    const g = torch.geqrf(a);
    expect(g.a.grad_fn?.name()).toBe("GeqrfBackward0");
    expect(g.tau.grad_fn).toBe(g.a.grad_fn);
    const c = torch.randn([4, 2]).requires_grad_();
    expect(torch.ormqr(g.a.detach(), g.tau.detach(), c).grad_fn?.name()).toBe("OrmqrBackward0");
    const s = a.detach().narrow(0, 0, 3);
    const f = torch.linalg.ldl_factor_ex(s.add(s.mT).requires_grad_());
    expect(f.LD.grad_fn?.name()).toBe("NotImplemented");
    expect(f.pivots.requires_grad).toBe(false);
    const b = torch.randn([3, 2]).requires_grad_();
    const x = torch.linalg.ldl_solve(f.LD.detach(), f.pivots, b);
    expect(x.grad_fn?.name()).toBe("NotImplemented");
    expect(() => x.sum().backward()).toThrow("derivative for aten::linalg_ldl_solve is not implemented");
  });
});

describe.each(availableBackends())("large matrices on the %s backend", (name) => {
  onBackend(name);

  it("uses LAPACK's routines on the native backend", () => {
    expect(backend().householder !== undefined).toBe(name === "native");
  });

  for (const dtype of [torch.float64, torch.float32]) {
    const tol = dtype === torch.float64 ? 1e-9 : 2e-3;
    it(`ldl_solve(ldl_factor(A)) solves A X = B for a 70 x 70 symmetric ${dtype.name} A`, () => {
      torch.manual_seed(1);
      const r = torch.randn([2, 70, 70], { dtype });
      const A = r.add(r.mT);
      const B = torch.randn([2, 70, 3], { dtype });
      const { LD, pivots } = torch.linalg.ldl_factor(A);
      expect(pivots.dtype).toBe(torch.int32);
      const X = torch.linalg.ldl_solve(LD, pivots, B);
      expect(maxAbs(A.matmul(X).sub(B))).toBeLessThan(tol * 100);
      expect(maxAbs(LD.triu(1))).toBe(0);
    });

    it(`ormqr multiplies by householder_product's Q for 70 x 70 ${dtype.name} reflectors`, () => {
      torch.manual_seed(2);
      const { a, tau } = torch.geqrf(torch.randn([70, 70], { dtype }));
      const Q = torch.linalg.householder_product(a, tau);
      const C = torch.randn([70, 5], { dtype });
      expect(maxAbs(torch.ormqr(a, tau, C).sub(Q.matmul(C)))).toBeLessThan(tol);
      expect(maxAbs(torch.ormqr(a, tau, C, true, true).sub(Q.mT.matmul(C)))).toBeLessThan(tol);
      const D = C.mT;
      expect(maxAbs(torch.ormqr(a, tau, D, false).sub(D.matmul(Q)))).toBeLessThan(tol);
      expect(maxAbs(torch.ormqr(a, tau, D, false, true).sub(D.matmul(Q.mT)))).toBeLessThan(tol);
    });
  }
});
