// How a class names the Python type it stands for (error messages print it as type(v).__name__). A base
// module, so the tensor layer's classes (dtype.ts) can name theirs without importing the signature layer,
// and every layer can name a value's type in an error.
import { isPyTuple } from "./python.js";

/** Classes name their Python type through this symbol (class names do not survive minification). */
export const PYTHON_TYPE = Symbol.for("tensorgrad.pythonType");

const ITERATOR_TYPES: Record<string, string> = {
  "[object Array Iterator]": "list_iterator",
  "[object Set Iterator]": "set_iterator",
  "[object Map Iterator]": "dict_keyiterator",
  "[object String Iterator]": "str_ascii_iterator",
  "[object Generator]": "generator",
};

/** Python's type(v).__name__ (tp_name) for a JS value. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) ? "int" : "float";
    case "bigint":
      return "int";
    case "boolean":
      return "bool";
    case "string":
      return "str";
    case "function":
      return "function";
    case "symbol":
      return "symbol";
  }
  if (Array.isArray(v)) return isPyTuple(v) ? "tuple" : "list";
  const named = (v as { [PYTHON_TYPE]?: string })[PYTHON_TYPE];
  if (typeof named === "string") return named;
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null || v instanceof Map) return "dict";
  // Built-in iterators name no constructor: "[object Array Iterator]" is Python's list_iterator.
  const iterator = ITERATOR_TYPES[Object.prototype.toString.call(v)];
  if (iterator !== undefined) return iterator;
  return (v as object).constructor?.name || "object";
}
