// Multi-statement pieces of differential programs: autograd (backward with retain_graph, a second backward,
// autograd.grad with create_graph and a second derivative, explicit gradients, retain_grad, an optimizer
// step) and modules (construct, call, read a parameter).
import * as torch from "../../src/index.js";
import type { Generator } from "./generate.js";
import type { Pick } from "./gen_recipes.js";
import type { Stmt, Val } from "./ir.js";
import { literal } from "./gen_values.js";

const v = (name: string): Val => ({ v: name });
const nameOf = (p: Pick): string => (p.val as { v: string }).v;

export function autogradSequence(g: Generator, budget: number): void {
  const r = g.r;
  const y = g.recent((t) => t.requires_grad && t.dtype.is_floating_point);
  if (y === null) return;
  const leaves = g.tensors().filter(({ t }) => t.is_leaf && t.requires_grad);
  const leaf = leaves.length > 0 ? r.pick(leaves).name : null;
  // a scalar to differentiate
  let s = nameOf(y);
  if (y.shape.length !== 0 || r.chance(0.15)) {
    s = g.newVar();
    g.emit({ o: s, m: r.pick(["sum", "sum", "mean"]), s: nameOf(y) });
  }
  const variant = r.weighted([
    [40, "backward"],
    [32, "grad"],
    [y.shape.length > 0 ? 8 : 0, "gradient"],
    [6, "autograd.backward"],
    [6, "retain"],
    [leaf !== null && budget > 3 ? 8 : 0, "optim"],
  ] as const);
  const readGrad = (name: string | null) => {
    if (name !== null && r.chance(0.7)) g.emit({ o: g.newVar(), attr: "grad", s: name });
  };
  switch (variant) {
    case "backward": {
      const k: Record<string, Val> = {};
      if (r.chance(0.4)) k.retain_graph = true;
      if (r.chance(0.1)) k.create_graph = true;
      if (leaf !== null && r.chance(0.1)) k.inputs = [v(leaf)];
      g.emit({ m: "backward", s, ...(Object.keys(k).length > 0 ? { k } : {}) });
      if (r.chance(0.35)) g.emit({ m: "backward", s });
      readGrad(leaf);
      break;
    }
    case "grad": {
      // with respect to leaves, or to a non-leaf in the graph (the graph behind it must survive)
      const nonLeaf = g.recent((t) => !t.is_leaf && t.requires_grad);
      const inputs = [leaf !== null && r.chance(0.7) ? leaf : nonLeaf !== null ? nameOf(nonLeaf) : nameOf(y)];
      if (leaves.length > 1 && r.chance(0.3)) inputs.push(r.pick(leaves).name);
      const k: Record<string, Val> = {};
      const create = r.chance(0.5);
      if (create) k.create_graph = true;
      if (r.chance(0.3)) k.retain_graph = true;
      if (r.chance(0.2)) k.allow_unused = true;
      const gv = g.newVar("g");
      g.emit({
        o: gv,
        f: "torch.autograd.grad",
        a: [v(s), inputs.map(v)],
        ...(Object.keys(k).length > 0 ? { k } : {}),
      });
      const g0 = g.newVar("g");
      g.emit({ o: g0, s: gv, i: 0 });
      if (create && r.chance(0.75)) {
        const g0s = g.newVar();
        g.emit({ o: g0s, m: "sum", s: g0 });
        if (r.chance(0.5)) {
          g.emit({
            o: g.newVar("h"),
            f: "torch.autograd.grad",
            a: [v(g0s), [v(inputs[0])]],
            k: { allow_unused: r.chance(0.5) },
          });
        } else {
          g.emit({ m: "backward", s: g0s });
          readGrad(inputs[0]);
        }
      } else if (r.chance(0.3)) {
        g.emit({ o: g.newVar("g"), f: "torch.autograd.grad", a: [v(s), [v(inputs[0])]] });
      }
      break;
    }
    case "gradient": {
      const grad = literal(r, y.dtype, y.shape, { wild: false });
      g.emit({
        m: "backward",
        s: nameOf(y),
        a: [{ T: grad }],
        ...(r.chance(0.3) ? { k: { retain_graph: true } } : {}),
      });
      readGrad(leaf);
      break;
    }
    case "autograd.backward": {
      g.emit({
        f: "torch.autograd.backward",
        a: [[v(s)]],
        ...(r.chance(0.4) ? { k: { retain_graph: true } } : {}),
      });
      readGrad(leaf);
      break;
    }
    case "retain": {
      g.emit({ m: "retain_grad", s: nameOf(y) });
      g.emit({ m: "backward", s });
      g.emit({ o: g.newVar(), attr: "grad", s: nameOf(y) });
      break;
    }
    case "optim": {
      const params = leaves
        .filter(({ t }) => t.dtype.is_floating_point)
        .slice(0, 2)
        .map(({ name }) => v(name));
      const opt = g.newVar("opt");
      const [cls, k] = r.pick<[string, Record<string, Val>]>([
        ["torch.optim.SGD", { lr: 0.1 }],
        ["torch.optim.SGD", { lr: 0.5, momentum: 0.9 }],
        ["torch.optim.Adam", { lr: 0.01 }],
        ["torch.optim.AdamW", { lr: 0.1 }],
        ["torch.optim.RMSprop", { lr: 0.01 }],
        ["torch.optim.Adagrad", { lr: 0.1 }],
      ]);
      g.emit({ o: opt, c: cls, a: [params], k });
      g.emit({ m: "backward", s });
      g.emit({ m: "step", s: opt });
      if (r.chance(0.5)) g.emit({ m: "zero_grad", s: opt });
      break;
    }
  }
}

/** Input of a float32 tensor of this shape (modules hold float32 parameters). */
function input(g: Generator, shape: number[]): Val {
  return g.tensor(
    (s, d) => d === "float32" && s.join() === shape.join(),
    () => literal(g.r, "float32", shape, { requiresGrad: g.r.chance(0.3) }),
  ).val;
}

type ModuleMaker = (g: Generator) => { cls: string; a?: Val[]; k?: Record<string, Val>; args: Val[] };

const MODULES: ModuleMaker[] = [
  (g) => {
    const [i, o] = [g.r.int(1, 4), g.r.int(1, 3)];
    return {
      cls: "Linear",
      a: [i, o],
      k: g.r.chance(0.3) ? { bias: false } : undefined,
      args: [input(g, [g.r.int(1, 3), i])],
    };
  },
  (g) => {
    const [cls, a] = g.r.pick<[string, Val[]]>([
      ["ReLU", []],
      ["Sigmoid", []],
      ["Tanh", []],
      ["SiLU", []],
      ["LogSigmoid", []],
      ["LeakyReLU", [g.r.pick([0.2, 1e-5, 0.01])]],
      ["ELU", [g.r.pick([1.5, 0.5])]],
      ["GELU", [g.r.pick(["none", "tanh"])]],
      ["Softplus", [g.r.pick([2, 0.5]), g.r.pick([20, 1])]],
      ["Identity", []],
      ["Flatten", []],
      ["Dropout", [g.r.pick([0, 0.5])]],
    ]);
    const x = g.recent((t) => t.dtype === torch.float32) ?? g.lit(literal(g.r, "float32", [2, 3]));
    return { cls, a, args: [x.val] };
  },
  (g) => {
    const shape = [g.r.int(1, 3), g.r.int(1, 3)];
    const [cls, a] = g.r.pick<[string, Val[]]>([
      ["MSELoss", []],
      ["L1Loss", []],
      ["SmoothL1Loss", []],
      ["HuberLoss", []],
      ["BCEWithLogitsLoss", []],
      ["KLDivLoss", []],
    ]);
    const k = g.r.chance(0.5) ? { reduction: g.r.pick(["sum", "none", "mean"]) } : undefined;
    return { cls, a, k, args: [input(g, shape), { T: literal(g.r, "float32", shape, { range: "unit" }) }] };
  },
  (g) => {
    const [n, c] = [g.r.int(1, 3), g.r.int(2, 4)];
    const cls = g.r.pick(["NLLLoss", "CrossEntropyLoss"]);
    return { cls, args: [input(g, [n, c]), { T: literal(g.r, "int64", [n], { range: "index", bound: c }) }] };
  },
  (g) => {
    const c = g.r.int(1, 3);
    return g.r.chance(0.5)
      ? { cls: "LayerNorm", a: [c], args: [input(g, [g.r.int(1, 3), c])] }
      : { cls: "BatchNorm1d", a: [c], args: [input(g, [g.r.int(1, 3), c])] };
  },
  (g) => {
    const [c, o, kk] = [g.r.int(1, 2), g.r.int(1, 2), g.r.int(1, 2)];
    return g.r.chance(0.5)
      ? { cls: "Conv1d", a: [c, o, kk], args: [input(g, [1, c, g.r.int(2, 4)])] }
      : {
          cls: "Conv2d",
          a: [c, o, kk],
          k: g.r.chance(0.3) ? { padding: 1 } : undefined,
          args: [input(g, [1, c, 3, 3])],
        };
  },
  (g) => {
    const cls = g.r.pick(["MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d"]);
    return { cls, a: [g.r.pick([1, 2])], args: [input(g, [1, g.r.int(2, 4), g.r.int(2, 4)])] };
  },
  (g) => {
    const [n, d] = [g.r.int(2, 5), g.r.int(1, 3)];
    return {
      cls: "Embedding",
      a: [n, d],
      args: [{ T: literal(g.r, "int64", [g.r.int(1, 3)], { range: "index", bound: n }) }],
    };
  },
  (g) => {
    const [a, b, o] = [g.r.int(1, 3), g.r.int(1, 3), g.r.int(1, 2)];
    return { cls: "Bilinear", a: [a, b, o], args: [input(g, [2, a]), input(g, [2, b])] };
  },
];

export function moduleSequence(g: Generator): void {
  const m = g.r.pick(MODULES)(g);
  const name = g.newVar("m");
  const s: Stmt = { o: name, c: `torch.nn.${m.cls}` };
  if (m.a !== undefined && m.a.length > 0) s.a = m.a;
  if (m.k !== undefined) s.k = m.k;
  g.emit(s);
  g.emit({ o: g.newVar(), m: "forward", s: name, a: m.args });
  if (
    ["Linear", "Conv1d", "Conv2d", "Embedding", "Bilinear", "LayerNorm", "BatchNorm1d"].includes(m.cls) &&
    g.r.chance(0.4)
  )
    g.emit({ o: g.newVar("w"), attr: "weight", s: name });
}
