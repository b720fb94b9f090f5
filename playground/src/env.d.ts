declare module "virtual:seed-examples" {
  /** The seed tutorials: as Python (the notebooks' cells) and as JavaScript (the TypeScript ports). */
  const examples: { name: string; code: string; mode: "python" | "javascript" | "typescript" }[];
  export default examples;
}
