// torch.distributions.constraints: the regions a distribution's parameters and samples live in. check(value)
// gives a bool tensor (one entry per event); the reprs are PyTorch's (class name without its underscore).
import { ValueError, NotImplementedError } from "../errors.js";
import { pyFloatRepr, pyIntRepr } from "../python.js";
import { format } from "../tensor/format_spec.js";
import { Tensor } from "../tensor/tensor.js";
import { torch } from "./utils.js";

/** A bound as Python's str() writes it: a float (0.0), an int (for integer intervals) or a tensor. */
type Bound = number | Tensor;
function boundStr(b: Bound, integer: boolean): string {
  if (b instanceof Tensor) return format(b);
  return integer ? pyIntRepr(b) : pyFloatRepr(b);
}

/** value >= b, value <= b, value > b for a number or tensor bound (Python's reflected comparisons). */
const ge = (v: Tensor, b: Bound): Tensor => (b instanceof Tensor ? torch.ge(v, b) : torch.ge(v, b));
const le = (v: Tensor, b: Bound): Tensor => (b instanceof Tensor ? torch.le(v, b) : torch.le(v, b));
const gt = (v: Tensor, b: Bound): Tensor => (b instanceof Tensor ? torch.gt(v, b) : torch.gt(v, b));

export abstract class Constraint {
  /** Whether the constrained space is discrete. */
  get is_discrete(): boolean {
    return false;
  }
  /** How many rightmost dims make up one event. */
  get event_dim(): number {
    return 0;
  }
  /** A bool tensor: whether each event of value satisfies the constraint. */
  abstract check(value: Tensor): Tensor;
  protected get reprName(): string {
    return this.constructor.name;
  }
  toString(): string {
    return `${this.reprName}()`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** A placeholder for parameters whose support depends on other parameters (never checked). */
export class Dependent extends Constraint {
  constructor(
    private readonly _is_discrete: boolean | null = null,
    private readonly _event_dim: number | null = null,
  ) {
    super();
  }
  override get is_discrete(): boolean {
    if (this._is_discrete === null)
      throw new NotImplementedError(".is_discrete cannot be determined statically");
    return this._is_discrete;
  }
  override get event_dim(): number {
    if (this._event_dim === null) throw new NotImplementedError(".event_dim cannot be determined statically");
    return this._event_dim;
  }
  check(_value: Tensor): Tensor {
    throw new ValueError("Cannot determine validity of dependent constraint");
  }
}

export function is_dependent(constraint: Constraint): boolean {
  return constraint instanceof Dependent;
}

export class IndependentConstraint extends Constraint {
  constructor(
    readonly base_constraint: Constraint,
    readonly reinterpreted_batch_ndims: number,
  ) {
    super();
  }
  override get is_discrete(): boolean {
    return this.base_constraint.is_discrete;
  }
  override get event_dim(): number {
    return this.base_constraint.event_dim + this.reinterpreted_batch_ndims;
  }
  check(value: Tensor): Tensor {
    const result = this.base_constraint.check(value);
    if (result.ndim < this.reinterpreted_batch_ndims)
      throw new ValueError(`Expected value.dim() >= ${this.event_dim} but got ${value.ndim}`);
    const kept = result.shape.slice(0, result.ndim - this.reinterpreted_batch_ndims);
    return result.reshape([...kept, -1]).all(-1);
  }
  protected override get reprName(): string {
    return "IndependentConstraint";
  }
  override toString(): string {
    return `${this.reprName}(${this.base_constraint.toString()}, ${this.reinterpreted_batch_ndims})`;
  }
}

export class BooleanConstraint extends Constraint {
  protected override get reprName(): string {
    return "Boolean";
  }
  override get is_discrete(): boolean {
    return true;
  }
  check(value: Tensor): Tensor {
    return torch.eq(value, 0).logical_or(torch.eq(value, 1));
  }
}

export class IntegerInterval extends Constraint {
  constructor(
    readonly lower_bound: Bound,
    readonly upper_bound: Bound,
  ) {
    super();
  }
  override get is_discrete(): boolean {
    return true;
  }
  check(value: Tensor): Tensor {
    const whole = torch.eq(torch.remainder(value, 1), 0);
    return whole.logical_and(ge(value, this.lower_bound)).logical_and(le(value, this.upper_bound));
  }
  override toString(): string {
    const [lo, hi] = [boundStr(this.lower_bound, true), boundStr(this.upper_bound, true)];
    return `${this.reprName}(lower_bound=${lo}, upper_bound=${hi})`;
  }
}

export class Real extends Constraint {
  check(value: Tensor): Tensor {
    return torch.eq(value, value);
  }
}

export class GreaterThan extends Constraint {
  constructor(readonly lower_bound: Bound) {
    super();
  }
  check(value: Tensor): Tensor {
    return gt(value, this.lower_bound);
  }
  override toString(): string {
    return `${this.reprName}(lower_bound=${boundStr(this.lower_bound, false)})`;
  }
}

export class Interval extends Constraint {
  constructor(
    readonly lower_bound: Bound,
    readonly upper_bound: Bound,
  ) {
    super();
  }
  check(value: Tensor): Tensor {
    return ge(value, this.lower_bound).logical_and(le(value, this.upper_bound));
  }
  override toString(): string {
    const [lo, hi] = [boundStr(this.lower_bound, false), boundStr(this.upper_bound, false)];
    return `${this.reprName}(lower_bound=${lo}, upper_bound=${hi})`;
  }
}

export class Simplex extends Constraint {
  override get event_dim(): number {
    return 1;
  }
  check(value: Tensor): Tensor {
    const nonnegative = torch.all(torch.ge(value, 0), -1);
    return nonnegative.logical_and(torch.lt(value.sum(-1).sub(1).abs(), 1e-6));
  }
}

// The constraints PyTorch exports under these names.
export const dependent = new Dependent();
export const independent = (base: Constraint, ndims: number) => new IndependentConstraint(base, ndims);
export const boolean = new BooleanConstraint();
export const integer_interval = (lo: Bound, hi: Bound) => new IntegerInterval(lo, hi);
export const real = new Real();
export const real_vector = independent(real, 1);
export const positive = new GreaterThan(0);
export const greater_than = (lo: Bound) => new GreaterThan(lo);
export const unit_interval = new Interval(0, 1);
export const interval = (lo: Bound, hi: Bound) => new Interval(lo, hi);
export const simplex = new Simplex();
