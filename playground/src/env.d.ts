declare module "virtual:seed-examples" {
  const examples: { name: string; code: string }[];
  export default examples;
}
