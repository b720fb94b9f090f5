// The playground: `npm run playground` (dev server) / `npm run playground:build` (static files in dist/playground).
// tensorgrad comes from ../src through an alias (pure-TS backend). The examples menu has the five seed
// tutorials three times: as Python (playground/examples/*.py, the notebooks' cells), as JavaScript (the
// TypeScript ports in examples/seeds, turned into plain JavaScript at build time, comments kept) and as
// those TypeScript ports themselves (the playground strips their types when it runs them).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { defineConfig, type Plugin } from "vite";
import { seedForPlayground } from "./src/source.js";

const here = dirname(fileURLToPath(import.meta.url));
const seedsDir = resolve(here, "../examples/seeds");
const pythonDir = resolve(here, "examples");
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
      const read = (dir: string, file: string) => {
        const path = resolve(dir, file);
        this.addWatchFile(path);
        return readFileSync(path, "utf8");
      };
      const python = readdirSync(pythonDir)
        .filter((f) => /^\d{3}_.*\.py$/.test(f))
        .sort()
        .map((file) => ({ name: file, code: read(pythonDir, file), mode: "python" }));
      const javascript = readdirSync(seedsDir)
        .filter((f) => /^\d{3}_.*\.ts$/.test(f) && !f.endsWith(".d.ts"))
        .sort()
        .map((file) => ({
          name: file.replace(/\.ts$/, ".js"),
          code: seedToPlaygroundJs(read(seedsDir, file)),
          mode: "javascript",
        }));
      const typescript = readdirSync(seedsDir)
        .filter((f) => /^\d{3}_.*\.ts$/.test(f) && !f.endsWith(".d.ts"))
        .sort()
        .map((file) => ({ name: file, code: seedForPlayground(read(seedsDir, file)), mode: "typescript" }));
      const examples = [...python, ...javascript, ...typescript];
      return `export default ${JSON.stringify(examples)};`;
    },
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The built page as one file: the script and stylesheet go inside index.html, so it also works opened as a
 * file (Chrome loads no module script from a file:// URL) and any static server serves it with no network.
 */
function singleFile(): Plugin {
  return {
    name: "single-file",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const html = bundle["index.html"];
      if (html?.type !== "asset") return;
      let text = String(html.source);
      for (const [name, file] of Object.entries(bundle)) {
        const src = `(?:\\./)?${escapeRegExp(name)}`;
        if (file.type === "chunk" && file.isEntry) {
          const tag = new RegExp(`<script type="module" crossorigin src="${src}"></script>`);
          // An inline script ends at the first "</script": written "<\/script" inside the code instead.
          const code = file.code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
          text = text.replace(tag, () => `<script type="module">${code}</script>`);
          delete bundle[name];
        } else if (file.type === "asset" && name.endsWith(".css")) {
          const tag = new RegExp(`<link rel="stylesheet" crossorigin href="${src}">`);
          text = text.replace(tag, () => `<style>${String(file.source)}</style>`);
          delete bundle[name];
        }
      }
      html.source = text;
    },
  };
}

export default defineConfig({
  root: here,
  base: "./",
  resolve: { alias: [{ find: /^tensorgrad$/, replacement: resolve(here, "../src/index.ts") }] },
  plugins: [seedExamples(), singleFile()],
  // dist/playground: ignored by git, eslint and prettier like the library build.
  build: {
    outDir: resolve(here, "../dist/playground"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4000,
    // Module and grad_fn names print through their classes' names (Linear, not Cc).
    rolldownOptions: { output: { keepNames: true } },
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
