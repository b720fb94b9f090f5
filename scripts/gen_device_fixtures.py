"""Devices, torch.cuda, the default dtype, threads, nn.DataParallel and NumPy interop as PyTorch 1.13's CPU-only
build has them: test/fixtures/devices.json, for test/tensor/device.test.ts.

Usage: npm run fixtures -- devices
"""
import json
import numpy as np
import torch
from torch import nn

out = {}

SPECS = [["cpu"], ["cpu", 0], ["cuda"], ["cuda:1"], ["cuda", 2], ["cpu:0"]]
devices = [torch.device(*s) for s in SPECS]
out["devices"] = [{"spec": s, "repr": repr(d), "str": str(d), "type": d.type, "index": d.index}
                  for s, d in zip(SPECS, devices)]
out["device_equal"] = [[a == b for b in devices] for a in devices]

t = torch.tensor([1.5, 2.5])
other = torch.tensor([1], dtype=torch.int64)
out["tensor"] = {
    "device": repr(t.device), "is_cuda": t.is_cuda, "is_cpu": t.is_cpu, "is_pinned": t.is_pinned(),
    "is_pinned_cuda": t.is_pinned("cuda"),
    "cpu_is_self": t.cpu() is t, "to_cpu_is_self": t.to("cpu") is t,
    "to_device_is_self": t.to(torch.device("cpu")) is t, "to_copy_is_self": t.to("cpu", copy=True) is t,
    "to_other": [str(t.to(other).dtype), t.to(other).tolist()],
    "to_cpu_float64": str(t.to("cpu", torch.float64).dtype), "to_float64": str(t.to(torch.float64).dtype),
    "to_index_cpu": str(t.to(torch.device("cpu", 0)).device),
}
pin = {}
for name, call in [("none", lambda: t.pin_memory()), ("cpu", lambda: t.pin_memory("cpu"))]:
    try:
        call()
    except NotImplementedError as e:
        pin[name] = str(e)
out["pin_memory"] = pin
out["cuda"] = {"is_available": torch.cuda.is_available(), "device_count": torch.cuda.device_count(),
               "is_initialized": torch.cuda.is_initialized()}

# numpy(): shape, byte strides, dtype and values of views; writes through the array reach the tensor.
def arr_info(a):
    return {"shape": list(a.shape), "strides": list(a.strides), "dtype": str(a.dtype), "values": a.tolist()}
base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
views = {
    "contiguous": base, "transposed": base.t(), "sliced": base[1:, 1:3], "stepped": base[:, ::2],
    "row": base[2], "scalar": base[1, 1],
    "int64": torch.arange(6).reshape(2, 3), "int32": torch.arange(3, dtype=torch.int32),
    "bool": torch.tensor([True, False, True]), "float64": torch.tensor([[0.5, 1.5]], dtype=torch.float64),
    "detached": torch.tensor([1.0, 2.0], requires_grad=True).detach(),
}
out["numpy"] = {k: arr_info(v.numpy()) for k, v in views.items()}
out["numpy_force"] = arr_info(torch.tensor([1.0, 2.0], requires_grad=True).numpy(force=True))
b = torch.arange(12, dtype=torch.float32).reshape(3, 4)
a = b[1:, 1:3].numpy()
a[0, 0] = 100.0
a[1, 1] = -1.0
b.mul_(2)
out["numpy_shares"] = {"tensor_after": b.tolist(), "array_after": a.tolist()}

# from_numpy(): strides in elements, dtype, shared memory both ways.
def tensor_info(x):
    return {"shape": list(x.shape), "stride": list(x.stride()), "dtype": str(x.dtype), "values": x.tolist()}
arrays = {
    "float32": np.arange(6, dtype=np.float32).reshape(2, 3), "transposed": np.arange(6.0).reshape(2, 3).T,
    "int64": np.arange(4, dtype=np.int64), "int32": np.arange(4, dtype=np.int32).reshape(2, 2),
    "bool": np.array([True, False]), "scalar": np.array(2.5),
}
out["from_numpy"] = {k: tensor_info(torch.from_numpy(v)) for k, v in arrays.items()}
arr = np.arange(6, dtype=np.float32).reshape(2, 3)
x = torch.from_numpy(arr)
x[0, 0] = 7.0
arr[1, 2] = -1.0
out["from_numpy_shares"] = {"array_after": arr.tolist(), "tensor_after": x.tolist()}

# The default float dtype: what it changes.
def default_dtype_effects():
    torch.manual_seed(0)
    return {
        "get_default_dtype": str(torch.get_default_dtype()),
        "dtypes": [str(d) for d in [
            torch.tensor(1.0).dtype, torch.tensor([1, 2.5]).dtype, torch.zeros(2).dtype, torch.ones(2).dtype,
            torch.empty(1).dtype, torch.full((2,), 1.5).dtype, torch.arange(0, 1, 0.5).dtype,
            torch.linspace(0, 1, 3).dtype, torch.eye(2).dtype, torch.rand(2).dtype, torch.randn(2).dtype,
            (torch.tensor([1, 2]) * 1.5).dtype, (torch.tensor([1, 2]) / 2).dtype, torch.tensor([1, 2]).float().dtype,
            nn.Linear(1, 1).weight.dtype, torch.tensor([1, 2]).dtype,
        ]],
        "rand": torch.rand(3).tolist(),
        "linear_weight": nn.Linear(2, 2).weight.tolist(),
    }
out["default_dtype"] = {"float32": default_dtype_effects()}
torch.set_default_dtype(torch.float64)
out["default_dtype"]["float64"] = default_dtype_effects()
torch.set_default_dtype(torch.float32)
out["default_dtype"]["restored"] = str(torch.tensor(1.0).dtype)

torch.set_num_threads(3)
out["num_threads_after_set"] = torch.get_num_threads()

# nn.Module.cpu / to, and nn.DataParallel without GPUs.
torch.manual_seed(1)
lin = nn.Linear(2, 3)
out["module"] = {
    "cpu_is_self": lin.cpu() is lin, "to_cpu_is_self": lin.to("cpu") is lin,
    "to_float64": str(lin.to(torch.float64).weight.dtype),
    "to_device_float32": str(lin.to(torch.device("cpu"), torch.float32).weight.dtype),
    "to_tensor": str(lin.to(torch.zeros(1, dtype=torch.float64)).bias.dtype),
}
lin.float()
torch.manual_seed(2)
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
dp = nn.DataParallel(model, device_ids=[0, 1])
x = torch.randn(4, 2)
out["data_parallel"] = {
    "repr": repr(dp), "state_dict_keys": list(dp.state_dict().keys()),
    "named_parameters": [n for n, _ in dp.named_parameters()], "device_ids": dp.device_ids,
    "module_is_model": dp.module is model, "forward_equal": torch.equal(dp(x), model(x)),
}
# nn.parallel.data_parallel without GPUs: each call's error, keyed by its keyword arguments as JSON.
from torch.nn.parallel import data_parallel
def data_parallel_error(kw):
    try:
        data_parallel(model, x, **kw)
        return None
    except Exception as e:
        return [type(e).__name__, str(e)]
out["data_parallel_fn"] = {json.dumps(kw): data_parallel_error(kw) for kw in [
    {}, {"device_ids": []}, {"device_ids": [], "output_device": "cpu"}, {"device_ids": [0]},
    {"output_device": 0}, {"device_ids": [0], "output_device": "cpu"}, {"device_ids": ["cpu"]},
    {"device_ids": ["cuda:1"]}, {"device_ids": ["xyz"]}, {"device_ids": 5}, {"device_ids": [], "output_device": 0},
    {"device_ids": [None]}, {"device_ids": [0], "output_device": 1.5}, {"device_ids": [0], "dim": 1},
]}

print(json.dumps(out, indent=1))
