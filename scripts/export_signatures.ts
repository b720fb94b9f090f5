// Writes the names of every declared entry point, by Python namespace, for gen_signature_fixtures.py:
// build/signatures/names.json. Classes are listed by their Python path ("torch.nn.Linear"), class methods by
// their qualified name in the class's module ("torch.nn": "Module.train").
import { mkdirSync, writeFileSync } from "node:fs";
import "../src/register.js";
import { classSignatures, entries } from "../src/signatures/registry.js";

const names: Record<string, string[]> = {};
for (const e of entries()) (names[e.namespace] ??= []).push(e.name);
// Constructors by the classes they serve; methods by their qualified name ("Module.train").
for (const [qualname, sig] of classSignatures()) {
  const list = (names[sig.module] ??= []);
  for (const name of sig.isConstructor ? sig.classes : [qualname]) if (!list.includes(name)) list.push(name);
}
mkdirSync("build/signatures", { recursive: true });
writeFileSync("build/signatures/names.json", JSON.stringify(names, null, 1));
