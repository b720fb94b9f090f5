// Checks the differential tester (test/differential/) found missing or out of PyTorch's order: the dtypes loss,
// pooling, clamp and scatter kernels refuse, autograd's in-place checks on views, and the memory-overlap,
// index and broadcast checks that come first.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const F = torch.nn.functional;
const long = (v: number[]) => torch.tensor(v.map(BigInt), { dtype: torch.int64 });
const bools = (v: boolean[]) => torch.tensor(v);

export const DIFFERENTIAL_ERRORS: ErrorTable = {
  setup: `
def long(v):
    return torch.tensor(v, dtype=torch.int64)
def bools(v):
    return torch.tensor(v, dtype=torch.bool)
`,
  rows: [
    // ---- losses: float kernels only, in PyTorch's promotion and order ----
    { py: "F.mse_loss(long([1]), long([2]))", ts: () => F.mse_loss(long([1]), long([2])) },
    { py: "F.mse_loss(bools([True]), bools([True]))", ts: () => F.mse_loss(bools([true]), bools([true])) },
    {
      py: "F.smooth_l1_loss(long([1]), bools([True]))",
      ts: () => F.smooth_l1_loss(long([1]), bools([true])),
    },
    {
      py: "F.huber_loss(bools([True]), bools([False]))",
      ts: () => F.huber_loss(bools([true]), bools([false])),
    },
    { py: "F.huber_loss(long([1]), long([2]))", ts: () => F.huber_loss(long([1]), long([2])) },
    { py: "F.huber_loss(long([1]), torch.ones(1))", ts: () => F.huber_loss(long([1]), torch.ones(1)) },
    {
      py: "F.huber_loss(bools([True]), torch.ones(1))",
      ts: () => F.huber_loss(bools([true]), torch.ones(1)),
    },
    { py: "F.kl_div(torch.ones(2), long([0, 1]))", ts: () => F.kl_div(torch.ones(2), long([0, 1])) },
    { py: "F.kl_div(bools([True]), torch.ones(1))", ts: () => F.kl_div(bools([true]), torch.ones(1)) },
    {
      py: "F.binary_cross_entropy_with_logits(long([1, 2]), long([0, 1]))",
      ts: () => F.binary_cross_entropy_with_logits(long([1, 2]), long([0, 1])),
    },
    {
      py: "F.binary_cross_entropy_with_logits(torch.ones(2), long([0, 1]))",
      ts: () => F.binary_cross_entropy_with_logits(torch.ones(2), long([0, 1])),
    },
    {
      py: "F.binary_cross_entropy_with_logits(torch.ones(2), bools([True, False]))",
      ts: () => F.binary_cross_entropy_with_logits(torch.ones(2), bools([true, false])),
    },
    {
      py: "F.binary_cross_entropy_with_logits(torch.ones(4, 1), torch.ones(4, 1), torch.ones(4, 2))",
      ts: () => F.binary_cross_entropy_with_logits(torch.ones(4, 1), torch.ones(4, 1), torch.ones(4, 2)),
    },
    {
      name: "nll_loss refuses a weight that requires grad before checking its shape",
      py: "F.nll_loss(torch.zeros(2, 3), long([0, 1]), torch.ones(()).requires_grad_())",
      ts: () => F.nll_loss(torch.zeros(2, 3), long([0, 1]), torch.ones([]).requires_grad_()),
    },
    // ---- pooling, clamp_, sub, scatter_reduce ----
    {
      py: "F.max_pool2d(torch.ones(1, 2, 2, dtype=torch.int64), 1)",
      ts: () => F.max_pool2d(torch.ones([1, 2, 2], { dtype: torch.int64 }), 1),
    },
    {
      py: "F.avg_pool2d(torch.ones(1, 2, 2, dtype=torch.bool), 1)",
      ts: () => F.avg_pool2d(torch.ones([1, 2, 2], { dtype: torch.bool }), 1),
    },
    { py: "bools([True]).clamp_(0)", ts: () => bools([true]).clamp_(0) },
    { py: "long([1]).clamp_(0.5)", ts: () => long([1]).clamp_(0.5) },
    { py: "bools([True]).clamp_(True)", ts: () => bools([true]).clamp_(true) },
    {
      py: "bools([True]).clamp_(bools([False]), bools([True]))",
      ts: () => bools([true]).clamp_(bools([false]), bools([true])),
    },
    { py: "torch.sub(long([1]), True)", ts: () => torch.sub(long([1]), true) },
    { py: "torch.ones(2).sub_(True)", ts: () => torch.ones(2).sub_(true) },
    {
      py: "torch.scatter_reduce(bools([True]), 0, long([0]), bools([True]), 'mean')",
      ts: () => torch.scatter_reduce(bools([true]), 0, long([0]), bools([true]), "mean"),
    },
    {
      py: "torch.scatter_reduce(bools([True]), 0, long([]), bools([]), 'mean')",
      ts: () =>
        torch.scatter_reduce(bools([true]), 0, long([]), torch.zeros(0, { dtype: torch.bool }), "mean"),
    },
    {
      name: "scatter checks src's dtype before reduce",
      py: "torch.scatter(torch.ones(2), 0, long([0]), long([1]), reduce='max')",
      ts: () => torch.scatter(torch.ones(2), 0, long([0]), long([1]), { reduce: "max" }),
    },
    // ---- indexing ----
    { py: "torch.take(torch.ones(0), long([0]))", ts: () => torch.take(torch.ones(0), long([0])) },
    {
      py: "torch.index_add(torch.ones(3), 0, long([[0]]), torch.ones(1))",
      ts: () => torch.index_add(torch.ones(3), 0, torch.tensor([[0n]]), torch.ones(1)),
    },
    {
      name: "index_copy_ from itself",
      py: "t = torch.ones(3)\nt.index_copy_(0, long([5]), t)",
      ts: () => {
        const t = torch.ones(3);
        return t.index_copy_(0, long([5]), t);
      },
    },
    {
      py: "torch.ones(0, dtype=torch.float64).index_fill_(0, long([0, 0, 0]), 0.1)",
      ts: () => torch.ones(0, { dtype: torch.float64 }).index_fill_(0, long([0, 0, 0]), 0.1),
    },
    {
      py: "torch.ones(1, 3).expand(2, 3).take_along_dim(long([0, 1]))",
      ts: () =>
        torch
          .ones(1, 3)
          .expand(2, 3)
          .take_along_dim(long([0, 1])),
    },
    {
      py: "torch.ones(2).masked_select(bools([True, False, True]))",
      ts: () => torch.ones(2).masked_select(bools([true, false, true])),
    },
    {
      py: "torch.ones(3).masked_fill_(bools([True, False]), 0.0)",
      ts: () => torch.ones(3).masked_fill_(bools([true, false]), 0.0),
    },
    {
      py: "torch.ones(3).masked_fill(bools([True, False]), 0.0)",
      ts: () => torch.ones(3).masked_fill(bools([true, false]), 0.0),
    },
    // ---- F.pad's reflect, replicate and circular modes ----
    {
      py: "F.pad(torch.ones(2, 3, 4), (4, 0), mode='reflect')",
      ts: () => F.pad(torch.ones(2, 3, 4), [4, 0], "reflect"),
    },
    {
      py: "F.pad(torch.ones(2, 3, 4), (-4, 0), mode='reflect')",
      ts: () => F.pad(torch.ones(2, 3, 4), [-4, 0], "reflect"),
    },
    {
      py: "F.pad(torch.ones(2, 3, 4), (1, 1, 3, 0), mode='reflect')",
      ts: () => F.pad(torch.ones(2, 3, 4), [1, 1, 3, 0], "reflect"),
    },
    {
      py: "F.pad(torch.ones(1, 2, 3, 4), (1, 1, 1, 1, 2, 0), mode='reflect')",
      ts: () => F.pad(torch.ones(1, 2, 3, 4), [1, 1, 1, 1, 2, 0], "reflect"),
    },
    {
      py: "F.pad(torch.ones(2, 0, 4), (1, 1), mode='reflect')",
      ts: () => F.pad(torch.ones(2, 0, 4), [1, 1], "reflect"),
    },
    {
      py: "F.pad(torch.ones(2, 3, 4), (-5, 0, -3, 0), mode='reflect')",
      ts: () => F.pad(torch.ones(2, 3, 4), [-5, 0, -3, 0], "reflect"),
    },
    {
      py: "F.pad(torch.ones(2, 3, 4, dtype=torch.int64), (1, 1), mode='reflect')",
      ts: () => F.pad(torch.ones([2, 3, 4], { dtype: torch.int64 }), [1, 1], "reflect"),
    },
    {
      py: "F.pad(torch.ones(0, 4), (1, 1), mode='replicate')",
      ts: () => F.pad(torch.ones(0, 4), [1, 1], "replicate"),
    },
    {
      py: "F.pad(torch.ones(1, 1, 4), (2**40, 0), mode='replicate')",
      ts: () => F.pad(torch.ones(1, 1, 4), [2 ** 40, 0], "replicate"),
    },
    {
      py: "F.pad(torch.ones(2, 3, 4), (-4, 0), mode='replicate')",
      ts: () => F.pad(torch.ones(2, 3, 4), [-4, 0], "replicate"),
    },
    {
      py: "F.pad(torch.ones(2, 3, 4), (-5, 0, -3, 0), mode='replicate')",
      ts: () => F.pad(torch.ones(2, 3, 4), [-5, 0, -3, 0], "replicate"),
    },
    {
      py: "F.pad(torch.ones(2, 3, 4), (-5, 0, 0, 0), mode='replicate')",
      ts: () => F.pad(torch.ones(2, 3, 4), [-5, 0, 0, 0], "replicate"),
    },
    {
      py: "F.pad(torch.ones(1, 2, 3, 4, dtype=torch.int64), (1, 1, 1, 1, 1, 1), mode='replicate')",
      ts: () => F.pad(torch.ones([1, 2, 3, 4], { dtype: torch.int64 }), [1, 1, 1, 1, 1, 1], "replicate"),
    },
    {
      py: "F.pad(torch.ones(2, 3, 4), (1, 1), mode='replicate', value=1.0)",
      ts: () => F.pad(torch.ones(2, 3, 4), [1, 1], "replicate", 1.0),
    },
    {
      py: "F.pad(torch.ones(1, 2, 3, 4), (1, 2), mode='reflect')",
      ts: () => F.pad(torch.ones(1, 2, 3, 4), [1, 2], "reflect"),
    },
    {
      py: "F.pad(torch.ones(3, 4), (1, 2), mode='circular')",
      ts: () => F.pad(torch.ones(3, 4), [1, 2], "circular"),
    },
    {
      py: "F.pad(torch.ones(2, 3, 4), (0, 5), mode='circular')",
      ts: () => F.pad(torch.ones(2, 3, 4), [0, 5], "circular"),
    },
    // ---- in-place writes through views (PyTorch's handle_view_on_rebase) ----
    {
      name: "in-place on an unbind output",
      py: "a, b = torch.ones(2, requires_grad=True).mul(1).unbind()\na.cos_()",
      ts: () => torch.ones(2, { requires_grad: true }).mul(1).unbind()[0].cos_(),
    },
    {
      name: "grad_fn of an unbind output after its base was written",
      py: "y = torch.ones(2, requires_grad=True).mul(1)\na, b = y.unbind()\ny.mul_(2)\nb.grad_fn",
      ts: () => {
        const y = torch.ones(2, { requires_grad: true }).mul(1);
        const [, b] = y.unbind();
        y.mul_(2);
        return b.grad_fn;
      },
    },
    {
      name: "grad_fn of a no_grad view after its base was written",
      py: "x = torch.ones(3, requires_grad=True)\nwith torch.no_grad():\n    v = x[:2]\n    x.mul_(2)\nv.grad_fn",
      ts: () => {
        const x = torch.ones(3, { requires_grad: true });
        const v = torch.no_grad(() => x.narrow(0, 0, 2));
        torch.no_grad(() => x.mul_(2));
        return v.grad_fn;
      },
    },
    // ---- issue #13's second batch (programs-0004): the new vocabulary ----
    {
      py: "F.soft_margin_loss(torch.ones(2), torch.ones(2, requires_grad=True))",
      ts: () => F.soft_margin_loss(torch.ones(2), torch.ones(2, { requires_grad: true })),
    },
    {
      py: "F.soft_margin_loss(long([1]), torch.ones(1))",
      ts: () => F.soft_margin_loss(long([1]), torch.ones(1)),
    },
    { py: "F.soft_margin_loss(long([1]), long([1]))", ts: () => F.soft_margin_loss(long([1]), long([1])) },
    {
      py: "F.hinge_embedding_loss(bools([True]), bools([True]))",
      ts: () => F.hinge_embedding_loss(bools([true]), bools([true])),
    },
    {
      py: "F.multilabel_soft_margin_loss(torch.tensor(0.5), torch.tensor(1.0))",
      ts: () => F.multilabel_soft_margin_loss(torch.tensor(0.5), torch.tensor(1.0)),
    },
    {
      py: "torch.nansum(torch.ones(2), dtype=torch.int64)",
      ts: () => torch.nansum(torch.ones(2), { dtype: torch.int64 }),
    },
    { py: "F.gumbel_softmax(long([1, 2]))", ts: () => F.gumbel_softmax(long([1, 2])) },
    {
      py: "torch.ones(4).isclose(torch.ones(1, 4), equal_nan=True)",
      ts: () => torch.ones(4).isclose(torch.ones([1, 4]), { equal_nan: true }),
    },
    {
      py: "torch.channel_shuffle(torch.ones(1, 2, 1, requires_grad=True), 2).sum().backward()",
      ts: () =>
        torch
          .channel_shuffle(torch.ones([1, 2, 1], { requires_grad: true }), 2)
          .sum()
          .backward(),
    },
    { py: "F.lp_pool2d(torch.ones(1, 2, 2), 2, [1])", ts: () => F.lp_pool2d(torch.ones([1, 2, 2]), 2, [1]) },
    {
      py: "F.lp_pool2d(torch.ones(1, 2, 2), 2, [1, 1, 1])",
      ts: () => F.lp_pool2d(torch.ones([1, 2, 2]), 2, [1, 1, 1]),
    },
    {
      py: "torch.linalg.lu_solve(torch.eye(2), torch.ones(2, requires_grad=True), torch.ones(2, 1))",
      ts: () =>
        torch.linalg.lu_solve(torch.eye(2), torch.ones(2, { requires_grad: true }), torch.ones([2, 1])),
    },
    {
      py: "torch.linalg.pinv(torch.eye(2), rtol=torch.tensor(0.5, requires_grad=True))",
      ts: () => torch.linalg.pinv(torch.eye(2), { rtol: torch.tensor(0.5, { requires_grad: true }) }),
    },
    {
      name: "hardsigmoid's double backward (its backward is a NotImplemented node)",
      py: "x = torch.tensor([-4.0, 0.5, 2.0], requires_grad=True)\ng, = torch.autograd.grad(F.hardsigmoid(x).sum(), [x], create_graph=True)\ng.sum().backward()",
      ts: () => {
        const x = torch.tensor([-4.0, 0.5, 2.0], { requires_grad: true });
        const [g] = torch.autograd.grad(F.hardsigmoid(x).sum(), [x], { create_graph: true });
        g!.sum().backward();
      },
    },
    // linalg out=: the structured kernels' exact out dtypes, after the op's own checks
    {
      py: "torch.linalg.inv(torch.eye(2), out=torch.empty(0, dtype=torch.float64))",
      ts: () => torch.linalg.inv(torch.eye(2), { out: torch.empty([0], { dtype: torch.float64 }) }),
    },
    {
      py: "torch.linalg.inv(torch.ones(2, 3), out=torch.empty(0, dtype=torch.float64))",
      ts: () => torch.linalg.inv(torch.ones([2, 3]), { out: torch.empty([0], { dtype: torch.float64 }) }),
    },
    {
      py: "torch.linalg.inv_ex(torch.eye(2), out=(torch.empty(0), torch.empty(0, dtype=torch.int64)))",
      ts: () =>
        torch.linalg.inv_ex(torch.eye(2), {
          out: [torch.empty([0]), torch.empty([0], { dtype: torch.int64 })],
        }),
    },
    {
      py: "torch.linalg.eigh(torch.eye(2), out=(torch.empty(0, dtype=torch.float64), torch.empty(0)))",
      ts: () =>
        torch.linalg.eigh(torch.eye(2), {
          out: [torch.empty([0], { dtype: torch.float64 }), torch.empty([0])],
        }),
    },
    {
      py: "torch.linalg.matrix_power(torch.eye(2), 2, out=torch.empty(0, dtype=torch.float64))",
      ts: () =>
        torch.linalg.matrix_power(torch.eye(2), 2, { out: torch.empty([0], { dtype: torch.float64 }) }),
    },
    // ---- the aten losses (torch.kl_div, ...): aten's checks, without functional.py's ----
    {
      py: "torch.kl_div(torch.ones(2), long([0, 1]))",
      ts: () => torch.kl_div(torch.ones([2]), long([0, 1])),
    },
    {
      name: "torch.binary_cross_entropy_with_logits broadcasts target only as Loss.cpp's in-place chain can",
      py: "torch.binary_cross_entropy_with_logits(torch.ones(3, 4), torch.ones(4))",
      ts: () => torch.binary_cross_entropy_with_logits(torch.ones([3, 4]), torch.ones([4])),
    },
    {
      py: "torch.triplet_margin_loss(torch.ones(2, 3), torch.ones(3), torch.ones(2, 3))",
      ts: () => torch.triplet_margin_loss(torch.ones([2, 3]), torch.ones([3]), torch.ones([2, 3])),
    },
    {
      py: "torch.kl_div(torch.ones(2), torch.ones(2), 'mean')",
      ts: () => torch.kl_div(torch.ones([2]), torch.ones([2]), bad("mean")),
    },
    // ---- batch_norm and layer_norm: aten's order ----
    {
      name: "batch_norm of an empty input returns input * weight[0] before any running-stats check",
      py: "F.batch_norm(torch.ones(3, 0), None, torch.ones(0), torch.ones(0), training=False)",
      ts: () => F.batch_norm(torch.ones([3, 0]), null, torch.ones([0]), torch.ones([0]), { training: false }),
    },
    {
      name: "torch.batch_norm has no batch-size check of its own",
      py: "torch.batch_norm(torch.ones(()), None, None, None, None, True, 0.1, 1e-5, False)",
      ts: () => torch.batch_norm(torch.ones([]), null, null, null, null, true, 0.1, 1e-5, false),
    },
    {
      name: "layer_norm checks weight's shape before the input's",
      py: "F.layer_norm(torch.ones(2, 3), [4], torch.ones(5))",
      ts: () => F.layer_norm(torch.ones([2, 3]), [4], torch.ones([5])),
    },
    { py: "F.layer_norm(torch.ones(2, 3), [])", ts: () => F.layer_norm(torch.ones([2, 3]), []) },
    {
      py: "F.layer_norm(long([[1, 2, 3]]), [3])",
      ts: () => F.layer_norm(torch.tensor([[1n, 2n, 3n]], { dtype: torch.int64 }), [3]),
    },
    {
      py: "F.layer_norm(torch.ones(2, 3), [3], None, torch.ones(3, dtype=torch.float64))",
      ts: () => F.layer_norm(torch.ones([2, 3]), [3], null, torch.ones([3], { dtype: torch.float64 })),
    },
    // ---- expand: infer_expand_geometry checks from the last dim to the first ----
    {
      py: "torch.ones(2, 3).expand(4, 5)",
      ts: () => torch.ones([2, 3]).expand(4, 5),
    },
    {
      py: "torch.ones(3).expand(-1, 5)",
      ts: () => torch.ones([3]).expand(-1, 5),
    },
    // ---- saved outputs of a multi-output op: the version error names the output ----
    {
      py: "A = torch.eye(2).requires_grad_()\nL, V = torch.linalg.eigh(A)\nV.mul_(2)\nL.sum().backward()",
      ts: () => {
        const A = torch.eye(2).requires_grad_();
        const [L, V] = torch.linalg.eigh(A);
        V.mul_(2);
        L.sum().backward();
      },
    },
  ],
};
