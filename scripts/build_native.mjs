// Install step: builds the optional native backend (build/Release/tensorgrad_native.node) with node-gyp when
// OpenBLAS is installed. It never fails the install: without OpenBLAS, or if the build fails, tensorgrad
// runs on its TypeScript backend and this prints one line saying how to get the native one.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const hint =
  "tensorgrad: native backend not built, tensorgrad will run on the TypeScript backend " +
  "(for the native one: apt-get install libopenblas-dev && npm rebuild tensorgrad)";

function openblasFound() {
  const headers = [
    "/usr/include/x86_64-linux-gnu/cblas.h",
    "/usr/include/openblas/cblas.h",
    "/usr/include/cblas.h",
  ];
  const libs = [
    "/usr/lib/x86_64-linux-gnu/libopenblas.so",
    "/usr/lib/aarch64-linux-gnu/libopenblas.so",
    "/usr/lib64/libopenblas.so",
    "/usr/lib/libopenblas.so",
  ];
  if (process.platform === "darwin") return true; // Accelerate ships with macOS
  return headers.some((h) => existsSync(h)) && libs.some((l) => existsSync(l));
}

/** node-gyp: on PATH inside npm lifecycle scripts, else the copy bundled with npm. */
function nodeGypCommand() {
  const bundled = join(
    dirname(process.execPath),
    "..",
    "lib",
    "node_modules",
    "npm",
    "node_modules",
    "node-gyp",
    "bin",
    "node-gyp.js",
  );
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp))
    return [process.execPath, [process.env.npm_config_node_gyp]];
  if (existsSync(bundled)) return [process.execPath, [bundled]];
  return ["node-gyp", []];
}

function main() {
  if (process.env.TENSORGRAD_SKIP_NATIVE === "1") return;
  if (!openblasFound()) {
    console.log(hint);
    return;
  }
  const [cmd, prefix] = nodeGypCommand();
  // Build against the running Node's own headers when they are installed beside it (no download).
  const prefixDir = join(dirname(process.execPath), "..");
  const nodedir =
    process.env.npm_config_nodedir ||
    (existsSync(join(prefixDir, "include", "node", "node_api.h")) ? prefixDir : undefined);
  const args = [...prefix, "rebuild", "--release", ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: process.env.TENSORGRAD_NATIVE_VERBOSE === "1" ? "inherit" : "pipe",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    console.log(
      `${hint}; node-gyp failed: ${(result.stderr || String(result.error ?? "")).trim().split("\n").slice(-1)[0] ?? ""}`,
    );
    return;
  }
  console.log("tensorgrad: native backend built (build/Release/tensorgrad_native.node)");
}

try {
  main();
} catch (error) {
  console.log(`${hint}; ${error instanceof Error ? error.message : String(error)}`);
}
