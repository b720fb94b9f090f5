// Process-wide settings and dtype queries: print options, the compute backend, promote_types.
import { get_backend, set_backend } from "../backend/backend.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { promoteTypes } from "../tensor/dtype.js";
import { get_printoptions, set_printoptions } from "../tensor/format.js";

defineOps("torch", {
  "promote_types(ScalarType type1, ScalarType type2) -> ScalarType": promoteTypes,
});

definePython("torch", {
  "set_printoptions(precision: int | None = None, threshold: int | None = None, edgeitems: int | None = None, linewidth: int | None = None, profile: 'default' | 'short' | 'full' | None = None, sci_mode: bool | None = None) -> None":
    (precision, threshold, edgeitems, linewidth, profile, sci_mode) =>
      set_printoptions({
        ...(precision !== null ? { precision } : {}),
        ...(threshold !== null ? { threshold } : {}),
        ...(edgeitems !== null ? { edgeitems } : {}),
        ...(linewidth !== null ? { linewidth } : {}),
        ...(profile !== null ? { profile: profile as "default" | "short" | "full" } : {}),
        sci_mode,
      }),
  // tensorgrad's own (PyTorch 1.13 has no get_printoptions): the options set_printoptions set.
  "get_printoptions() -> PrintOptions": get_printoptions,
  // tensorgrad's own: which compute backend runs the kernels ("js" or "native").
  "get_backend() -> str": get_backend,
  "set_backend(name: str) -> None": set_backend,
});
