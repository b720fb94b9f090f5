// One TF.js benchmark run in its own process (after bundling, see below): <workload> <cpu|wasm> [opts JSON].
// The same workloads as bench/tg_bench.mjs written with tfjs-core (W4, W6, W7: bench/models.mjs's models as a
// tfjs-core user writes them, NHWC, with tf.train's optimizers; no W8); prints one JSON object of metrics.
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

function w4h() {
  const step = mlp();
  const steps = 10;
  const ms = timeMs(
    () => {
      for (let i = 0; i < steps; i++) step();
    },
    opts.quick ? 1 : 3,
  );
  return { w4h_steps_per_s: (steps * 1000) / ms };
}

/** As bench/tg_bench.mjs's: first step alone, a few seconds' warm-up, seven ~250 ms batches (median). */
function training(prefix, makeStep) {
  const step = makeStep();
  let t = performance.now();
  step();
  const firstMs = performance.now() - t;
  const warmUntil = performance.now() + (opts.quick ? 300 : 3000);
  t = performance.now();
  let warmSteps = 0;
  do {
    step();
    warmSteps++;
  } while (performance.now() < warmUntil || warmSteps < 2);
  const steps = Math.max(1, Math.round(250 / ((performance.now() - t) / warmSteps)));
  const times = [];
  for (let i = 0; i < (opts.quick ? 2 : 7); i++) {
    const start = performance.now();
    for (let j = 0; j < steps; j++) step();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    [`${prefix}_steps_per_s`]: (steps * 1000) / times[Math.floor(times.length / 2)],
    [`${prefix}_ms_first_step`]: firstMs,
    [`${prefix}_peak_rss_mb`]: process.resourceUsage().maxRSS / 1024,
  };
}

/** A weight initialised like PyTorch's Linear/Conv (uniform in ±1/sqrt(fan_in)). */
const param = (shape, fanIn) =>
  tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)));
const linear = (x, w, b) => tf.add(tf.matMul(x, w), b);

/** One optimizer step minimising loss() over its variables; waits for the first variable's new value. */
function trainStep(optimizer, loss, vars) {
  return () => {
    tf.tidy(() => void optimizer.minimize(loss, false, vars));
    sync(vars[0]);
  };
}

function w4Model() {
  const sizes = [784, 256, 128, 10];
  const vars = [];
  for (let i = 0; i < 3; i++)
    vars.push(param([sizes[i], sizes[i + 1]], sizes[i]), param([sizes[i + 1]], sizes[i]));
  const x = tf.randomNormal([128, 784]);
  const labels = tf.oneHot(tf.randomUniform([128], 0, 10, "int32"), 10);
  const loss = () => {
    let h = x;
    for (let i = 0; i < 3; i++) {
      h = linear(h, vars[2 * i], vars[2 * i + 1]);
      if (i < 2) h = tf.relu(h);
    }
    return tf.losses.softmaxCrossEntropy(labels, h);
  };
  return trainStep(tf.train.momentum(0.01, 0.9), loss, vars);
}

function w6Model() {
  const conv1 = param([5, 5, 1, 16], 25);
  const conv1b = param([16], 25);
  const conv2 = param([5, 5, 16, 32], 400);
  const conv2b = param([32], 400);
  const fc1 = param([1568, 128], 1568);
  const fc1b = param([128], 1568);
  const fc2 = param([128, 10], 128);
  const fc2b = param([10], 128);
  const x = tf.randomNormal([64, 28, 28, 1]);
  const labels = tf.oneHot(tf.randomUniform([64], 0, 10, "int32"), 10);
  const loss = () => {
    let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, conv1, 1, "same"), conv1b)), 2, 2, "valid");
    h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, conv2, 1, "same"), conv2b)), 2, 2, "valid");
    h = tf.relu(linear(tf.reshape(h, [64, 1568]), fc1, fc1b));
    return tf.losses.softmaxCrossEntropy(labels, linear(h, fc2, fc2b));
  };
  const vars = [conv1, conv1b, conv2, conv2b, fc1, fc1b, fc2, fc2b];
  return trainStep(tf.train.momentum(0.01, 0.9), loss, vars);
}

function w7Model() {
  const [batch, tokens, dim, heads] = [16, 64, 128, 4];
  const headDim = dim / heads;
  const ones = () => tf.variable(tf.ones([dim]));
  const zeros = (n) => tf.variable(tf.zeros([n]));
  const ln1 = [ones(), zeros(dim)];
  const ln2 = [ones(), zeros(dim)];
  const inProj = [param([dim, 3 * dim], dim), zeros(3 * dim)];
  const outProj = [param([dim, dim], dim), zeros(dim)];
  const fc1 = [param([dim, 4 * dim], dim), zeros(4 * dim)];
  const fc2 = [param([4 * dim, dim], 4 * dim), zeros(dim)];
  const x = tf.randomNormal([batch * tokens, dim]);
  const layerNorm = (v, [g, b]) => {
    const { mean, variance } = tf.moments(v, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(v, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
  };
  // [batch * tokens, dim] -> [batch * heads, tokens, headDim] and back.
  const splitHeads = (v) =>
    tf.reshape(tf.transpose(tf.reshape(v, [batch, tokens, heads, headDim]), [0, 2, 1, 3]), [
      -1,
      tokens,
      headDim,
    ]);
  const mergeHeads = (v) =>
    tf.reshape(tf.transpose(tf.reshape(v, [batch, heads, tokens, headDim]), [0, 2, 1, 3]), [-1, dim]);
  const gelu = (v) => tf.mul(tf.mul(v, 0.5), tf.add(1, tf.erf(tf.mul(v, Math.SQRT1_2))));
  const loss = () => {
    const [q, k, v] = tf.split(linear(layerNorm(x, ln1), ...inProj), 3, 1).map(splitHeads);
    const attn = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim)));
    let h = tf.add(x, linear(mergeHeads(tf.matMul(attn, v)), ...outProj));
    h = tf.add(h, linear(gelu(linear(layerNorm(h, ln2), ...fc1)), ...fc2));
    return tf.mean(tf.square(h));
  };
  const vars = [...ln1, ...inProj, ...outProj, ...ln2, ...fc1, ...fc2];
  return trainStep(tf.train.adam(1e-3), loss, vars);
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

const workloads = {
  w1,
  w2,
  w3,
  w4: () => training("w4", w4Model),
  w4h,
  w5,
  w6: () => training("w6", w6Model),
  w7: () => training("w7", w7Model),
  memory,
};
console.log(JSON.stringify(workloads[workload]()));
