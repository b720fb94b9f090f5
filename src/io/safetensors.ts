// The safetensors format, byte for byte as the reference writer lays it out
// (huggingface/safetensors, safetensors/src/tensor.rs: `prepare`, `serialize`, `Metadata::serialize`,
// `read_metadata`, `Metadata::validate`):
//   8-byte little-endian header size N | N bytes of JSON header, space-padded to a multiple of 8 | data.
// The header is `{"__metadata__":{...},"name":{"dtype":"F32","shape":[2,3],"data_offsets":[b,e]},...}`
// with no spaces; tensors are laid out sorted by dtype (the Rust enum's order, descending) then name.
import { RuntimeError, ValueError } from "../errors.js";
import { allocate, bool, float32, float64, int32, int64, type DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { pyTypeName } from "../signatures/messages.js";

/** Python's `safetensors.SafetensorError`: a file that is not valid safetensors. */
export class SafetensorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SafetensorError";
  }
}

export type StateDict = Record<string, Tensor>;
/** What save and saveToBytes take: a state dict, or a Map from names to tensors. */
export type StateDictLike = StateDict | Map<string, Tensor>;
export type Metadata = Record<string, string>;

export interface SaveOptions {
  /** Free-form string pairs stored under `__metadata__` (safetensors' `metadata=`). */
  metadata?: Metadata | null;
}

/** The safetensors dtypes tensorgrad stores, with their rank in the Rust `Dtype` enum (the sort key). */
const CODES = { BOOL: 0, I32: 9, F32: 11, F64: 12, I64: 13 } as const;
type Code = keyof typeof CODES;
// Complex tensors (docs/complex.md) have no safetensors code here: saving one raises (saveToBytes).
const CODE_OF: Record<Exclude<DType["name"], "complex64" | "complex128">, Code> = {
  bool: "BOOL",
  int32: "I32",
  float32: "F32",
  float64: "F64",
  int64: "I64",
};
const DTYPE_OF: Record<Code, DType> = { BOOL: bool, I32: int32, F32: float32, F64: float64, I64: int64 };
/** Valid safetensors dtypes that tensorgrad has no tensor type for. */
const UNSUPPORTED = ["U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "U32", "U64"];

const MAX_HEADER_SIZE = 100_000_000;
const MAX_EXACT_INT = Number.MAX_SAFE_INTEGER;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf8 = new TextEncoder();

/** Rust orders strings by their UTF-8 bytes (JS's < compares UTF-16 units, which differs above U+FFFF). */
function compareUtf8(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Python's str(type(v)), as the reference safetensors writer prints it: "<class 'list'>". */
function typeName(v: unknown): string {
  return `<class '${pyTypeName(v)}'>`;
}

function entriesOf(stateDict: StateDict | Map<string, Tensor>): [string, Tensor][] {
  if (stateDict === null || typeof stateDict !== "object" || Array.isArray(stateDict))
    throw new ValueError(`Expected a dict of [str, torch.Tensor] but received ${typeName(stateDict)}`);
  const entries: [unknown, unknown][] =
    stateDict instanceof Map ? [...stateDict.entries()] : Object.entries(stateDict);
  for (const [name, t] of entries) {
    if (typeof name !== "string")
      throw new ValueError(`tensor names must be strings, but got ${typeName(name)}`);
    if (name === "__metadata__") throw new ValueError("'__metadata__' is reserved and cannot name a tensor");
    if (!(t instanceof Tensor))
      throw new ValueError(`Key \`${name}\` is invalid, expected torch.Tensor but received ${typeName(t)}`);
  }
  return entries as [string, Tensor][];
}

/** The tensor's values as little-endian bytes of its safetensors dtype. */
function tensorBytes(name: string, t: Tensor): Uint8Array {
  const values = t.values();
  const n = values.length;
  if (t.dtype === int64) {
    const out = new Uint8Array(n * 8);
    const view = new DataView(out.buffer);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!(Math.abs(v) <= MAX_EXACT_INT))
        throw new ValueError(
          `cannot save int64 tensor '${name}': element ${i} is ${v}, outside ±(2^53 - 1) where tensorgrad's ` +
            `int64 values (stored as doubles) are exact, so its true value is unknown`,
        );
      view.setBigInt64(i * 8, BigInt(v), true);
    }
    return out;
  }
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(n * t.dtype.itemsize);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    if (t.dtype === float32) view.setFloat32(i * 4, values[i], true);
    else if (t.dtype === float64) view.setFloat64(i * 8, values[i], true);
    else if (t.dtype === int32) view.setInt32(i * 4, values[i], true);
    else out[i] = values[i];
  }
  return out;
}

function checkMetadata(metadata: unknown): Metadata | null {
  if (metadata === undefined || metadata === null) return null;
  if (typeof metadata !== "object" || Array.isArray(metadata) || metadata instanceof Map)
    throw new TypeError(`metadata must be a plain object of strings, not ${typeName(metadata)}`);
  for (const [k, v] of Object.entries(metadata))
    if (typeof v !== "string")
      throw new TypeError(`metadata values must be strings, but '${k}' is ${typeName(v)}`);
  return metadata as Metadata;
}

/** A state dict as the bytes of a .safetensors file (what `safetensors.torch.save` returns). */
export function saveToBytes(stateDict: StateDict | Map<string, Tensor>, opts: SaveOptions = {}): Uint8Array {
  const metadata = checkMetadata(opts?.metadata);
  const entries = entriesOf(stateDict).map(([name, t]) => {
    if (t.dtype.name === "complex64" || t.dtype.name === "complex128")
      throw new TypeError(`tensorgrad's safetensors does not store ${t.dtype} tensors ('${name}')`);
    return { name, code: CODE_OF[t.dtype.name], tensor: t };
  });
  entries.sort((a, b) => CODES[b.code] - CODES[a.code] || compareUtf8(a.name, b.name));
  const parts: string[] = [];
  if (metadata) parts.push(`"__metadata__":${JSON.stringify(metadata)}`);
  const blobs: Uint8Array[] = [];
  let offset = 0;
  for (const { name, code, tensor } of entries) {
    const blob = tensorBytes(name, tensor);
    blobs.push(blob);
    const info = `{"dtype":"${code}","shape":[${tensor.shape.join(",")}],"data_offsets":[${offset},${offset + blob.length}]}`;
    parts.push(`${JSON.stringify(name)}:${info}`);
    offset += blob.length;
  }
  const json = utf8.encode(`{${parts.join(",")}}`);
  const headerSize = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + headerSize + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerSize), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerSize);
  let at = 8 + headerSize;
  for (const blob of blobs) {
    out.set(blob, at);
    at += blob.length;
  }
  return out;
}

interface TensorEntry {
  name: string;
  code: Code;
  shape: number[];
  begin: number;
  end: number;
}

interface ParsedFile {
  metadata: Metadata | null;
  tensors: TensorEntry[];
  dataStart: number;
}

function asBytes(bytes: Uint8Array | ArrayBuffer): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new TypeError(`expected a Uint8Array or ArrayBuffer, not ${typeName(bytes)}`);
}

function isIndex(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function parseEntry(name: string, raw: unknown): TensorEntry {
  const where = `tensor '${name}'`;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new SafetensorError(
      `invalid header: ${where} must be an object with dtype, shape and data_offsets`,
    );
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== "string") throw new SafetensorError(`invalid header: ${where} has no string 'dtype'`);
  if (!(dtype in CODES)) {
    if (UNSUPPORTED.includes(dtype))
      throw new SafetensorError(
        `${where} has dtype ${dtype}, which tensorgrad does not support (it loads F32, F64, I64, I32 and BOOL)`,
      );
    throw new SafetensorError(`invalid header: ${where} has unknown dtype '${dtype}'`);
  }
  if (!Array.isArray(shape) || !shape.every(isIndex))
    throw new SafetensorError(`invalid header: ${where} needs 'shape' as an array of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex))
    throw new SafetensorError(
      `invalid header: ${where} needs 'data_offsets' as [begin, end] non-negative integers`,
    );
  return { name, code: dtype as Code, shape: shape as number[], begin: offsets[0], end: offsets[1] };
}

/**
 * Shapes and offsets are Rust usize fields, which serde_json reads only from integer literals: `2.0`, `1e1` or
 * `-0` are refused even where JSON.parse would give an integer. The header's only numbers are those, so every
 * number literal outside a string must be plain digits.
 */
function checkIntegerLiterals(text: string): void {
  const literal = /"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*/g;
  for (const [token] of text.matchAll(literal))
    if (!token.startsWith('"') && !/^\d+$/.test(token))
      throw new SafetensorError(`invalid header: the number ${token} is not a non-negative integer literal`);
}

/** The header size the first 8 bytes declare, checked against the limit and the file's size (its first step). */
function checkHeaderSize(head: Uint8Array, fileSize: number): number {
  if (head.length < 8)
    throw new SafetensorError(
      `header too small: the file has ${fileSize} bytes, fewer than the 8-byte header size`,
    );
  const declared = new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_SIZE))
    throw new SafetensorError(`header too large: ${declared} bytes (the limit is ${MAX_HEADER_SIZE})`);
  const n = Number(declared);
  if (8 + n > fileSize)
    throw new SafetensorError(
      `invalid header length: the header claims ${n} bytes but the file has only ${fileSize - 8} after the size`,
    );
  return n;
}

/** Reads and checks the header the way the reference reader does, so a bad file fails before any tensor is made. */
function parseFile(buffer: Uint8Array): ParsedFile {
  const n = checkHeaderSize(buffer, buffer.length);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buffer.subarray(8, 8 + n));
  } catch {
    throw new SafetensorError("invalid header: it is not valid UTF-8");
  }
  // The reference reader (safetensors >= 0.4) refuses a header that does not start with '{': no leading
  // spaces, no byte-order mark.
  if (!text.startsWith("{"))
    throw new SafetensorError(
      "invalid header start: the header must start with '{' (no spaces or byte-order mark)",
    );
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new SafetensorError(`invalid header: it is not valid JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header))
    throw new SafetensorError("invalid header: it must be a JSON object");
  checkIntegerLiterals(text);
  let metadata: Metadata | null = null;
  const tensors: TensorEntry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (raw === null) continue;
      if (
        typeof raw !== "object" ||
        Array.isArray(raw) ||
        !Object.values(raw).every((v) => typeof v === "string")
      )
        throw new SafetensorError("invalid header: '__metadata__' must map strings to strings");
      metadata = raw as Metadata;
      continue;
    }
    tensors.push(parseEntry(name, raw));
  }
  // Tensors must tile the data section exactly, in offset order: no gaps, no overlaps.
  tensors.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let start = 0;
  for (const t of tensors) {
    if (t.begin !== start || t.end < t.begin)
      throw new SafetensorError(
        `invalid offsets for tensor '${t.name}': data_offsets [${t.begin}, ${t.end}] should start at ${start} ` +
          `(tensors must cover the data section contiguously, without overlaps)`,
      );
    start = t.end;
    const count = t.shape.reduce((a, b) => a * b, 1);
    const nbytes = count * DTYPE_OF[t.code].itemsize;
    if (!Number.isSafeInteger(nbytes) || nbytes !== t.end - t.begin)
      throw new SafetensorError(
        `invalid tensor info for '${t.name}': dtype ${t.code} and shape [${t.shape.join(", ")}] need ${nbytes} ` +
          `bytes but data_offsets [${t.begin}, ${t.end}] span ${t.end - t.begin}`,
      );
  }
  const dataLength = buffer.length - 8 - n;
  if (start !== dataLength)
    throw new SafetensorError(
      `incomplete buffer: the tensors' data ends at byte ${start} of the data section, which has ${dataLength} bytes`,
    );
  return { metadata, tensors, dataStart: 8 + n };
}

function decodeTensor(buffer: Uint8Array, at: number, t: TensorEntry): Tensor {
  const dtype = DTYPE_OF[t.code];
  const count = (t.end - t.begin) / dtype.itemsize;
  const data = allocate(dtype, count);
  const begin = at + t.begin;
  // Copy to a fresh, aligned buffer; the file's data need not be aligned in memory.
  const raw = buffer.slice(begin, begin + count * dtype.itemsize);
  const view = new DataView(raw.buffer);
  if (t.code === "I64") {
    for (let i = 0; i < count; i++) {
      const v = view.getBigInt64(i * 8, true);
      if (v > BigInt(MAX_EXACT_INT) || v < -BigInt(MAX_EXACT_INT))
        throw new RuntimeError(
          `cannot load int64 tensor '${t.name}': element ${i} is ${v}, outside ±(2^53 - 1) where tensorgrad's ` +
            `int64 values (stored as doubles) are exact`,
        );
      data[i] = Number(v);
    }
  } else if (t.code === "BOOL") {
    for (let i = 0; i < count; i++) data[i] = raw[i] !== 0 ? 1 : 0;
  } else if (LITTLE_ENDIAN) {
    data.set(new (data.constructor as new (b: ArrayBuffer) => typeof data)(raw.buffer));
  } else {
    for (let i = 0; i < count; i++) {
      if (t.code === "F32") data[i] = view.getFloat32(i * 4, true);
      else if (t.code === "F64") data[i] = view.getFloat64(i * 8, true);
      else data[i] = view.getInt32(i * 4, true);
    }
  }
  return Tensor._fromData(data, t.shape, dtype);
}

/** The tensors of a .safetensors file's bytes, keyed by name in sorted order (like `load_file`). */
export function loadFromBytes(bytes: Uint8Array | ArrayBuffer): StateDict {
  const buffer = asBytes(bytes);
  const { tensors, dataStart } = parseFile(buffer);
  const decoded = tensors.map((t) => [t.name, decodeTensor(buffer, dataStart, t)] as const);
  decoded.sort((a, b) => compareUtf8(a[0], b[0]));
  const out: StateDict = {};
  // defineProperty, so a tensor named "__proto__" is an ordinary key.
  for (const [name, t] of decoded)
    Object.defineProperty(out, name, { value: t, enumerable: true, writable: true, configurable: true });
  return out;
}

/** The `__metadata__` string pairs of a .safetensors file's bytes, or null when it has none. */
export function metadataFromBytes(bytes: Uint8Array | ArrayBuffer): Metadata | null {
  return parseFile(asBytes(bytes)).metadata;
}

type FsPromises = typeof import("node:fs/promises");

// Node's fs is loaded only here, on demand, and out of bundlers' sight (no literal import), so browser
// bundles of the byte functions never need it.
async function nodeFs(): Promise<FsPromises> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (proc?.getBuiltinModule) return proc.getBuiltinModule("node:fs/promises") as FsPromises;
  const specifier = "node:fs/promises";
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as FsPromises;
}

/** torch.save for a state dict, in the safetensors format: `await torch.save(model.state_dict(), "m.safetensors")`. */
export function save(
  stateDict: StateDict | Map<string, Tensor>,
  path: string,
  opts: SaveOptions = {},
): Promise<void> {
  // A bad state dict throws here, synchronously, like every other argument error; only the write is async.
  const bytes = saveToBytes(stateDict, opts);
  return nodeFs().then((fs) => writeAtomically(fs, path, bytes));
}

let temporaryCount = 0;

/**
 * Writes the bytes to a temporary file in the same directory, then renames it over `path`: readers, and
 * saves racing to the same path, see either a whole old file or a whole new one, never a mix.
 */
async function writeAtomically(fs: FsPromises, path: string, bytes: Uint8Array): Promise<void> {
  const pid = (globalThis as { process?: { pid?: number } }).process?.pid ?? 0;
  const temporary = `${path}.${pid}.${++temporaryCount}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await fs.writeFile(temporary, bytes, { flag: "wx" });
    await fs.rename(temporary, path);
  } catch (e) {
    await fs.rm(temporary, { force: true });
    throw e;
  }
}

/**
 * torch.load for a .safetensors file: `const sd = await torch.load("m.safetensors")`. The header size is
 * checked against the file's size before the rest is read, so a huge or endless file (/dev/zero) fails at once.
 */
export async function load(path: string): Promise<StateDict> {
  const handle = await (await nodeFs()).open(path, "r");
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(8, size));
    await handle.read(head, 0, head.length, 0);
    checkHeaderSize(head, size);
    const file = new Uint8Array(size);
    const { bytesRead } = await handle.read(file, 0, size, 0);
    if (bytesRead !== size)
      throw new SafetensorError(
        `incomplete read: the file changed size while it was read (${bytesRead} of ${size} bytes)`,
      );
    return loadFromBytes(file);
  } finally {
    await handle.close();
  }
}
