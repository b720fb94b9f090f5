// The one place complex tensors meet the ops (docs/complex.md). Every public entry point's implementation is
// wrapped here when it is registered: a call with no complex tensor among its arguments runs the implementation
// as before; a call with one runs the op's complex implementation (registered by src/ops/complex.ts and the
// fft / eig files), runs the implementation itself for the ops that never read values (metadata, and views
// whose backward is a view too), or raises PyTorch's error for a kernel without a complex version:
// `"<op>" not implemented for 'ComplexFloat'`. Kernels therefore never see a complex tensor they would misread.
import { RuntimeError } from "../errors.js";
import { is_grad_enabled } from "../tensor/grad_mode_state.js";
import { DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Impl = (...args: any[]) => unknown;
/** A complex implementation gets the bound arguments in the implementation's order, and the plain implementation. */
export type ComplexImpl = (args: unknown[], impl: Impl) => unknown;

const OVERRIDES = new Map<string, ComplexImpl>();

/**
 * Ops whose implementation only reads shapes, strides and flags, or makes a view whose backward is again such
 * a view (transpose, permute, unsqueeze, squeeze, view, t) or a reshape (values() copies complex storage
 * correctly): they run unchanged on complex tensors.
 */
const PASSTHROUGH = new Set([
  "dim",
  "ndimension",
  "numel",
  "nelement",
  "element_size",
  "is_floating_point",
  "storage_offset",
  "size",
  "stride",
  "is_contiguous",
  "requires_grad_",
  "retain_grad",
  "detach",
  "detach_",
  "is_inference",
  "register_hook",
  "register_post_accumulate_grad_hook",
  "is_tensor",
  "is_same_size",
  "numel",
  "transpose",
  "swapaxes",
  "swapdims",
  "permute",
  "t",
  "unsqueeze",
  "squeeze",
  "contiguous",
  "flatten",
  "reshape",
  "reshape_as",
  "view_as",
  "type",
]);

/**
 * Views that are cheap on complex tensors but whose backward writes into zeros (select, narrow, slicing): they
 * run while no complex input needs a gradient, and are refused when one does (unless a complex implementation
 * is registered, as for select, narrow and expand in src/ops/complex_math.ts).
 */
const VIEWS_WITHOUT_GRAD = new Set(["select", "narrow", "expand", "expand_as"]);

/** Registers `fn` as the complex implementation of each `namespace:name` in `keys` ("torch:add", "Tensor:add"). */
export function defineComplex(keys: readonly string[], fn: ComplexImpl): void {
  for (const k of keys) OVERRIDES.set(k, fn);
}

function isComplexTensor(a: unknown): a is Tensor {
  return a instanceof Tensor && a.dtype.is_complex;
}

/**
 * The dtype of the first complex tensor among the arguments (or inside a list argument), or a complex dtype
 * argument (`torch.ones(3, dtype=torch.complex64)`), else null.
 */
function firstComplex(args: readonly unknown[]): DType | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a instanceof Tensor) {
      if (a.dtype.is_complex) return a.dtype;
    } else if (a instanceof DType) {
      if (a.is_complex) return a;
    } else if (Array.isArray(a)) {
      for (let j = 0; j < a.length; j++) if (isComplexTensor(a[j])) return (a[j] as Tensor).dtype;
    }
  }
  return null;
}

/** Whether a complex tensor among the arguments requires grad (with grad mode on). */
function needsGrad(args: readonly unknown[]): boolean {
  return is_grad_enabled() && args.some((a) => isComplexTensor(a) && a.requires_grad);
}

/** PyTorch's AT_DISPATCH error for a kernel without a complex version. */
export function notImplementedFor(op: string, dtype: { scalarTypeName: string }): RuntimeError {
  return new RuntimeError(`"${op}" not implemented for '${dtype.scalarTypeName}'`);
}

/** Scanners of a data argument for complex values (torch.tensor's nested lists of torch.Complex), by key. */
const DATA_SCANS = new Map<string, (args: readonly unknown[]) => DType | null>();
/** Bumped by each registration, so wrappers made before it look their scanner up again (once). */
let scanGeneration = 0;

/**
 * Registers `scan` for each `namespace:name` in `keys`: a call whose tensors and dtypes are not complex is still
 * complex when `scan` finds complex values among its arguments (and returns their dtype).
 */
export function defineComplexData(
  keys: readonly string[],
  scan: (args: readonly unknown[]) => DType | null,
): void {
  for (const k of keys) DATA_SCANS.set(k, scan);
  scanGeneration++;
}

/**
 * @internal For `namespace:name`, a test of bound arguments: true when none is complex (no complex tensor or
 * dtype, and no complex data its scanner finds), so the signature layer may call the implementation directly
 * rather than through guardComplex's wrapper (one call and one argument list fewer per op).
 */
export function complexFree(namespace: string, name: string): (args: readonly unknown[]) => boolean {
  const key = `${namespace}:${name}`;
  let scan: ((args: readonly unknown[]) => DType | null) | undefined;
  let seen = -1;
  return (args) => {
    if (seen !== scanGeneration) {
      scan = DATA_SCANS.get(key);
      seen = scanGeneration;
    }
    return firstComplex(args) === null && (scan === undefined || scan(args) === null);
  };
}

/** @internal Wraps one overload's implementation of `namespace:name` (src/signatures/registry.ts). */
export function guardComplex(namespace: string, name: string, impl: Impl): Impl {
  const key = `${namespace}:${name}`;
  let scan: ((args: readonly unknown[]) => DType | null) | undefined;
  let seen = -1;
  return function (...args: unknown[]): unknown {
    if (seen !== scanGeneration) {
      scan = DATA_SCANS.get(key);
      seen = scanGeneration;
    }
    const c = firstComplex(args) ?? (scan === undefined ? null : scan(args));
    if (c === null) return impl(...args);
    const override = OVERRIDES.get(key);
    if (override !== undefined) return override(args, impl);
    if (PASSTHROUGH.has(name)) return impl(...args);
    if (VIEWS_WITHOUT_GRAD.has(name) && !needsGrad(args)) return impl(...args);
    throw notImplementedFor(name, c);
  };
}
