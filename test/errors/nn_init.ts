// torch.nn.init given bad input: unknown nonlinearities and modes, tensors of the wrong number of dimensions.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const init = torch.nn.init;

export const NN_INIT_ERRORS: ErrorTable = {
  setup: "",
  rows: [
    { py: "nn.init.calculate_gain('softmax')", ts: () => init.calculate_gain(bad("softmax")) },
    {
      py: "nn.init.calculate_gain('leaky_relu', 'a')",
      ts: () => init.calculate_gain("leaky_relu", "a"),
    },
    {
      py: "nn.init.calculate_gain('leaky_relu', True)",
      ts: () => init.calculate_gain("leaky_relu", true),
    },
    { py: "nn.init.xavier_uniform_(torch.empty(3))", ts: () => init.xavier_uniform_(torch.empty(3)) },
    {
      py: "nn.init.kaiming_normal_(torch.empty(3, 2), mode='fan_avg')",
      ts: () => init.kaiming_normal_(torch.empty(3, 2), { mode: bad("fan_avg") }),
    },
    { py: "nn.init.eye_(torch.empty(2, 2, 2))", ts: () => init.eye_(torch.empty(2, 2, 2)) },
    { py: "nn.init.dirac_(torch.empty(2, 2))", ts: () => init.dirac_(torch.empty(2, 2)) },
    { py: "nn.init.dirac_(torch.empty(4, 2, 3), 3)", ts: () => init.dirac_(torch.empty(4, 2, 3), 3) },
    { py: "nn.init.dirac_(torch.empty(4, 2, 3), 0)", ts: () => init.dirac_(torch.empty(4, 2, 3), 0) },
    { py: "nn.init.orthogonal_(torch.empty(3))", ts: () => init.orthogonal_(torch.empty(3)) },
    { py: "nn.init.sparse_(torch.empty(3), 0.5)", ts: () => init.sparse_(torch.empty(3), 0.5) },
    { py: "nn.init.eye(torch.empty(3))", ts: () => init.eye(torch.empty(3)) },
  ],
};
