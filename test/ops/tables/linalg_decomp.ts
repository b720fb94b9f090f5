// Op table rows: src/ops/linalg_decomp.ts (qr, svd, svdvals, eigh, eigvalsh, torch.qr, torch.svd, symeig).
// QR's signs are LAPACK's (dgeqrf's Householder convention) and are compared as they are. Singular and
// eigenvectors are unique only up to sign, which differs between LAPACK builds: rows compare them with
// each vector multiplied by the sign of its first entry, a sign-invariant quantity whose gradient is the
// same for either sign. Symmetric inputs are a + a^T.
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";
import { columnSigns, d64, pyColumnSigns, pyRowSigns, rowSigns, TOL32, TOL64 } from "./linalg_inputs.js";

const sym = (a: torch.Tensor) => a.add(a.mT);
const flatCat = (...xs: torch.Tensor[]) => torch.cat(xs.map((x) => x.flatten()));

export const LINALG_DECOMP_OPS: OpCase[] = [
  // ---- qr ----
  {
    name: "linalg.qr.Q",
    py: "torch.linalg.qr(a).Q",
    inputs: [f(4, 3)],
    ts: (a) => torch.linalg.qr(a).Q,
    ...TOL32,
  },
  {
    name: "linalg.qr.R",
    py: "torch.linalg.qr(a).R",
    inputs: [f(4, 3)],
    ts: (a) => torch.linalg.qr(a).R,
    ...TOL32,
  },
  {
    name: "linalg.qr.both",
    py: "torch.cat([x.flatten() for x in torch.linalg.qr(a)])",
    inputs: [d64(2, 3, 3)],
    ts: (a) => flatCat(...torch.linalg.qr(a)),
    ...TOL64,
  },
  {
    name: "linalg.qr.wide",
    py: "torch.cat([x.flatten() for x in torch.linalg.qr(a)])",
    inputs: [d64(3, 5)],
    ts: (a) => flatCat(...torch.linalg.qr(a)),
    ...TOL64,
  },
  {
    name: "linalg.qr.wide_R",
    py: "torch.linalg.qr(a)[1]",
    inputs: [d64(2, 4)],
    ts: (a) => torch.linalg.qr(a)[1],
    ...TOL64,
  },
  {
    name: "linalg.qr.complete",
    py: "torch.cat([x.flatten() for x in torch.linalg.qr(a, mode='complete')])",
    inputs: [noGrad(f(4, 2))],
    ts: (a) => flatCat(...torch.linalg.qr(a, "complete")),
    ...TOL32,
  },
  {
    name: "linalg.qr.complete_wide",
    py: "torch.linalg.qr(a, mode='complete').Q",
    inputs: [d64(2, 3)],
    ts: (a) => torch.linalg.qr(a, { mode: "complete" }).Q,
    ...TOL64,
  },
  {
    name: "linalg.qr.r",
    py: "torch.linalg.qr(a, mode='r').R",
    inputs: [noGrad(d64(3, 2))],
    ts: (a) => torch.linalg.qr(a, "r").R,
    ...TOL64,
  },
  { name: "linalg.qr.torch", py: "torch.qr(a)[0]", inputs: [f(3, 2)], ts: (a) => torch.qr(a)[0], ...TOL32 },
  {
    name: "linalg.qr.method_not_some",
    py: "a.qr(False)[1]",
    inputs: [d64(2, 2)],
    ts: (a) => a.qr(false)[1],
    ...TOL64,
  },
  // ---- svd ----
  {
    name: "linalg.svdvals",
    py: "torch.linalg.svdvals(a)",
    inputs: [f(4, 3)],
    ts: (a) => torch.linalg.svdvals(a),
    ...TOL32,
  },
  {
    name: "linalg.svdvals.wide_batched",
    py: "torch.linalg.svdvals(a)",
    inputs: [d64(2, 2, 4)],
    ts: (a) => torch.linalg.svdvals(a),
    ...TOL64,
  },
  {
    name: "linalg.svd.S",
    py: "torch.linalg.svd(a).S",
    inputs: [d64(3, 3)],
    ts: (a) => torch.linalg.svd(a).S,
    ...TOL64,
  },
  {
    name: "linalg.svd.U",
    py: pyColumnSigns("torch.linalg.svd(a, full_matrices=False).U"),
    inputs: [d64(4, 3)],
    ts: (a) => columnSigns(torch.linalg.svd(a, false).U),
    ...TOL64,
  },
  {
    name: "linalg.svd.Vh",
    py: pyRowSigns("torch.linalg.svd(a, full_matrices=False).Vh"),
    inputs: [d64(2, 3, 5)],
    ts: (a) => rowSigns(torch.linalg.svd(a, false).Vh),
    ...TOL64,
  },
  {
    name: "linalg.svd.all_square",
    py: `(lambda r: torch.cat([${pyColumnSigns("r.U")}.flatten(), r.S, ${pyRowSigns("r.Vh")}.flatten()]))(torch.linalg.svd(a))`,
    inputs: [f(3, 3)],
    ts: (a) => {
      const r = torch.linalg.svd(a);
      return torch.cat([columnSigns(r.U).flatten(), r.S, rowSigns(r.Vh).flatten()]);
    },
    ...TOL32,
  },
  {
    name: "linalg.svd.reconstruct_tall",
    py: "(lambda r: (r.U * r.S.unsqueeze(-2)) @ r.Vh)(torch.linalg.svd(a, full_matrices=False))",
    inputs: [d64(5, 2)],
    ts: (a) => {
      const r = torch.linalg.svd(a, false);
      return r.U.mul(r.S.unsqueeze(-2)).matmul(r.Vh);
    },
    ...TOL64,
  },
  {
    name: "linalg.svd.full_tall_U",
    py: `${pyColumnSigns("torch.linalg.svd(a).U[..., :2]")}`,
    inputs: [d64(4, 2)],
    ts: (a) => columnSigns(torch.linalg.svd(a).U.narrow(-1, 0, 2)),
    ...TOL64,
  },
  {
    name: "linalg.svd.torch_V",
    py: pyColumnSigns("torch.svd(a).V"),
    inputs: [d64(3, 4)],
    ts: (a) => columnSigns(torch.svd(a).V),
    ...TOL64,
  },
  {
    name: "linalg.svd.torch_not_some",
    py: pyColumnSigns("a.svd(some=False)[0][..., :2]"),
    inputs: [d64(2, 3)],
    ts: (a) => columnSigns(a.svd({ some: false })[0].narrow(-1, 0, 2)),
    ...TOL64,
  },
  {
    name: "linalg.svd.torch_no_uv",
    py: "torch.cat([x.flatten() for x in torch.svd(a, compute_uv=False)])",
    inputs: [f(3, 2)],
    ts: (a) => flatCat(...torch.svd(a, true, false)),
    ...TOL32,
  },
  {
    name: "linalg.svdvals.larger",
    py: "torch.linalg.svdvals(a)",
    inputs: [d64(9, 7)],
    ts: (a) => torch.linalg.svdvals(a),
    ...TOL64,
  },
  {
    name: "linalg.qr.larger",
    py: "torch.linalg.qr(a).R",
    inputs: [d64(8, 6)],
    ts: (a) => torch.linalg.qr(a).R,
    ...TOL64,
  },
  // ---- eigh ----
  {
    name: "linalg.eigvalsh",
    py: "torch.linalg.eigvalsh(a + a.mT)",
    inputs: [f(3, 3)],
    ts: (a) => torch.linalg.eigvalsh(sym(a)),
    ...TOL32,
  },
  {
    name: "linalg.eigvalsh.upper",
    py: "torch.linalg.eigvalsh(a, UPLO='U')",
    inputs: [noGrad(d64(2, 4, 4))],
    ts: (a) => torch.linalg.eigvalsh(a, "U"),
    ...TOL64,
  },
  {
    name: "linalg.eigh.eigenvalues",
    py: "torch.linalg.eigh(a + a.mT).eigenvalues",
    inputs: [d64(4, 4)],
    ts: (a) => torch.linalg.eigh(sym(a)).eigenvalues,
    ...TOL64,
  },
  {
    name: "linalg.eigh.eigenvectors",
    py: pyColumnSigns("torch.linalg.eigh(a + a.mT).eigenvectors"),
    inputs: [d64(2, 3, 3)],
    ts: (a) => columnSigns(torch.linalg.eigh(sym(a)).eigenvectors),
    ...TOL64,
  },
  {
    name: "linalg.eigh.both",
    py: `(lambda r: torch.cat([r[0], ${pyColumnSigns("r[1]")}.flatten()]))(torch.linalg.eigh(a + a.mT, UPLO='U'))`,
    inputs: [f(3, 3)],
    ts: (a) => {
      const [L, V] = torch.linalg.eigh(sym(a), "U");
      return torch.cat([L, columnSigns(V).flatten()]);
    },
    ...TOL32,
  },
  {
    name: "linalg.eigvalsh.larger",
    py: "torch.linalg.eigvalsh(a + a.mT)",
    inputs: [d64(8, 8)],
    ts: (a) => torch.linalg.eigvalsh(sym(a)),
    ...TOL64,
  },
  {
    name: "linalg.symeig",
    py: "torch.cat([x.flatten() for x in torch.symeig(a)])",
    inputs: [noGrad(d64(3, 3))],
    ts: (a) => flatCat(...torch.symeig(a)),
    ...TOL64,
  },
  {
    name: "linalg.symeig.vectors",
    py: pyColumnSigns("(a + a.mT).symeig(eigenvectors=True, upper=False).eigenvectors"),
    inputs: [d64(3, 3)],
    ts: (a) => columnSigns(sym(a).symeig(true, false).eigenvectors),
    ...TOL64,
  },
];
