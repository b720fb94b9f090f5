// Errors of src/ops/products.ts (tensordot, kron, cross, linalg.cross, cdist, chain_matmul, linalg.multi_dot).
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const x = () => torch.zeros(2, 3, 4);
const m = () => torch.zeros(3, 4);
const v = () => torch.zeros(3);
const z = (...shape: number[]) => torch.zeros(shape);

export const PRODUCTS_ERRORS: ErrorTable = {
  setup: `
def x():
    return torch.zeros(2, 3, 4)
def m():
    return torch.zeros(3, 4)
def v():
    return torch.zeros(3)
def z(*shape):
    return torch.zeros(shape)
`,
  rows: [
    { py: "torch.tensordot(m(), m(), -1)", ts: () => torch.tensordot(m(), m(), -1) },
    { py: "torch.tensordot(m(), m(), 'a')", ts: () => torch.tensordot(m(), m(), bad("a")) },
    { py: "torch.tensordot(m(), m(), ([0], [0, 1]))", ts: () => torch.tensordot(m(), m(), [[0], [0, 1]]) },
    { py: "torch.tensordot(m(), m(), ([0], [1]))", ts: () => torch.tensordot(m(), m(), [[0], [1]]) },
    {
      py: "torch.tensordot(m(), m(), ([0, 0], [0, 0]))",
      ts: () =>
        torch.tensordot(m(), m(), [
          [0, 0],
          [0, 0],
        ]),
    },
    { py: "torch.tensordot(m(), m(), ([2], [0]))", ts: () => torch.tensordot(m(), m(), [[2], [0]]) },
    {
      py: "torch.tensordot(m(), m().long(), ([0], [0]))",
      ts: () => torch.tensordot(m(), m().long(), [[0], [0]]),
    },
    { py: "torch.tensordot(m(), m(), 3)", ts: () => torch.tensordot(m(), m(), 3) },
    { py: "torch.tensordot(m(), m(), [[0]])", ts: () => torch.tensordot(m(), m(), bad([[0]])) },
    { py: "torch.tensordot(m(), 1)", ts: () => torch.tensordot(m(), bad(1)) },
    { py: "torch.kron(m().t(), m())", ts: () => torch.kron(m().t(), m()) },
    { py: "torch.cross(z(2, 4), z(2, 4))", ts: () => torch.cross(z(2, 4), z(2, 4)) },
    { py: "torch.cross(v(), z(2, 3))", ts: () => torch.cross(v(), z(2, 3)) },
    { py: "torch.cross(v(), v().long())", ts: () => torch.cross(v(), v().long()) },
    { py: "torch.cross(z(3, 3), z(3, 3), 5)", ts: () => torch.cross(z(3, 3), z(3, 3), 5) },
    { py: "torch.linalg.cross(m(), m())", ts: () => torch.linalg.cross(m(), m()) },
    {
      py: "torch.linalg.cross(z(3, 3), z(3, 3), dim=2)",
      ts: () => torch.linalg.cross(z(3, 3), z(3, 3), { dim: 2 }),
    },
    { py: "torch.linalg.cross(z(2, 3), z(4, 3))", ts: () => torch.linalg.cross(z(2, 3), z(4, 3)) },
    {
      py: "torch.linalg.cross(z(3, 3).long(), z(3, 3))",
      ts: () => torch.linalg.cross(z(3, 3).long(), z(3, 3)),
    },
    {
      py: "torch.linalg.cross(torch.ones(3, dtype=torch.bool), torch.ones(3, dtype=torch.bool))",
      ts: () =>
        torch.linalg.cross(torch.ones(3, { dtype: torch.bool }), torch.ones(3, { dtype: torch.bool })),
    },
    { py: "torch.cdist(v(), m())", ts: () => torch.cdist(v(), m()) },
    { py: "torch.cdist(m(), v())", ts: () => torch.cdist(m(), v()) },
    { py: "torch.cdist(m(), z(3, 5))", ts: () => torch.cdist(m(), z(3, 5)) },
    { py: "torch.cdist(m().long(), m().long())", ts: () => torch.cdist(m().long(), m().long()) },
    { py: "torch.cdist(m(), m().long())", ts: () => torch.cdist(m(), m().long()) },
    { py: "torch.cdist(m(), m(), -1)", ts: () => torch.cdist(m(), m(), -1) },
    {
      py: "torch.cdist(m(), m(), compute_mode='foo')",
      ts: () => torch.cdist(m(), m(), { compute_mode: "foo" }),
    },
    { py: "torch.cdist(m(), m().double())", ts: () => torch.cdist(m(), m().double()) },
    { py: "torch.cdist(x(), z(3, 3, 4))", ts: () => torch.cdist(x(), z(3, 3, 4)) },
    { py: "torch.cdist(z(30, 4), z(30, 4).double())", ts: () => torch.cdist(z(30, 4), z(30, 4).double()) },
    { py: "torch.cdist(m(), 1)", ts: () => torch.cdist(m(), bad(1)) },
    {
      name: "cdist double backward",
      py: `
a = torch.ones(2, 3, dtype=torch.double, requires_grad=True)
g, = torch.autograd.grad(torch.cdist(a, torch.zeros(4, 3, dtype=torch.double)).sum(), a, create_graph=True)
g.sum().backward()`,
      ts: () => {
        const a = torch.ones(2, 3, { dtype: torch.float64, requires_grad: true });
        const [g] = torch.autograd.grad(
          torch.cdist(a, torch.zeros(4, 3, { dtype: torch.float64 })).sum(),
          a,
          {
            create_graph: true,
          },
        );
        g!.sum().backward();
      },
    },
    { py: "torch.chain_matmul()", ts: () => torch.chain_matmul() },
    { py: "torch.chain_matmul(x(), x())", ts: () => torch.chain_matmul(x(), x()) },
    { py: "torch.chain_matmul(v(), m())", ts: () => torch.chain_matmul(v(), m()) },
    { py: "torch.chain_matmul(m(), m())", ts: () => torch.chain_matmul(m(), m()) },
    { py: "torch.chain_matmul(m(), 1)", ts: () => torch.chain_matmul(m(), bad(1)) },
    { py: "torch.linalg.multi_dot([m()])", ts: () => torch.linalg.multi_dot([m()]) },
    { py: "torch.linalg.multi_dot([])", ts: () => torch.linalg.multi_dot([]) },
    { py: "torch.linalg.multi_dot([x(), m()])", ts: () => torch.linalg.multi_dot([x(), m()]) },
    { py: "torch.linalg.multi_dot([m(), x()])", ts: () => torch.linalg.multi_dot([m(), x()]) },
    { py: "torch.linalg.multi_dot([m(), x(), m()])", ts: () => torch.linalg.multi_dot([m(), x(), m()]) },
    {
      py: "torch.linalg.multi_dot([m(), m().t().double()])",
      ts: () => torch.linalg.multi_dot([m(), m().t().double()]),
    },
    {
      py: "torch.linalg.multi_dot([m(), m().t().long()])",
      ts: () => torch.linalg.multi_dot([m(), m().t().long()]),
    },
    { py: "torch.linalg.multi_dot([m(), m()])", ts: () => torch.linalg.multi_dot([m(), m()]) },
    {
      py: "torch.linalg.multi_dot([m(), m().t(), m(), m()])",
      ts: () => torch.linalg.multi_dot([m(), m().t(), m(), m()]),
    },
    {
      py: "torch.linalg.multi_dot([m().bool(), m().t().bool()])",
      ts: () => torch.linalg.multi_dot([m().bool(), m().t().bool()]),
    },
  ],
};
