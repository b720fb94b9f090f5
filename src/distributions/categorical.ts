// torch.distributions.Categorical(probs=None, logits=None): PyTorch 1.13's. Samples come from
// torch.multinomial(probs_2d, n, True).T, so after manual_seed they are PyTorch's.
import { ValueError } from "../errors.js";
import { int64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { integer_interval, real_vector, simplex, type Constraint } from "./constraints.js";
import { Distribution } from "./distribution.js";
import { finfo, logits_to_probs, probs_to_logits, torch } from "./utils.js";

export interface CategoricalOptions {
  probs?: Tensor | null;
  logits?: Tensor | null;
  validate_args?: boolean | null;
}

export class Categorical extends Distribution {
  _num_events = 0;

  /** Categorical(probs) or Categorical({ probs | logits, validate_args }). */
  constructor(probs: Tensor | CategoricalOptions | null = null, options: CategoricalOptions = {}) {
    super();
    const opts: CategoricalOptions =
      probs !== null && !isTensor(probs)
        ? (probs as CategoricalOptions)
        : { ...options, probs: probs as Tensor | null };
    const p = opts.probs ?? null;
    const l = opts.logits ?? null;
    if ((p === null) === (l === null))
      throw new ValueError("Either `probs` or `logits` must be specified, but not both.");
    if (p !== null) {
      if (p.ndim < 1) throw new ValueError("`probs` parameter must be at least one-dimensional.");
      this._dict.set("probs", p.div(p.sum(-1, true)));
    } else {
      if (l!.ndim < 1) throw new ValueError("`logits` parameter must be at least one-dimensional.");
      this._dict.set("logits", l!.sub(l!.logsumexp(-1, true)));
    }
    const param = this._param;
    this._num_events = param.shape[param.ndim - 1];
    this._init(param.ndim > 1 ? param.shape.slice(0, -1) : [], [], opts.validate_args ?? null);
  }

  /** The parameter given (probs or logits), as PyTorch's _param. */
  get _param(): Tensor {
    return this._dict.get("probs") ?? this._dict.get("logits")!;
  }
  get arg_constraints(): Record<string, Constraint> {
    return { probs: simplex, logits: real_vector };
  }
  override get has_enumerate_support(): boolean {
    return true;
  }
  get support(): Constraint {
    return integer_interval(0, this._num_events - 1);
  }
  get logits(): Tensor {
    return this._lazy("logits", () => probs_to_logits(this.probs));
  }
  get probs(): Tensor {
    return this._lazy("probs", () => logits_to_probs(this.logits));
  }
  get param_shape(): readonly number[] {
    return this._param.shape;
  }
  override get mean(): Tensor {
    return torch.full([...this._extended_shape()], NaN, { dtype: this.probs.dtype });
  }
  override get mode(): Tensor {
    return this.probs.argmax(-1);
  }
  override get variance(): Tensor {
    return torch.full([...this._extended_shape()], NaN, { dtype: this.probs.dtype });
  }

  expand(batch_shape: readonly number[]): Categorical {
    const fresh = this._bare();
    const paramShape = [...batch_shape, this._num_events];
    for (const name of ["probs", "logits"]) {
      const value = this._dict.get(name);
      if (value !== undefined) fresh._dict.set(name, value.expand(paramShape));
    }
    fresh._num_events = this._num_events;
    this._finishExpand(fresh, batch_shape);
    return fresh;
  }

  override sample(sample_shape: readonly number[] = []): Tensor {
    const n = sample_shape.reduce((a, b) => a * b, 1);
    const probs2d = this.probs.reshape(-1, this._num_events);
    const samples2d = torch.multinomial(probs2d, n, true).t();
    return samples2d.reshape([...this._extended_shape(sample_shape)]);
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const [v, logPmf] = torch.broadcast_tensors(value.to(int64).unsqueeze(-1), this.logits);
    return logPmf.gather(-1, v.narrow(-1, 0, 1)).squeeze(-1);
  }

  override entropy(): Tensor {
    const logits = torch.clamp(this.logits, finfo(this.logits).min);
    return logits.mul(this.probs).sum(-1).neg();
  }

  enumerate_support(expand = true): Tensor {
    const values = torch.arange(this._num_events, { dtype: int64 });
    const viewed = values.view([-1, ...this._batch_shape.map(() => 1)]);
    return expand ? viewed.expand([-1, ...this._batch_shape]) : viewed;
  }
}

function isTensor(v: unknown): v is Tensor {
  return v instanceof Tensor;
}
