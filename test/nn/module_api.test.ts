// nn.Module's API against PyTorch 1.13 (scripts/gen_module_fixtures.py, test/fixtures/nn/module_api.json): each
// scenario below is the fixture script's scenario of the same name, written in TypeScript, and prints the same
// lines (errors as "ErrorClass: message", warnings as "warning: message").
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, set_backend } from "../../src/backend/backend.js";
import { catch_warnings } from "../../src/warnings.js";

const nn = torch.nn;
type Module = torch.nn.Module;
type Tensor = torch.Tensor;

const fx = JSON.parse(
  readFileSync(new URL("../fixtures/nn/module_api.json", import.meta.url), "utf8"),
) as Record<string, string[]>;

/** nn.Module() itself (abstract in TypeScript: a bare module has no forward). */
const newModule = () => new (nn.Module as unknown as new () => Module)();

/** Python's setattr(module, name, value) and getattr(module, name). */
const setattr = (m: Module, name: string, value: unknown) =>
  ((m as unknown as Record<string, unknown>)[name] = value);
const getattr = (m: Module, name: string) => (m as unknown as Record<string, unknown>)[name];

/** Runs fn, recording its error (if any) and its warnings, as the fixture script's attempt(). */
function attempt(out: string[], fn: () => unknown): void {
  const { warnings } = catch_warnings(() => {
    try {
      fn();
    } catch (e) {
      out.push(`${(e as Error).name}: ${(e as Error).message}`);
    }
  });
  for (const w of warnings) out.push(`warning: ${w.message}`);
}

const names = (pairs: Iterable<[string, unknown]>) => [...pairs].map(([n]) => n).join(", ");
const keys = (sd: object) => Object.keys(sd).join(", ");
const pyList = (items: string[]) => `[${items.map((k) => `'${k}'`).join(", ")}]`;
const shapes = (ts: (Tensor | null)[]) =>
  `[${ts.map((g) => (g === null ? "None" : `[${g.shape.join(", ")}]`)).join(", ")}]`;

const SCENARIOS: Record<string, () => string[]> = {
  setattr_parameters() {
    const out: string[] = [];
    torch.manual_seed(0);
    const m = new nn.Linear(2, 3);
    attempt(out, () => setattr(m, "weight", torch.zeros(3, 2)));
    attempt(out, () => setattr(m, "weight", 3));
    setattr(m, "weight", null);
    out.push(`params: ${names(m.named_parameters())}; state: ${keys(m.state_dict())}`);
    attempt(out, () => setattr(m, "weight", torch.zeros([3, 2], { dtype: torch.float64 })));
    m.weight = new nn.Parameter(torch.ones(3, 2));
    out.push(`params: ${names(m.named_parameters())}`);
    setattr(m, "extra", new nn.Parameter(torch.zeros(1)));
    out.push(`params: ${names(m.named_parameters())}`);
    delete (m as { bias?: unknown }).bias;
    out.push(`params: ${names(m.named_parameters())}; state: ${keys(m.state_dict())}`);
    setattr(m, "bias", torch.zeros(3)); // a plain attribute now
    out.push(`params: ${names(m.named_parameters())}; state: ${keys(m.state_dict())}`);
    attempt(out, () => m.register_parameter("bias", new nn.Parameter(torch.zeros(3))));
    return out;
  },

  setattr_modules_and_buffers() {
    const out: string[] = [];
    const m = newModule();
    setattr(m, "fc", new nn.Linear(1, 1));
    setattr(m, "act", new nn.ReLU());
    attempt(out, () => setattr(m, "fc", torch.zeros(1)));
    attempt(out, () => setattr(m, "act", "relu"));
    setattr(m, "act", null);
    out.push(`children: ${names(m.named_children())}`);
    m.register_buffer("buf", torch.zeros(2));
    attempt(out, () => setattr(m, "buf", 5));
    attempt(out, () => setattr(m, "buf", [1.0, 2.0]));
    setattr(m, "buf", torch.ones(2));
    out.push(`buffers: ${names(m.named_buffers())}; buf: ${String(getattr(m, "buf"))}`);
    setattr(m, "buf", null);
    out.push(`buffers: ${names(m.named_buffers())}; state: ${keys(m.state_dict())}`);
    setattr(m, "buf", torch.full([1], 7.0));
    out.push(`buffers: ${names(m.named_buffers())}; state: ${keys(m.state_dict())}`);
    setattr(m, "buf", new nn.Parameter(torch.ones(1))); // a parameter replaces the buffer
    out.push(`buffers: ${names(m.named_buffers())}; params: ${names(m.named_parameters())}`);
    m.register_buffer("other", torch.zeros(1));
    setattr(m, "other", new nn.Linear(1, 2)); // a module replaces the buffer
    out.push(`buffers: ${names(m.named_buffers())}; children: ${names(m.named_children())}`);
    delete (m as unknown as Record<string, unknown>).fc;
    out.push(`children: ${names(m.named_children())}; state: ${keys(m.state_dict())}`);
    attempt(out, () => m.register_buffer("plain", 3));
    setattr(m, "plain", 3);
    attempt(out, () => m.register_buffer("plain", torch.zeros(1)));
    return out;
  },

  get_submodule_parameter_buffer() {
    const out: string[] = [];
    torch.manual_seed(0);
    const m = newModule();
    setattr(m, "net", new nn.Sequential(new nn.Linear(2, 2), new nn.BatchNorm1d(2)));
    setattr(m, "scale", new nn.Parameter(torch.ones(1)));
    out.push(m.get_submodule("")._get_name());
    out.push(String(m.get_submodule("net.1")));
    out.push(String(m.get_parameter("scale")));
    out.push(String(torch.Size(m.get_parameter("net.0.bias").shape)));
    out.push(String(m.get_buffer("net.1.running_var")));
    for (const call of [
      () => m.get_submodule("net.5"),
      () => m.get_submodule("net.0.weight"),
      () => m.get_submodule("nothing.here"),
      () => m.get_parameter("net.1.running_mean"),
      () => m.get_parameter("net.0.nope"),
      () => m.get_parameter("net.2.weight"),
      () => m.get_buffer("net.0.weight"),
      () => m.get_buffer("net.1.nope"),
      () => m.get_buffer("scale"),
    ])
      attempt(out, call);
    return out;
  },

  non_persistent_buffers() {
    const out: string[] = [];
    const m = newModule();
    m.register_buffer("kept", torch.zeros(2));
    m.register_buffer("cache", torch.ones(2), { persistent: false });
    out.push(`buffers: ${names(m.named_buffers())}; state: ${keys(m.state_dict())}`);
    out.push(String(m.load_state_dict({ kept: torch.full([2], 4.0) })));
    out.push(`kept: ${String(getattr(m, "kept"))}; cache: ${String(getattr(m, "cache"))}`);
    attempt(out, () => m.load_state_dict({ kept: torch.zeros(2), cache: torch.zeros(2) }));
    m.register_buffer("cache", torch.ones(2)); // registered again: persistent now
    out.push(`state: ${keys(m.state_dict())}`);
    return out;
  },

  zero_grad_in_place() {
    const out: string[] = [];
    torch.manual_seed(0);
    const m = new nn.Linear(2, 1);
    m.forward(torch.ones(3, 2)).sum().backward();
    const g = m.weight.grad;
    m.zero_grad();
    out.push(`same tensor: ${m.weight.grad === g ? "True" : "False"}; grad: ${String(m.weight.grad)}`);
    m.forward(torch.ones(3, 2)).sum().backward();
    m.zero_grad({ set_to_none: true });
    out.push(`after set_to_none: ${m.weight.grad === null ? "None" : String(m.weight.grad)}`);
    return out;
  },

  type_and_share_memory() {
    const out: string[] = [];
    torch.manual_seed(0);
    const bn = new nn.BatchNorm1d(2);
    out.push(`share_memory returns the module: ${bn.share_memory() === bn ? "True" : "False"}`);
    const w = bn.weight;
    bn.type(torch.float64);
    const dtypes = Object.entries(bn.state_dict()).map(([n, t]) => `${n}: ${String(t.dtype)}`);
    out.push(`same parameter: ${bn.weight === w ? "True" : "False"}; ${dtypes.join(", ")}`);
    const lin = new nn.Linear(1, 1).type("torch.DoubleTensor");
    out.push(`${String(lin.weight.dtype)} ${lin.weight.constructor.name}`);
    attempt(out, () => new nn.Linear(1, 1).type("torch.Foo"));
    attempt(out, () => new nn.Linear(1, 1).type(torch.int64));
    attempt(out, () => new nn.Linear(1, 1).xpu());
    attempt(out, () => new nn.Linear(1, 1).ipu());
    const m = new nn.Linear(2, 2);
    const same = m.to_empty({ device: "cpu" }) === m ? "True" : "False";
    out.push(
      `to_empty returns the module: ${same}; ${m.weight.constructor.name} [${m.weight.shape.join(", ")}]`,
    );
    return out;
  },

  load_state_dict_errors() {
    const out: string[] = [];
    torch.manual_seed(0);
    const net = new nn.Sequential(new nn.Linear(2, 3), new nn.BatchNorm1d(3));
    const good = Object.fromEntries(Object.entries(net.state_dict()).map(([k, v]) => [k, v.clone()]));
    const bad: Record<string, unknown> = { ...good };
    delete bad["0.bias"];
    bad["0.extra"] = torch.zeros(1);
    bad["2.weight"] = torch.zeros(1);
    attempt(out, () => net.load_state_dict(bad));
    out.push(String(net.load_state_dict(bad, { strict: false })));
    const wrong: Record<string, unknown> = { ...good };
    wrong["0.weight"] = torch.zeros(2, 3);
    wrong["1.running_mean"] = 5;
    wrong["1.weight"] = torch.full([3], 9.0);
    attempt(out, () => net.load_state_dict(wrong));
    // PyTorch copies each entry as it goes: those before and after the bad ones are loaded.
    out.push(`loaded before the error: ${String((net.at(1) as torch.nn.BatchNorm1d).weight)}`);
    const scalar: Record<string, unknown> = { ...good };
    scalar["1.num_batches_tracked"] = torch.tensor([5, 6]);
    out.push(String(net.load_state_dict(scalar)));
    const tracked = (net.at(1) as torch.nn.BatchNorm1d).num_batches_tracked;
    out.push(`num_batches_tracked from a 1-element-or-more tensor: ${String(tracked?.item())}`);
    return out;
  },

  state_dict_metadata_and_hooks() {
    const out: string[] = [];
    torch.manual_seed(0);
    const net = new nn.Sequential(new nn.Linear(1, 1), new nn.Sequential(new nn.ReLU(), new nn.Linear(1, 1)));
    const sd = net.state_dict();
    const metadata = (sd as unknown as { _metadata: Map<string, { version: number }> })._metadata;
    out.push(`metadata: ${[...metadata].map(([k, v]) => `'${k}': ${v.version}`).join(", ")}`);
    out.push(`_version: ${newModule()._version} ${new nn.Linear(1, 1)._version}`);
    const inner = net.at(1);
    const h = inner._register_state_dict_hook(
      (
        module: Module,
        stateDict: Record<string, unknown>,
        prefix: string,
        localMetadata: { version: number },
      ) => {
        out.push(
          `state_dict hook: ${module._get_name()} prefix='${prefix}' keys=${pyList(Object.keys(stateDict))} version=${localMetadata.version}`,
        );
        stateDict[prefix + "note"] = torch.zeros(1);
      },
    );
    out.push(`keys: ${pyList(Object.keys(net.state_dict()))}`);
    h.remove();
    out.push(`keys: ${pyList(Object.keys(net.state_dict()))}`);
    inner._register_load_state_dict_pre_hook(
      (stateDict: Record<string, unknown>, prefix: string, localMetadata: object, strict: boolean) => {
        out.push(
          `pre hook: prefix='${prefix}' local_metadata=${JSON.stringify(localMetadata)} strict=${strict ? "True" : "False"}`,
        );
        delete stateDict[prefix + "stale"];
      },
    );
    inner.register_load_state_dict_post_hook((module: Module, incompatible: torch.nn.LoadResult) => {
      out.push(`post hook: ${module._get_name()} ${String(incompatible)}`);
      incompatible.missing_keys.length = 0;
    });
    const partial: Record<string, unknown> = Object.fromEntries(
      Object.entries(sd).filter(([k]) => !k.startsWith("0.")),
    );
    partial["1.stale"] = torch.zeros(1);
    out.push(String(net.load_state_dict(partial)));
    return out;
  },

  forward_hooks() {
    const out: string[] = [];
    torch.manual_seed(0);
    const m = new nn.Linear(2, 1);
    const h1 = m.register_forward_pre_hook((_module: Module, inputs: unknown[]) => {
      out.push(`pre: ${inputs.length} input(s)`);
      return (inputs[0] as Tensor).mul(2); // not a tuple: becomes (result,)
    });
    const h2 = m.register_forward_hook((_module: Module, inputs: unknown[], output: unknown) => {
      out.push(
        `post: input ${JSON.stringify((inputs[0] as Tensor).tolist())
          .replace(/(\d)(?=[\],])/g, "$1.0")
          .replace(/,/g, ", ")}`,
      );
      return (output as Tensor).add(100);
    });
    out.push(`output: ${String(m.forward(torch.ones(1, 2)).detach())}`);
    h1.remove();
    h2.remove();
    out.push(`output: ${String(m.forward(torch.ones(1, 2)).detach())}`);
    return out;
  },

  full_backward_hooks() {
    const out: string[] = [];
    torch.manual_seed(0);
    const m = new nn.Linear(2, 3);
    const x = torch.randn([4, 2], { requires_grad: true });
    const hook = (_module: Module, gradInput: (Tensor | null)[], gradOutput: (Tensor | null)[]) => {
      out.push(`hook: grad_input ${shapes(gradInput)} grad_output ${shapes(gradOutput)}`);
      out.push(`grad_output[0][0]: ${String(gradOutput[0]!.get(0))}`);
      return [gradInput[0]!.mul(10)];
    };
    const h = m.register_full_backward_hook(hook);
    m.forward(x).mul(torch.arange(3.0)).sum().backward();
    out.push(`x.grad (replaced by the hook): ${String(x.grad)}`);
    out.push(`grad_fn of the output: ${m.forward(x).grad_fn!.name()}`);
    attempt(out, () => m.register_backward_hook(hook));
    h.remove();
    // No input requires grad: the hook sees None for it, and may not return anything else.
    const m2 = new nn.Linear(2, 1);
    m2.register_full_backward_hook((_m: Module, gi: (Tensor | null)[], go: (Tensor | null)[]) => {
      out.push(
        `no-grad input: (${gi.map((g) => (g === null ? "None" : "tensor")).join(", ")},) ${String(torch.Size(go[0]!.shape))}`,
      );
    });
    m2.forward(torch.ones(1, 2)).sum().backward();
    const m3 = new nn.Linear(2, 1);
    m3.register_full_backward_hook(() => [torch.ones(1, 2)]);
    attempt(out, () => m3.forward(torch.ones(1, 2)).sum().backward());
    const m4 = new nn.Linear(2, 1);
    m4.register_full_backward_hook((_m: Module, gi: (Tensor | null)[]) => [gi[0], gi[0]]);
    attempt(out, () =>
      m4
        .forward(torch.ones([1, 2], { requires_grad: true }))
        .sum()
        .backward(),
    );
    return out;
  },

  non_full_backward_hooks() {
    const out: string[] = [];
    torch.manual_seed(0);
    const s = new nn.Sigmoid();
    const x = torch.randn([3], { requires_grad: true });
    const hook = (module: Module, gradInput: (Tensor | null)[], gradOutput: (Tensor | null)[]) => {
      out.push(
        `hook: ${module._get_name()} grad_input ${shapes(gradInput)} grad_output ${String(gradOutput[0])}`,
      );
    };
    s.register_backward_hook(hook);
    const y = x.mul(1.5);
    attempt(out, () => s.forward(y).sum().backward());
    attempt(out, () => s.register_full_backward_hook(hook));
    const lin = new nn.Linear(2, 2);
    lin.register_backward_hook((_m: Module, gi: unknown[]) => {
      out.push(`linear hook: ${gi.length} grad_input(s)`);
    });
    attempt(out, () =>
      lin
        .forward(torch.ones([1, 2], { requires_grad: true }))
        .sum()
        .backward(),
    );
    return out;
  },
};

/** dir(nn.Module) names tensorgrad does not have, each with the reason. */
const NOT_IN_TENSORGRAD: Record<string, string> = {
  T_destination: "a typing.TypeVar for state_dict's annotations",
  dump_patches:
    "a flag for torch.save's source patches of pickled modules; tensorgrad does not pickle modules",
  _call_impl: "Module.__call__: forward() runs the hooks (module.ts)",
  _slow_forward: "the JIT tracer's forward",
  _replicate_for_data_parallel: "DataParallel replicas on several GPUs",
  _apply: "internal: _applyTensors",
  _get_backward_hooks: "internal: callWithHooks (module_hooks.ts)",
  _maybe_warn_non_full_backward_hook: "internal: module_hooks.ts",
  _named_members: "internal: _namedMembers",
  _load_from_state_dict: "internal: module_state.ts loadFromStateDict",
  _save_to_state_dict: "internal: module_state.ts saveStateDict",
};

describe.each(availableBackends())("nn.Module API on the %s backend", (backend) => {
  for (const name of Object.keys(SCENARIOS)) {
    it(`${name} as in PyTorch 1.13`, () => {
      set_backend(backend);
      expect(SCENARIOS[name]!()).toEqual(fx[name]);
    });
  }
});

describe("nn.Module API", () => {
  it("scenarios cover every recorded one", () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(
      Object.keys(fx)
        .filter((k) => k !== "module_dir")
        .sort(),
    );
  });

  it("has every name of dir(nn.Module), but those listed with a reason", () => {
    const linear = new nn.Linear(1, 1);
    const missing = fx.module_dir!.filter((n) => !(n in linear) && !(n in NOT_IN_TENSORGRAD));
    expect(missing).toEqual([]);
    for (const n of Object.keys(NOT_IN_TENSORGRAD)) expect(fx.module_dir).toContain(n);
  });

  it("half() and bfloat16() say that tensorgrad has no such dtype", () => {
    const m = new nn.Linear(1, 1);
    expect(() => m.half()).toThrow(
      new TypeError(
        "Module.half(): tensorgrad has no float16 tensors (float32, float64, int64, int32 and bool only)",
      ),
    );
    expect(() => m.bfloat16()).toThrow(/^Module\.bfloat16\(\): tensorgrad has no bfloat16 tensors/);
    expect(m.weight.dtype).toBe(torch.float32);
  });
});
