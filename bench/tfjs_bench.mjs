// One TF.js benchmark run in its own process (after bundling, see below): <workload> <cpu|wasm> [opts JSON].
// The same workloads as bench/tg_bench.mjs written with tfjs-core; prints one JSON object of metrics.
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import * as tf from "@tensorflow/tfjs-core";
// tfjs-core's prebuilt bundles leave gradients out; its ESM sources register them, so bench/run.mjs
// bundles this file with esbuild first (the sources' extensionless imports need a bundler).
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

const [workload, backendName, optsJson] = process.argv.slice(2);
const opts = JSON.parse(optsJson ?? "{}");
if (backendName === "wasm") {
  const require = createRequire(import.meta.url);
  setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm")), "/"));
}
await tf.setBackend(backendName);
await tf.ready();

function timeMs(fn, reps) {
  fn();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
/** Runs fn and waits for its result so asynchronous backends finish the work inside the timing. */
const sync = (t) => void t.dataSync();

function w1() {
  const ops = 1000;
  const f = (x) => {
    let y = x;
    for (let i = 0; i < ops / 4; i++) y = tf.sigmoid(tf.sin(tf.add(tf.mul(y, 1.01), 0.1)));
    return y;
  };
  const g = tf.grad(f);
  const run = () => tf.tidy(() => sync(g(tf.scalar(0.5))));
  return { w1_us_per_op: (timeMs(run, opts.quick ? 5 : 20) * 1000) / ops };
}

function w2() {
  const x = tf.scalar(3.73);
  const y = tf.scalar(1);
  const eps = 1e-8;
  const loss = (w, b) => {
    const p = tf.clipByValue(tf.sigmoid(tf.add(tf.mul(w, x), b)), eps, 1 - eps);
    return tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
  };
  const g = tf.grads(loss);
  const w = tf.scalar(1);
  const b = tf.scalar(0);
  const steps = 1000;
  const ms = timeMs(
    () => {
      for (let i = 0; i < steps; i++) tf.tidy(() => g([w, b]).forEach(sync));
    },
    opts.quick ? 3 : 7,
  );
  return { w2_us_per_step: (ms * 1000) / steps };
}

function w3() {
  const out = {};
  for (const n of opts.quick ? [128, 512, 1024] : [128, 512, 1024, 2048]) {
    const a = tf.randomNormal([n, n]);
    const b = tf.randomNormal([n, n]);
    const ms = timeMs(() => tf.tidy(() => sync(tf.matMul(a, b))), n >= 1024 ? 1 : 5);
    out[`w3_gflops_${n}`] = (2 * n ** 3) / (ms * 1e6);
  }
  for (const n of [512, 1024]) {
    const a = tf.randomNormal([n, n]);
    const b = tf.randomNormal([n, n]);
    const g = tf.grads((p, q) => tf.sum(tf.matMul(p, q)));
    out[`w3_fwdbwd_ms_${n}`] = timeMs(() => tf.tidy(() => g([a, b]).forEach(sync)), n >= 1024 ? 1 : 3);
  }
  return out;
}

function mlp() {
  const sizes = [784, 256, 128, 10];
  const params = [];
  for (let i = 0; i < 3; i++) {
    const bound = 1 / Math.sqrt(sizes[i]);
    params.push(tf.variable(tf.randomUniform([sizes[i], sizes[i + 1]], -bound, bound)));
    params.push(tf.variable(tf.randomUniform([sizes[i + 1]], -bound, bound)));
  }
  const x = tf.randomNormal([128, 784]);
  const labels = tf.oneHot(tf.randomUniform([128], 0, 10, "int32"), 10);
  const lr = 0.01;
  return () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        let h = x;
        for (let i = 0; i < 3; i++) {
          h = tf.add(tf.matMul(h, params[2 * i]), params[2 * i + 1]);
          if (i < 2) h = tf.relu(h);
        }
        return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(h)), 1)));
      }, params);
      for (const p of params) p.assign(tf.sub(p, tf.mul(grads[p.name], lr)));
      sync(params[0]);
    });
}

function w4() {
  const step = mlp();
  const steps = 10;
  const ms = timeMs(
    () => {
      for (let i = 0; i < steps; i++) step();
    },
    opts.quick ? 1 : 3,
  );
  return { w4_steps_per_s: (steps * 1000) / ms };
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
  for (const [n, tag] of [
    [1e6, "1e6"],
    [1e7, "1e7"],
  ]) {
    const x = tf.randomNormal([n]);
    const reps = n === 1e7 ? 3 : 10;
    const f = (v) => tf.add(tf.mul(tf.sigmoid(v), v), 1);
    const fwd = timeMs(() => tf.tidy(() => sync(f(x))), reps);
    const g = tf.grad((v) => tf.sum(f(v)));
    const fb = timeMs(() => tf.tidy(() => sync(g(x))), reps);
    out[`w5_fwd_melem_s_${tag}`] = n / (fwd * 1000);
    out[`w5_fwdbwd_melem_s_${tag}`] = n / (fb * 1000);
  }
  return out;
}

const workloads = { w1, w2, w3, w4, w5, memory };
console.log(JSON.stringify(workloads[workload]()));
