// torch.distributions.Uniform(low, high): PyTorch 1.13's; rsample is low + rand(shape) * (high - low).
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { dependent, interval, type Constraint } from "./constraints.js";
import { Distribution } from "./distribution.js";
import { broadcast_all, torch } from "./utils.js";

export class Uniform extends Distribution {
  constructor(low: Tensor | number, high: Tensor | number, validate_args: boolean | null = null) {
    super();
    const [lo, hi] = broadcast_all(low, high);
    this._dict.set("low", lo);
    this._dict.set("high", hi);
    const scalar = typeof low === "number" && typeof high === "number";
    this._init(scalar ? [] : lo.shape, [], validate_args);
    if (this._validate_args && !torch.lt(lo, hi).all().item())
      throw new ValueError("Uniform is not defined when low>= high");
  }

  get low(): Tensor {
    return this._dict.get("low")!;
  }
  get high(): Tensor {
    return this._dict.get("high")!;
  }
  override get has_rsample(): boolean {
    return true;
  }
  get arg_constraints(): Record<string, Constraint> {
    return { low: dependent, high: dependent };
  }
  get support(): Constraint {
    return interval(this.low, this.high);
  }
  override get mean(): Tensor {
    return this.high.add(this.low).div(2);
  }
  override get mode(): Tensor {
    return this.high.mul(NaN);
  }
  override get stddev(): Tensor {
    return this.high.sub(this.low).div(12 ** 0.5);
  }
  override get variance(): Tensor {
    return this.high.sub(this.low).pow(2).div(12);
  }

  expand(batch_shape: readonly number[]): Uniform {
    const fresh = this._bare();
    fresh._dict.set("low", this.low.expand([...batch_shape]));
    fresh._dict.set("high", this.high.expand([...batch_shape]));
    this._finishExpand(fresh, batch_shape);
    return fresh;
  }

  override rsample(sample_shape: readonly number[] = []): Tensor {
    const shape = [...this._extended_shape(sample_shape)];
    const rand = torch.rand(shape, { dtype: this.low.dtype });
    return this.low.add(rand.mul(this.high.sub(this.low)));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const lb = this.low.le(value).type_as(this.low);
    const ub = this.high.gt(value).type_as(this.low);
    return torch.log(lb.mul(ub)).sub(torch.log(this.high.sub(this.low)));
  }

  override cdf(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const result = value.sub(this.low).div(this.high.sub(this.low));
    return result.clamp(0, 1);
  }

  override icdf(value: Tensor): Tensor {
    return value.mul(this.high.sub(this.low)).add(this.low);
  }

  override entropy(): Tensor {
    return torch.log(this.high.sub(this.low));
  }
}
