// DOT → SVG with Graphviz compiled to WebAssembly (@viz-js/viz): works in Node and in browsers.
import { instance, type Viz } from "@viz-js/viz";
import { definePython } from "../signatures/registry.js";

let vizInstance: Promise<Viz> | null = null;

/** Renders DOT text (e.g. from make_dot) to an SVG document string. */
export async function to_svg(dot: string): Promise<string> {
  vizInstance ??= instance();
  const viz = await vizInstance;
  return viz.renderString(dot, { format: "svg", engine: "dot" });
}

definePython("torch.viz", {
  "to_svg(dot: str) -> Promise<string>": to_svg,
});
