// torch.autograd.gradcheck: compares autograd's Jacobian with central finite differences.
import { RuntimeError, ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { no_grad } from "./grad_mode.js";
import { grad } from "./engine.js";

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  raise_exception?: boolean;
}

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

function outputsOf(fn: Fn, inputs: Tensor[]): Tensor[] {
  const out = fn(...inputs);
  return out instanceof Tensor ? [out] : [...out];
}

/** Reads and writes the i-th logical element of a (possibly strided) tensor's storage. */
function elementOffset(t: Tensor, i: number): number {
  let offset = t._offset;
  let rest = i;
  for (let d = t.ndim - 1; d >= 0; d--) {
    offset += (rest % t.shape[d]) * t._strides[d];
    rest = Math.floor(rest / t.shape[d]);
  }
  return offset;
}

function numericalJacobian(
  fn: Fn,
  inputs: Tensor[],
  input: Tensor,
  outIndex: number,
  eps: number,
): number[][] {
  const data = input._storage.data;
  const rows: number[][] = [];
  for (let i = 0; i < input.numel(); i++) {
    const at = elementOffset(input, i);
    const original = data[at];
    data[at] = original + eps;
    const plus = no_grad(() => outputsOf(fn, inputs)[outIndex].values());
    data[at] = original - eps;
    const minus = no_grad(() => outputsOf(fn, inputs)[outIndex].values());
    data[at] = original;
    rows.push(Array.from(plus, (p, j) => (p - minus[j]) / (2 * eps)));
  }
  return rows;
}

function analyticalJacobian(inputs: Tensor[], input: Tensor, output: Tensor): number[][] {
  const rows: number[][] = Array.from({ length: input.numel() }, () =>
    new Array<number>(output.numel()).fill(0),
  );
  for (let j = 0; j < output.numel(); j++) {
    const seed = new Float64Array(output.numel());
    seed[j] = 1;
    const gradOutput = Tensor._fromData(
      output.dtype.name === "float64" ? seed : Float32Array.from(seed),
      output.shape,
      output.dtype,
    );
    const [g] = grad([output], [input], {
      grad_outputs: [gradOutput],
      retain_graph: true,
      allow_unused: true,
    });
    if (!g) continue;
    const values = g.values();
    for (let i = 0; i < input.numel(); i++) rows[i][j] = values[i];
  }
  return rows;
}

/**
 * Checks gradients of `fn` at `inputs` (float64 tensors that require grad) against finite differences,
 * like torch.autograd.gradcheck. Returns true, or throws (or returns false) naming the first mismatch.
 */
export function gradcheck(fn: Fn, inputs: Tensor | readonly Tensor[], opts: GradcheckOptions = {}): boolean {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raise_exception = true } = opts;
  const list = inputs instanceof Tensor ? [inputs] : [...inputs];
  const diffInputs = list.filter((t) => t.requires_grad);
  if (diffInputs.length === 0)
    throw new ValueError("gradcheck expects at least one input tensor to require gradient");
  for (const t of diffInputs) {
    if (t.dtype.name !== "float64") {
      throw new RuntimeError(
        `gradcheck expects float64 inputs that require grad, but got ${t.dtype}: finite differences are unreliable in float32`,
      );
    }
  }
  const outputs = outputsOf(fn, list);
  for (let o = 0; o < outputs.length; o++) {
    const output = outputs[o];
    if (!output.requires_grad) continue;
    for (const input of diffInputs) {
      const k = list.indexOf(input);
      const numerical = numericalJacobian(fn, list, input, o, eps);
      const analytical = analyticalJacobian(list, input, output);
      for (let i = 0; i < numerical.length; i++) {
        for (let j = 0; j < numerical[i].length; j++) {
          const a = analytical[i][j];
          const n = numerical[i][j];
          if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
            if (!raise_exception) return false;
            throw new RuntimeError(
              `Jacobian mismatch for output ${o} with respect to input ${k},\n` +
                `numerical:${JSON.stringify(numerical)}\nanalytical:${JSON.stringify(analytical)}\n` +
                `(first mismatch at input element ${i}, output element ${j}: numerical ${n}, analytical ${a})`,
            );
          }
        }
      }
    }
  }
  return true;
}
