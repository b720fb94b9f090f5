// Sequential, ModuleList and ModuleDict: indexing, appending, iteration and bad arguments.
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
      expect(() => list.at(2)).toThrow("index 2 is out of range");
      const sigmoid = new nn.Sigmoid();
      list.append(sigmoid);
      expect([...list]).toEqual([relu, tanh, sigmoid]);
      expect([...list.named_children()].map(([name]) => name)).toEqual(["0", "1", "2"]);
      expect(() => list.append({} as never)).toThrow(
        `${list.constructor.name}.append: object is not a Module subclass`,
      );
    }
    expect(() => new nn.Sequential(null as never)).toThrow("Sequential: None is not a Module subclass");
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
    expect(() => dict.get("missing")).toThrow("'missing'");
    expect(Object.keys(dict.state_dict())).toEqual([
      "encoder.weight",
      "encoder.bias",
      "head.weight",
      "head.bias",
    ]);
  });

  it("Sequential runs its modules in order", () => {
    const seq = new nn.Sequential(new nn.ReLU(), new nn.Identity());
    expect((seq.forward(torch.tensor([-1, 2])) as torch.Tensor).tolist()).toEqual([0, 2]);
  });
});
