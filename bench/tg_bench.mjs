// One tensorgrad benchmark run in its own process: `node bench/tg_bench.mjs <workload> <js|native> [opts JSON]`.
// Prints one JSON object of metrics. Run by bench/run.mjs, which interleaves targets and takes medians.
// It imports the built package (dist/, what users run; bench/run.mjs builds it first), as plain JavaScript.
// W4, W6-W8 are training steps written as a user writes them (nn.Module subclasses, torch.optim, F.*), the same
// models as bench/torch_bench.py and, where TF.js can express them, bench/tfjs_bench.mjs.
import * as torch from "../dist/index.js";
import { availableBackends } from "../dist/backend/backend.js";
import { registerNativeBackend } from "../dist/backend/native/register.js";
import { trainingModels } from "./models.mjs";

const [workload, backendName, optsJson] = process.argv.slice(2);
/** @type {{ quick?: boolean, memorySteps?: number }} */
const opts = JSON.parse(optsJson ?? "{}");
if (!availableBackends().includes("native")) registerNativeBackend();
torch.set_backend(backendName);
torch.manual_seed(0);

const models = trainingModels(torch);
const now = () => performance.now();
/** Median of `reps` timings of fn (ms), after warming up for ~200 ms so V8 has optimised the code (steady state). */
function timeMs(fn, reps) {
  const warmUntil = now() + 200;
  do fn();
  while (now() < warmUntil);
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = now();
    fn();
    times.push(now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function w1() {
  const ops = 1000;
  const run = () => {
    const x = torch.tensor(0.5, { requires_grad: true });
    let y = x;
    for (let i = 0; i < ops / 4; i++) y = y.mul(1.01).add(0.1).sin().sigmoid();
    y.backward();
  };
  // Each run is ~0.5 ms: many of them, so a burst from a neighbour on the shared machine moves the median little.
  return { w1_us_per_op: (timeMs(run, opts.quick ? 5 : 101) * 1000) / ops };
}

function w2() {
  const x = torch.tensor(3.73);
  const y = torch.tensor(1.0);
  const w = torch.tensor(1.0, { requires_grad: true });
  const b = torch.tensor(0.0, { requires_grad: true });
  const eps = 1e-8;
  const step = () => {
    const z = w.mul(x).add(b);
    const p = torch.clamp(torch.sigmoid(z), eps, 1 - eps);
    const loss = torch.neg(y.mul(torch.log(p)).add(torch.sub(1, y).mul(torch.log(torch.sub(1, p)))));
    loss.backward();
    w.grad = null;
    b.grad = null;
  };
  const steps = 1000;
  const ms = timeMs(
    () => {
      for (let i = 0; i < steps; i++) step();
    },
    opts.quick ? 3 : 21,
  );
  return { w2_us_per_step: (ms * 1000) / steps };
}

function w3() {
  const out = {};
  // The JS backend needs minutes for N >= 1024 (about 2 GFLOPS, BENCHMARKS.md): measured up to 512 only.
  const sizes = backendName === "js" ? [128, 512] : opts.quick ? [128, 512, 1024] : [128, 512, 1024, 2048];
  for (const n of sizes) {
    const a = torch.randn([n, n]);
    const b = torch.randn([n, n]);
    const reps = n >= 1024 ? 3 : 10;
    const ms = timeMs(() => void a.matmul(b), backendName === "js" && n >= 1024 ? 1 : reps);
    out[`w3_gflops_${n}`] = (2 * n ** 3) / (ms * 1e6);
  }
  for (const n of backendName === "js" ? [512] : [512, 1024]) {
    const a = torch.randn([n, n], { requires_grad: true });
    const b = torch.randn([n, n], { requires_grad: true });
    const ms = timeMs(
      () => {
        a.grad = null;
        b.grad = null;
        torch.sum(a.matmul(b)).backward();
      },
      backendName === "js" ? 1 : 5,
    );
    out[`w3_fwdbwd_ms_${n}`] = ms;
  }
  return out;
}

/**
 * One training workload: the first step timed alone (lazy setup, V8 compiling the code), then a warm-up of a
 * few seconds, then seven timed batches of steps (each about 250 ms); steps per second is their median.
 */
function training(prefix, makeStep) {
  const step = makeStep();
  let t = now();
  step();
  const firstMs = now() - t;
  const warmUntil = now() + (opts.quick ? 300 : 3000);
  t = now();
  let warmSteps = 0;
  do {
    step();
    warmSteps++;
  } while (now() < warmUntil || warmSteps < 2);
  const stepMs = (now() - t) / warmSteps;
  const steps = Math.max(1, Math.round(250 / stepMs));
  const ms = timeBatches(
    () => {
      for (let i = 0; i < steps; i++) step();
    },
    opts.quick ? 2 : 7,
  );
  return {
    [`${prefix}_steps_per_s`]: (steps * 1000) / ms,
    [`${prefix}_ms_first_step`]: firstMs,
    [`${prefix}_peak_rss_mb`]: process.resourceUsage().maxRSS / 1024,
  };
}

/** Median of `reps` timings of fn (ms), without timeMs's warm-up (the caller has warmed up). */
function timeBatches(fn, reps) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = now();
    fn();
    times.push(now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** W4h: the MLP with a hand-written update (p -= lr * grad) and grads set to None, as W4 was first written. */
function mlp() {
  const layers = [new torch.nn.Linear(784, 256), new torch.nn.Linear(256, 128), new torch.nn.Linear(128, 10)];
  const params = layers.flatMap((l) => [...l.parameters()]);
  const x = torch.randn([128, 784]);
  const target = torch.randint(0, 10, [128]);
  const lr = 0.01;
  return () => {
    let h = x;
    layers.forEach((l, i) => {
      h = l.forward(h);
      if (i < layers.length - 1) h = torch.relu(h);
    });
    const loss = torch.nn.functional.cross_entropy(h, target);
    for (const p of params) p.grad = null;
    loss.backward();
    torch.no_grad(() => {
      for (const p of params) p.sub_(p.grad.mul(lr));
    });
  };
}

function w4h() {
  const step = mlp();
  const steps = backendName === "js" ? 3 : 20;
  // Seven timed batches of 20 steps (as bench/torch_bench.py): a shared machine makes single batches noisy.
  const ms = timeMs(
    () => {
      for (let i = 0; i < steps; i++) step();
    },
    opts.quick ? 1 : backendName === "js" ? 3 : 7,
  );
  return { w4h_steps_per_s: (steps * 1000) / ms };
}

function memory() {
  const step = mlp();
  const total = opts.memorySteps ?? 10000;
  for (let i = 0; i < total; i++) step();
  return {
    w4_peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    w4_rss_after_mb: process.memoryUsage().rss / 2 ** 20,
  };
}

function w5() {
  const out = {};
  for (const n of [1e6, 1e7]) {
    const x = torch.randn([n]);
    const reps = n === 1e7 ? 3 : 10;
    const fwd = timeMs(() => void torch.sigmoid(x).mul(x).add(1), reps);
    const xg = x.detach().requires_grad_(true);
    const fb = timeMs(() => {
      xg.grad = null;
      torch.sigmoid(xg).mul(xg).add(1).sum().backward();
    }, reps);
    const tag = n === 1e6 ? "1e6" : "1e7";
    out[`w5_fwd_melem_s_${tag}`] = n / (fwd * 1000);
    out[`w5_fwdbwd_melem_s_${tag}`] = n / (fb * 1000);
  }
  return out;
}

const workloads = {
  w1,
  w2,
  w3,
  w4: () => training("w4", models.w4),
  w4h,
  w5,
  w6: () => training("w6", models.w6),
  w7: () => training("w7", models.w7),
  w8: () => training("w8", models.w8),
  memory,
};
console.log(JSON.stringify(workloads[workload]()));
