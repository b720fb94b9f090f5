// DOT → SVG with Graphviz compiled to WebAssembly (@viz-js/viz): works in Node and in browsers.
import { instance } from "@viz-js/viz";
import { definePython } from "../signatures/registry.js";

/**
 * Renders DOT text (e.g. from make_dot) to an SVG document string.
 *
 * Each call renders in a fresh Graphviz instance (about 30 ms): one instance reused after rendering some
 * labels (make_dot's "\n (3)") fails every other call with "table index is out of bounds" (@viz-js/viz 3.31),
 * and concurrent calls then fail too. Fresh instances share no state, so calls may overlap freely.
 */
export async function to_svg(dot: string): Promise<string> {
  const viz = await instance();
  return viz.renderString(dot, { format: "svg", engine: "dot" });
}

definePython("torch.viz", {
  "to_svg(dot: str) -> Promise<string>": to_svg,
});
