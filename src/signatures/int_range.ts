// Python ints beyond int64 as numbers of a call (docs/int64.md). PyTorch's parser unpacks a Python int given
// for a Scalar, for a Tensor that takes numbers (`t + 2**63`, `torch.eq(t, 2**63)`) or inside a Scalar list
// with THPUtils_unpackLong, which raises "Overflow when unpacking long" outside [-2^63, 2^63); a `float` or
// `int` parameter (`dropout(p=2**63)`, `t.sum(2**63)`) has its own conversion (bind.ts's toInt for ints).
// In JS a Python int is a bigint or an integral number; every double of magnitude 2^63 or more is integral, so
// a number there is taken as the Python float it also spells (`t + 1e19`, `masked_fill(m, finfo.min)`), and
// only a bigint stands for an int too large: it raises as PyTorch does.
import { RuntimeError } from "../errors.js";
import { ArgType, type Param } from "./schema.js";

const INT64_MIN = -(2n ** 63n);
const INT64_END = 2n ** 63n;

/** Whether a bigint is an int64 value. */
const inInt64 = (v: bigint): boolean => v >= INT64_MIN && v < INT64_END;

function checkOne(v: unknown): void {
  if (typeof v === "bigint" && !inInt64(v)) throw new RuntimeError("Overflow when unpacking long");
}

/**
 * THPUtils_unpackLong's check on a call's argument for `p` before it is converted: a bigint outside int64 given
 * for a Scalar (or complex Scalar), a Tensor that takes numbers, or in a Scalar list raises PyTorch's
 * RuntimeError. Int parameters check in bind.ts's toInt; float parameters take any Python int, as PyTorch's do.
 */
export function checkInt64Operand(p: Param, v: unknown): void {
  switch (p.type) {
    case ArgType.Scalar:
    case ArgType.Tensor:
      checkOne(v);
      return;
    case ArgType.ScalarList:
      if (Array.isArray(v)) for (const item of v) checkOne(item);
      return;
    default:
      return;
  }
}
