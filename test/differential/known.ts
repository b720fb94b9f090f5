// The known differences between tensorgrad and PyTorch the differential test skips, each with its triage
// category (docs/differential.md describes each, with a minimal repro). Most are a to-do list: when a fix
// lands, its entry matches nothing and the test asks for its removal. Those marked `exception` cannot match
// for a reason JS or PyTorch imposes, and stay.
//
// A program is matched by its first difference (compare.ts orders them): fixing one cause can reveal the
// next difference of the same program, which then needs triage of its own.
import type { Diff } from "./compare.js";
import type { Desc, Recorded, Stmt } from "./ir.js";

export interface Known {
  /** the triage category (docs/differential.md) */
  id: string;
  cause: string;
  /** a difference tensorgrad keeps on purpose (JS cannot express it, or PyTorch misbehaves) */
  exception?: true;
  /** only on these backends (default: all) */
  backends?: string[];
  /** whether a program's first difference is this one */
  match(d: Diff, p: Recorded): boolean;
}

/** The name a statement calls: "add" for torch.add, Tensor.add and add_; "forward" for a module call. */
export function opOf(s: Stmt | undefined): string {
  if (s === undefined) return "";
  return (s.f ?? s.c ?? s.m ?? s.attr ?? "").split(".").pop()!;
}

/** The dtype PyTorch's result of the difference's statement has ("" if none). */
function resultDtype(d: Diff, p: Recorded): string {
  const r = p.r[d.stmt]?.r;
  return r !== undefined && "d" in r ? r.d : "";
}

const ERRORS = new Set(["error", "no-error", "unexpected-error"]);
const isError = (d: Diff) => ERRORS.has(d.kind);
const pytorchSays = (d: Diff, re: RegExp) => isError(d) && re.test(d.expected);
const tensorgradSays = (d: Diff, re: RegExp) => isError(d) && re.test(d.actual);

const INT64_MIN = /^\[\d+\] = -(9223372036854775808|2147483648)$/;

export const KNOWN: Known[] = [
  // ---- exceptions: what JS or PyTorch itself imposes ----------------------------------------------------
  {
    id: "annotation-typeerror",
    exception: true,
    cause:
      "A Python-level signature's argument of the wrong type (size_average=1, inplace=1): tensorgrad checks the annotation up front and raises its TypeError naming the argument; PyTorch checks nothing there and fails later or not at all (docs/signatures.md).",
    match: (d) =>
      tensorgradSays(d, /^TypeError: [\w.]+\(\): argument '\w+' (\(position \d+\) )?must be .+, not \S+$/),
  },
  {
    id: "pytorch-internal-assert",
    exception: true,
    cause:
      "PyTorch 1.13 fails an internal assert (isDifferentiableType) for sum/prod/cumprod of a float tensor that requires grad with an integer dtype=: a PyTorch bug, not reproduced.",
    match: (d) => pytorchSays(d, /INTERNAL ASSERT FAILED/),
  },

  // ---- autograd ------------------------------------------------------------------------------------------

  // ---- numerics ------------------------------------------------------------------------------------------
  {
    id: "int64-semantics",
    cause:
      "int64 values beyond 2^53 lose precision: an exact product or sum above 2^53 (mul, scatter_add) is rounded to the nearest double before it is stored (docs/int64.md; issue #13).",
    match: (d, p) =>
      (d.kind === "bits" &&
        /^int/.test(resultDtype(d, p)) &&
        (INT64_MIN.test(d.expected) || INT64_MIN.test(d.actual) || /\d{16,}/.test(d.expected))) ||
      (d.kind === "repr" && /-9223372036854775808|\d{17,}/.test(d.expected)),
  },

  // ---- missing semantics and texts -----------------------------------------------------------------------
  {
    id: "not-implemented",
    cause:
      "Not implemented in tensorgrad: Tensor.view(dtype) between dtypes (each dtype keeps its values in its own typed array).",
    match: (d) =>
      tensorgradSays(
        d,
        /^NotImplementedError: |not supported by tensorgrad|^RuntimeError: einsum\(\): .* tensorgrad/,
      ),
  },
  {
    id: "module-repr-int",
    exception: true,
    cause:
      "Module reprs: Dropout(0) prints p=0 in PyTorch (the Python int it was given) and p=0.0 in tensorgrad: a JS number cannot tell 0 from 0.0, and Dropout(0.5)'s p=0.5 needs the float form, so tensorgrad prints what a float p prints.",
    match: (d) => d.kind === "value" && /Dropout\(p=0\.0/.test(d.actual),
  },
  // ---- found by the second batch (programs-0004: linalg, sorting, special functions, new nn functionals) ----
  {
    id: "lapack-vectors-js",
    backends: ["js"],
    cause:
      "The TypeScript backend's SVD and eigh (src/backend/js/lapack_gesdd.ts, lapack_syevd.ts) port dgesdd's and dsyevd's steps, so their vectors' signs are LAPACK's, but in float64 arithmetic: a float32 input whose results hold values at float32's rounding noise (PyTorch's sgesdd gives -2.98e-8 where the exact value is ~1e-9, #3309, #3542) and inputs holding inf or nan (OpenBLAS's snrm2 and sgeqrf handle a NaN otherwise, #3380 qr, #3764 pinverse) differ beyond the tolerance.",
    match: (d, p) =>
      ["bits", "repr", "value"].includes(d.kind) &&
      LAPACK_VECTOR_OPS.has(opOf(p.b[d.stmt])) &&
      float32Result(p.r[d.stmt]?.r),
  },
];

/** Whether a result is a float32 tensor, or a tuple holding one. */
function float32Result(r: Desc | undefined): boolean {
  if (r === undefined) return false;
  if ("L" in r) return r.L.some(float32Result);
  return "d" in r && r.d === "float32";
}

/** Ops whose values come from the JS backend's SVD, eigh and QR (lapack-vectors-js). */
const LAPACK_VECTOR_OPS = new Set([
  ...["svd", "eigh", "symeig", "qr", "pinv", "pinverse", "svdvals", "lstsq", "matrix_rank"],
  ...["eigvalsh", "cond", "matrix_norm", "nuclear_norm", "norm"],
]);
