// The playground page: examples menu, editor with line numbers, Run, output, graph and explanation.
import examples from "virtual:seed-examples";
import { make_dot, to_svg } from "../../src/viz/index.js";
import { runCode, type RunResult } from "./runner.js";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const editor = $<HTMLTextAreaElement>("editor");
const gutter = $<HTMLPreElement>("gutter");
const select = $<HTMLSelectElement>("example");
const runButton = $<HTMLButtonElement>("run");
const outputPane = $<HTMLPreElement>("output");
const errorBox = $<HTMLDivElement>("error");
const graphPane = $<HTMLDivElement>("graph");
const graphTitle = $<HTMLSpanElement>("graph-title");
const explainPane = $<HTMLPreElement>("explain");

let badLine: number | null = null;

function renderGutter(): void {
  const count = editor.value.split("\n").length;
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) lines.push(i === badLine ? `<span class="bad">${i}</span>` : String(i));
  gutter.innerHTML = lines.join("\n");
}

function selectLine(line: number): void {
  const starts = [0];
  for (let i = 0; i < editor.value.length; i++) if (editor.value[i] === "\n") starts.push(i + 1);
  const start = starts[line - 1] ?? 0;
  const end = (starts[line] ?? editor.value.length + 1) - 1;
  editor.focus();
  editor.setSelectionRange(start, end);
  const lineHeight = editor.scrollHeight / starts.length;
  editor.scrollTop = Math.max(0, (line - 5) * lineHeight);
}

function loadExample(index: number): void {
  editor.value = examples[index]?.code ?? "";
  badLine = null;
  errorBox.hidden = true;
  renderGutter();
}

async function showResult(result: RunResult): Promise<void> {
  outputPane.replaceChildren(
    ...result.output.map((o) => {
      const span = document.createElement("span");
      span.className = o.kind;
      span.textContent = `${o.text}${o.kind !== "log" && o.line !== null ? `   (line ${o.line})` : ""}\n`;
      return span;
    }),
  );
  badLine = result.error?.line ?? null;
  renderGutter();
  if (result.error) {
    const where = result.error.line !== null ? `Line ${result.error.line}: ` : "";
    errorBox.textContent = `${where}${result.error.name}: ${result.error.message}`;
    errorBox.hidden = false;
    if (result.error.line !== null) selectLine(result.error.line);
  } else errorBox.hidden = true;

  explainPane.textContent = result.explanation?.toString() ?? result.explainNote ?? "";
  graphTitle.textContent = result.target?.grad_fn ? `of ${result.target.grad_fn.name()}` : "";
  if (!result.target) {
    graphPane.textContent = "No graph: print a tensor that has a grad_fn, call backward(), or show(t).";
    return;
  }
  const svg = await to_svg(make_dot(result.target, { params: result.params }));
  graphPane.innerHTML = svg.slice(svg.indexOf("<svg"));
}

async function run(): Promise<void> {
  runButton.disabled = true;
  try {
    await showResult(await runCode(editor.value));
  } finally {
    runButton.disabled = false;
    document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
  }
}

examples.forEach((ex, i) => select.add(new Option(ex.name, String(i))));
select.add(new Option("(empty)", String(examples.length)));
select.addEventListener("change", () => loadExample(Number(select.value)));
editor.addEventListener("input", renderGutter);
editor.addEventListener("scroll", () => (gutter.scrollTop = editor.scrollTop));
editor.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void run();
  } else if (e.key === "Tab") {
    e.preventDefault();
    editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
    renderGutter();
  }
});
runButton.addEventListener("click", () => void run());
loadExample(0);
document.body.dataset.ready = "true";
