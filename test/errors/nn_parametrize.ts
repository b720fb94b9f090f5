// torch.nn.utils.parametrize given bad input: no such tensor, nothing to remove, a parametrization that changes
// the shape or dtype, assignment without right_inverse, and leave_parametrized=False where it cannot be.
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const nn = torch.nn;
const P = torch.nn.utils.parametrize;
type Tensor = torch.Tensor;

class Symmetric extends nn.Module {
  forward(x: Tensor): Tensor {
    return x.triu().add(x.triu(1).transpose(-1, -2));
  }
}
class FirstRow extends nn.Module {
  forward(x: Tensor): Tensor {
    return x.narrow(0, 0, 1);
  }
}
class ToDouble extends nn.Module {
  forward(x: Tensor): Tensor {
    return x.double();
  }
}
const lin = () => new nn.Linear(3, 3);
const setWeight = (m: torch.nn.Module, value: Tensor) => {
  (m as unknown as Record<string, Tensor>).weight = value;
};

export const NN_PARAMETRIZE_ERRORS: ErrorTable = {
  setup: `
import torch.nn.utils.parametrize as P
class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)
class FirstRow(nn.Module):
    def forward(self, X):
        return X.narrow(0, 0, 1)
class ToDouble(nn.Module):
    def forward(self, X):
        return X.double()
def lin():
    return nn.Linear(3, 3)
`,
  rows: [
    {
      py: "P.register_parametrization(lin(), 'kernel', Symmetric())",
      ts: () => P.register_parametrization(lin(), "kernel", new Symmetric()),
    },
    {
      py: "P.remove_parametrizations(lin(), 'weight')",
      ts: () => P.remove_parametrizations(lin(), "weight"),
    },
    {
      py: "P.register_parametrization(lin(), 'weight', FirstRow())",
      ts: () => P.register_parametrization(lin(), "weight", new FirstRow()),
    },
    {
      py: "P.register_parametrization(lin(), 'weight', ToDouble())",
      ts: () => P.register_parametrization(lin(), "weight", new ToDouble()),
    },
    {
      py: "P.register_parametrization(P.register_parametrization(lin(), 'weight', Symmetric()), 'weight', FirstRow())",
      ts: () =>
        P.register_parametrization(
          P.register_parametrization(lin(), "weight", new Symmetric()),
          "weight",
          new FirstRow(),
        ),
    },
    {
      name: "assigning without right_inverse",
      py: "m = P.register_parametrization(lin(), 'weight', Symmetric())\nm.weight = torch.eye(3)",
      ts: () => setWeight(P.register_parametrization(lin(), "weight", new Symmetric()), torch.eye(3)),
    },
    {
      py: "P.remove_parametrizations(P.register_parametrization(lin(), 'bias', nn.Identity()), 'weight')",
      ts: () =>
        P.remove_parametrizations(P.register_parametrization(lin(), "bias", new nn.Identity()), "weight"),
    },
  ],
};
