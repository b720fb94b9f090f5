// Walk samples for linalg, creation, conversion, random, the Tensor class's own methods and autograd:
// shapes that fit a matrix product, callables for the functions that call one, and the calls that are JS
// adaptations or tensorgrad extras (PyTorch has no such call to compare with).
import { readFileSync } from "node:fs";
import type { SampleOverrides, Value } from "../calls.js";

const bothForms = (name: string, params: SampleOverrides[string]): SampleOverrides => ({
  [`torch.${name}`]: params,
  [`Tensor.${name}`]: params,
});

/** A function returning a constant 0-dim tensor (which does not depend on the inputs). */
const CONSTANT_FN: { value: Value } = { value: { returns: { tensor: "f0" } } };
const F23 = { value: { tensor: "f23" } };
const F0 = { value: { tensor: "f0" } };

export const CORE_SAMPLES: SampleOverrides = {
  "torch.bmm": { input: { value: { tensor: "f223" } }, mat2: { value: { tensor: "f232" } } },
  "Tensor.bmm": { mat2: { value: { tensor: "f232" } } },
  "torch.dot": { input: { value: { tensor: "f3" } } },
  "torch.outer": { input: { value: { tensor: "f3" } } },
  "torch.ger": { input: { value: { tensor: "f3" } } },
  ...bothForms("matmul", { other: { value: { tensor: "f32" } } }),
  "torch.addmm": { input: { value: { tensor: "f2" } }, mat2: { value: { tensor: "f32" } } },
  "Tensor.addmm": { mat1: { value: { tensor: "f22" } }, mat2: { value: { tensor: "f23" } } },
  "torch.randint": { low: { value: 1 }, high: { value: 5 } },
  "torch.randperm": { n: { value: 5 } },
  "torch.linspace": { start: { value: -1 }, end: { value: 2.5 }, steps: { value: 4 } },
  "torch.arange": { start: { value: -1 }, end: { value: 2.5 }, step: { value: 0.5, alt: 0.75 } },
  "Tensor.register_hook": { hook: { value: { returns: null } } },
  "torch.autograd.backward": { tensors: F23 },
  "torch.autograd.grad": { outputs: F23, inputs: F23 },
  "torch.autograd.gradcheck": { func: CONSTANT_FN, inputs: F23 },
  "torch.autograd.gradgradcheck": { func: CONSTANT_FN, inputs: F23 },
  "torch.autograd.functional.jacobian": { func: CONSTANT_FN, inputs: F23 },
  "torch.autograd.functional.hessian": { func: CONSTANT_FN, inputs: F23 },
  "torch.autograd.functional.vjp": { func: CONSTANT_FN, inputs: F23 },
  "torch.autograd.functional.jvp": { func: CONSTANT_FN, inputs: F0 },
  "torch.autograd.functional.hvp": { func: CONSTANT_FN, inputs: F0 },
  "torch.autograd.functional.vhp": { func: CONSTANT_FN, inputs: F0 },
};

const CONTEXT_MANAGER =
  "a JS adaptation of a Python context manager (`with torch.no_grad(): body` is `torch.no_grad(() => body)`): PyTorch's class takes no callback";
const EXTRA = "a tensorgrad extra that PyTorch does not have (its call raises AttributeError there)";

/** Entry points whose every walk case is a JS adaptation or an extra, with the reason. */
const NOT_PYTORCH: Record<string, string> = {
  ...Object.fromEntries(
    ["no_grad", "enable_grad", "set_grad_enabled", "inference_mode"].flatMap((n) => [
      [`torch.${n}`, CONTEXT_MANAGER],
      [`torch.autograd.${n}`, CONTEXT_MANAGER],
    ]),
  ),
  "torch.autograd.set_detect_anomaly": CONTEXT_MANAGER,
  "torch.autograd.detect_anomaly": CONTEXT_MANAGER,
  "torch.autograd.explain": EXTRA,
  "torch.viz.make_dot": EXTRA,
  "torch.viz.to_svg": EXTRA,
  "torch.saveToBytes": EXTRA,
  "torch.loadFromBytes": EXTRA,
  "torch.metadataFromBytes": EXTRA,
  "Tensor.register_post_accumulate_grad_hook": EXTRA,
  "torch.get_backend": EXTRA,
  "torch.set_backend": EXTRA,
  "torch.get_printoptions": EXTRA,
  "torch.save": "writes a safetensors file (tensorgrad's format), where PyTorch pickles",
  "torch.load": "reads a safetensors file (tensorgrad's format), where PyTorch unpickles",
};

/** Individual calls that cannot match, with the reason. */
const SINGLE: Record<string, string> = {
  "Tensor.register_hook/0/wrong-type:hook":
    "PyTorch stores any object as a hook (calling it fails only in backward); a TS hook must be typed as a function, which tensorgrad checks when it is registered",
  "torch.seed/0/base": "torch.seed() draws a non-deterministic seed",
  ...Object.fromEntries(
    ["missing", "extra-positional", "unknown-keyword", "kw:callable"].map((kind) => [
      `Tensor.apply_/0/${kind}`,
      "apply_ is a METH_O C method, whose argument errors are CPython's ('Tensor.apply_() takes exactly one argument (0 given)', 'takes no keyword arguments'); tensorgrad's signature table has no METH_O kind, so the argument parser's texts show (and a keyword is accepted)",
    ]),
  ),
  "torch.normal/1/kw:out":
    "PyTorch's normal(Tensor mean, float std, out=) broadcasts mean against out's current shape (normal_out_impl sizes its std from empty_like(out)); tensorgrad's out= receives the result of mean's shape, as every other op's",
  "torch.set_printoptions/0/wrong-type:profile":
    "PyTorch ignores a print profile it doesn't know; tensorgrad refuses it rather than ignore an argument",
};

/** Entry points whose successful calls return uninitialized memory in PyTorch (tensorgrad's are zeros). */
const UNINITIALIZED = new Set([
  "torch.empty",
  "torch.empty_like",
  "Tensor.new_empty",
  "Tensor.new_empty_strided",
]);

/** The recorded outcomes (test/fixtures/calls.json), for the entry points listed whole above. */
function recorded(): [string, { ok?: unknown }][] {
  const text = readFileSync(new URL("../../fixtures/calls.json", import.meta.url), "utf8");
  return Object.entries((JSON.parse(text) as { outcomes: Record<string, { ok?: unknown }> }).outcomes);
}

export const CORE_EXCEPTIONS: Record<string, string> = {
  ...Object.fromEntries(
    recorded().flatMap(([id, outcome]) => {
      const target = id.slice(0, id.indexOf("/"));
      const reason = NOT_PYTORCH[target];
      if (reason !== undefined) return [[id, reason]];
      if (UNINITIALIZED.has(target) && "ok" in outcome)
        return [
          [id, "PyTorch returns uninitialized memory (whatever the allocator held); tensorgrad's is zeros"],
        ];
      if (target === "Tensor.data_ptr" && "ok" in outcome)
        return [[id, "PyTorch's is a memory address; tensorgrad has none and numbers each storage instead"]];
      if (target === "torch.get_rng_state" && "ok" in outcome)
        return [[id, "tensorgrad has no uint8 dtype: the state's 5056 bytes come in an int64 tensor"]];
      if (target === "Tensor.numpy" && "ok" in outcome)
        return [
          [
            id,
            "numpy() returns tensorgrad's NDArray (docs/numpy_and_devices.md), which prints as itself, not as NumPy's array repr",
          ],
        ];
      if (target === "torch.get_num_threads" && "ok" in outcome)
        return [
          [
            id,
            "the count is the machine's: PyTorch reports its OpenMP default (1 for Debian's build on the recording machine), tensorgrad the available cores or OMP_NUM_THREADS",
          ],
        ];
      if (target === "Tensor.pin_memory")
        return [
          [
            id,
            "PyTorch's dispatcher error goes on to list where its build registered each kernel (file and line); tensorgrad gives its first paragraph",
          ],
        ];
      return [];
    }),
  ),
  ...SINGLE,
};
