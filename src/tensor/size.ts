// torch.Size: the sizes of a tensor as PyTorch gives them from x.size(), a tuple of ints whose repr is
// `torch.Size([2, 3])`. Here an Array subclass, so it indexes, spreads and compares (toEqual) as the plain
// arrays the rest of tensorgrad uses; `.shape` stays a frozen plain array, which every op reads.

export class TorchSize extends Array<number> {
  // Array methods (map, slice, filter) give plain arrays: Array's species would call this constructor with a length.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** Size.numel(): the product of the sizes. */
  numel(): number {
    let n = 1;
    for (const d of this) n *= d;
    return n;
  }

  override toString(): string {
    return `torch.Size([${this.join(", ")}])`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
Object.defineProperty(TorchSize, "name", { value: "Size" });

/** A Size of the given sizes (already checked ints). */
export function sizeOf(sizes: Iterable<number>): TorchSize {
  const out = new TorchSize();
  for (const d of sizes) out.push(d);
  return out;
}

interface SizeConstructor {
  new (sizes?: Iterable<unknown>): TorchSize;
  (sizes?: Iterable<unknown>): TorchSize;
  readonly prototype: TorchSize;
}

/** torch.Size(iterable of ints), with or without `new`; `x.size() instanceof torch.Size`. */
export const Size = function Size(sizes: Iterable<unknown> = []): TorchSize {
  const items = [...sizes];
  items.forEach((v, i) => {
    // Python's bool is an int; a fractional number is a float.
    if (typeof v === "bigint" || typeof v === "boolean" || (typeof v === "number" && Number.isInteger(v)))
      return;
    const type =
      typeof v === "number" ? "float" : typeof v === "string" ? "str" : v === null ? "NoneType" : "object";
    throw new TypeError(`torch.Size() takes an iterable of 'int' (item ${i} is '${type}')`);
  });
  return sizeOf(items.map(Number));
} as unknown as SizeConstructor;
(Size as { prototype: TorchSize }).prototype = TorchSize.prototype;
