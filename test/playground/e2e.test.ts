// End to end: build the playground, serve it with Vite's preview server, drive Debian's chromium.
// Skipped (with a note) where /usr/bin/chromium is missing: `apt-get install -y chromium`.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const configFile = resolve(root, "playground/vite.config.ts");
const artifacts = resolve(root, "test/playground/artifacts");
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`[playground e2e] skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

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

  it("runs a seed tutorial: output, graph and explanation", async () => {
    const names = await page.$$eval("#example option", (options) => options.map((o) => o.textContent));
    expect(names).toEqual(expect.arrayContaining(["000_understanding_autograd", "004_autograd_in_pytorch"]));
    await page.selectOption("#example", { label: "001_autograd_steps" });
    const code = await page.inputValue("#editor");
    expect(code).toContain("binary_cross_entropy");
    // Without show(), the graph is that of the last backward(); show(loss) picks the neuron's loss instead.
    expect(code).toContain("\nloss.backward();");
    await page.fill("#editor", code.replace("\nloss.backward();", "\nshow(loss);\nloss.backward();"));
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

  it("runs all five seed tutorials without an error", async () => {
    for (const name of [
      "000_understanding_autograd",
      "002_computation_graph",
      "003_torch_autograd",
      "004_autograd_in_pytorch",
    ]) {
      await page.selectOption("#example", { label: name });
      await run();
      expect(await page.isHidden("#error"), `${name}: ${await page.textContent("#error")}`).toBe(true);
      expect((await page.textContent("#output"))!.length).toBeGreaterThan(0);
    }
  }, 30_000);

  it("shows the logistic neuron's leaves by name and the steps of its backward", async () => {
    await page.fill(
      "#editor",
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

  it("puts PyTorch's error text next to the line that raised it", async () => {
    await page.fill("#editor", "const a = torch.tensor(2.0);\nconst b = a.mul(3);\n\nb.backward();\n");
    await run();
    expect(await page.textContent("#error")).toBe(
      "Line 4: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn",
    );
    expect(await page.textContent("#gutter .bad")).toBe("4");

    await page.fill(
      "#editor",
      "const x = torch.tensor(2.0, { requires_grad: true });\nconst y = x.mul(x);\ny.backward();\ny.backward();",
    );
    await run();
    expect(await page.textContent("#error")).toMatch(
      /^Line 4: RuntimeError: Trying to backward through the graph a second time/,
    );

    await page.fill(
      "#editor",
      "const x = torch.tensor(2.0, { requires_grad: true });\nconst y = x.mul(3);\ny.backward();\nprint(y.grad);",
    );
    await run();
    const output = await page.textContent("#output");
    expect(output).toContain("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed");
    expect(output).toMatch(/\(line 4\)/);
    expect(output).toContain("None");
    await page.screenshot({ path: resolve(artifacts, "playground_warning.png"), fullPage: true });
  }, 30_000);
});
