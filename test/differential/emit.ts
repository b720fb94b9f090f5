// Prints differential programs as readable Python (PyTorch) and TypeScript (tensorgrad) source, for humans
// reproducing a difference. Statements that failed when recorded are wrapped so that the rest still runs.
import type { Lit, Program, Rec, Scalar, Stmt, Val } from "./ir.js";
import { nested } from "./ir.js";

// ---- Python ---------------------------------------------------------------------------------------------

function pyNumber(x: number): string {
  if (Number.isInteger(x)) return BigInt(x).toString(); // JS's rule: an integral number is a Python int
  return String(x);
}

function pyScalar(x: Scalar, float: boolean): string {
  if (x === "nan" || x === "inf") return x;
  if (x === "-inf") return "-inf";
  if (x === "-0") return "-0.0";
  if (typeof x === "boolean") return x ? "True" : "False";
  // Python reads "1e+21" and "1.7e+308" as floats already; an integral float without an exponent needs ".0"
  if (float && Number.isInteger(x) && !/[.e]/.test(String(x))) return `${x}.0`;
  return String(x);
}

function pyNested(x: unknown, float: boolean): string {
  if (Array.isArray(x)) return `[${x.map((y) => pyNested(y, float)).join(", ")}]`;
  return pyScalar(x as Scalar, float);
}

function pyLit(l: Lit): string {
  const float = l.d.startsWith("float");
  const rg = l.rg === 1 ? ", requires_grad=True" : "";
  const data = nested(l.v, l.s);
  if (data === null) return `torch.zeros(${pyTuple(l.s)}, dtype=torch.${l.d}${rg})`;
  return `torch.tensor(${pyNested(data, float)}, dtype=torch.${l.d}${rg})`;
}

const pyTuple = (s: number[]) => (s.length === 1 ? `(${s[0]},)` : `(${s.join(", ")})`);

export function pyValue(v: Val): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return pyNumber(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(", ")}]`;
  if ("v" in v) return v.v;
  if ("f" in v) return v.f === "-inf" ? "-inf" : v.f;
  if ("T" in v) return pyLit(v.T);
  return `torch.${v.dt}`;
}

function pyArgs(s: Stmt): string {
  const parts = (s.a ?? []).map(pyValue);
  for (const [k, v] of Object.entries(s.k ?? {})) parts.push(`${k}=${pyValue(v)}`);
  return parts.join(", ");
}

function pyExpr(s: Stmt): string {
  if (s.val !== undefined) return pyValue(s.val);
  if (s.f !== undefined) return `${s.f}(${pyArgs(s)})`;
  if (s.c !== undefined) return `${s.c}(${pyArgs(s)})`;
  if (s.m === "forward") return `${s.s}(${pyArgs(s)})`;
  if (s.m !== undefined) return `${s.s}.${s.m}(${pyArgs(s)})`;
  if (s.attr !== undefined) return `${s.s}.${s.attr}`;
  return `${s.s}[${s.i}]`;
}

export function toPython(p: Program, recs?: readonly Rec[]): string {
  const lines = [
    "import torch",
    "from math import inf, nan",
    "",
    `# differential program ${p.id}`,
    "torch.manual_seed(0)",
  ];
  p.b.forEach((s, i) => {
    const rec = recs?.[i];
    if (rec?.x === 1) {
      lines.push(`# skipped: ${pyExpr(s)}  (reads a variable a failed statement left unbound)`);
      return;
    }
    let body = [s.o !== undefined ? `${s.o} = ${pyExpr(s)}` : pyExpr(s)];
    if (s.o !== undefined) body.push(`print(${s.o})`);
    if (s.ng === 1) body = ["with torch.no_grad():", ...body.map((l) => `    ${l}`)];
    if (s.bad !== undefined) lines.push(`# invalid on purpose: ${s.bad}`);
    if (rec?.e !== undefined) {
      lines.push(
        "try:",
        ...body.map((l) => `    ${l}`),
        "except Exception as e:",
        "    print(type(e).__name__, e)",
      );
    } else lines.push(...body);
  });
  return lines.join("\n") + "\n";
}

// ---- TypeScript -----------------------------------------------------------------------------------------

function tsScalar(x: Scalar): string {
  if (x === "nan") return "NaN";
  if (x === "inf") return "Infinity";
  if (x === "-inf") return "-Infinity";
  if (x === "-0") return "-0";
  return String(x);
}

function tsNested(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(tsNested).join(", ")}]`;
  return tsScalar(x as Scalar);
}

function tsLit(l: Lit): string {
  const opts = `{ dtype: torch.${l.d}${l.rg === 1 ? ", requires_grad: true" : ""} }`;
  const data = nested(l.v, l.s);
  if (data === null) return `torch.zeros([${l.s.join(", ")}], ${opts})`;
  return `torch.tensor(${tsNested(data)}, ${opts})`;
}

export function tsValue(v: Val): string {
  if (v === null) return "null";
  if (typeof v === "boolean" || typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(tsValue).join(", ")}]`;
  if ("v" in v) return v.v;
  if ("f" in v) return v.f === "nan" ? "NaN" : v.f === "inf" ? "Infinity" : "-Infinity";
  if ("T" in v) return tsLit(v.T);
  return `torch.${v.dt}`;
}

function tsArgs(s: Stmt): string {
  const parts = (s.a ?? []).map(tsValue);
  const k = Object.entries(s.k ?? {});
  if (k.length > 0) parts.push(`{ ${k.map(([n, v]) => `${n}: ${tsValue(v)}`).join(", ")} }`);
  return parts.join(", ");
}

function tsExpr(s: Stmt): string {
  if (s.val !== undefined) return tsValue(s.val);
  if (s.f !== undefined) return `${s.f}(${tsArgs(s)})`;
  if (s.c !== undefined) return `new ${s.c}(${tsArgs(s)})`;
  if (s.m !== undefined) return `${s.s}.${s.m}(${tsArgs(s)})`;
  if (s.attr !== undefined) return `${s.s}.${s.attr}`;
  return `${s.s}[${s.i}]`;
}

export function toTypeScript(p: Program, recs?: readonly Rec[]): string {
  const lines = [
    "/* eslint-disable @typescript-eslint/no-explicit-any */",
    'import * as torch from "tensorgrad";',
    "",
    `// differential program ${p.id}`,
    "torch.manual_seed(0);",
  ];
  const declared = p.b.filter((s) => s.o !== undefined).map((s) => `${s.o}: any`);
  if (declared.length > 0) lines.push(`let ${declared.join(", ")};`);
  p.b.forEach((s, i) => {
    const rec = recs?.[i];
    if (rec?.x === 1) {
      lines.push(`// skipped: ${tsExpr(s)}  (reads a variable a failed statement left unbound)`);
      return;
    }
    const expr = s.ng === 1 ? `torch.no_grad(() => ${tsExpr(s)})` : tsExpr(s);
    const body = [s.o !== undefined ? `${s.o} = ${expr};` : `${expr};`];
    if (s.o !== undefined) body.push(`console.log(${s.o});`);
    if (s.bad !== undefined) lines.push(`// invalid on purpose: ${s.bad}`);
    if (rec?.e !== undefined) {
      lines.push(
        "try {",
        ...body.map((l) => `  ${l}`),
        "} catch (e: any) {",
        "  console.log(e.name, e.message);",
        "}",
      );
    } else lines.push(...body);
  });
  return lines.join("\n") + "\n";
}
