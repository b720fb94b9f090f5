// nn.AdaptiveLogSoftmaxWithLoss (PyTorch 1.13's adaptive.py, Grave et al.'s efficient softmax approximation):
// a head Linear over the shortlist and one entry per cluster, and per cluster a two-Linear projection; forward
// returns the _ASMoutput namedtuple (output, loss), log_prob the full log-probabilities, predict the argmax,
// each step in adaptive.py's order so the graph (and its grad_fns) is PyTorch's.
import { RuntimeError, ValueError } from "../../errors.js";
import { log_softmax } from "../../ops/softmax.js";
import { NamedTuple } from "../../ops/reduce_util.js";
import { pyTypeName } from "../../python_type.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { ModuleList, Sequential } from "../containers.js";
import { Module } from "../module.js";
import { Linear } from "./linear.js";

const INIT = new PySignature(
  "torch.nn",
  "AdaptiveLogSoftmaxWithLoss.__init__(in_features: int, n_classes: int, cutoffs, div_value: float = 4.0, head_bias: bool = False, device=None, dtype=None)",
);

/** adaptive.py's _ASMoutput = namedtuple('_ASMoutput', ['output', 'loss']), with a namedtuple's repr. */
export class ASMoutput extends NamedTuple {
  declare readonly output: Tensor;
  declare readonly loss: Tensor;
  constructor(output: Tensor, loss: Tensor) {
    super("_ASMoutput", ["output", "loss"], [output, loss]);
  }
  /** A namedtuple's repr (NamedTuple's is a structseq's, torch.return_types.<name>(...)). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `_ASMoutput(output=${this.output.toString()}, loss=${this.loss.toString()})`;
  }
}

/** Python's str() of an exception raised with two arguments: the tuple of them. */
const sizeText = (t: Tensor) => `torch.Size([${t.shape.join(", ")}])`;

export class AdaptiveLogSoftmaxWithLoss extends Module {
  readonly in_features: number;
  readonly n_classes: number;
  readonly cutoffs: number[];
  readonly div_value: number;
  readonly head_bias: boolean;
  readonly shortlist_size: number;
  readonly n_clusters: number;
  readonly head_size: number;
  head: Linear;
  tail: ModuleList;

  constructor(...args: CallArgs<"AdaptiveLogSoftmaxWithLoss.__init__">) {
    const [in_features, n_classes, cutoffsArg, div_value, head_bias, device, dtype] = INIT.bind(args);
    super();
    const iterable = cutoffsArg as Iterable<number> | null;
    if (iterable === null || typeof iterable !== "object" || !(Symbol.iterator in iterable))
      throw new TypeError(`'${pyTypeName(cutoffsArg)}' object is not iterable`);
    const cutoffs = [...iterable].map(Number);
    const sorted = [...cutoffs].sort((a, b) => a - b);
    if (
      cutoffs.some((c, i) => c !== sorted[i]) ||
      Math.min(...cutoffs) <= 0 ||
      Math.max(...cutoffs) > n_classes - 1 ||
      new Set(cutoffs).size !== cutoffs.length ||
      cutoffs.some((c) => !Number.isInteger(c))
    )
      throw new ValueError(
        "cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each value is between 1 and n_classes-1",
      );
    const factory = { device, dtype } as Record<string, unknown>;
    this.in_features = in_features;
    this.n_classes = n_classes;
    this.cutoffs = [...cutoffs, n_classes];
    this.div_value = div_value;
    this.head_bias = head_bias;
    this.shortlist_size = this.cutoffs[0];
    this.n_clusters = this.cutoffs.length - 1;
    this.head_size = this.shortlist_size + this.n_clusters;
    this.head = new Linear(in_features, this.head_size, { bias: head_bias, ...factory } as never);
    this.tail = new ModuleList();
    for (let i = 0; i < this.n_clusters; i++) {
      // int(in_features // div_value ** (i + 1))
      const hsz = Math.trunc(Math.floor(in_features / div_value ** (i + 1)));
      const osz = this.cutoffs[i + 1] - this.cutoffs[i];
      this.tail.append(
        new Sequential(
          new Linear(in_features, hsz, { bias: false, ...factory } as never),
          new Linear(hsz, osz, { bias: false, ...factory } as never),
        ),
      );
    }
  }

  private cluster(i: number): Sequential {
    return this.tail.at(i) as Sequential;
  }

  reset_parameters(): void {
    this.head.reset_parameters();
    for (let i = 0; i < this.n_clusters; i++)
      for (const m of this.cluster(i).children()) (m as Linear).reset_parameters();
  }

  forward(input_: Tensor, target_: Tensor): ASMoutput {
    const targDim = target_.ndim;
    if (targDim === 1) {
      if (input_.shape[0] !== target_.shape[0])
        throw new RuntimeError("Input and target should have the same size in the batch dimension.");
      if (input_.ndim !== 2)
        throw new RuntimeError(
          `('1D target tensor expects 2D input tensors, but found inputs with size', ${sizeText(input_)})`,
        );
    } else if (targDim === 0) {
      if (input_.ndim !== 1)
        throw new RuntimeError(
          `('0D target tensor expects 1D input tensors, but found inputs with size', ${sizeText(input_)})`,
        );
    } else {
      throw new RuntimeError("0D or 1D target tensor expected, multi-target not supported");
    }
    const batched = targDim > 0;
    const input = batched ? input_ : input_.unsqueeze(0);
    const target = batched ? target_ : target_.unsqueeze(0);
    let usedRows = 0;
    const batchSize = target.shape[0];
    let output = input.new_zeros([batchSize]);
    const gatherInds = target.new_empty([batchSize]);
    const cutoffValues = [0, ...this.cutoffs];
    for (let i = 0; i < cutoffValues.length - 1; i++) {
      const [low, high] = [cutoffValues[i], cutoffValues[i + 1]];
      const targetMask = target.ge(low).logical_and(target.lt(high));
      const rowIndices = targetMask.nonzero().squeeze();
      if (rowIndices.numel() === 0) continue;
      if (i === 0) {
        gatherInds.index_copy_(0, rowIndices, target.masked_select(targetMask));
      } else {
        const relativeTarget = target.masked_select(targetMask).sub(low);
        const inputSubset = input.index_select(0, rowIndices);
        const clusterOutput = this.cluster(i - 1).forward(inputSubset) as Tensor;
        gatherInds.index_fill_(0, rowIndices, this.shortlist_size + i - 1);
        const clusterLogprob = log_softmax(clusterOutput, 1);
        const localLogprob = clusterLogprob.gather(1, relativeTarget.unsqueeze(1));
        output = output.index_copy_(0, rowIndices, localLogprob.squeeze(1));
      }
      usedRows += rowIndices.numel();
    }
    if (usedRows !== batchSize)
      throw new RuntimeError(
        `Target values should be in [0, ${this.n_classes - 1}], but values in range [${target.min().item()}, ${target.max().item()}] were found. `,
      );
    const headOutput = this.head.forward(input);
    const headLogprob = log_softmax(headOutput, 1);
    output = output.add_(headLogprob.gather(1, gatherInds.unsqueeze(1)).squeeze());
    const loss = output.neg().mean();
    return new ASMoutput(batched ? output : output.squeeze(0), loss);
  }

  /** _get_full_log_prob: the shortlist's head log-probabilities, then each cluster's plus its head entry. */
  private fullLogProb(input: Tensor, headOutput: Tensor): Tensor {
    const out = input.new_empty([headOutput.shape[0], this.n_classes]);
    const headLogprob = log_softmax(headOutput, 1);
    out.narrow(1, 0, this.shortlist_size).copy_(headLogprob.narrow(1, 0, this.shortlist_size));
    for (let i = 0; i < this.n_clusters; i++) {
      const [start, stop] = [this.cutoffs[i], this.cutoffs[i + 1]];
      const clusterLogprob = log_softmax(this.cluster(i).forward(input) as Tensor, 1);
      const outputLogprob = clusterLogprob.add(headLogprob.select(1, this.shortlist_size + i).unsqueeze(1));
      out.narrow(1, start, stop - start).copy_(outputLogprob);
    }
    return out;
  }

  log_prob(input: Tensor): Tensor {
    return this.fullLogProb(input, this.head.forward(input));
  }

  predict(input: Tensor): Tensor {
    const headOutput = this.head.forward(input);
    const output = headOutput.argmax(1);
    const notInShortlist = output.ge(this.shortlist_size);
    if (!notInShortlist.any().item()) return output;
    if (notInShortlist.all().item()) return this.fullLogProb(input, headOutput).argmax(1);
    const logProb = this.fullLogProb(
      input.index_select(0, notInShortlist.nonzero().squeeze(1)),
      headOutput.index_select(0, notInShortlist.nonzero().squeeze(1)),
    );
    return output.masked_scatter_(notInShortlist, logProb.argmax(1));
  }
}
