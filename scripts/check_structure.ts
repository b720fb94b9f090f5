// `npm run lint` runs this: the structure stays as built. Fails on
// - an import cycle among src/ modules,
// - an import that reaches up a layer (each layer may import its own and lower layers only),
// - a source file over 600 lines (generated files and a short list of justified ones aside).
// Type-only imports (`import type`) are erased at build time and count for neither rule: the generated
// declarations and the derivatives' saved-state types use them to describe higher layers.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const SRC = "src";
const MAX_LINES = 600;

/**
 * Layers from the bottom up; a file belongs to the layer with the longest prefix matching its path under src/.
 * The public surface holds src/index.ts, the generated declarations, and each namespace's barrel: the file
 * that assembles `torch.autograd`, `torch.nn`, `torch.nn.utils`, `torch.utils`, `torch.utils.data` or
 * `torch.viz` from its own modules and its generated callables. A barrel only re-exports (nothing below
 * imports it), and src/index.ts cannot assemble nested namespaces itself, so barrels sit with it at the top.
 */
const LAYERS: { name: string; prefixes: string[] }[] = [
  { name: "base", prefixes: ["errors.ts", "warnings.ts", "python.ts", "python_type.ts"] },
  { name: "tensor values", prefixes: ["tensor/dtype.ts", "tensor/shape.ts"] },
  { name: "backend", prefixes: ["backend/"] },
  { name: "tensor", prefixes: ["tensor/"] },
  { name: "signatures", prefixes: ["signatures/"] },
  { name: "autograd", prefixes: ["autograd/"] },
  { name: "ops", prefixes: ["ops/"] },
  // torch.autograd.functional (jacobian, hessian, vjp, ...) is written with ops, like PyTorch's Python module.
  {
    name: "library",
    prefixes: ["nn/", "optim/", "utils/", "io/", "viz/", "autograd/functional.ts", "distributions/"],
  },
  {
    name: "public surface",
    prefixes: [
      "generated/",
      "register.ts",
      "index.ts",
      "autograd/index.ts",
      "nn/index.ts",
      "nn/utils.ts",
      "nn/parallel.ts",
      "nn/utils/",
      "utils/index.ts",
      "utils/data/index.ts",
      "viz/index.ts",
    ],
  },
];

/** Imports allowed across layers, with the reason. */
const ALLOWED: { from: string; to: string; why: string }[] = [
  {
    from: "backend/native/",
    to: "backend/js/",
    why: "the native backend delegates what C does not cover to the TypeScript one",
  },
];

/** Files allowed over the line limit, with the reason. */
const LONG_FILES: Record<string, string> = {
  "backend/native/entry_points.ts":
    "the addon's one declaration table (an entry per C entry point, its argument kinds and doc), read whole by gen_native",
  "ops/core.ts":
    "op dispatch, node creation and the in-place protocol share module state (the lazily copied in-place self) that a split would export; to be split with that state behind one interface",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

function layerOf(file: string): number {
  const rel = relative(SRC, file).replaceAll("\\", "/");
  let layer = -1;
  let longest = 0;
  LAYERS.forEach((l, i) => {
    for (const p of l.prefixes) if (rel.startsWith(p) && p.length > longest) [layer, longest] = [i, p.length];
  });
  return layer;
}

/** Whether an import/export clause brings in only types (`import type ...`, `import { type A, type B }`). */
function typeOnly(clause: string): boolean {
  if (/^\s*type\b/.test(clause)) return true;
  const braces = /^([^{]*)\{([^}]*)\}/.exec(clause);
  if (!braces || /[\w*]/.test(braces[1])) return false;
  const specifiers = braces[2]
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return specifiers.length > 0 && specifiers.every((s) => s.startsWith("type "));
}

/** Value imports of a file (relative ones, resolved to .ts paths); side-effect imports count. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b([^;'"]*?)["'](\.[^"']+)["']/gm)) {
    const clause = m[1].replace(/\s+from\s*$/, "");
    if (typeOnly(clause)) continue;
    found.push(normalize(join(dirname(file), m[2].replace(/\.js$/, ".ts"))));
  }
  return found;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, valueImports(f).filter((t) => files.includes(t))]));
const problems: string[] = [];

for (const [file, targets] of graph) {
  const from = layerOf(file);
  if (from < 0) problems.push(`${file}: in no layer (add it to LAYERS in scripts/check_structure.ts)`);
  for (const target of targets) {
    const to = layerOf(target);
    if (to <= from) continue;
    const rel = (p: string) => relative(SRC, p).replaceAll("\\", "/");
    if (ALLOWED.some((a) => rel(file).startsWith(a.from) && rel(target).startsWith(a.to))) continue;
    problems.push(
      `${file} (${LAYERS[from].name}) imports ${target} (${LAYERS[to].name}): layers import only downward`,
    );
  }
}

// Cycles: Tarjan's strongly connected components over value imports.
let index = 0;
const indexOf = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
function connect(v: string): void {
  indexOf.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!indexOf.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
  }
  if (low.get(v) === indexOf.get(v)) {
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) problems.push(`import cycle: ${component.sort().join(" <-> ")}`);
  }
}
for (const f of files) if (!indexOf.has(f)) connect(f);

for (const file of files) {
  const rel = relative(SRC, file).replaceAll("\\", "/");
  if (rel.startsWith("generated/") || rel in LONG_FILES) continue;
  const lines = readFileSync(file, "utf8").split("\n").length;
  if (lines > MAX_LINES)
    problems.push(`${file}: ${lines} lines (over ${MAX_LINES}: split it, or justify it in LONG_FILES)`);
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`\ncheck_structure: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(
  `check_structure: ${files.length} files, no cycles, no upward imports, none over ${MAX_LINES} lines`,
);
