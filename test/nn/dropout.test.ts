// Channel-wise dropout against PyTorch 1.13 (scripts/gen_dropout_fixtures.py): F.dropout1d/2d/3d's outputs after
// manual_seed (so the masks PyTorch draws), grad_fn and the input's gradient, the warnings dropout2d/dropout3d
// give for inputs of other ranks, and the Dropout1d/2d/3d modules' reprs, masks, eval mode and state_dict.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends, set_backend } from "../../src/backend/backend.js";
import { catch_warnings } from "../../src/warnings.js";
import type { Encoded } from "../helpers/compare.js";

const F = torch.nn.functional;
const nn = torch.nn;

interface CaseFixture {
  seed: number;
  dtype: "float32" | "float64";
  input: Encoded;
  output: Encoded;
  grad_fn: string | null;
  grad: Encoded;
  warnings: string[];
}
interface ModuleFixture {
  repr: string;
  input: Encoded;
  output: Encoded;
  eval_output: Encoded;
  state_dict_keys: string[];
}

const fx = JSON.parse(readFileSync(new URL("../fixtures/nn/dropout.json", import.meta.url), "utf8")) as {
  cases: Record<string, CaseFixture>;
  modules: Record<string, ModuleFixture>;
};

type Fn = (x: torch.Tensor, p: number, opts?: { training?: boolean }) => torch.Tensor;
const CASES: Record<string, [Fn, number, { training?: boolean }?]> = {
  dropout1d: [F.dropout1d, 0.5],
  dropout1d_unbatched: [F.dropout1d, 0.3],
  dropout2d: [F.dropout2d, 0.4],
  dropout2d_3d_input: [F.dropout2d, 0.5],
  dropout2d_2d_input: [F.dropout2d, 0.5],
  dropout3d: [F.dropout3d, 0.6],
  dropout3d_unbatched: [F.dropout3d, 0.2],
  dropout3d_3d_input: [F.dropout3d, 0.5],
  dropout2d_eval: [F.dropout2d, 0.5, { training: false }],
  dropout1d_p1: [F.dropout1d, 1.0],
  alpha_dropout: [F.alpha_dropout, 0.3, { training: true }],
  alpha_dropout_default_eval: [F.alpha_dropout, 0.5],
  feature_alpha_dropout: [F.feature_alpha_dropout, 0.4, { training: true }],
  feature_alpha_dropout_float64: [F.feature_alpha_dropout, 0.2, { training: true }],
};

const MODULES: Record<string, () => torch.nn.Module> = {
  Dropout1d: () => new nn.Dropout1d(0.25),
  Dropout2d: () => new nn.Dropout2d(),
  Dropout3d: () => new nn.Dropout3d(0.1, true),
  AlphaDropout: () => new nn.AlphaDropout(0.2),
  FeatureAlphaDropout: () => new nn.FeatureAlphaDropout(0.5, true),
};

const tensorOf = (v: Encoded) => torch.tensor(v as never);
const forward = (m: torch.nn.Module, x: torch.Tensor) =>
  (m as unknown as { forward: (t: torch.Tensor) => torch.Tensor }).forward(x);

describe.each(availableBackends())("channel-wise dropout on the %s backend", (backend) => {
  for (const [name, [fn, p, opts]] of Object.entries(CASES)) {
    it(name, () => {
      set_backend(backend);
      const f = fx.cases[name];
      torch.manual_seed(f.seed);
      // The fixture's input was drawn first; draw it again so the generator is where PyTorch's was.
      const dtype = f.dtype === "float64" ? torch.float64 : torch.float32;
      torch.randn(tensorOf(f.input).shape, { dtype });
      const x = torch.tensor(f.input as never, { dtype }).requires_grad_(true);
      const { result: y, warnings } = catch_warnings(() => (opts ? fn(x, p, opts) : fn(x, p)));
      expect(warnings.map((w) => w.message)).toEqual(f.warnings);
      const expected = (v: Encoded) => torch.tensor(v as never, { dtype }).tolist();
      expect(y.tolist()).toEqual(expected(f.output));
      expect(y.grad_fn?.name() ?? null).toBe(f.grad_fn);
      y.sum().backward();
      expect((x.grad as torch.Tensor).tolist()).toEqual(expected(f.grad));
    });
  }

  for (const [name, build] of Object.entries(MODULES)) {
    it(`nn.${name}`, () => {
      set_backend(backend);
      const f = fx.modules[name];
      torch.manual_seed(7);
      const m = build();
      torch.randn(tensorOf(f.input).shape);
      expect(String(m)).toBe(f.repr);
      expect(forward(m, tensorOf(f.input)).tolist()).toEqual(tensorOf(f.output).tolist());
      m.eval();
      expect(forward(m, tensorOf(f.input)).tolist()).toEqual(tensorOf(f.eval_output).tolist());
      expect([...Object.keys(m.state_dict())]).toEqual(f.state_dict_keys);
    });
  }
});
