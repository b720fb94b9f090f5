// torch.nn.functional and torch.nn.init with PyTorch 1.13's calling convention: positional arguments as in
// Python, keywords in an options object, the arguments PyTorch has beyond the common ones. Expected values
// come from /usr/bin/python3 with torch 1.13. The nn ops' values and gradients are checked op by op against
// PyTorch in the op tables (test/ops/tables/nn_*.ts), their errors in test/errors/nn.ts; here what those
// cannot see (in-place effects, identity results, what is public).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

const F = torch.nn.functional;
const init = torch.nn.init;

const values = (t: torch.Tensor) => [...t.detach().reshape(-1).values()];
const expectValues = (t: torch.Tensor, expected: number[], digits = 6) =>
  values(t).forEach((v, i) => expect(v, `[${i}]`).toBeCloseTo(expected[i], digits));

describe("keywords in an options object", () => {
  it("F.softmax and F.log_softmax take dtype", () => {
    const x = torch.tensor([[1, 2, 3]]);
    expect(F.softmax(x, 1, { dtype: torch.float64 }).dtype).toBe(torch.float64);
    expect(F.log_softmax(x, { dim: 1, dtype: torch.float64 }).dtype).toBe(torch.float64);
  });

  it("F.pad takes mode and value", () => {
    expect(F.pad(torch.ones([1, 2]), [1, 1], { value: 1.5 }).tolist()).toEqual([[1.5, 1, 1, 1.5]]);
  });

  it("F.dropout: training=false returns the input; inplace=true writes into it", () => {
    const x = torch.ones([4]);
    expect(F.dropout(x, 0.5, { training: false })).toBe(x);
    const y = torch.ones([4]);
    expect(F.dropout(y, 1, { inplace: true })).toBe(y);
    expect(y.tolist()).toEqual([0, 0, 0, 0]);
  });

  it("the activations' inplace flag", () => {
    const x = torch.tensor([-1, 2]);
    expect(F.relu(x, { inplace: true })).toBe(x);
    expect(x.tolist()).toEqual([0, 2]);
    const y = torch.tensor([-1, 2]);
    F.leaky_relu(y, 0.5, true);
    expect(y.tolist()).toEqual([-0.5, 2]);
  });
});

describe("arguments PyTorch has beyond the common ones", () => {
  it("F.embedding's max_norm renormalizes the rows it reads, in place", () => {
    const w = torch.tensor([
      [1, 2],
      [3, 4],
      [0.5, 0.5],
    ]);
    F.embedding(torch.tensor([0n, 1n]), w, { max_norm: 1.0 });
    expectValues(
      w,
      [0.4472135603427887, 0.8944271206855774, 0.6000000238418579, 0.800000011920929, 0.5, 0.5],
    );
  });

  it("F.embedding(sparse=True): the forward works; a sparse gradient is not supported", () => {
    const w = torch.tensor([[1, 2]]).requires_grad_();
    const e = F.embedding(torch.tensor([0n]), w, { sparse: true });
    expect(e.tolist()).toEqual([[1, 2]]);
    expect(() => e.sum().backward()).toThrow(torch.NotImplementedError);
  });
});

describe("what is public", () => {
  it("the activations live in nn.functional only, as in PyTorch", () => {
    for (const name of ["gelu", "silu", "elu", "leaky_relu", "softplus", "logsigmoid"]) {
      expect(name in F, name).toBe(true);
      expect(name in torch, name).toBe(false);
    }
  });

  it("nn.init has PyTorch's public names and signatures", () => {
    // dir(torch.nn.init)'s functions in 1.13, the deprecated non-underscore aliases included.
    expect(Object.keys(init).sort()).toEqual([
      "calculate_gain",
      "constant",
      "constant_",
      "dirac",
      "dirac_",
      "eye",
      "eye_",
      "kaiming_normal",
      "kaiming_normal_",
      "kaiming_uniform",
      "kaiming_uniform_",
      "normal",
      "normal_",
      "ones_",
      "orthogonal",
      "orthogonal_",
      "sparse",
      "sparse_",
      "trunc_normal_",
      "uniform",
      "uniform_",
      "xavier_normal",
      "xavier_normal_",
      "xavier_uniform",
      "xavier_uniform_",
      "zeros_",
    ]);
    expect(init.calculate_gain("leaky_relu", 0.2)).toBeCloseTo(1.3867504905630728, 14);
  });
});
