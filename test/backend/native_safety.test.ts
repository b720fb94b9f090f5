// Bad arguments to the native addon must throw a JavaScript Error, never crash: native/args.c checks every
// argument against the table (src/backend/native/entry_points.ts) and each entry point checks every range it
// touches with overflow-checked arithmetic. The calls go straight to the raw addon in a child process (tsx),
// so a segfault fails the tests instead of killing vitest.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const built = existsSync(`${root}build/Release/tensorgrad_native.node`);
const child = fileURLToPath(new URL("./native_safety_child.ts", import.meta.url));
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;

/** Names of the bad calls in native_safety_child.ts, "raw <entry point> ..." (listed here for the report). */
const BAD_CALLS = [
  "raw unary no args",
  "raw unary int array",
  "raw unary plain array data",
  "raw unary mixed types",
  "raw unary bad op",
  "raw unary shape string",
  "raw unary fractional offset",
  "raw unary NaN offset",
  "raw unary 17 dims",
  "raw unary stride past 2^53",
  "raw binary negative shape",
  "raw binary strides length",
  "raw binary mixed float types",
  "raw gemm too many args",
  "raw gemm bad accumulate",
  "raw gemm negative accumulate",
  "raw gemm negative m",
  "raw reduceRows bad op",
  "raw sumIter no args",
  "raw sumIter strides length",
  "raw sumIter mixed types",
  "raw sumIter float64 x float32 out",
  "raw sumIter negative size",
  "raw sumIter fractional size",
  "raw softmax no args",
  "raw softmax float64 x float32 out",
  "raw softmax float64 out",
  "raw softmax negative inner",
  "raw softmax bad log flag",
  "raw sigmoidBackward no args",
  "raw sigmoidBackward mixed types",
  "raw thresholdBackward threshold string",
  "raw thresholdBackward out type",
  "raw bceWithLogits float64",
  "raw bceWithLogitsBackward bad gStride",
  "raw bceWithLogitsBackward divisor string",
  "raw unary offset past end",
  "raw unary 2-D view offset past end",
  "raw unary huge stride",
  "raw unary 2-D stride overrun",
  "raw unary negative stride",
  "raw unary short out",
  "raw binary b out of bounds",
  "raw gemm a too short",
  "raw gemm small lda",
  "raw gemm batch overrun",
  "raw gemm transposed overrun",
  "raw gemm out length",
  "raw reduceRows overrun",
  "raw reduceRows argmax float32 out",
  "raw reduceRows zero cols",
  "raw reduceRows argmin short out",
  "raw sumIter x out of bounds",
  "raw sumIter offset overrun",
  "raw sumIter out out of bounds",
  "raw sumIter negative out stride",
  "raw softmax overrun",
  "raw softmax outer overrun",
  "raw softmax short out",
  "raw softmax long out",
  "raw softmax lastDim with inner",
  "raw softmax huge sizes",
  "raw sigmoidBackward g overrun",
  "raw sigmoidBackward y overrun",
  "raw thresholdBackward x overrun",
  "raw softmaxBackward sizes mismatch out",
  "raw softmaxBackward out length",
  "raw softmaxBackward y overrun",
  "raw softmaxBackward zero dim",
  "raw softmaxBackward huge sizes",
  "raw bceWithLogits y overrun",
  "raw bceWithLogitsBackward g overrun",
  "raw layerNorm x overrun",
  "raw layerNorm gamma overrun",
  "raw layerNorm short rstd",
  "raw layerNorm sizes overflow",
  "raw layerNorm mixed float types",
  "raw layerNormBackward short dx",
  "raw layerNormBackward short dgamma",
  "raw batchNormStats short running",
  "raw batchNormStats sizes overflow",
  "raw batchNormTransform short out",
  "raw batchNormBackward short dbias",
  "raw batchNormBackward x offset near 2^53",
  "raw unary spans wrap past int64",
  "raw unary negative strides wrap",
  "raw unary numel overflows",
  "raw unary offset near 2^53",
  "raw binary b spans wrap",
  "raw binary a offset near 2^53",
  "raw sumIter spans wrap",
  "raw sumIter out spans wrap",
  "raw sumIter numel overflows",
  "raw sumIter offset near 2^53",
  "raw reduceRows row stride wraps",
  "raw reduceRows offset near 2^53",
  "raw sortRows overrun",
  "raw sortRows k past cols",
  "raw sortRows float32 indices",
  "raw sortRows short values",
  "raw sortRows row stride wraps",
  "raw sortRows offset near 2^53",
  "raw sgdStep grad overrun",
  "raw sgdStep buf overrun with momentum",
  "raw sgdStep mixed types",
  "raw sgdStep offset near 2^53",
  "raw adamStep expAvgSq overrun",
  "raw adamStep amsgrad short max",
  "raw adamStep n near 2^53",
  "raw optimStep rmsprop short hyper",
  "raw optimStep rmsprop momentum short buf",
  "raw optimStep rmsprop centered short grad_avg",
  "raw optimStep adamax state overrun",
  "raw optimStep bad op",
  "raw optimStep bad flags",
  "raw optimStep float32 hyper",
  "raw optimStep mixed types",
  "raw optimStep n near 2^53",
  "raw optimStep offset near 2^53",
  "raw softmaxBackward float64 y overrun",
  "raw geluBackward x overrun",
  "raw geluBackward offset near 2^53",
  "raw geluBackward mixed types",
  "raw setNumThreads zero",
  "raw setNumThreads fraction",
  "raw unary pow inexact exponent",
  "raw unary pow NaN exponent",
  "raw unary param string",
  "raw where cond float32",
  "raw where cond overrun",
  "raw where b overrun",
  "raw where mixed types",
  "raw where stride wraps",
  "raw where short out",
  "raw gatherDim index past dim",
  "raw gatherDim fractional index",
  "raw gatherDim x overrun",
  "raw gatherDim dim past dims",
  "raw scatterDim negative index",
  "raw scatterDim src overrun",
  "raw scatterDim out stride wraps",
  "raw lapackGetrf a too short",
  "raw lapackGetrf short pivots",
  "raw lapackGetrf batch * m * n wraps",
  "raw lapackGetrf m * n past int",
  "raw lapackGetrf m past int",
  "raw lapackGetrf float32 pivots",
  "raw lapackTrsm b too short",
  "raw lapackTrsm side mismatch",
  "raw lapackTrsm mixed types",
  "raw lapackPotrf short info",
  "raw lapackPotrf bad upper flag",
  "raw lapackGeqrf short tau",
  "raw lapackOrgqr n past m",
  "raw lapackOrgqr k past n",
  "raw lapackOrgqr short tau",
  "raw lapackSyevd short w",
  "raw lapackSyevd n * n past int",
  "raw lapackGesdd bad jobz",
  "raw lapackGesdd short u",
  "raw lapackGesdd short vh",
  "raw gemm batch stride wraps",
  "raw gemm batch * m * n wraps to 0",
  "raw gemm huge sizes",
  "raw gemm offset near 2^53",
  "raw softmax sizes overflow",
  "raw softmax offset near 2^53",
  "raw sigmoidBackward offset near 2^53",
  "raw bceWithLogitsBackward g offset near 2^53",
  "raw unary strides getter detaches x",
  "raw mtUniformFill short state",
  "raw mtUniformFill index past 624",
  "raw mtUniformFill int state",
];

/** Valid calls made after the bad ones, each checking its values. */
const GOOD_CALLS = [
  "good lapackGetrf",
  "good unary",
  "good unary pow",
  "good where",
  "good optimStep adagrad",
  "good sumIter",
  "good thresholdBackward",
  "good softmax",
  "good gemm accumulate",
  "good bceWithLogitsBackward zero divisor",
];

if (!built) {
  console.warn(
    "native_safety: build/Release/tensorgrad_native.node is not built; skipping (npm rebuild tensorgrad)",
  );
}

describe.skipIf(!built)("native addon argument safety (child process)", () => {
  const outcomes = new Map<string, string>();
  let exit = "";
  beforeAll(() => {
    const r = spawnSync(process.execPath, [tsx, child], { cwd: root, encoding: "utf8", timeout: 60_000 });
    exit = `status ${r.status}, signal ${r.signal}, stderr ${r.stderr.slice(-500)}`;
    for (const line of r.stdout.split("\n").filter(Boolean)) {
      if (!line.startsWith("{")) {
        exit += `; ${line}`;
        continue;
      }
      const { name, result } = JSON.parse(line) as { name: string; result: string };
      outcomes.set(name, result);
    }
  });

  it("the child process exits normally (no crash)", () => {
    expect(exit).toMatch(/^status 0, signal null/);
  });

  it("runs exactly the listed calls", () => {
    expect([...outcomes.keys()].sort()).toEqual([...BAD_CALLS, ...GOOD_CALLS].sort());
  });

  // The addon's own error for that entry point: not, say, a TypeError from calling something that isn't there.
  it.each(BAD_CALLS)("%s throws the addon's Error", (name) => {
    const entry = name.split(" ")[1];
    expect(outcomes.get(name), exit).toMatch(new RegExp(`^threw: tensorgrad native ${entry}: `));
  });

  it.each(GOOD_CALLS)("a valid call after the bad ones computes the right values (%s)", (name) => {
    expect(outcomes.get(name), exit).toBe("returned");
  });
});
