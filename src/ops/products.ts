// Products of several tensors: tensordot, kron, cross / linalg.cross, cdist, chain_matmul and linalg.multi_dot,
// ported from PyTorch 1.13 (LinearAlgebra.cpp, Cross.cpp, Distance.cpp, torch/functional.py). tensordot, kron,
// chain_matmul and multi_dot are composites there (of sum, permute, reshape, mm, mul and _unsafe_view), so they
// record those ops' nodes; linalg_cross, _cdist_forward and _euclidean_dist have rows of their own.
import { no_grad } from "../autograd/grad_mode.js";
import { cdistBackward, cdistForward } from "../backend/js/distance.js";
import { crossRows, fmaf } from "../backend/js/cross.js";
import { fma } from "../backend/js/fma.js";
import { RuntimeError, ValueError } from "../errors.js";
import { pyStr } from "../python.js";
import { emitWarning } from "../warnings.js";
import { ones_like, zeros } from "../tensor/creation.js";
import { contiguous_format } from "../tensor/device.js";
import { allocate, Category, float32, float64, int32, int64, type DType } from "../tensor/dtype.js";
import { broadcastShapes, normalizeDim, numel, wrapDimOfTensor } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { fromData, record, writeInto } from "./core.js";
import { clone } from "./conversion.js";
import { clamp } from "./elementwise.js";
import { mm } from "./linalg.js";
import { sqrt } from "./math.js";
import { cat } from "./join.js";
import { contiguous, expand, movedim, permute, reshape, unsafeView, view } from "./shape.js";
import { NativeBinding } from "./vf.js";

// ---- tensordot -------------------------------------------------------------------------------------------

/** at::tensordot(a, b, dims_a, dims_b): contracted dims moved together, one mm, reshaped to the free dims. */
export function tensordot(
  input: Tensor,
  other: Tensor,
  dimsSelf: readonly number[],
  dimsOther: readonly number[],
): Tensor {
  if (dimsSelf.length !== dimsOther.length)
    throw new RuntimeError("both dimension lists should have same length");
  let t1 = input;
  let t2 = other;
  let contracted = 1;
  dimsSelf.forEach((d1, i) => {
    const d2 = dimsOther[i];
    const s1 = input.shape[wrapDimOfTensor(d1, input.ndim)];
    const s2 = other.shape[wrapDimOfTensor(d2, other.ndim)];
    // A size-1 dim against any size is broadcast: summed away at once.
    if (s2 === 1) t1 = t1.sum(d1, true);
    else if (s1 === 1) t2 = t2.sum(d2, true);
    else if (s1 !== s2)
      throw new RuntimeError(
        `contracted dimensions need to match, but first has size ${s1} in dim ${d1} and second has size ${s2} in dim ${d2}`,
      );
    else contracted *= s1;
  });
  const inSelf = dimBitset(dimsSelf, input.ndim);
  const inOther = dimBitset(dimsOther, other.ndim);
  const freeSelf = [...Array(input.ndim).keys()].filter((d) => !inSelf[d]);
  const freeOther = [...Array(other.ndim).keys()].filter((d) => !inOther[d]);
  const size1 = numel(freeSelf.map((d) => t1.shape[d]));
  const size2 = numel(freeOther.map((d) => t2.shape[d]));
  const resultShape = [...freeSelf.map((d) => t1.shape[d]), ...freeOther.map((d) => t2.shape[d])];
  const left = reshape(permute(t1, [...freeSelf, ...dimsSelf]), [size1, contracted]);
  const right = reshape(permute(t2, [...dimsOther, ...freeOther]), [contracted, size2]);
  return reshape(mm(left, right), resultShape);
}

/** dim_list_to_bitset: which dims a list names, each at most once. */
function dimBitset(dims: readonly number[], ndim: number): boolean[] {
  const seen = new Array<boolean>(ndim).fill(false);
  for (const d of dims) {
    const w = normalizeDim(d, ndim);
    if (seen[w]) throw new RuntimeError(`dim ${w} appears multiple times in the list of dims`);
    seen[w] = true;
  }
  return seen;
}

const VF_TENSORDOT = new NativeBinding({
  "tensordot(Tensor input, Tensor other, IntArrayRef dims_self, IntArrayRef dims_other, *, Tensor out=None) -> Tensor":
    tensordot,
});

/** Python's `x, y = value` on a two-element tuple or list. */
function unpackPair(value: readonly unknown[]): [unknown, unknown] {
  if (value.length > 2) throw new ValueError("too many values to unpack (expected 2)");
  if (value.length < 2) throw new ValueError(`not enough values to unpack (expected 2, got ${value.length})`);
  return [value[0], value[1]];
}

/** torch.tensordot(a, b, dims=2, out=None): dims is a count of trailing/leading dims or a pair of lists. */
function tensordotWrapper(a: unknown, b: unknown, dims: unknown, out: unknown): Tensor {
  const isInt = typeof dims === "bigint" || (typeof dims === "number" && Number.isInteger(dims));
  if (!(Array.isArray(dims) || dims instanceof Tensor || isInt))
    throw new RuntimeError(
      "tensordot expects dims to be int or Tuple[List[int], List[int]] or List[List[int]] containing two lists, " +
        `but got dims=${pyStr(dims)}`,
    );
  let dimsA: unknown = [];
  let dimsB: unknown = [];
  const counted = (n: number) => {
    if (n < 0) throw new RuntimeError(`tensordot expects dims >= 0, but got dims=${pyStr(dims)}`);
    // More dims than any tensor has fail at the first one; the lists need not be built in full.
    const length = Math.min(n, 64);
    dimsA = Array.from({ length }, (_, i) => i - n);
    dimsB = Array.from({ length }, (_, i) => i);
  };
  if (Array.isArray(dims)) [dimsA, dimsB] = unpackPair(dims);
  else if (dims instanceof Tensor) {
    if (dims.numel() > 1) {
      if (dims.shape[0] !== 2) throw new RuntimeError("AssertionError");
      [dimsA, dimsB] = dims.tolist() as number[][];
    } else counted(Math.trunc(Number(dims.item())));
  } else counted(Number(dims));
  return VF_TENSORDOT.call([a, b, dimsA, dimsB], out === null ? null : { out }) as Tensor;
}

// ---- kron ------------------------------------------------------------------------------------------------

/** at::_unsafe_view of an input: view's strides and error, recorded as UnsafeViewBackward0 and no view to autograd. */
function unsafeViewOf(x: Tensor, shape: number[]): Tensor {
  const viewed = no_grad(() => view(x, shape));
  const out = new Tensor(x._storage, shape, [...viewed._strides], viewed._offset, x.dtype);
  const selfShape = x.shape;
  return record("UnsafeViewBackward0", [x], out, () => ({ selfShape }));
}

/** torch.kron(a, b): a's dims interleaved with b's ([a0, 1, a1, 1] * [1, b0, 1, b1]) and merged pairwise. */
export function kron(input: Tensor, other: Tensor): Tensor {
  const ndim = Math.max(input.ndim, other.ndim);
  const padSelf = ndim - input.ndim;
  const padOther = ndim - other.ndim;
  const aShape: number[] = [];
  const bShape: number[] = [];
  const resultShape: number[] = [];
  for (let i = 0; i < ndim; i++) {
    const a = i >= padSelf ? input.shape[i - padSelf] : 1;
    const b = i >= padOther ? other.shape[i - padOther] : 1;
    aShape.push(a, 1);
    bShape.push(1, b);
    resultShape.push(a * b);
  }
  const a = unsafeViewOf(input, aShape);
  const b = unsafeViewOf(other, bShape);
  const product = a.mul(b);
  // PyTorch's mul lays its result out like its inputs (TensorIterator): the final view must fit that layout,
  // and keeps its strides.
  const strides = iteratorStrides(product.shape, [a, b]);
  if (strides.every((st, d) => product.shape[d] === 1 || st === product._strides[d]))
    return unsafeView(product, resultShape);
  const storage = zeros([product.numel()], { dtype: product.dtype })._storage;
  const laidOut = new Tensor(storage, product.shape, strides, 0, product.dtype);
  const viewed = no_grad(() => view(laidOut, resultShape));
  writeInto(laidOut, product);
  storage.version = 0;
  const out = new Tensor(storage, resultShape, [...viewed._strides], 0, product.dtype);
  const selfShape = product.shape;
  return record("UnsafeViewBackward0", [product], out, () => ({ selfShape }));
}

/**
 * The strides TensorIterator gives a fresh output of `shape` computed from `operands` (broadcast to it):
 * TensorIterator::reorder_dimensions' insertion sort of the dims by the operands' strides, fastest first.
 */
function iteratorStrides(shape: readonly number[], operands: readonly Tensor[]): number[] {
  const ndim = shape.length;
  const strides = operands.map((t) =>
    shape.map((size, d) => {
      const k = d - (ndim - t.ndim);
      return k < 0 || (t.shape[k] === 1 && size !== 1) ? 0 : t._strides[k];
    }),
  );
  // 1: dim0 goes after dim1, -1: before, 0: undecided.
  const shouldSwap = (dim0: number, dim1: number): number => {
    for (const st of strides) {
      const [s0, s1] = [st[dim0], st[dim1]];
      if (s0 === 0 || s1 === 0) continue;
      if (s0 !== s1) return s0 < s1 ? -1 : 1;
      if (shape[dim0] > shape[dim1]) return 1;
    }
    return 0;
  };
  const perm = [...Array(ndim).keys()].reverse();
  for (let i = 1; i < ndim; i++) {
    let dim1 = i;
    for (let dim0 = i - 1; dim0 >= 0; dim0--) {
      const comparison = shouldSwap(perm[dim0], perm[dim1]);
      if (comparison > 0) {
        [perm[dim0], perm[dim1]] = [perm[dim1], perm[dim0]];
        dim1 = dim0;
      } else if (comparison < 0) break;
    }
  }
  const out = new Array<number>(ndim);
  let next = 1;
  for (const d of perm) {
    out[d] = next;
    next *= shape[d];
  }
  return out;
}

// ---- cross -------------------------------------------------------------------------------------------------

/** torch.linalg.cross(a, b, dim=-1): the cross product along a dim of size 3, over broadcast batch dims. */
export function linalg_cross(input: Tensor, other: Tensor, dim = -1): Tensor {
  if (input.ndim !== other.ndim)
    throw new RuntimeError("linalg.cross: inputs must have the same number of dimensions.");
  const sizeA = input.size(dim);
  const sizeB = other.size(dim);
  if (sizeA !== 3 || sizeB !== 3)
    throw new RuntimeError(
      `linalg.cross: inputs dimension ${dim} must have length 3. Got ${sizeA} and ${sizeB}`,
    );
  const shape = broadcastShapes(input.shape, other.shape);
  const dtype = input.dtype;
  // The kernel dispatches on the result's (input's) dtype, then reads other as that dtype.
  if (dtype.category === Category.Bool) throw new RuntimeError(`"cross" not implemented for 'Bool'`);
  if (other.dtype !== dtype)
    throw new RuntimeError(
      `expected scalar type ${dtype.scalarTypeName} but found ${other.dtype.scalarTypeName}`,
    );
  const d = normalizeDim(dim, input.ndim);
  const out = no_grad(() => {
    // Rows of 3 along the crossed dim, last; computed there and moved back into a contiguous result.
    const rows = (t: Tensor) => contiguous(movedim(expand(t, shape), d, -1)).values();
    const data = allocate(dtype, numel(shape));
    const arithmetic = dtype === float32 ? "float32" : dtype === float64 ? "float64" : "integer";
    crossRows(rows(input), rows(other), data, numel(shape) / 3, arithmetic, dtype.cast);
    const moved = fromData(data, [...shape.filter((_, k) => k !== d), 3], dtype);
    return contiguous(movedim(moved, -1, d));
  });
  return record("LinalgCrossBackward0", [input, other], out, () => ({ self: input, other, dim: d }));
}

/** torch.cross(a, b, dim=None): without a dim, PyTorch 1.13 takes a's first dim of size 3. */
export function cross(input: Tensor, other: Tensor, dim: number | null = null): Tensor {
  if (dim === null) {
    dim = input.shape.indexOf(3);
    if (dim < 0) throw new RuntimeError("no dimension of size 3 in input");
  }
  return linalg_cross(input, other, dim);
}

// ---- cdist -------------------------------------------------------------------------------------------------

const cdistShapes = (x1: Tensor, x2: Tensor) => {
  const batch = broadcastShapes(x1.shape.slice(0, -2), x2.shape.slice(0, -2));
  const [r1, c] = x1.shape.slice(-2);
  const r2 = x2.shape[x2.ndim - 2];
  return { batch, r1, r2, c, product: numel(batch) };
};

/** Whether cdist takes the matrix-product path (p = 2 and mode 1, or mode 0 with more than 25 rows). */
const usesMm = (p: number, mode: number, r1: number, r2: number) =>
  p === 2 && (mode === 1 || (mode === 0 && (r1 > 25 || r2 > 25)));

/**
 * at::_euclidean_dist: sqrt(clamp_min(|x1|² - 2 x1·x2 + |x2|², 1e-30)) computed as one matrix product of
 * [-2 x1, |x1|², 1] and [x2, 1, |x2|²], with its own row.
 */
export function euclidean_dist(x1: Tensor, x2: Tensor): Tensor {
  const result = no_grad(() => {
    const x1Norm = x1.pow(2).sum(-1, true);
    const x2Norm = x2.pow(2).sum(-1, true);
    const left = cat([x1.mul(-2), x1Norm, ones_like(x1Norm)], -1);
    const right = cat([x2, ones_like(x2Norm), x2Norm], -1);
    return sqrt(clamp(left.matmul(right.mT), 1e-30));
  });
  return record("EuclideanDistBackward0", [x1, x2], result, () => ({ x1, x2, result }));
}

/** cdist_impl: the checks, then the kernel or the matrix-product path, as PyTorch dispatches them. */
function cdistImpl(x1: Tensor, x2: Tensor, p: number, computeMode: number | null): Tensor {
  for (const [t, name] of [
    [x1, "X1"],
    [x2, "X2"],
  ] as const) {
    if (t.dtype.category !== Category.Floating)
      throw new RuntimeError(
        `cdist only supports floating-point dtypes, ${name} got: ${t.dtype.scalarTypeName}`,
      );
  }
  if (p < 0) throw new RuntimeError("cdist only supports non-negative p values");
  const mode = computeMode ?? 0;
  if (mode < 0 || mode > 2) throw new RuntimeError(`possible modes: 0, 1, 2, but was: ${mode}`);
  const { batch, r1, r2, c, product } = cdistShapes(x1, x2);
  const outShape = [...batch, r1, r2];
  if (r1 === 0 || r2 === 0 || product === 0) return zeros(outShape, { dtype: x1.dtype });
  if (c === 0) return zeros(outShape, { dtype: x1.dtype });
  if (usesMm(p, mode, r1, r2)) {
    const dist =
      product === 1
        ? euclidean_dist(x1, x2)
        : euclidean_dist(expand(x1, [...batch, r1, c]), expand(x2, [...batch, r2, c]));
    return view(dist, outShape);
  }
  if (x1.dtype !== x2.dtype)
    throw new RuntimeError(
      `expected scalar type ${x1.dtype.scalarTypeName} but found ${x2.dtype.scalarTypeName}`,
    );
  const a = expand(x1, [...batch, r1, c])
    .contiguous()
    .values();
  const b = expand(x2, [...batch, r2, c])
    .contiguous()
    .values();
  const out = allocate(x1.dtype, numel(outShape));
  const squares = x1.dtype === float32 ? { lanes: 4, fma: fmaf } : { lanes: 2, fma };
  cdistForward(a, b, product, r1, r2, c, x1.dtype.cast(p), out, x1.dtype.cast, squares);
  return fromData(out, outShape, x1.dtype);
}

/** at::cdist: the matrix-product path records its own ops; every other case is one _cdist_forward node. */
export function cdist(x1: Tensor, x2: Tensor, p = 2, computeMode: number | null = null): Tensor {
  if (x1.ndim < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X1 got: ${x1.ndim}D`);
  if (x2.ndim < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X2 got: ${x2.ndim}D`);
  const c1 = x1.shape[x1.ndim - 1];
  const c2 = x2.shape[x2.ndim - 1];
  if (c1 !== c2)
    throw new RuntimeError(`X1 and X2 must have the same number of columns. X1: ${c1} X2: ${c2}`);
  const empty = x1.numel() === 0 || x2.numel() === 0;
  if (!empty && usesMm(p, computeMode ?? 0, x1.shape[x1.ndim - 2], x2.shape[x2.ndim - 2]))
    return cdistImpl(x1, x2, p, computeMode);
  const result = no_grad(() => cdistImpl(x1, x2, p, computeMode));
  return record("CdistBackward0", [x1, x2], result, () => ({ x1, x2, p, result }));
}

/**
 * @internal at::_cdist_backward(grad, x1, x2, p, cdist): the gradient of x1 (in x1's broadcast batch shape),
 * a kernel of its own whose derivative PyTorch does not implement.
 */
export function cdist_backward(grad: Tensor, x1: Tensor, x2: Tensor, p: number, dist: Tensor): Tensor {
  const { batch, r1, r2, c, product } = cdistShapes(x1, x2);
  const x1Shape = [...batch, r1, c];
  let out: Tensor;
  if (r1 === 0 || r2 === 0 || c === 0 || product === 0) out = zeros(x1.shape, { dtype: x1.dtype });
  else {
    const data = allocate(x1.dtype, numel(x1Shape));
    const values = (t: Tensor) => t.contiguous().values();
    cdistBackward(
      values(grad),
      values(expand(x1, x1Shape)),
      values(expand(x2, [...batch, r2, c])),
      values(dist),
      product,
      r1,
      r2,
      c,
      x1.dtype.cast(p),
      data,
      x1.dtype.cast,
    );
    out = fromData(data, x1Shape, x1.dtype);
  }
  return record("CdistBackwardBackward0", [grad, x1, x2, dist], out, () => ({}));
}

const CDIST_MODES: Record<string, number | null> = {
  use_mm_for_euclid_dist_if_necessary: null,
  use_mm_for_euclid_dist: 1,
  donot_use_mm_for_euclid_dist: 2,
};

const VF_CDIST = new NativeBinding({
  "cdist(Tensor x1, Tensor x2, double p=2, int64_t? compute_mode=None) -> Tensor": cdist,
});

/** torch.cdist(x1, x2, p=2.0, compute_mode=...): the mode's name picks the native's compute_mode. */
function cdistWrapper(x1: unknown, x2: unknown, p: unknown, computeMode: unknown): Tensor {
  if (typeof computeMode !== "string" || !(computeMode in CDIST_MODES))
    throw new ValueError(`${pyStr(computeMode)} is not a valid value for compute_mode`);
  return VF_CDIST.call([x1, x2, p, CDIST_MODES[computeMode]]) as Tensor;
}

// ---- chain_matmul, multi_dot ----------------------------------------------------------------------------

/** caffe2::TypeMeta's names, which multi_dot's dtype error prints. */
function typeMetaName(dtype: DType): string {
  if (dtype === int64) return "long int";
  if (dtype === int32) return "int";
  return dtype.scalarTypeName === "Bool" ? "bool" : dtype === float32 ? "float" : "double";
}

/** matrix_chain_order: s[i][j], where the cheapest product of matrices i..j splits. */
function chainOrder(tensors: readonly Tensor[]): number[][] {
  const n = tensors.length;
  const p = [...tensors.map((t) => t.shape[0]), tensors[n - 1].shape[1]];
  const cost = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const split = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let l = 1; l < n; l++) {
    for (let i = 0; i < n - l; i++) {
      const j = i + l;
      cost[i][j] = Infinity;
      for (let k = i; k < j; k++) {
        const q = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
        if (q < cost[i][j]) {
          cost[i][j] = q;
          split[i][j] = k;
        }
      }
    }
  }
  return split;
}

function chainProduct(tensors: readonly Tensor[], order: number[][], i: number, j: number): Tensor {
  if (i === j) return tensors[i];
  return mm(chainProduct(tensors, order, i, order[i][j]), chainProduct(tensors, order, order[i][j] + 1, j));
}

/** torch.linalg.multi_dot(tensors): the chain of products in the cheapest order (1-D ends as row and column). */
export function multi_dot(list: readonly Tensor[]): Tensor {
  const n = list.length;
  if (n < 2) throw new RuntimeError(`multi_dot(): expected at least 2 tensors but got ${n}`);
  const tensors = [...list];
  const outShape: number[] = [];
  const first = list[0];
  if (first.ndim === 1) tensors[0] = first.unsqueeze(0);
  else if (first.ndim === 2) outShape.push(first.shape[0]);
  else throw new RuntimeError(`multi_dot(): the first tensor must be 1D or 2D but got ${first.ndim}D`);
  const last = list[n - 1];
  if (last.ndim === 1) tensors[n - 1] = last.unsqueeze(-1);
  else if (last.ndim === 2) outShape.push(last.shape[1]);
  else throw new RuntimeError(`multi_dot(): the last tensor must be 1D or 2D but got ${last.ndim}D`);
  for (let i = 1; i < n - 1; i++) {
    if (list[i].ndim !== 2)
      throw new RuntimeError(`multi_dot(): tensor ${i} must be 2D but got ${list[i].ndim}D`);
  }
  for (let i = 1; i < n; i++) {
    if (tensors[i].dtype !== tensors[0].dtype)
      throw new RuntimeError(
        `multi_dot(): all tensors must have be the same dtype but tensor 0 is ${typeMetaName(tensors[0].dtype)} and tensor ${i} ${typeMetaName(tensors[i].dtype)}`,
      );
    if (tensors[i - 1].size(-1) !== tensors[i].size(0))
      throw new RuntimeError(
        `multi_dot(): tensors ${i - 1} and ${i} with shapes [${list[i - 1].shape.join(", ")}] and [${list[i].shape.join(", ")}] cannot be multiplied`,
      );
  }
  let result: Tensor;
  if (n === 2) result = mm(tensors[0], tensors[1]);
  else if (n === 3) {
    const [a, b] = tensors[0].shape;
    const [c, d] = tensors[2].shape;
    // (ab)c costs a*c*(b+d); a(bc) costs b*d*(a+c).
    result =
      a * c * (b + d) > b * d * (a + c)
        ? mm(tensors[0], mm(tensors[1], tensors[2]))
        : mm(mm(tensors[0], tensors[1]), tensors[2]);
  } else result = chainProduct(tensors, chainOrder(tensors), 0, n - 1);
  return view(result, outShape);
}

let warnedChainMatmul = false;

/** torch.chain_matmul(*matrices): deprecated; matrices only, one of them cloned, more through multi_dot. */
export function chain_matmul(matrices: readonly Tensor[]): Tensor {
  if (!warnedChainMatmul) {
    warnedChainMatmul = true; // TORCH_WARN_ONCE
    emitWarning(
      "torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use torch.linalg.multi_dot " +
        "instead, which accepts a list of two or more tensors rather than multiple parameters.",
    );
  }
  for (const m of matrices) {
    if (m.ndim !== 2) throw new RuntimeError(`Tensor dimension is ${m.ndim}, expected 2 instead.`);
  }
  if (matrices.length === 0) throw new RuntimeError("chain_matmul(): Expected one or more matrices");
  if (matrices.length === 1) return clone(matrices[0], contiguous_format);
  return multi_dot(matrices);
}

const VF_CHAIN_MATMUL = new NativeBinding({
  "chain_matmul(TensorList matrices, *, Tensor out=None) -> Tensor": chain_matmul,
});

defineOps(
  "torch",
  {
    "kron(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": kron,
    "cross(Tensor input, Tensor other, int64_t? dim=None, *, Tensor out=None) -> Tensor": cross,
  },
  { methods: true },
);

defineOps(
  "torch.linalg",
  {
    "linalg_cross(Tensor input, Tensor other, *, int64_t dim=-1, Tensor out=None) -> Tensor": linalg_cross,
    "linalg_multi_dot(TensorList tensors, *, Tensor out=None) -> Tensor": multi_dot,
  },
  { publicNames: { linalg_cross: "cross", linalg_multi_dot: "multi_dot" } },
);

definePython("torch", {
  "tensordot(a: object, b: object, dims: object = 2, out: object = None) -> Tensor": tensordotWrapper,
  "cdist(x1: object, x2: object, p: object = 2.0, compute_mode: object = 'use_mm_for_euclid_dist_if_necessary') -> Tensor":
    cdistWrapper,
  "chain_matmul(*matrices, out: object = None) -> Tensor": (matrices: unknown[], out: unknown) =>
    VF_CHAIN_MATMUL.call([matrices], out === null ? null : { out }) as Tensor,
});
