// Child process for native_safety.test.ts: feeds bad calls to the raw addon and to the checked wrappers
// and prints each outcome ("threw: <message>" or "returned"). A segfault kills only this process.
import { checked, loadAddon, type RawAddon } from "../../src/backend/native/addon.js";

const loaded = loadAddon();
if (!("addon" in loaded)) {
  console.log(`unavailable: ${loaded.error}`);
  process.exit(0);
}
const raw = loaded.addon;
const safe = checked(raw);
const f32 = (n: number) => new Float32Array(n);
const f64 = (n: number) => new Float64Array(n);
type Call = () => void;
/** Loose calls: the point is to pass what the types forbid. */
const loose = raw as unknown as Record<keyof RawAddon, (...args: unknown[]) => void>;
const looseSafe = safe as unknown as Record<keyof RawAddon, (...args: unknown[]) => void>;

const cases: Record<string, Call> = {
  // Raw addon: C must refuse these itself.
  "raw unary no args": () => loose.unary(),
  "raw unary int array": () => loose.unary(0, new Int32Array(4), 0, [4], [1], f32(4)),
  "raw unary offset past end": () => raw.unary(0, f32(4), 3, [4], [1], f32(4)),
  "raw unary huge stride": () => raw.unary(0, f32(4), 0, [4], [1e9], f32(4)),
  "raw unary negative stride": () => raw.unary(0, f32(4), 0, [4], [-1], f32(4)),
  "raw unary short out": () => raw.unary(0, f32(4), 0, [4], [1], f32(2)),
  "raw unary mixed types": () => raw.unary(0, f32(4), 0, [4], [1], f64(4)),
  "raw unary bad op": () => raw.unary(99, f32(4), 0, [4], [1], f32(4)),
  "raw unary shape string": () => loose.unary(0, f32(4), 0, "4", [1], f32(4)),
  "raw unary fractional offset": () => raw.unary(0, f32(4), 0.5, [4], [1], f32(4)),
  "raw unary 17 dims": () => raw.unary(0, f32(1), 0, Array(17).fill(1), Array(17).fill(1), f32(1)),
  "raw binary b out of bounds": () => raw.binary(0, f32(4), 0, [1], f32(2), 0, [1], [4], f32(4)),
  "raw binary negative shape": () => raw.binary(0, f32(4), 0, [1], f32(4), 0, [1], [-4], f32(4)),
  "raw gemm a too short": () => raw.gemm(f32(3), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2),
  "raw gemm small lda": () => raw.gemm(f32(4), 0, 0, 0, 1, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2),
  "raw gemm batch overrun": () => raw.gemm(f32(4), 0, 4, 0, 2, f32(4), 0, 0, 0, 2, f32(8), 2, 2, 2, 2),
  "raw gemm bad accumulate": () => raw.gemm(f32(4), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2, 2),
  "checked gemm bad accumulate": () =>
    safe.gemm(f32(4), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2, -1),
  "raw gemm negative m": () => raw.gemm(f32(4), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, -2, 2, 2),
  "raw reduceRows overrun": () => raw.reduceRows(f32(4), 0, 2, 3, 3, 0, f32(2)),
  "raw reduceRows argmax float32 out": () => raw.reduceRows(f32(4), 0, 2, 2, 2, 2, f32(2)),
  "raw reduceRows bad op": () => raw.reduceRows(f32(4), 0, 2, 2, 2, 4, f32(2)),
  // Checked wrappers: TypeScript must refuse before C sees anything.
  "checked unary offset past end": () => safe.unary(0, f32(4), 3, [4], [1], f32(4)),
  "checked unary stride overrun": () => safe.unary(0, f32(4), 0, [2, 2], [3, 1], f32(4)),
  "checked unary NaN offset": () => safe.unary(0, f32(4), NaN, [4], [1], f32(4)),
  "checked binary strides length": () => safe.binary(0, f32(4), 0, [1, 1], f32(4), 0, [1], [4], f32(4)),
  "checked binary int64 storage mismatch": () => safe.binary(0, f32(4), 0, [1], f64(4), 0, [1], [4], f32(4)),
  "checked gemm transposed overrun": () =>
    safe.gemm(f32(4), 0, 0, 1, 3, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2),
  "checked gemm out length": () => safe.gemm(f32(4), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(3), 1, 2, 2, 2),
  "checked reduceRows zero cols": () => safe.reduceRows(f32(4), 0, 2, 0, 2, 0, f32(2)),
  "checked reduceRows argmin short out": () => safe.reduceRows(f32(4), 0, 2, 2, 2, 3, f64(1)),
  "checked unary not an array": () => looseSafe.unary(0, [1, 2], 0, [2], [1], f32(2)),
  "raw sumIter no args": () => loose.sumIter(),
  "raw sumIter x out of bounds": () => raw.sumIter(f32(4), 0, [8], [1], [0], f32(1)),
  "raw sumIter out out of bounds": () => raw.sumIter(f32(8), 0, [2, 4], [4, 1], [1, 0], f32(1)),
  "raw sumIter strides length": () => raw.sumIter(f32(4), 0, [4], [1, 1], [0], f32(1)),
  "raw sumIter mixed types": () => raw.sumIter(f32(4), 0, [4], [1], [0], f64(1)),
  "raw sumIter negative size": () => raw.sumIter(f32(4), 0, [-4], [1], [0], f32(1)),
  "raw softmax no args": () => loose.softmax(),
  "raw softmax float64": () => loose.softmax(f64(4), 0, 1, 4, 1, 1, 0, f64(4)),
  "raw softmax overrun": () => raw.softmax(f32(4), 1, 1, 4, 1, 1, 0, f32(4)),
  "raw softmax short out": () => raw.softmax(f32(4), 0, 1, 4, 1, 1, 0, f32(3)),
  "raw softmax lastDim with inner": () => raw.softmax(f32(8), 0, 1, 4, 2, 1, 0, f32(8)),
  "raw softmax huge sizes": () => raw.softmax(f32(4), 0, 2 ** 40, 2 ** 40, 1, 0, 0, f32(4)),
  "raw softmax bad log flag": () => raw.softmax(f32(4), 0, 1, 4, 1, 1, 2, f32(4)),
  "checked sumIter x overrun": () => safe.sumIter(f32(4), 1, [4], [1], [0], f32(1)),
  "checked sumIter out overrun": () => safe.sumIter(f32(8), 0, [2, 4], [4, 1], [1, 0], f32(1)),
  "checked sumIter fractional size": () => safe.sumIter(f32(4), 0, [2.5], [1], [0], f32(1)),
  "checked sumIter out type": () => safe.sumIter(f32(4), 0, [4], [1], [0], f64(1)),
  "checked softmax overrun": () => safe.softmax(f32(4), 0, 2, 4, 1, 1, 0, f32(8)),
  "checked softmax out length": () => safe.softmax(f32(4), 0, 1, 4, 1, 1, 1, f32(5)),
  "checked softmax not float32": () => looseSafe.softmax(f64(4), 0, 1, 4, 1, 1, 0, f64(4)),
  "checked softmax negative inner": () => safe.softmax(f32(4), 0, 1, 4, -1, 0, 0, f32(4)),
  "raw sigmoidBackward no args": () => loose.sigmoidBackward(),
  "raw sigmoidBackward g overrun": () => raw.sigmoidBackward(f32(4), 1, f32(4), 0, f32(4)),
  "raw sigmoidBackward mixed types": () => loose.sigmoidBackward(f32(4), 0, f64(4), 0, f32(4)),
  "raw thresholdBackward x overrun": () => raw.thresholdBackward(f32(4), 0, f32(3), 0, 0, f32(4)),
  "raw thresholdBackward threshold string": () => loose.thresholdBackward(f32(4), 0, f32(4), 0, "0", f32(4)),
  "raw softmaxBackward sizes mismatch out": () =>
    raw.softmaxBackward(f32(8), 0, f32(8), 0, 2, 4, 1, 0, f32(6)),
  "raw softmaxBackward y overrun": () => raw.softmaxBackward(f32(8), 0, f32(8), 2, 2, 4, 1, 0, f32(8)),
  "raw softmaxBackward zero dim": () => raw.softmaxBackward(f32(8), 0, f32(8), 0, 2, 0, 1, 0, f32(8)),
  "raw softmaxBackward huge sizes": () =>
    raw.softmaxBackward(f32(8), 0, f32(8), 0, 2 ** 40, 2 ** 40, 2 ** 40, 1, f32(8)),
  "checked sigmoidBackward y overrun": () => safe.sigmoidBackward(f32(4), 0, f32(4), 1, f32(4)),
  "checked thresholdBackward out type": () => looseSafe.thresholdBackward(f32(4), 0, f32(4), 0, 0, f64(4)),
  "raw bceWithLogits float64": () => loose.bceWithLogits(f64(4), 0, f64(4), 0, f64(4)),
  "raw bceWithLogits y overrun": () => raw.bceWithLogits(f32(4), 0, f32(4), 1, f32(4)),
  "raw bceWithLogitsBackward bad gStride": () =>
    raw.bceWithLogitsBackward(f32(4), 0, f32(4), 0, f32(4), 0, 2, 1, f32(4)),
  "raw bceWithLogitsBackward g overrun": () =>
    raw.bceWithLogitsBackward(f32(4), 0, f32(4), 0, f32(4), 1, 1, 1, f32(4)),
  "checked bceWithLogitsBackward zero divisor": () =>
    safe.bceWithLogitsBackward(f32(4), 0, f32(4), 0, f32(1), 0, 0, 0, f32(4)),
  "checked softmaxBackward out length": () => safe.softmaxBackward(f32(8), 0, f32(8), 0, 2, 4, 2, 1, f32(8)),
  // A good call still works after all that.
  "good unary": () => {
    const out = f32(3);
    safe.unary(0, Float32Array.of(1, 2, 3, 4), 1, [3], [1], out);
    if (out.join() !== "-2,-3,-4") throw new Error(`wrong result ${out.join()}`);
  },
  "good sumIter": () => {
    const out = f32(2);
    safe.sumIter(Float32Array.of(1, 2, 3, 4, 5), 1, [2, 2], [2, 1], [0, 1], out);
    if (out.join() !== "6,8") throw new Error(`wrong result ${out.join()}`);
  },
  "good thresholdBackward": () => {
    const out = f32(3);
    safe.thresholdBackward(Float32Array.of(1, 2, 3), 0, Float32Array.of(-1, 0, 5), 0, 0, out);
    if (out.join() !== "0,0,3") throw new Error(`wrong result ${out.join()}`);
  },
  "good softmax": () => {
    const out = f32(2);
    safe.softmax(Float32Array.of(9, 0, 0), 1, 1, 2, 1, 1, 1, out);
    if (out.join() !== String([-Math.fround(Math.log(2)), -Math.fround(Math.log(2))]))
      throw new Error(`wrong result ${out.join()}`);
  },
};

// One line of JSON per case, written as it finishes: a crash leaves the later cases missing.
for (const [name, call] of Object.entries(cases)) {
  let result: string;
  try {
    call();
    result = "returned";
  } catch (error) {
    result = `threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  process.stdout.write(`${JSON.stringify({ name, result })}\n`);
}
