// nn.Module and its containers misused: indices out of range, missing keys, non-modules, bad updates.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const { nn } = torch;
const list = () => new nn.ModuleList([new nn.ReLU(), new nn.Tanh()]);
const dict = () => new nn.ModuleDict([["a", new nn.ReLU()]]);
const module = () => new nn.Identity();

export const NN_MODULE_ERRORS: ErrorTable = {
  setup: `
def list_():
    return nn.ModuleList([nn.ReLU(), nn.Tanh()])
def dict_():
    return nn.ModuleDict([['a', nn.ReLU()]])
`,
  rows: [
    { py: "list_()[2]", ts: () => list().at(2) },
    {
      py: "nn.Sequential(nn.ReLU(), nn.Tanh())[2]",
      ts: () => new nn.Sequential(new nn.ReLU(), new nn.Tanh()).at(2),
    },
    { py: "nn.Sequential(3)", ts: () => new nn.Sequential(bad(3)) },
    { py: "nn.ModuleList([nn.ReLU(), 3])", ts: () => new nn.ModuleList(bad([new nn.ReLU(), 3])) },
    {
      py: "nn.Sequential(nn.ReLU()).insert(5, nn.Tanh())",
      ts: () => new nn.Sequential(new nn.ReLU()).insert(5, new nn.Tanh()),
    },
    { py: "dict_()['missing']", ts: () => dict().get("missing") },
    { py: "dict_().pop('b')", ts: () => dict().pop("b") },
    { py: "nn.ModuleDict({'keys': nn.ReLU()})", ts: () => new nn.ModuleDict({ keys: new nn.ReLU() }) },
    { py: "dict_().update([['x']])", ts: () => dict().update(bad([["x"]])) },
    { py: "dict_().update([1])", ts: () => dict().update(bad([1])) },
    {
      py: "nn.Identity().add_module('a.b', nn.ReLU())",
      ts: () => module().add_module("a.b", new nn.ReLU()),
    },
    { py: "nn.Identity().add_module('', nn.ReLU())", ts: () => module().add_module("", new nn.ReLU()) },
    {
      py: "nn.Identity().register_buffer('a.b', torch.ones(1))",
      ts: () => module().register_buffer("a.b", torch.ones(1)),
    },
  ],
};
