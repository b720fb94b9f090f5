// Making tensors and reading their properties: torch.tensor's data checks, sizes, ranges, item().
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

export const TENSOR_ERRORS: ErrorTable = {
  setup: "",
  rows: [
    { name: "ragged data", py: "torch.tensor([[1, 2], [3]])", ts: () => torch.tensor([[1, 2], [3]]) },
    {
      name: "a number among sequences",
      py: "torch.tensor([[1, 2], 3])",
      ts: () => torch.tensor(bad([[1, 2], 3])),
    },
    { name: "str data", py: "torch.tensor('a')", ts: () => torch.tensor(bad("a")) },
    {
      name: "ints that require grad",
      py: "torch.tensor([1, 2], requires_grad=True)",
      ts: () => torch.tensor([1n, 2n], { requires_grad: true }),
    },
    {
      name: "a str dtype",
      py: "torch.tensor([1], dtype='float64')",
      ts: () => torch.tensor([1], { dtype: bad("float64") }),
    },
    {
      name: "requires_grad_ on ints",
      py: "torch.tensor([1]).requires_grad_()",
      ts: () => torch.tensor([1n]).requires_grad_(),
    },
    { name: "a negative size", py: "torch.zeros(-1)", ts: () => torch.zeros(-1) },
    { name: "a fractional size", py: "torch.zeros(1.5)", ts: () => torch.zeros(1.5) },
    { name: "a NaN size", py: "torch.ones(math.nan)", ts: () => torch.ones(NaN) },
    { name: "arange with step 0", py: "torch.arange(0, 1, 0)", ts: () => torch.arange(0, 1, 0) },
    { name: "arange to inf", py: "torch.arange(0, math.inf)", ts: () => torch.arange(0, Infinity) },
    {
      name: "arange from 1e20 to nan",
      py: "torch.arange(1e20, math.nan)",
      ts: () => torch.arange(1e20, NaN),
    },
    { name: "linspace with -1 steps", py: "torch.linspace(0, 1, -1)", ts: () => torch.linspace(0, 1, -1) },
    {
      name: "size(1) of a vector",
      py: "torch.tensor([1, 2, 3]).size(1)",
      ts: () => torch.tensor([1, 2, 3]).size(1),
    },
    {
      name: "item of three elements",
      py: "torch.tensor([1, 2, 3]).item()",
      ts: () => torch.tensor([1, 2, 3]).item(),
    },
    { py: "torch.manual_seed('abc')", ts: () => torch.manual_seed(bad("abc")) },
    { py: 'torch.manual_seed("it\'s")', ts: () => torch.manual_seed(bad("it's")) },
  ],
};
