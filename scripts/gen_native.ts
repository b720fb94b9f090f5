// `npm run gen:native` writes native/entry_points.h from src/backend/native/entry_points.ts: the op-code enums,
// each entry point's argument struct and spec (read by native/args.c's parser) and the X-macro lists the addon
// registers its entry points and exports its op codes from. `--check` fails when the committed header is stale
// (lint runs it). The table is validated first, so a typo fails here rather than in the C compiler.
import { readFileSync, writeFileSync } from "node:fs";
import {
  ENTRY_POINTS,
  MAX_DIMS,
  OP_GROUPS,
  parseArgSpec,
  type ArgKind,
  type OpGroup,
} from "../src/backend/native/entry_points.js";

const HEADER = "native/entry_points.h";
const TABLE = "src/backend/native/entry_points.ts";

/** The C enum of each kind (native/args.h's ArgKind). */
const C_KINDS: Record<Exclude<ArgKind, `op:${string}`> | "op", string> = {
  floats: "ARG_FLOATS",
  f32: "ARG_F32",
  f64: "ARG_F64",
  anyFloats: "ARG_ANY_FLOATS",
  bytes: "ARG_BYTES",
  int: "ARG_INT",
  flag: "ARG_FLAG",
  number: "ARG_NUMBER",
  dims: "ARG_DIMS",
  strides: "ARG_STRIDES",
  op: "ARG_OP",
};

/** The C type each kind is parsed into. */
function cType(kind: ArgKind): string {
  if (kind === "floats" || kind === "f32" || kind === "f64" || kind === "anyFloats") return "FloatArray";
  if (kind === "bytes") return "ByteArray";
  if (kind === "dims" || kind === "strides") return "IntList";
  if (kind === "number") return "double";
  return "int64_t";
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const pascal = (name: string) => name[0].toUpperCase() + name.slice(1);
const isIdentifier = (name: string) => /^[A-Za-z][A-Za-z0-9]*$/.test(name);

function opGroupOf(kind: ArgKind): OpGroup | undefined {
  return kind.startsWith("op:") ? (kind.slice(3) as OpGroup) : undefined;
}

function countEnum(group: OpGroup): string {
  return `${OP_GROUPS[group].cPrefix}_COUNT`;
}

/** Throws on anything the C side or the derived TypeScript types would get wrong. */
function validate(): void {
  const problems: string[] = [];
  const prefixes = new Set<string>();
  for (const [group, { cPrefix, ops }] of Object.entries(OP_GROUPS)) {
    if (!/^[A-Z]+$/.test(cPrefix) || prefixes.has(cPrefix))
      problems.push(`${group}: bad or repeated cPrefix`);
    prefixes.add(cPrefix);
    if (new Set(ops).size !== ops.length || !ops.every(isIdentifier))
      problems.push(`${group}: op names must be unique identifiers`);
  }
  for (const [entry, { args }] of Object.entries(ENTRY_POINTS)) {
    if (!isIdentifier(entry)) problems.push(`${entry}: not an identifier`);
    const parsed = args.map(parseArgSpec);
    const names = parsed.map((a) => a.name);
    if (new Set(names.map(snake)).size !== names.length) problems.push(`${entry}: repeated argument names`);
    for (const { name, kind } of parsed) {
      if (!isIdentifier(name)) problems.push(`${entry}: argument '${name}' is not an identifier`);
      const group = opGroupOf(kind);
      if (group !== undefined && !(group in OP_GROUPS)) problems.push(`${entry}: unknown op group ${group}`);
    }
    const firstOptional = parsed.findIndex((a) => a.optional);
    if (firstOptional >= 0 && parsed.slice(firstOptional).some((a) => !a.optional))
      problems.push(`${entry}: optional arguments must come last`);
    const dims = parsed.filter((a) => a.kind === "dims").length;
    if (dims > 1) problems.push(`${entry}: at most one dims argument (strides are checked against it)`);
    if (dims === 0 && parsed.some((a) => a.kind === "strides"))
      problems.push(`${entry}: strides without a dims argument to match their length`);
  }
  if (problems.length > 0) throw new Error(`${TABLE}:\n  ${problems.join("\n  ")}`);
}

function opCodeEnums(): string[] {
  return Object.entries(OP_GROUPS).map(([group, { cPrefix, ops }]) => {
    const names = [...ops.map((op) => `${cPrefix}_${op.toUpperCase()}`), `${cPrefix}_COUNT`];
    return `/* op:${group} */\nenum { ${names.join(", ")} };`;
  });
}

function entrySpecs(): string[] {
  return Object.entries(ENTRY_POINTS).map(([entry, { doc, args }]) => {
    const parsed = args.map(parseArgSpec);
    const struct = `${pascal(entry)}Args`;
    const c = snake(entry);
    const required = parsed.filter((a) => !a.optional).length;
    const fields = parsed.map((a) => `  ${cType(a.kind)} ${snake(a.name)};`);
    const specs = parsed.map(({ name, kind }) => {
      const group = opGroupOf(kind);
      const cKind = group === undefined ? C_KINDS[kind as keyof typeof C_KINDS] : C_KINDS.op;
      const opCount = group === undefined ? "0" : countEnum(group);
      return `    {"${name}", ${cKind}, ${opCount}, offsetof(${struct}, ${snake(name)})},`;
    });
    const signature = parsed.map((a) => `${a.name}${a.optional ? "?" : ""}`).join(", ");
    const optionalNote = required < parsed.length ? " Absent optional arguments are 0." : "";
    return [
      comment(`${entry}(${signature}): ${doc}${optionalNote}`),
      `typedef struct {`,
      ...fields,
      `} ${struct};`,
      `static const ArgSpec ${c}_args[] = {`,
      ...specs,
      `};`,
      `static const EntrySpec ${c}_spec = {`,
      `    "${entry}", ${c}_args, ${parsed.length}, ${required}, sizeof(${struct}),`,
      `    "${args.join(",")}"};`,
    ].join("\n");
  });
}

/** A C comment wrapped at the repository's line width. */
function comment(text: string, width = 110): string {
  const lines: string[] = [];
  let line = "/*";
  for (const word of text.split(" ")) {
    if (line.length + 1 + word.length > width - 3) {
      lines.push(line);
      line = "  ";
    }
    line += ` ${word}`;
  }
  return [...lines, `${line} */`].join("\n");
}

function xMacro(name: string, text: string, rows: string[]): string {
  return [comment(text), `#define ${name}(X) \\`, ...rows.map((r) => `  ${r} \\`), ""].join("\n");
}

function renderHeader(): string {
  validate();
  const entries = Object.keys(ENTRY_POINTS);
  const groups = Object.entries(OP_GROUPS);
  return [
    `/* Generated by \`npm run gen:native\` (scripts/gen_native.ts) from ${TABLE}: do not edit. */`,
    "#ifndef TENSORGRAD_ENTRY_POINTS_H",
    "#define TENSORGRAD_ENTRY_POINTS_H",
    "",
    `#define MAX_DIMS ${MAX_DIMS}`,
    "/* The most arguments an entry point takes (native/args.c's argv). */",
    `#define MAX_ENTRY_ARGS ${Math.max(...Object.values(ENTRY_POINTS).map((e) => e.args.length))}`,
    "",
    ...opCodeEnums(),
    "",
    "#endif",
    "",
    "/* The argument specs, for the one file that defines ENTRY_POINT_SPECS (native/tensorgrad.c) after including",
    "   native/args.h. */",
    "#if defined(ENTRY_POINT_SPECS) && !defined(TENSORGRAD_ENTRY_POINT_SPECS)",
    "#define TENSORGRAD_ENTRY_POINT_SPECS",
    "#include <stddef.h>",
    "",
    ...entrySpecs().flatMap((s) => [s, ""]),
    xMacro(
      "ENTRY_POINTS",
      "Every entry point: X(jsName, c_name, ArgsStruct, spec); native/tensorgrad.c implements each as " +
        "c_name##_entry.",
      entries.map((e) => `X(${e}, ${snake(e)}, ${pascal(e)}Args, ${snake(e)}_spec)`),
    ),
    ...groups.flatMap(([group, { cPrefix, ops }]) => [
      `static const OpCodeName ${snake(group)}_op_codes[] = {`,
      ...ops.map((op) => `    {"${op}", ${cPrefix}_${op.toUpperCase()}},`),
      "};",
    ]),
    "",
    xMacro(
      "OP_GROUPS",
      "Every op group, for the addon's exported opCodes: X(jsName, codes, count).",
      groups.map(([group]) => `X(${group}, ${snake(group)}_op_codes, ${countEnum(group as OpGroup)})`),
    ),
    "#endif",
    "",
  ].join("\n");
}

function main(): void {
  const header = renderHeader();
  if (process.argv.includes("--check")) {
    let committed = "";
    try {
      committed = readFileSync(HEADER, "utf8");
    } catch {
      // a missing header is stale too
    }
    if (committed !== header) {
      console.error(`${HEADER} is stale: run \`npm run gen:native\` and rebuild the addon`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(HEADER, header);
  console.log(`wrote ${HEADER}`);
}

main();
