// Sample overrides for the signature walk, one table per area of the library (see calls.ts), and the calls
// whose PyTorch outcome tensorgrad cannot reproduce, each with the reason (what JS cannot express).
import { ELEMENTWISE_EXCEPTIONS } from "./elementwise.js";

export { ELEMENTWISE_SAMPLES } from "./elementwise.js";

export const EXCEPTIONS: Record<string, string> = { ...ELEMENTWISE_EXCEPTIONS };
