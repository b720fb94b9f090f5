// normalize, cosine_similarity, pairwise_distance, one_hot, channel_shuffle and their modules given bad
// input: integer operands, mismatched shapes, classes out of range, channels that do not divide.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const { nn } = torch;
const F = nn.functional;
const ones = (...shape: number[]) => torch.ones(shape);
const longs = (...values: number[]) => torch.tensor(values, { dtype: torch.int64 });

export const NN_DISTANCE_ERRORS: ErrorTable = {
  setup: `
ones = torch.ones
def longs(*values):
    return torch.tensor(values, dtype=torch.int64)
`,
  rows: [
    { py: "F.normalize(longs(1, 2))", ts: () => F.normalize(longs(1, 2)) },
    {
      py: "F.cosine_similarity(longs(1, 2), longs(1, 2), 0)",
      ts: () => F.cosine_similarity(longs(1, 2), longs(1, 2), 0),
    },
    {
      py: "F.cosine_similarity(ones(2, 3), ones(2, 4))",
      ts: () => F.cosine_similarity(ones(2, 3), ones(2, 4)),
    },
    {
      py: "F.pairwise_distance(ones(2, 3), ones(2, 4))",
      ts: () => F.pairwise_distance(ones(2, 3), ones(2, 4)),
    },
    { py: "F.one_hot(longs(0, 2, 1), 2)", ts: () => F.one_hot(longs(0, 2, 1), 2) },
    { py: "F.one_hot(longs(0, -2, 1))", ts: () => F.one_hot(longs(0, -2, 1)) },
    { py: "F.one_hot(ones(2))", ts: () => F.one_hot(ones(2)) },
    { py: "F.one_hot(longs())", ts: () => F.one_hot(longs()) },
    { py: "F.one_hot(longs(0, 1), -2)", ts: () => F.one_hot(longs(0, 1), -2) },
    { py: "F.one_hot(longs(0, 1), 0)", ts: () => F.one_hot(longs(0, 1), 0) },
    { py: "F.one_hot(longs(0, 1), 1.5)", ts: () => F.one_hot(longs(0, 1), bad(1.5)) },
    { py: "F.channel_shuffle(ones(2, 4), 2)", ts: () => F.channel_shuffle(ones(2, 4), 2) },
    { py: "F.channel_shuffle(ones(2, 3, 2), 2)", ts: () => F.channel_shuffle(ones(2, 3, 2), 2) },
    { py: "F.channel_shuffle(ones(2, 4, 2), 0)", ts: () => F.channel_shuffle(ones(2, 4, 2), 0) },
    { py: "F.channel_shuffle(ones(2, 4, 2), -1)", ts: () => F.channel_shuffle(ones(2, 4, 2), -1) },
    { py: "nn.Unflatten(1, 6)", ts: () => new nn.Unflatten(1, bad(6)) },
    { py: "nn.Unflatten(1, [2, 3.0])", ts: () => new nn.Unflatten(1, bad([2, 3.5])) },
    { py: "nn.Unflatten(1.5, [2, 3])", ts: () => new nn.Unflatten(bad(1.5), [2, 3]) },
    { py: "nn.Unflatten(1, [])(ones(2, 6))", ts: () => new nn.Unflatten(1, []).forward(ones(2, 6)) },
    { py: "nn.Unflatten(1, [2, 2])(ones(2, 6))", ts: () => new nn.Unflatten(1, [2, 2]).forward(ones(2, 6)) },
  ],
};
