// L-BFGS (with and without the strong-Wolfe line search) and SparseAdam vs PyTorch 1.13 (test/fixtures/optim.json).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import * as optim from "../../src/optim/index.js";
import { expectValuesClose, fixtures, lbfgsLoss, makeParams } from "./fixtures.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

// torch.dot is a BLAS sdot in PyTorch, whose summation order is the CPU's (docs/testing.md): L-BFGS's
// curvature pairs, and so its iterates, agree to float32 rounding rather than bit for bit.
const RTOL = 2e-5;

describe.each(availableBackends())("LBFGS matches PyTorch (%s backend)", (backend) => {
  onBackend(backend);
  for (const c of fixtures.lbfgs) {
    it(c.name, () => {
      const params = makeParams();
      const opt = new optim.LBFGS(params, c.options);
      let evaluations = 0;
      const closure = () => {
        evaluations += 1;
        opt.zero_grad();
        const loss = lbfgsLoss(params);
        loss.backward();
        return loss;
      };
      c.trajectory.forEach((expected, step) => {
        const returned = opt.step(closure) as torch.Tensor;
        expectValuesClose([Number(returned.item())], [c.returned[step]], RTOL, `${c.name} loss ${step}`);
        params.forEach((p, i) =>
          expectValuesClose(p.values(), expected[i], RTOL, `${c.name} step ${step} p${i}`),
        );
      });
      expect(evaluations).toBe(c.evaluations);
      const state = opt.state_dict().state[0] as Record<string, unknown>;
      expect(state.func_evals).toBe(c.func_evals);
      expect(state.n_iter).toBe(c.n_iter);
      expect(Object.keys(state)).toEqual(c.state_keys);
    });
  }
});

describe("LBFGS and SparseAdam behaviour", () => {
  it("LBFGS state_dict round trip continues the same iterates", () => {
    const c = fixtures.lbfgs.find((x) => x.name === "lbfgs_short_history")!;
    const params = makeParams();
    const opt = new optim.LBFGS(params, c.options);
    const closureFor = (o: optim.LBFGS, ps: torch.Tensor[]) => () => {
      o.zero_grad();
      const loss = lbfgsLoss(ps);
      loss.backward();
      return loss;
    };
    opt.step(closureFor(opt, params));
    const restoredParams = params.map((p) => p.detach().clone().requires_grad_(true));
    const restored = new optim.LBFGS(restoredParams, c.options);
    restored.load_state_dict(opt.state_dict());
    for (let step = 1; step < c.trajectory.length; step++) {
      restored.step(closureFor(restored, restoredParams));
      restoredParams.forEach((p, i) => expectValuesClose(p.values(), c.trajectory[step][i], RTOL, `p${i}`));
    }
  });

  it("SparseAdam accepts dense parameters and, as PyTorch, rejects their dense gradients", () => {
    const params = makeParams();
    const opt = new optim.SparseAdam(params, { lr: 0.01 });
    expect(opt.step()).toBeNull();
    lossFnGrad(params);
    expect(() => opt.step()).toThrow(
      new torch.RuntimeError("SparseAdam does not support dense gradients, please consider Adam instead"),
    );
  });
});

function lossFnGrad(params: torch.Tensor[]): void {
  lbfgsLoss(params).backward();
}
