// torch.finfo / torch.iinfo and torch.pi, e, inf, nan against PyTorch 1.13's
// (test/fixtures/dtype_info.json, `npm run fixtures -- dtype_info`): attributes, repr and TypeErrors.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

interface Recorded {
  repr?: string;
  attrs?: Record<string, number | string>;
  value?: number | string;
  error?: string;
  message?: string;
}
const FIXTURE = JSON.parse(readFileSync(new URL("../fixtures/dtype_info.json", import.meta.url), "utf8")) as {
  cases: Record<string, Recorded>;
};

/** Each case's TypeScript call; the names are the fixture script's. */
const CASES: Record<string, () => unknown> = {
  "finfo float32": () => torch.finfo(torch.float32),
  "finfo float64": () => torch.finfo(torch.float64),
  "finfo default": () => torch.finfo(),
  "finfo keyword": () => torch.finfo({ type: torch.float64 }),
  "finfo complex64": () => torch.finfo(torch.complex64),
  "finfo complex128": () => torch.finfo(torch.complex128),
  "iinfo int32": () => torch.iinfo(torch.int32),
  "iinfo int64": () => torch.iinfo(torch.int64),
  "finfo of an int dtype": () => torch.finfo(torch.int32),
  "iinfo of a float dtype": () => torch.iinfo(torch.float32),
  "iinfo of bool": () => torch.iinfo(torch.bool),
  "finfo of a number": () => torch.finfo(1),
  "finfo of None": () => torch.finfo(null),
  "finfo with two arguments": () => torch.finfo(torch.float32, 1),
  "iinfo with no argument": () => torch.iinfo(),
  "iinfo with two arguments": () => torch.iinfo(torch.int32, 1),
  pi: () => torch.pi,
  e: () => torch.e,
  inf: () => torch.inf,
  nan: () => torch.nan,
};

/** The fixture's encoding of a number: big ints and non-finite floats are strings. */
function encoded(v: unknown): unknown {
  if (typeof v === "bigint") return String(v);
  if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  return v;
}

describe("torch.finfo, torch.iinfo and the constants", () => {
  it("has a TypeScript call for every recorded case", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(FIXTURE.cases).sort());
  });

  it.each(Object.entries(FIXTURE.cases))("%s", (name, want) => {
    const call = CASES[name];
    if (want.error !== undefined) {
      let thrown: unknown = null;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).constructor.name).toBe(want.error);
      expect((thrown as Error).message).toBe(want.message);
      return;
    }
    const got = call();
    if (want.repr === undefined) {
      expect(encoded(got)).toEqual(want.value);
      return;
    }
    expect(String(got)).toBe(want.repr);
    const info = got as Record<string, unknown>;
    for (const [attr, value] of Object.entries(want.attrs!)) expect(encoded(info[attr]), attr).toEqual(value);
  });
});
