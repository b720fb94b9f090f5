// torch.distributions.Bernoulli(probs=None, logits=None): PyTorch 1.13's. Samples come from torch.bernoulli;
// log_prob and entropy are binary_cross_entropy_with_logits, as in PyTorch.
import { no_grad } from "../autograd/grad_mode.js";
import { ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { boolean, real, unit_interval, type Constraint } from "./constraints.js";
import { Distribution } from "./distribution.js";
import { broadcast_all, F, logits_to_probs, probs_to_logits, torch } from "./utils.js";

export interface BernoulliOptions {
  probs?: Tensor | number | null;
  logits?: Tensor | number | null;
  validate_args?: boolean | null;
}

export class Bernoulli extends Distribution {
  /** Bernoulli(probs) or Bernoulli({ probs | logits, validate_args }). */
  constructor(probs: Tensor | number | BernoulliOptions | null = null, options: BernoulliOptions = {}) {
    super();
    const opts: BernoulliOptions =
      probs === null || probs instanceof Tensor || typeof probs === "number" ? { ...options, probs } : probs;
    const p = opts.probs ?? null;
    const l = opts.logits ?? null;
    if ((p === null) === (l === null))
      throw new ValueError("Either `probs` or `logits` must be specified, but not both.");
    const given = (p ?? l)!;
    const [param] = broadcast_all(given);
    this._dict.set(p !== null ? "probs" : "logits", param);
    this._init(typeof given === "number" ? [] : param.shape, [], opts.validate_args ?? null);
  }

  get _param(): Tensor {
    return this._dict.get("probs") ?? this._dict.get("logits")!;
  }
  get arg_constraints(): Record<string, Constraint> {
    return { probs: unit_interval, logits: real };
  }
  get support(): Constraint {
    return boolean;
  }
  override get has_enumerate_support(): boolean {
    return true;
  }
  get logits(): Tensor {
    return this._lazy("logits", () => probs_to_logits(this.probs, true));
  }
  get probs(): Tensor {
    return this._lazy("probs", () => logits_to_probs(this.logits, true));
  }
  get param_shape(): readonly number[] {
    return this._param.shape;
  }
  override get mean(): Tensor {
    return this.probs;
  }
  override get mode(): Tensor {
    const mode = torch.ge(this.probs, 0.5).to(this.probs.dtype);
    return torch.where(torch.eq(this.probs, 0.5), NaN, mode);
  }
  override get variance(): Tensor {
    return this.probs.mul(this.probs.neg().add(1));
  }

  expand(batch_shape: readonly number[]): Bernoulli {
    const fresh = this._bare();
    for (const name of ["probs", "logits"]) {
      const value = this._dict.get(name);
      if (value !== undefined) fresh._dict.set(name, value.expand([...batch_shape]));
    }
    this._finishExpand(fresh, batch_shape);
    return fresh;
  }

  override sample(sample_shape: readonly number[] = []): Tensor {
    const shape = [...this._extended_shape(sample_shape)];
    return no_grad(() => torch.bernoulli(this.probs.expand(shape)));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const [logits, v] = broadcast_all(this.logits, value);
    return F.binary_cross_entropy_with_logits(logits, v, { reduction: "none" }).neg();
  }

  override entropy(): Tensor {
    return F.binary_cross_entropy_with_logits(this.logits, this.probs, { reduction: "none" });
  }

  enumerate_support(expand = true): Tensor {
    const values = torch.arange(2, { dtype: this._param.dtype });
    const viewed = values.view([-1, ...this._batch_shape.map(() => 1)]);
    return expand ? viewed.expand([-1, ...this._batch_shape]) : viewed;
  }
}
