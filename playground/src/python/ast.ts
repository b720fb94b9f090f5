// The syntax tree of the Python subset the playground runs. Every node carries its source line, so a
// runtime error (or a warning) names the line of the statement or expression that raised it.

export type Expr = { readonly line: number } & (
  | { kind: "name"; id: string }
  | { kind: "const"; value: bigint | number | string | boolean | null | "..." ; isEllipsis?: boolean }
  | { kind: "fstring"; parts: (string | { expr: Expr; conversion: string; spec: Expr | null })[] }
  | { kind: "binop"; op: string; left: Expr; right: Expr }
  | { kind: "unary"; op: string; operand: Expr }
  | { kind: "boolop"; op: "and" | "or"; left: Expr; right: Expr }
  | { kind: "compare"; left: Expr; ops: string[]; rights: Expr[] }
  | { kind: "ifexp"; test: Expr; body: Expr; orelse: Expr }
  | { kind: "lambda"; params: Param[]; body: Expr }
  | { kind: "call"; func: Expr; args: Arg[] }
  | { kind: "attr"; value: Expr; attr: string }
  | { kind: "subscript"; value: Expr; index: Expr }
  | { kind: "slice"; lower: Expr | null; upper: Expr | null; step: Expr | null }
  | { kind: "tuple"; elts: Expr[] }
  | { kind: "list"; elts: Expr[] }
  | { kind: "dict"; keys: (Expr | null)[]; values: Expr[] }
  | { kind: "set"; elts: Expr[] }
  | { kind: "starred"; value: Expr }
  | { kind: "comp"; type: "list" | "set" | "dict" | "gen"; elt: Expr; value: Expr | null; generators: Comprehension[] }
); // prettier-ignore

export interface Comprehension {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: Expr[];
}

/** A call argument: positional, `name=value`, `*seq` or `**mapping`. */
export interface Arg {
  readonly name: string | null;
  readonly value: Expr;
  readonly star?: "*" | "**";
}

export interface Param {
  readonly name: string;
  readonly default: Expr | null;
  readonly star?: "*" | "**";
}

export type Stmt = { readonly line: number } & (
  | { kind: "expr"; value: Expr }
  | { kind: "assign"; targets: Expr[]; value: Expr }
  | { kind: "augassign"; target: Expr; op: string; value: Expr }
  | { kind: "annassign"; target: Expr; value: Expr | null }
  | { kind: "def"; name: string; params: Param[]; body: Stmt[]; decorators: Expr[] }
  | { kind: "class"; name: string; bases: Expr[]; body: Stmt[] }
  | { kind: "return"; value: Expr | null }
  | { kind: "if"; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { kind: "for"; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
  | { kind: "while"; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { kind: "with"; items: { context: Expr; target: Expr | null }[]; body: Stmt[] }
  | { kind: "import"; names: { name: string; asname: string | null }[] }
  | { kind: "from"; module: string; names: { name: string; asname: string | null }[] }
  | { kind: "try"; body: Stmt[]; handlers: { type: Expr | null; name: string | null; body: Stmt[]; line: number }[]; orelse: Stmt[]; finalbody: Stmt[] }
  | { kind: "raise"; exc: Expr | null }
  | { kind: "assert"; test: Expr; msg: Expr | null }
  | { kind: "del"; targets: Expr[] }
  | { kind: "global" | "nonlocal"; names: string[] }
  | { kind: "pass" | "break" | "continue" }
); // prettier-ignore
