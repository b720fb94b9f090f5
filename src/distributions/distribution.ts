// torch.distributions.Distribution: PyTorch 1.13's base class. Parameters live in `_dict` (Python's instance
// __dict__), in assignment order: the repr and the argument checks read it, and lazy parameters (a Categorical's
// logits from its probs) join it when first computed, as PyTorch's lazy_property does.
import { enable_grad, no_grad } from "../autograd/grad_mode.js";
import { NotImplementedError, ValueError } from "../errors.js";
import { pyTupleStr } from "../python.js";
import { format } from "../tensor/format_spec.js";
import { sizeOf, type TorchSize } from "../tensor/size.js";
import { Tensor } from "../tensor/tensor.js";
import { is_dependent, type Constraint } from "./constraints.js";
import { torch } from "./utils.js";

let defaultValidateArgs = true;

export abstract class Distribution {
  /** Whether rsample is implemented (a class attribute in PyTorch). */
  get has_rsample(): boolean {
    return false;
  }
  get has_enumerate_support(): boolean {
    return false;
  }
  _batch_shape: TorchSize = sizeOf([]);
  _event_shape: TorchSize = sizeOf([]);
  /** The instance's own validate_args (null: the class default, Distribution.set_default_validate_args). */
  private _validateOverride: boolean | null = null;
  /** Python's __dict__ for the parameters: what the repr prints and the argument checks test. */
  readonly _dict = new Map<string, Tensor>();

  /** Distribution.set_default_validate_args(value): turns argument validation on or off for every instance. */
  static set_default_validate_args(value: unknown): void {
    if (value !== true && value !== false) throw new ValueError("");
    defaultValidateArgs = value;
  }

  get _validate_args(): boolean {
    return this._validateOverride ?? defaultValidateArgs;
  }
  set _validate_args(value: boolean) {
    this._validateOverride = value;
  }

  /** Distribution.__init__(batch_shape, event_shape, validate_args): records the shapes, checks the parameters. */
  protected _init(
    batch_shape: readonly number[],
    event_shape: readonly number[],
    validate_args: boolean | null,
  ): void {
    this._batch_shape = sizeOf(batch_shape);
    this._event_shape = sizeOf(event_shape);
    if (validate_args !== null) this._validateOverride = validate_args;
    if (!this._validate_args) return;
    for (const [param, constraint] of Object.entries(this.arg_constraints)) {
      if (is_dependent(constraint)) continue;
      if (!this._dict.has(param)) continue; // a lazily-constructed parameter
      const value = this._dict.get(param)!;
      if (!constraint.check(value).all().item())
        throw new ValueError(
          `Expected parameter ${param} (${value.constructor.name} of shape ${pyTupleStr(value.shape)}) ` +
            `of distribution ${this.toString()} to satisfy the constraint ${constraint.toString()}, ` +
            `but found invalid values:\n${format(value)}`,
        );
    }
  }

  /** An instance of this class with no parameters yet: what expand fills in (PyTorch's __new__). */
  protected _bare(): this {
    const fresh = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(fresh, { _batch_shape: sizeOf([]), _event_shape: sizeOf([]), _validateOverride: null });
    Object.assign(fresh, { _dict: new Map<string, Tensor>() });
    return fresh;
  }

  /** The end of every expand: Distribution.__init__(batch_shape, validate_args=False), then self's validate_args. */
  protected _finishExpand(fresh: Distribution, batch_shape: readonly number[]): void {
    fresh._init(batch_shape, this._event_shape, false);
    fresh._validateOverride = this._validateOverride;
  }

  /** A parameter from _dict, or computed (with grad enabled) and stored there on first use. */
  protected _lazy(name: string, compute: () => Tensor): Tensor {
    let value = this._dict.get(name);
    if (value === undefined) {
      value = enable_grad(compute);
      this._dict.set(name, value);
    }
    return value;
  }

  get batch_shape(): TorchSize {
    return this._batch_shape;
  }
  get event_shape(): TorchSize {
    return this._event_shape;
  }
  abstract get arg_constraints(): Record<string, Constraint>;
  abstract get support(): Constraint;
  get mean(): Tensor {
    throw new NotImplementedError("");
  }
  get mode(): Tensor {
    throw new NotImplementedError(`<class '${this.pyClass}'> does not implement mode`);
  }
  get variance(): Tensor {
    throw new NotImplementedError("");
  }
  get stddev(): Tensor {
    return this.variance.sqrt();
  }
  abstract expand(batch_shape: readonly number[]): Distribution;

  /** sample(sample_shape=()): rsample under no_grad unless a distribution draws differently. */
  sample(sample_shape: readonly number[] = []): Tensor {
    return no_grad(() => this.rsample(sample_shape));
  }
  rsample(_sample_shape: readonly number[] = []): Tensor {
    throw new NotImplementedError("");
  }
  log_prob(_value: Tensor): Tensor {
    throw new NotImplementedError("");
  }
  cdf(_value: Tensor): Tensor {
    throw new NotImplementedError("");
  }
  icdf(_value: Tensor): Tensor {
    throw new NotImplementedError("");
  }
  entropy(): Tensor {
    throw new NotImplementedError("");
  }
  perplexity(): Tensor {
    return torch.exp(this.entropy());
  }

  /** sample_shape + batch_shape + event_shape. */
  _extended_shape(sample_shape: readonly number[] = []): TorchSize {
    return sizeOf([...sample_shape, ...this._batch_shape, ...this._event_shape]);
  }

  /** The checks log_prob (and cdf) make on a value: a Tensor, event and batch shapes, and the support. */
  protected _validate_sample(value: unknown): void {
    if (!(value instanceof Tensor)) throw new ValueError("The value argument to log_prob must be a Tensor");
    const actual = sizeOf(value.shape);
    const eventStart = actual.length - this._event_shape.length;
    const trailing = actual.slice(eventStart); // Python's slice: a negative start counts from the end
    if (trailing.length !== this._event_shape.length || trailing.some((d, i) => d !== this._event_shape[i]))
      throw new ValueError(
        `The right-most size of value must match event_shape: ${actual.toString()} vs ${this._event_shape.toString()}.`,
      );
    const expected = sizeOf([...this._batch_shape, ...this._event_shape]);
    for (let k = 1; k <= Math.min(actual.length, expected.length); k++) {
      const [i, j] = [actual[actual.length - k], expected[expected.length - k]];
      if (i !== 1 && j !== 1 && i !== j)
        throw new ValueError(
          `Value is not broadcastable with batch_shape+event_shape: ${actual.toString()} vs ${expected.toString()}.`,
        );
    }
    const support = this.support;
    if (!support.check(value).all().item())
      throw new ValueError(
        `Expected value argument (${value.constructor.name} of shape ${pyTupleStr(value.shape)}) ` +
          `to be within the support (${support.toString()}) of the distribution ${this.toString()}, ` +
          `but found invalid values:\n${format(value)}`,
      );
  }

  /** The class name Python prints. */
  protected get pyClass(): string {
    return `torch.distributions.${this.constructor.name.toLowerCase()}.${this.constructor.name}`;
  }

  /** Python's repr: each parameter present, as its value when it has one element, else its size. */
  toString(): string {
    const names = Object.keys(this.arg_constraints).filter((k) => this._dict.has(k));
    const args = names.map((p) => {
      const v = this._dict.get(p)!;
      return `${p}: ${v.numel() === 1 ? format(v) : sizeOf(v.shape).toString()}`;
    });
    return `${this.constructor.name}(${args.join(", ")})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
