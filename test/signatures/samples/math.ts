// Sample overrides for the signature walk of the math and reduction ops (see calls.ts), and the calls whose
// PyTorch outcome tensorgrad cannot reproduce, each with the reason.
import type { SampleOverrides } from "../calls.js";

export const MATH_SAMPLES: SampleOverrides = {};

/** Calls whose PyTorch outcome tensorgrad cannot reproduce, by case id, with the reason. */
export const MATH_EXCEPTIONS: Record<string, string> = {
  "torch.norm/0/wrong-type:input":
    "torch.norm is Python-level: tensorgrad checks its `input: Tensor` annotation (TypeError) where PyTorch's body fails later on `input.dim()` (AttributeError)",
  "torch.cosh/0/dtype:i23":
    "PyTorch's float32 cosh is SLEEF's vectorised coshf, 1 ulp (7.6e-6 at cosh(5)) from the correctly rounded value the backends compute; the walk's tolerance is 5e-6",
  // histogramdd(2 x 3 input, bins=[1]): PyTorch reads bin counts past the end of the list (uninitialized memory).
  ...Object.fromEntries(
    ["base", "kw:input", "kw:weight", "dtype:d23"].map((form) => [
      `torch.histogramdd/1/${form}`,
      "PyTorch 1.13 reads the bin counts of a list shorter than the input's last dim past its end (uninitialized memory): its outcome is arbitrary; tensorgrad reads 0 there (bins must be > 0)",
    ]),
  ),
};
