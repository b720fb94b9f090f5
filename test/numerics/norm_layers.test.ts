// Bit-exactness of F.layer_norm and F.batch_norm against PyTorch 1.13 (test/fixtures/numerics/norm_layers.json,
// from scripts/gen_norm_numerics_fixtures.py): outputs, the updated running statistics and every gradient, on
// every backend (the native one runs native/norm.c), through the kernels' paths the shapes select.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

interface NormCase {
  kind: "layer" | "batch_train" | "batch_eval";
  dtype: "float32" | "float64";
  shape: number[];
  paramShape: number[];
  eps: number;
  momentum?: number;
  x: string;
  weight?: string;
  bias?: string;
  runningMean?: string;
  runningVar?: string;
  runningMeanAfter?: string;
  runningVarAfter?: string;
  y: string;
  grad: string;
  gradInput: string;
  gradWeight?: string;
  gradBias?: string;
}

const { cases } = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/norm_layers.json", import.meta.url), "utf8"),
) as { cases: NormCase[] };

function decode(b64: string, dtype: NormCase["dtype"]): Float32Array | Float64Array {
  const bytes = Buffer.from(b64, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return dtype === "float32" ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer);
}

/** The index of the first element whose bits differ (NaNs equal), or -1. */
function firstDifference(actual: torch.Tensor, expected: Float32Array | Float64Array): number {
  const values = actual.detach().contiguous().flatten().tolist() as number[];
  if (values.length !== expected.length) return 0;
  return values.findIndex(
    (v, i) => !Object.is(v, expected[i]) && !(Number.isNaN(v) && Number.isNaN(expected[i])),
  );
}

function run(c: NormCase) {
  const dtype = c.dtype === "float32" ? torch.float32 : torch.float64;
  const tensor = (b64: string, shape: number[], requiresGrad = false) =>
    torch
      .tensor([...decode(b64, c.dtype)], { dtype })
      .reshape(shape)
      .requires_grad_(requiresGrad);
  const x = tensor(c.x, c.shape, true);
  const weight = c.weight ? tensor(c.weight, c.paramShape, true) : null;
  const bias = c.bias ? tensor(c.bias, c.paramShape, true) : null;
  const running =
    c.runningMean && c.runningVar
      ? { mean: tensor(c.runningMean, c.paramShape), var: tensor(c.runningVar, c.paramShape) }
      : null;
  const F = torch.nn.functional;
  const y =
    c.kind === "layer"
      ? F.layer_norm(x, c.paramShape, weight, bias, c.eps)
      : F.batch_norm(
          x,
          running!.mean,
          running!.var,
          weight,
          bias,
          c.kind === "batch_train",
          c.momentum,
          c.eps,
        );
  if (c.grad === "sum") y.sum().backward();
  else y.backward(tensor(c.grad, c.shape));
  return { y, x, weight, bias, running };
}

for (const backend of availableBackends()) {
  describe(`layer_norm and batch_norm bits on the ${backend} backend`, () => {
    onBackend(backend);
    cases.forEach((c, i) => {
      const title = `#${i} ${c.kind} ${c.dtype} [${c.shape.join(", ")}]${c.grad === "sum" ? " .sum()" : ""}`;
      it(title, () => {
        const { y, x, weight, bias, running } = run(c);
        const checks: [string, torch.Tensor | null | undefined, string | undefined][] = [
          ["y", y, c.y],
          ["grad of x", x.grad, c.gradInput],
          ["grad of weight", weight?.grad, c.gradWeight],
          ["grad of bias", bias?.grad, c.gradBias],
          ["running mean", running?.mean, c.runningMeanAfter],
          ["running var", running?.var, c.runningVarAfter],
        ];
        for (const [what, actual, expected] of checks) {
          if (expected === undefined || actual === null || actual === undefined) continue;
          expect(firstDifference(actual, decode(expected, c.dtype)), what).toBe(-1);
        }
      });
    });
  });
}
