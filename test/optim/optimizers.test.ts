// Optimizer trajectories and state dicts vs PyTorch 1.13 (test/fixtures/optim.json).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import * as optim from "../../src/optim/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";
import {
  buildOptimizer,
  encode,
  expectJsonClose,
  expectValuesClose,
  fixtures,
  lossFn,
  makeParams,
  trainStep,
  type Json,
} from "./fixtures.js";

// float32 trajectories are PyTorch's bits: every update follows 1.13's _single_tensor_* formulas in their
// order. float64 ones agree to the last bit or two (PyTorch's vectorised double kernels fuse multiply-adds).
const RTOL = 0;
const tolerance = (dtype: string) => (dtype === "float64" ? 1e-13 : RTOL);
// Loading a float64 model's state casts NAdam's float32 mu_product to float64 (as PyTorch's does), so the
// resumed float64 run leaves the uninterrupted one's last bits.
const restoredTolerance = (dtype: string) => (dtype === "float64" ? 1e-9 : RTOL);

describe.each(availableBackends())("optimizer trajectories match PyTorch (%s backend)", (backend) => {
  onBackend(backend);
  for (const c of fixtures.optimizers) {
    it(c.name, () => {
      const rtol = tolerance(c.dtype);
      const params = makeParams(c.dtype);
      const opt = buildOptimizer(c, params);
      c.trajectory.forEach((expectedParams, step) => {
        const loss = trainStep(opt, params);
        expectValuesClose([loss], [c.losses[step]], rtol, `${c.name} loss ${step}`);
        params.forEach((p, i) =>
          expectValuesClose(p.values(), expectedParams[i], rtol, `${c.name} step ${step + 1} p${i + 1}`),
        );
      });
      expectJsonClose(encode(opt.state_dict()), c.state_dict, rtol);
      expect(params[2].grad).toBeNull();
    });
  }
});

/** The state PyTorch loads: floating state tensors take the parameter's dtype, all but `step`. */
function loadedState(state: Json, dtype: string, key = ""): Json {
  if (Array.isArray(state)) return state.map((v) => loadedState(v, dtype));
  if (state === null || typeof state !== "object") return state;
  if ("tensor" in state && key !== "step" && String(state.dtype).startsWith("float"))
    return { ...state, dtype };
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, loadedState(v, dtype, k)]));
}

describe("state_dict / load_state_dict", () => {
  for (const c of fixtures.optimizers) {
    it(`${c.name}: save after 2 steps, load into a new optimizer, continue`, () => {
      const rtol = restoredTolerance(c.dtype);
      const params = makeParams(c.dtype);
      const opt = buildOptimizer(c, params);
      trainStep(opt, params);
      trainStep(opt, params);
      const saved = opt.state_dict();
      const restoredParams = params.map((p) => p.detach().clone().requires_grad_(true));
      const restored = buildOptimizer({ ...c, options: { ...c.options, lr: 0.123 } }, restoredParams);
      restored.load_state_dict(saved);
      // The loaded state is a copy: stepping the original does not touch it.
      trainStep(opt, params);
      for (let step = 2; step < c.trajectory.length; step++) {
        trainStep(restored, restoredParams);
        restoredParams.forEach((p, i) =>
          expectValuesClose(
            p.values(),
            c.trajectory[step][i],
            rtol,
            `${c.name} restored step ${step + 1} p${i + 1}`,
          ),
        );
      }
      expectJsonClose(encode(restored.state_dict()), loadedState(c.state_dict, c.dtype), rtol);
    });
  }

  it("casts loaded floating state to the parameter's dtype, keeping step as saved", () => {
    const p64 = torch.tensor([1.0, 2.0], { dtype: torch.float64, requires_grad: true });
    const p32 = torch.tensor([1.0, 2.0], { requires_grad: true });
    const source = new optim.Adam([p32], { lr: 0.1 });
    p32.grad = torch.tensor([0.5, -0.5]);
    source.step();
    const target = new optim.Adam([p64], { lr: 0.1 });
    target.load_state_dict(source.state_dict());
    const state = target.state.get(p64)!;
    expect((state.exp_avg as torch.Tensor).dtype).toBe(torch.float64);
    expect((state.step as torch.Tensor).dtype).toBe(torch.float32);
  });
});

describe("Optimizer base", () => {
  it("step(closure) evaluates the closure with grad enabled and returns its loss", () => {
    const params = makeParams();
    const opt = new optim.SGD(params, { lr: 0.1, momentum: 0.9 });
    const losses = [0, 1, 2].map(() => {
      const loss = torch.no_grad(() =>
        opt.step(() => {
          opt.zero_grad();
          const l = lossFn(params);
          l.backward();
          return l;
        }),
      ) as torch.Tensor;
      return Number(loss.item());
    });
    expectValuesClose(losses, fixtures.closure.losses, RTOL, "closure losses");
    params.forEach((p, i) =>
      expectValuesClose(p.values(), fixtures.closure.params[i], RTOL, `closure p${i + 1}`),
    );
  });

  it("zero_grad zeroes grads in place by default (PyTorch 1.13), or sets them to null with set_to_none", () => {
    const params = makeParams();
    const opt = new optim.SGD(params, { lr: 0.1 });
    lossFn(params).backward();
    const grad = params[0].grad!;
    opt.zero_grad();
    expect(params[0].grad).toBe(grad);
    expect(Array.from(grad.values())).toEqual([0, 0, 0, 0, 0, 0]);
    opt.zero_grad({ set_to_none: false });
    expect(params[0].grad).toBe(grad);
    opt.zero_grad(true);
    expect(params[0].grad).toBeNull();
    expect(params[2].grad).toBeNull();
    lossFn(params).backward();
    opt.zero_grad({ set_to_none: true });
    expect(params[0].grad).toBeNull();
  });

  it("takes PyTorch's positional and keyword arguments", () => {
    const p = () => [torch.tensor([1.0, 2.0], { requires_grad: true })];
    expect(new optim.SGD(p(), 0.1, 0.9).defaults).toMatchObject({ lr: 0.1, momentum: 0.9 });
    expect(new optim.SGD(p(), { lr: 0.1, momentum: 0.9 }).defaults).toMatchObject({ lr: 0.1, momentum: 0.9 });
    expect(new optim.SGD(p(), 0.1, { nesterov: true, momentum: 0.5 }).defaults).toMatchObject({
      nesterov: true,
      momentum: 0.5,
    });
    expect(new optim.Adam(p(), 0.01, [0.8, 0.9]).defaults.betas).toEqual([0.8, 0.9]);
    // A group's lr stands in for the missing default, as in PyTorch.
    expect(new optim.SGD([{ params: p(), lr: 0.5 }]).param_groups[0].lr).toBe(0.5);
    expect(() => new optim.Adam(p(), { differentiable: true })).toThrow(torch.NotImplementedError);
  });

  it("SGD with differentiable=True records the update in the graph, as PyTorch does", () => {
    const w = torch.tensor([1.0, 2.0], { requires_grad: true });
    const param = w.mul(1);
    const opt = new optim.SGD([param], { lr: 0.5, differentiable: true });
    param.grad = torch.tensor([1.0, 1.0]);
    opt.step();
    expect(param.grad_fn).not.toBeNull();
    param.sum().backward();
    expect(w.grad!.tolist()).toEqual([1, 1]);
  });

  it("updates parameters in place without recording a graph", () => {
    const params = makeParams();
    const opt = new optim.Adam(params, { lr: 0.1 });
    const version = params[0]._version;
    lossFn(params).backward();
    opt.step();
    expect(params[0].is_leaf).toBe(true);
    expect(params[0].grad_fn).toBeNull();
    expect(params[0].requires_grad).toBe(true);
    expect(params[0]._version).toBeGreaterThan(version);
  });

  it("fills group defaults, accepts a tensor as a group's params, and add_param_group", () => {
    const [p1, p2, p3] = makeParams();
    const opt = new optim.SGD([{ params: p1 }, { params: [p2], lr: 0.5, momentum: 0.1 }], {
      lr: 0.1,
      momentum: 0.9,
    });
    expect(opt.param_groups[0]).toMatchObject({
      params: [p1],
      lr: 0.1,
      momentum: 0.9,
      dampening: 0,
      nesterov: false,
    });
    expect(opt.param_groups[1]).toMatchObject({ params: [p2], lr: 0.5, momentum: 0.1 });
    opt.add_param_group({ params: [p3], weight_decay: 0.2 });
    expect(opt.param_groups[2]).toMatchObject({ params: [p3], lr: 0.1, weight_decay: 0.2 });
    expect(opt.state_dict().param_groups.map((g) => g.params)).toEqual([[0], [1], [2]]);
  });

  it("uses PyTorch's defaults", () => {
    const p = () => [torch.tensor([1.0], { requires_grad: true })];
    expect(new optim.Adam(p()).defaults).toEqual({
      lr: 0.001,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weight_decay: 0,
      amsgrad: false,
      maximize: false,
      foreach: null,
      capturable: false,
      differentiable: false,
      fused: false,
    });
    expect(new optim.AdamW(p()).defaults).toMatchObject({ lr: 0.001, weight_decay: 0.01 });
    expect(new optim.RMSprop(p()).defaults).toMatchObject({
      lr: 0.01,
      alpha: 0.99,
      eps: 1e-8,
      momentum: 0,
      centered: false,
    });
    expect(new optim.Adagrad(p()).defaults).toMatchObject({
      lr: 0.01,
      lr_decay: 0,
      eps: 1e-10,
      initial_accumulator_value: 0,
    });
  });

  it("every optimizer prints its defaults as PyTorch does", () => {
    for (const [name, text] of Object.entries(fixtures.reprs)) {
      const Cls = (optim as unknown as Record<string, new (...a: unknown[]) => object>)[name];
      const p = [torch.tensor([1.0], { requires_grad: true })];
      expect(String(name === "SGD" ? new Cls(p, 0.1) : new Cls(p)), name).toBe(text);
    }
  });

  it("prints like PyTorch", () => {
    const opt = new optim.SGD(makeParams(), { lr: 0.1 });
    expect(String(opt)).toBe(
      "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n    foreach: None\n    lr: 0.1\n    maximize: False\n    momentum: 0\n    nesterov: False\n    weight_decay: 0\n)",
    );
    // Adam's default betas is a tuple; a caller's array is a list.
    expect(String(new optim.Adam(makeParams()))).toContain("    betas: (0.9, 0.999)\n");
    expect(String(new optim.Adam(makeParams(), { betas: [0.5, 0.6] }))).toContain("    betas: [0.5, 0.6]\n");
    expect(String(new optim.lr_scheduler.StepLR(opt, 2))).toBe("<torch.optim.lr_scheduler.StepLR object>");
  });
});
