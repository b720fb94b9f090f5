"""Records PyTorch 1.13's own signatures of every entry point tensorgrad declares: test/fixtures/signatures.json.

Usage: npm run fixtures -- signatures   (exports the declared names with tsx, then runs this)
       /usr/bin/python3 scripts/gen_signature_fixtures.py NAMES.json OUT.json

For each name it records what PyTorch says about itself:
- native functions and methods (the Python argument parser): the listing PyTorch prints when no overload
  matches ("(Tensor input, int dim, bool keepdim, *, tuple of Tensors out)"), and the full signature
  strings with defaults, recovered from native_functions.yaml with torchgen (which PyTorch's own binding
  generator uses) and matched to the listing;
- Python-level functions and classes: inspect.signature and the qualified name Python's errors use;
- C methods without arguments: their qualified name.
The test in test/signatures/ compares tensorgrad's table with this file.
"""
import importlib
import inspect
import json
import re
import sys

import torch
import torchgen.api.python as python_api
from torchgen.gen import parse_native_yaml
from torchgen.model import Variant

YAML_DIR = "/usr/lib/python3/dist-packages/torchgen/packaged/ATen/native/"
NATIVE = parse_native_yaml(YAML_DIR + "native_functions.yaml", YAML_DIR + "tags.yaml").native_functions
BY_NAME = {}
for f in NATIVE:
    BY_NAME.setdefault(str(f.func.name.name), []).append(f)

TYPE_NAMES = {
    "Tensor": "Tensor", "Scalar": "Number", "int64_t": "int", "SymInt": "SymInt", "double": "float",
    "complex": "complex", "TensorList": "tuple of Tensors", "c10::List<c10::optional<Tensor>>": "tuple of Tensors",
    "IntArrayRef": "tuple of ints", "SymIntArrayRef": "tuple of SymInts", "ArrayRef<double>": "tuple of floats",
    "Generator": "torch.Generator", "bool": "bool", "Storage": "torch.Storage", "PyObject*": "object",
    "ScalarType": "torch.dtype", "Layout": "torch.layout", "MemoryFormat": "torch.memory_format",
    "QScheme": "torch.qscheme", "Device": "torch.device", "Stream": "torch.Stream", "std::string": "str",
    "c10::string_view": "str", "Dimname": "name", "DimnameList": "tuple of names", "ScalarList": "tuple of Scalars",
}


def listing_of(sig):
    """FunctionSignature::toString of a parser signature string."""
    body = sig[sig.index("(") + 1: sig.rindex(")")]
    parts = [] if body == "" else body.split(", ")
    out, keyword, shown = [], False, False
    for p in parts:
        if p == "*":
            keyword = True
            continue
        t, n = p.split(" ", 1)
        t = re.sub(r"\[\d*\]", "", t.replace("?", ""))
        text = TYPE_NAMES[t] + " " + n.split("=")[0]
        if keyword and not shown:
            text, shown = "*, " + text, True
        out.append(text)
    return "(" + ", ".join(out) + ")"


def returns_text(f):
    rets = f.func.returns
    if len(rets) == 1 and rets[0].name is None:
        return str(rets[0].type)
    if len(rets) == 0:
        return "None"
    return "(" + ", ".join(f"{r.type} {r.name}" if r.name else str(r.type) for r in rets) + ")"


def has_out(text):
    """Whether a signature has an out= parameter ("layout=None" does not count)."""
    return re.search(r"\bout=None", text) is not None


def candidates(name, method):
    found = {}
    for f in BY_NAME.get(name, []):
        if Variant.method not in f.variants if method else Variant.function not in f.variants:
            continue
        # Out= overloads torchgen generates itself have no Python binding.
        if "generated" in f.tags:
            continue
        try:
            text = python_api.signature(f, method=method).signature_str(symint=True)
        except Exception:
            continue
        # The out= overload replaces the functional one it extends (PyTorch's binding merges them).
        found.setdefault(listing_of(text), (text, returns_text(f)))
        if has_out(text):
            found[listing_of(text)] = (text, found[listing_of(text)][1] if not f.func.is_out_fn() else returns_text(f))
    return found


class Unmatchable:
    pass


def message(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except TypeError as e:
        return str(e)
    except Exception:
        return None
    return None


# Single-signature bindings PyTorch writes by hand (python_variable_methods.cpp,
# python_torch_functions_manual.cpp): torchgen does not know them and their errors never list them.
# manual_entry checks each keyword name and type against PyTorch's own error for a wrong value.
MANUAL = {
    **{
        ("Tensor", n): f"{n}(*, MemoryFormat? memory_format=None) -> Tensor"
        for n in ["float", "double", "long", "int", "bool", "half", "byte", "char", "short", "bfloat16", "cfloat", "cdouble"]
    },
    ("Tensor", "requires_grad_"): "requires_grad_(bool requires_grad=True) -> Tensor",
    ("Tensor", "is_contiguous"): "is_contiguous(*, MemoryFormat memory_format=MemoryFormat::Contiguous) -> bool",
    ("torch", "tensor"): "tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None, bool pin_memory=False, "
    "bool requires_grad=False, DimnameList? names=None) -> Tensor",
    # The hand-written parser adds as_tuple to torchgen's nonzero(Tensor input, *, Tensor out=None); this one wins.
    ("torch", "nonzero"): "nonzero(Tensor input, *, bool as_tuple=False, Tensor out=None) -> Tensor | Tensor[]",
    ("Tensor", "new_tensor"): "new_tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None, "
    "bool requires_grad=False) -> Tensor",
    ("Tensor", "map_"): "map_(Tensor other, PyObject* callable) -> Tensor",
    # A METH_O C method: its one argument, which it calls per element.
    ("Tensor", "apply_"): "apply_(PyObject* callable) -> Tensor",
    # Bound by hand in python_variable_methods.cpp, with keyword-only parameters the probes cannot list.
    ("Tensor", "cpu"): "cpu(*, MemoryFormat? memory_format=None) -> Tensor",
    ("Tensor", "numpy"): "numpy(*, bool force=False) -> NDArray",
}


def manual_entry(text, fn, method):
    """A MANUAL signature, after checking that PyTorch names each parameter and its type as it says."""
    body = text[text.index("(") + 1: text.index(")")]
    parts = body.split(", ")
    # A function's leading positional parameter gets a valid value while the others are probed (a Tensor
    # input a tensor, PyObject* data a list); probing that parameter itself passes nothing else.
    # A method's leading PyObject* data (new_tensor) gets a list likewise.
    needs_leading = not method or parts[0].startswith("PyObject*")
    leading = [torch.tensor([1.0]) if parts[0].startswith("Tensor ") else [1.0]] if needs_leading else []
    for i, part in enumerate(parts):
        if part == "*" or part.startswith("PyObject*"):
            continue
        t, n = part.split(" ", 1)
        n = n.split("=")[0]
        want = f"argument '{n}'"
        got = (
            message(fn, **{n: Unmatchable()})
            if (not needs_leading or i == 0)
            else message(fn, *leading, **{n: Unmatchable()})
        )
        if got is None or want not in got or TYPE_NAMES[re.sub(r"\[\d*\]", "", t.replace("?", ""))] not in got:
            raise SystemExit(f"MANUAL signature {text} does not fit PyTorch's error: {got}")
    return {
        "kind": "native",
        "listing": [listing_of(text)],
        "hidden": False,
        "signatures": [text],
        "positional": message(fn, *[Unmatchable()] * 12),
        "missing": message(fn),
    }


def native_entry(name, method, fn):
    """The parser's signatures as PyTorch lists them, and whether it has hidden (deprecated) ones."""
    found = candidates(name, method)
    manual = MANUAL.get(("Tensor" if method else "torch", name))
    if manual is not None:
        return manual_entry(manual, fn, method)
    probes = [
        message(fn, __unmatchable_keyword__=Unmatchable()) or "",
        message(fn) or "",
        message(fn, *[Unmatchable()] * 12) or "",
    ]
    several = any("received an invalid combination" in m for m in probes)
    listing = None
    if several:
        many = probes[2]
        if "expected one of:" in many:
            listing = [line[3:] for line in many.split("\n") if line.startswith(" * ")]
        else:
            # One visible signature plus hidden ones: PyTorch names the visible one.
            for m in probes:
                found_one = re.search(r"but expected (\(.*\))$", m)
                if found_one:
                    listing = [found_one.group(1)]
                    break
    if listing is None:
        texts = [t for t in found.values() if has_out(t[0])] or list(found.values())
        texts = texts[:1]
        listing = [listing_of(t[0]) for t in texts]
    else:
        texts = [found.get(s, (None, None)) for s in listing]
    sigs = [None if t[0] is None else f"{t[0]} -> {fix_return(t[1])}" for t in texts]
    return {
        "kind": "native",
        "listing": listing,
        # Hidden (deprecated) signatures show only where a single one is visible; null: can't tell.
        "hidden": (len(listing) == 1) if several and len(listing) == 1 else (False if not several else None),
        "signatures": sigs,
        "positional": probes[2] if not several else None,
        "missing": probes[1] if not several else None,
    }


def fix_return(r):
    return r.replace("Tensor(a!)", "Tensor").replace("Tensor(a)", "Tensor").replace("Tensor(b!)", "Tensor")


def qualname_of(fn):
    try:
        fn(__unmatchable_keyword__=1)
    except TypeError as e:
        m = re.match(r"(.*)\(\) (got an unexpected keyword argument|takes no keyword arguments)", str(e))
        if m:
            return m.group(1)
    except Exception:
        pass
    # A class that takes any keyword (nn.Identity) is named by its __init__, as its other errors name it.
    return getattr(fn.__init__ if inspect.isclass(fn) else fn, "__qualname__", None)


def unwrap_closure(fn):
    """The function a decorator's wrapper calls when it does not use functools.wraps (optimizers' `_use_grad`)."""
    while "<locals>" in getattr(fn, "__qualname__", "") and getattr(fn, "__closure__", None):
        inner = [c.cell_contents for c in fn.__closure__ if inspect.isfunction(c.cell_contents)]
        if len(inner) != 1:
            break
        fn = inner[0]
    return fn


def without_address(text):
    """An object's repr without its address (`<torch._C.Generator object>`), so the fixture is the same every run."""
    return re.sub(r" at 0x[0-9a-fA-F]+", "", text)


def python_entry(fn):
    fn = unwrap_closure(fn)
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return {"kind": "python", "signature": None, "params": None, "qualname": qualname_of(fn)}
    params = [
        {
            "name": p.name,
            "kind": p.kind.name,
            "default": None if p.default is inspect.Parameter.empty else without_address(repr(p.default)),
        }
        for p in sig.parameters.values()
    ]
    return {"kind": "python", "signature": without_address(str(sig)), "params": params, "qualname": qualname_of(fn)}


def noargs_entry(fn):
    try:
        fn(Unmatchable())
    except TypeError as e:
        m = re.match(r"(.*)\(\) takes no arguments", str(e))
        if m:
            return {"kind": "noargs", "qualname": m.group(1)}
    except Exception:
        pass
    return None


# The operator methods python_variable_methods.cpp binds through TypeError_to_NotImplemented_: a call that does
# not parse returns NotImplemented instead of raising, so the probes read nothing. Each binds a native function's
# method overloads (`__rand__` is bitwise_and's), which the parser lists Tensor before Scalar (as bitwise_and's
# own probed listing shows).
OPERATOR_METHODS = {
    **{n: n for n in ["__and__", "__or__", "__xor__", "__lshift__", "__rshift__"]},
    **{n: n for n in ["__iand__", "__ior__", "__ixor__", "__ilshift__", "__irshift__"]},
    "__rand__": "bitwise_and",
    "__ror__": "bitwise_or",
    "__rxor__": "bitwise_xor",
}


def operator_entry(name):
    texts = sorted(candidates(OPERATOR_METHODS[name], True).values(), key=lambda t: "(Scalar " in t[0])
    return {
        "kind": "native",
        "listing": [listing_of(t[0]) for t in texts],
        "hidden": False,
        "signatures": [f"{name}{t[0][t[0].index('('):]} -> {fix_return(t[1])}" for t in texts],
        "positional": None,
        "missing": None,
    }


def tensor_method(name):
    if not hasattr(torch.Tensor, name):
        return None
    if name in OPERATOR_METHODS:
        return operator_entry(name)
    attr = inspect.getattr_static(torch.Tensor, name)
    if isinstance(attr, property) or type(attr).__name__ == "getset_descriptor":
        return {"kind": "property"}
    bound = getattr(torch.zeros(2, 3), name)
    if type(getattr(torch.Tensor, name)).__name__ == "method_descriptor":
        return noargs_entry(bound) or native_entry(name, True, bound)
    return python_entry(bound)


def namespace_member(namespace, name):
    # importlib reaches submodules `import torch` does not load (torch.utils.checkpoint).
    try:
        module = importlib.import_module(namespace)
    except ImportError:
        return None  # tensorgrad's own namespaces (torch.viz) are not PyTorch's
    # A dotted name is a class's method ("Module.train").
    fn = module
    for part in name.split("."):
        fn = getattr(fn, part, None)
    if fn is None:
        return None
    if inspect.isclass(fn):
        return {"kind": "class", "init": python_entry(fn)}
    if type(fn).__name__ == "builtin_function_or_method":
        # A builtin may be bound under another name (F.logsigmoid is torch._C._nn.log_sigmoid).
        return noargs_entry(fn) or native_entry(getattr(fn, "__name__", name), False, fn)
    return python_entry(fn)


def main():
    names = json.load(open(sys.argv[1]))
    out = {}
    for namespace, members in names.items():
        out[namespace] = {
            name: tensor_method(name) if namespace == "Tensor" else namespace_member(namespace, name)
            for name in sorted(members)
        }
    with open(sys.argv[2], "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
