// Child process for native_safety.test.ts: feeds bad calls straight to the raw addon and prints each outcome
// ("threw: <message>" or "returned"), one JSON line per case. A segfault kills only this process.
import { loadAddon, type RawAddon } from "../../src/backend/native/addon.js";

const loaded = loadAddon();
if (!("addon" in loaded)) {
  console.log(`unavailable: ${loaded.error}`);
  process.exit(0);
}
const raw = loaded.addon;
const f32 = (n: number) => new Float32Array(n);
const f64 = (n: number) => new Float64Array(n);
type Call = () => void;
/** Loose calls: the point is to pass what the types forbid. */
const loose = raw as unknown as Record<keyof RawAddon, (...args: unknown[]) => void>;
/** The largest safe integer: offsets and strides up to it pass the argument parser and must be range-checked. */
const MAX = 2 ** 53 - 1;
/** adamStep's lr, beta1, beta2, eps, weightDecay, stepSize, bias2Sqrt. */
const ADAM_SCALARS = [1e-3, 0.9, 0.999, 1e-8, 0, 1, 1] as const;
/** 1024 dims' worth of this stride spans about 2^63: two such spans overflow int64. */
const WRAP = [1024, 1024];

const cases: Record<string, Call> = {
  // The generator's state must be its 624 words and the next-word index at most 624.
  "raw mtUniformFill short state": () => raw.mtUniformFill(new Uint8Array(100), 0, f32(4), 0, 1),
  "raw mtUniformFill index past 624": () => raw.mtUniformFill(new Uint8Array(2496), 625, f32(4), 0, 1),
  "raw mtUniformFill int state": () => loose.mtUniformFill(new Uint32Array(624), 0, f32(4), 0, 1),
  // Argument kinds and counts (native/args.c's parser).
  "raw unary no args": () => loose.unary(),
  "raw unary int array": () => loose.unary(0, new Int32Array(4), 0, [4], [1], f32(4)),
  "raw unary plain array data": () => loose.unary(0, [1, 2], 0, [2], [1], f32(2)),
  "raw unary mixed types": () => raw.unary(0, f32(4), 0, [4], [1], f64(4)),
  "raw unary bad op": () => raw.unary(99, f32(4), 0, [4], [1], f32(4)),
  "raw unary shape string": () => loose.unary(0, f32(4), 0, "4", [1], f32(4)),
  "raw unary fractional offset": () => raw.unary(0, f32(4), 0.5, [4], [1], f32(4)),
  "raw unary NaN offset": () => raw.unary(0, f32(4), NaN, [4], [1], f32(4)),
  "raw unary 17 dims": () => raw.unary(0, f32(1), 0, Array(17).fill(1), Array(17).fill(1), f32(1)),
  "raw unary stride past 2^53": () => raw.unary(0, f32(4), 0, [1], [2 ** 53 + 2], f32(1)),
  "raw binary negative shape": () => raw.binary(0, f32(4), 0, [1], f32(4), 0, [1], [-4], f32(4)),
  "raw binary strides length": () => raw.binary(0, f32(4), 0, [1, 1], f32(4), 0, [1], [4], f32(4)),
  "raw binary mixed float types": () => raw.binary(0, f32(4), 0, [1], f64(4), 0, [1], [4], f32(4)),
  "raw gemm too many args": () =>
    loose.gemm(f32(4), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2, 0, 0),
  "raw gemm bad accumulate": () => raw.gemm(f32(4), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2, 2),
  "raw gemm negative accumulate": () =>
    raw.gemm(f32(4), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2, -1),
  "raw gemm negative m": () => raw.gemm(f32(4), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, -2, 2, 2),
  "raw reduceRows bad op": () => raw.reduceRows(f32(4), 0, 2, 2, 2, 4, f32(2)),
  "raw sumIter no args": () => loose.sumIter(),
  "raw sumIter strides length": () => raw.sumIter(f32(4), 0, [4], [1, 1], [0], f32(1)),
  "raw sumIter mixed types": () => raw.sumIter(f32(4), 0, [4], [1], [0], f64(1)),
  "raw sumIter float64 x float32 out": () => raw.sumIter(f64(4), 0, [4], [1], [0], f32(1)),
  "raw sumIter negative size": () => raw.sumIter(f32(4), 0, [-4], [1], [0], f32(1)),
  "raw sumIter fractional size": () => raw.sumIter(f32(4), 0, [2.5], [1], [0], f32(1)),
  "raw softmax no args": () => loose.softmax(),
  "raw softmax float64 x float32 out": () => loose.softmax(f64(4), 0, 1, 4, 1, 1, 0, f32(4)),
  "raw softmax float64 out": () => loose.softmax(f32(4), 0, 1, 4, 1, 1, 0, f64(4)),
  "raw softmax negative inner": () => raw.softmax(f32(4), 0, 1, 4, -1, 0, 0, f32(4)),
  "raw softmax bad log flag": () => raw.softmax(f32(4), 0, 1, 4, 1, 1, 2, f32(4)),
  "raw sigmoidBackward no args": () => loose.sigmoidBackward(),
  "raw sigmoidBackward mixed types": () => loose.sigmoidBackward(f32(4), 0, f64(4), 0, f32(4)),
  "raw thresholdBackward threshold string": () => loose.thresholdBackward(f32(4), 0, f32(4), 0, "0", f32(4)),
  "raw thresholdBackward out type": () => loose.thresholdBackward(f32(4), 0, f32(4), 0, 0, f64(4)),
  "raw bceWithLogits float64": () => loose.bceWithLogits(f64(4), 0, f64(4), 0, f64(4)),
  "raw bceWithLogitsBackward bad gStride": () =>
    raw.bceWithLogitsBackward(f32(4), 0, f32(4), 0, f32(4), 0, 2, 1, f32(4)),
  "raw bceWithLogitsBackward divisor string": () =>
    loose.bceWithLogitsBackward(f32(4), 0, f32(4), 0, f32(1), 0, 0, "1", f32(4)),

  // Ranges each entry point checks.
  "raw unary offset past end": () => raw.unary(0, f32(4), 3, [4], [1], f32(4)),
  "raw unary 2-D view offset past end": () => raw.unary(0, f32(4), 1, [2, 2], [2, 1], f32(4)),
  "raw unary huge stride": () => raw.unary(0, f32(4), 0, [4], [1e9], f32(4)),
  "raw unary 2-D stride overrun": () => raw.unary(0, f32(4), 0, [2, 2], [3, 1], f32(4)),
  "raw unary negative stride": () => raw.unary(0, f32(4), 0, [4], [-1], f32(4)),
  "raw unary short out": () => raw.unary(0, f32(4), 0, [4], [1], f32(2)),
  "raw binary b out of bounds": () => raw.binary(0, f32(4), 0, [1], f32(2), 0, [1], [4], f32(4)),
  "raw gemm a too short": () => raw.gemm(f32(3), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2),
  "raw gemm small lda": () => raw.gemm(f32(4), 0, 0, 0, 1, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2),
  "raw gemm batch overrun": () => raw.gemm(f32(4), 0, 4, 0, 2, f32(4), 0, 0, 0, 2, f32(8), 2, 2, 2, 2),
  "raw gemm transposed overrun": () => raw.gemm(f32(4), 0, 0, 1, 3, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2),
  "raw gemm out length": () => raw.gemm(f32(4), 0, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(3), 1, 2, 2, 2),
  "raw reduceRows overrun": () => raw.reduceRows(f32(4), 0, 2, 3, 3, 0, f32(2)),
  "raw reduceRows argmax float32 out": () => raw.reduceRows(f32(4), 0, 2, 2, 2, 2, f32(2)),
  "raw reduceRows zero cols": () => raw.reduceRows(f32(4), 0, 2, 0, 2, 0, f32(2)),
  "raw reduceRows argmin short out": () => raw.reduceRows(f32(4), 0, 2, 2, 2, 3, f64(1)),
  "raw sumIter x out of bounds": () => raw.sumIter(f32(4), 0, [8], [1], [0], f32(1)),
  "raw sumIter offset overrun": () => raw.sumIter(f32(4), 1, [4], [1], [0], f32(1)),
  "raw sumIter out out of bounds": () => raw.sumIter(f32(8), 0, [2, 4], [4, 1], [1, 0], f32(1)),
  "raw sumIter negative out stride": () => raw.sumIter(f32(8), 0, [2, 4], [4, 1], [-1, 0], f32(2)),
  "raw softmax overrun": () => raw.softmax(f32(4), 1, 1, 4, 1, 1, 0, f32(4)),
  "raw softmax outer overrun": () => raw.softmax(f32(4), 0, 2, 4, 1, 1, 0, f32(8)),
  "raw softmax short out": () => raw.softmax(f32(4), 0, 1, 4, 1, 1, 0, f32(3)),
  "raw softmax long out": () => raw.softmax(f32(4), 0, 1, 4, 1, 1, 1, f32(5)),
  "raw softmax lastDim with inner": () => raw.softmax(f32(8), 0, 1, 4, 2, 1, 0, f32(8)),
  "raw softmax huge sizes": () => raw.softmax(f32(4), 0, 2 ** 40, 2 ** 40, 1, 0, 0, f32(4)),
  "raw sigmoidBackward g overrun": () => raw.sigmoidBackward(f32(4), 1, f32(4), 0, f32(4)),
  "raw sigmoidBackward y overrun": () => raw.sigmoidBackward(f32(4), 0, f32(4), 1, f32(4)),
  "raw thresholdBackward x overrun": () => raw.thresholdBackward(f32(4), 0, f32(3), 0, 0, f32(4)),
  "raw softmaxBackward sizes mismatch out": () =>
    raw.softmaxBackward(f32(8), 0, f32(8), 0, 2, 4, 1, 0, f32(6)),
  "raw softmaxBackward out length": () => raw.softmaxBackward(f32(8), 0, f32(8), 0, 2, 4, 2, 1, f32(8)),
  "raw softmaxBackward y overrun": () => raw.softmaxBackward(f32(8), 0, f32(8), 2, 2, 4, 1, 0, f32(8)),
  "raw softmaxBackward zero dim": () => raw.softmaxBackward(f32(8), 0, f32(8), 0, 2, 0, 1, 0, f32(8)),
  "raw softmaxBackward huge sizes": () =>
    raw.softmaxBackward(f32(8), 0, f32(8), 0, 2 ** 40, 2 ** 40, 2 ** 40, 1, f32(8)),
  "raw bceWithLogits y overrun": () => raw.bceWithLogits(f32(4), 0, f32(4), 1, f32(4)),
  "raw bceWithLogitsBackward g overrun": () =>
    raw.bceWithLogitsBackward(f32(4), 0, f32(4), 0, f32(4), 1, 1, 1, f32(4)),
  "raw layerNorm x overrun": () =>
    raw.layerNorm(f32(4), 1, f32(0), 0, 0, f32(0), 0, 0, 2, 2, 1e-5, f32(4), f32(2), f32(2)),
  "raw layerNorm gamma overrun": () =>
    raw.layerNorm(f32(4), 0, f32(1), 0, 1, f32(0), 0, 0, 2, 2, 1e-5, f32(4), f32(2), f32(2)),
  "raw layerNorm short rstd": () =>
    raw.layerNorm(f32(4), 0, f32(0), 0, 0, f32(0), 0, 0, 2, 2, 1e-5, f32(4), f32(2), f32(1)),
  "raw layerNorm sizes overflow": () =>
    raw.layerNorm(f32(4), 0, f32(0), 0, 0, f32(0), 0, 0, 2 ** 40, 2 ** 40, 1e-5, f32(4), f32(2), f32(2)),
  "raw layerNorm mixed float types": () =>
    raw.layerNorm(f32(4), 0, f64(2), 0, 1, f32(0), 0, 0, 2, 2, 1e-5, f32(4), f32(2), f32(2)),
  "raw layerNormBackward short dx": () =>
    raw.layerNormBackward(
      f32(4),
      0,
      f32(4),
      0,
      f32(2),
      f32(2),
      f32(0),
      0,
      0,
      2,
      2,
      1,
      f32(2),
      f32(0),
      f32(0),
    ),
  "raw layerNormBackward short dgamma": () =>
    raw.layerNormBackward(
      f32(4),
      0,
      f32(4),
      0,
      f32(2),
      f32(2),
      f32(0),
      0,
      0,
      2,
      2,
      2,
      f32(0),
      f32(1),
      f32(0),
    ),
  "raw batchNormStats short running": () =>
    raw.batchNormStats(f32(4), 0, 2, 2, 1, 0.1, 1e-5, 1, f32(1), f32(2), f32(2), f32(2)),
  "raw batchNormStats sizes overflow": () =>
    raw.batchNormStats(f32(4), 0, 2 ** 40, 2 ** 40, 2 ** 40, 0.1, 1e-5, 0, f32(0), f32(0), f32(2), f32(2)),
  "raw batchNormTransform short out": () =>
    raw.batchNormTransform(f32(4), 0, f32(0), 0, f32(0), 0, f32(2), f32(2), 1, 2, 2, 1, 1e-5, f32(3)),
  "raw batchNormBackward short dbias": () =>
    raw.batchNormBackward(
      f32(4),
      0,
      f32(4),
      0,
      f32(0),
      0,
      f32(2),
      f32(2),
      1,
      2,
      2,
      1,
      1e-5,
      4,
      f32(0),
      f32(0),
      f32(1),
    ),
  "raw batchNormBackward x offset near 2^53": () =>
    raw.batchNormBackward(
      f32(4),
      0,
      f32(4),
      MAX,
      f32(0),
      0,
      f32(2),
      f32(2),
      1,
      2,
      2,
      1,
      1e-5,
      1,
      f32(4),
      f32(0),
      f32(0),
    ),

  // Index arithmetic past int64: each of these crashed the addon while its checks wrapped around.
  "raw unary spans wrap past int64": () => raw.unary(0, f32(4), 0, WRAP, [MAX, MAX], f32(2 ** 20)),
  "raw unary negative strides wrap": () => raw.unary(0, f32(4), 0, WRAP, [-MAX, -MAX], f32(2 ** 20)),
  "raw unary numel overflows": () => raw.unary(0, f32(4), 0, [2 ** 40, 2 ** 40], [2 ** 52, 1], f32(4)),
  "raw unary offset near 2^53": () => raw.unary(0, f32(4), MAX, [3], [2 ** 52], f32(3)),
  "raw binary b spans wrap": () =>
    raw.binary(0, f32(2 ** 20), 0, [1024, 1], f32(4), 0, [MAX, MAX], WRAP, f32(2 ** 20)),
  "raw binary a offset near 2^53": () => raw.binary(0, f32(4), MAX - 1, [1], f32(4), 0, [1], [2], f32(2)),
  "raw sumIter spans wrap": () => raw.sumIter(f32(4), 0, WRAP, [MAX, MAX], [0, 0], f32(1)),
  "raw sumIter out spans wrap": () => raw.sumIter(f32(2 ** 20), 0, WRAP, [1, 1024], [MAX, MAX], f32(1)),
  "raw sumIter numel overflows": () => raw.sumIter(f32(4), 0, [2 ** 40, 2 ** 40], [0, 0], [0, 0], f32(1)),
  "raw sumIter offset near 2^53": () => raw.sumIter(f32(4), MAX, [2], [-(2 ** 52)], [0], f32(1)),
  "raw reduceRows row stride wraps": () => raw.reduceRows(f32(4), 0, 2048, 1, MAX, 0, f32(2048)),
  "raw reduceRows offset near 2^53": () => raw.reduceRows(f32(4), MAX, 1, 2, 0, 0, f32(1)),
  "raw sortRows overrun": () => raw.sortRows(f32(4), 0, 2, 3, 3, 3, 0, 1, f32(6), f64(6)),
  "raw sortRows k past cols": () => raw.sortRows(f32(4), 0, 2, 2, 2, 3, 4, 1, f32(6), f64(6)),
  "raw sortRows float32 indices": () => raw.sortRows(f32(4), 0, 2, 2, 2, 2, 0, 1, f32(4), f32(4)),
  "raw sortRows short values": () => raw.sortRows(f32(4), 0, 2, 2, 2, 2, 0, 1, f32(3), f64(4)),
  "raw sortRows row stride wraps": () => raw.sortRows(f32(4), 0, 2048, 1, MAX, 1, 0, 1, f32(2048), f64(2048)),
  "raw sortRows offset near 2^53": () => raw.sortRows(f32(4), MAX, 1, 2, 0, 2, 0, 1, f32(2), f64(2)),
  // Fused optimizer updates (native/optim.c).
  "raw sgdStep grad overrun": () => raw.sgdStep(f32(4), 0, f32(4), 1, f32(0), 0, 4, 0.1, 0, 1, 0, 0, 0),
  "raw sgdStep buf overrun with momentum": () =>
    raw.sgdStep(f32(4), 0, f32(4), 0, f32(3), 0, 4, 0.1, 0.9, 1, 0, 0, 0),
  "raw sgdStep mixed types": () => raw.sgdStep(f32(4), 0, f64(4), 0, f32(4), 0, 4, 0.1, 0, 1, 0, 0, 0),
  "raw sgdStep offset near 2^53": () => raw.sgdStep(f32(4), MAX, f32(4), 0, f32(4), 0, 4, 0.1, 0, 1, 0, 0, 0),
  "raw adamStep expAvgSq overrun": () =>
    raw.adamStep(f32(4), 0, f32(4), 0, f32(4), 0, f32(4), 1, f32(0), 0, 4, ...ADAM_SCALARS, 0),
  "raw adamStep amsgrad short max": () =>
    raw.adamStep(f32(4), 0, f32(4), 0, f32(4), 0, f32(4), 0, f32(2), 0, 4, ...ADAM_SCALARS, 1),
  // optimStep (native/optim.c): the states each op reads, its hyper array, its flags.
  "raw optimStep rmsprop short hyper": () =>
    raw.optimStep(0, f32(4), 0, f32(4), 0, f32(4), 0, f32(0), 0, f32(0), 0, 4, f64(4), 0),
  "raw optimStep rmsprop momentum short buf": () =>
    raw.optimStep(
      0,
      f32(4),
      0,
      f32(4),
      0,
      f32(4),
      0,
      f32(3),
      0,
      f32(0),
      0,
      4,
      Float64Array.of(0.1, 0.9, 0, 0, 0.9),
      0,
    ),
  "raw optimStep rmsprop centered short grad_avg": () =>
    raw.optimStep(0, f32(4), 0, f32(4), 0, f32(4), 0, f32(0), 0, f32(2), 0, 4, f64(5), 1),
  "raw optimStep adamax state overrun": () =>
    raw.optimStep(2, f32(4), 0, f32(4), 0, f32(4), 0, f32(4), 1, f32(0), 0, 4, f64(5), 0),
  "raw optimStep bad op": () =>
    raw.optimStep(6, f32(4), 0, f32(4), 0, f32(4), 0, f32(4), 0, f32(4), 0, 4, f64(8), 0),
  "raw optimStep bad flags": () =>
    raw.optimStep(1, f32(4), 0, f32(4), 0, f32(4), 0, f32(0), 0, f32(0), 0, 4, f64(3), 8),
  "raw optimStep float32 hyper": () =>
    loose.optimStep(1, f32(4), 0, f32(4), 0, f32(4), 0, f32(0), 0, f32(0), 0, 4, f32(3), 0),
  "raw optimStep mixed types": () =>
    raw.optimStep(5, f32(4), 0, f32(4), 0, f64(4), 0, f32(4), 0, f32(0), 0, 4, f64(4), 0),
  "raw optimStep n near 2^53": () =>
    raw.optimStep(3, f32(4), 0, f32(4), 0, f32(4), 0, f32(4), 0, f32(0), 0, MAX, f64(7), 0),
  "raw optimStep offset near 2^53": () =>
    raw.optimStep(4, f32(4), 0, f32(4), 0, f32(4), MAX, f32(4), 0, f32(0), 0, 4, f64(8), 0),
  "raw softmaxBackward float64 y overrun": () =>
    raw.softmaxBackward(f64(8), 0, f64(8), 5, 2, 2, 2, 0, f64(8)),
  "raw geluBackward x overrun": () => raw.geluBackward(f32(4), 0, f32(4), 1, f32(4)),
  "raw geluBackward offset near 2^53": () => raw.geluBackward(f64(4), MAX, f64(4), 0, f64(4)),
  "raw geluBackward mixed types": () => raw.geluBackward(f32(4), 0, f64(4), 0, f32(4)),
  "raw setNumThreads zero": () => raw.setNumThreads(0),
  "raw setNumThreads fraction": () => raw.setNumThreads(1.5),
  // unary's new ops and where's bool condition (native/elementwise.c, native/im2col.c).
  "raw unary pow inexact exponent": () => raw.unary(9, f32(4), 0, [4], [1], f32(4), 1.5),
  "raw unary pow NaN exponent": () => raw.unary(9, f32(4), 0, [4], [1], f32(4), NaN),
  "raw unary param string": () => loose.unary(9, f32(4), 0, [4], [1], f32(4), "2"),
  "raw where cond float32": () => loose.where(f32(4), 0, [1], f32(4), 0, [1], f32(4), 0, [1], [4], f32(4)),
  "raw where cond overrun": () =>
    raw.where(new Uint8Array(3), 0, [1], f32(4), 0, [1], f32(4), 0, [1], [4], f32(4)),
  "raw where b overrun": () =>
    raw.where(new Uint8Array(4), 0, [1], f32(4), 0, [1], f32(4), 1, [1], [4], f32(4)),
  "raw where mixed types": () =>
    raw.where(new Uint8Array(4), 0, [1], f32(4), 0, [1], f64(4), 0, [1], [4], f32(4)),
  "raw where stride wraps": () =>
    raw.where(new Uint8Array(4), 0, [MAX, 1], f32(4), 0, [0, 1], f32(4), 0, [0, 1], [2, 2], f32(4)),
  "raw where short out": () =>
    raw.where(new Uint8Array(4), 0, [1], f32(4), 0, [1], f32(4), 0, [1], [4], f32(3)),
  // Gather and scatter along a dim (native/im2col.c): every index is checked before any is used.
  "raw gatherDim index past dim": () =>
    raw.gatherDim(f32(4), 0, [4], [1], 4, Float64Array.of(0, 1, 4, 2), 0, [1], 0, f32(4)),
  "raw gatherDim fractional index": () =>
    raw.gatherDim(f32(4), 0, [2], [1], 4, Float64Array.of(0, 1.5), 0, [1], 0, f32(2)),
  "raw gatherDim x overrun": () =>
    raw.gatherDim(f32(4), 0, [2], [1], 8, Float64Array.of(0, 7), 0, [1], 0, f32(2)),
  "raw gatherDim dim past dims": () => raw.gatherDim(f32(4), 0, [2], [1], 4, f64(2), 0, [1], 1, f32(2)),
  "raw scatterDim negative index": () =>
    raw.scatterDim(f32(4), [2], [1], 4, Float64Array.of(0, -1), 0, [1], f32(2), 0, [1], 0, 1),
  "raw scatterDim src overrun": () =>
    raw.scatterDim(f32(4), [3], [1], 4, f64(3), 0, [1], f32(2), 0, [1], 0, 1),
  "raw scatterDim out stride wraps": () =>
    raw.scatterDim(f32(4), [2, 2], [MAX, 1], 2, f64(4), 0, [2, 1], f32(4), 0, [2, 1], 1, 0),
  "raw adamStep n near 2^53": () =>
    raw.adamStep(f32(4), 0, f32(4), 0, f32(4), 0, f32(4), 0, f32(0), 0, MAX, ...ADAM_SCALARS, 0),
  // LAPACK (native/lapack.c): every size is checked before any routine runs.
  "raw lapackGetrf a too short": () => raw.lapackGetrf(f64(8), 1, 3, 3, f64(3), f64(1)),
  "raw lapackGetrf short pivots": () => raw.lapackGetrf(f64(9), 1, 3, 3, f64(2), f64(1)),
  "raw lapackGetrf batch * m * n wraps": () =>
    raw.lapackGetrf(f64(4), 2 ** 40, 2 ** 15, 2 ** 15, f64(1), f64(1)),
  "raw lapackGetrf m * n past int": () => raw.lapackGetrf(f64(4), 1, 2 ** 20, 2 ** 20, f64(1), f64(1)),
  "raw lapackGetrf m past int": () => raw.lapackGetrf(f64(4), 0, 2 ** 31, 1, f64(1), f64(1)),
  "raw lapackGetrf float32 pivots": () => loose.lapackGetrf(f32(4), 1, 2, 2, f32(2), f64(1)),
  "raw lapackTrsm b too short": () => raw.lapackTrsm(f64(4), f64(3), 1, 2, 2, 2, 1, 0, 0, 0),
  "raw lapackTrsm side mismatch": () => raw.lapackTrsm(f64(4), f64(6), 1, 2, 3, 2, 1, 0, 0, 0),
  "raw lapackTrsm mixed types": () => raw.lapackTrsm(f64(4), f32(4), 1, 2, 2, 2, 1, 0, 0, 0),
  "raw lapackPotrf short info": () => raw.lapackPotrf(f64(8), 2, 2, 0, f64(1)),
  "raw lapackPotrf bad upper flag": () => raw.lapackPotrf(f64(4), 1, 2, 2, f64(1)),
  "raw lapackGeqrf short tau": () => raw.lapackGeqrf(f64(6), 1, 3, 2, f64(1), f64(1)),
  "raw lapackOrgqr n past m": () => raw.lapackOrgqr(f64(6), f64(2), 1, 2, 3, 2, f64(1)),
  "raw lapackOrgqr k past n": () => raw.lapackOrgqr(f64(6), f64(3), 1, 3, 2, 3, f64(1)),
  "raw lapackOrgqr short tau": () => raw.lapackOrgqr(f64(6), f64(1), 1, 3, 2, 2, f64(1)),
  "raw lapackSyevd short w": () => raw.lapackSyevd(f64(9), 1, 3, 0, 1, f64(2), f64(1)),
  "raw lapackSyevd n * n past int": () => raw.lapackSyevd(f64(4), 1, 2 ** 16, 0, 1, f64(4), f64(1)),
  "raw lapackGesdd bad jobz": () => raw.lapackGesdd(f64(4), 1, 2, 2, 3, f64(2), f64(4), f64(4), f64(1)),
  "raw lapackGesdd short u": () => raw.lapackGesdd(f64(6), 1, 3, 2, 2, f64(2), f64(6), f64(4), f64(1)),
  "raw lapackGesdd short vh": () => raw.lapackGesdd(f64(6), 1, 3, 2, 1, f64(2), f64(6), f64(3), f64(1)),
  "raw gemm batch stride wraps": () =>
    raw.gemm(f32(4), 0, MAX, 0, 1, f32(4), 0, 0, 0, 1, f32(2048), 2048, 1, 1, 1),
  "raw gemm batch * m * n wraps to 0": () =>
    raw.gemm(
      f32(2 ** 21),
      0,
      0,
      1,
      2 ** 21,
      f32(2 ** 21),
      0,
      0,
      0,
      2 ** 21,
      f32(0),
      2 ** 22,
      2 ** 21,
      2 ** 21,
      1,
    ),
  "raw gemm huge sizes": () =>
    raw.gemm(f32(4), 0, 2 ** 52, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 2 ** 40, 2 ** 40, 2 ** 40, 2),
  "raw gemm offset near 2^53": () => raw.gemm(f32(4), MAX, 0, 0, 2, f32(4), 0, 0, 0, 2, f32(4), 1, 2, 2, 2),
  "raw softmax sizes overflow": () => raw.softmax(f32(4), 0, 2 ** 40, 2 ** 40, 2 ** 40, 0, 0, f32(0)),
  "raw softmax offset near 2^53": () => raw.softmax(f32(4), MAX, 1, 4, 1, 1, 0, f32(4)),
  "raw sigmoidBackward offset near 2^53": () => raw.sigmoidBackward(f32(4), MAX, f32(4), 0, f32(4)),
  "raw bceWithLogitsBackward g offset near 2^53": () =>
    raw.bceWithLogitsBackward(f32(4), 0, f32(4), 0, f32(4), MAX, 0, 1, f32(4)),

  // JavaScript run while the arguments are read (a getter) must not free an array C has already looked at.
  "raw unary strides getter detaches x": () => {
    const x = f32(1024);
    const strides = [1];
    Object.defineProperty(strides, 0, {
      get: () => {
        structuredClone(x.buffer, { transfer: [x.buffer] });
        return 1;
      },
    });
    raw.unary(0, x, 0, [1024], strides, f32(1024));
  },

  // A good call still works after all that.
  "good lapackGetrf": () => {
    // [[0, 1], [2, 3]]: rows swap (pivot 2), then U = [[2, 3], [0, 1]] with L's multiplier 0.
    const a = Float64Array.of(0, 1, 2, 3);
    const pivots = f64(2);
    const info = f64(1);
    raw.lapackGetrf(a, 1, 2, 2, pivots, info);
    if (`${a.join()};${pivots.join()};${info.join()}` !== "2,3,0,1;2,2;0")
      throw new Error(`wrong result ${a.join()} ${pivots.join()} ${info.join()}`);
  },
  "good unary": () => {
    const out = f32(3);
    raw.unary(0, Float32Array.of(1, 2, 3, 4), 1, [3], [1], out);
    if (out.join() !== "-2,-3,-4") throw new Error(`wrong result ${out.join()}`);
  },
  "good unary pow": () => {
    const out = f32(3);
    raw.unary(9, Float32Array.of(1, 2, 3, 4), 1, [3], [1], out, -1);
    if (out.join() !== [0.5, 1 / 3, 0.25].map(Math.fround).join())
      throw new Error(`wrong result ${out.join()}`);
  },
  "good where": () => {
    const out = f64(4);
    raw.where(
      Uint8Array.of(1, 0),
      0,
      [0, 1],
      Float64Array.of(1, 2),
      0,
      [1, 0],
      f64(1),
      0,
      [0, 0],
      [2, 2],
      out,
    );
    if (out.join() !== "1,0,2,0") throw new Error(`wrong result ${out.join()}`);
  },
  "good optimStep adagrad": () => {
    const param = Float64Array.of(1, 2);
    const sum = f64(2);
    raw.optimStep(
      1,
      param,
      0,
      Float64Array.of(3, 4),
      0,
      sum,
      0,
      f64(0),
      0,
      f64(0),
      0,
      2,
      Float64Array.of(1, 0, 0),
      0,
    );
    if (param.join() !== "0,1" || sum.join() !== "9,16")
      throw new Error(`wrong result ${param.join()} ${sum.join()}`);
  },
  "good sumIter": () => {
    const out = f32(2);
    raw.sumIter(Float32Array.of(1, 2, 3, 4, 5), 1, [2, 2], [2, 1], [0, 1], out);
    if (out.join() !== "6,8") throw new Error(`wrong result ${out.join()}`);
  },
  "good thresholdBackward": () => {
    const out = f32(3);
    raw.thresholdBackward(Float32Array.of(1, 2, 3), 0, Float32Array.of(-1, 0, 5), 0, 0, out);
    if (out.join() !== "0,0,3") throw new Error(`wrong result ${out.join()}`);
  },
  "good softmax": () => {
    const out = f32(2);
    raw.softmax(Float32Array.of(9, 0, 0), 1, 1, 2, 1, 1, 1, out);
    if (out.join() !== String([-Math.fround(Math.log(2)), -Math.fround(Math.log(2))]))
      throw new Error(`wrong result ${out.join()}`);
  },
  "good gemm accumulate": () => {
    const out = Float64Array.of(10, 20, 30, 40);
    raw.gemm(
      Float64Array.of(1, 2, 3, 4),
      0,
      0,
      0,
      2,
      Float64Array.of(1, 0, 0, 1),
      0,
      0,
      0,
      2,
      out,
      1,
      2,
      2,
      2,
      1,
    );
    if (out.join() !== "11,22,33,44") throw new Error(`wrong result ${out.join()}`);
  },
  // A zero divisor divides as the TypeScript kernel does (no longer refused).
  "good bceWithLogitsBackward zero divisor": () => {
    const out = f32(2);
    raw.bceWithLogitsBackward(
      Float32Array.of(0, 0),
      0,
      Float32Array.of(0, 1),
      0,
      Float32Array.of(1),
      0,
      0,
      0,
      out,
    );
    if (out.join() !== "Infinity,-Infinity") throw new Error(`wrong result ${out.join()}`);
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
