// Devices, torch.cuda, default dtype, threads and NumPy interop as a CPU-only PyTorch 1.13 build refuses
// them (docs/numpy_and_devices.md). `np` arrays in Python stand for tensorgrad's NDArrays.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const { NDArray } = torch;
const t = () => torch.tensor([1.0, 2.0]);

export const DEVICE_ERRORS: ErrorTable = {
  setup: `
import numpy as np
def t():
    return torch.tensor([1.0, 2.0])
`,
  rows: [
    { py: "t().cuda()", ts: () => t().cuda() },
    { py: "t().cuda(0)", ts: () => t().cuda(0) },
    { py: "t().to('cuda')", ts: () => t().to("cuda") },
    { py: "t().to(torch.device('cuda', 1))", ts: () => t().to(torch.device("cuda", 1)) },
    { py: "t().to('cuda', torch.float64)", ts: () => t().to("cuda", torch.float64) },
    { py: "torch.zeros(2, device='cuda')", ts: () => torch.zeros(2, { device: "cuda" }) },
    { py: "torch.tensor(1.0, device='cuda:0')", ts: () => torch.tensor(1.0, { device: "cuda:0" }) },
    { py: "torch.zeros(2, pin_memory=True)", ts: () => torch.zeros(2, { pin_memory: true }) },
    { py: "torch.device('gpu')", ts: () => torch.device("gpu") },
    { py: "torch.device('cpu', -1)", ts: () => torch.device("cpu", -1) },
    { py: "torch.device('cuda:0', 1)", ts: () => torch.device("cuda:0", 1) },
    { py: "torch.cuda.current_device()", ts: () => torch.cuda.current_device() },
    { py: "torch.cuda.synchronize()", ts: () => torch.cuda.synchronize() },
    { py: "torch.cuda.get_device_name()", ts: () => torch.cuda.get_device_name() },
    { py: "nn.Linear(2, 2).cuda()", ts: () => new torch.nn.Linear(2, 2).cuda() },
    { py: "nn.Linear(2, 2).to('cuda')", ts: () => new torch.nn.Linear(2, 2).to("cuda") },
    { py: "nn.Linear(2, 2).to(torch.int64)", ts: () => new torch.nn.Linear(2, 2).to(torch.int64) },

    { py: "torch.set_default_dtype(torch.int64)", ts: () => torch.set_default_dtype(torch.int64) },
    { py: "torch.set_default_dtype(torch.bool)", ts: () => torch.set_default_dtype(torch.bool) },
    { py: "torch.set_default_dtype(None)", ts: () => torch.set_default_dtype(null) },
    { py: "torch.set_default_dtype('float64')", ts: () => torch.set_default_dtype(bad("float64")) },
    { py: "torch.set_default_dtype()", ts: () => (torch.set_default_dtype as () => void)() },
    { py: "torch.get_default_dtype(1)", ts: () => (torch.get_default_dtype as (x: number) => void)(1) },
    { py: "torch.set_num_threads(0)", ts: () => torch.set_num_threads(0) },
    { py: "torch.set_num_threads(-2)", ts: () => torch.set_num_threads(-2) },
    { py: "torch.set_num_threads(1.5)", ts: () => torch.set_num_threads(1.5) },
    { py: "torch.set_num_threads('x')", ts: () => torch.set_num_threads("x") },
    { py: "torch.set_num_threads(True)", ts: () => torch.set_num_threads(true) },
    { py: "torch.set_num_threads()", ts: () => torch.set_num_threads() },
    { py: "torch.set_num_threads(n=2)", ts: () => torch.set_num_threads({ n: 2 }) },
    { py: "torch.get_num_threads(1)", ts: () => (torch.get_num_threads as (x: number) => void)(1) },

    {
      py: "torch.tensor([1.0], requires_grad=True).numpy()",
      ts: () => torch.tensor([1.0], { requires_grad: true }).numpy(),
    },
    {
      py: "(torch.tensor([1.0], requires_grad=True) * 2).numpy()",
      ts: () => torch.tensor([1.0], { requires_grad: true }).mul(2).numpy(),
    },
    { py: "t().numpy(True)", ts: () => t().numpy(bad(true)) },
    { py: "torch.from_numpy([1.0, 2.0])", ts: () => torch.from_numpy([1.0, 2.0]) },
    { py: "torch.from_numpy(None)", ts: () => torch.from_numpy(null) },
    { py: "torch.from_numpy(t())", ts: () => torch.from_numpy(t()) },
    {
      py: "torch.from_numpy(np.zeros(2, dtype=np.uint16))",
      ts: () => torch.from_numpy(new NDArray(new Uint16Array(2))),
    },
    {
      py: "torch.from_numpy(np.zeros(2, dtype=np.uint32))",
      ts: () => torch.from_numpy(new NDArray(new Uint32Array(2))),
    },
    {
      py: "torch.from_numpy(np.arange(4.0)[::-1])",
      ts: () => torch.from_numpy(new NDArray(new Float64Array(4), [4], [-8])),
    },
    {
      py: "torch.from_numpy(np.lib.stride_tricks.as_strided(np.zeros(8, dtype=np.float32), shape=(2,), strides=(6,)))",
      ts: () => torch.from_numpy(new NDArray(new Float32Array(8), [2], [6])),
    },
    { py: "torch.from_numpy()", ts: () => torch.from_numpy() },
    {
      py: "torch.from_numpy(np.zeros(1), np.zeros(1))",
      ts: () => torch.from_numpy(new NDArray(new Float64Array(1)), new NDArray(new Float64Array(1))),
    },
    {
      py: "torch.from_numpy(a=np.zeros(1))",
      ts: () => torch.from_numpy({ a: new NDArray(new Float64Array(1)) }),
    },
  ],
};
