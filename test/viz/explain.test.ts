import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { logisticNeuron } from "./logistic_neuron.js";

const { explain } = torch.autograd;

// PyTorch 1.13 (float32) for the seed's manual cell: dl_dypred = (y_pred - y)/(y_pred*(1 - y_pred)),
// dypred_dz = y_pred*(1 - y_pred), and the grads backward() leaves in w and b.
const PY = {
  dloss_dpred: 813.3618774414062,
  dpred_dz: 0.0012279534712433815,
  w_grad: 6.6917619705200195,
  b_grad: 0.9987704753875732,
};
// PyTorch's engine order for this graph (names of the nodes its prehooks saw, AccumulateGrad left out).
const PY_ORDER = [
  "NegBackward0",
  "AddBackward0",
  "MulBackward0",
  "LogBackward0",
  "RsubBackward1",
  "MulBackward0",
  "LogBackward0",
  "ClampBackward1",
  "SigmoidBackward0",
  "AddBackward0",
  "MulBackward0",
];

describe("torch.autograd.explain", () => {
  it("lists the backward steps in PyTorch's engine order", () => {
    const { w, b, loss } = logisticNeuron();
    const e = explain(loss, { params: { w, b } });
    expect(e.steps.map((s) => s.name)).toEqual(PY_ORDER);
    expect(e.steps[0].grad_output!.item()).toBe(1);
    expect(e.find("SigmoidBackward0")!.formula).toBe("self: sigmoid_backward(grad, result)");
    expect(e.find("ClampBackward1")!.formula).toBe("self: grad where min <= self <= max, else 0");
    expect(e.find("MulBackward0")!.formula).toBe("self: grad * other; other: grad * self");
  });

  it("reproduces the tutorial's manual factors, which multiply to w.grad and b.grad", () => {
    const { x, w, b, y_pred, loss } = logisticNeuron();
    const e = explain(loss, { params: { w, b } });
    const sigmoid = e.find("SigmoidBackward0")!;
    const dloss_dpred = sigmoid.grad_output!.item();
    const dpred_dz = sigmoid.inputs[0].local!.item();
    // z = w·x + b: the last Mul is w·x (its input 0 is w), the last Add adds b (its input 1).
    const mulWx = e.steps[e.steps.length - 1];
    const addB = e.steps[e.steps.length - 2];
    expect(mulWx.inputs[0].to).toBe("w");
    expect(addB.inputs[1].to).toBe("b");
    const dz_dw = mulWx.inputs[0].local!.item();
    const dz_db = addB.inputs[1].local!.item();

    expect(dloss_dpred).toBeCloseTo(PY.dloss_dpred, 3);
    expect(dpred_dz).toBeCloseTo(PY.dpred_dz, 8);
    expect(dz_dw).toBe(x.item());
    expect(dz_db).toBe(1);
    // The manual formulas, computed with tensors like the tutorial does.
    const manual = y_pred.detach();
    expect(dloss_dpred).toBeCloseTo(manual.div(manual.mul(torch.sub(1, manual))).item(), 2);
    expect(dpred_dz).toBeCloseTo(manual.mul(torch.sub(1, manual)).item(), 8);

    // The explainer leaves .grad alone; the real backward gives PyTorch's digits.
    expect(w.grad).toBeNull();
    expect(b.grad).toBeNull();
    loss.backward();
    expect(w.grad!.item()).toBe(PY.w_grad);
    expect(b.grad!.item()).toBe(PY.b_grad);
    expect(e.leaf("w")!.grad!.item()).toBe(PY.w_grad);
    expect(e.leaf("b")!.grad!.item()).toBe(PY.b_grad);
    expect(dloss_dpred * dpred_dz * dz_dw).toBeCloseTo(PY.w_grad, 5);
    expect(dloss_dpred * dpred_dz * dz_db).toBeCloseTo(PY.b_grad, 6);
    // Each step's sent gradient is its incoming gradient times its local derivative.
    for (const step of e.steps)
      for (const input of step.inputs)
        if (input.grad)
          expect(input.grad.item()).toBeCloseTo(step.grad_output!.item() * input.local!.item(), 4);
  });

  it("prints readably", () => {
    const { w, b, loss } = logisticNeuron();
    const text = explain(loss, { params: { w, b } }).toString();
    expect(text).toContain("[9] SigmoidBackward0");
    expect(text).toContain("incoming grad: tensor(813.3619)");
    expect(text).toContain("input 0 → w: local tensor(6.7000), sends tensor(6.6918)");
    expect(text).toContain("w (): tensor(6.6918)");
    expect(text).toContain("b (): tensor(0.9988)");
  });

  it("keeps the graph and retained grads, and raises PyTorch's errors", () => {
    const { w, b, y_pred, loss } = logisticNeuron();
    y_pred.retain_grad();
    explain(loss, { params: { w, b } });
    expect(y_pred.grad).toBeNull();
    loss.backward();
    expect(() => explain(loss)).toThrow(/Trying to backward through the graph a second time/);
    expect(() => explain(torch.tensor(1.0))).toThrow(
      "element 0 of tensors does not require grad and does not have a grad_fn",
    );
    expect(() => explain(torch.ones([2], { requires_grad: true }).mul(2))).toThrow(
      "grad can be implicitly created only for scalar outputs",
    );
  });
});
