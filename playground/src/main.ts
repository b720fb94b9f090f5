// The playground page: examples menu, language switch (Python, JavaScript or TypeScript), editor with line
// numbers, Run, output, the graph with each node's forward value, and a stepper that walks the backward pass
// on it beside the explanation.
import examples from "virtual:seed-examples";
import { make_dot, to_svg } from "../../src/viz/index.js";
import { createEditor, type Problem } from "./editor.js";
import { MODES, runCode, type Mode, type RunResult } from "./runner.js";
import { describeStep, dotIds, gradLine, shortValue, stepState, withValues } from "./stepper.js";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const select = $<HTMLSelectElement>("example");
const modeSelect = $<HTMLSelectElement>("mode");
const runButton = $<HTMLButtonElement>("run");
const outputPane = $<HTMLPreElement>("output");
const errorBox = $<HTMLDivElement>("error");
const graphPane = $<HTMLDivElement>("graph");
const graphTitle = $<HTMLSpanElement>("graph-title");
const explainPane = $<HTMLPreElement>("explain");
const stepper = $<HTMLDivElement>("stepper");
const stepLabel = $<HTMLSpanElement>("step-label");
const stepInfo = $<HTMLPreElement>("step-info");
const leafGrads = $<HTMLPreElement>("leaf-grads");
const playButton = $<HTMLButtonElement>("step-play");
const SVG_NS = "http://www.w3.org/2000/svg";

/** Counts runs: a slow graph of an earlier run must not replace a later run's. */
let latestRun = 0;
const editor = createEditor($("editor"), () => void run(), "python");
// Tests and scripts read and set the code through this (the page has no plain text area).
(window as unknown as { playground: unknown }).playground = {
  getCode: editor.getCode,
  setCode(code: string) {
    editor.setCode(code);
    select.value = String(examples.length); // "(your code)"
  },
};

function setMode(mode: Mode): void {
  modeSelect.value = mode;
  editor.setMode(mode);
}

function loadExample(index: number): void {
  const example = examples[index];
  editor.setCode(example?.code ?? "");
  if (example) setMode(example.mode);
  editor.showProblems([]);
  errorBox.hidden = true;
}

/** The run whose backward the stepper walks, the SVG ids of its nodes, and the current step. */
let stepping: { result: RunResult; ids: Map<object, string>; index: number } | null = null;
let playing: ReturnType<typeof setInterval> | null = null;

/** The explanation as one block per step, so the current step can be marked and scrolled to. */
function renderExplanation(result: RunResult): void {
  const text = result.explanation?.toString() ?? result.explainNote ?? "";
  const blocks = text.split(/\n(?=\n)/);
  explainPane.replaceChildren(
    ...blocks.map((block) => {
      const span = document.createElement("span");
      const m = /^\n?\[(\d+)\] /.exec(block);
      if (m) span.dataset.step = m[1];
      span.textContent = block + "\n";
      return span;
    }),
  );
}

function paintStep(): void {
  if (!stepping?.result.explanation) return;
  const { result, ids } = stepping;
  const explanation = result.explanation!;
  const state = stepState(explanation, stepping.index, ids);
  stepLabel.textContent = `step ${state.index} of ${explanation.steps.length}`;
  stepLabel.dataset.step = String(state.index);
  for (const old of Array.from(graphPane.querySelectorAll(".overlay"))) old.remove();
  const leafIds = new Map(state.leaves.map((l, i) => [ids.get(explanation.leaves[i].tensor), l]));
  for (const g of Array.from(graphPane.querySelectorAll<SVGGElement>("g.node, g.edge"))) {
    const title = g.querySelector("title")?.textContent ?? "";
    const isNode = g.classList.contains("node");
    g.classList.toggle("running", isNode && title === state.nodeId);
    g.classList.toggle("sending", !isNode && state.edges.includes(title));
    // What each edge sends at this step, at the middle of its path; each leaf's .grad so far, beside it.
    const sent = isNode ? undefined : state.sends.find((s) => s.edge === title);
    const leaf = isNode ? leafIds.get(title) : undefined;
    if (sent) {
      const path = g.querySelector("path");
      if (path) {
        const p = path.getPointAtLength(path.getTotalLength() / 2);
        addLabel(g, p.x + 4, p.y, `sends ${shortValue(sent.grad)}`);
      }
    } else if (leaf) {
      // The last line of the leaf's box (withValues made it) holds its .grad so far.
      const texts = g.querySelectorAll("text");
      const last = texts[texts.length - 1];
      if (last?.textContent?.startsWith(".grad")) last.textContent = gradLine(leaf.grad);
    }
  }
  stepInfo.textContent = state.step
    ? describeStep(state.step, result.saved.get(state.step.node))
    : "Step ▶ runs the backward pass one node at a time, in the engine's order.";
  leafGrads.textContent = state.leaves
    .map((l) => `${l.name}.grad = ${l.grad === null ? "None" : l.grad.toString().replace(/\n/g, "\n    ")}`)
    .join("\n");
  for (const span of Array.from(explainPane.querySelectorAll<HTMLSpanElement>("span[data-step]"))) {
    const current = span.dataset.step === String(state.index);
    span.classList.toggle("current", current);
    // Scrolls the explanation's own box only: the graph beside it stays in view.
    if (current) explainPane.scrollTop = span.offsetTop - explainPane.offsetTop - 8;
  }
}

/** A label drawn over the graph for this step only (removed at the next one). */
function addLabel(g: SVGGElement, x: number, y: number, text: string, leftOf = x - 8): SVGTextElement {
  const label = document.createElementNS(SVG_NS, "text");
  label.setAttribute("class", "overlay");
  label.setAttribute("y", String(y));
  label.textContent = text.replace(/\s*\n\s*/g, " ");
  g.append(label);
  // Past the drawing's right edge, the label goes on the left instead.
  const width = g.ownerSVGElement?.viewBox.baseVal?.width ?? Infinity;
  const right = x + label.getComputedTextLength() > width;
  label.setAttribute("x", String(right ? leftOf : x));
  if (right) label.setAttribute("text-anchor", "end");
  return label;
}

function stopPlaying(): void {
  if (playing !== null) clearInterval(playing);
  playing = null;
  playButton.textContent = "Play ▶▶";
}

function moveTo(index: number): void {
  if (!stepping?.result.explanation) return;
  stepping.index = Math.max(0, Math.min(index, stepping.result.explanation.steps.length));
  paintStep();
}

/** A click on a node: its step (formula, numbers, saved tensors), or a leaf's value and gradient. */
function showNode(id: string): void {
  if (!stepping?.result.explanation) return;
  const { result, ids } = stepping;
  const step = result.explanation!.steps.find((s) => ids.get(s.node) === id);
  if (step) {
    const made = result.created.get(step.node);
    const origin = made
      ? `\n    forward: ${shortValue(made.tensor).replace(/\n/g, "\n             ")}` +
        (made.line !== null ? `, recorded at line ${made.line}` : "")
      : "";
    stepInfo.textContent = describeStep(step, result.saved.get(step.node)) + origin;
    return;
  }
  const name = Object.entries(result.params).find(([, t]) => ids.get(t) === id)?.[0];
  const leaf = result.explanation!.leaves.find((l) => ids.get(l.tensor) === id);
  if (leaf)
    stepInfo.textContent = `${name ?? leaf.name} = ${leaf.tensor}\nbackward() adds to .grad: ${leaf.grad}`;
  else if (result.target && ids.get(result.target) === id) stepInfo.textContent = `output = ${result.target}`;
}

async function drawGraph(result: RunResult, run: number): Promise<void> {
  stopPlaying();
  stepping = null;
  stepper.hidden = true;
  stepInfo.textContent = "";
  leafGrads.textContent = "";
  graphTitle.textContent = result.target?.grad_fn ? `of ${result.target.grad_fn.name()}` : "";
  if (!result.target) {
    graphPane.textContent = "No graph: print a tensor that has a grad_fn, call backward(), or show(t).";
    return;
  }
  // Cleared first: if drawing fails, the pane must not keep the previous program's graph.
  graphPane.textContent = "Drawing the graph…";
  try {
    const ids = dotIds(result.target);
    const steppable = result.explanation?.output === result.target ? result.explanation : null;
    const dot = withValues(
      make_dot(result.target, { params: result.params }),
      ids,
      result.created,
      steppable,
    );
    const svg = await to_svg(dot);
    if (run !== latestRun) return;
    graphPane.innerHTML = svg.slice(svg.indexOf("<svg"));
    // The node a failed backward() was running, in red.
    const failedId = result.failedNode ? ids.get(result.failedNode) : undefined;
    for (const g of Array.from(graphPane.querySelectorAll("g.node")))
      g.classList.toggle("failed", g.querySelector("title")?.textContent === failedId);
    if (result.explanation && result.explanation.output === result.target) {
      stepping = { result, ids, index: 0 };
      stepper.hidden = false;
      paintStep();
    }
  } catch (e) {
    if (run !== latestRun) return;
    graphPane.replaceChildren();
    const note = document.createElement("div");
    note.className = "graph-error";
    note.textContent = `The graph could not be drawn: ${(e as Error).message}`;
    graphPane.append(note);
  }
}

async function showResult(result: RunResult, run: number): Promise<void> {
  outputPane.replaceChildren(
    ...result.output.map((o) => {
      const span = document.createElement("span");
      span.className = o.kind;
      span.textContent = `${o.text}${o.kind !== "log" && o.line !== null ? `   (line ${o.line})` : ""}\n`;
      return span;
    }),
  );
  const problems: Problem[] = result.output.flatMap((o) =>
    o.kind !== "log" && o.line !== null
      ? [
          {
            line: o.line,
            severity: o.kind === "warn" ? ("warning" as const) : ("error" as const),
            message: o.text,
          },
        ]
      : [],
  );
  // JavaScript's error stops the program and is not in the output; Python's is there already.
  const { error } = result;
  if (error?.line != null && !problems.some((p) => p.severity === "error" && p.line === error.line))
    problems.push({ line: error.line, severity: "error", message: `${error.name}: ${error.message}` });
  // An error inside backward(): also the line of the op that recorded the node that failed.
  const failed = error?.node;
  if (failed?.line != null)
    problems.push({
      line: failed.line,
      severity: "error",
      message: `${failed.name}, recorded here, failed in backward(): ${error!.name}: ${error!.message}`,
    });
  editor.showProblems(problems);
  if (result.error) {
    const where = result.error.line !== null ? `Line ${result.error.line}: ` : "";
    const node = failed
      ? `\n(in backward(), at ${failed.name}${failed.line !== null ? `, recorded at line ${failed.line}` : ""})`
      : "";
    errorBox.textContent = `${where}${result.error.name}: ${result.error.message}${node}`;
    errorBox.hidden = false;
    const line = failed?.line ?? result.error.line;
    if (line !== null) editor.selectLine(line);
  } else errorBox.hidden = true;

  renderExplanation(result);
  await drawGraph(result, run);
}

/** The code and language in the URL's fragment (#python=... / #typescript=...), so a lesson is a link. */
function saveToUrl(): void {
  const bytes = new TextEncoder().encode(editor.getCode());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  const encoded = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  history.replaceState(null, "", `#${modeSelect.value}=${encoded}`);
}

function loadFromUrl(): boolean {
  const m = new RegExp(`^#(${MODES.join("|")})=([\\w-]*)$`).exec(location.hash);
  if (!m) return false;
  try {
    const binary = atob(m[2].replace(/-/g, "+").replace(/_/g, "/"));
    editor.setCode(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return false;
  }
  setMode(m[1] as Mode);
  select.value = String(examples.length); // "(your code)": the code is the link's, not an example's
  return true;
}

async function run(): Promise<void> {
  const thisRun = ++latestRun;
  saveToUrl();
  runButton.disabled = true;
  try {
    await showResult(await runCode(editor.getCode(), modeSelect.value as Mode), thisRun);
  } finally {
    runButton.disabled = false;
    document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
  }
}

const GROUPS: Record<Mode, string> = {
  python: "Python (the notebooks' cells)",
  javascript: "JavaScript",
  typescript: "TypeScript (examples/seeds)",
};
for (const mode of MODES) {
  const group = document.createElement("optgroup");
  group.label = GROUPS[mode];
  examples.forEach((ex, i) => {
    if (ex.mode === mode) group.append(new Option(ex.name, String(i)));
  });
  select.append(group);
}
select.add(new Option("(your code)", String(examples.length)));
select.addEventListener("change", () => loadExample(Number(select.value)));
modeSelect.addEventListener("change", () => setMode(modeSelect.value as Mode));
runButton.addEventListener("click", () => void run());
$("step-reset").addEventListener("click", () => (stopPlaying(), moveTo(0)));
$("step-back").addEventListener("click", () => (stopPlaying(), moveTo((stepping?.index ?? 0) - 1)));
$("step-next").addEventListener("click", () => (stopPlaying(), moveTo((stepping?.index ?? 0) + 1)));
playButton.addEventListener("click", () => {
  if (playing !== null) return stopPlaying();
  if (!stepping?.result.explanation) return;
  if (stepping.index >= stepping.result.explanation.steps.length) moveTo(0);
  playButton.textContent = "Pause ❚❚";
  playing = setInterval(() => {
    const total = stepping?.result.explanation?.steps.length ?? 0;
    if (!stepping || stepping.index >= total) return stopPlaying();
    moveTo(stepping.index + 1);
  }, 700);
});
graphPane.addEventListener("click", (e) => {
  const node = (e.target as Element).closest("g.node");
  const id = node?.querySelector("title")?.textContent;
  if (id) showNode(id);
});
if (!loadFromUrl()) loadExample(0);
document.body.dataset.ready = "true";
