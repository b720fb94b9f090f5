// torch.nn.utils.parametrizations.orthogonal against PyTorch 1.13 (scripts/gen_orthogonal_fixtures.py): each map
// (matrix_exp, cayley, householder, and the default), with and without the dynamic trivialization, on square,
// wide and tall float64 Linear weights: repr, state_dict keys, parameters and the `base` buffer (from geqrf /
// householder_product, and randn for the completion of a non-square base), the parametrized weight, the
// original's gradient, and assigning a new weight (right_inverse, or PyTorch's NotImplementedError).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { expectClose } from "../helpers/compare.js";

type Tensor = torch.Tensor;
interface Case {
  repr: string;
  state_dict_keys: string[];
  params: Record<string, number[]>;
  buffers: Record<string, number[]>;
  weight: number[];
  grad_original: number[];
  assigned?: number[];
  assign_error?: string;
}
const FX = JSON.parse(
  readFileSync(new URL("../fixtures/nn/orthogonal.json", import.meta.url), "utf8"),
) as Record<string, Case>;
const flat = (t: Tensor) => [...(t.detach().flatten().values() as Iterable<number>)];
const attrs = (m: unknown) => m as Record<string, unknown>;
// LAPACK's digits differ by build and the maps are compositions of factorizations: float64 to 1e-10.
const close = (a: number[], e: number[], what: string) => expectClose(a, e, "float64", 1e4, what, 1e-10);

describe("parametrizations.orthogonal", () => {
  for (const [name, fx] of Object.entries(FX)) {
    it(name, () => {
      const [, map, triv, fanOut, fanIn] = /^(.*)_(triv|plain)_(\d+)x(\d+)$/.exec(name)!;
      torch.manual_seed(7);
      const m = new torch.nn.Linear(+fanIn, +fanOut).double();
      torch.nn.utils.parametrizations.orthogonal(m, {
        orthogonal_map: map === "None" ? null : (map as "cayley"),
        use_trivialization: triv === "triv",
      });
      expect(m.toString()).toBe(fx.repr);
      expect(Object.keys(m.state_dict())).toEqual(fx.state_dict_keys);
      for (const [n, p] of m.named_parameters()) close(flat(p), fx.params[n], n);
      for (const [n, b] of m.named_buffers()) close(flat(b), fx.buffers[n], n);
      const W = attrs(m).weight as Tensor;
      close(flat(W), fx.weight, "weight");
      const C = torch.randn([+fanOut, +fanIn], { dtype: torch.float64 });
      W.mul(C).sum().backward();
      const lists = attrs(m).parametrizations as torch.nn.ModuleDict;
      const original = attrs(lists.get("weight")).original as Tensor;
      close(flat(original.grad!), fx.grad_original, "original.grad");
      const next = torch.randn([+fanOut, +fanIn], { dtype: torch.float64 });
      if (fx.assign_error !== undefined) {
        expect(() => (attrs(m).weight = next)).toThrow(fx.assign_error);
      } else {
        attrs(m).weight = next;
        close(flat(attrs(m).weight as Tensor), fx.assigned!, "assigned weight");
      }
    });
  }

  it("raises PyTorch's errors for vectors and unknown maps", () => {
    expect(() => torch.nn.utils.parametrizations.orthogonal(new torch.nn.Linear(2, 2), "bias")).toThrow(
      "Expected a matrix or batch of matrices. Got a tensor of 1 dimensions.",
    );
    expect(() =>
      torch.nn.utils.parametrizations.orthogonal(new torch.nn.Linear(2, 2), {
        orthogonal_map: "qr" as "cayley",
      }),
    ).toThrow('orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: qr');
  });
});
