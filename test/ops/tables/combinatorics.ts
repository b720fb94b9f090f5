// Op table rows: src/ops/combinatorics.ts (meshgrid, cartesian_prod, combinations, block_diag, vander,
// tril_indices, triu_indices).
import * as torch from "../../../src/index.js";
import { f, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const d64 = (...shape: number[]): InputSpec => ({ shape, dtype: "float64" });
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

export const COMBINATORICS_OPS: OpCase[] = [
  {
    name: "meshgrid.ij0",
    py: "torch.meshgrid(a, b, indexing='ij')[0]",
    inputs: [f(3), noGrad(f(2))],
    ts: (a, b) => torch.meshgrid(a, b, { indexing: "ij" })[0],
  },
  {
    name: "meshgrid.ij1",
    py: "torch.meshgrid(a, b, indexing='ij')[1]",
    inputs: [noGrad(f(3)), f(2)],
    ts: (a, b) => torch.meshgrid(a, b, { indexing: "ij" })[1],
  },
  {
    name: "meshgrid.xy0",
    py: "torch.meshgrid(a, b, indexing='xy')[0]",
    inputs: [f(3), noGrad(f(2))],
    ts: (a, b) => torch.meshgrid(a, b, { indexing: "xy" })[0],
  },
  {
    name: "meshgrid.xy1",
    py: "torch.meshgrid(a, b, indexing='xy')[1]",
    inputs: [noGrad(f(3)), f(2)],
    ts: (a, b) => torch.meshgrid(a, b, { indexing: "xy" })[1],
  },
  {
    name: "meshgrid.xy_three",
    py: "torch.meshgrid(a, b, c, indexing='xy')[2]",
    inputs: [noGrad(f(2)), noGrad(f(3)), f(4)],
    ts: (a, b, c) => torch.meshgrid(a, b, c, { indexing: "xy" })[2],
  },
  {
    name: "meshgrid.list",
    py: "torch.meshgrid([a, b], indexing='xy')[0]",
    inputs: [f(2), noGrad(f())],
    ts: (a, b) => torch.meshgrid([a, b], { indexing: "xy" })[0],
  },
  {
    name: "meshgrid.default",
    py: "torch.meshgrid(a, b)[1]",
    inputs: [noGrad(f(2)), f(3)],
    ts: (a, b) => torch.meshgrid(a, b)[1],
  },
  {
    name: "meshgrid.float64",
    py: "torch.meshgrid(a, b, indexing='ij')[0]",
    inputs: [d64(2), noGrad(d64(3))],
    ts: (a, b) => torch.meshgrid(a, b, { indexing: "ij" })[0],
  },
  {
    name: "meshgrid.int",
    py: "torch.meshgrid(a, b, indexing='xy')[1]",
    inputs: [i64(2), i64(3)],
    ts: (a, b) => torch.meshgrid(a, b, { indexing: "xy" })[1],
  },
  {
    name: "cartesian_prod",
    py: "torch.cartesian_prod(a, b)",
    inputs: [f(3), f(2)],
    ts: (a, b) => torch.cartesian_prod(a, b),
  },
  {
    name: "cartesian_prod.three",
    py: "torch.cartesian_prod(a, b, c)",
    inputs: [f(2), f(3), f(2)],
    ts: (a, b, c) => torch.cartesian_prod(a, b, c),
  },
  {
    name: "cartesian_prod.one",
    py: "torch.cartesian_prod(a)",
    inputs: [f(3)],
    ts: (a) => torch.cartesian_prod(a),
  },
  {
    name: "cartesian_prod.float64",
    py: "torch.cartesian_prod(a, b)",
    inputs: [d64(2), d64(2)],
    ts: (a, b) => torch.cartesian_prod(a, b),
  },
  {
    name: "cartesian_prod.int",
    py: "torch.cartesian_prod(a, b)",
    inputs: [i64(2), i64(3)],
    ts: (a, b) => torch.cartesian_prod(a, b),
  },
  { name: "combinations", py: "torch.combinations(a)", inputs: [f(4)], ts: (a) => torch.combinations(a) },
  {
    name: "combinations.three",
    py: "torch.combinations(a, 3)",
    inputs: [f(5)],
    ts: (a) => torch.combinations(a, 3),
  },
  {
    name: "combinations.replacement",
    py: "torch.combinations(a, r=2, with_replacement=True)",
    inputs: [f(3)],
    ts: (a) => torch.combinations(a, { r: 2, with_replacement: true }),
  },
  {
    name: "combinations.one",
    py: "torch.combinations(a, 1)",
    inputs: [f(3)],
    ts: (a) => torch.combinations(a, 1),
  },
  {
    name: "combinations.zero",
    py: "torch.combinations(a, 0)",
    inputs: [f(3)],
    ts: (a) => torch.combinations(a, 0),
  },
  {
    name: "combinations.too_many",
    py: "torch.combinations(a, 4)",
    inputs: [f(3)],
    ts: (a) => torch.combinations(a, 4),
  },
  {
    name: "combinations.float64",
    py: "torch.combinations(a, 2, True)",
    inputs: [d64(3)],
    ts: (a) => torch.combinations(a, 2, true),
  },
  {
    name: "combinations.int",
    py: "torch.combinations(a)",
    inputs: [i64(4)],
    ts: (a) => torch.combinations(a),
  },
  {
    name: "block_diag",
    py: "torch.block_diag(a, b, c)",
    inputs: [f(2, 3), f(4), f()],
    ts: (a, b, c) => torch.block_diag(a, b, c),
  },
  { name: "block_diag.one", py: "torch.block_diag(a)", inputs: [f(2, 2)], ts: (a) => torch.block_diag(a) },
  {
    name: "block_diag.mixed",
    py: "torch.block_diag(a, b)",
    inputs: [f(2, 1), i64(2, 2)],
    ts: (a, b) => torch.block_diag(a, b),
  },
  // An empty vector takes a row of the result, but block_diag_backward skips it without moving down a row:
  // PyTorch's gradient of the blocks after it (matched here) fails gradcheck in PyTorch too.
  {
    name: "block_diag.empty_vector",
    py: "torch.block_diag(a, b, c)",
    inputs: [f(1, 2), f(0), f(1)],
    ts: (a, b, c) => torch.block_diag(a, b, c),
    gradcheck: false,
  },
  {
    name: "block_diag.float64",
    py: "torch.block_diag(a, b)",
    inputs: [d64(2, 2), d64(3)],
    ts: (a, b) => torch.block_diag(a, b),
  },
  {
    name: "block_diag.int",
    py: "torch.block_diag(a, b)",
    inputs: [i64(2), i64(1, 2)],
    ts: (a, b) => torch.block_diag(a, b),
  },
  // PyTorch 1.13's vander overwrites the slice its cumprod saved, so its backward raises (an error row checks
  // that): these rows check the values.
  { name: "vander", py: "torch.vander(a)", inputs: [noGrad(f(3))], ts: (a) => torch.vander(a) },
  {
    name: "vander.increasing",
    py: "torch.vander(a, 4, True)",
    inputs: [noGrad(f(3))],
    ts: (a) => torch.vander(a, 4, true),
  },
  {
    name: "vander.N",
    py: "torch.vander(a, N=2)",
    inputs: [noGrad(f(4))],
    ts: (a) => torch.vander(a, { N: 2 }),
  },
  { name: "vander.one", py: "torch.vander(a, 1)", inputs: [noGrad(f(3))], ts: (a) => torch.vander(a, 1) },
  { name: "vander.zero", py: "torch.vander(a, 0)", inputs: [noGrad(f(3))], ts: (a) => torch.vander(a, 0) },
  {
    name: "vander.float64",
    py: "torch.vander(a, 5)",
    inputs: [noGrad(d64(3))],
    ts: (a) => torch.vander(a, 5),
  },
  {
    name: "vander.int",
    py: "torch.vander(a, increasing=True)",
    inputs: [i64(4)],
    ts: (a) => torch.vander(a, { increasing: true }),
  },
  {
    name: "vander.int32",
    py: "torch.vander(a)",
    inputs: [{ shape: [3], dtype: "int32" }],
    ts: (a) => torch.vander(a),
  },
  {
    name: "vander.bool",
    py: "torch.vander(a)",
    inputs: [{ shape: [3], dtype: "bool" }],
    ts: (a) => torch.vander(a),
  },
  { name: "tril_indices", py: "torch.tril_indices(3, 4)", inputs: [], ts: () => torch.tril_indices(3, 4) },
  {
    name: "tril_indices.offset",
    py: "torch.tril_indices(4, 3, 1)",
    inputs: [],
    ts: () => torch.tril_indices(4, 3, 1),
  },
  {
    name: "tril_indices.below",
    py: "torch.tril_indices(4, 4, -2)",
    inputs: [],
    ts: () => torch.tril_indices(4, 4, -2),
  },
  {
    name: "tril_indices.far",
    py: "torch.tril_indices(3, 3, -5)",
    inputs: [],
    ts: () => torch.tril_indices(3, 3, -5),
  },
  {
    name: "tril_indices.wide",
    py: "torch.tril_indices(2, 5, 7)",
    inputs: [],
    ts: () => torch.tril_indices(2, 5, 7),
  },
  {
    name: "tril_indices.int32",
    py: "torch.tril_indices(3, 3, dtype=torch.int32)",
    inputs: [],
    ts: () => torch.tril_indices(3, 3, { dtype: torch.int32 }),
  },
  {
    name: "tril_indices.empty",
    py: "torch.tril_indices(0, 3)",
    inputs: [],
    ts: () => torch.tril_indices(0, 3),
  },
  { name: "triu_indices", py: "torch.triu_indices(3, 4)", inputs: [], ts: () => torch.triu_indices(3, 4) },
  {
    name: "triu_indices.offset",
    py: "torch.triu_indices(4, 3, 1)",
    inputs: [],
    ts: () => torch.triu_indices(4, 3, 1),
  },
  {
    name: "triu_indices.below",
    py: "torch.triu_indices(4, 4, -2)",
    inputs: [],
    ts: () => torch.triu_indices(4, 4, -2),
  },
  {
    name: "triu_indices.far",
    py: "torch.triu_indices(3, 3, 5)",
    inputs: [],
    ts: () => torch.triu_indices(3, 3, 5),
  },
  {
    name: "triu_indices.tall",
    py: "torch.triu_indices(5, 2, -7)",
    inputs: [],
    ts: () => torch.triu_indices(5, 2, -7),
  },
  {
    name: "triu_indices.int32",
    py: "torch.triu_indices(2, 3, dtype=torch.int32)",
    inputs: [],
    ts: () => torch.triu_indices(2, 3, { dtype: torch.int32 }),
  },
];
