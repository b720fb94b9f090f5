// Sequential, ModuleList and ModuleDict: indexing, appending, iteration. PyTorch's errors for bad indices,
// keys and modules are rows of the error table test/errors/nn_module.ts.
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

const nn = torch.nn;

describe("containers", () => {
  it("Sequential and ModuleList index from either end, append and iterate in order", () => {
    const relu = new nn.ReLU();
    const tanh = new nn.Tanh();
    for (const list of [new nn.Sequential(relu, tanh), new nn.ModuleList([relu, tanh])]) {
      expect(list.length).toBe(2);
      expect(list.at(0)).toBe(relu);
      expect(list.at(-1)).toBe(tanh);
      const sigmoid = new nn.Sigmoid();
      list.append(sigmoid);
      expect([...list]).toEqual([relu, tanh, sigmoid]);
      expect([...list.named_children()].map(([name]) => name)).toEqual(["0", "1", "2"]);
      // PyTorch 1.13 checks as add_module does: "TypeError: int is not a Module subclass". tensorgrad's text
      // still differs (the binder's); a row in test/errors/nn_module.ts waits on that fix, so only the class here.
      expect(() => list.append(3 as never)).toThrow(TypeError);
    }
    // PyTorch checks modules as add_module does: None is allowed (and prints as None), anything else is not.
    expect(String(new nn.Sequential(null))).toBe("Sequential(\n  (0): None\n)");
  });

  it("registers the parameters of modules held in a ModuleList or ModuleDict", () => {
    const list = new nn.ModuleList([new nn.Linear(2, 3)]).extend([new nn.Linear(3, 1)]);
    expect([...list.named_parameters()].map(([n]) => n)).toEqual([
      "0.weight",
      "0.bias",
      "1.weight",
      "1.bias",
    ]);
    const dict = new nn.ModuleDict({ encoder: new nn.Linear(2, 2) });
    dict.set("head", new nn.Linear(2, 1));
    expect(dict.keys()).toEqual(["encoder", "head"]);
    expect(dict.get("head")).toBeInstanceOf(nn.Linear);
    expect(Object.keys(dict.state_dict())).toEqual([
      "encoder.weight",
      "encoder.bias",
      "head.weight",
      "head.bias",
    ]);
  });

  it("insert, pop and update as in PyTorch", () => {
    const seq = new nn.Sequential(new nn.ReLU(), new nn.Tanh(), new nn.Sigmoid());
    expect(String(seq.pop(1))).toBe("Tanh()");
    expect([...seq.named_children()].map(([n, m]) => `${n}:${m}`)).toEqual(["0:ReLU()", "1:Sigmoid()"]);
    seq.insert(0, new nn.Tanh());
    expect(String(seq.at(0))).toBe("Tanh()");
    const list = new nn.ModuleList([new nn.ReLU()]);
    list.insert(0, new nn.Tanh());
    expect([...list].map(String)).toEqual(["Tanh()", "ReLU()"]);
    const dict = new nn.ModuleDict([["a", new nn.ReLU()]]);
    dict.update(new Map([["b", new nn.Tanh()]]));
    expect(dict.keys()).toEqual(["a", "b"]);
  });

  it("Sequential runs its modules in order", () => {
    const seq = new nn.Sequential(new nn.ReLU(), new nn.Identity());
    expect((seq.forward(torch.tensor([-1, 2])) as torch.Tensor).tolist()).toEqual([0, 2]);
  });
});
