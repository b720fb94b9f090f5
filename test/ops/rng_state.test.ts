// torch.get_rng_state / torch.set_rng_state against PyTorch 1.13 (test/fixtures/rng_state.json,
// `npm run fixtures -- rng_state`): the state's bytes after seeds and draws, byte for byte (as int64 values:
// tensorgrad has no uint8), and the draws after restoring PyTorch's own state bytes, in both layouts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

interface Scenario {
  seed: number;
  draws: string[];
  state: string;
  after: number[];
  restored: number[];
  legacy: number[];
}
const FIXTURE = JSON.parse(readFileSync(new URL("../fixtures/rng_state.json", import.meta.url), "utf8")) as {
  cases: Record<string, Scenario>;
};

/** The fixture's Python draws, as tensorgrad calls. */
const DRAWS: Record<string, () => unknown> = {
  "torch.randn(3)": () => torch.randn(3),
  "torch.rand(1000)": () => torch.rand(1000),
  "torch.rand(624)": () => torch.rand(624),
  "torch.randn(1)": () => torch.randn(1),
  "torch.rand(20, dtype=torch.float64)": () => torch.rand(20, { dtype: torch.float64 }),
};

const hexBytes = (hex: string): number[] =>
  Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
const randn5 = () => Array.from(torch.randn(5, { dtype: torch.float64 }).values());

describe.each(Object.entries(FIXTURE.cases))("rng state %s", (_name, sc) => {
  it("get_rng_state gives PyTorch's bytes, and the stream continues as PyTorch's", () => {
    torch.manual_seed(sc.seed);
    for (const d of sc.draws) DRAWS[d]();
    const state = torch.get_rng_state();
    expect(state.dtype).toBe(torch.int64);
    expect(Array.from(state.values())).toEqual(hexBytes(sc.state));
    expect(randn5()).toEqual(sc.after);
  });

  it("set_rng_state of PyTorch's bytes restores its stream (5056- and legacy 5048-byte layouts)", () => {
    const bytes = hexBytes(sc.state);
    torch.manual_seed(999);
    torch.set_rng_state(torch.tensor(bytes, { dtype: torch.int64 }));
    expect(randn5()).toEqual(sc.restored);
    torch.set_rng_state(torch.tensor(bytes.slice(0, 5048), { dtype: torch.int64 }));
    expect(randn5()).toEqual(sc.legacy);
  });
});

describe("set_rng_state errors", () => {
  it("raises PyTorch's errors for a non-tensor, a float tensor and a wrong size", () => {
    expect(() => torch.set_rng_state(1)).toThrow(new TypeError("expected a torch.ByteTensor, but got int"));
    expect(() => torch.set_rng_state(torch.zeros(5056))).toThrow("RNG state must be a torch.ByteTensor");
    expect(() => torch.set_rng_state(torch.zeros(5, { dtype: torch.int64 }))).toThrow(
      "Expected either a CPUGeneratorImplStateLegacy of size 5048 or a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 5",
    );
  });
});
