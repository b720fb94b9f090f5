// How a class names the Python type it stands for (error messages print it as type(v).__name__). A base
// module, so the tensor layer's classes (dtype.ts) can name theirs without importing the signature layer.

/** Classes name their Python type through this symbol (class names do not survive minification). */
export const PYTHON_TYPE = Symbol.for("tensorgrad.pythonType");
