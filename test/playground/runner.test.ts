// The playground's runner in Node (no browser): the defects of issue 17 that are not about drawing.
import { describe, expect, it } from "vitest";
import { runCode } from "../../playground/src/runner.js";
import * as torch from "../../src/index.js";

const texts = (r: Awaited<ReturnType<typeof runCode>>) => r.output.map((o) => o.text);

/** The leaf under `y = a[0].mul(2)`: the first input of MulBackward0 is a[0]'s AccumulateGrad. */
const a0 = (r: Awaited<ReturnType<typeof runCode>>) =>
  (r.target!.grad_fn!.next_functions[0][0] as unknown as { variable: torch.Tensor }).variable;

describe("playground runner", () => {
  it("prints a grad_fn and a module in both languages (was: e.map is not a function)", async () => {
    const js = await runCode(
      [
        "const x = torch.tensor(2.0, { requires_grad: true });",
        "const y = x.pow(2);",
        "print(y.grad_fn);",
        "print(new torch.nn.Sequential(new torch.nn.Linear(2, 1)));",
      ].join("\n"),
    );
    expect(js.error).toBeNull();
    expect(texts(js)).toEqual([
      "<PowBackward0 object>",
      "Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n)",
    ]);
    const py = await runCode(
      "import torch\nx = torch.tensor(2.0, requires_grad=True)\ny = x ** 2\nprint(y.grad_fn)\nprint(torch.nn.Linear(2, 1))",
      "python",
    );
    expect(py.error).toBeNull();
    expect(texts(py)).toEqual(["<PowBackward0 object>", "Linear(in_features=2, out_features=1, bias=True)"]);
  });

  it("draws the largest backward of the program, not its last one", async () => {
    const r = await runCode(
      [
        "import torch",
        "w = torch.tensor(1.0, requires_grad=True)",
        "b = torch.tensor(0.0, requires_grad=True)",
        "loss = -torch.log(torch.sigmoid(w * 6.7 + b))",
        "loss.backward()",
        "# %%",
        "x = torch.tensor(2.0, requires_grad=True)",
        "y = x ** 2",
        "y.backward()",
      ].join("\n"),
      "python",
    );
    expect(r.target?.grad_fn?.name()).toBe("NegBackward0");
    expect(r.params.w).toBeInstanceOf(torch.Tensor);
    expect(r.explanation?.toString()).toContain("w (): tensor(-0.0082)");
  });

  it("names every leaf the same way in the graph and in the explanation", async () => {
    const r = await runCode(
      [
        "const w = torch.tensor(2.0, { requires_grad: true });",
        "const loss = torch.sigmoid(w.mul(torch.tensor(3.0, { requires_grad: true })));",
        "loss.backward();",
      ].join("\n"),
    );
    const dot = torch.viz.make_dot(r.target!, { params: r.params });
    const explained = r.explanation!.toString();
    expect(Object.keys(r.params).sort()).toEqual(["leaf0", "loss", "w"]);
    expect(dot).toContain(`label="loss\\n`);
    for (const name of ["w", "leaf0"]) {
      expect(dot).toContain(`label="${name}\\n`);
      expect(explained).toContain(`${name} ()`);
    }
  });

  it("gives show(t, params)'s names to the graph", async () => {
    const r = await runCode(
      "const a = [torch.tensor(1.0, { requires_grad: true })];\nconst y = a[0].mul(2);\nshow(y, { weight: a[0] });",
    );
    expect(r.params.weight).toBe(a0(r));
    expect(torch.viz.make_dot(r.target!, { params: r.params })).toContain('label="weight\\n');
  });

  it("reports a warning at its line, in order with the prints", async () => {
    for (const [code, mode] of [
      [
        "const x = torch.tensor(2.0, { requires_grad: true });\nconst y = x.mul(3);\ny.backward();\nprint(y.grad);",
        "javascript",
      ],
      ["import torch\nx = torch.tensor(2.0, requires_grad=True)\ny = x * 3\nprint(y.grad)", "python"],
    ] as const) {
      const r = await runCode(code, mode);
      expect(r.output.map((o) => [o.kind, o.line])).toEqual([
        ["warn", 4],
        ["log", null],
      ]);
      expect(r.output[0].text).toMatch(/^UserWarning: The \.grad attribute of a Tensor that is not a leaf/);
    }
  });

  it("gives an error raised inside backward() the line of the backward() call", async () => {
    const js = await runCode(
      [
        "const x = torch.tensor([1.0, 2.0], { requires_grad: true });",
        "const y = x.mul(2);",
        "y.register_hook((g) => g.sum());",
        "y.sum().backward();",
      ].join("\n"),
    );
    expect(js.error?.line).toBe(4);
    const py = await runCode(
      "import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\ny = x * 2\ny.register_hook(lambda g: g.sum())\n\ny.sum().backward()",
      "python",
    );
    expect(py.error).toMatchObject({ name: js.error!.name, message: js.error!.message, line: 6 });
    // ... and the node it was running (y's MulBackward0, whose hook failed), at the line of its op.
    expect(js.error?.node).toEqual({ name: "MulBackward0", line: 2 });
    expect(py.error?.node).toEqual({ name: "MulBackward0", line: 3 });
  });

  it("names the node that failed in backward() by the line of the op that recorded it", async () => {
    // exp saved its result; mul_ changed it in place: ExpBackward0 (line 3) fails, inside a function's body.
    const py = await runCode(
      [
        "import torch",
        "def f(t):",
        "    return t.exp()",
        "x = torch.tensor([1.0, 2.0], requires_grad=True)",
        "y = f(x)",
        "y.mul_(2)",
        "(y * 3).sum().backward()",
      ].join("\n"),
      "python",
    );
    expect(py.error).toMatchObject({
      name: "RuntimeError",
      line: 7,
      node: { name: "ExpBackward0", line: 3 },
    });
    expect(py.error!.message).toMatch(
      /^one of the variables needed for gradient computation has been modified/,
    );
    const js = await runCode(
      [
        "const x = torch.tensor(2.0, { requires_grad: true });",
        "const y = x.mul(x);",
        "const z = y.sigmoid();",
        "z.backward();",
        "z.backward();",
      ].join("\n"),
    );
    // The second backward() fails at the first node it runs, z's SigmoidBackward0 (its saved result is freed).
    expect(js.error).toMatchObject({ line: 5, node: { name: "SigmoidBackward0", line: 3 } });
    expect(js.error!.message).toMatch(/^Trying to backward through the graph a second time/);
  });

  it("keeps each node's forward value: the tensor its op returned", async () => {
    const r = await runCode(
      "import torch\nw = torch.tensor(1.0, requires_grad=True)\nz = w * 6.7\np = torch.sigmoid(z)\np.backward()",
      "python",
    );
    const node = r.target!.grad_fn!;
    const made = r.created.get(node as never)!;
    expect(made.tensor).toBe(r.target);
    expect(made.line).toBe(4);
    const mul = r.created.get(node.next_functions[0][0] as never)!;
    expect(mul.line).toBe(3);
    expect(mul.tensor.item()).toBeCloseTo(6.7, 5);
  });

  it("runs Python notebook cells: Out[n] shown, an error ends its cell only", async () => {
    const r = await runCode(
      "import torch\nx = torch.tensor(3.0, requires_grad=True)\nx\n# %%\nx.detach().backward()\n# %%\nx * 2",
      "python",
    );
    expect(texts(r)).toEqual([
      "tensor(3., requires_grad=True)",
      "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn",
      "tensor(6., grad_fn=<MulBackward0>)",
    ]);
    expect(r.error).toMatchObject({ name: "RuntimeError", line: 5 });
  });
});
