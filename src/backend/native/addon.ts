// Loads the native addon (build/Release/tensorgrad_native.node). Its TypeScript type and op codes are derived
// from the table in entry_points.ts, which also generates the C side's argument specs, so the two can't
// drift; loading refuses a build whose entry points or op codes differ from the table (a stale build must not
// run the wrong op). The addon checks every argument itself (native/args.c) and throws a clear Error for a bad
// one, so there is no TypeScript re-check on the way in.
import { ENTRY_POINTS, OP_GROUPS, type EntryPointName, type OpGroup } from "./entry_points.js";

type FloatArray = Float32Array | Float64Array;

/** The TypeScript type of each argument kind of the table. */
interface KindTypes {
  floats: FloatArray;
  f32: Float32Array;
  f64: Float64Array;
  anyFloats: FloatArray;
  bytes: Uint8Array;
  int: number;
  flag: number;
  number: number;
  dims: readonly number[];
  strides: readonly number[];
}

type ArgType<Spec> = Spec extends `${string}:${infer Kind}`
  ? Kind extends keyof KindTypes
    ? KindTypes[Kind]
    : Kind extends `op:${OpGroup}`
      ? number
      : never
  : never;

/** An entry point's parameter tuple, `name?:kind` arguments optional. */
type Params<Specs> = Specs extends readonly [infer First, ...infer Rest]
  ? First extends `${string}?:${string}`
    ? [ArgType<First>?, ...Params<Rest>]
    : [ArgType<First>, ...Params<Rest>]
  : [];

/** An op group's codes by name: { neg: number, relu: number, ... }. */
export type OpCodes = {
  [G in OpGroup]: { readonly [Op in (typeof OP_GROUPS)[G]["ops"][number]]: number };
};

/** The raw addon, exactly as C exports it: every entry point of the table, and what it was built from. */
export type RawAddon = {
  readonly [E in EntryPointName]: (...args: Params<(typeof ENTRY_POINTS)[E]["args"]>) => void;
} & {
  /** The op codes the addon was compiled with (native/entry_points.h's enums). */
  readonly opCodes: OpCodes;
  /** Each entry point's argument list as the table spelled it when the addon was compiled. */
  readonly signatures: Readonly<Record<string, string>>;
};

/** Every op code, by group and name: each op's index in its group's list. */
export const OP_CODES = Object.fromEntries(
  Object.entries(OP_GROUPS).map(([group, { ops }]) => [
    group,
    Object.fromEntries(ops.map((op, code) => [op, code])),
  ]),
) as OpCodes;

/** The code of `op` in `group`, or undefined when the group has no such op. */
export function opCode(group: OpGroup, op: string): number | undefined {
  const codes: Readonly<Record<string, number>> = OP_CODES[group];
  return Object.hasOwn(codes, op) ? codes[op] : undefined;
}

const ADDON_FILE = "build/Release/tensorgrad_native.node";
const REBUILD = "rebuild the addon (npm rebuild tensorgrad, or node scripts/build_native.mjs)";

interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (name: string) => unknown;
}

/** Why a loaded addon doesn't match the table, or undefined when it does. */
export function staleness(addon: Record<string, unknown>): string | undefined {
  for (const [name, { args }] of Object.entries(ENTRY_POINTS)) {
    if (typeof addon[name] !== "function") return `it has no entry point '${name}'`;
    const built = (addon.signatures as Record<string, unknown> | undefined)?.[name];
    if (built !== args.join(","))
      return `its ${name}(${String(built)}) differs from the table's ${name}(${args.join(",")})`;
  }
  const builtCodes = (addon.opCodes ?? {}) as Record<string, unknown>;
  for (const [group, codes] of Object.entries(OP_CODES)) {
    const built = JSON.stringify(builtCodes[group]);
    if (built !== JSON.stringify(codes)) return `its ${group} op codes ${built} differ from the table's`;
  }
  if (Object.keys(builtCodes).length !== Object.keys(OP_CODES).length)
    return `its op groups ${Object.keys(builtCodes).join(", ")} differ from the table's`;
  return undefined;
}

/**
 * Loads the addon, or returns the reason it could not. Touches no Node module unless running on Node
 * (process.getBuiltinModule), so browser bundles never try to resolve `node:module`.
 */
export function loadAddon(): { addon: RawAddon } | { error: string } {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (!proc?.versions?.node) return { error: "not running on Node.js" };
  if (typeof proc.getBuiltinModule !== "function")
    return { error: "this Node.js lacks process.getBuiltinModule" };
  try {
    const { createRequire } = proc.getBuiltinModule("node:module") as typeof import("node:module");
    const { existsSync } = proc.getBuiltinModule("node:fs") as typeof import("node:fs");
    // src/backend/native/ and dist/backend/native/ are both three levels below the package root.
    // A variable, not a literal: bundlers (Vite) turn new URL(`...${x}`, import.meta.url) into a glob of the folder.
    const fromHere = `../../../${ADDON_FILE}`;
    const file = new URL(fromHere, import.meta.url);
    if (file.protocol !== "file:" || !existsSync(file)) return { error: `${ADDON_FILE} is not built` };
    const addon = createRequire(import.meta.url)(file.pathname) as Record<string, unknown>;
    const stale = staleness(addon);
    if (stale !== undefined)
      return {
        error: `${ADDON_FILE} is stale: ${stale} (src/backend/native/entry_points.ts); ${REBUILD}`,
      };
    return { addon: addon as RawAddon };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}
