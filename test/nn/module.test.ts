// nn.Module, containers, Linear, init and Dropout against what PyTorch 1.13 records (scripts/gen_nn_fixtures.py).
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import * as torch from "../../src/index.js";
import { expectClose } from "../helpers/compare.js";
import { warningSink } from "../helpers/warnings.js";

const nn = torch.nn;
const fx = JSON.parse(readFileSync(new URL("../fixtures/nn.json", import.meta.url), "utf8"));
const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

class Net extends nn.Module {
  fc1 = new nn.Linear(4, 3);
  act = new nn.ReLU();
  seq = new nn.Sequential(new nn.Linear(3, 2), new nn.Sigmoid());
  scale = new nn.Parameter(torch.ones(1));
  constructor() {
    super();
    this.register_buffer("steps", torch.zeros(1));
  }
  forward(x: torch.Tensor): torch.Tensor {
    return (this.seq.forward(this.act.forward(this.fc1.forward(x))) as torch.Tensor).mul(this.scale);
  }
}

describe("nn.Module", () => {
  it("registers parameters, buffers and submodules in PyTorch's order, and prints like PyTorch", () => {
    torch.manual_seed(0);
    const net = new Net();
    expect(String(net)).toBe(fx.net.repr);
    expect(Object.keys(net.state_dict())).toEqual(fx.net.state_dict_keys);
    expect([...net.named_parameters()].map(([n]) => n)).toEqual(fx.net.named_parameters);
    expect([...net.named_modules()].map(([n]) => n)).toEqual(fx.net.named_modules);
  });

  it("initialises like PyTorch after manual_seed, and gives PyTorch's outputs and gradients", () => {
    torch.manual_seed(0);
    const net = new Net();
    for (const [name, p] of net.named_parameters()) {
      expectClose(p.values(), flat(fx.net.params[name]), "float32", 1, name);
    }
    // float32 randn of 16+ values may differ from PyTorch's AVX2 draw in the last bits, so take x as recorded.
    const x = torch.tensor(fx.net.x);
    const y = net.forward(x);
    expect(y.grad_fn!.name()).toBe(fx.net.grad_fn);
    expectClose(y.values(), flat(fx.net.y), "float32", 8, "y");
    y.sum().backward();
    // Gradients are sums over the batch with cancellation: compare relative to the largest entry.
    for (const [name, p] of net.named_parameters()) {
      const expected = flat(fx.net.grads[name]);
      const scale = Math.max(...expected.map(Math.abs));
      expectClose(p.grad!.values(), expected, "float32", 8, `grad ${name}`, 1e-6 * scale);
    }
  });

  it("state_dict round-trips and load_state_dict reports problems like PyTorch, loading nothing on error", () => {
    torch.manual_seed(0);
    const a = new Net();
    const b = new Net();
    b.load_state_dict(a.state_dict());
    expect(b.fc1.weight.tolist()).toEqual(a.fc1.weight.tolist());
    const before = b.scale.tolist();
    expect(() => new Net().load_state_dict({ scale: torch.ones(2) })).toThrow(fx.load_error);
    expect(b.scale.tolist()).toEqual(before);
    const result = b.load_state_dict({ scale: torch.full([1], 3) }, false);
    expect(result.missing_keys).toContain("fc1.weight");
    expect(b.scale.tolist()).toEqual([3]);
  });

  it("train/eval, zero_grad, requires_grad_, apply, to(dtype) and hooks", () => {
    const net = new Net();
    net.eval();
    expect([...net.modules()].every((m) => !m.training)).toBe(true);
    net.train();
    expect(net.seq.training).toBe(true);
    net.forward(torch.randn(2, 4)).sum().backward();
    expect(net.fc1.weight.grad).not.toBeNull();
    // PyTorch 1.13: zero_grad() zeroes the gradients in place; set_to_none drops them.
    const grad = net.fc1.weight.grad!;
    net.zero_grad();
    expect(net.fc1.weight.grad).toBe(grad);
    expect(grad.abs().sum().item()).toBe(0);
    net.zero_grad({ set_to_none: true });
    expect(net.fc1.weight.grad).toBeNull();
    const visited: string[] = [];
    net.apply((m) => visited.push(m.constructor.name));
    expect(visited.at(-1)).toBe("Net");
    net.double();
    expect(net.fc1.weight.dtype).toBe(torch.float64);
    expect(net.fc1.weight).toBeInstanceOf(nn.Parameter);
    const seen = vi.fn();
    const handle = net.fc1.register_forward_hook((_m, _inputs, output) => {
      seen(output);
      return torch.zeros_like(output as torch.Tensor);
    });
    const out = net.fc1.forward(torch.randn(1, 4, { dtype: torch.float64 }));
    expect(seen).toHaveBeenCalledTimes(1);
    expect(out.tolist()).toEqual([[0, 0, 0]]);
    handle.remove();
    net.fc1.register_forward_pre_hook((_m, inputs) => [(inputs[0] as torch.Tensor).mul(0)]);
    expect(net.fc1.forward(torch.ones(1, 4, { dtype: torch.float64 })).tolist()).toEqual([
      net.fc1.bias!.tolist(),
    ]);
  });
});

describe("layers", () => {
  it("F.linear records PyTorch's grad_fn for 1-D, 2-D and batched input", () => {
    const lin = new nn.Linear(2, 3);
    const F = nn.functional;
    expect(F.linear(torch.randn(4, 2), lin.weight, lin.bias).grad_fn!.name()).toBe(fx.linear_grad_fns["2d"]);
    expect(F.linear(torch.randn(4, 2), lin.weight).grad_fn!.name()).toBe(fx.linear_grad_fns["2d_nobias"]);
    expect(F.linear(torch.randn(5, 4, 2), lin.weight, lin.bias).grad_fn!.name()).toBe(
      fx.linear_grad_fns["3d"],
    );
    expect(F.linear(torch.randn(2), lin.weight, lin.bias).grad_fn!.name()).toBe(fx.linear_grad_fns["1d"]);
  });

  it("Linear(784, 8) gives PyTorch's digits to float32 precision", () => {
    torch.manual_seed(3);
    const big = new nn.Linear(784, 8);
    const out = big.forward(torch.rand(4, 784));
    expect(out.grad_fn!.name()).toBe(fx.linear_784_8.grad_fn);
    const want = fx.linear_784_8.output.flat();
    const got = out.flatten().tolist() as number[];
    // A product's last bits depend on the summation order, which BLAS picks per CPU (AVX2 vs AVX-512
    // kernels), even in PyTorch: the fixture was recorded on one machine, so compare to float32 precision.
    expectClose(got, want, "float32", 16, "linear", 1e-6);
  });

  it("nn.init gives PyTorch's numbers after manual_seed", () => {
    torch.manual_seed(1);
    const w = torch.empty(3, 5);
    const inits = fx.init_seed1_in_order;
    expectClose(
      nn.init.kaiming_uniform_(w.clone(), { a: 0.1 }).values(),
      flat(inits.kaiming_uniform_),
      "float32",
      1,
      "kaiming_uniform_",
    );
    expectClose(
      nn.init.kaiming_normal_(w.clone(), { mode: "fan_out", nonlinearity: "relu" }).values(),
      flat(inits.kaiming_normal_),
      "float32",
      2,
      "kaiming_normal_",
    );
    expectClose(
      nn.init.xavier_uniform_(w.clone(), 2.0).values(),
      flat(inits.xavier_uniform_),
      "float32",
      1,
      "xavier_uniform_",
    );
    expectClose(
      nn.init.xavier_normal_(w.clone()).values(),
      flat(inits.xavier_normal_),
      "float32",
      2,
      "xavier_normal_",
    );
    expectClose(nn.init.uniform_(w.clone(), -2, 3).values(), flat(inits.uniform_), "float32", 1, "uniform_");
    expectClose(nn.init.normal_(w.clone(), 1, 0.5).values(), flat(inits.normal_), "float32", 2, "normal_");
    for (const [k, v] of Object.entries(fx.calculate_gain))
      expect(nn.init.calculate_gain(k as never)).toBeCloseTo(v as number, 12);
  });

  it("Dropout draws PyTorch's mask, and is the identity in eval mode", () => {
    torch.manual_seed(2);
    const d = new nn.Dropout(0.3);
    expectClose(d.forward(torch.ones(12)).values(), fx.dropout_seed2, "float32", 1, "dropout");
    expect(String(d)).toBe(fx.dropout_repr);
    d.eval();
    expect(d.forward(torch.ones(3)).tolist()).toEqual([1, 1, 1]);
  });

  it("module reprs match PyTorch", () => {
    const r = fx.reprs;
    expect(String(new nn.LeakyReLU())).toBe(r.LeakyReLU);
    expect(String(new nn.ELU())).toBe(r.ELU);
    expect(String(new nn.GELU("tanh"))).toBe(r.GELU);
    expect(String(new nn.Softplus())).toBe(r.Softplus);
    expect(String(new nn.Flatten())).toBe(r.Flatten);
    expect(String(new nn.Identity())).toBe(r.Identity);
    expect(String(new nn.ModuleList([new nn.ReLU(), new nn.Tanh()]))).toBe(r.ModuleList);
    expect(String(new nn.ModuleDict({ a: new nn.ReLU() }))).toBe(r.ModuleDict);
    expect(String(new nn.Sequential())).toBe(r.Sequential);
    expect(String(new nn.Linear(2, 3, { bias: false }))).toBe(r.Linear_nobias);
  });
});

describe("modules take PyTorch 1.13's arguments", () => {
  /** A constructor called with arguments its types refuse, to see the runtime's error. */
  type Loose = new (...args: unknown[]) => unknown;
  const thrown = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
    return "no error";
  };

  it("binds constructor arguments by position, keyword or None, with CPython's errors", () => {
    expect(String(new nn.Linear(3, 4, false))).toBe("Linear(in_features=3, out_features=4, bias=False)");
    expect(String(new nn.Linear(3, 4, { bias: false }))).toBe(
      "Linear(in_features=3, out_features=4, bias=False)",
    );
    // PyTorch tests `if bias:`, so None means no bias.
    expect(new nn.Linear(3, 4, null).bias).toBeNull();
    expect(new nn.Linear(3, 4, { dtype: torch.float64 }).weight.dtype).toBe(torch.float64);
    expect(new nn.Linear({ in_features: 2, out_features: 5 }).weight.shape).toEqual([5, 2]);
    expect(thrown(() => new (nn.Linear as Loose)(3, 4, true, null, null, 5))).toBe(
      "TypeError: Linear.__init__() takes from 3 to 6 positional arguments but 7 were given",
    );
    expect(thrown(() => new nn.Linear(3, 4, { foo: 1 } as never))).toBe(
      "TypeError: Linear.__init__() got an unexpected keyword argument 'foo'",
    );
    expect(thrown(() => new (nn.Linear as Loose)())).toBe(
      "TypeError: Linear.__init__() missing 2 required positional arguments: 'in_features' and 'out_features'",
    );
    expect(thrown(() => new nn.Linear(2.5, 4))).toBe(
      "TypeError: Linear.__init__(): argument 'in_features' (position 1) must be int, not float",
    );
    expect(thrown(() => new nn.Linear(3, 4, { device: "cuda" }))).toBe(
      "AssertionError: Torch not compiled with CUDA enabled",
    );
    // Errors name the class whose __init__ PyTorch runs, shared bases included.
    expect(thrown(() => new (nn.BatchNorm2d as Loose)(3, 1e-5, 0.1, true, true, null, null, 1))).toBe(
      "TypeError: _BatchNorm.__init__() takes from 2 to 8 positional arguments but 9 were given",
    );
    expect(thrown(() => new (nn.Tanh as Loose)(1))).toBe(
      "TypeError: Module.__init__() takes 1 positional argument but 2 were given",
    );
    expect(thrown(() => new nn.MultiheadAttention(4, 0))).toBe(
      "ZeroDivisionError: integer division or modulo by zero",
    );
    expect(String(new nn.Identity(1, 2, { anything: 3 }))).toBe("Identity()");
  });

  it("prints the options PyTorch prints", () => {
    expect(String(new nn.Conv2d(2, 3, 3, 1, "same", { padding_mode: "reflect" }))).toBe(
      "Conv2d(2, 3, kernel_size=(3, 3), stride=(1, 1), padding=same, padding_mode=reflect)",
    );
    expect(
      String(new nn.Embedding(5, 3, { max_norm: 1, norm_type: 1, scale_grad_by_freq: true, sparse: true })),
    ).toBe("Embedding(5, 3, max_norm=1.0, norm_type=1.0, scale_grad_by_freq=True, sparse=True)");
    expect(
      [new nn.ELU(0.5, true), new nn.LeakyReLU(0.2, true), new nn.SiLU(true), new nn.Softplus(2, 10)].join(
        " ",
      ),
    ).toBe(
      "ELU(alpha=0.5, inplace=True) LeakyReLU(negative_slope=0.2, inplace=True) SiLU(inplace=True) Softplus(beta=2, threshold=10)",
    );
    expect(String(new nn.Sequential(new nn.ReLU(), null))).toBe("Sequential(\n  (0): ReLU()\n  (1): None\n)");
    expect(String(new nn.Parameter())).toBe("Parameter containing:\ntensor([], requires_grad=True)");
    expect(thrown(() => new nn.Parameter(torch.zeros([2], { dtype: torch.int64 })))).toBe(
      "RuntimeError: Only Tensors of floating point and complex dtype can require gradients",
    );
  });

  it("MultiheadAttention registers bias_k and bias_v in PyTorch's order", () => {
    const m = new nn.MultiheadAttention(4, 2, { add_bias_kv: true, kdim: 3 });
    expect([...m.named_parameters()].map(([n]) => n)).toEqual([
      "q_proj_weight",
      "k_proj_weight",
      "v_proj_weight",
      "in_proj_bias",
      "bias_k",
      "bias_v",
      "out_proj.weight",
      "out_proj.bias",
    ]);
  });

  it("losses take the legacy size_average and reduce, with PyTorch's warning", () => {
    const warn = vi.spyOn(warningSink, "emit").mockImplementation(() => undefined);
    try {
      expect(new nn.MSELoss({ size_average: false }).reduction).toBe("sum");
      expect(new nn.L1Loss(null, false).reduction).toBe("none");
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        "size_average and reduce args will be deprecated, please use reduction='sum' instead.",
        "size_average and reduce args will be deprecated, please use reduction='none' instead.",
      ]);
    } finally {
      warn.mockRestore();
    }
    expect(new nn.CrossEntropyLoss({ ignore_index: 3, label_smoothing: 0.1 }).ignore_index).toBe(3);
  });

  it("state_dict takes destination, prefix and keep_vars; load_state_dict reports keys as PyTorch does", () => {
    const s = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());
    expect(Object.keys(s.state_dict({ prefix: "m." }))).toEqual(["m.0.weight", "m.0.bias"]);
    expect(s.state_dict({ keep_vars: true })["0.weight"].requires_grad).toBe(true);
    expect(s.state_dict()["0.weight"].requires_grad).toBe(false);
    const into: Record<string, torch.Tensor> = {};
    expect(s.state_dict({ destination: into })).toBe(into);
    expect(String(s.load_state_dict({ "0.weight": torch.zeros(3, 2) }, false))).toBe(
      "_IncompatibleKeys(missing_keys=['0.bias'], unexpected_keys=[])",
    );
    expect(String(s.load_state_dict(s.state_dict()))).toBe("<All keys matched successfully>");
    expect(thrown(() => s.load_state_dict({ "0.weight": torch.zeros(3, 2), x: torch.zeros(1) }))).toBe(
      'RuntimeError: Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: "0.bias". \n\tUnexpected key(s) in state_dict: "x". ',
    );
  });

  it("named_modules, to, train and the register_* methods follow PyTorch", () => {
    const relu = new nn.ReLU();
    const twice = new nn.Sequential(relu, relu);
    expect([...twice.named_modules()].map(([n]) => n)).toEqual(["", "0"]);
    expect([...twice.named_modules({ remove_duplicate: false })].map(([n]) => n)).toEqual(["", "0", "1"]);
    expect([...twice.named_children()].map(([n]) => n)).toEqual(["0"]);
    const lin = new nn.Linear(2, 2);
    expect(lin.to(torch.float64).weight.dtype).toBe(torch.float64);
    expect(lin.to("cpu", torch.float32).weight.dtype).toBe(torch.float32);
    expect(lin.to(torch.zeros([1], { dtype: torch.float64 })).weight.dtype).toBe(torch.float64);
    expect(lin.to({ dtype: torch.float32 }).weight).toBeInstanceOf(nn.Parameter);
    expect(thrown(() => lin.to(torch.int64))).toBe(
      "TypeError: nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int64",
    );
    expect(thrown(() => lin.to({ device: "cuda" }))).toBe(
      "AssertionError: Torch not compiled with CUDA enabled",
    );
    expect(lin.train(false).training).toBe(false);
    expect(lin.train({ mode: true }).training).toBe(true);
    expect(thrown(() => lin.register_buffer("a.b", null))).toBe(
      `KeyError: 'buffer name can\\'t contain "."'`,
    );
    expect(thrown(() => lin.register_buffer("", null))).toBe(
      `KeyError: 'buffer name can\\'t be empty string ""'`,
    );
    expect(thrown(() => lin.register_buffer("training", null))).toBe(
      `KeyError: "attribute 'training' already exists"`,
    );
    expect(thrown(() => lin.add_module("", null))).toBe(`KeyError: 'module name can\\'t be empty string ""'`);
    lin.register_buffer("steps", torch.zeros(1), { persistent: false });
    expect(Object.keys(lin.state_dict())).toEqual(["weight", "bias"]);
    expect([...lin.named_buffers()].map(([n]) => n)).toEqual(["steps"]);
  });
});
