// Elementwise ops given bad input: broadcasting, dtypes PyTorch refuses, argument types.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const F = torch.nn.functional;
const ints = () => torch.tensor([1n, -2n, 3n]);
const bools = () => torch.tensor([true, false]);
const ones = (...shape: number[]) => torch.ones(shape);

export const ELEMENTWISE_ERRORS: ErrorTable = {
  setup: `
def ints():
    return torch.tensor([1, -2, 3])
def bools():
    return torch.tensor([True, False])
ones = torch.ones
`,
  rows: [
    // Broadcasting names the mismatched sizes and the rightmost mismatching dim.
    { name: "add 3 and 4", py: "torch.add(ones(3), ones(4))", ts: () => torch.add(ones(3), ones(4)) },
    { name: "mul 2x3 and 2x4", py: "ones(2, 3).mul(ones(2, 4))", ts: () => ones(2, 3).mul(ones(2, 4)) },
    { name: "fmod 2 and 3", py: "torch.fmod(ones(2), ones(3))", ts: () => torch.fmod(ones(2), ones(3)) },
    {
      name: "maximum 2x3 and 4",
      py: "torch.maximum(ones(2, 3), ones(4))",
      ts: () => torch.maximum(ones(2, 3), ones(4)),
    },
    { name: "pow 2x3 and 4", py: "torch.pow(ones(2, 3), ones(4))", ts: () => torch.pow(ones(2, 3), ones(4)) },
    {
      name: "lerp 3 and 4",
      py: "torch.lerp(ones(3), ones(4), 0.5)",
      ts: () => torch.lerp(ones(3), ones(4), 0.5),
    },
    {
      name: "lerp weight 4",
      py: "torch.lerp(ones(3), ones(3), ones(4))",
      ts: () => torch.lerp(ones(3), ones(3), ones(4)),
    },
    { name: "add 2x3 and 3x4", py: "ones(2, 3).add(ones(3, 4))", ts: () => ones(2, 3).add(ones(3, 4)) },
    { name: "add 2x3 and 4", py: "ones(2, 3).add(ones(4))", ts: () => ones(2, 3).add(ones(4)) },
    {
      name: "add 5x2x3 and 4x1x3",
      py: "ones(5, 2, 3).add(ones(4, 1, 3))",
      ts: () => ones(5, 2, 3).add(ones(4, 1, 3)),
    },
    {
      name: "add 2x1x3 and 4x2",
      py: "ones(2, 1, 3).add(ones(4, 2))",
      ts: () => ones(2, 1, 3).add(ones(4, 2)),
    },
    // In-place results cannot grow self, nor change its dtype category.
    { name: "add_ into a smaller self", py: "ones(3).add_(ones(2, 3))", ts: () => ones(3).add_(ones(2, 3)) },
    {
      name: "mul_ into a smaller self",
      py: "ones(1, 3).mul_(ones(2, 3))",
      ts: () => ones(1, 3).mul_(ones(2, 3)),
    },
    { name: "sub_ 2x3 and 4", py: "ones(2, 3).sub_(ones(4))", ts: () => ones(2, 3).sub_(ones(4)) },
    { name: "add_ a float to ints", py: "ints().add_(1.5)", ts: () => ints().add_(1.5) },
    // Large tensors: the native backend writes those in place directly, and must check the same.
    {
      name: "add_ into a leaf that requires grad",
      py: "torch.ones(2000, requires_grad=True).add_(1)",
      ts: () => torch.ones(2000, { requires_grad: true }).add_(1),
    },
    {
      name: "add_ into a smaller self, large",
      py: "ones(2000).add_(ones(2, 2000))",
      ts: () => ones(2000).add_(ones(2, 2000)),
    },
    // Dtypes PyTorch refuses.
    { name: "sub of bools", py: "bools().sub(bools())", ts: () => bools().sub(bools()) },
    { name: "rsub of bools", py: "torch.rsub(bools(), bools())", ts: () => torch.rsub(bools(), bools()) },
    { name: "neg of bools", py: "bools().neg()", ts: () => bools().neg() },
    { name: "ints to a negative power", py: "torch.pow(ints(), -1)", ts: () => torch.pow(ints(), -1) },
    { name: "ints to a negative power, method", py: "ints().pow(-2)", ts: () => ints().pow(-2) },
    { name: "abs of bools", py: "torch.abs(bools())", ts: () => torch.abs(bools()) },
    { name: "floor of bools", py: "torch.floor(bools())", ts: () => torch.floor(bools()) },
    { name: "ceil of bools", py: "torch.ceil(bools())", ts: () => torch.ceil(bools()) },
    { name: "round of bools", py: "torch.round(bools())", ts: () => torch.round(bools()) },
    {
      name: "round of ints to decimals",
      py: "torch.round(ints(), decimals=2)",
      ts: () => torch.round(ints(), { decimals: 2 }),
    },
    { name: "frac of ints", py: "torch.frac(ints())", ts: () => torch.frac(ints()) },
    { name: "logsigmoid of ints", py: "F.logsigmoid(ints())", ts: () => F.logsigmoid(ints()) },
    { name: "leaky_relu of ints", py: "F.leaky_relu(ints())", ts: () => F.leaky_relu(ints()) },
    { name: "elu of ints", py: "F.elu(ints())", ts: () => F.elu(ints()) },
    { name: "gelu of ints", py: "F.gelu(ints())", ts: () => F.gelu(ints()) },
    { name: "silu of bools", py: "F.silu(bools())", ts: () => F.silu(bools()) },
    { name: "softplus of ints", py: "F.softplus(ints())", ts: () => F.softplus(ints()) },
    { name: "fmod of bools", py: "torch.fmod(bools(), bools())", ts: () => torch.fmod(bools(), bools()) },
    {
      name: "remainder of bools",
      py: "torch.remainder(bools(), bools())",
      ts: () => torch.remainder(bools(), bools()),
    },
    {
      name: "lerp of ints, number weight",
      py: "torch.lerp(ints(), ints(), 0.3)",
      ts: () => torch.lerp(ints(), ints(), 0.3),
    },
    {
      name: "lerp of ints, tensor weight",
      py: "torch.lerp(ints(), ints(), ints())",
      ts: () => torch.lerp(ints(), ints(), ints()),
    },
    {
      name: "lerp end of another dtype",
      py: "torch.lerp(ones(2), ones(2).double(), 0.3)",
      ts: () => torch.lerp(ones(2), ones(2).double(), 0.3),
    },
    {
      name: "lerp weight of another dtype",
      py: "torch.lerp(ones(2), ones(2), ones(2).long())",
      ts: () => torch.lerp(ones(2), ones(2), ones(2).long()),
    },
    {
      name: "integer fmod by zero",
      py: "torch.fmod(torch.tensor([1]), 0)",
      ts: () => torch.fmod(torch.tensor([1n]), 0),
    },
    {
      name: "integer remainder by zero",
      py: "torch.remainder(torch.tensor([1]), torch.tensor([0]))",
      ts: () => torch.remainder(torch.tensor([1n]), torch.tensor([0n])),
    },
    {
      name: "gelu approximation",
      py: "F.gelu(ones(2), approximate='foo')",
      ts: () => F.gelu(ones(2), { approximate: bad("foo") }),
    },
    // Argument types, named as PyTorch's parser names them.
    { name: "add a str", py: "torch.add(ones(2), 'a')", ts: () => torch.add(ones(2), bad("a")) },
    { name: "add to a str", py: "torch.add('a', ones(2))", ts: () => torch.add(bad("a"), ones(2)) },
    { name: "sin of a str", py: "torch.sin('a')", ts: () => torch.sin(bad("a")) },
    { name: "abs of None", py: "torch.abs(None)", ts: () => torch.abs(bad(null)) },
    { name: "sqrt of an int", py: "torch.sqrt(2)", ts: () => torch.sqrt(bad(2)) },
    {
      name: "maximum with an int",
      py: "torch.maximum(ones(2), 2)",
      ts: () => torch.maximum(ones(2), bad(2)),
    },
    {
      name: "minimum with an int",
      py: "torch.minimum(ones(2), 2)",
      ts: () => torch.minimum(ones(2), bad(2)),
    },
    { name: "atan2 with an int", py: "torch.atan2(ones(2), 2)", ts: () => torch.atan2(ones(2), bad(2)) },
    { name: "pow of a str", py: "torch.pow(ones(2), 'a')", ts: () => torch.pow(ones(2), bad("a")) },
    { name: "pow of two ints", py: "torch.pow(2, 3)", ts: () => torch.pow(bad(2), 3) },
    {
      name: "lerp with a str weight",
      py: "torch.lerp(ones(2), ones(2), 'a')",
      ts: () => torch.lerp(ones(2), ones(2), bad("a")),
    },
    {
      name: "leaky_relu with a str slope",
      py: "F.leaky_relu(ones(2), 'a')",
      ts: () => F.leaky_relu(ones(2), bad("a")),
    },
    {
      name: "softplus with a str beta",
      py: "F.softplus(ones(2), beta='a')",
      ts: () => F.softplus(ones(2), { beta: bad("a") }),
    },
    {
      name: "nan_to_num with a str nan",
      py: "torch.nan_to_num(ones(2), nan='a')",
      ts: () => torch.nan_to_num(ones(2), { nan: bad("a") }),
    },
    // Rounding division: integer division by zero raises (PyTorch's text is the Python class name), bools
    // have no kernel, and floor_divide has no derivative in PyTorch 1.13.
    {
      name: "div floor by int zero",
      py: "torch.div(ints(), 0, rounding_mode='floor')",
      ts: () => torch.div(ints(), 0, { rounding_mode: "floor" }),
    },
    {
      name: "div trunc by an int tensor with a zero",
      py: "torch.div(ints(), torch.tensor([1, 0, 2]), rounding_mode='trunc')",
      ts: () => torch.div(ints(), torch.tensor([1n, 0n, 2n]), { rounding_mode: "trunc" }),
    },
    {
      name: "div with an unknown rounding mode",
      py: "torch.div(ones(2), 2, rounding_mode='round')",
      ts: () => torch.div(ones(2), 2, { rounding_mode: "round" }),
    },
    {
      name: "div floor of bools",
      py: "torch.div(bools(), bools(), rounding_mode='floor')",
      ts: () => torch.div(bools(), bools(), { rounding_mode: "floor" }),
    },
    {
      name: "floor_divide by int zero",
      py: "torch.floor_divide(ints(), 0)",
      ts: () => torch.floor_divide(ints(), 0),
    },
    {
      name: "floor_divide of bools",
      py: "torch.floor_divide(bools(), bools())",
      ts: () => torch.floor_divide(bools(), bools()),
    },
    {
      name: "floor_divide backward",
      py: "torch.floor_divide(ones(2).requires_grad_(), 2).sum().backward()",
      ts: () => torch.floor_divide(ones(2).requires_grad_(), 2).sum().backward(),
    },
    {
      name: "floor_divide backward to the divisor",
      py: "torch.floor_divide(ones(2), ones(2).requires_grad_()).sum().backward()",
      ts: () => torch.floor_divide(ones(2), ones(2).requires_grad_()).sum().backward(),
    },
    {
      name: "remainder of bools by True",
      py: "torch.remainder(bools(), True)",
      ts: () => torch.remainder(bools(), true),
    },
    { name: "equal with a number", py: "torch.equal(ones(1), 1)", ts: () => torch.equal(ones(1), bad(1)) },
    { name: "clamp without bounds", py: "torch.clamp(ones(2))", ts: () => torch.clamp(ones(2)) },
    // A number as out= (the parser's numbers-as-tensors ops): a bool, int64 or float64 tensor, as in PyTorch.
    {
      name: "divide out=False",
      py: "torch.divide(ones(2), ones(2), out=False)",
      ts: () => torch.divide(ones(2), ones(2), bad({ out: false })),
    },
    {
      name: "divide out=True",
      py: "torch.divide(ones(2), ones(2), out=True)",
      ts: () => torch.divide(ones(2), ones(2), bad({ out: true })),
    },
    {
      name: "div out=0",
      py: "torch.div(ones(2), ones(2), out=0)",
      ts: () => torch.div(ones(2), ones(2), bad({ out: 0 })),
    },
    {
      name: "mul out=False",
      py: "torch.mul(ones(2), ones(2), out=False)",
      ts: () => torch.mul(ones(2), ones(2), bad({ out: false })),
    },
    {
      name: "add of ints out=True",
      py: "torch.add(ints(), ints(), out=True)",
      ts: () => torch.add(ints(), ints(), bad({ out: true })),
    },
    {
      name: "sin out=False",
      py: "torch.sin(ones(2), out=False)",
      ts: () => torch.sin(ones(2), bad({ out: false })),
    },
  ],
};
