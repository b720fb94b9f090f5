// torch.utils.data misused: DataLoader's options and signature, samplers without a length, default_collate's
// batches, TensorDataset, Subset and random_split's arguments; torch.randperm's. Python lists stand for the
// TypeScript arrays tensorgrad takes as datasets.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const {
  DataLoader,
  Dataset,
  Subset,
  TensorDataset,
  default_collate,
  random_split,
  IterableDataset,
  ConcatDataset,
  ChainDataset,
} = torch.utils.data;

/** The stream 0, 1, 2 without a length (Python: `Stream()` in the setup). */
class Stream extends IterableDataset<number> {
  *[Symbol.iterator]() {
    yield* [0, 1, 2];
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
/** DataLoader over [0, 1, 2] with the given keyword options. */
const loader = (opts: object) => new DataLoader(range(3), bad(opts));

export const DATA_ERRORS: ErrorTable = {
  setup: `
from torch.utils.data import DataLoader, Dataset, Subset, TensorDataset, default_collate, random_split
from torch.utils.data import IterableDataset, ConcatDataset, ChainDataset
class Stream(IterableDataset):
    def __iter__(self):
        return iter([0, 1, 2])
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

    // IterableDatasets, ConcatDataset and ChainDataset; the options that need worker processes.
    { py: "DataLoader(Stream(), shuffle=True)", ts: () => new DataLoader(new Stream(), { shuffle: true }) },
    {
      py: "DataLoader(Stream(), sampler=[0, 1])",
      ts: () => new DataLoader(new Stream(), { sampler: [0, 1] }),
    },
    {
      py: "DataLoader(Stream(), batch_sampler=[[0], [1]])",
      ts: () => new DataLoader(new Stream(), { batch_sampler: [[0], [1]] }),
    },
    { py: "len(DataLoader(Stream()))", ts: () => new DataLoader(new Stream()).length },
    { py: "len(Stream())", ts: () => new Stream().length },
    { py: "Stream()[0]", ts: () => new Stream().get(0) },
    { py: "ConcatDataset([])", ts: () => new ConcatDataset([]) },
    { py: "ConcatDataset([[1, 2], Stream()])", ts: () => new ConcatDataset([[1, 2], new Stream()] as never) },
    { py: "ConcatDataset([[1, 2], [3]])[-4]", ts: () => new ConcatDataset([[1, 2], [3]]).get(-4) },
    { py: "ConcatDataset([[1, 2], [3]])[3]", ts: () => new ConcatDataset([[1, 2], [3]]).get(3) },
    { py: "ConcatDataset([[1, 2], 5])", ts: () => new ConcatDataset([[1, 2], bad(5)]) },
    { py: "ConcatDataset(5)", ts: () => new ConcatDataset(bad(5)) },
    {
      py: "list(ChainDataset([Stream(), [1, 2]]))",
      ts: () => [...new ChainDataset([new Stream(), bad([1, 2])])],
    },
    { py: "len(ChainDataset([Stream()]))", ts: () => new ChainDataset([new Stream()]).length },
    {
      py: "DataLoader(list(range(3)), num_workers=2, multiprocessing_context='thread')",
      ts: () => loader({ num_workers: 2, multiprocessing_context: "thread" }),
    },
    {
      py: "DataLoader(list(range(3)), num_workers=2, multiprocessing_context=3)",
      ts: () => loader({ num_workers: 2, multiprocessing_context: 3 }),
    },
    {
      py: "DataLoader(list(range(3)), num_workers=2, prefetch_factor=0)",
      ts: () => loader({ num_workers: 2, prefetch_factor: 0 }),
    },
    { py: "list(DataLoader(list(range(3)), timeout=1))", ts: () => [...loader({ timeout: 1 })] },
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
