// torch.viz: pictures of the autograd graph (torchviz's make_dot, rendered with Graphviz in WebAssembly).
export * from "../generated/viz.js";
