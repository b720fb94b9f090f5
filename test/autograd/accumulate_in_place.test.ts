// The engine sums the gradients that reach one input into a buffer it owns, adding in place from the third
// arrival on (src/autograd/graph_task.ts, PyTorch's InputBuffer::accumulate). These cases check that no
// tensor anyone else holds is written: a gradient handed to two edges, one a hook keeps, one captured by
// autograd.grad, and that create_graph still records the sums. Tensors have 4096+ elements (the in-place
// path's minimum), and every result is compared with the same sums computed out of place.
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";

type Tensor = torch.Tensor;
const values = (t: Tensor) => Array.from(t.values() as ArrayLike<number>);

for (const backendName of availableBackends()) {
  describe(`in-place gradient accumulation on the ${backendName} backend`, () => {
    onBackend(backendName);

    it("a gradient handed to both inputs of add is summed without being written", () => {
      torch.manual_seed(1);
      const x = torch.randn([64, 80], { requires_grad: true });
      const a = x.mul(2);
      // ((a + a) + a) + a: each AddBackward0 hands one tensor to both edges, so a's node gets it 4 times.
      const seen: Tensor[] = [];
      const b = a.add(a);
      b.register_hook((g: Tensor) => void seen.push(g));
      const y = b.add(a).add(a);
      const w = torch.randn([64, 80]);
      y.mul(w).sum().backward();
      expect(values(x.grad!)).toEqual(values(w.add(w).add(w).add(w).mul(2)));
      // The hook's gradient is the one handed on to a's node: nothing was added into it.
      expect(values(seen[0])).toEqual(values(w));
    });

    it("a weight used at every step sums its gradients in arrival order, transposed ones included", () => {
      torch.manual_seed(2);
      const W = torch.randn([64, 96], { requires_grad: true });
      const xs = Array.from({ length: 5 }, () => torch.randn([96, 64]));
      const w = torch.randn([96, 64]);
      // Each W.t() is its own TBackward0 node: W receives five transposed gradients.
      const loss = () =>
        xs
          .reduce((acc, x) => acc.add(W.t().mul(x)), torch.zeros([96, 64]))
          .mul(w)
          .sum();
      loss().backward();
      // The newest node runs first: the last step's gradient arrives first.
      const parts = xs.map((x) => w.mul(x).t()).reverse();
      const expected = parts.slice(1).reduce((acc, g) => acc.add(g), parts[0]);
      expect(values(W.grad!)).toEqual(values(expected));
      expect(W.grad!.is_contiguous()).toBe(true);
      // With .grad present the next backward adds into it.
      const first = W.grad!.clone();
      loss().backward();
      expect(values(W.grad!)).toEqual(values(first.add(expected)));
    });

    it("autograd.grad captures a sum as it stands when its node runs", () => {
      const x = torch.ones([4096], { requires_grad: true });
      const a = x.mul(1.5);
      const total = [2, 3, 5, 7].map((k) => a.mul(k)).reduce((s, o) => s.add(o));
      const [ga, gx] = torch.autograd.grad(total.sum(), [a, x]);
      expect(values(ga!)).toEqual(values(torch.full([4096], 17)));
      expect(values(gx!)).toEqual(values(torch.full([4096], 17 * 1.5)));
    });

    it("with create_graph the sums stay in the graph (a second derivative through them)", () => {
      torch.manual_seed(4);
      const x = torch.randn([64, 64], { requires_grad: true, dtype: torch.float64 });
      const y = x.mul(x).add(x.mul(x)).add(x.mul(x));
      const [g] = torch.autograd.grad(y.sum(), x, { create_graph: true });
      expect(g!.requires_grad).toBe(true);
      g!.sum().backward();
      expect(values(x.grad!)).toEqual(values(torch.full([64, 64], 6, { dtype: torch.float64 })));
    });
  });
}
