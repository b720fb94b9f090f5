// Process-wide settings and dtype queries: print options, the compute backend, promote_types, the default
// float dtype and the thread count.
import { get_backend, set_backend } from "../backend/backend.js";
import { RuntimeError } from "../errors.js";
import { pyTypeName } from "../signatures/messages.js";
import { defineNoArgFunctions, defineOps, definePython } from "../signatures/registry.js";
import { defaultFloatDtype, DType, promoteTypes, setDefaultFloatDtype } from "../tensor/dtype.js";
import { get_printoptions, set_printoptions } from "../tensor/format.js";
import { numThreads, setNumThreads } from "../backend/native/threads.js";

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

// set_default_dtype(d) is Python-level and checks the dtype itself, hence the unannotated parameter.
definePython("torch", {
  "set_default_dtype(d) -> None": (d: unknown) => {
    if (!(d instanceof DType))
      throw new TypeError(
        "invalid dtype object: only floating-point types are supported as the default type",
      );
    if (!d.is_floating_point)
      throw new TypeError("only floating-point types are supported as the default type");
    setDefaultFloatDtype(d);
  },
});

defineNoArgFunctions("torch", {
  "torch.get_default_dtype() -> ScalarType": defaultFloatDtype,
  "torch.get_num_threads() -> int": numThreads,
});

/** torch.set_num_threads(int): a C function of one positional argument, with its errors. */
export function set_num_threads(...args: unknown[]): void {
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype)
    throw new TypeError("torch.set_num_threads() takes no keyword arguments");
  if (args.length !== 1)
    throw new TypeError(`torch.set_num_threads() takes exactly one argument (${args.length} given)`);
  const n = args[0];
  const isInt = (typeof n === "number" && Number.isInteger(n)) || typeof n === "bigint";
  if (!isInt) throw new RuntimeError(`set_num_threads expects an int, but got ${pyTypeName(n)}`);
  // PyTorch keeps the value in a C int: what does not fit wraps, and only a positive result is taken.
  const value = Number(BigInt.asIntN(32, BigInt(n)));
  if (value <= 0) throw new RuntimeError("set_num_threads expects a positive integer");
  // The native backend's thread pool and OpenBLAS follow (src/backend/native/threads.ts, docs/native.md).
  setNumThreads(value);
}
