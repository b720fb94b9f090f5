// Writes the names of every declared entry point, by Python namespace, for gen_signature_fixtures.py:
// `tsx scripts/export_signatures.ts OUT.json`. Classes are listed by their Python path ("torch.nn.Linear"), class methods by
// their qualified name in the class's module ("torch.nn": "Module.train").
import { writeFileSync } from "node:fs";
import "../src/register.js";
import { classSignatures, entries } from "../src/signatures/registry.js";

const names: Record<string, string[]> = {};
for (const e of entries()) (names[e.namespace] ??= []).push(e.name);
// Constructors by the classes they serve; methods by their qualified name ("Module.train").
for (const [qualname, sig] of classSignatures()) {
  const list = (names[sig.module] ??= []);
  for (const name of sig.isConstructor ? sig.classes : [qualname]) if (!list.includes(name)) list.push(name);
}
const out = process.argv[2];
if (out === undefined) throw new Error("usage: export_signatures.ts OUT.json");
writeFileSync(out, JSON.stringify(names, null, 1));
