// PyTorch 1.13's deprecated and legacy modules: nn.Container (a Module that warns and adds its keyword
// modules), nn.NLLLoss2d (NLLLoss under its old name, with its warning) and nn.CrossMapLRN2d (Lua Torch's
// cross-channel LRN, the custom autograd Function of torch/nn/modules/_functions.py, its loops and its
// hand-written backward kept in their order, so its grad_fn is CrossMapLRN2dBackward as in PyTorch).
import { AutogradFunction, type FunctionCtx } from "../../autograd/function.js";
import { AssertionError } from "../../errors.js";
import { addcmul } from "../../ops/addmm_family.js";
import { stack } from "../../ops/join.js";
import { pyFloatRepr } from "../../python.js";
import { pyTypeName } from "../../python_type.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { emitWarning } from "../../warnings.js";
import { Module } from "../module.js";
import { missingForward } from "../module_utils.js";
import { NLLLoss } from "./loss.js";

const SIG = {
  container: new PySignature("torch.nn", "Container.__init__(**kwargs)"),
  nll2d: new PySignature(
    "torch.nn",
    "NLLLoss2d.__init__(weight: Tensor | None = None, size_average=None, ignore_index: int = -100, reduce=None, reduction: str = 'mean')",
  ),
  lrn: new PySignature(
    "torch.nn",
    "CrossMapLRN2d.__init__(size: int, alpha: float = 0.0001, beta: float = 0.75, k: float = 1)",
  ),
};

export class Container extends Module {
  constructor(...args: CallArgs<"Container.__init__">) {
    const [kwargs] = SIG.container.bind(args) as unknown as [Record<string, Module | null>];
    super();
    emitWarning(
      "nn.Container is deprecated. All of it's functionality is now implemented in nn.Module. Subclass that instead.",
    );
    for (const [key, value] of Object.entries(kwargs)) {
      // Module.add_module's own check, with torch.typename's name of the value.
      if (value !== null && !(value instanceof Module))
        throw new TypeError(`${pyTypeName(value)} is not a Module subclass`);
      this.add_module(key, value);
    }
  }

  /** Module's _forward_unimplemented: a Container defines no forward. */
  forward(): never {
    return missingForward.call(this);
  }
}

export class NLLLoss2d extends NLLLoss {
  constructor(...args: CallArgs<"NLLLoss2d.__init__">) {
    const bound = SIG.nll2d.bind(args);
    emitWarning(
      "NLLLoss2d has been deprecated. Please use NLLLoss instead as a drop-in replacement and see https://pytorch.org/docs/master/nn.html#torch.nn.NLLLoss for more details.",
    );
    super(...(bound as unknown as CallArgs<"NLLLoss.__init__">));
  }
}

interface LrnOptions {
  size: number;
  alpha: number;
  beta: number;
  k: number;
}

/** _functions.CrossMapLRN2d.forward's running sum of squares over a window of channels. */
function lrnScale(input: Tensor, o: LrnOptions): Tensor {
  if (input.ndim !== 4) throw new AssertionError("");
  const channels = input.shape[1];
  const square = input.pow(2);
  const prePad = Math.trunc((o.size - 1) / 2 + 1);
  const prePadCrop = prePad > channels ? channels : prePad;
  let first = zeros([input.shape[0], ...input.shape.slice(2)], { dtype: input.dtype });
  for (let c = 0; c < prePadCrop; c++) first = first.add(square.select(1, c));
  const scale = [first];
  for (let c = 1; c < channels; c++) {
    let current = scale[c - 1];
    if (c < channels - prePad + 1) current = current.add(square.select(1, c + prePad - 1));
    if (c > prePad) current = current.sub(square.select(1, c - prePad));
    scale.push(current);
  }
  return stack(scale, 1)
    .mul(o.alpha / o.size)
    .add(o.k);
}

/** torch.nn.modules._functions.CrossMapLRN2d (named so, as its grad_fn name comes from it). */
const CrossMapLRN2dFunction = {
  CrossMapLRN2d: class extends AutogradFunction {
    static override forward(ctx: FunctionCtx, input: Tensor, options: LrnOptions): Tensor {
      const scale = lrnScale(input, options);
      const output = scale.pow(-options.beta).mul(input);
      ctx.options = options;
      ctx.scale = scale;
      ctx.save_for_backward(input, output);
      return output;
    }

    static override backward(ctx: FunctionCtx, gradOutput: Tensor): (Tensor | null)[] {
      const [input, output] = ctx.saved_tensors as Tensor[];
      const { size, alpha, beta } = ctx.options as LrnOptions;
      const scale = ctx.scale as Tensor;
      const [batch, channels, h, w] = input.shape;
      const cacheRatioValue = (2 * alpha * beta) / size;
      const inversePrePad = Math.trunc(size - (size - 1) / 2);
      const gradInput = scale.pow(-beta).mul(gradOutput);
      const rows: Tensor[] = [];
      for (let n = 0; n < batch; n++) {
        const center = gradOutput.select(0, n).mul(output.select(0, n)).div(scale.select(0, n));
        const before = zeros([inversePrePad, h, w], { dtype: input.dtype });
        const after = zeros([size - 1 - inversePrePad, h, w], { dtype: input.dtype });
        const padded = stack([...before.unbind(0), ...center.unbind(0), ...after.unbind(0)], 0);
        let accum = padded.narrow(0, 0, size - 1).sum(0);
        const planes: Tensor[] = [];
        for (let c = 0; c < channels; c++) {
          accum = accum.add(padded.select(0, c + size - 1));
          const plane = gradInput.select(0, n).select(0, c);
          planes.push(addcmul(plane, input.select(0, n).select(0, c), accum, -cacheRatioValue));
          accum = accum.sub(padded.select(0, c));
        }
        rows.push(stack(planes, 0));
      }
      return [stack(rows, 0), null];
    }
  },
}.CrossMapLRN2d;

export class CrossMapLRN2d extends Module {
  readonly size: number;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;

  constructor(...args: CallArgs<"CrossMapLRN2d.__init__">) {
    const [size, alpha, beta, k] = SIG.lrn.bind(args);
    super();
    this.size = size;
    this.alpha = alpha;
    this.beta = beta;
    this.k = k;
  }

  forward(input: Tensor): Tensor {
    const { size, alpha, beta, k } = this;
    return CrossMapLRN2dFunction.apply(input, { size, alpha, beta, k }) as Tensor;
  }

  /**
   * '{size}, alpha={alpha}, beta={beta}, k={k}'.format(**self.__dict__): Python prints each value as given;
   * a JS number does not say whether it was 1 or 1.0, so alpha and beta print as floats and k (default 1)
   * as an int when it is whole.
   */
  override extra_repr(): string {
    const k = Number.isInteger(this.k) ? String(this.k) : pyFloatRepr(this.k);
    return `${this.size}, alpha=${pyFloatRepr(this.alpha)}, beta=${pyFloatRepr(this.beta)}, k=${k}`;
  }
}
