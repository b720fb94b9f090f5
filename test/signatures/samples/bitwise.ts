// The signature walk's exceptions for the operator methods of src/ops/bitwise.ts (see calls.ts).
import type { SampleOverrides } from "../calls.js";

export const BITWISE_SAMPLES: SampleOverrides = {};

const REASON =
  "PyTorch's operator methods return NotImplemented for a call that does not parse (python_variable_methods.cpp's " +
  "TypeError_to_NotImplemented_, torch/_tensor.py's _wrap_type_error_to_not_implemented), Python's signal to " +
  "try the other operand's reflected method; JS has no operator dispatch to fall back to, so tensorgrad raises " +
  "the argument error the call would otherwise get";

const NATIVE = [
  "and",
  "or",
  "xor",
  "lshift",
  "rshift",
  "rand",
  "ror",
  "rxor",
  "iand",
  "ior",
  "ixor",
  "ilshift",
  "irshift",
];

/** Calls whose PyTorch outcome tensorgrad cannot reproduce, by case id, with the reason. */
export const BITWISE_EXCEPTIONS: Record<string, string> = Object.fromEntries([
  ...NATIVE.flatMap((op) =>
    [
      "0/unknown-keyword",
      "0/extra-positional",
      "0/missing",
      "0/wrong-type:other",
      "1/unknown-keyword",
      "1/extra-positional",
    ].map((c) => [`Tensor.__${op}__/${c}`, REASON]),
  ),
  ...["rlshift", "rrshift"].flatMap((op) =>
    ["0/unknown-keyword", "0/extra-positional", "0/missing"].map((c) => [`Tensor.__${op}__/${c}`, REASON]),
  ),
]);
