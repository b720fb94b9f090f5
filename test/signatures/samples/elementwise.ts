import type { SampleOverrides } from "../calls.js";

export const ELEMENTWISE_SAMPLES: SampleOverrides = {
  "torch.pow": { self: { value: 2 } },
};

/** Calls whose PyTorch outcome tensorgrad cannot reproduce, by case id, with the reason. */
export const ELEMENTWISE_EXCEPTIONS: Record<string, string> = {};
