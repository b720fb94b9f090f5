// Every op as a `torch.*` function: the flat namespace that index.ts re-exports. Files that also export
// helpers for other modules are listed by name, so only PyTorch's names become public.
import "./creation.js";
import "./elementwise.js";
import "./reduce.js";
import "./reduce_stats.js";
import "./softmax.js";
import "./backward_ops.js";
import "./shape.js";
import "./join.js";
import "./indexing.js";
import "./index_put.js";
import "./subscript.js";
import "./masked.js";
import "./scatter_reduce.js";
import "./linalg.js";
import "./einsum.js";
import "./conversion.js";
import "./inplace.js";
import "./random.js";
import "./multinomial.js";
