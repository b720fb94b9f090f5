// Writes the names of every declared entry point, by Python namespace, for gen_signature_fixtures.py:
// build/signatures/names.json. Classes are listed by their Python path ("torch.nn.Linear").
import { mkdirSync, writeFileSync } from "node:fs";
import "../src/register.js";
import { classSignatures, entries } from "../src/signatures/registry.js";

const names: Record<string, string[]> = {};
for (const e of entries()) (names[e.namespace] ??= []).push(e.name);
for (const [qualname, sig] of classSignatures()) {
  const owner = qualname.split(".")[0];
  const list = (names[sig.module] ??= []);
  if (!list.includes(owner)) list.push(owner);
}
mkdirSync("build/signatures", { recursive: true });
writeFileSync("build/signatures/names.json", JSON.stringify(names, null, 1));
