import type { SampleOverrides } from "../calls.js";

export const ELEMENTWISE_SAMPLES: SampleOverrides = {
  "torch.pow": { self: { value: 2 } },
};
