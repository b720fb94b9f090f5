// torch.nn.utils.rnn (PyTorch 1.13's torch/nn/utils/rnn.py): PackedSequence and the functions that pack padded
// sequences for the recurrent layers and pad them back. The packing itself is src/ops/nn_rnn_packing.ts.
import { sort } from "../backend/js/libstdcxx_sort.js";
import { AssertionError, AttributeError, RuntimeError, ValueError } from "../errors.js";
import { index_select, scatter_ } from "../ops/indexing.js";
import { lt } from "../ops/elementwise.js";
import { unbind } from "../ops/join.js";
import { getItem } from "../ops/subscript.js";
import { _pack_padded_sequence, _pad_packed_sequence, pad_sequence } from "../ops/nn_rnn_packing.js";
import { definePython, PySignature, type CallArgs } from "../signatures/registry.js";
import { pyTypeName } from "../signatures/messages.js";
import { registerPyType } from "../signatures/bind.js";
import { arange, empty_like, tensor } from "../tensor/creation.js";
import { int64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";

const PACKED_SEQUENCE = new PySignature(
  "torch.nn.utils.rnn",
  "PackedSequence.__new__(data, batch_sizes: Tensor | None = None, sorted_indices: Tensor | None = None, unsorted_indices: Tensor | None = None)",
);

const int64Tensor = (values: readonly number[]): Tensor => tensor([...values], { dtype: int64 });

/** The values of a CPU int64 vector (batch sizes, lengths, permutations). */
const intsOf = (t: Tensor): number[] => Array.from(t.values(), Number);

/**
 * A batch of sequences of different lengths packed time step by time step (a namedtuple in PyTorch:
 * destructure it as `const [data, batch_sizes, sorted_indices, unsorted_indices] = packed`). Made by
 * pack_padded_sequence and pack_sequence; the recurrent layers take and return it.
 */
export class PackedSequence {
  readonly 0: Tensor;
  readonly 1: Tensor;
  readonly 2: Tensor | null;
  readonly 3: Tensor | null;
  readonly length = 4;
  readonly data: Tensor;
  readonly batch_sizes: Tensor;
  readonly sorted_indices: Tensor | null;
  readonly unsorted_indices: Tensor | null;

  constructor(...args: CallArgs<"PackedSequence.__new__">) {
    const [data, batch_sizes, sorted_indices, unsorted_indices] = PACKED_SEQUENCE.bind(args);
    this.unsorted_indices = unsorted_indices ?? invert_permutation(sorted_indices);
    this.sorted_indices = sorted_indices;
    if (batch_sizes !== null) {
      // Stored unchecked, as PyTorch's namedtuple stores it.
      this.data = data as Tensor;
      this.batch_sizes = batch_sizes;
    } else {
      if (!Array.isArray(data) || data.length !== 2) throw new AssertionError("");
      [this.data, this.batch_sizes] = data as [Tensor, Tensor];
    }
    [this[0], this[1], this[2], this[3]] = [
      this.data,
      this.batch_sizes,
      sorted_indices,
      this.unsorted_indices,
    ];
  }

  *[Symbol.iterator](): Generator<Tensor | null> {
    yield this.data;
    yield this.batch_sizes;
    yield this.sorted_indices;
    yield this.unsorted_indices;
  }

  /**
   * The namedtuple's repr (console.log prints it). No toString: a PackedSequence is a tuple, which the
   * signature walk, like Python, reads field by field.
   */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    const repr = (t: Tensor | null) => (t === null ? "None" : t.toString());
    return `PackedSequence(data=${repr(this.data)}, batch_sizes=${repr(this.batch_sizes)}, sorted_indices=${repr(this.sorted_indices)}, unsorted_indices=${repr(this.unsorted_indices)})`;
  }
}

registerPyType("PackedSequence", (v) => v instanceof PackedSequence);

/** The permutation that undoes `permutation` (output[permutation[i]] = i); None stays None. */
export function invert_permutation(permutation: Tensor | null): Tensor | null {
  if (permutation === null) return null;
  return scatter_(empty_like(permutation), 0, permutation, arange(permutation.numel()));
}

/** torch.as_tensor(lengths, dtype=torch.int64), checked as _pack_padded_sequence's checkLongTensor checks it. */
function lengthsOf(lengths: Tensor | number[]): number[] {
  const asInts = (values: number[]) =>
    values.map((v) => {
      if (!Number.isFinite(v) || Math.abs(v) >= 2 ** 63)
        throw new RuntimeError("value cannot be converted to type int64 without overflow");
      return Math.trunc(v);
    });
  const t = lengths instanceof Tensor ? lengths.to(int64) : int64Tensor(asInts(lengths));
  if (t.ndim !== 1)
    throw new RuntimeError(
      `'lengths' argument should be a 1D CPU int64 tensor, but got ${t.ndim}D cpu Long tensor`,
    );
  return intsOf(t);
}

/** torch.sort(lengths, descending=True): CPU sort's std::sort of (value, index), so ties order as PyTorch's. */
function sortDescending(lengths: readonly number[]): number[] {
  const positions = lengths.map((_, i) => i);
  sort(positions, 0, positions.length, (i, j) => lengths[i] > lengths[j]);
  return positions;
}

function packPaddedSequence(
  input: Tensor,
  lengths: Tensor | number[],
  batch_first: boolean,
  enforce_sorted: boolean,
): PackedSequence {
  let values = lengthsOf(lengths);
  let sortedIndices: Tensor | null = null;
  if (!enforce_sorted) {
    const order = sortDescending(values);
    values = order.map((i) => values[i]);
    sortedIndices = int64Tensor(order);
    input = index_select(input, batch_first ? 0 : 1, sortedIndices);
  }
  const [data, batchSizes] = _pack_padded_sequence(input, values, batch_first);
  return new PackedSequence(data, int64Tensor(batchSizes), sortedIndices, null);
}

function padPackedSequence(
  sequence: unknown,
  batch_first: boolean,
  padding_value: number,
  total_length: number | null,
): [Tensor, Tensor] {
  if (!(sequence instanceof PackedSequence))
    throw new AttributeError(`'${pyTypeName(sequence)}' object has no attribute 'batch_sizes'`);
  let maxSeqLength = sequence.batch_sizes.shape[0];
  if (total_length !== null) {
    if (total_length < maxSeqLength)
      throw new ValueError(
        `Expected total_length to be at least the length of the longest sequence in input, but got total_length=${total_length} and max sequence length being ${maxSeqLength}`,
      );
    maxSeqLength = total_length;
  }
  const [padded, lengths] = _pad_packed_sequence(
    sequence.data,
    intsOf(sequence.batch_sizes),
    batch_first,
    padding_value,
    maxSeqLength,
  );
  const unsorted = sequence.unsorted_indices;
  if (unsorted === null) return [padded, int64Tensor(lengths)];
  return [
    index_select(padded, batch_first ? 0 : 1, unsorted),
    int64Tensor(intsOf(unsorted).map((i) => lengths[i])),
  ];
}

function padSequence(sequences: unknown, batch_first: boolean, padding_value: number): Tensor {
  let list: unknown[];
  if (sequences instanceof Tensor) list = unbind(sequences, 0);
  else if (Array.isArray(sequences) || typeof sequences === "string") list = [...sequences];
  else
    throw new RuntimeError(
      `pad_sequence: Expected iterable for input sequences, but got arg of type: <class '${pyTypeName(sequences)}'>`,
    );
  // torch._C._nn.pad_sequence's argument parser: a tuple of Tensors.
  list.forEach((t, i) => {
    if (!(t instanceof Tensor))
      throw new TypeError(`expected Tensor as element ${i} in argument 0, but got ${pyTypeName(t)}`);
  });
  return pad_sequence(list as Tensor[], batch_first, padding_value);
}

function packSequence(sequences: Tensor[], enforce_sorted: boolean): PackedSequence {
  const lengths = sequences.map((v) => v.size(0) as number);
  return packPaddedSequence(pad_sequence(sequences, false, 0), lengths, false, enforce_sorted);
}

/** The valid steps of each padded sequence. Like PyTorch's, transposes a time-first `padded` in place. */
function unpadSequence(padded: Tensor, lengths: Tensor | number[], batch_first: boolean): Tensor[] {
  if (!batch_first) padded.transpose_(0, 1);
  const idx = arange(padded.shape[1]);
  // zip(padded_sequences, lengths): iterating a tensor unbinds it; zip stops at the shorter.
  const sequences = unbind(padded, 0);
  const lens: (Tensor | number)[] = lengths instanceof Tensor ? unbind(lengths, 0) : lengths;
  const count = Math.min(sequences.length, lens.length);
  return sequences.slice(0, count).map((seq, i) => getItem(seq, lt(idx, lens[i])));
}

function unpackSequence(packed: unknown): Tensor[] {
  const [padded, lengths] = padPackedSequence(packed, true, 0.0, null);
  return unpadSequence(padded, lengths, true);
}

definePython("torch.nn.utils.rnn", {
  "invert_permutation(permutation: Tensor | None) -> Tensor | null": invert_permutation,
  "pack_padded_sequence(input: Tensor, lengths: Tensor | float[], batch_first: bool = False, enforce_sorted: bool = True) -> PackedSequence":
    packPaddedSequence,
  "pad_packed_sequence(sequence, batch_first: bool = False, padding_value: float = 0.0, total_length: int | None = None) -> Tensor[]":
    padPackedSequence,
  "pad_sequence(sequences: object, batch_first: bool = False, padding_value: float = 0.0) -> Tensor":
    padSequence,
  "pack_sequence(sequences: Tensor[], enforce_sorted: bool = True) -> PackedSequence": packSequence,
  "unpad_sequence(padded_sequences: Tensor, lengths: Tensor | float[], batch_first: bool = False) -> Tensor[]":
    unpadSequence,
  "unpack_sequence(packed_sequences) -> Tensor[]": unpackSequence,
});
