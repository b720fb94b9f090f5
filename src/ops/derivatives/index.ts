// The one table of derivative formulas (PyTorch's tools/autograd/derivatives.yaml), split by op family.
// Each row is keyed by the grad_fn name PyTorch gives the op and returns one gradient per input of the
// op (null where an input needs none). Formulas are written in tensor ops, so running them with grad
// mode on (create_graph) records a graph of the backward pass and higher derivatives come for free.
// Broadcast inputs need no care in a formula: the engine sums each gradient back to its input's shape
// and dtype, as PyTorch's validate_outputs does.
// The ops record nodes by name and never import this table (src/autograd/formulas.ts holds it), so rows
// may call the forward ops directly.
import { registerFormulas } from "../../autograd/formulas.js";
import type { Derivative } from "../../autograd/derivative.js";
import type { Formula } from "../../autograd/node.js";
import { ARITHMETIC_DERIVATIVES } from "./arithmetic.js";
import { ELEMENTWISE_DERIVATIVES } from "./elementwise.js";
import { BACKWARD_OPS_DERIVATIVES } from "./backward_ops.js";
import { INDEXING_DERIVATIVES } from "./indexing.js";
import { LINALG_DERIVATIVES } from "./linalg.js";
import { NN_DERIVATIVES } from "./nn.js";
import { LOSSES_DERIVATIVES } from "./losses.js";
import { CONV_DERIVATIVES } from "./conv.js";
import { REDUCE_DERIVATIVES } from "./reduce.js";
import { SHAPE_DERIVATIVES } from "./shape.js";
import { UNARY_DERIVATIVES } from "./unary.js";

export const DERIVATIVES = {
  ...ELEMENTWISE_DERIVATIVES,
  ...ARITHMETIC_DERIVATIVES,
  ...UNARY_DERIVATIVES,
  ...REDUCE_DERIVATIVES,
  ...SHAPE_DERIVATIVES,
  ...INDEXING_DERIVATIVES,
  ...LINALG_DERIVATIVES,
  ...NN_DERIVATIVES,
  ...LOSSES_DERIVATIVES,
  ...CONV_DERIVATIVES,
  ...BACKWARD_OPS_DERIVATIVES,
};

registerFormulas(DERIVATIVES);

export type DerivativeName = keyof typeof DERIVATIVES;
export type SavedOf<K extends DerivativeName> =
  (typeof DERIVATIVES)[K] extends Derivative<infer S>
    ? S
    : (typeof DERIVATIVES)[K] extends Formula<infer S>
      ? S
      : never;
