// Walk samples for the shape, join and indexing ops: shapes and indices that fit the sample tensors (f23 is
// 2x3), so the base calls succeed and keywords change results.
import type { SampleOverrides } from "../calls.js";

const bothForms = (name: string, params: SampleOverrides[string]): SampleOverrides => ({
  [`torch.${name}`]: params,
  [`Tensor.${name}`]: params,
});

/** index_add: a 1-d index along dim 0 (2 rows) with one source row per index. */
const INDEX_ADD = { dim: { value: 0 }, index: { value: { tensor: "idx2" } } };
/** select_scatter: src is f23.select(1, 1)'s shape. */
const SELECT_SCATTER = { src: { value: { tensor: "f2" } } };

export const SHAPE_SAMPLES: SampleOverrides = {
  ...bothForms("permute", { dims: { value: [1, 0] } }),
  ...bothForms("unflatten", { sizes: { value: [3, 1] }, dim: { value: 1 } }),
  ...bothForms("split", {
    tensor: { value: { tensor: "f23" } },
    split_size_or_sections: { value: 1 },
    split_size: { value: 1 },
    dim: { value: 1, alt: 1 },
  }),
  "torch.constant_pad_nd": { pad: { value: [1, 2] } },
  "Tensor.expand": { size: { value: [2, 2, 3] } },
  "Tensor.repeat": { repeats: { value: [1, 2] } },
  ...bothForms("index_select", { index: { value: { tensor: "idx2" } } }),
  ...bothForms("index_add", INDEX_ADD),
  "Tensor.index_add_": INDEX_ADD,
  ...bothForms("scatter", { reduce: { value: "multiply" } }),
  "Tensor.scatter_": { reduce: { value: "multiply" } },
  ...bothForms("select_scatter", SELECT_SCATTER),
};

/**
 * PyTorch 1.13 binds an omitted `SymInt step=1` of slice_scatter as uninitialized memory (its bug: the
 * outcome differs run to run, e.g. "IntArrayRef contains an int that cannot be represented as a SymInt").
 */
const STEP_UNINITIALIZED =
  "PyTorch 1.13 reads an omitted slice_scatter step as uninitialized memory (a PyTorch bug): its outcome is arbitrary";
const sliceScatterCases = (target: string, self: boolean): string[] => [
  `${target}/0/base`,
  `${target}/0/kw:dim`,
  `${target}/0/kw:start`,
  `${target}/0/kw:end`,
  `${target}/0/alias:axis`,
  ...(self ? [] : [`${target}/0/kw:input`]),
  `${target}/0/kw:src`,
  `${target}/0/dtype:i23`,
  `${target}/0/dtype:b23`,
  `${target}/0/dtype:d23`,
];

/** Viewing float64 or int64 data as float32: a reinterpretation of bytes (PyTorch returns a [2, 6] view). */
const VIEW_AS_OTHER_DTYPE =
  "a tensorgrad storage is one JS typed array of its dtype (int64 held as float64 numbers), so a view cannot read its bytes as another dtype";

/** Calls whose PyTorch outcome tensorgrad cannot reproduce, by case id, with the reason. */
export const SHAPE_EXCEPTIONS: Record<string, string> = {
  "torch.split/0/wrong-type:tensor":
    "PyTorch calls the argument's own split method, and a Python str has one (str.split); JS strings are not Python strs",
  "Tensor.view/0/dtype:i23": VIEW_AS_OTHER_DTYPE,
  "Tensor.view/0/dtype:d23": VIEW_AS_OTHER_DTYPE,
  ...Object.fromEntries(
    [
      ...sliceScatterCases("torch.slice_scatter", false),
      ...sliceScatterCases("Tensor.slice_scatter", true),
    ].map((id) => [id, STEP_UNINITIALIZED]),
  ),
};
