// The playground: `npm run playground` (dev server) / `npm run playground:build` (static files in dist/playground).
// tensorgrad comes from ../src through an alias (pure-TS backend); the five seed tutorials are turned into
// plain JavaScript at build time (TypeScript's transpiler keeps their comments) for the examples menu.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { defineConfig, type Plugin } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const seedsDir = resolve(here, "../examples/seeds");
const VIRTUAL_ID = "virtual:seed-examples";

/** A seed tutorial as playground JavaScript: types stripped, imports dropped (torch and print are given). */
export function seedToPlaygroundJs(source: string): string {
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false },
  }).outputText;
  return js
    .split("\n")
    .filter(
      (line) => !/^import\s.*from\s+["'][^"']+["'];?\s*$/.test(line) && !/^export\s*\{\s*\};?$/.test(line),
    )
    .join("\n")
    .replace(/^\n+/, "")
    .replace(/\n{3,}/g, "\n\n");
}

function seedExamples(): Plugin {
  return {
    name: "seed-examples",
    resolveId: (id) => (id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : null),
    load(id) {
      if (id !== `\0${VIRTUAL_ID}`) return null;
      const files = readdirSync(seedsDir).filter((f) => /^\d{3}_.*\.ts$/.test(f) && !f.endsWith(".d.ts"));
      const examples = files.sort().map((file) => {
        const path = resolve(seedsDir, file);
        this.addWatchFile(path);
        return { name: file.replace(/\.ts$/, ""), code: seedToPlaygroundJs(readFileSync(path, "utf8")) };
      });
      return `export default ${JSON.stringify(examples)};`;
    },
  };
}

export default defineConfig({
  root: here,
  base: "./",
  resolve: { alias: [{ find: /^tensorgrad$/, replacement: resolve(here, "../src/index.ts") }] },
  plugins: [seedExamples()],
  // dist/playground: ignored by git, eslint and prettier like the library build.
  build: {
    outDir: resolve(here, "../dist/playground"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4000,
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
