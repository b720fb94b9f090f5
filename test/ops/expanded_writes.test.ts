// In-place writes into an expanded tensor (several elements share one memory location), compared with what
// PyTorch 1.13 did (test/fixtures/expanded_writes.json, scripts/gen_expanded_writes_fixtures.py): tril_,
// triu_, fill_ and zero_ write silently, masked_fill_, index_put_ and index_fill_ write with a deprecation
// warning (the last element the op changed wins), every other op refuses.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, set_backend } from "../../src/backend/backend.js";
import { catch_warnings } from "../../src/warnings.js";

type Outcome = { values: number[][]; warnings: string[] } | { error: string; message: string };
const FIXTURE = JSON.parse(
  readFileSync(new URL("../fixtures/expanded_writes.json", import.meta.url), "utf8"),
) as Record<string, Outcome>;

const I = (...v: number[]) => torch.tensor(v, { dtype: torch.int64 });
const mask = () => torch.tensor([true, false, true]);
const CASES: Record<string, (t: torch.Tensor) => unknown> = {
  tril_: (t) => t.tril_(),
  triu_: (t) => t.triu_(1),
  fill_: (t) => t.fill_(4.0),
  zero_: (t) => t.zero_(),
  masked_fill_: (t) => t.masked_fill_(mask(), 5.0),
  "index_put_ one row": (t) => t.index_put_([I(0)], torch.tensor(7.0)),
  "index_put_ two rows": (t) => t.index_put_([I(0, 1)], torch.tensor([[7.0], [8.0]])),
  index_fill_: (t) => t.index_fill_(1, I(0), 7.0),
  masked_scatter_: (t) => t.masked_scatter_(mask(), torch.ones(6)),
  index_copy_: (t) => t.index_copy_(1, I(0), torch.ones(3, 1)),
  scatter_: (t) => t.scatter_(1, I(0, 0, 0).reshape(3, 1), 7.0),
  add_: (t) => t.add_(1),
  setitem: (t) => t.set("0, 0", 7.0),
};

function outcome(write: (t: torch.Tensor) => unknown): Outcome {
  const t = torch.tensor([[1.0, 2.0, 3.0]]).expand(3, 3);
  try {
    const { warnings } = catch_warnings(() => write(t));
    return { values: t.tolist() as number[][], warnings: warnings.map((w) => w.message) };
  } catch (e) {
    return { error: (e as Error).name, message: (e as Error).message };
  }
}

for (const name of availableBackends()) {
  describe(`writes into expanded tensors (${name} backend)`, () => {
    it("covers every recorded case", () => {
      expect(Object.keys(CASES).sort()).toEqual(Object.keys(FIXTURE).sort());
    });
    for (const [label, write] of Object.entries(CASES)) {
      it(label, () => {
        set_backend(name);
        expect(outcome(write)).toEqual(FIXTURE[label]);
      });
    }
  });
}
