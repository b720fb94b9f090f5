// Derivatives of src/ops/unique.ts: PyTorch 1.13 records a node for unique's values whose backward raises
// (derivatives.yaml's not_implemented).
import { derivative } from "../../autograd/derivative.js";
import { NotImplementedError } from "../../errors.js";

/** derivatives.yaml's not_implemented(name): the node exists, its backward raises. */
const notImplementedRow = (op: string) =>
  derivative<Record<string, never>>({
    self: [
      `not_implemented("${op}")`,
      () => {
        throw new NotImplementedError(`the derivative for '${op}' is not implemented.`);
      },
    ],
  });

export const UNIQUE_DERIVATIVES = {
  Unique2Backward0: notImplementedRow("_unique2"),
  UniqueDimBackward0: notImplementedRow("unique_dim"),
  UniqueConsecutiveBackward0: notImplementedRow("unique_consecutive"),
};
