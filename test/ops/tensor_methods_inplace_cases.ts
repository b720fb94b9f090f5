// Cases for src/ops/tensor_methods_inplace.ts's methods that give sizes, strides and pointers rather than
// differentiable values (resize_as_, new_empty_strided, data_ptr, ndimension): part of test/ops/random_cases.ts's
// table, which runs Python statements and compares `out`.
import * as torch from "../../src/index.js";
import type { RandomCase } from "./random_case.js";

const ints = (v: readonly number[]) => torch.tensor(v.map(BigInt));
const channelsLast = () => torch.ones(4, 2, 2, 2).permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
const CHANNELS_LAST_PY = "torch.ones(4, 2, 2, 2).permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)";

export const TENSOR_METHODS_INPLACE_CASES: RandomCase[] = [
  {
    name: "resize_as_ shrink",
    py: "out = torch.arange(6.0).resize_as_(torch.ones(2, 2))",
    ts: () => torch.arange(6, { dtype: torch.float32 }).resize_as_(torch.ones(2, 2)),
    version: true,
  },
  {
    name: "resize_as_ strides",
    py: `x = torch.ones(2, 3); out = torch.tensor([*x.resize_as_(torch.ones(3, 2).t()).stride(), *x.resize_as_(${CHANNELS_LAST_PY}).stride(), *x.resize_as_(${CHANNELS_LAST_PY}, memory_format=torch.preserve_format).stride()])`,
    ts: () => {
      const x = torch.ones(2, 3);
      return ints([
        ...x.resize_as_(torch.ones(3, 2).t()).stride(),
        ...x.resize_as_(channelsLast()).stride(),
        ...x.resize_as_(channelsLast(), { memory_format: torch.preserve_format }).stride(),
      ]);
    },
  },
  {
    name: "new_empty_strided geometry",
    py: "e = torch.ones(1).new_empty_strided((2, 3), (1, 2), dtype=torch.float64); out = torch.tensor([*e.shape, *e.stride(), e.element_size(), e.ndimension(), int(e.requires_grad)])",
    ts: () => {
      const e = torch.ones(1).new_empty_strided([2, 3], [1, 2], { dtype: torch.float64 });
      return ints([...e.shape, ...e.stride(), e.element_size(), e.ndimension(), Number(e.requires_grad)]);
    },
  },
  {
    name: "data_ptr offsets",
    py: "x = torch.ones(3, 4, dtype=torch.float64); out = torch.tensor([x[1:].data_ptr() - x.data_ptr(), x.t().data_ptr() - x.data_ptr(), x[:, 2:].data_ptr() - x[1].data_ptr(), torch.empty(0).data_ptr(), int(x.data_ptr() != torch.ones(1).data_ptr())])",
    ts: () => {
      const x = torch.ones(3, 4, { dtype: torch.float64 });
      return ints([
        x.narrow(0, 1, 2).data_ptr() - x.data_ptr(),
        x.t().data_ptr() - x.data_ptr(),
        x.narrow(1, 2, 2).data_ptr() - x.select(0, 1).data_ptr(),
        torch.empty(0).data_ptr(),
        Number(x.data_ptr() !== torch.ones(1).data_ptr()),
      ]);
    },
  },
];
