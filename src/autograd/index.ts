// torch.autograd
export { backward, grad, type BackwardOptions, type GradOptions } from "./engine.js";
export { Node } from "./node.js";
export { gradcheck, type GradcheckOptions } from "./gradcheck.js";
