// The activation modules of src/nn/modules/activation.ts against real PyTorch 1.13
// (scripts/gen_activation_module_fixtures.py): the state_dict after manual_seed, then the output, grad_fn and
// gradients of output.sum() with the generator stream continuing (RReLU's training draws), in train and eval
// mode and in place. Reprs are in reprs.ts; the functional forms are op-table rows (test/ops/tables/nn_activation.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { expectClose } from "../helpers/compare.js";
import { onBackend } from "../helpers/backends.js";

const nn = torch.nn;

interface CaseFixture {
  seed: number;
  input: number[];
  shape: number[];
  dtype: "float32" | "float64";
  state_dict: Record<string, number[]>;
  output: number[];
  grad_fn: string;
  input_grad: number[];
  param_grads: Record<string, number[]>;
}

interface ContainerFixture {
  state_dict: string[];
  named_parameters: [string, boolean, number[]][];
  grads: Record<string, number[]>;
  length: number;
}

const fx = JSON.parse(
  readFileSync(new URL("../fixtures/nn/activation_modules.json", import.meta.url), "utf8"),
) as { cases: Record<string, CaseFixture>; containers: Record<string, ContainerFixture> };

const CONTAINERS: Record<string, () => torch.nn.ParameterList | torch.nn.ParameterDict> = {
  parameter_list: () =>
    new nn.ParameterList([
      new nn.Parameter(torch.full([2, 3], 0.5)),
      torch.arange(4, { dtype: torch.float32 }),
      7,
    ]),
  parameter_list_appended: () =>
    new nn.ParameterList([torch.ones(2)]).append(torch.full([3], 2, { dtype: torch.float32 })),
  parameter_dict: () =>
    new nn.ParameterDict({
      w: torch.full([2], 3, { dtype: torch.float32 }),
      b: new nn.Parameter(torch.ones(1)),
      n: 3,
    }),
  parameter_dict_pairs: () =>
    new nn.ParameterDict([
      ["z", torch.ones(2)],
      ["a", torch.full([1], 4, { dtype: torch.float32 })],
    ]),
};

describe.each(Object.keys(CONTAINERS))("%s against PyTorch", (name) => {
  const f = fx.containers[name];
  it("registers PyTorch's parameters and passes their gradients", () => {
    const m = CONTAINERS[name]();
    expect(Object.keys(m.state_dict())).toEqual(f.state_dict);
    expect(m.length).toBe(f.length);
    const named = [...m.named_parameters()];
    expect(named.map(([k, p]) => [k, p.requires_grad])).toEqual(f.named_parameters.map(([k, r]) => [k, r]));
    named.forEach(([k, p], i) => expectClose(p.detach().values(), f.named_parameters[i][2], "float32", 0, k));
    let total: torch.Tensor | null = null;
    for (const [, p] of named) total = total === null ? p.mul(p).sum() : total.add(p.mul(p).sum());
    total!.backward();
    for (const [k, p] of named) expectClose(p.grad!.values(), f.grads[k], "float32", 0, `${k} grad`);
  });
});

const CASES: Record<string, { build: () => torch.nn.Module; eval?: boolean; ulps?: number }> = {
  prelu_default: { build: () => new nn.PReLU() },
  prelu_channels: { build: () => new nn.PReLU(3, { init: 0.1 }) },
  prelu_float64: { build: () => new nn.PReLU(2, { dtype: torch.float64 }) },
  rrelu_train: { build: () => new nn.RReLU() },
  rrelu_train_bounds: { build: () => new nn.RReLU(0.2, 0.6) },
  rrelu_eval: { build: () => new nn.RReLU(0.1, 0.3), eval: true },
  rrelu_inplace: { build: () => new nn.RReLU({ inplace: true }) },
  hardtanh_inplace: { build: () => new nn.Hardtanh(-0.5, 0.5, true) },
  relu6: { build: () => new nn.ReLU6() },
  selu_inplace: { build: () => new nn.SELU(true), ulps: 2 },
  celu_inplace: { build: () => new nn.CELU(0.5, true), ulps: 2 },
  threshold_inplace: { build: () => new nn.Threshold(0.1, -2, true) },
  mish: { build: () => new nn.Mish() },
  mish_vector: { build: () => new nn.Mish() },
  mish_float64: { build: () => new nn.Mish().double() },
  hardswish_inplace: { build: () => new nn.Hardswish(true) },
  hardsigmoid: { build: () => new nn.Hardsigmoid() },
  hardshrink: { build: () => new nn.Hardshrink(0.3) },
  softshrink: { build: () => new nn.Softshrink(0.3) },
  softsign: { build: () => new nn.Softsign() },
  tanhshrink: { build: () => new nn.Tanhshrink(), ulps: 2 },
  glu: { build: () => new nn.GLU({ dim: 0 }) },
};

describe.each(["js", "native"])("activation modules on the %s backend", (backend) => {
  onBackend(backend);
  it("has a fixture for every case", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(fx.cases).sort());
  });
  describe.each(Object.keys(CASES))("%s", (name) => {
    const c = CASES[name];
    const f = fx.cases[name];
    it("matches PyTorch's state_dict, output, grad_fn and gradients", () => {
      {
        const dtype = f.dtype === "float64" ? torch.float64 : torch.float32;
        const x = torch.tensor(f.input, { dtype }).reshape(f.shape);
        torch.manual_seed(f.seed);
        const m = c.build();
        if (c.eval) m.eval();
        const state = m.state_dict();
        expect(Object.keys(state)).toEqual(Object.keys(f.state_dict));
        for (const [k, v] of Object.entries(state)) expectClose(v.values(), f.state_dict[k], f.dtype, 0, k);
        const leaf = x.clone().requires_grad_(true);
        const out = m.forward(leaf.mul(1)) as torch.Tensor;
        expect(out.grad_fn?.name()).toBe(f.grad_fn);
        expectClose(out.detach().values(), f.output, f.dtype, c.ulps ?? 0, "output");
        out.sum().backward();
        expectClose(leaf.grad!.values(), f.input_grad, f.dtype, c.ulps ?? 0, "input grad");
        for (const [k, p] of m.named_parameters())
          expectClose(p.grad!.values(), f.param_grads[k], f.dtype, c.ulps ?? 0, `${k} grad`);
      }
    });
  });
});
