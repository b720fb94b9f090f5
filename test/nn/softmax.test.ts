// nn.Softmax, nn.LogSoftmax, nn.Softmin, nn.Softmax2d and F.softmin against PyTorch 1.13: outputs, reprs, the
// implicit-dim warning of dim=None, errors. Fixtures: scripts/gen_multinomial_fixtures.py (its "softmax" part).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { catch_warnings } from "../../src/warnings.js";

const nn = torch.nn;
const F = nn.functional;

interface SoftmaxRow {
  spec: {
    module: "Softmax" | "LogSoftmax" | "Softmin" | "Softmax2d";
    kwargs: { dim?: number };
    bool?: boolean;
  };
  input: number[] | boolean[];
  repr: string;
  output?: unknown;
  error?: { type: string; message: string };
  warnings: string[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/multinomial.json", import.meta.url), "utf8"),
) as {
  softmax: Record<string, SoftmaxRow>;
  functional: Record<string, number[][]>;
};

function build(row: SoftmaxRow): torch.nn.Module {
  const { module, kwargs } = row.spec;
  if (module === "Softmax2d") return new nn.Softmax2d();
  const Class = { Softmax: nn.Softmax, LogSoftmax: nn.LogSoftmax, Softmin: nn.Softmin }[module];
  return "dim" in kwargs ? new Class({ dim: kwargs.dim }) : new Class();
}

function onBackend(name: string, fn: () => void): void {
  const previous = torch.get_backend();
  torch.set_backend(name);
  try {
    fn();
  } finally {
    torch.set_backend(previous);
  }
}

const softmaxRows = availableBackends().flatMap((backend) =>
  Object.entries(fixture.softmax).map(
    ([name, row]) => [`${name} (${backend} backend)`, backend, row] as const,
  ),
);

describe("softmax modules", () => {
  it.each(softmaxRows)("%s", (_, backend, row) =>
    onBackend(backend, () => {
      const module = build(row);
      expect(String(module)).toBe(row.repr);
      const input = row.spec.bool
        ? torch.tensor(row.input as boolean[])
        : torch.tensor(row.input as number[]);
      const { result, warnings } = catch_warnings(() => {
        try {
          return { output: (module as unknown as { forward(x: torch.Tensor): torch.Tensor }).forward(input) };
        } catch (e) {
          return { error: e as Error };
        }
      });
      expect(warnings.map((w) => `${w.category}: ${w.message}`)).toEqual(
        row.warnings.map((m) => `UserWarning: ${m}`),
      );
      if (row.error) {
        expect(result.error?.constructor.name).toBe(row.error.type);
        expect(result.error?.message).toBe(row.error.message);
      } else {
        expect(result.error).toBeUndefined();
        expect(result.output!.tolist()).toEqual(row.output);
      }
    }),
  );

  it("modules call with a positional dim and keep it as an attribute", () => {
    const m = new nn.Softmax(0);
    expect(m.dim).toBe(0);
    expect(new nn.LogSoftmax({ dim: null }).dim).toBeNull();
    expect(() => new (nn.Softmin as unknown as new (...a: unknown[]) => unknown)(1, 2)).toThrow(TypeError);
  });
});

describe("F.softmin, F.softmax, F.log_softmax", () => {
  const x = torch.tensor(fixture.functional.input);
  it.each(availableBackends())("softmin along a dim, with a dtype (%s backend)", (backend) =>
    onBackend(backend, () => {
      expect(F.softmin(x, 0).tolist()).toEqual(fixture.functional.softmin_dim0);
      const wide = F.softmin(x, { dim: 1, dtype: torch.float64 });
      expect(wide.dtype).toBe(torch.float64);
      expect(wide.tolist()).toEqual(fixture.functional.softmin_dim1_float64);
    }),
  );
  it("an implicit dim hands _stacklevel to Python's warnings.warn, which wants an integer", () => {
    expect(() => F.softmin(x, { _stacklevel: null })).toThrow(
      new TypeError("'NoneType' object cannot be interpreted as an integer"),
    );
    expect(() => F.softmax(x, { _stacklevel: 2.5 })).toThrow(
      "'float' object cannot be interpreted as an integer",
    );
    expect(F.softmin(x, 1, { _stacklevel: null }).shape).toEqual([3, 5]);
  });

  it.each(availableBackends())("softmax with a dtype, log_softmax along dim 0 (%s backend)", (backend) =>
    onBackend(backend, () => {
      expect(F.softmax(x, 1, { dtype: torch.float64 }).tolist()).toEqual(fixture.functional.softmax_float64);
      expect(F.log_softmax(x, 0).tolist()).toEqual(fixture.functional.log_softmax_dim0);
    }),
  );
});
