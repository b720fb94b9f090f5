// torch.distributions.kl: kl_divergence(p, q) looks up the most specific function registered with
// register_kl(type_p, type_q) for the pair of classes (by subclass order, as PyTorch's _dispatch_kl does).
import { NotImplementedError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { Categorical } from "./categorical.js";
import { Distribution } from "./distribution.js";
import { Normal } from "./normal.js";
import { torch } from "./utils.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DistributionClass = abstract new (...args: any[]) => Distribution;
type KLFunction = (p: Distribution, q: Distribution) => Tensor;

const REGISTRY = new Map<DistributionClass, Map<DistributionClass, KLFunction>>();
const MEMO = new Map<DistributionClass, Map<DistributionClass, KLFunction | null>>();

const isSubclass = (x: DistributionClass, y: DistributionClass): boolean =>
  x === y || x.prototype instanceof y;

/** register_kl(type_p, type_q)(fn): registers fn as KL(p || q) for those classes (and their subclasses). */
export function register_kl(type_p: DistributionClass, type_q: DistributionClass) {
  for (const [name, t] of [
    ["type_p", type_p],
    ["type_q", type_q],
  ] as const)
    if (typeof t !== "function" || !isSubclass(t, Distribution))
      throw new TypeError(`Expected ${name} to be a Distribution subclass but got ${String(t)}`);
  return <F extends (p: never, q: never) => Tensor>(fn: F): F => {
    if (!REGISTRY.has(type_p)) REGISTRY.set(type_p, new Map());
    REGISTRY.get(type_p)!.set(type_q, fn as unknown as KLFunction);
    MEMO.clear();
    return fn;
  };
}

/** _Match's order: the lexicographic order by subclass of (first, second). */
function lessEq(a: DistributionClass[], b: DistributionClass[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (!isSubclass(a[i], b[i])) return false;
    if (a[i] !== b[i]) break;
  }
  return true;
}
function least(pairs: DistributionClass[][]): DistributionClass[] {
  return pairs.reduce((m, x) => (lessEq(x, m) && !lessEq(m, x) ? x : m));
}

function dispatch(type_p: DistributionClass, type_q: DistributionClass): KLFunction | null {
  const matches: DistributionClass[][] = [];
  for (const [p, row] of REGISTRY)
    for (const q of row.keys()) if (isSubclass(type_p, p) && isSubclass(type_q, q)) matches.push([p, q]);
  if (matches.length === 0) return null;
  const [leftP, leftQ] = least(matches);
  const [rightQ, rightP] = least(matches.map(([p, q]) => [q, p]));
  const leftFun = REGISTRY.get(leftP)!.get(leftQ)!;
  if (leftFun !== REGISTRY.get(rightP)!.get(rightQ))
    emitWarning(
      `Ambiguous kl_divergence(${type_p.name}, ${type_q.name}). Please register_kl(${leftP.name}, ${rightQ.name})`,
      "RuntimeWarning",
    );
  return leftFun;
}

/** kl_divergence(p, q): KL(p || q), batched over batch_shape. */
export function kl_divergence(p: Distribution, q: Distribution): Tensor {
  const [tp, tq] = [p.constructor as DistributionClass, q.constructor as DistributionClass];
  if (!MEMO.has(tp)) MEMO.set(tp, new Map());
  const row = MEMO.get(tp)!;
  if (!row.has(tq)) row.set(tq, dispatch(tp, tq));
  const fun = row.get(tq)!;
  if (fun === null)
    throw new NotImplementedError(`No KL(p || q) is implemented for p type ${tp.name} and q type ${tq.name}`);
  return fun(p, q);
}

register_kl(
  Normal,
  Normal,
)((p: Normal, q: Normal): Tensor => {
  const varRatio = p.scale.div(q.scale).pow(2);
  const t1 = p.loc.sub(q.loc).div(q.scale).pow(2);
  return varRatio.add(t1).sub(1).sub(varRatio.log()).mul(0.5);
});

register_kl(
  Categorical,
  Categorical,
)((p: Categorical, q: Categorical): Tensor => {
  const t = p.probs.mul(p.logits.sub(q.logits));
  // t[(q.probs == 0).expand_as(t)] = inf; t[(p.probs == 0).expand_as(t)] = 0
  const withInf = torch.where(torch.eq(q.probs, 0).expand_as(t), Infinity, t);
  return torch.where(torch.eq(p.probs, 0).expand_as(t), 0, withInf).sum(-1);
});
