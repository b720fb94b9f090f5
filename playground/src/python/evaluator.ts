// Python expressions, calls, attribute access, and the program's functions and classes (a class deriving
// from nn.Module is a JS subclass whose methods take `this` as self, so the library calls its forward).
import * as torch from "../../../src/index.js";
import type { Arg, Expr, Param, Stmt } from "./ast.js";
import { fromLibrary, pyAttribute } from "./builtins.js";
import {
  CLASS,
  dictSet,
  FLOAT_DTYPE_FROM_ARGS,
  isClass,
  METHOD,
  PY_CLASS,
  ReturnSignal,
  Scope,
  SELF,
  subscriptArgs,
  toLibrary,
  USER_CALL,
  bindParams,
  type UserCall,
  type UserFunction,
} from "./runtime.js";
import * as V from "./values.js";

export abstract class Evaluator {
  /** The line the program is running (statement or call): warnings are reported at it. */
  currentLine = 0;
  protected readonly builtinFunctions = new Set<unknown>();

  protected abstract block(body: Stmt[], scope: Scope): void;
  protected abstract assign(target: Expr, value: unknown, scope: Scope): void;

  // ---- functions and classes -------------------------------------------------------------------------

  protected makeFunction(name: string, params: Param[], body: Stmt[] | Expr, scope: Scope): UserFunction {
    const defaults = params.map((p) => (p.default ? this.eval(p.default, scope) : undefined));
    const call: UserCall = (args, kwargs) => {
      const local = new Scope(scope);
      bindParams(name, params, defaults, args, kwargs, local);
      if (!Array.isArray(body)) return this.eval(body, local);
      const line = this.currentLine;
      try {
        this.block(body, local);
        return null;
      } catch (e) {
        if (e instanceof ReturnSignal) return e.value;
        throw e;
      } finally {
        this.currentLine = line;
      }
    };
    const fn = ((...args: unknown[]) => call(args, new Map())) as UserFunction;
    Object.defineProperty(fn, "name", { value: name });
    fn[USER_CALL] = call;
    return fn;
  }

  protected makeClass(stmt: Extract<Stmt, { kind: "class" }>, scope: Scope): unknown {
    const bases = stmt.bases.map((b) => this.eval(b, scope));
    const base = (bases.find((b) => typeof b === "function") ?? Object) as new (...a: unknown[]) => object;
    const classScope = new Scope(scope, true);
    this.block(stmt.body, classScope);
    // Made with no arguments (a library base class's constructor runs then); __init__ gets the arguments.
    const cls = class extends (base as new (...a: unknown[]) => object) {};
    Object.defineProperty(cls, "name", { value: stmt.name });
    for (const [k, v] of classScope.vars) {
      if (k === CLASS) continue;
      let member = v;
      // A method is a JS method too: the library calls module.forward(x) with `this` as self.
      if (typeof v === "function" && (v as UserFunction)[USER_CALL]) {
        const call = (v as UserFunction)[USER_CALL];
        const method = function (this: unknown, ...a: unknown[]) {
          return call([this, ...a], new Map());
        } as UserFunction;
        method[USER_CALL] = call;
        method[METHOD] = true;
        Object.defineProperty(method, "name", { value: k });
        member = method;
      }
      Object.defineProperty(cls.prototype, k, {
        value: member,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    (cls as unknown as Record<symbol, unknown>)[PY_CLASS] = { bases };
    classScope.vars.set(CLASS, cls);
    return cls;
  }

  /** Python's `Cls(args)` for a class the program defined: object made, then __init__(self, args). */
  protected instantiate(cls: new () => object, args: unknown[], kwargs: Map<string, unknown>): unknown {
    const self = new cls();
    const init = (cls.prototype as Record<string, unknown>).__init__;
    if (typeof init === "function" && (init as UserFunction)[USER_CALL])
      (init as UserFunction)[USER_CALL]([self, ...args], kwargs);
    return self;
  }

  call(fn: unknown, args: unknown[], kwargs: Map<string, unknown>): unknown {
    if (typeof fn === "function") {
      const user = (fn as UserFunction)[USER_CALL];
      if (user) return user(args, kwargs);
      if ((fn as unknown as Record<symbol, unknown>)[PY_CLASS])
        return this.instantiate(fn as new () => object, args, kwargs);
      if (this.builtinFunctions.has(fn)) {
        const all = kwargs.size ? [...args, Object.fromEntries(kwargs)] : args;
        return (fn as (...a: unknown[]) => unknown)(...all);
      }
      const jsArgs = args.map(toLibrary);
      const options = Object.fromEntries([...kwargs].map(([k, v]) => [k, toLibrary(v)]));
      // A Python float that is whole (2.0) is a JS number like the int 2: say "float" where it decides the dtype.
      if (
        FLOAT_DTYPE_FROM_ARGS.has(fn) &&
        !("dtype" in options) &&
        [...args, ...kwargs.values()].some((a) => typeof a === "number")
      )
        options.dtype = torch.get_default_dtype();
      if (Object.keys(options).length) jsArgs.push(options);
      if (isClass(fn)) return new (fn as new (...a: unknown[]) => unknown)(...jsArgs);
      return (fn as (...a: unknown[]) => unknown)(...jsArgs);
    }
    if (fn instanceof torch.nn.Module) return this.call(this.getattr(fn, "forward"), args, kwargs);
    if (
      fn !== null &&
      typeof fn === "object" &&
      typeof (fn as Record<string, unknown>).__call__ === "function"
    )
      return this.call(this.getattr(fn, "__call__"), args, kwargs);
    throw new V.PyError("TypeError", `'${V.pyTypeName(fn)}' object is not callable`);
  }

  getattr(obj: unknown, name: string): unknown {
    if (obj === null || obj === undefined)
      throw new V.PyError("AttributeError", `'NoneType' object has no attribute '${name}'`);
    if (name === "__name__" && typeof obj === "function") return obj.name;
    if (name === "__class__") return (obj as object).constructor;
    const special = pyAttribute(obj, name);
    if (special !== undefined) return special;
    if (typeof obj !== "object" && typeof obj !== "function")
      throw new V.PyError("AttributeError", `'${V.pyTypeName(obj)}' object has no attribute '${name}'`);
    const record = obj as Record<string, unknown>;
    if (!(name in record))
      throw new V.PyError("AttributeError", `'${V.pyTypeName(obj)}' object has no attribute '${name}'`);
    const value = record[name];
    if (typeof value !== "function") return fromLibrary(value, name);
    const user = value as UserFunction;
    if (user[METHOD] && typeof obj === "object") {
      const bound = ((...a: unknown[]) => user[USER_CALL]([obj, ...a], new Map())) as UserFunction;
      bound[USER_CALL] = (a, kw) => user[USER_CALL]([obj, ...a], kw);
      Object.defineProperty(bound, "name", { value: user.name });
      return bound;
    }
    if (user[USER_CALL] || isClass(value) || Object.prototype.hasOwnProperty.call(obj, name)) return value;
    const method = value as (...a: unknown[]) => unknown;
    const bound = (...a: unknown[]) => fromLibrary(method.apply(obj, a), name);
    Object.defineProperty(bound, "name", { value: name });
    return bound;
  }

  /** super() inside a method: attributes of the base class, bound to self. */
  protected superOf(scope: Scope): unknown {
    let s: Scope | null = scope;
    while (s && !s.vars.has(SELF)) s = s.parent;
    const cls = s?.parent?.vars.get(CLASS) as { prototype: object } | undefined;
    if (!s || !cls) throw new V.PyError("RuntimeError", "super(): no arguments");
    const self = s.vars.get(SELF) as object;
    const baseProto = Object.getPrototypeOf(cls.prototype) as Record<string, unknown>;
    return new Proxy(
      {},
      {
        get: (_, name) => {
          const value = baseProto[name as string];
          // A library base class ran its constructor when the object was made.
          if (name === "__init__" && value === undefined) return () => null;
          if (typeof value !== "function") return value;
          const user = value as UserFunction;
          if (user[USER_CALL]) {
            const bound = ((...a: unknown[]) => user[USER_CALL]([self, ...a], new Map())) as UserFunction;
            bound[USER_CALL] = (a, kw) => user[USER_CALL]([self, ...a], kw);
            return bound;
          }
          return (value as (...a: unknown[]) => unknown).bind(self);
        },
        has: () => true,
      },
    );
  }

  // ---- expressions -----------------------------------------------------------------------------------

  evalArgs(args: Arg[], scope: Scope): { args: unknown[]; kwargs: Map<string, unknown> } {
    const out: unknown[] = [];
    const kwargs = new Map<string, unknown>();
    for (const a of args) {
      const v = this.eval(a.value, scope);
      if (a.star === "*") out.push(...V.iterate(v));
      else if (a.star === "**") for (const [k, x] of v as Map<string, unknown>) kwargs.set(String(k), x);
      else if (a.name) kwargs.set(a.name, v);
      else out.push(v);
    }
    return { args: out, kwargs };
  }

  eval(e: Expr, scope: Scope): unknown {
    switch (e.kind) {
      case "const":
        return e.isEllipsis ? V.ELLIPSIS : e.value;
      case "name": {
        const r = scope.lookup(e.id);
        if (!r.found) throw new V.PyError("NameError", `name '${e.id}' is not defined`);
        return r.value;
      }
      case "fstring":
        return e.parts
          .map((p) => {
            if (typeof p === "string") return p;
            const v = this.eval(p.expr, scope);
            const spec = p.spec ? String(this.eval(p.spec, scope)) : "";
            if (p.conversion === "r") return V.format(V.repr(v), spec);
            if (p.conversion === "s") return V.format(V.toStr(v), spec);
            return V.format(v, spec);
          })
          .join("");
      case "binop":
        return V.binop(e.op, this.eval(e.left, scope), this.eval(e.right, scope));
      case "unary":
        return V.unary(e.op, this.eval(e.operand, scope));
      case "boolop": {
        const left = this.eval(e.left, scope);
        if (e.op === "and" ? !V.truthy(left) : V.truthy(left)) return left;
        return this.eval(e.right, scope);
      }
      case "compare": {
        let left = this.eval(e.left, scope);
        let result: unknown = true;
        for (let i = 0; i < e.ops.length; i++) {
          const right = this.eval(e.rights[i], scope);
          result = V.compare(e.ops[i], left, right);
          if (e.ops.length > 1 && !V.truthy(result)) return false;
          left = right;
        }
        return result;
      }
      case "ifexp":
        return V.truthy(this.eval(e.test, scope)) ? this.eval(e.body, scope) : this.eval(e.orelse, scope);
      case "lambda":
        return this.makeFunction("<lambda>", e.params, e.body, scope);
      case "call": {
        if (e.func.kind === "name" && e.func.id === "super" && e.args.length === 0)
          return this.superOf(scope);
        const fn = this.eval(e.func, scope);
        const { args, kwargs } = this.evalArgs(e.args, scope);
        const line = this.currentLine;
        this.currentLine = e.line;
        try {
          return this.call(fn, args, kwargs);
        } finally {
          this.currentLine = line;
        }
      }
      case "attr":
        return this.getattr(this.eval(e.value, scope), e.attr);
      case "subscript": {
        const obj = this.eval(e.value, scope);
        const index = this.eval(e.index, scope);
        if (obj instanceof torch.Tensor) return obj.get(...(subscriptArgs(index) as never[]));
        if (
          obj !== null &&
          typeof obj === "object" &&
          typeof (obj as Record<string, unknown>).__getitem__ === "function"
        )
          return this.call(this.getattr(obj, "__getitem__"), [index], new Map());
        return V.getItem(obj, index);
      }
      case "slice":
        return new V.Slice(
          e.lower ? this.eval(e.lower, scope) : null,
          e.upper ? this.eval(e.upper, scope) : null,
          e.step ? this.eval(e.step, scope) : null,
        );
      case "tuple":
        return V.tuple(this.evalItems(e.elts, scope));
      case "list":
        return this.evalItems(e.elts, scope);
      case "set":
        return new Set(this.evalItems(e.elts, scope));
      case "dict": {
        const map = new Map<unknown, unknown>();
        e.keys.forEach((k, i) => {
          const v = this.eval(e.values[i], scope);
          if (k === null) for (const [kk, vv] of v as Map<unknown, unknown>) dictSet(map, kk, vv);
          else dictSet(map, this.eval(k, scope), v);
        });
        return map;
      }
      case "starred":
        throw new V.PyError("SyntaxError", "can't use starred expression here");
      case "comp":
        return this.comprehension(e, scope);
    }
  }

  protected evalItems(elts: Expr[], scope: Scope): unknown[] {
    const out: unknown[] = [];
    for (const x of elts) {
      if (x.kind === "starred") out.push(...V.iterate(this.eval(x.value, scope)));
      else out.push(this.eval(x, scope));
    }
    return out;
  }

  protected comprehension(e: Extract<Expr, { kind: "comp" }>, scope: Scope): unknown {
    const local = new Scope(scope);
    const items: unknown[] = [];
    const map = new Map<unknown, unknown>();
    const loop = (g: number): void => {
      if (g === e.generators.length) {
        if (e.type === "dict") dictSet(map, this.eval(e.elt, local), this.eval(e.value!, local));
        else items.push(this.eval(e.elt, local));
        return;
      }
      const gen = e.generators[g];
      for (const item of V.iterate(this.eval(gen.iter, g === 0 ? scope : local))) {
        this.assign(gen.target, item, local);
        if (gen.ifs.every((c) => V.truthy(this.eval(c, local)))) loop(g + 1);
      }
    };
    loop(0);
    if (e.type === "dict") return map;
    if (e.type === "set") return new Set(items);
    return items; // a generator expression is consumed at once: sum(x for x in ...) sees the same values
  }
}
