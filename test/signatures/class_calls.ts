// The signature walk over classes' public methods (Module.train, Sequential.append, ...): the cases of
// calls.ts, each made on a fresh instance of the class that both sides build the same way.
import { classSignatures } from "../../src/signatures/registry.js";
import { casesOf, type CallCase, type Value } from "./calls.js";
import { OPTIM_INSTANCES } from "./samples/optim_data.js";

const relu: Value = { new: "torch.nn.ReLU", args: [] };

/**
 * The instance each class's methods are called on, by the class the method's qualified name starts with.
 * Deterministic (BatchNorm starts from ones and zeros; the seed is reset before every case).
 */
export const INSTANCES: Record<string, Value> = {
  Module: { new: "torch.nn.BatchNorm1d", args: [2] },
  Sequential: { new: "torch.nn.Sequential", args: [relu] },
  ModuleList: { new: "torch.nn.ModuleList", args: [[relu]] },
  ModuleDict: { new: "torch.nn.ModuleDict", args: [{ dict: { a: relu } }] },
  MultiheadAttention: { new: "torch.nn.MultiheadAttention", args: [2, 1] },
  // torch.optim: optimizers over one leaf; schedulers over an SGD (the base class's methods on a StepLR).
  ...OPTIM_INSTANCES,
};

/** Every case of every class method that has an instance to be called on (target "torch.nn.Module.train"). */
export function classMethodCases(): CallCase[] {
  const cases: CallCase[] = [];
  for (const [qualname, sig] of classSignatures()) {
    if (sig.isConstructor) continue;
    const self = INSTANCES[qualname.split(".")[0]];
    if (self === undefined) continue;
    // The walk's other-dtype cases swap a Tensor method's tensor: they have no meaning for an object.
    const target = `${sig.module}.${qualname}`;
    cases.push(...casesOf(target, sig.signature, self, 0).filter((c) => !c.id.includes("/dtype:")));
  }
  return cases;
}
