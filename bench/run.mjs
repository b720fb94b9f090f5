// `npm run bench [-- --quick] [--repeats N] [--memory-steps N] [--only w1,w3] [--targets js,native,torch]`
// Runs W1-W8 (W4h: W4 with a hand-written update) and the memory check on tensorgrad (js, native), PyTorch
// and TF.js (cpu, wasm), interleaved in one run, each measurement in a fresh process; prints medians and
// ratios to PyTorch. The training workloads (W4, W6-W8) also report their first step and peak RSS.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const quick = flag("--quick");
const repeats = Number(option("--repeats", quick ? 1 : 3));
const memorySteps = Number(option("--memory-steps", quick ? 100 : 10000));
const only = option("--only", "w1,w2,w3,w4,w4h,w5,w6,w7,w8,memory").split(",");
const wanted = option("--targets", "js,native,torch,tfjs-cpu,tfjs-wasm").split(",");
const PYTHON = "/usr/bin/python3";
const opts = JSON.stringify({ quick, memorySteps });
const tfjsBundle = join(root, "node_modules", ".cache", "tensorgrad-bench", "tfjs_bench.mjs");

function bundleTfjs() {
  // tfjs-core's gradient registrations ship only as ESM sources with extensionless imports: bundle them.
  mkdirSync(dirname(tfjsBundle), { recursive: true });
  const banner =
    "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);";
  execFileSync(
    join(root, "node_modules", ".bin", "esbuild"),
    [
      join(root, "bench", "tfjs_bench.mjs"),
      "--bundle",
      "--platform=node",
      "--format=esm",
      `--outfile=${tfjsBundle}`,
      "--external:@tensorflow/tfjs-backend-wasm",
      "--main-fields=module,main",
      "--log-level=error",
      `--banner:js=${banner}`,
    ],
    { cwd: root, stdio: "inherit" },
  );
}

const targets = {
  js: { label: "tensorgrad js", cmd: (w) => [process.execPath, ["bench/tg_bench.mjs", w, "js", opts]] },
  native: {
    label: "tensorgrad native",
    cmd: (w) => [process.execPath, ["bench/tg_bench.mjs", w, "native", opts]],
  },
  torch: { label: "PyTorch", cmd: (w) => [PYTHON, ["bench/torch_bench.py", w, opts]] },
  "tfjs-cpu": {
    label: "TF.js cpu",
    cmd: (w) => [process.execPath, [tfjsBundle, w, "cpu", opts]],
    lacks: ["w8"],
  },
  "tfjs-wasm": {
    label: "TF.js wasm",
    cmd: (w) => [process.execPath, [tfjsBundle, w, "wasm", opts]],
    // The wasm backend registers no Conv2DBackpropFilter kernel, so it can't train W6.
    lacks: ["w6", "w8"],
  },
};

const notes = [];
const active = wanted.filter((t) => targets[t]);
if (active.includes("torch") && spawnSync(PYTHON, ["-c", "import torch"]).status !== 0) {
  notes.push(`PyTorch skipped: ${PYTHON} with torch not found`);
  active.splice(active.indexOf("torch"), 1);
}
if (active.includes("native") && !existsSync(join(root, "build", "Release", "tensorgrad_native.node"))) {
  notes.push(
    "tensorgrad native skipped: addon not built (apt-get install libopenblas-dev && npm rebuild tensorgrad)",
  );
  active.splice(active.indexOf("native"), 1);
}
if (active.some((t) => t.startsWith("tfjs"))) bundleTfjs();
// tensorgrad is measured as users run it: the compiled package in dist/.
if (active.includes("js") || active.includes("native"))
  execFileSync(
    process.execPath,
    [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );

/** metrics[workload][target] = array of {metric: value} from each repeat. */
const results = {};
for (let rep = 0; rep < repeats; rep++) {
  for (const workload of only) {
    for (const target of active) {
      // tfjs-core has no LSTM layer to write W8 with as its users would; see also tfjs-wasm's lacks.
      if (targets[target].lacks?.includes(workload)) {
        if (rep === 0)
          notes.push(`${workload}/${target}: not expressible (bench/run.mjs, targets.${target})`);
        continue;
      }
      const [cmd, cmdArgs] = targets[target].cmd(workload);
      const started = Date.now();
      const r = spawnSync(cmd, cmdArgs, { cwd: root, encoding: "utf8", timeout: 1_800_000 });
      const line = (r.stdout ?? "")
        .trim()
        .split("\n")
        .reverse()
        .find((l) => l.startsWith("{"));
      const key = `${workload}/${target}`;
      if (r.status !== 0 || !line) {
        notes.push(
          `${key} failed (rep ${rep + 1}): ${(r.stderr ?? "").trim().split("\n").slice(-1)[0] ?? r.signal}`,
        );
        continue;
      }
      ((results[workload] ??= {})[target] ??= []).push(JSON.parse(line));
      process.stderr.write(
        `  ${key} rep ${rep + 1}/${repeats}: ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
      );
    }
  }
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Metrics where smaller is better (times, memory); the ratio column is then PyTorch / target. */
const lowerIsBetter = (metric) => /_us_|_ms_|_mb$/.test(metric);
const fmt = (v) =>
  v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toPrecision(3);

const header = ["metric", ...active.map((t) => targets[t].label)];
const rows = [];
for (const workload of only) {
  const byTarget = results[workload] ?? {};
  const metrics = [
    ...new Set(Object.values(byTarget).flatMap((runs) => runs.flatMap((m) => Object.keys(m)))),
  ];
  for (const metric of metrics) {
    const med = Object.fromEntries(
      active.map((t) => {
        const vals = (byTarget[t] ?? []).map((m) => m[metric]).filter((v) => v !== undefined);
        return [t, vals.length ? median(vals) : undefined];
      }),
    );
    const ref = med.torch;
    rows.push([
      metric,
      ...active.map((t) => {
        const v = med[t];
        if (v === undefined) return "—";
        if (ref === undefined || t === "torch") return fmt(v);
        const ratio = lowerIsBetter(metric) ? ref / v : v / ref;
        return `${fmt(v)} (${ratio.toFixed(2)}×)`;
      }),
    ]);
  }
}

const table = [
  `| ${header.join(" | ")} |`,
  `| ${header.map(() => "---").join(" | ")} |`,
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");
console.log(
  `\ntensorgrad benchmarks: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}`,
);
console.log(
  `repeats ${repeats} (separate processes, interleaved; median shown), memory steps ${memorySteps}`,
);
console.log(
  "(×) = speed relative to PyTorch (higher is better for tensorgrad; for times and memory PyTorch/value)\n",
);
console.log(table);
if (notes.length) console.log(`\nnotes:\n${notes.map((n) => `- ${n}`).join("\n")}`);
