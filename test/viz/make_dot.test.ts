import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { logisticNeuron } from "./logistic_neuron.js";

const { make_dot, to_svg } = torch.viz;

interface DotNode {
  label: string;
  fill: string | null;
}

/** Parses make_dot's output: nodes by id, and edges (with their attributes). */
function parseDot(dot: string): { nodes: Map<string, DotNode>; edges: [string, string, string][] } {
  const nodes = new Map<string, DotNode>();
  const edges: [string, string, string][] = [];
  for (const line of dot.split("\n")) {
    const edge = /^\t(\w+) -> (\w+)(?: \[(.*)\])?$/.exec(line);
    if (edge) {
      edges.push([edge[1], edge[2], edge[3] ?? ""]);
      continue;
    }
    const node = /^\t(n\d+) \[label="((?:[^"\\]|\\.)*)"(?: fillcolor=(\w+))?\]$/.exec(line);
    if (node) nodes.set(node[1], { label: node[2].replace(/\\n/g, "\n"), fill: node[3] ?? null });
  }
  return { nodes, edges };
}

describe("torch.viz.make_dot", () => {
  it("draws the logistic neuron like torchviz: grad_fn boxes, leaf boxes, green output", () => {
    const { w, b, loss } = logisticNeuron();
    const dot = make_dot(loss, { params: { w, b } });
    expect(dot.startsWith("digraph {")).toBe(true);
    expect(dot).toContain('graph [size="12,12"]');
    const { nodes, edges } = parseDot(dot);
    const labels = [...nodes.values()].map((n) => n.label).sort();
    // PyTorch 1.13's node names for this graph, and no AccumulateGrad boxes (the leaves stand in for them).
    expect(labels).toEqual(
      [
        "\n ()",
        "AddBackward0",
        "AddBackward0",
        "ClampBackward1",
        "LogBackward0",
        "LogBackward0",
        "MulBackward0",
        "MulBackward0",
        "MulBackward0",
        "NegBackward0",
        "RsubBackward1",
        "SigmoidBackward0",
        "b\n ()",
        "w\n ()",
      ].sort(),
    );
    const idOf = (label: string): string => [...nodes].find(([, n]) => n.label === label)![0];
    expect(nodes.get(idOf("w\n ()"))!.fill).toBe("lightblue");
    expect(nodes.get(idOf("b\n ()"))!.fill).toBe("lightblue");
    expect(nodes.get(idOf("\n ()"))!.fill).toBe("darkolivegreen1");
    const has = (from: string, to: string): boolean =>
      edges.some(([a, c]) => nodes.get(a)?.label === from && nodes.get(c)?.label === to);
    expect(has("w\n ()", "MulBackward0")).toBe(true);
    expect(has("b\n ()", "AddBackward0")).toBe(true);
    expect(has("AddBackward0", "SigmoidBackward0")).toBe(true);
    expect(has("SigmoidBackward0", "ClampBackward1")).toBe(true);
    expect(has("ClampBackward1", "LogBackward0")).toBe(true);
    expect(has("ClampBackward1", "RsubBackward1")).toBe(true);
    expect(has("RsubBackward1", "LogBackward0")).toBe(true);
    expect(has("NegBackward0", "\n ()")).toBe(true);
    // One edge per next_functions entry that is not None (13), plus grad_fn -> output.
    expect(edges.length).toBe(14);
  });

  it("show_saved adds the saved tensors, joined without arrows", () => {
    const { w, b, loss } = logisticNeuron();
    const { nodes, edges } = parseDot(make_dot(loss, { params: { w, b }, show_saved: true }));
    const saved = [...nodes.values()].filter((n) => n.fill === "orange").map((n) => n.label.split("\n")[0]);
    expect(saved).toContain("other"); // w·x saves x as `other`
    expect(saved).toContain("self"); // clamp's input, which is also SigmoidBackward0's saved `result`
    const undirected = edges.filter(([, , attrs]) => attrs === "dir=none");
    const savedBy = (fn: string): string[] =>
      undirected.filter(([a]) => nodes.get(a)!.label === fn).map(([, c]) => nodes.get(c)!.label);
    // σ(z) is one tensor: the box Clamp saved as `self` is the one Sigmoid saved as `result`.
    expect(savedBy("SigmoidBackward0")).toEqual(savedBy("ClampBackward1"));
    // The saved leaf w is the same light-blue box, not a second one.
    expect([...nodes.values()].filter((n) => n.label === "w\n ()")).toHaveLength(1);
    expect([...nodes.values()].find((n) => n.label === "w\n ()")!.fill).toBe("lightblue");
  });

  it("labels shapes like torchviz and accepts named_parameters-style pairs", () => {
    const weight = torch.randn([3, 4], { requires_grad: true });
    const out = weight.sum();
    const { nodes } = parseDot(make_dot(out, { params: [["weight", weight]] }));
    expect([...nodes.values()].map((n) => n.label)).toContain("weight\n (3, 4)");
    expect(() => make_dot(out, { params: { weight: 3 as unknown as torch.Tensor } })).toThrow(TypeError);
  });

  it("renders to SVG with the node labels", async () => {
    const { w, b, loss } = logisticNeuron();
    const svg = await to_svg(make_dot(loss, { params: { w, b } }));
    expect(svg).toContain("<svg");
    for (const label of ["SigmoidBackward0", "ClampBackward1", "RsubBackward1", "NegBackward0", "w", "b"])
      expect(svg).toContain(`>${label}</text>`);
  });

  it("renders again and again, and several renders at once", async () => {
    const x = torch.randn([3], { requires_grad: true });
    // An unnamed leaf's label starts with "\n", which broke a reused Graphviz instance on every other call.
    const dot = make_dot(x.mul(2).sum());
    const one = await to_svg(dot);
    for (let i = 0; i < 3; i++) expect(await to_svg(dot)).toBe(one);
    expect(await Promise.all([to_svg(dot), to_svg(dot), to_svg(dot)])).toEqual([one, one, one]);
    expect(one).toContain(">MulBackward0</text>");
  });
});
