// The thread policy (docs/native.md#threads): torch.set_num_threads(n) reaches the native backend's thread
// pool and OpenBLAS, get_num_threads() reads it back, OMP_NUM_THREADS sets the starting count as in PyTorch,
// and the results do not depend on the count: kernels split over the pool (elementwise, the fused backward
// kernels) and threaded OpenBLAS products give the same bits with 1 and 2 threads.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainingModels } from "../../bench/models.mjs";
import * as torch from "../../src/index.js";
import { availableBackends, get_backend, set_backend } from "../../src/backend/backend.js";
import { registerNativeBackend } from "../../src/backend/native/register.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const built = existsSync(`${root}build/Release/tensorgrad_native.node`);
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;

/** get_num_threads() in a fresh process with this environment. */
function startingThreads(env: Record<string, string>): string {
  const code = 'import * as torch from "./src/index.ts"; console.log(torch.get_num_threads());';
  const r = spawnSync(process.execPath, [tsx, "--eval", code], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, OMP_NUM_THREADS: "", ...env },
    timeout: 60_000,
  });
  return r.stdout.trim() || r.stderr.slice(-300);
}

/** Bits of a float tensor's values. */
const bits = (t: torch.Tensor): string =>
  Buffer.from(new Float64Array(t.to(torch.float64).flatten().tolist() as number[]).buffer).toString("hex");

/** Results of kernels that split their work over threads, as bits. */
function work(): string[] {
  torch.manual_seed(7);
  const x = torch.randn(300, 1000, { requires_grad: true });
  const y = torch.randn(300, 1000);
  const a = torch.randn(256, 256);
  const b = torch.randn(256, 256);
  const out = x.sigmoid().mul(y).add(x.tanh()).softmax(1);
  out.sum().backward();
  const step = trainingModels(torch).w4();
  for (let i = 0; i < 2; i++) step();
  return [bits(out), bits(x.grad!), bits(a.matmul(b)), bits(torch.randn(3))];
}

describe("torch.set_num_threads and get_num_threads", () => {
  it("get_num_threads reads back what set_num_threads set", () => {
    const before = torch.get_num_threads();
    try {
      torch.set_num_threads(1);
      expect(torch.get_num_threads()).toBe(1);
      torch.set_num_threads(5);
      expect(torch.get_num_threads()).toBe(5);
    } finally {
      torch.set_num_threads(before);
    }
  });

  it("starts at OMP_NUM_THREADS when set, as PyTorch does, else at the cores the process may use", async () => {
    const { availableParallelism } = await import("node:os");
    expect(startingThreads({ OMP_NUM_THREADS: "3" })).toBe("3");
    expect(startingThreads({})).toBe(String(availableParallelism()));
  }, 120_000);
});

describe.skipIf(!built)("native backend results with 1 and 2 threads", () => {
  let previous = "js";
  let threads = 1;
  beforeAll(() => {
    previous = get_backend();
    threads = torch.get_num_threads();
    if (!availableBackends().includes("native")) registerNativeBackend();
    set_backend("native");
  });
  afterAll(() => {
    torch.set_num_threads(threads);
    set_backend(previous);
  });

  it("elementwise, softmax, backward, a threaded matmul and two W4 steps: the same bits", () => {
    torch.set_num_threads(1);
    const one = work();
    torch.set_num_threads(2);
    const two = work();
    expect(two).toEqual(one);
  }, 120_000);
});
