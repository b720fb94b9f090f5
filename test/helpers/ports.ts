// Running ported programs (examples/tutorials/, examples/programs/) as users run them, in a child process that
// imports "tensorgrad" mapped to the sources, and comparing what they print with PyTorch's output.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const aliasTsconfig = fileURLToPath(new URL("../seeds/tsconfig.src-alias.json", import.meta.url));

/** A difference from PyTorch a test file lists as known, tested as an expected failure. */
export interface Known {
  /** What differs, PyTorch's output against ours, and the suspected cause. */
  reason: string;
  /** The backends it concerns (all when absent). */
  backends?: string[];
  /** How many leading lines of output still agree with PyTorch's. */
  agreeingLines: number;
  /** For a crash: what the port throws (on stderr). */
  error?: RegExp;
}

export interface PortRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one port in a child process; never rejects. */
function spawnPort(dir: string, name: string, backend: string): Promise<PortRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", `examples/${dir}/${name}.ts`], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: aliasTsconfig, TENSORGRAD_BACKEND: backend },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (e) => resolve({ status: null, stdout, stderr: stderr + String(e) }));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

// The runs take minutes one after another: a test file starts them all when it loads, a few at a time (one per
// core), and each test waits for its own.
const concurrency = Math.max(1, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];
const runs = new Map<string, Promise<PortRun>>();

async function pooled(dir: string, name: string, backend: string): Promise<PortRun> {
  if (running >= concurrency) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await spawnPort(dir, name, backend);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** The run of examples/<dir>/<name>.ts on a backend, started once per test file. */
export function runPort(dir: "tutorials" | "programs", name: string, backend: string): Promise<PortRun> {
  const key = `${dir}/${backend}/${name}`;
  if (!runs.has(key)) runs.set(key, pooled(dir, name, backend));
  return runs.get(key)!;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g;

/**
 * The unit of a number's last printed digit: 0.0001 for "0.3432", 1e-9 for "1.2345e-05". Whole numbers
 * (counts, sizes, indices, and the float32 values PyTorch prints without decimals) get unit 0: exact.
 */
function lastDigitUnit(token: string): number {
  const [mantissa = "", exponent = "0"] = token.split("e");
  const decimals = mantissa.split(".")[1]?.length ?? 0;
  return decimals === 0 ? 0 : 10 ** (Number(exponent) - decimals);
}

/**
 * float32 precision, for outputs that went through matrix products: each number within one unit of PyTorch's
 * last printed digit plus a relative 1e-5 (about 80 float32 ulps, room for differences in the last bits of
 * the products to grow over a few thousand training steps), and everything between the numbers identical.
 */
export function numbersAgree(got: string, expected: string): string | null {
  const gotText = got.split(NUMBER);
  const expectedText = expected.split(NUMBER);
  if (gotText.join("#") !== expectedText.join("#")) return "the text around the numbers differs";
  const gotNumbers = got.match(NUMBER) ?? [];
  const expectedNumbers = expected.match(NUMBER) ?? [];
  // A number computed from others carries their float32 rounding: near-zero coefficients fitted next to large
  // ones (`Result: y = 2e-06 + 0.725 x ...`) agree only to the scale of the line's largest number.
  const lineScale = (text: string) =>
    Math.max(0, ...(text.match(NUMBER) ?? []).map((n) => Math.abs(Number(n))));
  const expectedLines = expected.split("\n");
  let line = 0;
  let numbersBefore = 0;
  for (let i = 0; i < expectedNumbers.length; i++) {
    while (numbersBefore + (expectedLines[line]!.match(NUMBER) ?? []).length <= i)
      numbersBefore += (expectedLines[line++]!.match(NUMBER) ?? []).length;
    const [g, e] = [Number(gotNumbers[i]), Number(expectedNumbers[i])];
    if (Math.abs(g - e) > lastDigitUnit(expectedNumbers[i]!) + 2e-5 * lineScale(expectedLines[line]!))
      return `line ${line + 1}, number ${i}: ${gotNumbers[i]}, PyTorch ${expectedNumbers[i]}`;
  }
  return null;
}

export const firstLines = (text: string, n: number) => text.split("\n").slice(0, n).join("\n");
