// Derivatives of src/ops/as_strided.ts: as_strided_ (AsStridedBackward1) has as_strided's row (AsStridedBackward0,
// in view_inplace.ts, which the views that in-place writes regenerate share), as derivatives.yaml gives both.
import { VIEW_INPLACE_DERIVATIVES } from "./view_inplace.js";

export const AS_STRIDED_DERIVATIVES = {
  AsStridedBackward1: VIEW_INPLACE_DERIVATIVES.AsStridedBackward0,
};
