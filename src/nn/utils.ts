// torch.nn.utils
export { clip_grad_norm_, clip_grad_value_ } from "../optim/clip_grad.js";
