// Matrix products and einsum given bad input: dims, shapes, dtypes, argument types.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const r = (...shape: number[]) => torch.zeros(shape);
const d = (...shape: number[]) => torch.zeros(shape, { dtype: torch.float64 });
const bools = (...shape: number[]) => torch.zeros(shape, { dtype: torch.bool });
const longs = (...shape: number[]) => torch.zeros(shape, { dtype: torch.int64 });
const ints = (...shape: number[]) => torch.zeros(shape, { dtype: torch.int32 });

export const LINALG_ERRORS: ErrorTable = {
  setup: `
def r(*shape):
    return torch.zeros(shape)
def d(*shape):
    return torch.zeros(shape, dtype=torch.float64)
def bools(*shape):
    return torch.zeros(shape, dtype=torch.bool)
def longs(*shape):
    return torch.zeros(shape, dtype=torch.int64)
def ints(*shape):
    return torch.zeros(shape, dtype=torch.int32)
`,
  rows: [
    { py: "torch.mm(r(3), r(3, 4))", ts: () => torch.mm(r(3), r(3, 4)) },
    { py: "torch.mm(r(2, 3), r(3))", ts: () => torch.mm(r(2, 3), r(3)) },
    { py: "torch.mm(r(3), d(3, 4))", ts: () => torch.mm(r(3), d(3, 4)) },
    { py: "torch.mm(r(2, 3), r(4, 5))", ts: () => torch.mm(r(2, 3), r(4, 5)) },
    { py: "torch.mm(r(2, 3), d(4, 5))", ts: () => torch.mm(r(2, 3), d(4, 5)) },
    { py: "torch.mm(r(2, 3), d(3, 5))", ts: () => torch.mm(r(2, 3), d(3, 5)) },
    { py: "torch.mm(d(2, 3), r(3, 4))", ts: () => torch.mm(d(2, 3), r(3, 4)) },
    { py: "torch.mm(bools(1, 1), bools(1, 1))", ts: () => torch.mm(bools(1, 1), bools(1, 1)) },
    { py: 'torch.mm("x", r(2, 2))', ts: () => torch.mm(bad("x"), r(2, 2)) },
    { py: "torch.bmm(r(3, 4), r(2, 4, 5))", ts: () => torch.bmm(r(3, 4), r(2, 4, 5)) },
    { py: "torch.bmm(r(2, 3, 4), r(4, 5))", ts: () => torch.bmm(r(2, 3, 4), r(4, 5)) },
    { py: "torch.bmm(r(2, 3, 4), r(3, 4, 5))", ts: () => torch.bmm(r(2, 3, 4), r(3, 4, 5)) },
    { py: "torch.bmm(r(2, 3, 4), d(3, 5, 5))", ts: () => torch.bmm(r(2, 3, 4), d(3, 5, 5)) },
    { py: "torch.bmm(d(2, 3, 4), r(2, 4, 5))", ts: () => torch.bmm(d(2, 3, 4), r(2, 4, 5)) },
    { py: "torch.bmm(bools(1, 1, 1), bools(1, 1, 1))", ts: () => torch.bmm(bools(1, 1, 1), bools(1, 1, 1)) },
    { py: "torch.dot(r(3, 1), r(3))", ts: () => torch.dot(r(3, 1), r(3)) },
    { py: "torch.dot(r(3, 2), d(4))", ts: () => torch.dot(r(3, 2), d(4)) },
    { py: "torch.dot(torch.tensor(1.), r(4))", ts: () => torch.dot(torch.tensor(1), r(4)) },
    { py: "torch.dot(r(3), d(4))", ts: () => torch.dot(r(3), d(4)) },
    { py: "torch.dot(r(3), r(4))", ts: () => torch.dot(r(3), r(4)) },
    { py: "torch.dot(bools(1), bools(1))", ts: () => torch.dot(bools(1), bools(1)) },
    { py: "torch.mv(torch.tensor(1.), r(2))", ts: () => torch.mv(torch.tensor(1), r(2)) },
    { py: "torch.mv(r(3), r(3))", ts: () => torch.mv(r(3), r(3)) },
    { py: "torch.mv(r(2, 3), r(2, 2))", ts: () => torch.mv(r(2, 3), r(2, 2)) },
    { py: "torch.mv(r(2, 3), torch.tensor(1.))", ts: () => torch.mv(r(2, 3), torch.tensor(1)) },
    { py: "torch.mv(r(3, 2), r(3))", ts: () => torch.mv(r(3, 2), r(3)) },
    { py: "torch.mv(r(2, 3), d(4))", ts: () => torch.mv(r(2, 3), d(4)) },
    { py: "torch.mv(d(2, 3), r(3))", ts: () => torch.mv(d(2, 3), r(3)) },
    { py: "torch.mv(bools(1, 1), bools(1))", ts: () => torch.mv(bools(1, 1), bools(1)) },
    { py: "torch.outer(r(3, 1), r(4))", ts: () => torch.outer(r(3, 1), r(4)) },
    { py: "torch.outer(r(3), r(4, 1))", ts: () => torch.outer(r(3), r(4, 1)) },
    { py: "torch.matmul(torch.tensor(1.), r(4))", ts: () => torch.matmul(torch.tensor(1), r(4)) },
    { py: "torch.matmul(r(4), torch.tensor(1.))", ts: () => torch.matmul(r(4), torch.tensor(1)) },
    { py: "torch.matmul(r(2, 3), r(4, 5))", ts: () => torch.matmul(r(2, 3), r(4, 5)) },
    { py: "torch.matmul(r(3), r(4, 5))", ts: () => torch.matmul(r(3), r(4, 5)) },
    { py: "torch.matmul(r(2, 3), r(4))", ts: () => torch.matmul(r(2, 3), r(4)) },
    { py: "torch.matmul(r(5, 2, 3), r(4))", ts: () => torch.matmul(r(5, 2, 3), r(4)) },
    { py: "torch.matmul(r(3), r(5, 4, 4))", ts: () => torch.matmul(r(3), r(5, 4, 4)) },
    { py: "torch.matmul(r(5, 2, 3), r(5, 4, 4))", ts: () => torch.matmul(r(5, 2, 3), r(5, 4, 4)) },
    { py: "torch.matmul(r(2, 2, 3), r(3, 3, 4))", ts: () => torch.matmul(r(2, 2, 3), r(3, 3, 4)) },
    { py: "torch.matmul(r(2, 3), d(3, 5))", ts: () => torch.matmul(r(2, 3), d(3, 5)) },
    { py: "torch.matmul(d(2, 3), r(3))", ts: () => torch.matmul(d(2, 3), r(3)) },
    { py: "torch.matmul(r(3), d(3, 2))", ts: () => torch.matmul(r(3), d(3, 2)) },
    { py: "torch.matmul(r(2, 2, 3), d(2, 3, 2))", ts: () => torch.matmul(r(2, 2, 3), d(2, 3, 2)) },
    { py: "torch.matmul(ints(1, 2), longs(2, 1))", ts: () => torch.matmul(ints(1, 2), longs(2, 1)) },
    { py: "torch.matmul(r(2), longs(2))", ts: () => torch.matmul(r(2), longs(2)) },
    {
      py: "torch.matmul(bools(1, 1, 1), bools(1, 1, 1))",
      ts: () => torch.matmul(bools(1, 1, 1), bools(1, 1, 1)),
    },
    { py: "torch.matmul(bools(1), bools(1))", ts: () => torch.matmul(bools(1), bools(1)) },
    { py: 'torch.matmul(r(2, 3), "x")', ts: () => torch.matmul(r(2, 3), bad("x")) },
    {
      py: 'torch.einsum("ij,jk->ik", r(2, 3), r(4, 5))',
      ts: () => torch.einsum("ij,jk->ik", r(2, 3), r(4, 5)),
    },
    { py: 'torch.einsum("ij,jk->ik", r(2, 3))', ts: () => torch.einsum("ij,jk->ik", r(2, 3)) },
    {
      py: 'torch.einsum("ij,jk->ik", r(2, 3), r(3, 4), r(2))',
      ts: () => torch.einsum("ij,jk->ik", r(2, 3), r(3, 4), r(2)),
    },
    {
      py: 'torch.einsum("ijk,jk->ik", r(2, 3), r(3, 4))',
      ts: () => torch.einsum("ijk,jk->ik", r(2, 3), r(3, 4)),
    },
    {
      py: 'torch.einsum("ij,jk->il", r(2, 3), r(3, 4))',
      ts: () => torch.einsum("ij,jk->il", r(2, 3), r(3, 4)),
    },
    {
      py: 'torch.einsum("ij,jk->ii", r(2, 3), r(3, 4))',
      ts: () => torch.einsum("ij,jk->ii", r(2, 3), r(3, 4)),
    },
    { py: 'torch.einsum("i1->i", r(2, 3))', ts: () => torch.einsum("i1->i", r(2, 3)) },
    { py: 'torch.einsum("ii->i", r(2, 3))', ts: () => torch.einsum("ii->i", r(2, 3)) },
    {
      py: 'torch.einsum("ij,jk->ik", r(2, 3), d(3, 4))',
      ts: () => torch.einsum("ij,jk->ik", r(2, 3), d(3, 4)),
    },
    // Ellipses: one per operand and output, three dots each, broadcasting sizes.
    { py: 'torch.einsum("ijk...", r(2, 3))', ts: () => torch.einsum("ijk...", r(2, 3)) },
    { py: 'torch.einsum("i.j", r(2, 3))', ts: () => torch.einsum("i.j", r(2, 3)) },
    { py: 'torch.einsum("i..", r(2, 3))', ts: () => torch.einsum("i..", r(2, 3)) },
    { py: 'torch.einsum(". ..i", r(2, 3))', ts: () => torch.einsum(". ..i", r(2, 3)) },
    { py: 'torch.einsum("...i...", r(2, 3))', ts: () => torch.einsum("...i...", r(2, 3)) },
    { py: 'torch.einsum("...i->.", r(2, 3))', ts: () => torch.einsum("...i->.", r(2, 3)) },
    { py: 'torch.einsum("...i->......", r(2, 3))', ts: () => torch.einsum("...i->......", r(2, 3)) },
    {
      py: 'torch.einsum("...i,...i->...", r(2, 3, 4), r(3, 3, 4))',
      ts: () => torch.einsum("...i,...i->...", r(2, 3, 4), r(3, 3, 4)),
    },
  ],
};
