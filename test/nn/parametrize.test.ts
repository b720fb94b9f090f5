// torch.nn.utils.parametrize against real PyTorch 1.13 (scripts/gen_parametrize_fixtures.py,
// test/fixtures/nn/parametrize.json): the Parametrized<Class> repr, parameter, buffer and state_dict names,
// parametrized tensors and originals through register_parametrization (chains, a buffer, unsafe-free checks),
// assignment through right_inverse, remove_parametrizations both ways, gradients of the original, and cached().
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { expectClose } from "../helpers/compare.js";

const nn = torch.nn;
const P = torch.nn.utils.parametrize;
type Tensor = torch.Tensor;

interface Snapshot {
  repr: string;
  params: Record<string, number[]>;
  buffers: Record<string, number[]>;
  state_dict_keys: string[];
  is_parametrized: boolean;
}
const FX = JSON.parse(readFileSync("test/fixtures/nn/parametrize.json", "utf8")) as Record<
  string,
  Snapshot & Record<string, unknown>
>;

let symmetricCalls = 0;
class Symmetric extends nn.Module {
  forward(x: Tensor): Tensor {
    symmetricCalls++;
    return x.triu().add(x.triu(1).transpose(-1, -2));
  }
}
class Scale extends nn.Module {
  constructor(readonly factor: number) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.factor);
  }
  right_inverse(x: Tensor): Tensor {
    return x.div(this.factor);
  }
}

const flat = (t: Tensor) => Array.from(t.detach().values(), Number);
const attr = (m: torch.nn.Module, name: string) => (m as unknown as Record<string, Tensor>)[name];

function expectSnapshot(m: torch.nn.Module, s: Snapshot): void {
  expect(m.toString()).toBe(s.repr);
  expect([...m.named_parameters()].map(([n]) => n)).toEqual(Object.keys(s.params));
  for (const [n, p] of m.named_parameters()) expectClose(flat(p), s.params[n], "float32", 1, n);
  expect([...m.named_buffers()].map(([n]) => n)).toEqual(Object.keys(s.buffers));
  for (const [n, b] of m.named_buffers()) expectClose(flat(b), s.buffers[n], "float32", 1, n);
  expect(Object.keys(m.state_dict())).toEqual(s.state_dict_keys);
  expect(P.is_parametrized(m)).toBe(s.is_parametrized);
}

describe("torch.nn.utils.parametrize", () => {
  it("a Symmetric parametrization of Linear.weight: repr, names, values, gradients, cached()", () => {
    const fx = FX.symmetric;
    torch.manual_seed(40);
    const m = new nn.Linear(3, 3);
    P.register_parametrization(m, "weight", new Symmetric());
    expectSnapshot(m, fx);
    expect(m instanceof nn.Linear).toBe(true);
    expectClose(flat(m.weight), fx.weight as number[], "float32", 1, "weight");
    expect(P.is_parametrized(m, "weight")).toBe(fx.is_parametrized_weight);
    expect(P.is_parametrized(m, "bias")).toBe(fx.is_parametrized_bias);
    const x = torch.tensor(fx.x as number[]).reshape(4, 3);
    m.forward(x).pow(2).sum().backward();
    const original = attr(
      (m as unknown as { parametrizations: torch.nn.ModuleDict }).parametrizations.get("weight"),
      "original",
    );
    expectClose(flat(original.grad!), fx.grad_original as number[], "float32", 8, "original.grad");
    symmetricCalls = 0;
    P.cached(() => [m.weight, m.weight]);
    expect(symmetricCalls).toBe(fx.cached_calls);
    symmetricCalls = 0;
    void [m.weight, m.weight];
    expect(symmetricCalls).toBe(fx.uncached_calls);
  });

  it("a chain with right_inverse, assignment, and remove_parametrizations both ways", () => {
    const fx = FX.chain;
    torch.manual_seed(41);
    const m = new nn.Linear(3, 3);
    expectClose(flat(m.weight), fx.weight0 as number[], "float32", 1, "weight0");
    P.register_parametrization(m, "weight", new Scale(2.0));
    P.register_parametrization(m, "weight", new Symmetric());
    expectSnapshot(m, fx);
    expectClose(flat(m.weight), fx.weight as number[], "float32", 1, "weight");
    P.register_parametrization(m, "bias", new Scale(4.0));
    expectSnapshot(m, fx.with_bias as Snapshot);
    (m as unknown as Record<string, Tensor>).bias = torch.tensor([1.0, 2.0, 3.0]);
    const lists = (m as unknown as { parametrizations: torch.nn.ModuleDict }).parametrizations;
    expectClose(
      flat(attr(lists.get("bias"), "original")),
      fx.bias_original as number[],
      "float32",
      1,
      "bias",
    );
    P.remove_parametrizations(m, "bias", { leave_parametrized: false });
    expectSnapshot(m, fx.bias_removed as Snapshot);
    P.remove_parametrizations(m, "weight");
    expectSnapshot(m, fx.removed as Snapshot);
    expect(m.constructor).toBe(nn.Linear);
  });

  it("a parametrized buffer", () => {
    const fx = FX.buffer;
    torch.manual_seed(42);
    const bn = new nn.BatchNorm1d(3);
    P.register_parametrization(bn, "running_var", new Scale(3.0));
    expectSnapshot(bn, fx);
    expectClose(flat(attr(bn, "running_var")), fx.running_var as number[], "float32", 1, "running_var");
  });

  for (const [name, build, kwargs] of [
    ["spectral_linear", () => new nn.Linear(4, 3), {}],
    ["spectral_conv_transpose", () => new nn.ConvTranspose2d(2, 3, 2), { eps: 1e-6 }],
  ] as const) {
    it(`parametrizations.spectral_norm: ${name}`, () => {
      const fx = FX[name];
      torch.manual_seed(43);
      const m = build();
      torch.nn.utils.parametrizations.spectral_norm(m, kwargs);
      // u and v went through 15 power iterations (matrix-vector products): within a tolerance.
      const close = (a: number[], e: number[], what: string) => expectClose(a, e, "float32", 64, what, 1e-6);
      expect(m.toString()).toBe(fx.repr);
      expect(Object.keys(m.state_dict())).toEqual(fx.state_dict_keys);
      for (const [n, b] of m.named_buffers()) close(flat(b), fx.buffers[n], n);
      (fx.weights as number[][]).forEach((w, k) => close(flat(attr(m, "weight")), w, `weight[${k}]`));
      m.eval();
      close(flat(attr(m, "weight")), fx.eval_weight as number[], "eval weight");
      for (const [n, b] of m.named_buffers()) close(flat(b), (fx.after as Snapshot).buffers[n], n);
    });
  }
});
