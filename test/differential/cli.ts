// The differential tester's command line (npx tsx test/differential/cli.ts ...):
//   generate FROM COUNT OUT.json   write the programs of seeds FROM..FROM+COUNT-1 (the recorder's input)
//   export OUT.json                write the committed programs (to re-record them in another PyTorch build)
//   show ID [BACKEND]              a recorded program as Python and TypeScript, and its differences
//   triage [BACKEND] [--all]       replay every recorded program; group the first differences by cause
//   known [BACKEND]                per known difference: programs, ops, worst ulps, examples
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { set_backend } from "../../src/backend/backend.js";
import { toPython, toTypeScript } from "./emit.js";
import { generate } from "./generate.js";
import { opOf } from "./known.js";
import { formatDiff, loadPrograms, replay } from "./replay.js";

const [cmd, ...args] = process.argv.slice(2);

// tensorgrad's warnings are recorded per statement; keep them off the console
process.removeAllListeners("warning");

if (cmd === "generate") {
  const [from, count, out] = [Number(args[0]), Number(args[1]), args[2]];
  const programs = [];
  for (let id = from; id < from + count; id++) programs.push(generate(id));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ programs }));
  console.log(`wrote ${programs.length} programs to ${out}`);
} else if (cmd === "export") {
  // the committed programs, without PyTorch's records: re-recording them keeps the set (npm run fixtures)
  const out = args[0];
  const programs = loadPrograms().map(({ id, b }) => ({ id, b }));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ programs }));
  console.log(`wrote ${programs.length} committed programs to ${out}`);
} else if (cmd === "show") {
  const id = Number(args[0]);
  const backend = args[1] ?? "js";
  set_backend(backend);
  const p = loadPrograms().find((x) => x.id === id);
  if (p === undefined) throw new Error(`no recorded program ${id}`);
  console.log("# ---- Python ----\n" + toPython(p, p.r));
  console.log("// ---- TypeScript ----\n" + toTypeScript(p, p.r));
  const { diffs, known } = replay(p, backend);
  console.log(`---- ${diffs.length} differences on ${backend}${known ? ` (known: ${known.id})` : ""} ----`);
  for (const d of diffs) console.log(formatDiff(p, d));
} else if (cmd === "triage") {
  const backend = args.find((a) => !a.startsWith("--")) ?? "js";
  const all = args.includes("--all");
  set_backend(backend);
  const groups = new Map<string, string[]>();
  let same = 0;
  const programs = loadPrograms();
  const t0 = Date.now();
  for (const p of programs) {
    const { diffs, known } = replay(p, backend);
    if (diffs.length === 0) {
      same++;
      continue;
    }
    if (known !== null && !all) {
      const key = `known: ${known.id}`;
      groups.set(key, [...(groups.get(key) ?? []), formatDiff(p, diffs[0])]);
      continue;
    }
    const d = diffs[0];
    const key = `${d.kind} ${opOf(p.b[d.stmt])}`;
    groups.set(key, [...(groups.get(key) ?? []), formatDiff(p, d)]);
  }
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length);
  for (const [key, lines] of sorted) {
    console.log(`\n== ${key} (${lines.length})`);
    for (const l of lines.slice(0, 4)) console.log("  " + l.slice(0, 400));
  }
  console.log(`\n${same}/${programs.length} programs identical on ${backend} (${Date.now() - t0} ms)`);
} else if (cmd === "known") {
  // per known difference: programs, the ops of their first differences, the worst ulps, examples
  const backend = args[0] ?? "js";
  set_backend(backend);
  const programs = loadPrograms();
  type Stat = { n: number; ops: Map<string, number>; ulps: number; ids: number[] };
  const stats = new Map<string, Stat>();
  let same = 0;
  for (const p of programs) {
    const { diffs, known } = replay(p, backend);
    if (diffs.length === 0) same++;
    if (known === null) continue;
    const st: Stat = stats.get(known.id) ?? { n: 0, ops: new Map(), ulps: 0, ids: [] };
    const op = opOf(p.b[diffs[0].stmt]);
    st.n++;
    st.ops.set(op, (st.ops.get(op) ?? 0) + 1);
    st.ulps = Math.max(st.ulps, diffs[0].ulps ?? 0);
    if (st.ids.length < 3) st.ids.push(p.id);
    stats.set(known.id, st);
  }
  for (const [id, st] of [...stats].sort((a, b) => b[1].n - a[1].n)) {
    const ops = [...st.ops].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${o}:${n}`);
    console.log(`${id} ${st.n} ulps<=${st.ulps} e.g. #${st.ids.join(" #")} ops ${ops.join(" ")}`);
  }
  console.log(`${same}/${programs.length} identical on ${backend}`);
} else {
  console.error(
    "usage: cli.ts generate FROM COUNT OUT | export OUT | show ID [BACKEND] | triage [BACKEND] [--all] | known [BACKEND]",
  );
  process.exit(2);
}
