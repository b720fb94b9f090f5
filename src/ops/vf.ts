// torch._VF: the native bindings PyTorch's Python wrappers (torch/functional.py) call. Their signatures bind the
// wrapper's arguments, so a bad argument gets the error PyTorch raises from inside that Python code, and an
// `out=` argument goes through the same checks and writes as any native op's.
import { bindNative } from "../signatures/bind.js";
import type { Kwargs } from "../signatures/bind.js";
import { parseSignature, type Signature } from "../signatures/schema.js";
import { checkOut, writeOut } from "./out.js";

type NativeImpl = (...args: never[]) => unknown;

export class NativeBinding {
  private readonly signatures: Signature[];
  private readonly impls: NativeImpl[];

  constructor(decls: Record<string, NativeImpl>) {
    this.signatures = Object.keys(decls).map((text) => parseSignature(text, "native"));
    this.impls = Object.values(decls);
  }

  /** Binds `args` (and keyword arguments) to the first overload that takes them and runs it. */
  call(args: readonly unknown[], kwargs: Kwargs = null): unknown {
    const { index, values } = bindNative(this.signatures, args, kwargs);
    const sig = this.signatures[index];
    const impl = this.impls[index] as (...a: unknown[]) => unknown;
    const out = sig.outIndex >= 0 ? values.splice(sig.outIndex, 1)[0] : null;
    if (out === null || out === undefined) return impl(...values);
    checkOut(sig.name, values, out);
    return writeOut(impl(...values), out);
  }
}
