// The known differences between tensorgrad and PyTorch the differential test skips, each with its triage
// category (docs/differential.md describes each, with a minimal repro). Most are a to-do list: when a fix
// lands, its entry matches nothing and the test asks for its removal. Those marked `exception` cannot match
// for a reason JS or PyTorch imposes, and stay.
//
// A program is matched by its first difference (compare.ts orders them): fixing one cause can reveal the
// next difference of the same program, which then needs triage of its own.
import type { Diff } from "./compare.js";
import type { Recorded, Stmt } from "./ir.js";

export interface Known {
  /** the triage category (docs/differential.md) */
  id: string;
  cause: string;
  /** a difference tensorgrad keeps on purpose (JS cannot express it, or PyTorch misbehaves) */
  exception?: true;
  /** only on these backends (default: all) */
  backends?: string[];
  /** whether a program's first difference is this one */
  match(d: Diff, p: Recorded): boolean;
}

/** The name a statement calls: "add" for torch.add, Tensor.add and add_; "forward" for a module call. */
export function opOf(s: Stmt | undefined): string {
  if (s === undefined) return "";
  return (s.f ?? s.c ?? s.m ?? s.attr ?? "").split(".").pop()!;
}

/** The op, with a module call named by its class ("LayerNorm") and in-place variants by their op ("cos"). */
function baseOp(d: Diff, p: Recorded): string {
  const s = p.b[d.stmt];
  if (s?.m === "forward") return opOf(p.b.find((x) => x.o === s.s));
  return opOf(s).replace(/_$/, "");
}

/** The dtype PyTorch's result of the difference's statement has ("" if none). */
function resultDtype(d: Diff, p: Recorded): string {
  const r = p.r[d.stmt]?.r;
  return r !== undefined && "d" in r ? r.d : "";
}

const ERRORS = new Set(["error", "no-error", "unexpected-error"]);
const isError = (d: Diff) => ERRORS.has(d.kind);
/** the error text on either side */
const says = (d: Diff, re: RegExp) => isError(d) && (re.test(d.expected) || re.test(d.actual));
const pytorchSays = (d: Diff, re: RegExp) => isError(d) && re.test(d.expected);
const tensorgradSays = (d: Diff, re: RegExp) => isError(d) && re.test(d.actual);
const ops = (...names: string[]) => new Set(names);

/** Elementwise float kernels PyTorch runs as vectorised SLEEF code (and the activations built on them). */
const FLOAT_MATH = ops("atan2", "lerp");
/** Reductions and the ops built on them (summation order, moments, scaling). */
const REDUCTIONS = ops(
  "cumsum",
  "norm",
  "vector_norm",
  "adaptive_avg_pool2d",
  "AdaptiveAvgPool2d",
  "embedding",
);
const NORMS = ops("layer_norm", "batch_norm", "LayerNorm", "BatchNorm1d");
const INT64_MIN = /^\[\d+\] = -(9223372036854775808|2147483648)$/;

export const KNOWN: Known[] = [
  // ---- exceptions: what JS or PyTorch itself imposes ----------------------------------------------------
  {
    id: "annotation-typeerror",
    exception: true,
    cause:
      "A Python-level signature's argument of the wrong type (size_average=1, inplace=1): tensorgrad checks the annotation up front and raises its TypeError naming the argument; PyTorch checks nothing there and fails later or not at all (docs/signatures.md).",
    match: (d) =>
      tensorgradSays(d, /^TypeError: [\w.]+\(\): argument '\w+' (\(position \d+\) )?must be .+, not \S+$/),
  },
  {
    id: "pytorch-internal-assert",
    exception: true,
    cause:
      "PyTorch 1.13 fails an internal assert (isDifferentiableType) for sum/prod/cumprod of a float tensor that requires grad with an integer dtype=: a PyTorch bug, not reproduced.",
    match: (d) => pytorchSays(d, /INTERNAL ASSERT FAILED/),
  },

  // ---- autograd ------------------------------------------------------------------------------------------
  {
    id: "backward-frees-unsaved-graph",
    cause:
      "tensorgrad frees the whole graph after backward/autograd.grad and refuses a second pass; PyTorch only raises when the pass needs a saved tensor that was freed (x.sum(), (x + 1).sum() can run twice), and autograd.grad w.r.t. a non-leaf keeps the graph behind it (issue #13).",
    match: (d) =>
      d.kind === "unexpected-error" && /Trying to backward through the graph a second time/.test(d.actual),
  },
  {
    id: "inplace-view-grad-fn",
    cause:
      "After an in-place op on a view (or on the base of a view), PyTorch regenerates the view's grad_fn as AsStridedBackward0 and gives the written view the in-place op's node (CoshBackward0); tensorgrad replays the original view op (PermuteBackward0) or the reverse. Also nn.init/optimizer writes under no_grad.",
    match: (d) =>
      (d.kind === "grad_fn" && (d.expected === "AsStridedBackward0" || d.actual === "AsStridedBackward0")) ||
      (d.kind === "state-missing" && /grad_fn=<AsStridedBackward0>/.test(d.expected)),
  },
  {
    id: "random-inplace-grad-fn",
    cause:
      "uniform_/normal_/bernoulli_ on a tensor in the graph record UniformBackward0/NormalBackward0/BernoulliBackward2 in PyTorch; tensorgrad keeps the tensor's previous grad_fn.",
    match: (d) => d.kind === "grad_fn" && /^(Uniform|Normal|Bernoulli)Backward\d$/.test(d.expected),
  },
  {
    id: "inplace-checks",
    cause:
      "In-place checks PyTorch makes and tensorgrad does not: writes into expanded views (more than one element refers to one memory location), in-place on a view created under no_grad, in-place on outputs of multi-view ops (split/chunk/unbind), and the error PyTorch raises when reading such a view's grad_fn (issue #13).",
    match: (d) =>
      says(
        d,
        /more than one element of the written-to tensor|A view was created in no_grad mode|is a view and (is being|its base or another view of its base has been) modified inplace/,
      ) ||
      (d.kind === "kind" &&
        /(Split|SplitWithSizes|Unbind|Chunk)Backward0 is a view|A view was created in no_grad mode/.test(
          d.expected,
        )),
  },
  {
    id: "retain-grad-after-use",
    cause:
      "retain_grad() called after the tensor was used (or after an in-place write): PyTorch still fills .grad at the next backward; tensorgrad leaves it None.",
    match: (d, p) =>
      (d.kind === "state-missing" && opOf(p.b[d.stmt]) === "backward") ||
      (d.kind === "kind" && opOf(p.b[d.stmt]) === "grad" && d.actual === '{"N":1}'),
  },

  // ---- numerics ------------------------------------------------------------------------------------------
  {
    id: "float-math-kernels",
    cause:
      "Float64 elementwise math that differs by 1 ulp: atan2 (PyTorch's scalar path is glibc's double atan2, tensorgrad's V8's fdlibm atan2; float64 atan2(y, x) PyTorch 2.814789017219421, tensorgrad 2.8147890172194217), lerp (PyTorch's kernel fuses weight * diff + base into one FMA in double). Float32 atan2, logsigmoid and float64 tanh-approximate gelu are bit-exact (issue #13, numerics).",
    match: (d, p) =>
      d.kind === "bits" &&
      FLOAT_MATH.has(baseOp(d, p)) &&
      resultDtype(d, p) === "float64" &&
      !(baseOp(d, p) === "atan2" && (d.ulps ?? 0) > 1e6),
  },
  {
    id: "reduction-order",
    cause:
      "Reductions PyTorch adds in another order (vectorised cascade sums over 8-lane blocks) or scales differently: norm/vector_norm, adaptive_avg_pool2d, embedding with max_norm (its renorm), cumsum: 1-3 ulp apart (issue #13, numerics).",
    match: (d, p) => d.kind === "bits" && REDUCTIONS.has(baseOp(d, p)) && /^float/.test(resultDtype(d, p)),
  },
  {
    id: "norm-moments",
    cause:
      "layer_norm/batch_norm (and LayerNorm/BatchNorm1d): PyTorch computes the moments with its vectorised RowwiseMoments (Welford on 8-lane blocks, float32 accumulation for float32): ulps apart in general; with one element per row PyTorch's rounding shows (-1.4e-07 where tensorgrad gives 0); with huge values its variance overflows to nan.",
    match: (d, p) => d.kind === "bits" && NORMS.has(baseOp(d, p)),
  },
  {
    id: "int64-semantics",
    cause:
      "int64: converting nan/inf/out-of-range floats gives INT64_MIN (INT32_MIN for int32) in PyTorch, 0 in tensorgrad; values beyond 2^53 lose precision (scatter_add, pow overflow, their reprs); an int64 tensor can hold NaN (issue #13).",
    match: (d, p) =>
      (d.kind === "bits" &&
        /^int/.test(resultDtype(d, p)) &&
        (INT64_MIN.test(d.expected) || INT64_MIN.test(d.actual) || /\d{16,}/.test(d.expected))) ||
      (d.kind === "repr" && /-9223372036854775808|\d{17,}/.test(d.expected)),
  },
  {
    id: "sum-int-dtype",
    cause:
      "sum(dtype=torch.int64) of a float tensor: PyTorch converts each element to int64 before adding; tensorgrad adds the floats.",
    match: (d, p) => d.kind === "bits" && baseOp(d, p) === "sum" && p.b[d.stmt]?.k?.dtype !== undefined,
  },
  {
    id: "conv-nonfinite",
    cause:
      "conv1d/conv2d with inf inputs and zero padding: tensorgrad multiplies the padding's zeros by inf (nan); PyTorch's im2col + GEMM does not.",
    match: (d, p) =>
      d.kind === "bits" &&
      ["conv1d", "conv2d", "Conv1d", "Conv2d"].includes(baseOp(d, p)) &&
      d.ulps === Infinity,
  },

  // ---- missing semantics and texts -----------------------------------------------------------------------
  {
    id: "not-implemented",
    cause:
      "Not implemented in tensorgrad: F.pad modes reflect/replicate/circular, einsum with '...' or repeated subscripts, Tensor.view(dtype) between dtypes of different storage, the nuclear norm.",
    match: (d) =>
      tensorgradSays(
        d,
        /^NotImplementedError: |not supported by tensorgrad|^RuntimeError: einsum\(\): .* tensorgrad/,
      ),
  },
  {
    id: "dtype-checks",
    cause:
      "Dtype checks: PyTorch rejects integer/bool inputs of losses (mse, huber, smooth_l1, kl_div), pow/clamp/rsub/sub on bool, float results cast into int outputs (bce_with_logits), narrowing dtype= (vector_norm), full_like overflow; and accepts cumsum_/cumprod on bool, softmax/log_softmax of integer 0-dim tensors, mse_loss with a bool target; its kernel names in the messages differ (issue #13).",
    match: (d) =>
      says(
        d,
        /not implemented for '(Long|Bool|Int)'|Integral inputs not supported|can't be cast to the desired output type|with a bool tensor is not supported|with two bool tensors|without narrowing|cannot be converted to type int64_t without overflow|Boolean inputs|should match/,
      ),
  },
  {
    id: "nll-loss-weight-requires-grad",
    cause:
      "nll_loss/cross_entropy with a weight that requires grad: PyTorch first rejects it ('The function 'nll_loss_forward' is not differentiable with respect to argument 'weight''); tensorgrad checks the weight's shape first (or accepts it).",
    match: (d, p) =>
      ["nll_loss", "cross_entropy"].includes(baseOp(d, p)) &&
      pytorchSays(d, /not differentiable with respect to argument 'weight'/),
  },
  {
    id: "index-add-index-text",
    cause:
      "index_add with an index of more than one dim: PyTorch's IndexError goes on ', but got dim: 3 with type: Long and size: [3, 3, 1]'; tensorgrad stops after 'Index is supposed to be a vector'.",
    match: (d, p) =>
      baseOp(d, p) === "index_add" && pytorchSays(d, /Index is supposed to be a vector, but got dim/),
  },
  {
    id: "missing-checks",
    cause:
      "Checks PyTorch makes and tensorgrad does not: binary_cross_entropy(_with_logits)'s output shape against the broadcast shape, batch_norm on an empty batch.",
    match: (d, p) =>
      d.kind === "no-error" &&
      ["binary_cross_entropy", "binary_cross_entropy_with_logits", "batch_norm"].includes(baseOp(d, p)),
  },
  {
    id: "sum-to-size",
    cause:
      "sum_to_size when nothing is summed: PyTorch's result differs in grad_fn, dtype and leaf flag from tensorgrad's (issue #13); and for a 0-dim input (x.data.sum_to_size([])) PyTorch's result does not share x's storage while tensorgrad's does, so a later in-place op (sinh_) changes x only in tensorgrad.",
    match: (d, p) =>
      baseOp(d, p) === "sum_to_size" ||
      (d.kind === "state-extra" && p.b.slice(0, d.stmt).some((s) => opOf(s) === "sum_to_size")),
  },
  {
    id: "module-repr-int",
    cause:
      "Module reprs: Dropout(0) prints p=0 in PyTorch (the int it was given, which an integral JS number stands for) and p=0.0 in tensorgrad.",
    match: (d) => d.kind === "value" && /Dropout\(p=0\.0/.test(d.actual),
  },
  // ---- found by the generator's second run (issue #13's differential tester) ------------------------------
  {
    id: "index-copy-overlap",
    cause:
      "index_copy_ into a tensor with overlapping memory (an expand()ed self): PyTorch raises 'unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.' before any other check; tensorgrad writes (or raises its own index check first).",
    match: (d, p) => baseOp(d, p) === "index_copy" && pytorchSays(d, /refer to a single memory location/),
  },
  {
    id: "take-empty",
    cause:
      "take() from an empty tensor: PyTorch raises \"IndexError: take(): tried to take from an empty tensor\"; tensorgrad's message is 'out of range: tried to access index 0 on a tensor of 0 elements.'.",
    match: (d, p) =>
      baseOp(d, p) === "take" && pytorchSays(d, /take\(\): tried to take from an empty tensor/),
  },
  {
    id: "view-same-dtype-requires-grad",
    cause:
      "Tensor.view(dtype) with the tensor's own dtype on a leaf that requires grad: PyTorch's result has requires_grad=False (view(dtype) is not differentiable); tensorgrad's keeps requires_grad=True.",
    match: (d, p) =>
      baseOp(d, p) === "view" &&
      d.kind === "requires_grad" &&
      (p.b[d.stmt]?.a ?? []).some((a) => a !== null && typeof a === "object" && "dt" in a),
  },
  {
    id: "masked-scatter-partial-write",
    cause:
      "masked_scatter_ with a source smaller than the mask's count of True: PyTorch writes the elements it has and then raises; tensorgrad raises before writing (the variable stays unchanged).",
    match: (d, p) => baseOp(d, p) === "masked_scatter" && d.kind === "state-missing",
  },
  {
    id: "scatter-check-order",
    cause:
      "scatter(..., reduce=) with src of another dtype: PyTorch raises 'scatter(): Expected self.dtype to be equal to src.dtype' before looking at reduce; tensorgrad checks the reduce string first.",
    match: (d, p) =>
      baseOp(d, p) === "scatter" && pytorchSays(d, /Expected self.dtype to be equal to src.dtype/),
  },
  {
    id: "item-bool",
    cause:
      "item() of a bool tensor: PyTorch returns True/False; tensorgrad returns 1/0 (a JS number where a boolean fits).",
    match: (d, p) => baseOp(d, p) === "item" && d.kind === "kind" && /^\{"B":/.test(d.expected),
  },
  {
    id: "index-fill-empty",
    cause:
      "index_fill_ on an empty tensor with a non-empty index: PyTorch fails in setStorage ('sizes [3], strides [0], storage offset 0, and itemsize 8 requiring a storage size of 8 are out of bounds for storage of size 0'); tensorgrad raises an IndexError 'index 0 is out of bounds for dimension 0 with size 0'.",
    match: (d, p) => baseOp(d, p) === "index_fill" && pytorchSays(d, /setStorage: sizes/),
  },
  {
    id: "scatter-reduce-bool-amin",
    cause:
      "scatter_reduce(reduce='amin'/'amax', include_self=False) on bool: PyTorch gives True where two True sources meet ([False]*3, index [1,2,1], src [True,False,True] -> [False,True,False]); tensorgrad gives False.",
    match: (d, p) => baseOp(d, p) === "scatter_reduce" && d.kind === "bits" && resultDtype(d, p) === "bool",
  },
  {
    id: "fmod-subnormal-divisor",
    cause:
      "float32 fmod by a subnormal divisor (-0.5 fmod 1e-40): PyTorch's vectorised kernel gives nan; tensorgrad gives the exact remainder (-5.4e-41).",
    match: (d, p) => baseOp(d, p) === "fmod" && d.kind === "bits" && /= NaN$/.test(d.expected),
  },
  {
    id: "broadcast-error-operand-order",
    cause:
      "masked_select / masked_fill_ with a mask that does not broadcast: PyTorch names the mask as tensor a ('The size of tensor a (3) must match the size of tensor b (2)'); tensorgrad swaps a and b.",
    match: (d, p) =>
      ["masked_select", "masked_fill"].includes(baseOp(d, p)) &&
      d.kind === "error" &&
      /The size of tensor a/.test(d.expected),
  },
  {
    id: "take-along-dim-expanded",
    cause:
      "take_along_dim without dim on an expanded (stride-0) tensor: PyTorch flattens with view() and raises 'view size is not compatible with input tensor's size and stride'; tensorgrad succeeds.",
    match: (d, p) =>
      baseOp(d, p) === "take_along_dim" &&
      d.kind === "no-error" &&
      /view size is not compatible/.test(d.expected),
  },
  {
    id: "second-backward-not-raised",
    cause:
      "A second backward through adaptive_avg_pool2d/mean without retain_graph: PyTorch raises 'Trying to backward through the graph a second time' (a saved tensor was freed); tensorgrad runs it (it does not save/free what PyTorch does).",
    match: (d, p) =>
      ["backward", "grad"].includes(baseOp(d, p)) &&
      d.kind === "no-error" &&
      /backward through the graph a second time/.test(d.expected),
  },
  {
    id: "vector-norm-inf-second-derivative",
    cause:
      "Second derivative of linalg.vector_norm(x, ord=inf) (autograd.grad with create_graph, then grad of its sum): PyTorch gives -2 at a single max element, tensorgrad 0.",
    match: (d, p) =>
      baseOp(d, p) === "grad" &&
      d.kind === "bits" &&
      p.b.some((s) => opOf(s) === "vector_norm" && JSON.stringify(s.k?.ord ?? s.a?.[1]) === '{"f":"inf"}'),
  },
];
