// torch.einsum, a port of PyTorch 1.13's algorithm (aten/src/ATen/native/Linear.cpp): align every operand
// to one dimension order with unsqueeze/permute, then contract operands left to right with
// sumproduct_pair (permute, reshape, bmm, view, permute). Built from differentiable ops only, so its
// gradients (and the grad_fn names it records) come from those ops, as in PyTorch.
import { RuntimeError, ValueError } from "../errors.js";
import { definePython } from "../signatures/registry.js";
import { pyTypeName } from "../signatures/messages.js";
import { Tensor } from "../tensor/tensor.js";

/** Subscripts as indices in [0, 52): A-Z first, then a-z (PyTorch's order for implicit outputs). */
const TOTAL_LABELS = 52;

function labelIndex(ch: string): number | null {
  const c = ch.charCodeAt(0);
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97 + 26;
  return null;
}

function labelChar(index: number): string {
  return String.fromCharCode(index < 26 ? 65 + index : 97 + index - 26);
}

function invalidSubscript(position: number): RuntimeError {
  return new RuntimeError(
    `einsum(): invalid subscript given at index ${position} in the equation string, subscripts must be in [a-zA-Z]`,
  );
}

/** The label an ellipsis ('...') stands as among an operand's subscripts. */
const ELLIPSIS = TOTAL_LABELS;

/** Each operand's subscripts (as label indices, ELLIPSIS for '...') from the left-hand side of the equation. */
function parseOperandLabels(lhs: string, numOps: number): number[][] {
  const labels: number[][] = [[]];
  let foundEllipsis = false;
  for (let i = 0; i < lhs.length; i++) {
    const ch = lhs[i];
    if (ch === " ") continue;
    if (ch === ".") {
      const op = labels.length - 1;
      if (foundEllipsis) {
        throw new RuntimeError(
          `einsum(): found '.' for operand ${op} for which an ellipsis was already found`,
        );
      }
      if (!(i + 2 < lhs.length && lhs[++i] === "." && lhs[++i] === ".")) {
        throw new RuntimeError(`einsum(): found '.' for operand ${op} that is not part of any ellipsis`);
      }
      labels[op].push(ELLIPSIS);
      foundEllipsis = true;
      continue;
    }
    if (ch === ",") {
      foundEllipsis = false;
      labels.push([]);
      if (labels.length > numOps) {
        throw new RuntimeError("einsum(): fewer operands were provided than specified in the equation");
      }
      continue;
    }
    const index = labelIndex(ch);
    if (index === null) throw invalidSubscript(i);
    labels[labels.length - 1].push(index);
  }
  if (labels.length !== numOps) {
    throw new RuntimeError("einsum(): more operands were provided than specified in the equation");
  }
  return labels;
}

/** A subscript of the sublist format (torch.functional's parse_subscript): 0-25 are A-Z, 26-51 a-z. */
function parseSubscript(n: unknown): string {
  if (typeof n !== "number" && typeof n !== "bigint")
    throw new TypeError(`'>=' not supported between instances of '${pyTypeName(n)}' and 'int'`);
  const i = Number(n);
  if (i >= 0 && i < TOTAL_LABELS) {
    if (!Number.isInteger(i)) throw new TypeError("'float' object cannot be interpreted as an integer");
    return labelChar(i);
  }
  throw new ValueError("einsum(): subscript in subscript list is not within the valid range [0, 52)");
}

function sublistText(list: unknown): string {
  if (!Array.isArray(list)) throw new TypeError(`'${pyTypeName(list)}' object is not iterable`);
  return list.map(parseSubscript).join("");
}

/**
 * torch.einsum(*args) as torch/functional.py reads its arguments: `einsum(equation, a, b)`,
 * `einsum(equation, [a, b])`, or the sublist format `einsum(a, [0, 1], b, [1, 2], [0, 2])`.
 */
function einsumArgs(args: unknown[]): Tensor {
  if (args.length < 2) {
    throw new ValueError(
      "einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list",
    );
  }
  let equation: unknown;
  let operands: unknown[];
  if (args[0] instanceof Tensor) {
    const lists = args.filter((_, i) => i % 2 === 1);
    const hasOutput = args.length % 2 === 1;
    equation = lists.map(sublistText).join(",");
    if (hasOutput) equation += "->" + sublistText(args[args.length - 1]);
    operands = args.filter((_, i) => i % 2 === 0 && !(hasOutput && i === args.length - 1));
  } else {
    equation = args[0];
    operands = args.slice(1);
  }
  if (operands.length === 1 && Array.isArray(operands[0])) return einsumArgs([equation, ...operands[0]]);
  if (typeof equation !== "string") {
    throw new TypeError(
      `einsum(): argument 'equation' (position 1) must be str, not ${pyTypeName(equation)}`,
    );
  }
  operands.forEach((op, i) => {
    if (!(op instanceof Tensor))
      throw new TypeError(`expected Tensor as element ${i} in argument 1, but got ${pyTypeName(op)}`);
  });
  return einsum(equation, operands as Tensor[]);
}

/** at::einsum(equation, operands). */
export function einsum(equation: string, operands: readonly Tensor[]): Tensor {
  if (operands.length === 0) throw new RuntimeError("einsum(): must provide at least one operand");
  const arrow = equation.indexOf("->");
  const lhs = arrow === -1 ? equation : equation.slice(0, arrow);
  const opLabels = parseOperandLabels(lhs, operands.length);

  const labelCount = new Array<number>(TOTAL_LABELS).fill(0);
  // The most dims any ellipsis covers: every operand's ellipsis is aligned to that many, broadcasting.
  let ellipsisDims = 0;
  opLabels.forEach((labels, i) => {
    const ndim = operands[i].ndim;
    const hasEllipsis = labels.includes(ELLIPSIS);
    const named = labels.length - (hasEllipsis ? 1 : 0);
    for (const l of labels) if (l !== ELLIPSIS) labelCount[l]++;
    if (hasEllipsis) ellipsisDims = Math.max(ellipsisDims, ndim - named);
    if (hasEllipsis ? named > ndim : named !== ndim) {
      throw new RuntimeError(
        hasEllipsis
          ? `einsum(): the number of subscripts in the equation (${named}) is more than the number of dimensions (${ndim}) for operand ${i}`
          : `einsum(): the number of subscripts in the equation (${named}) does not match the number of dimensions (${ndim}) for operand ${i} and no ellipsis was given`,
      );
    }
  });

  // Output labels take the first positions, contracted labels the rest (in label order). The ellipsis's
  // dims come first in an implicit output, where the '...' stands in an explicit one, or are contracted.
  const permIndex = new Array<number>(TOTAL_LABELS).fill(-1);
  let next = 0;
  let ellipsisIndex = 0;
  let ellipsisInOutput = false;
  if (arrow === -1) {
    next = ellipsisDims;
    ellipsisInOutput = true;
    for (let l = 0; l < TOTAL_LABELS; l++) if (labelCount[l] === 1) permIndex[l] = next++;
  } else {
    const rhs = equation.slice(arrow + 2);
    for (let i = 0; i < rhs.length; i++) {
      const ch = rhs[i];
      if (ch === " ") continue;
      if (ch === ".") {
        if (ellipsisInOutput)
          throw new RuntimeError("einsum(): found '.' for output but an ellipsis (...) was already found");
        if (!(i + 2 < rhs.length && rhs[++i] === "." && rhs[++i] === ".")) {
          throw new RuntimeError("einsum(): found '.' for output that is not part of any ellipsis (...)");
        }
        ellipsisIndex = next;
        next += ellipsisDims;
        ellipsisInOutput = true;
        continue;
      }
      const index = labelIndex(ch);
      if (index === null) throw invalidSubscript(lhs.length + 2 + i);
      if (labelCount[index] === 0 || permIndex[index] !== -1) {
        const why =
          permIndex[index] !== -1
            ? "appears more than once in the output"
            : "does not appear in the equation for any input operand";
        throw new RuntimeError(`einsum(): output subscript ${ch} ${why}`);
      }
      permIndex[index] = next++;
    }
  }
  const outDims = next;
  if (!ellipsisInOutput) {
    ellipsisIndex = next;
    next += ellipsisDims;
  }
  for (let l = 0; l < TOTAL_LABELS; l++) if (labelCount[l] > 0 && permIndex[l] === -1) permIndex[l] = next++;
  const totalDims = next;

  // Align every operand to [output dims..., contracted dims...], size 1 where it lacks a label.
  const labelSize = new Array<number>(TOTAL_LABELS).fill(1);
  const ellipsisSizes = new Array<number>(ellipsisDims).fill(1);
  const dimCounts = new Array<number>(totalDims).fill(0);
  const ops: Tensor[] = operands.map((operand, i) => {
    let op = operand;
    const permutation = new Array<number>(totalDims).fill(-1);
    let dim = 0;
    for (const l of opLabels[i]) {
      if (l === ELLIPSIS) {
        // The ellipsis's dims of this operand are the last ones of the aligned ellipsis.
        const covered = op.ndim - (opLabels[i].length - 1);
        for (let j = ellipsisDims - covered; j < ellipsisDims; j++) {
          const size = op.shape[dim];
          if (size !== 1 && ellipsisSizes[j] !== 1 && ellipsisSizes[j] !== size) {
            // PyTorch's text, without a space before "has".
            throw new RuntimeError(
              `einsum(): dimension ${dim} covered by ellipsis in operand ${i}has size ${size} which does not broadcast with previously seen ellipsis with size ${ellipsisSizes[j]} for the respective dimension`,
            );
          }
          if (size !== 1) ellipsisSizes[j] = size;
          permutation[ellipsisIndex + j] = dim++;
        }
        continue;
      }
      const target = permIndex[l];
      if (permutation[target] !== -1) {
        const prev = permutation[target];
        if (op.shape[dim] !== op.shape[prev]) {
          throw new RuntimeError(
            `einsum(): subscript ${labelChar(l)} is repeated for operand ${i} but the sizes don't match, ${op.shape[dim]} != ${op.shape[prev]}`,
          );
        }
        // A repeated subscript takes the diagonal, which stays where the subscript first appeared.
        op = op.diagonal(0, prev, dim).movedim(-1, prev);
        continue;
      }
      const size = op.shape[dim];
      if (labelSize[l] !== 1 && size !== 1 && size !== labelSize[l]) {
        throw new RuntimeError(
          `einsum(): subscript ${labelChar(l)} has size ${size} for operand ${i} which does not broadcast with previously seen size ${labelSize[l]}`,
        );
      }
      labelSize[l] = Math.max(labelSize[l], size);
      permutation[target] = dim++;
    }
    for (let d = 0; d < totalDims; d++) {
      if (permutation[d] === -1) {
        op = op.unsqueeze(dim);
        permutation[d] = dim++;
      }
    }
    const aligned = op.permute(permutation);
    for (let d = outDims; d < totalDims; d++) if (aligned.shape[d] !== 1) dimCounts[d]++;
    return aligned;
  });

  // Contract left to right, summing each contracted dim as soon as no later operand has it.
  while (ops.length > 1) {
    let a = ops.shift()!;
    let b = ops.shift()!;
    const sumDims: number[] = [];
    const aSum: number[] = [];
    const bSum: number[] = [];
    for (let d = outDims; d < totalDims; d++) {
      if (a.shape[d] !== 1 && b.shape[d] !== 1) {
        if (--dimCounts[d] === 1) {
          sumDims.push(d);
          dimCounts[d] = 0;
        }
      } else if (dimCounts[d] === 1) {
        if (a.shape[d] !== 1) {
          aSum.push(d);
          dimCounts[d] = 0;
        } else if (b.shape[d] !== 1) {
          bSum.push(d);
          dimCounts[d] = 0;
        }
      }
    }
    if (aSum.length > 0) a = a.sum(aSum, true);
    if (bSum.length > 0) b = b.sum(bSum, true);
    ops.unshift(sumproductPair(a, b, sumDims));
  }

  const result = ops[0];
  if (totalDims === outDims) return result;
  if (operands.length > 1) {
    // Every contracted dim is size 1 by now: drop them with a view.
    return result.view(result.shape.slice(0, outDims));
  }
  const contracted = Array.from({ length: totalDims - outDims }, (_, k) => outDims + k);
  return result.sum(contracted);
}

/**
 * PyTorch's sumproduct_pair with keepdim: multiplies two aligned operands and sums `sumDims` (kept as size 1)
 * through one bmm of [shared, left-only, summed] x [shared, summed, right-only].
 */
function sumproductPair(leftIn: Tensor, rightIn: Tensor, sumDims: number[]): Tensor {
  if (sumDims.length === 0) return leftIn.mul(rightIn);
  let left = leftIn;
  let right = rightIn;
  const ndim = left.ndim;
  const isSummed = new Array<boolean>(ndim).fill(false);
  for (const d of sumDims) isSummed[d] = true;
  const lro: number[] = [];
  const lo: number[] = [];
  const ro: number[] = [];
  let lroSize = 1;
  let loSize = 1;
  let roSize = 1;
  let sumSize = 1;
  for (let i = 0; i < ndim; i++) {
    const sl = left.shape[i] > 1;
    const sr = right.shape[i] > 1;
    if (isSummed[i]) {
      if (sl && sr) {
        if (left.shape[i] !== right.shape[i]) throw new RuntimeError("non-broadcast dimensions must match");
        sumSize *= left.shape[i];
      } else if (sl) {
        left = left.sum(i, true);
      } else if (sr) {
        right = right.sum(i, true);
      }
    } else if (sl && sr) {
      if (left.shape[i] !== right.shape[i]) throw new RuntimeError("non-broadcast dimensions must match");
      lro.push(i);
      lroSize *= left.shape[i];
    } else if (sl) {
      lo.push(i);
      loSize *= left.shape[i];
    } else {
      ro.push(i);
      roSize *= right.shape[i];
    }
  }
  const outSize = [
    ...lro.map((d) => left.shape[d]),
    ...lo.map((d) => left.shape[d]),
    ...sumDims.map(() => 1),
    ...ro.map((d) => right.shape[d]),
  ];
  const lpermutation = [...lro, ...lo, ...sumDims, ...ro];
  const rpermutation = [...lro, ...sumDims, ...ro, ...lo];
  const opermutation = new Array<number>(ndim).fill(-1);
  lpermutation.forEach((d, i) => (opermutation[d] = i));
  const l3 = left.permute(lpermutation).reshape([lroSize, loSize, sumSize]);
  const r3 = right.permute(rpermutation).reshape([lroSize, sumSize, roSize]);
  return l3.bmm(r3).view(outSize).permute(opermutation);
}

definePython("torch", {
  "einsum(*args) -> Tensor": einsumArgs,
});
