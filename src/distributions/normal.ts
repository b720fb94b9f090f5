// torch.distributions.Normal(loc, scale): PyTorch 1.13's formulas, op for op, so values, grad_fns and draws
// (sample: torch.normal; rsample: loc + eps * scale with eps = empty(shape).normal_()) match.
import { no_grad } from "../autograd/grad_mode.js";
import type { Tensor } from "../tensor/tensor.js";
import { positive, real, type Constraint } from "./constraints.js";
import { Distribution } from "./distribution.js";
import { _standard_normal, broadcast_all, torch } from "./utils.js";

const LOG_SQRT_2PI = Math.log(Math.sqrt(2 * Math.PI));

export class Normal extends Distribution {
  override get has_rsample(): boolean {
    return true;
  }

  constructor(loc: Tensor | number, scale: Tensor | number, validate_args: boolean | null = null) {
    super();
    const [l, s] = broadcast_all(loc, scale);
    this._dict.set("loc", l);
    this._dict.set("scale", s);
    const scalar = typeof loc === "number" && typeof scale === "number";
    this._init(scalar ? [] : l.shape, [], validate_args);
  }

  get loc(): Tensor {
    return this._dict.get("loc")!;
  }
  get scale(): Tensor {
    return this._dict.get("scale")!;
  }
  get arg_constraints(): Record<string, Constraint> {
    return { loc: real, scale: positive };
  }
  get support(): Constraint {
    return real;
  }
  override get mean(): Tensor {
    return this.loc;
  }
  override get mode(): Tensor {
    return this.loc;
  }
  override get stddev(): Tensor {
    return this.scale;
  }
  override get variance(): Tensor {
    return this.stddev.pow(2);
  }

  expand(batch_shape: readonly number[]): Normal {
    const fresh = this._bare();
    fresh._dict.set("loc", this.loc.expand([...batch_shape]));
    fresh._dict.set("scale", this.scale.expand([...batch_shape]));
    this._finishExpand(fresh, batch_shape);
    return fresh;
  }

  override sample(sample_shape: readonly number[] = []): Tensor {
    const shape = [...this._extended_shape(sample_shape)];
    return no_grad(() => torch.normal(this.loc.expand(shape), this.scale.expand(shape)));
  }

  override rsample(sample_shape: readonly number[] = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    const eps = _standard_normal(shape, this.loc);
    return this.loc.add(eps.mul(this.scale));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const variance = this.scale.pow(2);
    const logScale = this.scale.log();
    return value.sub(this.loc).pow(2).neg().div(variance.mul(2)).sub(logScale).sub(LOG_SQRT_2PI);
  }

  override cdf(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const z = value.sub(this.loc).mul(this.scale.reciprocal()).div(Math.SQRT2);
    return torch.erf(z).add(1).mul(0.5);
  }

  override icdf(value: Tensor): Tensor {
    return this.loc.add(this.scale.mul(torch.erfinv(value.mul(2).sub(1))).mul(Math.SQRT2));
  }

  override entropy(): Tensor {
    return torch.log(this.scale).add(0.5 + 0.5 * Math.log(2 * Math.PI));
  }
}
