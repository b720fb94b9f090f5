// torch.optim.SparseAdam. It updates only the entries a sparse gradient holds; tensorgrad has no sparse
// tensors, so every gradient it can see is dense and step() raises PyTorch's error for a dense one
// (the constructor's checks and the optimizer's bookkeeping are PyTorch's).
import { RuntimeError, ValueError } from "../errors.js";
import { isPlainObject } from "../signatures/bind.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, paramsWithGrad } from "./optimizer.js";
import { pyStr } from "../python.js";
import { ONE, pyAttr, pyCompare, pyItem, pyList, ZERO } from "./python.js";
import { tupleDefault } from "./adam.js";

export interface SparseAdamOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  maximize: boolean;
}

// lr, betas and eps are unannotated: PyTorch compares them itself.
const INIT = new PySignature(
  "torch.optim",
  "SparseAdam.__init__(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, maximize: bool = False)",
);
const STEP = new PySignature("torch.optim", "SparseAdam.step(closure=None)");

export class SparseAdam extends Optimizer<SparseAdamOptions> {
  constructor(...args: CallArgs<"SparseAdam.__init__">) {
    const [params, lr, rawBetas, eps, maximize] = INIT.bind(args);
    const betas = tupleDefault(INIT, "betas", rawBetas);
    if (!pyCompare(ZERO, "<", lr)) throw new ValueError(`Invalid learning rate: ${pyStr(lr)}`);
    if (!pyCompare(ZERO, "<", eps)) throw new ValueError(`Invalid epsilon value: ${pyStr(eps)}`);
    const [beta0, beta1] = [0, 1].map((i) => pyItem(betas, i));
    if (!(pyCompare(ZERO, "<=", beta0) && pyCompare(beta0, "<", ONE)))
      throw new ValueError(`Invalid beta parameter at index 0: ${pyStr(beta0)}`);
    if (!(pyCompare(ZERO, "<=", beta1) && pyCompare(beta1, "<", ONE)))
      throw new ValueError(`Invalid beta parameter at index 1: ${pyStr(beta1)}`);
    // PyTorch lists the parameters (and rejects sparse ones, which tensorgrad cannot make) before the base class.
    const list = params instanceof Tensor ? params : pyList(params);
    if (Array.isArray(list))
      for (const p of list) if (!isPlainObject(p) && !(p instanceof Tensor)) pyAttr(p, "is_sparse");
    super(list, { lr, betas, eps, maximize });
  }

  override step(...args: CallArgs<"SparseAdam.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(STEP, args);
    return this.runStep(closure, () => {
      for (const group of this.param_groups)
        if (paramsWithGrad(group).length > 0)
          throw new RuntimeError("SparseAdam does not support dense gradients, please consider Adam instead");
    });
  }
}
