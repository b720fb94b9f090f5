// Walk samples for torch.linalg's LAPACK-backed ops, and the calls whose PyTorch outcome tensorgrad cannot
// reproduce, each with the reason.
import type { SampleOverrides } from "../calls.js";

export const LINALG_LAPACK_SAMPLES: SampleOverrides = {};

const SVD_SIGNS =
  "singular vectors are unique only up to sign, and the sign is the LAPACK build's (gesdd's); tensorgrad's " +
  "one-sided Jacobi SVD can give the opposite one (the op tables compare sign-normalised vectors)";
const GELSY =
  "lstsq's default driver gelsy decides the rank by column-pivoted QR; tensorgrad solves every driver through " +
  "the SVD, which truncates differently when rcond cuts off a singular value";

/** Calls whose PyTorch outcome tensorgrad cannot reproduce, by case id, with the reason. */
export const LINALG_LAPACK_EXCEPTIONS: Record<string, string> = {
  "torch.linalg.svd/0/base": SVD_SIGNS,
  "torch.linalg.svd/0/all-positional": SVD_SIGNS,
  "torch.linalg.svd/0/kw:A": SVD_SIGNS,
  "torch.linalg.svd/0/kw:full_matrices": SVD_SIGNS,
  "torch.svd/0/base": SVD_SIGNS,
  "torch.svd/0/kw:input": SVD_SIGNS,
  "torch.svd/0/kw:some": SVD_SIGNS,
  "torch.svd/0/kw:out": SVD_SIGNS,
  "torch.svd/0/dtype:d23": SVD_SIGNS,
  "Tensor.svd/0/base": SVD_SIGNS,
  "Tensor.svd/0/kw:some": SVD_SIGNS,
  "Tensor.svd/0/dtype:d23": SVD_SIGNS,
  "torch.linalg.lstsq/0/all-positional": GELSY,
  "torch.linalg.lstsq/0/kw:rcond": GELSY,
};
