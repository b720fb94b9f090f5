// torch.nn.utils.fuse_conv_bn_eval / fuse_conv_bn_weights (PyTorch 1.13's fusion.py): an eval-mode
// convolution followed by an eval-mode batch norm folded into one convolution's weight and bias.
import { AssertionError } from "../../errors.js";
import { pyTuple } from "../../python.js";
import { pyAttr, pyTruthy } from "../../optim/python.js";
import { definePython, publicFunction } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import { deepcopy } from "../modules/transformer.js";

/** torch.<name> through its argument parser, as fusion.py calls it (a None argument is its TypeError). */
const torchFn = (name: string) => publicFunction("torch", name) as (...a: unknown[]) => Tensor;

type ConvModule = Module & { weight: Tensor; bias: Tensor | null };
export function fuse_conv_bn_weights(
  conv_w: unknown,
  conv_b: unknown,
  bn_rm: unknown,
  bn_rv: unknown,
  bn_eps: unknown,
  bn_w: unknown,
  bn_b: unknown,
  transpose: unknown = false,
): [Parameter, Parameter] {
  return fuseWeights(
    conv_w as Tensor,
    conv_b as Tensor | null,
    bn_rm as Tensor,
    bn_rv as Tensor,
    bn_eps as number,
    bn_w as Tensor | null,
    bn_b as Tensor | null,
    pyTruthy(transpose),
  );
}

function fuseWeights(
  conv_w: Tensor,
  conv_b: Tensor | null,
  bn_rm: Tensor,
  bn_rv: Tensor,
  bn_eps: number,
  bn_w: Tensor | null,
  bn_b: Tensor | null,
  transpose: boolean,
): [Parameter, Parameter] {
  const b = conv_b ?? torchFn("zeros_like")(bn_rm);
  const w = bn_w ?? torchFn("ones_like")(bn_rm);
  const shift = bn_b ?? torchFn("zeros_like")(bn_rm);
  // fusion.py's arithmetic through torch's parsers, so an argument that is not a tensor gets a Python TypeError.
  const [add, sub, mul, reshape] = ["add", "sub", "mul", "reshape"].map(torchFn);
  const rsqrt = torchFn("rsqrt")(add(bn_rv, bn_eps));
  // Python's [1] * n is empty for a negative n (a 1-d conv_w).
  const ones = Array<number>(Math.max(0, pyAttr<number>(conv_w, "ndim") - 2)).fill(1);
  const shape = transpose ? [1, -1, ...ones] : [-1, 1, ...ones];
  const fusedW = mul(conv_w, reshape(mul(w, rsqrt), shape));
  const fusedB = add(mul(mul(sub(b, bn_rm), rsqrt), w), shift);
  return pyTuple([new Parameter(fusedW), new Parameter(fusedB)]);
}

export function fuse_conv_bn_eval(conv: unknown, bn: unknown, transpose: unknown = false): Module {
  if (pyTruthy(pyAttr(conv, "training")) || pyTruthy(pyAttr(bn, "training")))
    throw new AssertionError("Fusion only for eval!");
  const fused = deepcopy(conv) as ConvModule;
  const [weight, bias] = fuseWeights(
    pyAttr(fused, "weight"),
    pyAttr(fused, "bias"),
    pyAttr(bn, "running_mean"),
    pyAttr(bn, "running_var"),
    pyAttr(bn, "eps"),
    pyAttr(bn, "weight"),
    pyAttr(bn, "bias"),
    pyTruthy(transpose),
  );
  fused.weight = weight;
  fused.bias = bias;
  return fused;
}

// Unannotated in fusion.py.
definePython("torch.nn.utils", {
  "fuse_conv_bn_eval(conv, bn, transpose=False) -> Module": fuse_conv_bn_eval,
  "fuse_conv_bn_weights(conv_w, conv_b, bn_rm, bn_rv, bn_eps, bn_w, bn_b, transpose=False) -> (Tensor, Tensor)":
    fuse_conv_bn_weights,
});
