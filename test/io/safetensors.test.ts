import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { SafetensorError } from "../../src/io/index.js";
import { allocate, DTYPES, type DTypeName } from "../../src/tensor/dtype.js";
import { Tensor } from "../../src/tensor/tensor.js";

const { load, loadFromBytes, metadataFromBytes, save, saveToBytes } = torch;

// Files written by scripts/gen_safetensors_fixtures.py (a port of the reference Rust writer) from
// real PyTorch tensors, next to the values they hold.
const FIXTURES = new URL("../fixtures/safetensors/", import.meta.url);

interface Expected {
  metadata: Record<string, string> | null;
  tensors: Record<string, { dtype: DTypeName; shape: number[]; values: number[] }>;
}

function makeTensor(spec: Expected["tensors"][string]): Tensor {
  const dtype = DTYPES[spec.dtype];
  const data = allocate(dtype, spec.values.length);
  spec.values.forEach((v, i) => (data[i] = v));
  return Tensor._fromData(data, spec.shape, dtype);
}

const fixtureNames = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".safetensors"))
  .map((f) => f.slice(0, -".safetensors".length));

describe("safetensors fixtures from the reference writer", () => {
  it("has fixtures", () => expect(fixtureNames.length).toBeGreaterThanOrEqual(6));

  for (const name of fixtureNames) {
    const bytes = new Uint8Array(readFileSync(new URL(`${name}.safetensors`, FIXTURES)));
    const expected = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8")) as Expected;

    it(`${name}: loads every tensor's dtype, shape and values`, () => {
      const loaded = loadFromBytes(bytes);
      expect(Object.keys(loaded).sort()).toEqual(Object.keys(expected.tensors).sort());
      for (const [key, spec] of Object.entries(expected.tensors)) {
        const t = loaded[key];
        expect(t.dtype.name).toBe(spec.dtype);
        expect(t.shape).toEqual(spec.shape);
        expect(Array.from(t.values())).toEqual(spec.values);
      }
      expect(metadataFromBytes(bytes)).toEqual(expected.metadata);
    });

    it(`${name}: writes byte-identical files`, () => {
      const dict: Record<string, Tensor> = {};
      for (const [key, spec] of Object.entries(expected.tensors)) dict[key] = makeTensor(spec);
      expect(saveToBytes(dict, { metadata: expected.metadata })).toEqual(bytes);
      // A Map and a different insertion order give the same bytes: the writer sorts.
      const reversed = new Map(Object.entries(dict).reverse());
      expect(saveToBytes(reversed, { metadata: expected.metadata })).toEqual(bytes);
    });
  }
});

describe("save / load round trip", () => {
  it("keeps values, dtypes and shapes, including non-contiguous views and requires_grad tensors", () => {
    torch.manual_seed(0);
    const w = torch.randn(3, 4, { requires_grad: true });
    const dict = {
      w,
      wt: w.detach().transpose(0, 1),
      d: torch.randn(2, 2, { dtype: torch.float64 }),
      i: torch.tensor([3n, -4n, 9007199254740991n]),
      i32: torch.tensor([1, 2, -3], { dtype: torch.int32 }),
      b: torch.tensor([true, false, true]),
      zero_d: torch.tensor(1.5),
      empty: torch.zeros(0, 2, { dtype: torch.int64 }),
    };
    const loaded = loadFromBytes(saveToBytes(dict));
    for (const [key, t] of Object.entries(dict)) {
      expect(loaded[key].dtype).toBe(t.dtype);
      expect(loaded[key].shape).toEqual(t.shape);
      expect(loaded[key].values()).toEqual(t.values());
      expect(loaded[key].requires_grad).toBe(false);
    }
  });

  it("saves to and loads from a path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tensorgrad-io-"));
    try {
      const path = join(dir, "model.safetensors");
      const dict = {
        "layer.weight": torch.tensor([
          [1, 2],
          [3, 4],
        ]),
        "layer.bias": torch.tensor([0.5, -0.5]),
      };
      await save(dict, path, { metadata: { format: "pt" } });
      const loaded = await load(path);
      expect(Object.keys(loaded)).toEqual(["layer.bias", "layer.weight"]);
      expect(loaded["layer.weight"].tolist()).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(metadataFromBytes(readFileSync(path))).toEqual({ format: "pt" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("accepts an ArrayBuffer and an unaligned view", () => {
    const bytes = saveToBytes({ x: torch.tensor([1, 2, 3], { dtype: torch.float64 }) });
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(loadFromBytes(shifted.subarray(3)).x.tolist()).toEqual([1, 2, 3]);
    expect(loadFromBytes(bytes.slice().buffer).x.tolist()).toEqual([1, 2, 3]);
  });
});

describe("save errors", () => {
  it("refuses int64 values that are not exact in a double", () => {
    const t = torch.tensor([1, 2 ** 53], { dtype: torch.int64 });
    expect(() => saveToBytes({ t })).toThrow(/cannot save int64 tensor 't': element 1 is 9007199254740992/);
  });

  it("refuses values that are not tensors, a reserved name and bad metadata", () => {
    expect(() => saveToBytes({ a: [1, 2] } as unknown as Record<string, Tensor>)).toThrow(
      "Key `a` is invalid, expected torch.Tensor but received <class 'list'>",
    );
    expect(() => saveToBytes({ __metadata__: torch.zeros(1) })).toThrow(/reserved/);
    expect(() => saveToBytes({}, { metadata: { n: 1 } as unknown as Record<string, string> })).toThrow(
      /metadata values must be strings/,
    );
    expect(() => saveToBytes(null as unknown as Record<string, Tensor>)).toThrow(
      "Expected a dict of [str, torch.Tensor] but received <class 'NoneType'>",
    );
  });
});

/** A file with the given header (object or raw text) and data bytes, padded like the writer does. */
function craft(header: unknown, data: Uint8Array = new Uint8Array(0), headerSize?: number): Uint8Array {
  const json = new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerSize ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const f32 = (shape: number[], offsets: [number, number]) => ({ dtype: "F32", shape, data_offsets: offsets });

describe("load errors: a bad file never gives a partial result", () => {
  const bad: [string, Uint8Array, RegExp][] = [
    ["fewer than 8 bytes", new Uint8Array(5), /header too small/],
    ["a header size larger than the file", craft({}, new Uint8Array(0), 1000), /header claims 1000 bytes/],
    ["a header size over the 100MB limit", craft({}, new Uint8Array(0), 2 ** 40), /header too large/],
    [
      "a header that is not UTF-8",
      craft("\u0000", new Uint8Array(0)).map((b, i) => (i === 8 ? 0xff : b)),
      /UTF-8/,
    ],
    ["a header that is not JSON", craft("{not json"), /not valid JSON/],
    ["a header that is not an object", craft("[1,2]"), /invalid header start/],
    ["a header that is a JSON string", craft('"{}"'), /invalid header start/],
    ["a header starting with spaces", craft("  {}"), /invalid header start/],
    ["a header starting with a byte-order mark", craft("\ufeff{}"), /invalid header start/],
    [
      "a shape number written 2.0",
      craft('{"x":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}', new Uint8Array(8)),
      /the number 2\.0 is not a non-negative integer literal/,
    ],
    [
      "a shape number written 1e1",
      craft('{"x":{"dtype":"F32","shape":[1e1],"data_offsets":[0,40]}}', new Uint8Array(40)),
      /the number 1e1 is not/,
    ],
    [
      "an offset written 8E0",
      craft('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8E0]}}', new Uint8Array(8)),
      /the number 8E0 is not/,
    ],
    [
      "a negative shape number",
      craft({ x: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4)),
      /the number -1 is not/,
    ],
    [
      "a shape number written -0",
      craft('{"x":{"dtype":"F32","shape":[-0],"data_offsets":[0,0]}}'),
      /the number -0 is not/,
    ],
    ["a tensor entry that is not an object", craft({ x: 3 }), /tensor 'x' must be an object/],
    [
      "an unknown dtype",
      craft({ x: { dtype: "F33", shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)),
      /unknown dtype 'F33'/,
    ],
    [
      "an unsupported dtype",
      craft({ x: { dtype: "F16", shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4)),
      /dtype F16, which tensorgrad does not support/,
    ],
    [
      "a bad shape",
      craft({ x: { dtype: "F32", shape: [[1]], data_offsets: [0, 4] } }, new Uint8Array(4)),
      /'shape'/,
    ],
    [
      "bad offsets",
      craft({ x: { dtype: "F32", shape: [1], data_offsets: [0] } }, new Uint8Array(4)),
      /'data_offsets'/,
    ],
    [
      "offsets past the end of the data",
      craft({ x: f32([2], [0, 8]) }, new Uint8Array(4)),
      /incomplete buffer/,
    ],
    ["trailing bytes after the data", craft({ x: f32([1], [0, 4]) }, new Uint8Array(8)), /incomplete buffer/],
    [
      "overlapping offsets",
      craft({ x: f32([2], [0, 8]), y: f32([2], [4, 12]) }, new Uint8Array(12)),
      /invalid offsets for tensor 'y'/,
    ],
    [
      "a gap between tensors",
      craft({ x: f32([1], [0, 4]), y: f32([1], [8, 12]) }, new Uint8Array(12)),
      /invalid offsets for tensor 'y'/,
    ],
    ["reversed offsets", craft({ x: f32([0], [4, 0]) }, new Uint8Array(4)), /invalid offsets for tensor 'x'/],
    [
      "a shape that does not match the offsets",
      craft({ x: f32([3], [0, 8]) }, new Uint8Array(8)),
      /need 12 bytes but data_offsets \[0, 8\] span 8/,
    ],
    [
      "metadata that is not string pairs",
      craft({ __metadata__: { a: 1 } }),
      /'__metadata__' must map strings to strings/,
    ],
  ];
  for (const [what, bytes, message] of bad) {
    it(`rejects ${what}`, () => {
      expect(() => loadFromBytes(bytes)).toThrow(SafetensorError);
      expect(() => loadFromBytes(bytes)).toThrow(message);
    });
  }

  it("rejects int64 values beyond 2^53 - 1 instead of rounding them", () => {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setBigInt64(0, 2n ** 60n, true);
    expect(() =>
      loadFromBytes(craft({ x: { dtype: "I64", shape: [], data_offsets: [0, 8] } }, data)),
    ).toThrow(/element 0 is 1152921504606846976/);
  });

  it("rejects what is not bytes", () => {
    expect(() => loadFromBytes("abc" as unknown as Uint8Array)).toThrow(TypeError);
  });

  it("accepts digits inside names and metadata strings, and the writer's space padding after the JSON", () => {
    const bytes = craft(
      '{"__metadata__":{"v":"1e1 2.0"},"w.1e1":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}   ',
      new Uint8Array(4),
    );
    expect(Object.keys(loadFromBytes(bytes))).toEqual(["w.1e1"]);
  });

  it("checks the header size against the file size before reading the file (/dev/zero fails at once)", async () => {
    const started = Date.now();
    await expect(load("/dev/zero")).rejects.toThrow(/header too small: the file has 0 bytes/);
    expect(Date.now() - started).toBeLessThan(2000);
    const path = join(tmpdir(), `tensorgrad-short-${process.pid}.safetensors`);
    await writeFile(path, craft({}, new Uint8Array(0), 1000));
    await expect(load(path)).rejects.toThrow(
      /header claims 1000 bytes but the file has only 2 after the size/,
    );
    await rm(path);
  });

  it("saves atomically: concurrent saves to one path leave one whole file, and no temporary files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tensorgrad-atomic-"));
    const path = join(dir, "m.safetensors");
    const dicts = [0, 1, 2, 3].map((i) => ({ w: torch.full([50_000], i), b: torch.arange(i + 1) }));
    for (let round = 0; round < 5; round++) {
      await Promise.all(dicts.map((d) => torch.save(d, path)));
      const loaded = await load(path);
      const i = loaded.b!.shape[0]! - 1;
      expect(loaded.w!.tolist()).toEqual(dicts[i]!.w.tolist());
    }
    expect(await readdir(dir)).toEqual(["m.safetensors"]);
    await rm(dir, { recursive: true });
  });

  it("reports a missing file", async () => {
    await expect(load(join(tmpdir(), "no-such-tensorgrad-file.safetensors"))).rejects.toThrow(/ENOENT/);
  });
});
