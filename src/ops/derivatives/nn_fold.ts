// Derivatives of src/ops/nn_fold.ts: im2col's gradient is col2im of grad over the same windows, col2im's is
// im2col of grad; both in tensor ops (nn_windows.ts), so double backward works.
import { derivative } from "../../autograd/derivative.js";
import type { FoldSaved } from "../nn_fold.js";
import { foldWindows, unfoldWindows } from "../nn_windows.js";
import { reshape } from "../shape.js";

export const NN_FOLD_DERIVATIVES = {
  Im2ColBackward0: derivative<FoldSaved>({
    self: [
      "im2col_backward(grad, {self.sym_size(-2), self.sym_size(-1)}, kernel_size, dilation, padding, stride)",
      (g, s) => {
        const [n, c] = s.imageShape;
        const image = foldWindows(
          reshape(g, [n, c, s.plan.kernelCount, s.plan.outCount]),
          s.plan,
          s.imageShape,
        );
        // An unbatched input's gradient drops the batch dim it was given.
        return g.ndim === 2 ? reshape(image, s.imageShape.slice(1)) : image;
      },
    ],
  }),
  Col2ImBackward0: derivative<FoldSaved>({
    self: [
      "col2im_backward(grad, kernel_size, dilation, padding, stride)",
      (g, s) => {
        const [n, c] = s.imageShape;
        const cols = reshape(unfoldWindows(reshape(g, s.imageShape), s.plan), [
          n,
          c * s.plan.kernelCount,
          s.plan.outCount,
        ]);
        return g.ndim === 3 ? reshape(cols, [c * s.plan.kernelCount, s.plan.outCount]) : cols;
      },
    ],
  }),
};
