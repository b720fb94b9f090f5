// torch.get_rng_state / torch.set_rng_state (torch/random.py over CPUGeneratorImpl::get_state/set_state):
// the default generator's state as the bytes of PyTorch's CPUGeneratorImplState (5056 of them: the seed,
// mt19937's left/seeded/next counters and 624 state words widened to 64 bits, the cached double normal,
// and a float-normal slot tensorgrad never fills). tensorgrad has no uint8 dtype, so the bytes come in an
// int64 tensor: the same length and values as PyTorch's ByteTensor, so a state recorded by PyTorch (its
// bytes as a list) restores the same stream here and the reverse. set_rng_state takes int64 or int32
// tensors of byte values (PyTorch's own TypeError for anything else) and the 5048-byte legacy layout too.
import { sin as glibcSin } from "../backend/js/glibc_sincos.js";
import { RuntimeError } from "../errors.js";
import { pyTypeName } from "../python_type.js";
import { definePython } from "../signatures/registry.js";
import { Category, int64 } from "../tensor/dtype.js";
import { default_generator, type Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { fromData } from "./core.js";

const N = 624;
const LEGACY_SIZE = 5048;
const STATE_SIZE = 5056;
/** Byte offsets in CPUGeneratorImplState (x86-64 layout, little endian). */
const AT = {
  seed: 0,
  left: 8,
  seeded: 12,
  next: 16,
  state: 24,
  normalX: 5016,
  normalY: 5024,
  normalRho: 5032,
  normalValid: 5040,
  floatValid: 5052,
};

/** The generator's fields this module reads and writes (private to src/tensor/random.ts). */
interface GeneratorFields {
  state: Uint32Array;
  index: number;
  currentSeed: bigint;
  cachedNormal: number | null;
}
const fields = (g: Generator) => g as unknown as GeneratorFields;

/** Whether the state words are still the ones manual_seed wrote (mt19937's next_ is then 0, not 624). */
function freshlySeeded(g: GeneratorFields): boolean {
  let prev = Number(g.currentSeed & 0xffffffffn) >>> 0;
  if (g.state[0] !== prev) return false;
  for (let j = 1; j < N; j++) {
    const x = (prev ^ (prev >>> 30)) >>> 0;
    prev = (Math.imul(x, 1812433253) + j) >>> 0;
    if (g.state[j] !== prev) return false;
  }
  return true;
}

/** CPUGeneratorImpl::get_state of a generator, as its 5056 bytes. */
export function generatorState(gen: Generator): Uint8Array {
  const g = fields(gen);
  const bytes = new Uint8Array(STATE_SIZE);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(AT.seed, g.currentSeed, true);
  const exhausted = g.index >= N;
  // tensorgrad twists when index reaches N; mt19937 when --left reaches 0: left = N - index + 1.
  view.setInt32(AT.left, exhausted ? 1 : N - g.index + 1, true);
  view.setInt32(AT.seeded, 1, true);
  view.setBigUint64(AT.next, BigInt(exhausted && freshlySeeded(g) ? 0 : g.index), true);
  for (let i = 0; i < N; i++) view.setBigUint64(AT.state + 8 * i, BigInt(g.state[i]), true);
  if (g.cachedNormal !== null) {
    view.setInt32(AT.normalValid, 1, true);
    view.setFloat64(AT.normalY, g.cachedNormal, true);
  }
  return bytes;
}

/** CPUGeneratorImpl::set_state from its bytes (either layout), with PyTorch's checks. */
export function setGeneratorState(gen: Generator, bytes: Uint8Array): void {
  if (bytes.length !== LEGACY_SIZE && bytes.length !== STATE_SIZE)
    throw new RuntimeError(
      `Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_SIZE} or a CPUGeneratorImplState of size ${STATE_SIZE} but found the input RNG state size to be ${bytes.length}`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const left = view.getInt32(AT.left, true);
  const seeded = view.getInt32(AT.seeded, true) & 0xff;
  const next = view.getUint32(AT.next, true);
  if (seeded === 0 || left <= 0 || left > N || next > N) throw new RuntimeError("Invalid mt19937 state");
  const g = fields(gen);
  g.currentSeed = view.getBigUint64(AT.seed, true);
  for (let i = 0; i < N; i++) g.state[i] = view.getUint32(AT.state + 8 * i, true);
  g.index = left === 1 ? N : next;
  const valid = view.getInt32(AT.normalValid, true) !== 0;
  // The legacy layout's cache is rebuilt from its Box-Muller intermediates: rho * sin(2 pi x), as PyTorch does
  // (states it wrote itself hold zeros there, so their cached normal comes back as 0).
  const legacyNormal = () =>
    view.getFloat64(AT.normalRho, true) * glibcSin(2 * Math.PI * view.getFloat64(AT.normalX, true));
  g.cachedNormal = !valid
    ? null
    : bytes.length === LEGACY_SIZE
      ? legacyNormal()
      : view.getFloat64(AT.normalY, true);
}

/** torch.get_rng_state(): the default generator's state bytes, in an int64 tensor. */
export function get_rng_state(): Tensor {
  return fromData(Float64Array.from(generatorState(default_generator)), [STATE_SIZE], int64);
}

/** torch.set_rng_state(new_state): restores the default generator from get_rng_state's bytes. */
export function set_rng_state(newState: unknown): void {
  if (!(newState instanceof Tensor))
    throw new TypeError(`expected a torch.ByteTensor, but got ${pyTypeName(newState)}`);
  if (newState.dtype.category !== Category.Integral)
    throw new TypeError("RNG state must be a torch.ByteTensor");
  const values = newState.reshape([-1]).values();
  const bytes = new Uint8Array(values.length);
  values.forEach((v, i) => {
    if (v < 0 || v > 255) throw new TypeError("RNG state must be a torch.ByteTensor");
    bytes[i] = v;
  });
  setGeneratorState(default_generator, bytes);
}

definePython("torch", {
  "get_rng_state() -> Tensor": get_rng_state,
  "set_rng_state(new_state) -> None": set_rng_state,
});
