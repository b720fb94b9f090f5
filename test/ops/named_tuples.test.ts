// Results with named fields (torch.return_types.*, src/ops/reduce_util.ts's NamedTuple): read by index, by name
// and destructured, and printed as PyTorch prints them (test/fixtures/named_tuples.json,
// scripts/gen_named_tuple_fixtures.py, on inputs whose results print the same from any LAPACK).
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { NamedTuple } from "../../src/ops/reduce_util.js";
import { onBackend } from "../helpers/backends.js";
import { availableBackends } from "../../src/backend/backend.js";

const { reprs } = JSON.parse(
  readFileSync(new URL("../fixtures/named_tuples.json", import.meta.url), "utf8"),
) as {
  reprs: Record<string, string>;
};

const a = () =>
  torch.tensor([
    [4, 1],
    [2, 3],
  ]);
const spd = () =>
  torch.tensor([
    [4, 2],
    [2, 3],
  ]);
const diagonal = () =>
  torch.tensor(
    [
      [3, 0],
      [0, 1],
    ],
    { dtype: torch.float64 },
  );
const b = () => torch.tensor([[1], [2]]);

const RESULTS: Record<string, () => NamedTuple> = {
  slogdet: () => torch.slogdet(a()),
  linalg_slogdet: () => torch.linalg.slogdet(a()),
  linalg_qr: () => torch.linalg.qr(a()),
  qr: () => torch.qr(a()),
  linalg_svd: () => torch.linalg.svd(diagonal()),
  svd: () => torch.svd(diagonal()),
  linalg_eigh: () => torch.linalg.eigh(diagonal()),
  symeig: () => torch.symeig(diagonal(), { eigenvectors: true }),
  linalg_lu: () => torch.linalg.lu(a()),
  linalg_lu_factor: () => torch.linalg.lu_factor(a()),
  linalg_lu_factor_ex: () => torch.linalg.lu_factor_ex(a()),
  lu_unpack: () => {
    const [LU, pivots] = torch.linalg.lu_factor(a());
    return torch.lu_unpack(LU, pivots);
  },
  linalg_lstsq: () => torch.linalg.lstsq(a(), b()),
  linalg_inv_ex: () => torch.linalg.inv_ex(a()),
  linalg_cholesky_ex: () => torch.linalg.cholesky_ex(spd()),
  linalg_solve_ex: () => torch.linalg.solve_ex(a(), b()),
  triangular_solve: () => torch.triangular_solve(b(), torch.triu(a())),
  aminmax: () => torch.aminmax(a(), { dim: 0 }),
};

describe.each(availableBackends())("named tuples on the %s backend", (backendName) => {
  onBackend(backendName);

  it("cover every recorded repr", () => {
    expect(Object.keys(RESULTS).sort()).toEqual(Object.keys(reprs).sort());
  });

  it.each(Object.keys(reprs))("print as PyTorch's torch.return_types.%s", (name) => {
    expect(inspect(RESULTS[name]())).toBe(reprs[name]);
  });

  it("read a field by name and by index, and destructure", () => {
    const result = torch.linalg.qr(a());
    expect(result).toBeInstanceOf(NamedTuple);
    expect(result.length).toBe(2);
    expect(result.Q).toBe(result[0]);
    expect(result.R).toBe(result[1]);
    const [Q, R] = result;
    expect(Q).toBe(result.Q);
    expect(R).toBe(result.R);
    expect(result.fields).toEqual(["Q", "R"]);
  });

  it("keep their type through out=", () => {
    const out = [torch.empty([0]), torch.empty([0], { dtype: torch.int32 })];
    const result = torch.linalg.inv_ex(a(), { out });
    expect(result.typeName).toBe("linalg_inv_ex");
    expect(result.inverse).toBe(out[0]);
    expect(result.info).toBe(out[1]);
    const sorted = torch.sort(torch.tensor([2, 1]), {
      out: [torch.empty([0]), torch.empty([0], { dtype: torch.int64 })],
    });
    expect(inspect(sorted).startsWith("torch.return_types.sort(")).toBe(true);
    expect(sorted.indices.tolist()).toEqual([1, 0]);
  });
});
