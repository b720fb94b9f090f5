// Stepping through backward (playground/src/stepper.ts): the node ids match make_dot's drawing, the edges
// exist in it, and after the last step the leaves hold what backward() put in .grad.
import { describe, expect, it } from "vitest";
import { runCode } from "../../playground/src/runner.js";
import { describeStep, dotIds, shortValue, stepState, withValues } from "../../playground/src/stepper.js";
import * as torch from "../../src/index.js";

// Seed 003's logistic neuron, as the notebook writes it.
const NEURON = `import torch
x = torch.tensor(6.7)
y = torch.tensor(0.0)
w = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
def binary_cross_entropy_loss(prediction, target):
    epsilon = 1e-8
    prediction = torch.clamp(prediction, epsilon, 1 - epsilon)
    return -(target * torch.log(prediction) + (1 - target) * torch.log(1 - prediction))
z = w*x + b
y_pred = torch.sigmoid(z)
loss = binary_cross_entropy_loss(y_pred, y)
loss.backward()
print(w.grad, b.grad)`;

describe("the backward stepper", () => {
  it("walks the logistic neuron to the leaves' gradients, on make_dot's nodes and edges", async () => {
    const r = await runCode(NEURON, "python");
    expect(r.error).toBeNull();
    expect(r.output.map((o) => o.text)).toEqual(["tensor(6.6918) tensor(0.9988)"]);
    const explanation = r.explanation!;
    const ids = dotIds(r.target!);
    const dot = torch.viz.make_dot(r.target!, { params: r.params });
    const label = (id: string) => new RegExp(`\\t${id} \\[label="([^"\\\\]*)`).exec(dot)?.[1];

    expect(stepState(explanation, 0, ids)).toMatchObject({ index: 0, step: null, nodeId: null });
    for (let k = 1; k <= explanation.steps.length; k++) {
      const state = stepState(explanation, k, ids);
      expect(label(state.nodeId!)).toBe(state.step!.name);
      for (const edge of state.edges) expect(dot).toContain(`\t${edge.replace("->", " -> ")}\n`);
    }
    const first = stepState(explanation, 1, ids);
    expect(first.leaves.map((l) => [l.name, l.grad])).toEqual([
      ["w", null],
      ["b", null],
    ]);
    const done = stepState(explanation, explanation.steps.length, ids);
    const w = r.params.w;
    const b = r.params.b;
    expect(done.leaves.map((l) => l.name)).toEqual(["w", "b"]);
    // The sums of what the edges sent are what backward() accumulated, bit for bit.
    expect(done.leaves[0].grad!.item()).toBe(w.grad!.item());
    expect(done.leaves[1].grad!.item()).toBe(b.grad!.item());
    // Seed 003 prints f"{w.grad}" after loss.backward() as 6.6917619705200195 (PyTorch 1.13).
    expect(String(done.leaves[0].grad)).toBe("6.6917619705200195");
    expect(String(done.leaves[1].grad)).toBe("0.9987704753875732");
  });

  it("puts each node's forward value in the drawing, and what each edge sends at a step", async () => {
    const r = await runCode(NEURON, "python");
    const ids = dotIds(r.target!);
    const dot = withValues(torch.viz.make_dot(r.target!, { params: r.params }), ids, r.created);
    // The leaves and the output with their values; each op's box with the tensor the op returned.
    expect(dot).toContain('label="w\\n ()\\ntensor(1.)"');
    expect(dot).toContain('label="loss\\n ()\\ntensor(6.7012)"');
    expect(dot).toContain('label="SigmoidBackward0\\ntensor(0.9988)"');
    expect(dot).toContain('label="ClampBackward1\\ntensor(0.9988)"');
    expect(dot).toContain('label="NegBackward0\\ntensor(6.7012)"');
    const sigmoid = r.explanation!.steps.findIndex((s) => s.name === "SigmoidBackward0") + 1;
    const state = stepState(r.explanation!, sigmoid, ids);
    expect(state.sends.map((s) => [s.edge, shortValue(s.grad)])).toEqual([
      [state.edges[0], "tensor(0.9988)"],
    ]);
    // PyTorch's summarizing for long tensors.
    expect(shortValue(torch.arange(10).float())).toBe("tensor([0., 1.,  ..., 8., 9.])");
  });

  it("describes a step with its formula, numbers and saved tensors", async () => {
    const r = await runCode(NEURON, "python");
    const step = r.explanation!.find("SigmoidBackward0")!;
    const text = describeStep(step, r.saved.get(step.node));
    expect(text).toContain("local: self: sigmoid_backward(grad, result)");
    expect(text).toContain("saved result: tensor(0.9988");
  });
});
