// Helpers nn.Module's methods share with PyTorch's Python side: torch.typename, the parser of Module.to's
// arguments (torch._C._nn._parse_to), Module.__setattr__/__delattr__ (the Proxy traps every module has) and the
// get_submodule/get_parameter/get_buffer lookups.
import { bindNative, type Kwargs } from "../signatures/bind.js";
import { parseSignature, type Signature } from "../signatures/schema.js";
import { Device, toCpuDevice } from "../tensor/device.js";
import { DTYPES, type DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { pyTypeName } from "../signatures/messages.js";
import { AttributeError, KeyError, NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { pyRepr } from "../python.js";
import { Parameter } from "./parameter.js";

const TENSOR_TYPES: Record<string, string> = {
  float32: "torch.FloatTensor",
  float64: "torch.DoubleTensor",
  int64: "torch.LongTensor",
  int32: "torch.IntTensor",
  bool: "torch.BoolTensor",
};

/** torch.typename(v): "torch.FloatTensor" for a tensor, the type's name for anything else. */
export function typename(v: unknown): string {
  if (v instanceof Tensor) return TENSOR_TYPES[v.dtype.name] ?? "torch.Tensor";
  return pyTypeName(v);
}

/** The signatures torch._C._nn._parse_to binds Module.to's arguments with, in its order. */
const TO_SIGNATURES = [
  "to(Device device=None, ScalarType dtype=None, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
  "to(ScalarType dtype, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
  "to(Tensor tensor, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
].map((text) => parseSignature(text, "native"));

/** The dtype Module.to converts to (null: none), after checking that the device, if any, is the CPU. */
export function parseTo(args: readonly unknown[], kwargs: Record<string, unknown>): DType | null {
  const hasKwargs = Object.keys(kwargs).some((k) => kwargs[k] !== undefined);
  const { index, values } = bindNative(TO_SIGNATURES, args, (hasKwargs ? kwargs : null) as Kwargs);
  if (index === 0) {
    const [device, dtype] = values as [Device | null, DType | null];
    if (device !== null) toCpuDevice(device);
    return dtype;
  }
  if (index === 1) return values[0] as DType;
  return (values[0] as Tensor).dtype;
}

const EXTRA_REPR_SIGNATURES = new Map<string, Signature>();

/** "_NormBase.extra_repr()": the signature of the extra_repr a module's class inherits, named after its owner. */
export function extraReprSignature(module: object): Signature {
  let proto = Object.getPrototypeOf(module) as { constructor: { name: string } };
  while (!Object.prototype.hasOwnProperty.call(proto, "extra_repr")) proto = Object.getPrototypeOf(proto);
  const owner = proto.constructor.name;
  let sig = EXTRA_REPR_SIGNATURES.get(owner);
  if (sig === undefined) {
    sig = parseSignature(`${owner}.extra_repr()`, "python");
    EXTRA_REPR_SIGNATURES.set(owner, sig);
  }
  return sig;
}

// ---- what module.ts delegates: attribute assignment, lookup by dotted path, Module.type's argument ---------

/** The registries of a module that Module.__setattr__ / __delattr__ and the get_* lookups read and update. */
export interface ModuleInternals {
  readonly constructor: { name: string };
  _bufferNames: Set<string>;
  _nonPersistent: Set<string>;
  _nullParameters: Set<string>;
  _modules: Map<string, unknown>;
}

/** Marks nn.Module's prototype, so that the helpers here recognize a module without importing module.ts. */
export const IS_MODULE = Symbol("nn.Module");

export function isModule(v: unknown): v is ModuleInternals {
  return typeof v === "object" && v !== null && IS_MODULE in v;
}

const isInternal = (key: string | symbol): key is symbol =>
  typeof key !== "string" || key.startsWith("_") || key === "training";

/** Every module is a Proxy over itself with these traps: Module.__setattr__ and __delattr__ for public names. */
export const MODULE_ATTRIBUTES: ProxyHandler<ModuleInternals> = {
  set(target, key, value, receiver) {
    if (isInternal(key) || isAccessor(target, key)) return Reflect.set(target, key, value, receiver);
    setModuleAttribute(target, key, value);
    return true;
  },
  deleteProperty(target, key) {
    if (!isInternal(key)) {
      target._nullParameters.delete(key);
      target._bufferNames.delete(key);
      target._nonPersistent.delete(key);
      target._modules.delete(key);
    }
    return Reflect.deleteProperty(target, key);
  },
};

/** A property with a getter or setter (on the object or its class) is assigned as JS assigns it. */
function isAccessor(target: object, key: string): boolean {
  for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return d.set !== undefined || d.get !== undefined;
  }
  return false;
}

/** `module.name = value` with Module.__setattr__'s rules for parameters, submodules and buffers. */
function setModuleAttribute(m: ModuleInternals, name: string, value: unknown): void {
  const self = m as unknown as Record<string, unknown>;
  const current = Object.prototype.hasOwnProperty.call(self, name) ? self[name] : undefined;
  if (value instanceof Parameter) {
    m._bufferNames.delete(name);
    m._nonPersistent.delete(name);
    m._modules.delete(name);
    m._nullParameters.delete(name);
  } else if (current instanceof Parameter || m._nullParameters.has(name)) {
    if (value !== null)
      throw new TypeError(
        `cannot assign '${typename(value)}' as parameter '${name}' (torch.nn.Parameter or None expected)`,
      );
    m._nullParameters.add(name);
  } else if (isModule(value)) {
    m._bufferNames.delete(name);
    m._nonPersistent.delete(name);
    if (m._modules.has(name)) return void m._modules.set(name, value);
  } else if (isModule(current) || m._modules.has(name)) {
    if (value !== null)
      throw new TypeError(
        `cannot assign '${typename(value)}' as child module '${name}' (torch.nn.Module or None expected)`,
      );
    if (m._modules.has(name)) return void m._modules.set(name, null);
  } else if (m._bufferNames.has(name) && value !== null && !(value instanceof Tensor)) {
    throw new TypeError(
      `cannot assign '${typename(value)}' as buffer '${name}' (torch.Tensor or None expected)`,
    );
  }
  self[name] = value;
}

/** getattr(module, name) as PyTorch resolves it (children added by name first); undefined when it has none. */
function getattr(m: ModuleInternals, name: string): unknown {
  if (m._modules.has(name)) return m._modules.get(name);
  return name in m ? (m as unknown as Record<string, unknown>)[name] : undefined;
}

const hasattr = (m: ModuleInternals, name: string) => m._modules.has(name) || name in m;

/** Module.get_submodule(target). */
export function getSubmodule<M extends ModuleInternals>(root: M, target: string): M {
  if (target === "") return root;
  let mod: ModuleInternals = root;
  for (const item of target.split(".")) {
    if (!hasattr(mod, item)) throw new AttributeError(`${mod.constructor.name} has no attribute \`${item}\``);
    const next = getattr(mod, item);
    if (!isModule(next)) throw new AttributeError(`\`${item}\` is not an nn.Module`);
    mod = next;
  }
  return mod as M;
}

/** Module.get_parameter(target). */
export function getParameter(root: ModuleInternals, target: string): Parameter {
  const [, name, param] = getMember(root, target);
  if (!(param instanceof Parameter)) throw new AttributeError(`\`${name}\` is not an nn.Parameter`);
  return param;
}

/** Module.get_buffer(target). */
export function getBuffer(root: ModuleInternals, target: string): Tensor {
  const [mod, name, buffer] = getMember(root, target);
  if (!mod._bufferNames.has(name)) throw new AttributeError(`\`${name}\` is not a buffer`);
  return buffer as Tensor;
}

function getMember(root: ModuleInternals, target: string): [ModuleInternals, string, unknown] {
  const dot = target.lastIndexOf(".");
  const mod = getSubmodule(root, dot < 0 ? "" : target.slice(0, dot));
  const name = target.slice(dot + 1);
  if (!hasattr(mod, name)) throw new AttributeError(`${mod.constructor.name} has no attribute \`${name}\``);
  return [mod, name, getattr(mod, name)];
}

/** The dtype of Module.type(dst_type): a dtype, or a tensor type's name ('torch.DoubleTensor'). */
export function parseTypeArg(dstType: DType | string): DType {
  if (typeof dstType !== "string") return dstType;
  const name = Object.keys(TENSOR_TYPES).find((k) => TENSOR_TYPES[k] === dstType);
  if (name === undefined) throw new ValueError(`invalid type: '${dstType}'`);
  return DTYPES[name as keyof typeof DTYPES];
}

/** Module.add_module's checks of its arguments, with PyTorch's errors. */
export function checkAddModule(m: ModuleInternals, name: unknown, module: unknown): asserts name is string {
  if (module !== null && !isModule(module))
    throw new TypeError(`${typename(module)} is not a Module subclass`);
  if (typeof name !== "string") throw new TypeError(`module name should be a string. Got ${typename(name)}`);
  if (name in m && !m._modules.has(name)) throw new KeyError(pyRepr(`attribute '${name}' already exists`));
  if (name.includes(".")) throw new KeyError(pyRepr(`module name can't contain ".", got: ${name}`));
  if (name === "") throw new KeyError(pyRepr(`module name can't be empty string ""`));
}

/** PyTorch's Module.__repr__, given the class name, extra_repr() and the children. */
export function moduleRepr(
  className: string,
  extra: string,
  children: [string, { toString(): string } | null][],
): string {
  const lines = extra ? extra.split("\n") : [];
  for (const [name, child] of children)
    lines.push(`(${name}): ${child === null ? "None" : indent(child.toString(), 2)}`);
  let body = "";
  if (lines.length === 1 && children.length === 0) body = lines[0]!;
  else if (lines.length > 0) body = "\n  " + lines.join("\n  ") + "\n";
  return `${className}(${body})`;
}

function indent(text: string, spaces: number): string {
  const [first, ...rest] = text.split("\n");
  return [first, ...rest.map((l) => " ".repeat(spaces) + l)].join("\n");
}

/** The forward of a module that defines none (a bare nn.Module()). */
export function missingForward(this: { constructor: { name: string } }): never {
  throw new NotImplementedError(
    `Module [${this.constructor.name}] is missing the required "forward" function`,
  );
}

/** Python's str() of a KeyError puts its message in quotes: the texts here are PyTorch's, as printed. */
export function checkName(name: string, kind: string): void {
  if (name.includes(".")) throw new KeyError(pyRepr(`${kind} name can't contain "."`));
  if (name === "") throw new KeyError(pyRepr(`${kind} name can't be empty string ""`));
}

/** The error of Module.get_extra_state / set_extra_state where a subclass defines neither. */
export const unreachable = (method: string) =>
  new RuntimeError(
    `Reached a code path in Module.${method}() that should never be called. Please file an issue at https://github.com/pytorch/pytorch/issues/new?template=bug-report.yml to report this bug.`,
  );
