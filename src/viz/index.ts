// torch.viz: pictures of the autograd graph (torchviz's make_dot, rendered with Graphviz in WebAssembly).
export { make_dot, sizeToStr, type MakeDotOptions } from "./make_dot.js";
export { to_svg } from "./render.js";
