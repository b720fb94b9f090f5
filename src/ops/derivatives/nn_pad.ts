// Derivatives of src/ops/nn_pad.ts: reflection_pad{1,2,3}d and replication_pad{1,2,3}d, whose backward
// functions are differentiable ops of their own (their second derivative pads the gradient again).
import { derivative } from "../../autograd/derivative.js";
import { zeros_like } from "../../tensor/creation.js";
import { padPlanes, padPlanesBackward, type PadSaved } from "../nn_pad.js";

/** The row of a pad: derivatives.yaml's `self: reflection_pad1d_backward(grad, self, padding)`. */
const padRow = (op: string) =>
  derivative<PadSaved>({
    self: [
      `${op}_backward(grad, self, padding)`,
      (g, s) => padPlanesBackward(s.kind, s.k, g, s.self, s.padding),
    ],
  });

/** The row of a pad's backward: the gradient padded again; self only gave its shape. */
const padBackwardRow = (op: string) =>
  derivative<PadSaved>({
    grad_output: [`${op}(grad, padding)`, (g, s) => padPlanes(s.kind, s.k, g, s.padding)],
    self: ["zeros_like(self)", (_g, s) => zeros_like(s.self)],
  });

export const NN_PAD_DERIVATIVES = {
  ReflectionPad1DBackward0: padRow("reflection_pad1d"),
  ReflectionPad2DBackward0: padRow("reflection_pad2d"),
  ReflectionPad3DBackward0: padRow("reflection_pad3d"),
  ReplicationPad1DBackward0: padRow("replication_pad1d"),
  ReplicationPad2DBackward0: padRow("replication_pad2d"),
  ReplicationPad3DBackward0: padRow("replication_pad3d"),
  ReflectionPad1DBackwardBackward0: padBackwardRow("reflection_pad1d"),
  ReflectionPad2DBackwardBackward0: padBackwardRow("reflection_pad2d"),
  ReflectionPad3DBackwardBackward0: padBackwardRow("reflection_pad3d"),
  ReplicationPad1DBackwardBackward0: padBackwardRow("replication_pad1d"),
  ReplicationPad2DBackwardBackward0: padBackwardRow("replication_pad2d"),
  ReplicationPad3DBackwardBackward0: padBackwardRow("replication_pad3d"),
};
