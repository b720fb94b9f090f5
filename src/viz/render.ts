// DOT → SVG with Graphviz compiled to WebAssembly (@viz-js/viz): works in Node and in browsers.
import { instance, type Viz } from "@viz-js/viz";

let vizInstance: Promise<Viz> | null = null;

/** Renders DOT text (e.g. from make_dot) to an SVG document string. */
export async function to_svg(dot: string): Promise<string> {
  if (typeof dot !== "string") throw new TypeError(`to_svg(): expected DOT text, but got ${typeof dot}`);
  vizInstance ??= instance();
  const viz = await vizInstance;
  return viz.renderString(dot, { format: "svg", engine: "dot" });
}
