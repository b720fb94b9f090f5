// The dispatch check of issue #16: one steady-state training step of each benchmark model (bench/models.mjs,
// written as users write them) on the native backend, with src/backend/dispatch_count.ts counting which
// kernels reached C. The kernels that have C implementations must run natively; the kernels that still run in
// TypeScript on an operand of at least 1024 elements (the largest elementwise cutover) are listed per model,
// exactly: a new fallback fails the test, and a kernel that lands in C fails it too until its line is
// deleted here. The goal is empty lists.
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainingModels } from "../../bench/models.mjs";
import * as torch from "../../src/index.js";
import { availableBackends, backend, get_backend, set_backend } from "../../src/backend/backend.js";
import {
  dispatchCounts,
  largeTypeScriptKernels,
  setDispatchCounting,
} from "../../src/backend/dispatch_count.js";
import { registerNativeBackend } from "../../src/backend/native/register.js";

const built = existsSync(new URL("../../build/Release/tensorgrad_native.node", import.meta.url));
if (!built) console.warn("dispatch: addon not built; skipping (npm rebuild tensorgrad)");

type Workload = "w4" | "w6" | "w7" | "w8";

/** Kernels with a C implementation that each model's step must run in C (at least once). */
const NATIVE: Record<Workload, string[]> = {
  w4: [
    "addmm float32",
    "binaryInto.add float32",
    "matmul float32",
    "optim.sgd float32",
    "reduce.sum float32",
    "softmax float32",
    "softmaxBackward float32",
    "thresholdBackward float32",
    "unary.relu float32",
  ],
  w6: [
    "addmm float32",
    "binaryInto.add float32",
    "conv.convBackward float32",
    "conv.convForward float32",
    "matmul float32",
    "optim.sgd float32",
    "pool.maxPool float32",
    "pool.maxPoolBackward float32",
    "reduce.sum float32",
    "softmax float32",
    "softmaxBackward float32",
    "thresholdBackward float32",
    "unary.relu float32",
  ],
  w7: [
    "addmm float32",
    "binary.add float32",
    "binary.div float32",
    "binary.mul float32",
    "geluBackward float32",
    "matmul float32",
    "norm.layerNorm",
    "norm.layerNormBackward",
    "optim.adam float32",
    "reduce.sum float32",
    "softmax float32",
    "softmaxBackward float32",
  ],
  w8: [
    "addmm float32",
    "binary.add float32",
    "binaryInto.mul float32",
    "gather float32",
    "matmul float32",
    "optim.sgd float32",
    "reduce.sum float32",
    "rnn.lstmCell",
    "rnn.lstmCellBackward",
    "rnn.lstmWeightGrad float32",
    "scatter float32",
    "softmax float32",
    "softmaxBackward float32",
    "twoNorms float32",
  ],
};

/**
 * NATIVE's kernels without a float64 C kernel for these models: none (log_softmax's backward has had its C
 * kernel since its TypeScript kernel took SLEEF's exp; native/grad_kernels.c mirrors it).
 */
const NO_FLOAT64_KERNEL: Partial<Record<Workload, string[]>> = {};

/** The TypeScript kernels above the cutover, per model and default dtype: the work list of issue #16. */
const TYPESCRIPT_ABOVE_CUTOVER: Record<"float32" | "float64", Record<Workload, string[]>> = {
  float32: { w4: [], w6: [], w7: [], w8: [] },
  float64: { w4: [], w6: [], w7: [], w8: [] },
};

describe.skipIf(!built)("kernel dispatch of the benchmark models on the native backend", () => {
  let previous = "js";
  beforeAll(() => {
    previous = get_backend();
    if (!availableBackends().includes("native")) registerNativeBackend();
    set_backend("native");
  });
  afterAll(() => {
    setDispatchCounting(false);
    set_backend(previous);
  });

  it("counting off leaves the backend's own kernel functions in place", () => {
    const native = backend() as unknown as Record<string, unknown> & { entryPoints: Record<string, unknown> };
    const unary = native.unary;
    const gemm = native.entryPoints.gemm;
    setDispatchCounting(true);
    expect(native.unary).not.toBe(unary);
    expect(native.entryPoints.gemm).not.toBe(gemm);
    torch.randn(64, 64).matmul(torch.randn(64, 64));
    expect(dispatchCounts().get("matmul float32")?.native).toBe(1);
    setDispatchCounting(false);
    expect(native.unary).toBe(unary);
    expect(native.entryPoints.gemm).toBe(gemm);
  });

  const models = trainingModels(torch);
  for (const dtype of ["float32", "float64"] as const) {
    for (const name of Object.keys(NATIVE) as Workload[]) {
      it(`${name} ${dtype}: C kernels run natively; the TypeScript fallbacks are the listed ones`, () => {
        const previousDtype = torch.get_default_dtype();
        torch.set_default_dtype(torch[dtype]);
        torch.manual_seed(0);
        try {
          const step = models[name]();
          // The first step differs (optimizer state is created): count the steady state's second.
          step();
          setDispatchCounting(true);
          try {
            step();
          } finally {
            setDispatchCounting(false);
          }
        } finally {
          torch.set_default_dtype(previousDtype);
        }
        const counts = dispatchCounts();
        const expected = NATIVE[name].map((key) => key.replace(/ float32$/, ` ${dtype}`));
        const notNative = expected.filter(
          (key) =>
            !(counts.get(key)?.native ?? 0) &&
            !(dtype === "float64" && NO_FLOAT64_KERNEL[name]?.includes(key)),
        );
        expect(notNative).toEqual([]);
        expect(largeTypeScriptKernels()).toEqual(TYPESCRIPT_ABOVE_CUTOVER[dtype][name]);
      }, 120_000);
    }
  }
});
