// Tensor printing, ported rule for rule from PyTorch 1.13's torch/_tensor_str.py.

import { ValueError } from "../errors.js";
import { complex128, complex64, defaultFloatDtype, float32, float64, type DType } from "./dtype.js";
import {
  formatExponential,
  formatFixed,
  padLeft,
  pyBool,
  pyIntRepr,
  pyScalarRepr,
  pyTupleStr,
} from "../python.js";

export interface PrintableTensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Row-major values as JS numbers (bool as 0/1). */
  values(): ArrayLike<number>;
}

export interface ReprSuffixes {
  requiresGrad?: boolean;
  gradFnName?: string | null;
}

export type PrintProfile = "default" | "short" | "full";

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  /** null lets the formatter choose, as PyTorch's None does. */
  sci_mode: boolean | null;
}

export interface SetPrintOptions {
  precision?: number;
  threshold?: number;
  edgeitems?: number;
  linewidth?: number;
  profile?: PrintProfile;
  sci_mode?: boolean | null;
}

const PROFILES: Record<PrintProfile, Omit<PrintOptions, "sci_mode">> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

const PRINT_OPTS: PrintOptions = { ...PROFILES.default, sci_mode: null };

/** torch.set_printoptions. Like PyTorch, sci_mode is reset to automatic unless given. */
export function set_printoptions(opts: SetPrintOptions = {}): void {
  if (opts.profile !== undefined) {
    const profile = PROFILES[opts.profile];
    // PyTorch ignores a profile it doesn't know; an ignored argument is a silent bug, so tensorgrad refuses it.
    if (profile === undefined)
      throw new ValueError(
        `profile must be one of 'default', 'short' or 'full', but got '${String(opts.profile)}'`,
      );
    Object.assign(PRINT_OPTS, profile);
  }
  if (opts.precision !== undefined) PRINT_OPTS.precision = opts.precision;
  if (opts.threshold !== undefined) PRINT_OPTS.threshold = opts.threshold;
  if (opts.edgeitems !== undefined) PRINT_OPTS.edgeitems = opts.edgeitems;
  if (opts.linewidth !== undefined) PRINT_OPTS.linewidth = opts.linewidth;
  PRINT_OPTS.sci_mode = opts.sci_mode ?? null;
}

export function get_printoptions(): PrintOptions {
  return { ...PRINT_OPTS };
}

/** A row-major sub-tensor: `values[offset ...]` with the given shape (what `t[i]` is in Python). */
interface View {
  readonly values: ArrayLike<number>;
  readonly shape: readonly number[];
  readonly offset: number;
}

function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function subView(view: View, index: number): View {
  const inner = view.shape.slice(1);
  return { values: view.values, shape: inner, offset: view.offset + index * numel(inner) };
}

function viewElements(view: View): number[] {
  const out: number[] = [];
  const n = numel(view.shape);
  for (let i = 0; i < n; i++) out.push(view.values[view.offset + i]!);
  return out;
}

/** Python's `t[-k:]`: note `t[-0:]` is the whole tensor, not an empty slice. */
function tailStart(length: number, count: number): number {
  return count === 0 ? 0 : Math.max(0, length - count);
}

/** The elements the formatter sees when summarizing (get_summarized_data); order is irrelevant. */
function summarizedElements(view: View): number[] {
  const dim = view.shape.length;
  if (dim === 0) return viewElements(view);
  const size0 = view.shape[0]!;
  const edge = PRINT_OPTS.edgeitems;
  if (dim === 1) {
    if (size0 <= 2 * edge) return viewElements(view);
    const out: number[] = [];
    for (let i = 0; i < edge; i++) out.push(view.values[view.offset + i]!);
    for (let i = tailStart(size0, edge); i < size0; i++) out.push(view.values[view.offset + i]!);
    return out;
  }
  let rows: number[];
  if (size0 > 2 * edge) {
    // torch.stack([]) fails in PyTorch for edgeitems=0; mirror that rather than print nonsense.
    if (edge <= 0) throw new Error("stack expects a non-empty TensorList");
    rows = [];
    for (let i = 0; i < edge; i++) rows.push(i);
    for (let i = size0 - edge; i < size0; i++) rows.push(i);
  } else {
    rows = Array.from({ length: size0 }, (_, i) => i);
  }
  return rows.flatMap((i) => summarizedElements(subView(view, i)));
}

/** PyTorch's _Formatter: picks integer / fixed / scientific notation and a common element width. */
class Formatter {
  private readonly floating: boolean;
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;

  constructor(
    private readonly dtype: DType,
    elements: readonly number[],
  ) {
    this.floating = dtype.is_floating_point;
    const precision = PRINT_OPTS.precision;
    if (!this.floating) {
      for (const v of elements) this.maxWidth = Math.max(this.maxWidth, this.scalarText(v).length);
    } else {
      const nonzeroFinite = elements.filter((v) => Number.isFinite(v) && v !== 0);
      // No valid number: keep the defaults (and, as in PyTorch, ignore the sci_mode option).
      if (nonzeroFinite.length === 0) return;
      let absMin = Infinity;
      let absMax = 0;
      for (const v of nonzeroFinite) {
        const abs = Math.abs(v);
        absMin = Math.min(absMin, abs);
        absMax = Math.max(absMax, abs);
      }
      this.intMode = nonzeroFinite.every((v) => Math.ceil(v) === v);
      const wideRange = absMax / absMin > 1000.0 || absMax > 1.0e8;
      if (this.intMode) {
        if (wideRange) {
          this.sciMode = true;
          this.widenTo(nonzeroFinite, (v) => formatExponential(v, precision).length);
        } else {
          // The +1 leaves room for the "." that marks a float.
          this.widenTo(nonzeroFinite, (v) => formatFixed(v, 0).length + 1);
        }
      } else if (wideRange || absMin < 1.0e-4) {
        this.sciMode = true;
        this.widenTo(nonzeroFinite, (v) => formatExponential(v, precision).length);
      } else {
        this.widenTo(nonzeroFinite, (v) => formatFixed(v, precision).length);
      }
    }
    if (PRINT_OPTS.sci_mode !== null) this.sciMode = PRINT_OPTS.sci_mode;
  }

  private widenTo(values: readonly number[], widthOf: (v: number) => number): void {
    for (const v of values) this.maxWidth = Math.max(this.maxWidth, widthOf(v));
  }

  private scalarText(v: number): string {
    return this.dtype.name === "bool" ? pyBool(v !== 0) : pyIntRepr(v);
  }

  width(): number {
    return this.maxWidth;
  }

  formatAt(values: ArrayLike<number>, i: number): string {
    return this.format(values[i]!);
  }

  format(v: number): string {
    let text: string;
    if (!this.floating) text = this.scalarText(v);
    else if (this.sciMode) text = formatExponential(v, PRINT_OPTS.precision);
    else if (this.intMode) text = formatFixed(v, 0) + (Number.isFinite(v) ? "." : "");
    else text = formatFixed(v, PRINT_OPTS.precision);
    return padLeft(text, this.maxWidth);
  }
}

/** What printing needs of a formatter: the element width and the text of the element at a flat index. */
interface ElementFormatter {
  width(): number;
  formatAt(values: ArrayLike<number>, i: number): string;
}

/**
 * A complex tensor's formatter (_tensor_str.py's formatter1 / formatter2 pair): the real parts and the imaginary
 * parts each get a _Formatter of their own; `values` are the real parts, `imag` the imaginary parts, both
 * row-major.
 */
class ComplexFormatter implements ElementFormatter {
  constructor(
    private readonly re: Formatter,
    private readonly im: Formatter,
    private readonly imag: ArrayLike<number>,
  ) {}

  /** formatter1.width() + 2 + formatter2.width() + 1 is the element length; vectorStr adds the 2. */
  width(): number {
    return this.re.width() + this.im.width() + 1;
  }

  formatAt(values: ArrayLike<number>, i: number): string {
    const realStr = this.re.format(values[i]!);
    const imagStr = (this.im.format(this.imag[i]!) + "j").trimStart();
    // handles negative numbers, +0.0, -0.0
    return imagStr[0] === "+" || imagStr[0] === "-" ? realStr + imagStr : realStr + "+" + imagStr;
  }
}

function vectorStr(view: View, indent: number, summarize: boolean, formatter: ElementFormatter): string {
  // Each element also takes a comma and a space.
  const elementLength = formatter.width() + 2;
  const elementsPerLine = Math.max(1, Math.floor((PRINT_OPTS.linewidth - indent) / elementLength));
  const size = view.shape[0]!;
  const edge = PRINT_OPTS.edgeitems;
  const formatRange = (start: number, end: number): string[] => {
    const out: string[] = [];
    for (let i = start; i < end; i++) out.push(formatter.formatAt(view.values, view.offset + i));
    return out;
  };
  const data =
    summarize && size > 2 * edge
      ? [...formatRange(0, Math.min(edge, size)), " ...", ...formatRange(tailStart(size, edge), size)]
      : formatRange(0, size);
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += elementsPerLine)
    lines.push(data.slice(i, i + elementsPerLine).join(", "));
  return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
}

function tensorStrWithFormatter(
  view: View,
  indent: number,
  summarize: boolean,
  formatter: ElementFormatter,
): string {
  const dim = view.shape.length;
  if (dim === 0) return formatter.formatAt(view.values, view.offset);
  if (dim === 1) return vectorStr(view, indent, summarize, formatter);
  const size0 = view.shape[0]!;
  const edge = PRINT_OPTS.edgeitems;
  const slice = (i: number): string =>
    tensorStrWithFormatter(subView(view, i), indent + 1, summarize, formatter);
  const slices: string[] = [];
  if (summarize && size0 > 2 * edge) {
    for (let i = 0; i < edge; i++) slices.push(slice(i));
    slices.push("...");
    for (let i = size0 - edge; i < size0; i++) slices.push(slice(i));
  } else {
    for (let i = 0; i < size0; i++) slices.push(slice(i));
  }
  // Higher dims get blank lines between their blocks: one fewer than the dim.
  return "[" + slices.join("," + "\n".repeat(dim - 1) + " ".repeat(indent + 1)) + "]";
}

/** A complex tensor's interleaved values as two row-major arrays: real parts, imaginary parts. */
function splitComplex(values: ArrayLike<number>): [number[], number[]] {
  const n = values.length / 2;
  const re = new Array<number>(n);
  const im = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    re[i] = values[2 * i]!;
    im[i] = values[2 * i + 1]!;
  }
  return [re, im];
}

function tensorStr(t: PrintableTensor, indent: number): string {
  if (t.dtype.is_complex) {
    const [re, im] = splitComplex(t.values());
    const part = t.dtype === complex128 ? float64 : float32;
    const summarize = numel(t.shape) > PRINT_OPTS.threshold;
    const reView: View = { values: re, shape: t.shape, offset: 0 };
    const imView: View = { values: im, shape: t.shape, offset: 0 };
    const elements = (v: View) => (summarize ? summarizedElements(v) : viewElements(v));
    const formatter = new ComplexFormatter(
      new Formatter(part, elements(reView)),
      new Formatter(part, elements(imView)),
      im,
    );
    return tensorStrWithFormatter(reView, indent, summarize, formatter);
  }
  const view: View = { values: t.values(), shape: t.shape, offset: 0 };
  const summarize = numel(t.shape) > PRINT_OPTS.threshold;
  const formatter = new Formatter(t.dtype, summarize ? summarizedElements(view) : viewElements(view));
  return tensorStrWithFormatter(view, indent, summarize, formatter);
}

/** Appends ", suffix" items, moving one onto its own line when it would pass linewidth. */
function addSuffixes(tensorText: string, suffixes: readonly string[], indent: number): string {
  const parts = [tensorText];
  // PyTorch's arithmetic, off-by-ones included (rfind gives -1 when there is no newline).
  let lastLineLength = tensorText.length - tensorText.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > PRINT_OPTS.linewidth) {
      parts.push(",\n" + " ".repeat(indent) + suffix);
      lastLineLength = indent + suffix.length;
    } else {
      parts.push(", " + suffix);
      lastLineLength += suffix.length + 2;
    }
  }
  parts.push(")");
  return parts.join("");
}

/** dtypes PyTorch considers implied by the printed values, so it prints no dtype= for them. */
const DTYPES_WITHOUT_SUFFIX = new Set(["float32", "int64", "bool"]);

/** The complex dtype of the default float dtype, which PyTorch prints no dtype= for. */
function defaultComplexDtype(): DType {
  return defaultFloatDtype() === float64 ? complex128 : complex64;
}

/** Exactly what Python's repr(t) prints, e.g. "tensor([1., 2., 3.], requires_grad=True)". */
export function tensorRepr(t: PrintableTensor, suffixes: ReprSuffixes = {}): string {
  const prefix = "tensor(";
  const indent = prefix.length;
  const dtypeText = `dtype=torch.${t.dtype.name}`;
  const parts: string[] = [];
  let body: string;
  if (numel(t.shape) === 0) {
    // Only (0,) is implied by "[]"; and with no values to show, every non-default dtype is named.
    if (t.shape.length !== 1) parts.push("size=" + pyTupleStr(t.shape));
    if (t.dtype.name !== "float32") parts.push(dtypeText);
    body = "[]";
  } else {
    if (!DTYPES_WITHOUT_SUFFIX.has(t.dtype.name) && t.dtype !== defaultComplexDtype()) parts.push(dtypeText);
    body = tensorStr(t, indent);
  }
  if (suffixes.gradFnName) parts.push(`grad_fn=<${suffixes.gradFnName}>`);
  else if (suffixes.requiresGrad) parts.push("requires_grad=True");
  return addSuffixes(prefix + body, parts, indent);
}

/** What nn.Parameter's repr prints (torch/nn/parameter.py). */
export function parameterRepr(t: PrintableTensor, requiresGrad: boolean): string {
  return "Parameter containing:\n" + tensorRepr(t, { requiresGrad });
}

/** Python's format(t) / f"{t}": a 0-dim tensor prints as its Python scalar, anything else as repr. */
export function tensorFormat(t: PrintableTensor, suffixes: ReprSuffixes = {}): string {
  if (t.shape.length === 0 && t.dtype.is_complex)
    return pyComplexRepr(t.values()[0]!, t.values()[1]!, t.dtype);
  if (t.shape.length === 0) return pyScalarRepr(t.values()[0]!, t.dtype);
  return tensorRepr(t, suffixes);
}

/** Python's repr of a complex number: `(1.5-2j)`, `2j`, `(nan+infj)`, components in repr(float) without ".0". */
export function pyComplexRepr(re: number, im: number, dtype: DType): string {
  const part = dtype === complex128 ? float64 : float32;
  const comp = (v: number): string => {
    const s = pyScalarRepr(v, part);
    return s.endsWith(".0") ? s.slice(0, -2) : s;
  };
  const imText = comp(im);
  if (re === 0 && !Object.is(re, -0)) return `${imText}j`;
  const sign = imText.startsWith("-") ? "" : "+";
  return `(${comp(re)}${sign}${imText}j)`;
}
