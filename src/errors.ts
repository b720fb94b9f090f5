// Python's exception classes as JS errors: the `name` is what PyTorch users see in tracebacks.

function pythonError(name: string) {
  return class extends Error {
    constructor(message: string) {
      super(message);
      this.name = name;
    }
  };
}

/** PyTorch's RuntimeError: most autograd and shape errors. */
export class RuntimeError extends pythonError("RuntimeError") {}
/** Python's IndexError: an index or dim out of range. */
export class IndexError extends pythonError("IndexError") {}
/** Python's ValueError: a well-typed argument with a bad value. */
export class ValueError extends pythonError("ValueError") {}
/** Python's NotImplementedError. */
export class NotImplementedError extends pythonError("NotImplementedError") {}
/** Python's KeyError. */
export class KeyError extends pythonError("KeyError") {}
/** Python's AssertionError: PyTorch's `assert`s (shape checks in Python-level code, CUDA in a CPU build). */
export class AssertionError extends pythonError("AssertionError") {}
/** Python's AttributeError: PyTorch's Python code reading an attribute of an argument that lacks it. */
export class AttributeError extends pythonError("AttributeError") {}
/** Python's ZeroDivisionError: integer division by zero in PyTorch's Python-level code. */
export class ZeroDivisionError extends pythonError("ZeroDivisionError") {}
/** Python's OverflowError: int() of an infinite float. */
export class OverflowError extends pythonError("OverflowError") {}
