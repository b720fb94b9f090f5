// Devices as a CPU-only PyTorch build has them: Tensor.cpu() returns the tensor itself, everything that
// would reach CUDA (Tensor.cuda(), pin_memory(), torch.cuda.current_device(), ...) fails with that build's
// error, and torch.cuda answers the questions code asks before choosing a device (is_available() is false).
import { AssertionError, NotImplementedError } from "../errors.js";
import { defineMethods, definePython } from "../signatures/registry.js";
import type { Device, MemoryFormat } from "../tensor/device.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkMemoryFormat } from "./conversion.js";

const NO_CUDA = "Torch not compiled with CUDA enabled";

/** PyTorch's dispatcher error for pinning (its first paragraph: the registration list after it names the build's files). */
const pinMemoryNotImplemented = (backend: string): string =>
  `Could not run 'aten::_pin_memory' with arguments from the '${backend}' backend. This could be because the operator ` +
  "doesn't exist for this backend, or was omitted during the selective/custom build process (if using custom " +
  "build). If you are a Facebook employee using PyTorch on mobile, please visit https://fburl.com/ptmfixes for " +
  "possible resolutions. 'aten::_pin_memory' is only available for these backends: [BackendSelect, Python, " +
  "FuncTorchDynamicLayerBackMode, Functionalize, Named, Conjugate, Negative, ZeroTensor, ADInplaceOrView, " +
  "AutogradOther, AutogradCPU, AutogradCUDA, AutogradHIP, AutogradXLA, AutogradMPS, AutogradIPU, AutogradXPU, " +
  "AutogradHPU, AutogradVE, AutogradLazy, AutogradMeta, AutogradPrivateUse1, AutogradPrivateUse2, " +
  "AutogradPrivateUse3, AutogradNestedTensor, Tracer, AutocastCPU, AutocastCUDA, FuncTorchBatched, " +
  "FuncTorchVmapMode, Batched, VmapMode, FuncTorchGradWrapper, PythonTLSSnapshot, FuncTorchDynamicLayerFrontMode, " +
  "PythonDispatcher].";

function noCuda(): never {
  throw new AssertionError(NO_CUDA);
}

/** Tensor.cpu(): every tensor is on the CPU already, so the tensor itself (as PyTorch returns it). */
function cpu(input: Tensor, memoryFormat: MemoryFormat | null): Tensor {
  checkMemoryFormat(input, memoryFormat);
  return input;
}

/** Tensor.pin_memory(device=None): pinning is for a device (CUDA unless named); a CPU-only build has no kernel for it. */
function pinMemory(_input: Tensor, device: Device | null): Tensor {
  throw new NotImplementedError(pinMemoryNotImplemented((device?.type ?? "cuda").toUpperCase()));
}

// Bound by hand in PyTorch (python_variable_methods.cpp).
defineMethods({
  "cpu(*, MemoryFormat? memory_format=None) -> Tensor": cpu,
  "cuda(Device? device=None, bool non_blocking=False, *, MemoryFormat? memory_format=None) -> Tensor": noCuda,
  "cuda(Device? device=None, bool async=False, *, MemoryFormat? memory_format=None)|deprecated -> Tensor":
    noCuda,
});

// Methods only in native_functions.yaml.
defineMethods({
  "pin_memory(Device? device=None) -> Tensor": pinMemory,
  // Nothing is pinned, whichever device is asked about (PyTorch answers False for "cuda" too).
  "is_pinned(Device? device=None) -> bool": () => false,
});

// torch.cuda as a CPU-only build answers it: no devices; seeding is queued until CUDA starts (never).
definePython("torch.cuda", {
  "is_available() -> bool": () => false,
  "device_count() -> int": () => 0,
  "is_initialized() -> bool": () => false,
  "current_device() -> int": noCuda,
  "synchronize(device: Device | str | int | None = None) -> None": noCuda,
  "get_device_name(device: Device | str | int | None = None) -> str": noCuda,
  "manual_seed(seed: int) -> None": () => undefined,
  "manual_seed_all(seed: int) -> None": () => undefined,
  "empty_cache() -> None": () => undefined,
});
