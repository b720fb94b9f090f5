// torch.utils.data misused: DataLoader's options and signature, samplers without a length, default_collate's
// batches, TensorDataset, Subset and random_split's arguments; torch.randperm's. Python lists stand for the
// TypeScript arrays tensorgrad takes as datasets.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const { DataLoader, Dataset, Subset, TensorDataset, default_collate, random_split } = torch.utils.data;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
/** DataLoader over [0, 1, 2] with the given keyword options. */
const loader = (opts: object) => new DataLoader(range(3), bad(opts));

export const DATA_ERRORS: ErrorTable = {
  setup: `
from torch.utils.data import DataLoader, Dataset, Subset, TensorDataset, default_collate, random_split
`,
  rows: [
    { py: "torch.randperm(-1)", ts: () => torch.randperm(-1) },
    { py: "torch.randperm(3.5)", ts: () => torch.randperm(3.5) },
    { py: "torch.randperm(3, dtype=torch.bool)", ts: () => torch.randperm(3, { dtype: torch.bool }) },
    { py: "torch.randperm(3, requires_grad=True)", ts: () => torch.randperm(3, { requires_grad: true }) },

    { py: "DataLoader(list(range(3)), batch_size=0)", ts: () => loader({ batch_size: 0 }) },
    { py: "DataLoader(list(range(3)), batch_size=-1)", ts: () => loader({ batch_size: -1 }) },
    { py: "DataLoader(list(range(3)), batch_size=1.5)", ts: () => loader({ batch_size: 1.5 }) },
    { py: "DataLoader(list(range(3)), batch_size='x')", ts: () => loader({ batch_size: "x" }) },
    {
      py: "DataLoader(list(range(3)), batch_size=None, drop_last=True)",
      ts: () => loader({ batch_size: null, drop_last: true }),
    },
    { py: "DataLoader(list(range(3)), drop_last='x')", ts: () => loader({ drop_last: "x" }) },
    { py: "DataLoader(list(range(3)), num_workers=-1)", ts: () => loader({ num_workers: -1 }) },
    { py: "DataLoader(list(range(3)), timeout=-1)", ts: () => loader({ timeout: -1 }) },
    { py: "DataLoader(list(range(3)), prefetch_factor=4)", ts: () => loader({ prefetch_factor: 4 }) },
    {
      py: "DataLoader(list(range(3)), persistent_workers=True)",
      ts: () => loader({ persistent_workers: true }),
    },
    {
      py: "DataLoader(list(range(3)), multiprocessing_context='fork')",
      ts: () => loader({ multiprocessing_context: "fork" }),
    },
    {
      py: "DataLoader(list(range(3)), sampler=[0], shuffle=True)",
      ts: () => loader({ sampler: [0], shuffle: true }),
    },
    {
      py: "DataLoader(list(range(3)), batch_sampler=[[0]], batch_size=2)",
      ts: () => loader({ batch_sampler: [[0]], batch_size: 2 }),
    },
    { py: "DataLoader([], shuffle=True)", ts: () => new DataLoader([], { shuffle: true }) },
    { py: "DataLoader(list(range(3)), batchsize=2)", ts: () => loader({ batchsize: 2 }) },
    {
      py: "DataLoader(list(range(3)), 1, False, None, None, 0, None, False, False, 0, None, None, None, 1)",
      ts: () =>
        new DataLoader(range(3), 1, false, null, null, 0, null, false, false, 0, null, null, null, bad(1)),
    },
    // What is only used while iterating fails there, as in PyTorch.
    { py: "list(DataLoader(42))", ts: () => [...new DataLoader(bad(42))] },
    {
      py: "list(DataLoader(list(range(3)), collate_fn='x'))",
      ts: () => [...loader({ collate_fn: "x" })],
    },

    {
      py: "default_collate([torch.zeros(2), torch.zeros(3)])",
      ts: () => default_collate([torch.zeros(2), torch.zeros(3)]),
    },
    { py: "default_collate([[1, 2], [1]])", ts: () => default_collate([[1, 2], [1]]) },
    { py: "default_collate([None])", ts: () => default_collate([null]) },
    { py: "default_collate([])", ts: () => default_collate([]) },
    { py: "default_collate(5)", ts: () => default_collate(bad(5)) },

    {
      py: "TensorDataset(torch.zeros(3), torch.zeros(4))",
      ts: () => new TensorDataset(torch.zeros(3), torch.zeros(4)),
    },
    { py: "TensorDataset(1)", ts: () => new TensorDataset(bad(1)) },
    {
      py: "TensorDataset(torch.zeros(2), x=1)",
      ts: () => new TensorDataset(torch.zeros(2), bad({ x: 1 })),
    },
    {
      py: "Subset(['a', 'b', 'c', 'd'], [3, 1])[2]",
      ts: () => new Subset(["a", "b", "c", "d"], [3, 1]).get(2),
    },
    { py: "Subset([1, 2])", ts: () => new Subset(...([[1, 2]] as unknown as [number[], number[]])) },
    { py: "Dataset(1)", ts: () => new (Dataset as unknown as new (x: number) => object)(1) },
    { py: "random_split(list(range(3)), 'x')", ts: () => random_split(range(3), bad("x")) },
    { py: "random_split(list(range(10)), [3, 3])", ts: () => random_split(range(10), [3, 3]) },
    {
      py: "random_split(list(range(10)), [1.2, -0.2])",
      ts: () => random_split(range(10), [1.2, -0.2]),
    },
    { py: "TensorDataset(torch.tensor(1))", ts: () => new TensorDataset(torch.tensor(1)) },
    {
      py: "len(DataLoader([1, 2], sampler=iter([1])))",
      ts: () => new DataLoader([1, 2], { sampler: [1][Symbol.iterator]() }).length,
    },
  ],
};
