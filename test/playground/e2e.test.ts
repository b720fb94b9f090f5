// End to end: build the playground, serve it with Vite's preview server, drive Debian's chromium.
// Skipped (with a note) where /usr/bin/chromium is missing: `apt-get install -y chromium`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readmeTour } from "./readme_tour.js";

const CHROMIUM = "/usr/bin/chromium";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const configFile = resolve(root, "playground/vite.config.ts");
const artifacts = resolve(root, "test/playground/artifacts");
const hasChromium = existsSync(CHROMIUM);
const seedCells = JSON.parse(
  readFileSync(resolve(root, "test/fixtures/playground/seed_cells.json"), "utf8"),
) as {
  notebook: string;
  cells: { stdout: string; warnings: unknown[] }[];
}[];
if (!hasChromium)
  console.warn(`[playground e2e] skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

/** The page's editor is CodeMirror: its code goes through window.playground. */
const setCode = (p: Page, code: string) =>
  p.evaluate(
    (c) => (window as unknown as { playground: { setCode(c: string): void } }).playground.setCode(c),
    code,
  );
const getCode = (p: Page) =>
  p.evaluate(() => (window as unknown as { playground: { getCode(): string } }).playground.getCode());

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

describe.skipIf(!hasChromium)("playground in chromium", () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let runs = 0;
  let outDir = "";

  beforeAll(async () => {
    // Built into a temporary folder, so the test leaves the tree as it was.
    outDir = mkdtempSync(resolve(tmpdir(), "tensorgrad-playground-"));
    await build({ configFile, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    const port = await freePort();
    server = await preview({
      configFile,
      logLevel: "warn",
      build: { outDir },
      preview: { port, strictPort: true },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function run(): Promise<void> {
    runs++;
    await page.click("#run");
    await page.waitForSelector(`body[data-runs="${runs}"]`, { timeout: 20_000 });
  }

  /** The output pane as the notebook printed it: prints, Out[n] and errors, without the "(line N)" notes. */
  async function printed(): Promise<{ text: string; warnings: number }> {
    const spans = await page.$$eval("#output span", (all) =>
      all.map((s) => [s.className, s.textContent ?? ""]),
    );
    const text = spans
      .filter(([kind]) => kind !== "warn")
      .map(([, t]) => t.replace(/ {3}\(line \d+\)\n$/, "\n"))
      .join("");
    return { text, warnings: spans.filter(([kind]) => kind === "warn").length };
  }

  it("builds only the app's files: one page that loads nothing else", () => {
    const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => resolve(f.parentPath, f.name).slice(outDir.length + 1));
    // index.html with the script and stylesheet inside: no README, lockfile or weights from the repository root.
    expect(files).toEqual(["index.html"]);
    const html = readFileSync(resolve(outDir, "index.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link[^>]*\shref=/);
    expect(html).toMatch(/<script type="module">/);
  });

  it("works offline, opened from a file:// URL", async () => {
    const context = await browser.newContext({ offline: true });
    const offline = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    offline.on("request", (r) => requests.push(r.url()));
    offline.on("pageerror", (e) => errors.push(e.message));
    const pageUrl = pathToFileURL(resolve(outDir, "index.html")).href;
    await offline.goto(pageUrl);
    await offline.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
    await offline.selectOption("#example", { label: "001_autograd_steps.ts" });
    expect(await offline.inputValue("#mode")).toBe("typescript");
    await offline.click("#run");
    await offline.waitForSelector('body[data-runs="1"]', { timeout: 20_000 });
    expect(await offline.isHidden("#error")).toBe(true);
    expect(await offline.textContent("#output")).toContain("tensor(6.6918) tensor(0.9988)");
    expect(await offline.innerHTML("#graph")).toContain("<svg");
    // Nothing but the page itself (and the data: URLs it makes) was asked for.
    expect(requests.filter((u) => !/^(data|blob):/.test(u))).toEqual([pageUrl]);
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);

  it("runs every seed notebook as Python and prints what the notebook printed", async () => {
    const labels = await page.$$eval("#example option", (options) => options.map((o) => o.textContent ?? ""));
    const python = labels.filter((l) => l.endsWith(".py"));
    expect(python).toHaveLength(seedCells.length);
    for (const [i, label] of python.entries()) {
      await page.selectOption("#example", { label });
      expect(await page.inputValue("#mode")).toBe("python");
      await run();
      const want = seedCells[i].cells.map((c) => c.stdout).join("");
      const got = await printed();
      expect(got.text, label).toBe(want);
      expect(got.warnings, label).toBe(seedCells[i].cells.reduce((n, c) => n + c.warnings.length, 0));
      expect(await page.innerHTML("#graph"), label).toContain("<svg");
    }
    await page.screenshot({ path: resolve(artifacts, "playground_python.png"), fullPage: true });
  }, 60_000);

  it("prints class names unminified, and clears the graph of the previous program", async () => {
    await page.selectOption("#mode", "python");
    await setCode(
      page,
      "import torch\nimport torch.nn as nn\nprint(nn.Sequential(nn.Linear(2, 1)))\nx = nn.Linear(2, 1)(torch.ones(1, 2))\nprint(x.grad_fn.name())\nshow(x)",
    );
    await run();
    expect((await printed()).text).toBe(
      "Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n)\nAddmmBackward0\n",
    );
    expect(await page.innerHTML("#graph")).toContain("<svg");
    await setCode(page, "print(1 + 1)");
    await run();
    expect(await page.textContent("#graph")).toMatch(/^No graph/);
  }, 30_000);

  it("runs a seed tutorial: output, graph and explanation", async () => {
    const names = await page.$$eval("#example option", (options) => options.map((o) => o.textContent));
    expect(names).toEqual(
      expect.arrayContaining(["000_understanding_autograd.js", "004_autograd_in_pytorch.py"]),
    );
    await page.selectOption("#example", { label: "001_autograd_steps.js" });
    const code = await getCode(page);
    expect(code).toContain("binary_cross_entropy");
    // Without show(), the graph is that of the last backward(); show(loss) picks the neuron's loss instead.
    expect(code).toContain("\nloss.backward();");
    await setCode(page, code.replace("\nloss.backward();", "\nshow(loss);\nloss.backward();"));
    await run();
    const output = await page.textContent("#output");
    expect(output).toContain("tensor(0.9988, grad_fn=<SigmoidBackward0>)");
    expect(output).toContain("tensor(6.7012, grad_fn=<NegBackward0>)");
    expect(output).toContain("tensor(6.6918) tensor(0.9988)");
    expect(await page.isHidden("#error")).toBe(true);
    const graph = await page.innerHTML("#graph");
    expect(graph).toContain("<svg");
    expect(graph).toContain("SigmoidBackward0");
    expect(graph).toContain("ClampBackward1");
    expect(graph).toMatch(/>w_new<\/text>/);
    const explanation = await page.textContent("#explain");
    expect(explanation).toContain("[9] SigmoidBackward0");
    expect(explanation).toContain("w_new (): tensor(6.6918)");
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: resolve(artifacts, "playground_001.png"), fullPage: true });
  }, 30_000);

  it("runs all five seed tutorials without an error, in JavaScript and in TypeScript", async () => {
    for (const name of [
      "000_understanding_autograd.js",
      "002_computation_graph.js",
      "003_torch_autograd.js",
      "004_autograd_in_pytorch.js",
      "000_understanding_autograd.ts",
      "001_autograd_steps.ts",
      "002_computation_graph.ts",
      "003_torch_autograd.ts",
      "004_autograd_in_pytorch.ts",
    ]) {
      await page.selectOption("#example", { label: name });
      await run();
      expect(await page.isHidden("#error"), `${name}: ${await page.textContent("#error")}`).toBe(true);
      expect((await page.textContent("#output"))!.length).toBeGreaterThan(0);
    }
  }, 30_000);

  it("shows the logistic neuron's leaves by name and the steps of its backward", async () => {
    await page.selectOption("#mode", "javascript");
    await setCode(
      page,
      [
        "const x = torch.tensor(6.7);",
        "const w = torch.tensor(1.0, { requires_grad: true });",
        "const b = torch.tensor(0.0, { requires_grad: true });",
        "const loss = torch.sigmoid(w.mul(x).add(b)).neg();",
        "loss.backward();",
        "print(w.grad, b.grad);",
      ].join("\n"),
    );
    await run();
    const graph = await page.innerHTML("#graph");
    expect(graph).toMatch(/>w<\/text>/);
    expect(graph).toMatch(/>b<\/text>/);
    const explanation = await page.textContent("#explain");
    expect(explanation).toContain("[1] NegBackward0");
    expect(explanation).toContain("w (): tensor(-0.0082)");
  }, 30_000);

  it("steps through the logistic neuron's backward to w.grad and b.grad", async () => {
    await page.selectOption("#mode", "python");
    await setCode(
      page,
      [
        "import torch",
        "x = torch.tensor(6.7)",
        "y = torch.tensor(0.0)",
        "w = torch.tensor(1.0, requires_grad=True)",
        "b = torch.tensor(0.0, requires_grad=True)",
        "y_pred = torch.sigmoid(w*x + b)",
        "loss = -(y * torch.log(y_pred) + (1 - y) * torch.log(1 - y_pred))",
        "loss.backward()",
        'print(f"{w.grad} {b.grad}")',
      ].join("\n"),
    );
    await run();
    expect(await page.textContent("#output")).toBe("6.6917619705200195 0.9987704753875732\n");
    expect(await page.isVisible("#stepper")).toBe(true);
    expect(await page.textContent("#leaf-grads")).toBe("w.grad = None\nb.grad = None");
    // Each box shows its forward value: the leaves' own, each op's output.
    const boxes = await page.$$eval("#graph g.node", (all) =>
      all.map((g) => g.textContent!.replace(/\s+/g, " ").trim()),
    );
    expect(boxes.some((b) => /\bloss \(\) tensor\(6\.7012\)$/.test(b))).toBe(true);
    expect(boxes.some((b) => /SigmoidBackward0 tensor\(0\.9988\)$/.test(b))).toBe(true);
    expect(boxes.some((b) => /\bw \(\) tensor\(1\.\) \.grad = None$/.test(b))).toBe(true);
    const total = Number(/of (\d+)/.exec((await page.textContent("#step-label"))!)![1]);
    await page.click("#step-next");
    expect(await page.$$eval("#graph g.node.running", (g) => g.length)).toBe(1);
    expect(await page.textContent("#step-info")).toMatch(/^\[1\] NegBackward0/);
    expect(await page.textContent("#explain .current")).toMatch(/^\n?\[1\] NegBackward0/);
    await page.click("#step-next");
    await page.click("#step-next");
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: resolve(artifacts, "playground_stepper.png") });
    // What the running node's edges send is written on them.
    expect(
      await page.$$eval("#graph g.edge.sending text.overlay", (t) => t.map((e) => e.textContent)),
    ).not.toEqual([]);
    for (let i = 3; i < total; i++) await page.click("#step-next");
    expect(await page.textContent("#step-label")).toBe(`step ${total} of ${total}`);
    // Each leaf's box ends with its .grad so far: now what backward() gave it.
    const leafLines = await page.$$eval("#graph g.node", (all) =>
      all.map((g) => Array.from(g.querySelectorAll("text")).map((t) => t.textContent)),
    );
    expect(leafLines.filter((l) => l[0] === "w" || l[0] === "b").sort()).toEqual([
      ["b", " ()", "tensor(0.)", ".grad = tensor(0.9988)"],
      ["w", " ()", "tensor(1.)", ".grad = tensor(6.6918)"],
    ]);
    await page.screenshot({ path: resolve(artifacts, "playground_stepper_done.png") });
    expect(await page.textContent("#leaf-grads")).toBe("w.grad = tensor(6.6918)\nb.grad = tensor(0.9988)");
    // A click on a node shows its formula and what it saved.
    await page.click("#graph g.node:has(text:text-is('SigmoidBackward0'))");
    expect(await page.textContent("#step-info")).toContain("saved result: tensor(0.9988");
    // ... and its forward value, with the line of the op that recorded it.
    expect(await page.textContent("#step-info")).toContain("forward: tensor(0.9988), recorded at line 6");
  }, 30_000);

  it("runs the README's TypeScript as pasted and prints what the README says", async () => {
    for (const [i, p] of readmeTour().entries()) {
      await page.selectOption("#mode", "typescript");
      await setCode(page, p.code);
      await run();
      const spans = await page.$$eval("#output span", (all) => all.map((s) => [s.className, s.textContent]));
      const logs = spans.filter(([kind]) => kind === "log").map(([, t]) => t!.replace(/\n$/, ""));
      expect(logs, `README snippet ${i}`).toEqual(p.prints);
      expect(
        spans.some(([kind]) => kind === "warn"),
        `README snippet ${i}`,
      ).toBe(p.warns);
      if (p.error) expect(await page.textContent("#error")).toBe(`Line ${p.error.line}: ${p.error.text}`);
      else expect(await page.isHidden("#error"), `README snippet ${i}`).toBe(true);
    }
    // TypeScript highlighting: a type annotation is coloured as a type.
    await setCode(page, "const t: torch.Tensor = torch.ones(2);\nconsole.log(t);");
    expect(await page.$$eval(".cm-line span", (all) => all.some((s) => s.textContent === "Tensor"))).toBe(
      true,
    );
  }, 60_000);

  it("restores TypeScript code and mode from a shared link", async () => {
    const code =
      'import * as torch from "tensorgrad";\nconst x: torch.Tensor = torch.tensor([1.0, 2.0]);\nconsole.log(x); // é ✓';
    await page.selectOption("#mode", "typescript");
    await setCode(page, code);
    await run();
    expect(page.url()).toMatch(/#typescript=[\w-]+$/);
    const shared = await browser.newPage();
    await shared.goto(page.url());
    await shared.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
    expect(await getCode(shared)).toBe(code);
    expect(await shared.inputValue("#mode")).toBe("typescript");
    await shared.click("#run");
    await shared.waitForSelector('body[data-runs="1"]', { timeout: 20_000 });
    expect(await shared.textContent("#output")).toBe("tensor([1., 2.])\n");
    await shared.close();
  }, 30_000);

  it("underlines the line of the op whose node failed inside backward()", async () => {
    await page.selectOption("#mode", "python");
    await setCode(
      page,
      [
        "import torch",
        "x = torch.tensor([1.0, 2.0], requires_grad=True)",
        "y = x.exp()",
        "y.mul_(2)",
        "y.sum().backward()",
      ].join("\n"),
    );
    await run();
    expect(await page.textContent("#error")).toMatch(
      /^Line 5: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation[^]*\n\(in backward\(\), at ExpBackward0, recorded at line 3\)$/,
    );
    const underlined = await page.$$eval(".cm-lintRange-error", (all) => all.map((e) => e.textContent));
    expect(underlined).toContain("y = x.exp()");
    expect(underlined).toContain("y.sum().backward()");
    expect(await page.textContent("#graph g.node.failed")).toContain("ExpBackward0");
    await page.screenshot({ path: resolve(artifacts, "playground_backward_error.png") });
  }, 30_000);

  it("keeps the code in the URL, so a lesson can be shared as a link", async () => {
    const code = "import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\n(x ** 2).sum()  # é ✓";
    await page.selectOption("#mode", "python");
    await setCode(page, code);
    await run();
    expect(page.url()).toMatch(/#python=[\w-]+$/);
    const shared = await browser.newPage();
    await shared.goto(page.url());
    await shared.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
    expect(await getCode(shared)).toBe(code);
    expect(await shared.inputValue("#mode")).toBe("python");
    await shared.close();
  }, 30_000);

  it("puts PyTorch's error text next to the line that raised it", async () => {
    await page.selectOption("#mode", "javascript");
    await setCode(page, "const a = torch.tensor(2.0);\nconst b = a.mul(3);\n\nb.backward();\n");
    await run();
    expect(await page.textContent("#error")).toBe(
      "Line 4: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn",
    );
    // The failing line is underlined in the editor.
    expect(await page.textContent(".cm-lintRange-error")).toBe("b.backward();");

    await setCode(
      page,
      "const x = torch.tensor(2.0, { requires_grad: true });\nconst y = x.mul(x);\ny.backward();\ny.backward();",
    );
    await run();
    expect(await page.textContent("#error")).toMatch(
      /^Line 4: RuntimeError: Trying to backward through the graph a second time/,
    );

    await setCode(
      page,
      "const x = torch.tensor(2.0, { requires_grad: true });\nconst y = x.mul(3);\ny.backward();\nprint(y.grad);",
    );
    await run();
    const output = await page.textContent("#output");
    expect(output).toContain("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed");
    expect(output).toMatch(/\(line 4\)/);
    expect(output).toContain("None");
    expect(await page.textContent(".cm-lintRange-warning")).toBe("print(y.grad);");
    await page.screenshot({ path: resolve(artifacts, "playground_warning.png"), fullPage: true });
  }, 30_000);
});
